"""Signing in: allauth's flow, in the site's own words and design."""

import re

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from boardhub.demo.factories import TEST_PASSWORD, UserFactory
from boardhub.members.models import User

pytestmark = pytest.mark.django_db


def test_an_empty_sign_in_says_what_to_enter(client):
    content = client.post("/accounts/login/", {"login": "", "password": ""}).content.decode()

    assert "<title>Error: Sign in" in content
    assert '<a href="#id_login">Enter your email address</a>' in content
    assert '<a href="#id_password">Enter your password</a>' in content


def test_the_sign_in_form_has_labels_and_no_placeholders(client):
    content = client.get("/accounts/login/").content.decode()

    assert '<label class="label" for="id_login">Email address</label>' in content
    assert "placeholder=" not in content
    assert "Keep me signed in on this device" in content


def test_a_member_with_a_verified_email_signs_in_and_can_then_sign_out(client):
    member = UserFactory(verified=True)

    response = client.post(
        "/accounts/login/", {"login": member.email, "password": TEST_PASSWORD}, follow=True
    )

    assert response.wsgi_request.user == member
    menu = response.content.decode()
    assert ">Sign out</a>" in menu
    assert ">Sign in</a>" not in menu


def test_nobody_can_sign_themselves_up(client):
    response = client.post(
        "/accounts/signup/",
        {"email": "new@example.org", "password1": TEST_PASSWORD, "password2": TEST_PASSWORD},
    )

    assert '<h1 class="heading-xl">How to join the board</h1>' in response.content.decode()
    assert not User.objects.filter(email="new@example.org").exists()


def test_the_sign_in_page_offers_a_code_instead_and_a_password_reset(client):
    content = client.get("/accounts/login/").content.decode()

    assert 'href="/accounts/login/code/">Send me a sign-in code instead</a>' in content
    assert 'href="/accounts/password/reset/">Forgotten your password?</a>' in content
    assert 'autocomplete="current-password"' in content
    assert 'autocomplete="email"' in content


def test_email_in_different_letter_case_signs_into_the_same_account(client):
    member = UserFactory(email="sam.jones@example.org", verified=True)

    response = client.post(
        "/accounts/login/", {"login": "Sam.JONES@Example.org", "password": TEST_PASSWORD}
    )

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(member.pk)


def test_a_wrong_password_says_so_in_plain_english_and_signs_no_one_in(client):
    member = UserFactory(verified=True)

    response = client.post("/accounts/login/", {"login": member.email, "password": "wrong"})

    assert response.status_code == 200
    assert "The email address or password is not right." in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_five_wrong_passwords_lock_the_account_for_a_while_even_for_the_right_one(client):
    member = UserFactory(verified=True)
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        for __ in range(5):
            client.post("/accounts/login/", {"login": member.email, "password": "wrong-guess"})

        response = client.post(
            "/accounts/login/", {"login": member.email.upper(), "password": TEST_PASSWORD}
        )

        assert response.status_code == 200
        assert "too many wrong passwords for this email address" in response.content.decode()
        assert "_auth_user_id" not in client.session

        traveller.shift(5 * 60 + 1)
        response = client.post(
            "/accounts/login/", {"login": member.email, "password": TEST_PASSWORD}
        )

        assert response.status_code == 302
        assert client.session["_auth_user_id"] == str(member.pk)


def test_an_unverified_email_address_cannot_sign_in(client, emails_sent):
    member = UserFactory()  # no verified email address

    with emails_sent() as sent_emails:
        response = client.post(
            "/accounts/login/", {"login": member.email, "password": TEST_PASSWORD}, follow=True
        )

    assert "_auth_user_id" not in client.session
    assert '<h1 class="heading-xl">Check your email</h1>' in response.content.decode()
    assert sent_emails[-1].subject == "Confirm your email address"


