"""Limits on public forms that stop one robot without stopping a group on one connection, and
refusals that keep what was typed and say honestly why and until when (boardhub.core.spam).

Every client here comes from the test client's one address, 127.0.0.1: a library, a day
centre or a care home."""

import copy
import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from boardhub.consultations.models import Feedback
from boardhub.demo.factories import (
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
    UserFactory,
)
from boardhub.joining.models import Application
from home.models import HomePage
from tests.conftest import SignedInClient
from tests.consultations.conftest import check_answers, idempotency_key, send_answers

pytestmark = pytest.mark.django_db

ANSWERS = {"what_works_well_for_you": "The carers are kind.", "the_service_is_easy_to_use": "4"}
# 2:03pm in London (GMT in December): an hour on, and rounded up to the minute, is 3:04pm.
NOW = datetime.datetime(2026, 12, 2, 14, 3, 20, tzinfo=datetime.UTC)


@pytest.fixture
def consultation():
    index = ConsultationIndexPageFactory(parent=HomePage.objects.get(), title="Consultations")
    # Open at NOW, which some tests travel to, as well as today.
    return ConsultationPageFactory(
        parent=index,
        opens_at=min(NOW, timezone.now()) - datetime.timedelta(days=1),
        closes_at=max(NOW, timezone.now()) + datetime.timedelta(days=14),
    )


@pytest.fixture
def limits(settings):
    """The limits, for this test to change: a copy, put back when the test ends (changing
    the settings' own dictionary would change them for every test after this one)."""
    settings.BOARDHUB_RATE_LIMITS = copy.deepcopy(settings.BOARDHUB_RATE_LIMITS)
    return settings.BOARDHUB_RATE_LIMITS


def application(email):
    return {
        "name": "Pat Applicant",
        "email": email,
        "contact_method": "email",
        "support_needs": "Large print papers, please.",
        "consent": "on",
    }


# A group on one connection


def test_twelve_people_on_one_connection_all_send_their_answers(consultation):
    for person in range(12):
        response = send_answers(SignedInClient(), consultation, ANSWERS)
        assert response.status_code == 200, f"person {person + 1} was refused"

    assert Feedback.objects.count() == 12


def test_the_limits_leave_room_for_a_group(limits):
    answers = limits["consultations:answers"]
    assert answers["per_address"] >= 5 * 12 > answers["per_session"] >= 5


# One browser sending too many


@time_machine.travel(NOW, tick=False)
def test_one_browser_sending_too_many_is_refused_and_keeps_its_answers(
    client, consultation, limits
):
    for _ in range(limits["consultations:answers"]["per_session"]):
        send_answers(client, consultation, ANSWERS)
    typed = {"what_works_well_for_you": "The visits are too short.", "action": "continue"}

    response = client.post(consultation.url, typed)

    content = response.content.decode()
    assert response.status_code == 429
    assert response["Retry-After"] == "3601"  # an hour, to the second
    assert "Your answers have not been sent yet" in content
    assert "You have sent a lot of answers from this browser in the last hour" in content
    assert "internet address" not in content
    assert "You can send your answers after 3:04pm" in content
    assert "The visits are too short." in content  # in the form, to send later
    assert Feedback.objects.count() == limits["consultations:answers"]["per_session"]


def test_a_refusal_at_send_my_answers_keeps_them_to_check_and_send_later(
    client, consultation, limits
):
    # Two consultations open in one browser: this one waits on "Check your answers" while
    # the other uses up what the browser may send.
    other = ConsultationPageFactory(parent=consultation.get_parent())
    check_answers(client, consultation, {"what_works_well_for_you": "Later visits."})
    for _ in range(limits["consultations:answers"]["per_session"]):
        send_answers(client, other, ANSWERS)

    response = client.post(
        consultation.url + "check-your-answers/",
        {"idempotency_key": idempotency_key(client, consultation)},
    )

    content = response.content.decode()
    assert response.status_code == 429
    assert "You have sent a lot of answers from this browser" in content
    assert "Check your answers before you send them" in content
    assert "Later visits." in content
    assert "Send my answers" in content
    assert not Feedback.objects.filter(page=consultation).exists()


def test_a_board_member_who_is_signed_in_is_never_limited(client, consultation, limits):
    # A consultation that takes more than one answer from each member, so that only the
    # rate limit could refuse them.
    consultation.allow_more_than_one_answer = True
    consultation.save(update_fields=["allow_more_than_one_answer"])
    client.force_login(UserFactory())
    for _ in range(limits["consultations:answers"]["per_session"] + 1):
        assert send_answers(client, consultation, ANSWERS).status_code == 200


# A flood of fresh sessions from one address


@time_machine.travel(NOW, tick=False)
def test_the_address_ceiling_stops_a_flood_of_fresh_sessions(consultation, limits):
    limits["consultations:answers"]["per_address"] = 4
    for _ in range(4):
        send_answers(SignedInClient(), consultation, ANSWERS)

    response = SignedInClient().post(consultation.url, ANSWERS)

    content = response.content.decode()
    assert response.status_code == 429
    assert "Too many answers have come from this internet address in the last hour" in content
    assert "You can send your answers after 3:04pm" in content
    assert "The carers are kind." in content
    assert Feedback.objects.count() == 4
    # Someone on another connection is not touched.
    assert SignedInClient(REMOTE_ADDR="10.0.0.9").post(consultation.url, ANSWERS).status_code == 302


@time_machine.travel(NOW, tick=False)
def test_joining_refuses_a_flood_from_one_address_and_keeps_what_was_typed(
    limits, django_capture_on_commit_callbacks
):
    limits["joining:applications"]["per_address"] = 2
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(2):
            SignedInClient().post("/join/", application(f"p{number}@example.org"))
        response = SignedInClient().post("/join/", application("one-more@example.org"))

    content = response.content.decode()
    assert response.status_code == 429
    assert response["Retry-After"] == "3601"
    assert "Too many applications have come from this internet address" in content
    assert "You can send it after 3:04pm" in content
    assert 'value="one-more@example.org"' in content
    assert "Large print papers, please." in content
    assert not Application.objects.filter(email="one-more@example.org").exists()


# allauth's limit on failed sign-ins


def sign_in(client, email, password=None):
    """Sign in with `password`, or with a wrong one."""
    password = password or f"not-the-password-of-{email}"
    return client.post(reverse("account_login"), {"login": email, "password": password})


@time_machine.travel(NOW, tick=False)
def test_too_many_wrong_passwords_for_one_email_address_say_so_and_when(client):
    UserFactory(email="pat@example.org", password="the-real-password-2026")
    for _ in range(5):
        sign_in(client, "pat@example.org")

    response = sign_in(client, "pat@example.org", "the-real-password-2026")

    content = response.content.decode()
    assert "There have been too many wrong passwords for this email address" in content
    assert "Try again after 2:09pm" in content  # 5 minutes after the first, rounded up
    assert "internet address" not in content
    assert "_auth_user_id" not in client.session


@time_machine.travel(NOW, tick=False)
def test_too_many_failed_sign_ins_from_one_address_say_it_is_the_address(client):
    for number in range(10):
        sign_in(client, f"person{number}@example.org")

    response = sign_in(client, "someone-else@example.org")

    content = response.content.decode()
    assert "Too many sign-in attempts have come from this internet address" in content
    assert "Try again after 2:05pm" in content  # a minute after the first, rounded up
    assert "this email address" not in content
