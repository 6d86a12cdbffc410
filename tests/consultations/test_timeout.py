"""A sign-in running out while someone answers (WCAG 2.2.1): they are warned and can keep it
(static/js/session-timeout.js and /account/keep-signed-in/), and if it does run out, nothing
they typed is lost."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone

from boardhub.consultations.models import Feedback
from boardhub.demo.factories import TEST_PASSWORD, ConsultationPageFactory, UserFactory
from tests.consultations.conftest import check_answers

pytestmark = pytest.mark.django_db

TYPED = {"what_works_well_for_you": "My carer comes on time.", "the_service_is_easy_to_use": "2"}
KEEP = "/account/keep-signed-in/"


@pytest.fixture
def consultation(index):
    return ConsultationPageFactory(parent=index, audience="members", title="Care at home")


@pytest.fixture
def member():
    return UserFactory(verified=True)


def sign_in(client, member, next_url):
    response = client.post(
        f"/accounts/login/?next={next_url}", {"login": member.email, "password": TEST_PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == next_url
    return response


def shows_typed_answers(content):
    return "My carer comes on time." in content and re.search(
        r'name="the_service_is_easy_to_use" value="2"[^>]*checked', content
    )


def test_answers_posted_after_the_sign_in_ran_out_are_there_after_signing_in(
    client, consultation, member
):
    posted = client.post(consultation.url, {**TYPED, "action": "continue"})

    assert posted.status_code == 302
    assert posted["Location"] == f"/accounts/login/?next={consultation.url}"
    login_page = client.get(posted["Location"]).content.decode()
    assert "We have kept your answers" in login_page
    sign_in(client, member, consultation.url)
    content = client.get(consultation.url).content.decode()
    assert shows_typed_answers(content)
    assert not Feedback.objects.exists()


def test_answers_on_the_check_page_survive_the_sign_in_running_out(client, consultation, member):
    client.force_login(member)
    checking = check_answers(client, consultation, TYPED).content.decode()
    key = re.search(r'name="idempotency_key" value="([^"]+)"', checking).group(1)
    signed = re.search(r'name="answers" value="([^"]+)"', checking).group(1)
    client.logout()  # the session has gone: as when it runs out

    posted = client.post(
        consultation.url + "check-your-answers/", {"idempotency_key": key, "answers": signed}
    )

    assert posted["Location"] == f"/accounts/login/?next={consultation.url}"
    sign_in(client, member, consultation.url)
    assert shows_typed_answers(client.get(consultation.url).content.decode())
    assert not Feedback.objects.exists()


def test_tampered_answers_are_not_kept(client, consultation, member):
    """Answers whose signature does not match are dropped, though they read as real answers."""
    client.force_login(member)
    checking = check_answers(client, consultation, TYPED).content.decode()
    key = re.search(r'name="idempotency_key" value="([^"]+)"', checking).group(1)
    signed = re.search(r'name="answers" value="([^"]+)"', checking).group(1)
    tampered = signed[:-1] + ("A" if signed[-1] != "A" else "B")
    client.logout()

    posted = client.post(
        consultation.url + "check-your-answers/", {"idempotency_key": key, "answers": tampered}
    )

    assert posted.status_code == 302
    sign_in(client, member, consultation.url)
    assert "My carer" not in client.get(consultation.url).content.decode()


def test_kept_answers_go_once_the_form_is_sent_on(client, consultation, member):
    client.post(consultation.url, {**TYPED, "action": "continue"})
    sign_in(client, member, consultation.url)
    check_answers(client, consultation, {**TYPED, "what_works_well_for_you": "Changed my mind."})
    assert "consultation_answers_before_sign_in" not in client.session or (
        str(consultation.pk) not in client.session["consultation_answers_before_sign_in"]
    )


def test_kept_answers_are_not_shown_to_someone_not_signed_in(client, consultation):
    client.post(consultation.url, {**TYPED, "action": "continue"})
    content = client.get(consultation.url).content.decode()
    assert "My carer comes on time." not in content


# The warning before it runs out


def test_a_signed_in_member_gets_the_warning_script_and_what_it_needs(client, consultation, member):
    client.force_login(member)

    form_page = client.get(consultation.url).content.decode()
    checking = check_answers(client, consultation, TYPED).content.decode()

    for content in (form_page, checking):
        assert '<script src="/static/js/session-timeout.js" defer></script>' in content
        assert f'data-session-seconds="{settings.SESSION_COOKIE_AGE}"' in content
        assert f'data-keep-signed-in-url="{KEEP}"' in content
        assert "<script>" not in content  # nothing inline: the CSP forbids it


def test_no_warning_script_without_a_sign_in(client, index):
    public = ConsultationPageFactory(parent=index)
    content = client.get(public.url).content.decode()
    assert "session-timeout.js" not in content
    assert "data-session-timeout" not in content


def test_stay_signed_in_refreshes_the_session(client, member):
    """Ten minutes in, staying signed in gives the full time again from now, in the database
    where the session's expiry is kept (not only in the cookie)."""
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        client.force_login(member)
        session_key = client.session.session_key
        signed_in_at = timezone.now()
        traveller.shift(10 * 60)

        response = client.post(KEEP)

        assert response.status_code == 204
        expires = Session.objects.get(session_key=session_key).expire_date
        assert expires == timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE)
        assert expires > signed_in_at + timedelta(seconds=settings.SESSION_COOKIE_AGE)


def test_stay_signed_in_only_takes_a_post_from_someone_signed_in(client, member):
    assert client.post(KEEP)["Location"].startswith("/accounts/login/")
    client.force_login(member)
    assert client.get(KEEP).status_code == 405


def test_stay_signed_in_needs_the_csrf_token(member):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(member)
    assert strict.post(KEEP).status_code == 403
