"""Figures that agree with what they count (issue 13): one set of changes, read on the home
page, the "you said, we did" page, a service's page and a member's account.

"Changes made" counts only the changes done; those in progress and those agreed are counted
as such; a change that was not possible is never counted as made; and a change no response
shaped says so in words, never "0 responses shaped it"."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from boardhub.demo.factories import (
    ChangeFeedbackLinkFactory,
    ChangeRecordFactory,
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
    FeedbackFactory,
    ServiceFactory,
    UserFactory,
)
from boardhub.impact.models import (
    ChangeConsultation,
    ChangeRecord,
    ChangeService,
    ChangeStatus,
    YouSaidWeDidPage,
)
from boardhub.impact.public_views import change_figures
from home.models import HomePage

pytestmark = pytest.mark.django_db

ACCOUNT = "/account/what-my-feedback-changed/"


def make_change(title, status, agreed_on, services=(), consultations=(), responses=(), **kw):
    change = ChangeRecordFactory(title=title, status=status, agreed_on=agreed_on, **kw)
    for service in services:
        ChangeService.objects.create(change=change, service=service)
    for consultation in consultations:
        ChangeConsultation.objects.create(change=change, consultation=consultation)
    for feedback in responses:
        ChangeFeedbackLinkFactory(change=change, feedback=feedback)
    return change


@pytest.fixture
def data():
    """Five published changes, one of each status and a done one no response shaped, and a
    draft that counts for nothing. Two of the responses are the member's."""
    home = HomePage.objects.get()
    home.add_child(instance=YouSaidWeDidPage(title="You said, we did", slug="you-said-we-did"))
    index = ConsultationIndexPageFactory(parent=home)
    consultation = ConsultationPageFactory(parent=index, title="Care at home")
    home_care = ServiceFactory(name="Home care", slug="home-care")
    breaks = ServiceFactory(name="Short breaks", slug="short-breaks")
    member = UserFactory(verified=True)
    mine_1 = FeedbackFactory(page=consultation, member=member)
    mine_2 = FeedbackFactory(page=consultation, member=member)
    someone_else = FeedbackFactory(page=consultation)
    day = datetime.date(2026, 3, 1)
    made = {"services": [home_care], "consultations": [consultation]}
    make_change(
        "Evening visits",
        ChangeStatus.DONE,
        day,
        done_on=day,
        responses=[mine_1, someone_else],
        **made,
    )
    make_change("Named carers", ChangeStatus.IN_PROGRESS, day, responses=[mine_1], **made)
    make_change(
        "Weekend visits",
        ChangeStatus.AGREED,
        day,
        services=[home_care, breaks],
        consultations=[consultation],
        responses=[mine_2],
    )
    make_change(
        "The same carer every day",
        ChangeStatus.NOT_POSSIBLE,
        day,
        not_possible_reason="There are not enough carers.",
        responses=[mine_2],
        **made,
    )
    make_change(
        "Breaks booked by phone",
        ChangeStatus.DONE,
        day + datetime.timedelta(days=1),
        done_on=day + datetime.timedelta(days=1),
        services=[breaks],
    )
    make_change("A draft", ChangeStatus.DONE, day, live=False, services=[breaks])
    return {"member": member, "home_care": home_care, "breaks": breaks}


def figures_on(html):
    soup = BeautifulSoup(html, "html.parser")
    return [item.get_text(" ", strip=True) for item in soup.select(".change-totals li")]


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


EVERYTHING = [
    "2 changes made",  # the two done: never the agreed, in progress or not possible ones
    "2 services changed",  # by the changes done: not "Short breaks" twice, not the draft's
    "1 change in progress",
    "1 change agreed, not started yet",
    "1 change we could not make",
    "3 responses from people shaped them",  # each counted once
]


def test_the_home_page_and_the_record_give_the_same_honest_figures(client, data):
    home = html_of(client, "/")
    record = html_of(client, "/you-said-we-did/")

    assert figures_on(home) == EVERYTHING
    assert figures_on(record) == EVERYTHING
    for html in (home, record):
        assert "0 responses" not in html
    # The done change that no response shaped says so, in words.
    assert "No responses are linked to it" in home
    assert "No responses are linked to it" in record


def test_a_service_page_counts_its_own_changes_the_same_way(client, data):
    home_care = html_of(client, "/you-said-we-did/services/home-care/")
    breaks = html_of(client, "/you-said-we-did/services/short-breaks/")

    assert figures_on(home_care) == [
        "1 change made",
        "1 change in progress",
        "1 change agreed, not started yet",
        "1 change we could not make",
        "3 responses from people shaped them",
        "1 consultation they came from",
    ]
    assert figures_on(breaks) == [
        "1 change made",
        "1 change agreed, not started yet",
        "1 response from people shaped them",
        "1 consultation they came from",
    ]
    assert "0 responses" not in breaks
    assert "No responses are linked to it" in breaks


def test_a_change_page_says_in_words_that_no_response_shaped_it(client, data):
    change = ChangeRecord.objects.get(title="Breaks booked by phone")

    html = html_of(client, f"/you-said-we-did/changes/{change.pk}/")

    soup = BeautifulSoup(html, "html.parser")
    row = next(
        row
        for row in soup.select(".summary-list__row")
        if row.dt.get_text(strip=True) == "Responses that shaped it"
    )
    assert row.dd.get_text(" ", strip=True) == "None: no responses are linked to it"


def test_a_members_account_counts_what_their_responses_shaped_the_same_way(client, data):
    client.force_login(data["member"])

    html = html_of(client, ACCOUNT)

    assert figures_on(html) == [
        "1 change made",
        "1 change in progress",
        "1 change agreed, not started yet",
        "1 change we could not make",
        "2 of your responses shaped them",
    ]
    # Each response names the changes it shaped, whatever they are up to: never "changed"
    # for a change not made yet.
    assert html.count("They helped to shape 2 changes:") == 2
    assert "They helped to change" not in html


def test_the_figures_take_one_query(data):
    with CaptureQueriesContext(connection) as queries:
        figures = change_figures(ChangeRecord.objects.published(), services=True)

    assert len(queries) == 1
    assert figures == {
        "done": 2,
        "in_progress": 1,
        "agreed": 1,
        "not_possible": 1,
        "responses": 3,
        "services": 2,
        "changes": 5,
    }


def test_publishing_a_change_as_done_moves_it_from_agreed_to_made_on_the_home_page(client, data):
    change = ChangeRecord.objects.get(title="Weekend visits")
    change.status = ChangeStatus.DONE
    change.done_on = datetime.date(2026, 3, 2)
    change.save_revision().publish()

    assert figures_on(html_of(client, "/"))[:3] == [
        "3 changes made",
        "2 services changed",
        "1 change in progress",
    ]


def test_a_service_page_counts_only_the_consultations_the_public_can_see(client, data):
    hidden = ConsultationPageFactory(
        parent=ConsultationIndexPageFactory(parent=HomePage.objects.get(), slug="private"),
        title="Behind a password",
    )
    PageViewRestriction.objects.create(
        page=hidden, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    change = ChangeRecord.objects.get(title="Breaks booked by phone")
    ChangeConsultation.objects.create(change=change, consultation=hidden)

    html = html_of(client, "/you-said-we-did/services/short-breaks/")

    assert "1 consultation they came from" in figures_on(html)
