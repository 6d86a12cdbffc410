"""Signing in with a code sent by email, for members who find passwords hard (WCAG 3.3.8)."""

import re

import pytest
import time_machine
from django.utils import timezone

from boardhub.demo.factories import UserFactory

pytestmark = pytest.mark.django_db

REQUEST_URL = "/accounts/login/code/"
CONFIRM_URL = "/accounts/login/code/confirm/"


def code_from(email):
    return re.search(r"sign in to Coproduction Board:\s+(\S+)", email.body).group(1)


def request_code(client, emails_sent, address):
    with emails_sent() as outbox:
        response = client.post(REQUEST_URL, {"email": address})
    return response, outbox


def test_requesting_a_code_looks_the_same_whether_or_not_the_account_exists(client, emails_sent):
    member = UserFactory(verified=True)

    known, outbox = request_code(client, emails_sent, member.email)
    client.cookies.clear()
    unknown, outbox = request_code(client, emails_sent, "nobody@example.org")

    assert known.status_code == unknown.status_code == 302
    assert known.url == unknown.url == CONFIRM_URL
    # The confirm page reads the same too (it names the address the person typed).
    assert client.get(CONFIRM_URL).status_code == 200
    assert [email.to for email in outbox] == [[member.email], ["nobody@example.org"]]
    assert outbox[1].subject == "You do not have a Coproduction Board account"


def test_the_code_from_the_email_signs_in(client, emails_sent):
    member = UserFactory(verified=True)
    __, outbox = request_code(client, emails_sent, member.email)

    assert outbox[0].subject == "Your sign-in code"
    response = client.post(CONFIRM_URL, {"code": code_from(outbox[0])})

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(member.pk)


def test_the_email_has_a_plain_text_and_an_html_part(client, emails_sent):
    member = UserFactory(verified=True, display_name="Joan")
    __, outbox = request_code(client, emails_sent, member.email)

    email = outbox[0]
    code = code_from(email)
    html, mimetype = email.alternatives[0]
    assert mimetype == "text/html"
    assert f"<strong>{code}</strong>" in html
    assert "works once, for 15 minutes" in email.body


def test_a_code_works_once_only(client, emails_sent):
    member = UserFactory(verified=True)
    __, outbox = request_code(client, emails_sent, member.email)
    code = code_from(outbox[0])
    client.post(CONFIRM_URL, {"code": code})
    client.post("/accounts/logout/")
    assert "_auth_user_id" not in client.session

    response = client.post(CONFIRM_URL, {"code": code})

    assert "_auth_user_id" not in client.session
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_a_code_expires_after_15_minutes(client, emails_sent):
    member = UserFactory(verified=True)
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        __, outbox = request_code(client, emails_sent, member.email)
        traveller.shift(15 * 60 + 1)

        response = client.post(CONFIRM_URL, {"code": code_from(outbox[0])})

        assert "_auth_user_id" not in client.session
    assert response.status_code in (200, 302)


def test_a_wrong_code_says_what_to_do(client, emails_sent):
    member = UserFactory(verified=True)
    request_code(client, emails_sent, member.email)

    response = client.post(CONFIRM_URL, {"code": "WRONG1"})

    assert "That code is not right." in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_three_wrong_codes_use_the_code_up(client, emails_sent):
    member = UserFactory(verified=True)
    __, outbox = request_code(client, emails_sent, member.email)
    for __ in range(3):
        client.post(CONFIRM_URL, {"code": "WRONG1"})

    client.post(CONFIRM_URL, {"code": code_from(outbox[0])})

    assert "_auth_user_id" not in client.session
