"""Signing in: allauth's flow, in the site's own words and design."""

import pytest

from boardhub.members.models import User
from tests.factories import TEST_PASSWORD, UserFactory

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
