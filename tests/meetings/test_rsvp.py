"""A member says whether they are coming and what support they need; they can change it until
the meeting; nobody else sees it; the joining link is for members coming online only."""

import re
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from boardhub.demo.factories import UserFactory
from boardhub.meetings.models import RSVP, MeetingPage, SupportRequest
from boardhub.members.models import MemberProfile

pytestmark = pytest.mark.django_db

LINK = "https://meet.example.org/board-room"


@pytest.fixture
def member():
    user = UserFactory(first_name="Sam", last_name="Jones")
    MemberProfile.objects.create(user=user, formats=["bsl", "easy_read"])
    return user


def is_ticked(page, need):
    return re.search(rf'<input[^>]*value="{need}"[^>]*checked', page) is not None


def answer_at(client, address, **data):
    return client.post(address, {"answer": "in_person", **data})


def answer(client, meeting, **data):
    return answer_at(client, meeting.url + "coming/", **data)


def test_the_form_starts_from_the_members_profile(client, meeting, member):
    client.force_login(member)
    page = client.get(meeting.url).content.decode()

    assert "Are you coming?" in page
    assert is_ticked(page, "bsl_interpreter") and is_ticked(page, "easy_read")
    assert not is_ticked(page, "large_print")


def test_coming_in_person_with_a_bsl_interpreter_and_easy_read_papers(client, meeting, member):
    client.force_login(member)

    response = answer(client, meeting, needs=["bsl_interpreter", "easy_read"])

    assert response.status_code == 302 and response["Location"].endswith("#coming")
    rsvp = RSVP.objects.get(member=member)
    assert rsvp.answer == "in_person"
    assert set(rsvp.support_requests.values_list("need", flat=True)) == {
        "bsl_interpreter",
        "easy_read",
    }
    page = client.get(meeting.url).content.decode()
    assert "You told us: <strong>Yes, in person</strong>" in page


def test_changing_the_answer_keeps_what_was_arranged(client, meeting, member):
    client.force_login(member)
    answer(client, meeting, needs=["bsl_interpreter", "easy_read"])
    SupportRequest.objects.filter(need="bsl_interpreter").update(arranged=True)

    answer(client, meeting, needs=["bsl_interpreter"])

    [kept] = RSVP.objects.get(member=member).support_requests.all()
    assert kept.need == "bsl_interpreter" and kept.arranged
    assert RSVP.objects.count() == 1


def test_a_need_in_their_own_words_needs_the_words_and_keeps_the_rest(client, meeting, member):
    client.force_login(member)

    response = answer(client, meeting, needs=["dietary", "travel"], dietary_detail="")

    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Tell us what you need, so that we can arrange it." in page
    assert is_ticked(page, "travel") and is_ticked(page, "dietary")
    assert not RSVP.objects.exists()


def test_no_answer_once_the_meeting_has_started(client, meeting, member):
    client.force_login(member)
    meeting.starts_at = timezone.now() - timedelta(minutes=5)
    meeting.save_revision().publish()

    response = answer(client, meeting)

    assert response.status_code == 302
    assert not RSVP.objects.exists()
    page = client.get(meeting.url).content.decode()
    assert "This meeting has started, so your answer cannot be changed now." in page


def test_no_answer_to_a_meeting_the_member_cannot_see(client, meeting, member):
    from boardhub.meetings import rsvp

    client.force_login(member)
    address = f"{meeting.url}coming/"
    meeting.unpublish()

    assert answer_at(client, address).status_code == 404
    with pytest.raises(PermissionDenied, match=re.escape(rsvp.NOT_FOR_YOU)):
        rsvp.save_answer(MeetingPage.objects.get(pk=meeting.pk), member, "in_person", [], {})
    assert not RSVP.objects.exists()


def test_signed_out_visitors_are_asked_to_sign_in(client, meeting):
    response = answer(client, meeting)

    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not RSVP.objects.exists()


def test_another_members_answer_is_not_shown(client, meeting, member):
    client.force_login(member)
    answer(client, meeting, needs=["dietary"], dietary_detail="No nuts, please")

    client.force_login(UserFactory())
    page = client.get(meeting.url).content.decode()

    assert "No nuts" not in page and "You told us" not in page


def test_the_joining_link_is_for_members_coming_online(client, meeting, member):
    meeting.attendance_mode = "both"
    meeting.joining_link = LINK
    meeting.save_revision().publish()
    client.force_login(member)

    answer(client, meeting, answer="in_person")
    assert LINK not in client.get(meeting.url).content.decode()

    answer(client, meeting, answer="online")
    response = client.get(meeting.url)
    assert LINK in response.content.decode()
    assert "private" in response.get("Cache-Control", "")
