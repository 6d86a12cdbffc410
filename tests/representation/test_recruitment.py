"""Recruitment: how applicants heard of the board (and at which outreach event), their
equality answers with consent, and the funnel from applications to active members, by source
and by event, every count suppressed."""

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from boardhub.demo.factories import (
    ApplicationFactory,
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
    FeedbackFactory,
)
from boardhub.joining.models import Application, HowHeard, Invitation, OutreachEvent
from boardhub.members.models import EqualityMonitoring
from home.models import HomePage
from tests.joining.conftest import make_officer
from tests.joining.test_support_carried import approve_and_join
from tests.representation.conftest import member

pytestmark = pytest.mark.django_db

RECRUITMENT = "/admin/who-is-on-the-board/recruitment/"


@pytest.fixture
def event(db):
    return OutreachEvent.objects.create(
        name="Carers' coffee morning",
        date=timezone.localdate(),
        place="Brookside community hub",
        community="Unpaid carers",
        people_came=23,
    )


@pytest.fixture
def at_an_event():
    return HowHeard.objects.get(is_event=True)


def text(html):
    return " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split())


def join_form(**changes):
    data = {
        "name": "Pat Applicant",
        "email": "pat@example.org",
        "contact_method": "email",
        "consent": "on",
    }
    data.update(changes)
    return data


def test_the_join_form_asks_how_they_heard_and_at_which_event(client, event, at_an_event):
    page = text(client.get("/join/").content.decode())
    assert "How did you hear about the board?" in page
    assert "One of the board's events" in page  # the list officers manage (joining 0005)
    assert str(event) in page

    client.post(
        "/join/",
        join_form(
            heard_from=at_an_event.pk,
            outreach_event=event.pk,
            age_band="75_84",
            sex="female",
            equality_consent="on",
        ),
    )
    application = Application.objects.get()
    assert (application.heard_from, application.outreach_event) == (at_an_event, event)
    assert (application.age_band, application.sex) == ("75_84", "female")
    assert application.equality_consented_at is not None


def test_equality_answers_without_consent_are_refused_and_kept(client):
    response = client.post("/join/", join_form(age_band="75_84", support_needs="A quiet room"))
    page = response.content.decode()
    assert "Tick the box if we can use your answers about you" in page
    assert "A quiet room" in page
    soup = BeautifulSoup(page, "html.parser")
    assert soup.find("input", attrs={"name": "age_band", "value": "75_84"}).has_attr("checked")
    assert not Application.objects.exists()


def test_officers_reviewing_never_see_an_applicants_equality_answers(client, event):
    application = ApplicationFactory(
        ethnic_group="white_roma",
        disability="yes_a_lot",
        equality_consented_at=timezone.now(),
        outreach_event=event,
    )
    client.force_login(make_officer("joining.view_application", "joining.review_application"))
    page = text(client.get(f"/admin/applications/inspect/{application.pk}/").content.decode())
    assert "Carers' coffee morning" in page  # how they heard is for the reviewer
    assert "Roma" not in page and "limited a lot" not in page


def test_equality_answers_given_on_applying_start_the_members_own(
    client, django_capture_on_commit_callbacks
):
    reviewer = make_officer("joining.view_application", "joining.review_application")
    answers = {
        "age_band": "75_84",
        "sex": "female",
        "ethnic_group": "asian_indian",
        "disability": "no",
        "unpaid_carer": "50_plus",
    }
    application = ApplicationFactory(equality_consented_at=timezone.now(), **answers)

    profile = approve_and_join(client, reviewer, application, django_capture_on_commit_callbacks)

    equality = EqualityMonitoring.objects.get(user=profile.user)
    assert {name: getattr(equality, name) for name in answers} == answers


def applications(number, *, event=None, source=None, joined=0):
    """`number` applications, all approved; the first `joined` with a member's account."""
    made = []
    for index in range(number):
        application = ApplicationFactory(
            outreach_event=event, heard_from=source, status=Application.Status.APPROVED
        )
        if index < joined:
            invitation = Invitation(name="A", email=application.email, application=application)
            invitation.set_new_token()
            invitation.accepted_at = timezone.now()
            invitation.accepted_by = member()
            invitation.save()
        made.append(application)
    return made