@pytest.mark.parametrize(
    "next_url", ["https://evil.example.org/", "//evil.example.org/", "http://evil.example.org"]
)
def test_a_next_address_on_another_site_is_ignored(client, next_url):
    member = UserFactory(verified=True)

    response = client.post(
        f"/accounts/login/?next={next_url}",
        {"login": member.email, "password": TEST_PASSWORD, "next": next_url},
    )

    assert response.status_code == 302
    assert response.url == "/"
    assert "evil" not in response.url


def test_a_next_address_on_this_site_is_followed(client):
    member = UserFactory(verified=True)

    response = client.post(
        "/accounts/login/",
        {"login": member.email, "password": TEST_PASSWORD, "next": "/account/profile/"},
    )

    assert response.url == "/account/profile/"


@pytest.mark.parametrize(
    "url",
    ["/accounts/login/", "/accounts/login/code/", "/accounts/password/reset/"],
)
def test_a_post_without_a_csrf_token_is_refused(url):
    member = UserFactory(verified=True)
    client = Client(enforce_csrf_checks=True)

    response = client.post(
        url, {"login": member.email, "password": TEST_PASSWORD, "email": member.email}
    )

    assert response.status_code == 403
    assert "_auth_user_id" not in client.session


def test_password_reset_looks_the_same_whether_or_not_the_account_exists(client, emails_sent):
    member = UserFactory(verified=True)

    with emails_sent() as sent_emails:
        known = client.post("/accounts/password/reset/", {"email": member.email})
        unknown = client.post("/accounts/password/reset/", {"email": "nobody@example.org"})

    assert known.status_code == unknown.status_code == 302
    assert known.url == unknown.url == "/accounts/password/reset/done/"
    assert [email.to for email in sent_emails] == [[member.email], ["nobody@example.org"]]
    assert sent_emails[0].subject == "Reset your password"
    assert sent_emails[1].subject == "You do not have a Coproduction Board account"


def test_a_password_reset_link_lets_a_member_choose_a_new_password(client, emails_sent):
    member = UserFactory(verified=True)
    with emails_sent() as sent_emails:
        client.post("/accounts/password/reset/", {"email": member.email})
    link = re.search(r"http://testserver(/accounts/password/reset/key/\S+)", sent_emails[0].body)

    page = client.get(link.group(1), follow=True)
    form_url = page.redirect_chain[-1][0] if page.redirect_chain else link.group(1)
    response = client.post(
        form_url, {"password1": "a brand new passphrase", "password2": "a brand new passphrase"}
    )

    assert response.status_code == 302
    member.refresh_from_db()
    assert member.check_password("a brand new passphrase")


def test_passwords_need_at_least_12_characters(client):
    member = UserFactory(verified=True)
    client.post("/accounts/login/", {"login": member.email, "password": TEST_PASSWORD})

    response = client.post(
        "/accounts/password/change/",
        {"oldpassword": TEST_PASSWORD, "password1": "elevenchars", "password2": "elevenchars"},
    )

    assert response.status_code == 200
    assert "at least 12 characters" in response.content.decode()
    member.refresh_from_db()
    assert member.check_password(TEST_PASSWORD)


def test_a_member_can_change_their_password_and_paste_is_not_blocked(client):
    member = UserFactory(verified=True)
    client.post("/accounts/login/", {"login": member.email, "password": TEST_PASSWORD})
    page = client.get("/accounts/password/change/").content.decode()

    response = client.post(
        "/accounts/password/change/",
        {
            "oldpassword": TEST_PASSWORD,
            "password1": "twelve or more characters",
            "password2": "twelve or more characters",
        },
    )

    assert response.status_code == 302
    member.refresh_from_db()
    assert member.check_password("twelve or more characters")
    assert 'autocomplete="new-password"' in page
    assert 'autocomplete="current-password"' in page
    for blocker in ("onpaste", "oncopy", "placeholder="):
        assert blocker not in page


def test_people_without_an_account_are_shown_how_to_join(client):
    menu = client.get("/").content.decode()
    sign_in_page = client.get("/accounts/login/").content.decode()

    assert 'href="/join/">Join the board</a>' in menu
    assert 'href="/join/">Apply to join the board</a>' in sign_in_page
