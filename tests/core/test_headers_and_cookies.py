"""Permissions-Policy on every response, __Host- cookies in production, and messages that
live in the session rather than in a cookie of their own."""

import json
import secrets

import pytest

from boardhub.demo.factories import TEST_PASSWORD, UserFactory
from tests.core.test_security import run_with_production_settings

pytestmark = pytest.mark.django_db


def permissions_policy(response):
    """The header as {feature: [origins]}."""
    policy = {}
    for part in response["Permissions-Policy"].split(","):
        feature, origins = part.strip().split("=", 1)
        policy[feature] = origins.strip("()").split()
    return policy


@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/admin/", "/no-such-page/"])
def test_every_response_turns_off_the_features_the_site_never_uses(client, path):
    policy = permissions_policy(client.get(path))

    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "display-capture"):
        assert policy[feature] == [], feature
    # Passkeys and security keys still work, for the site itself only.
    assert policy["publickey-credentials-get"] == ["self"]
    assert policy["publickey-credentials-create"] == ["self"]


def production_cookie_settings():
    result = run_with_production_settings(
        [
            "-c",
            "import django, json; django.setup(); from django.conf import settings as s; "
            "print(json.dumps({name: getattr(s, name) for name in ("
            "'SESSION_COOKIE_NAME', 'SESSION_COOKIE_SECURE', 'SESSION_COOKIE_DOMAIN', "
            "'SESSION_COOKIE_PATH', 'CSRF_COOKIE_NAME', 'CSRF_COOKIE_SECURE', "
            "'CSRF_COOKIE_DOMAIN', 'CSRF_COOKIE_PATH')}))",
        ],
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="testserver",
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_cookies_carry_the_host_prefix_and_what_it_requires(client, settings):
    production = production_cookie_settings()
    assert production["SESSION_COOKIE_NAME"] == "__Host-sessionid"
    assert production["CSRF_COOKIE_NAME"] == "__Host-csrftoken"
    for name, value in production.items():
        setattr(settings, name, value)
    member = UserFactory(verified=True)

    form = client.get("/accounts/login/", secure=True)
    signed_in = client.post(
        "/accounts/login/", {"login": member.email, "password": TEST_PASSWORD}, secure=True
    )

    assert signed_in.status_code == 302
    # A browser keeps a __Host- cookie only if it is Secure, for path / and has no Domain.
    for cookie in (form.cookies["__Host-csrftoken"], signed_in.cookies["__Host-sessionid"]):
        assert cookie["secure"], cookie.key
        assert cookie["path"] == "/", cookie.key
        assert not cookie["domain"], cookie.key


def test_a_message_is_kept_in_the_session_not_in_a_cookie(client):
    member = UserFactory(verified=True)
    client.force_login(member)

    response = client.post("/account/equality-monitoring/withdraw/")

    assert "messages" not in response.cookies
    shown = client.get(response["Location"])
    assert "We do not have any equality monitoring answers from you." in shown.content.decode()
    assert "messages" not in shown.cookies
    assert "messages" not in client.cookies
