"""Every allauth page a member or officer can reach wears the site's design, in plain English,
and every allauth email has a plain-text and an HTML part."""

import re
from pathlib import Path

import allauth
import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory

from boardhub.demo.factories import TEST_PASSWORD, UserFactory, activate_totp

pytestmark = pytest.mark.django_db

SIGNED_OUT_PAGES = [
    "/accounts/login/",
    "/accounts/login/code/",
    "/accounts/password/reset/",
    "/accounts/password/reset/done/",
    "/accounts/password/reset/key/1-not-a-key/",
    "/accounts/confirm-email/not-a-key/",
    "/accounts/confirm-email/",
]
SIGNED_IN_PAGES = [
    "/accounts/logout/",
    "/accounts/email/",
    "/accounts/password/change/",
    "/accounts/reauthenticate/",
    "/accounts/2fa/",
    "/accounts/2fa/totp/activate/",
    "/accounts/2fa/totp/deactivate/",
    "/accounts/2fa/recovery-codes/generate/",
    "/accounts/2fa/reauthenticate/",
    "/accounts/2fa/webauthn/",
    "/accounts/2fa/webauthn/add/",
    "/accounts/reauthenticate/code/",
]


def check_page(html):
    # The site's own layout: skip link, one main, one h1 in the site's style.
    assert 'href="#main-content" class="skip-link"' in html
    assert html.count("<main") == 1
    main = html[html.index("<main") : html.index("</main>")]
    assert main.count("<h1") == 1
    assert '<h1 class="heading-xl">' in main
    # None of allauth's own layout, wording or scripts.
    for unwanted in (
        "Menu:",
        "Messages:",
        "Sign Up",
        "Sign In",
        "placeholder=",
        "<script",
        "style=",
        "Please",
        "Primary",
    ):
        assert unwanted not in main, unwanted
    # Every input has a label (or is hidden).
    for input_id in re.findall(r'<input(?![^>]*type="hidden")[^>]*\bid="([^"]+)"', main):
        assert f'for="{input_id}"' in main, input_id
    return main


@pytest.mark.parametrize("url", SIGNED_OUT_PAGES)
def test_signed_out_pages_wear_the_site_design(client, url):
    response = client.get(url, follow=True)

    assert response.status_code == 200
    check_page(response.content.decode())


@pytest.mark.parametrize("url", SIGNED_IN_PAGES)
def test_signed_in_pages_wear_the_site_design(client, url):
    member = UserFactory(verified=True)
    activate_totp(member)
    client.post("/accounts/login/", {"login": member.email, "password": TEST_PASSWORD})
    # Signed in by password but the two-factor step is still open; finish it by force.
    client.force_login(member)
    client.post("/accounts/reauthenticate/", {"password": TEST_PASSWORD})

    response = client.get(url, follow=True)

    assert response.status_code == 200
    check_page(response.content.decode())


def test_the_confirm_code_page_wears_the_site_design(client, mailoutbox):
    member = UserFactory(verified=True)
    client.post("/accounts/login/code/", {"email": member.email})

    main = check_page(client.get("/accounts/login/code/confirm/").content.decode())

    assert '<label class="label" for="id_code">Sign-in code</label>' in main
    assert 'autocomplete="one-time-code"' in main


def test_the_two_factor_sign_in_page_wears_the_site_design(client):
    member = UserFactory(verified=True)
    activate_totp(member)
    client.post("/accounts/login/", {"login": member.email, "password": TEST_PASSWORD})

    check_page(client.get("/accounts/2fa/authenticate/").content.decode())


def test_recovery_codes_show_as_a_list(client):
    member = UserFactory(verified=True)
    activate_totp(member)
    client.force_login(member)
    client.post("/accounts/reauthenticate/", {"password": TEST_PASSWORD})
    client.post("/accounts/2fa/recovery-codes/generate/")

    main = check_page(client.get("/accounts/2fa/recovery-codes/").content.decode())

    assert '<ul class="recovery-codes">' in main
    assert main.count("<li>") == 10


def test_a_checkbox_built_by_allauth_has_its_box_before_its_label():
    html = render_to_string(
        "allauth/elements/field.html",
        {"attrs": {"type": "checkbox", "id": "codes_saved", "name": "saved"}, "slots": {}},
    )
    assert html.index("<input") < html.index("<label")


# Emails

EMAILS = [
    "account/email/account_already_exists",
    "account/email/email_changed",
    "account/email/email_confirm",
    "account/email/email_confirmation",
    "account/email/email_confirmation_signup",
    "account/email/email_deleted",
    "account/email/login_code",
    "account/email/password_changed",
    "account/email/password_reset",
    "account/email/password_reset_code",
    "account/email/password_reset_key",
    "account/email/password_set",
    "account/email/unknown_account",
    "mfa/email/recovery_codes_generated",
    "mfa/email/totp_activated",
    "mfa/email/totp_deactivated",
    "mfa/email/webauthn_added",
    "mfa/email/webauthn_removed",
]
# Ours: "Confirm it is you" by a code we email (boardhub.members.reauthentication).
BOARDHUB_EMAILS = ["account/email/reauthentication_code"]


def test_every_email_allauth_can_send_is_ours():
    templates = Path(allauth.__file__).parent / "templates"
    shipped = {
        str(path.relative_to(templates)).removesuffix("_subject.txt")
        for folder in ("account/email", "mfa/email")
        for path in (templates / folder).glob("*_subject.txt")
    }

    assert shipped == set(EMAILS)


@pytest.mark.parametrize("prefix", EMAILS + BOARDHUB_EMAILS)
def test_each_email_has_a_subject_text_and_html_part_in_plain_english(prefix):
    request = RequestFactory().get("/")
    user = UserFactory.build(display_name="Joan")
    context = {
        "user": user,
        "code": "ABC123",
        "email": "joan@example.org",
        "activate_url": "http://testserver/accounts/confirm-email/key/",
        "password_reset_url": "http://testserver/accounts/password/reset/key/1-x/",
        "from_email": "old@example.org",
        "to_email": "new@example.org",
        "deleted_email": "old@example.org",
        "timestamp": None,
        "ip": "127.0.0.1",
        "user_agent": "Firefox",
    }

    subject = render_to_string(f"{prefix}_subject.txt", context, request).strip()
    text = render_to_string(f"{prefix}_message.txt", context, request)
    html = render_to_string(f"{prefix}_message.html", context, request)

    assert subject and "\n" not in subject
    assert text.startswith("Hello Joan,")
    assert "<p>Hello Joan,</p>" in html
    assert '<html lang="en-GB">' in html
    for text_part in (subject, text):
        assert "<" not in text_part
    for allauth_words in ("Hello from", "Thank you for using", "Please"):
        assert allauth_words not in text
