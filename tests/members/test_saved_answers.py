"""The answers a member saved to finish later, at the top of their account dashboard: each open
consultation's title, its closing date and a "Continue" link back to its questions; never a
closed one's, never another member's (boardhub/consultations/account.py)."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from boardhub.demo.factories import (
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
    FeedbackDraftFactory,
    UserFactory,
)
from home.models import HomePage

pytestmark = pytest.mark.django_db

DASHBOARD = "/account/"
PANEL_HEADING = "Answers you have not sent yet"


@pytest.fixture
def index():
    return ConsultationIndexPageFactory(parent=HomePage.objects.get(), title="Consultations")


@pytest.fixture
def member(client):
    user = UserFactory(verified=True)
    client.force_login(user)
    return user


def in_days(days):
    return timezone.now() + datetime.timedelta(days=days)


def saved_answers(html):
    """(title, closing date, Continue link) of each saved answer the dashboard lists."""
    return re.findall(
        r'<h3 class="heading-m">([^<]+)</h3>\s*<p>Closes <time datetime="[^"]+">([^<]+)</time>'
        r'.*?<a class="button saved-answers__continue" href="([^"]+)">Continue',
        html,
        flags=re.DOTALL,
    )


def test_open_consultations_are_listed_with_their_closing_date_and_a_continue_link(
    client, member, index
):
    later = ConsultationPageFactory(
        parent=index,
        title="Day centres",
        closes_at=timezone.make_aware(datetime.datetime(2099, 3, 2, 17, 0)),
    )
    sooner = ConsultationPageFactory(
        parent=index,
        title="Home care visits",
        closes_at=timezone.make_aware(datetime.datetime(2099, 2, 6, 9, 30)),
    )
    FeedbackDraftFactory(member=member, consultation=later)
    FeedbackDraftFactory(member=member, consultation=sooner)

    html = client.get(DASHBOARD).content.decode()

    assert PANEL_HEADING in html
    # The one that closes soonest first; each link goes straight to the questions.
    assert saved_answers(html) == [
        ("Home care visits", "Friday 6 February 2099, 9:30am", f"{sooner.url}#answer"),
        ("Day centres", "Monday 2 March 2099, 5pm", f"{later.url}#answer"),
    ]
    # Before the links to the rest of the account.
    assert html.index(PANEL_HEADING) < html.index(">Your profile</a>")


def test_the_continue_link_leads_to_the_form_filled_in_with_the_saved_answers(
    client, member, index
):
    consultation = ConsultationPageFactory(parent=index, title="Home care visits")
    FeedbackDraftFactory(
        member=member,
        consultation=consultation,
        answers={"what_works_well_for_you": "The carers are kind"},
    )
    [(__, __, link)] = saved_answers(client.get(DASHBOARD).content.decode())

    page = client.get(link.removesuffix("#answer")).content.decode()

    assert "We have filled in the answers you saved" in page
    assert "The carers are kind" in page


@pytest.mark.parametrize(
    "when",
    [
        {"opens_at": in_days(-30), "closes_at": in_days(-1)},  # closed
        {"opens_at": in_days(3), "closes_at": in_days(30)},  # not open (any more)
    ],
)
def test_a_draft_for_a_consultation_that_is_not_open_is_not_offered(client, member, index, when):
    shut = ConsultationPageFactory(parent=index, title="Respite breaks", **when)
    FeedbackDraftFactory(member=member, consultation=shut)

    html = client.get(DASHBOARD).content.decode()

    assert PANEL_HEADING not in html
    assert "Respite breaks" not in html


def test_an_unpublished_consultations_draft_is_not_offered(client, member, index):
    withdrawn = ConsultationPageFactory(parent=index, title="Respite breaks")
    FeedbackDraftFactory(member=member, consultation=withdrawn)
    withdrawn.unpublish()

    assert "Respite breaks" not in client.get(DASHBOARD).content.decode()


def test_a_member_never_sees_another_members_saved_answers(client, member, index):
    mine = ConsultationPageFactory(parent=index, title="Home care visits")
    theirs = ConsultationPageFactory(parent=index, title="Day centres")
    FeedbackDraftFactory(member=member, consultation=mine)
    other = UserFactory(verified=True)
    FeedbackDraftFactory(member=other, consultation=theirs)
    FeedbackDraftFactory(member=other, consultation=mine, answers={"x": "Their secret words"})

    html = client.get(DASHBOARD).content.decode()

    assert [title for title, __, __ in saved_answers(html)] == ["Home care visits"]
    assert "Day centres" not in html
    assert "Their secret words" not in html


def test_with_nothing_saved_there_is_no_panel(client, member, index):
    ConsultationPageFactory(parent=index, title="Home care visits")

    html = client.get(DASHBOARD).content.decode()

    assert PANEL_HEADING not in html
    assert "Continue" not in html


def count_dashboard_queries(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(DASHBOARD).status_code == 200
    return len(queries)


def test_the_dashboard_makes_as_many_queries_for_six_saved_answers_as_for_one(
    client, member, index
):
    consultations = [ConsultationPageFactory(parent=index) for _ in range(6)]
    FeedbackDraftFactory(member=member, consultation=consultations[0])
    # The first visits cache what every page shows (the navigation, the board's settings).
    client.get(DASHBOARD)
    client.get(DASHBOARD)
    with_one = count_dashboard_queries(client)

    for consultation in consultations[1:]:
        FeedbackDraftFactory(member=member, consultation=consultation)
    with_six = count_dashboard_queries(client)

    assert len(saved_answers(client.get(DASHBOARD).content.decode())) == 6
    assert with_six == with_one