def funnel_row(html, table_id, label):
    soup = BeautifulSoup(html, "html.parser")
    table = soup.find(id=table_id).find_parent("table")
    row = table.find("th", string=label).find_parent("tr")
    return [" ".join(cell.get_text().split()) for cell in row.find_all("td")]


def test_the_funnel_by_event_and_source(client, officer, event, at_an_event):
    applications(10, event=event, source=at_an_event, joined=10)
    applications(15, source=HowHeard.objects.get(name="Social media"), joined=5)
    client.force_login(officer)
    html = client.get(RECRUITMENT).content.decode()

    assert funnel_row(html, "funnel-events", str(event)) == ["10", "10", "10", "0"]
    assert funnel_row(html, "funnel-sources", "Social media") == ["15", "15", "5", "0"]
    assert funnel_row(html, "funnel-sources", "All applications") == ["25", "25", "15", "0"]
    # What the board did to reach people is listed beside the gaps.
    assert "Carers' coffee morning" in text(html) and "23 people came" in text(html)


def test_a_small_source_is_hidden_and_cannot_be_worked_out(client, officer, event, at_an_event):
    applications(10, event=event, source=at_an_event, joined=10)
    applications(15, source=HowHeard.objects.get(name="Social media"), joined=5)
    applications(2, source=HowHeard.objects.get(name="A poster or leaflet"))
    client.force_login(officer)
    html = client.get(RECRUITMENT).content.decode()

    assert funnel_row(html, "funnel-sources", "A poster or leaflet")[0] == "fewer than 5"
    # 27 - 15 - 10 would give the 2 away: another source's count is hidden with it.
    applied = [
        funnel_row(html, "funnel-sources", name)[0]
        for name in ("One of the board's events", "Social media")
    ]
    assert "hidden" in applied
    assert funnel_row(html, "funnel-sources", "All applications")[0] == "27"


def test_an_applicant_who_joins_moves_the_funnel(client, officer, event, at_an_event):
    applications(10, event=event, source=at_an_event, joined=10)
    client.force_login(officer)
    row = funnel_row(client.get(RECRUITMENT).content.decode(), "funnel-events", str(event))
    assert row[:3] == ["10", "10", "10"]
    applications(5, event=event, source=at_an_event, joined=5)
    row = funnel_row(client.get(RECRUITMENT).content.decode(), "funnel-events", str(event))
    assert row[:3] == ["15", "15", "15"]


def test_taking_part_by_how(client, officer, consultation_with_answers):
    client.force_login(officer)
    page = client.get("/admin/who-is-on-the-board/taking-part/").content.decode()
    soup = BeautifulSoup(page, "html.parser")
    online = soup.find("th", string="Online").find_next("td").get_text().strip()
    assert online == "6"
    assert soup.find("th", string="Paper form").find_next("td").get_text().strip() == "0"


@pytest.fixture
def consultation_with_answers(db):
    index = ConsultationIndexPageFactory(parent=HomePage.objects.get())
    consultation = ConsultationPageFactory(parent=index, title="Care at home")
    for __ in range(6):
        FeedbackFactory(page=consultation, member=member())


def test_who_takes_part_beside_the_board(client, officer, consultation_with_answers):
    # 6 members answered a consultation (ANSWERS: all women aged 45 to 54); 7 more did not.
    for __ in range(7):
        member(sex="male")
    client.force_login(officer)
    soup = BeautifulSoup(
        client.get("/admin/who-is-on-the-board/taking-part/").content, "html.parser"
    )
    table = soup.find(id="part-sex").find_parent("table")

    def row(label):
        cells = table.find("tbody").find("th", string=label).find_parent("tr").find_all("td")
        return [cell.get_text().strip() for cell in cells]

    assert row("Female") == ["6", "6", "0"]
    assert row("Male") == ["7", "0", "7"]
    assert row("All members") == ["13", "6", "7"]
