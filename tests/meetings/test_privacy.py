"""A member's answers to "Are you coming?" and their support needs are in their data download,
and deleting their account takes away everything personal while the counts stay."""

import pytest

from boardhub.demo.factories import UserFactory
from boardhub.meetings.models import RSVP, SupportRequest
from boardhub.privacy.erasure import erase_account
from boardhub.privacy.export import as_json

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
