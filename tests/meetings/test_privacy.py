"""A member's answers to "Are you coming?" and their support needs are in their data download,
deleting their account takes away everything personal while the counts stay, and no public
output ever names a member or gives the link to join online."""

import pytest

from boardhub.demo.factories import (
    ActionFactory,
    MeetingIndexPageFactory,
    MeetingPageFactory,
    PartnerFactory,
    UserFactory,
)
from boardhub.meetings.models import RSVP, ActionUpdate, SupportRequest
from boardhub.privacy.erasure import erase_account
from boardhub.privacy.export import as_json
from home.models import HomePage
from tests.meetings.conftest import hold

pytestmark = pytest.mark.django_db


@pytest.fixture
def rsvp(meeting):
    member = UserFactory()
    answer = RSVP.objects.create(meeting=meeting, member=member, answer="in_person", attended=True)
    SupportRequest.objects.create(rsvp=answer, need="dietary", detail="No nuts, please")
    return answer


def test_the_download_has_the_answer_and_the_support_asked_for(rsvp):
    download = as_json(rsvp.member)

    assert "board_meetings_you_answered_for" in download
    assert rsvp.meeting.title in download
    assert "No nuts, please" in download


def test_deleting_the_account_keeps_the_count_and_nothing_personal(rsvp):
    erase_account(rsvp.member)

    kept = RSVP.objects.get(pk=rsvp.pk)
    assert kept.member is None and kept.answer == "in_person" and kept.attended
    assert not SupportRequest.objects.exists()


def public_outputs(client, meeting, actions_page, partner):
    """Every public address the meetings app serves, each asked for twice: the second answer
    may come from the page cache."""
    index = meeting.get_parent().specific
    addresses = [
        "/",
        index.url,
        f"{index.url}calendar.ics",
        meeting.url,
        f"{meeting.url}meeting.ics",
        actions_page.url,
        f"{actions_page.url}?status=done",
        f"{actions_page.url}partners/{partner.slug}/",
        f"{actions_page.url}open-data/csv/",
        f"{actions_page.url}open-data/json/",
    ]
    for address in addresses * 2:
        response = client.get(address)
        assert response.status_code == 200, address
        body = b"".join(response.streaming_content) if response.streaming else response.content
        yield address, body.decode()


def test_no_public_output_names_a_member_or_gives_the_joining_link(client, actions_page):
    index = MeetingIndexPageFactory(parent=HomePage.objects.get())
    meeting = MeetingPageFactory(
        parent=index, attendance_mode="both", joining_link="https://meet.example.org/secret-room"
    )
    upcoming = MeetingPageFactory(
        parent=index, attendance_mode="both", joining_link="https://meet.example.org/next-room"
    )
    seeded = []
    for number, answer in enumerate(["online", "in_person", "not_coming"]):
        member = UserFactory(first_name="Zebedee", last_name=f"Quartermaine{number}")
        for each in (meeting, upcoming):
            rsvp = RSVP.objects.create(meeting=each, member=member, answer=answer, attended=True)
            SupportRequest.objects.create(rsvp=rsvp, need="other", detail=f"Secret need {number}")
        seeded += [member.last_name, member.email, f"Secret need {number}"]
    hold(meeting)
    meeting.minutes = "<p>A board member asked about buses.</p>"
    meeting.save_revision().publish()
    partner = PartnerFactory()
    action = ActionFactory(meeting=meeting, owner=partner, status="done")
    ActionUpdate.objects.create(action=action, text="Buses now stop at the hub.")

    for address, text in public_outputs(client, meeting, actions_page, partner):
        for secret in seeded + ["secret-room", "next-room"]:
            assert secret not in text, f"{secret} is in {address}"
    assert "3 board members came." in client.get(meeting.url).content.decode()
