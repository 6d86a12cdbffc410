"""One name everywhere: the board's name (the Wagtail Site's name) on every page and in every
email, and never "BoardHub", the software's name, to the public."""

from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.test import RequestFactory
from wagtail.models import Site

from boardhub.core.templatetags.board_tags import FALLBACK_NAME, mid_sentence
from boardhub.demo.factories import (
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
    UserFactory,
)
from home.models import HomePage

pytestmark = pytest.mark.django_db

BOARD = "Larkfield Making it Real Board"
PUBLIC_PAGES = [
    "/",
    "/accounts/login/",
    "/accounts/login/code/",
    "/accounts/password/reset/",
    "/join/",
    "/search/?query=care",
    "/reader-preferences/",
    "/no-such-page/",
]
TEMPLATES = Path(settings.BASE_DIR) / "templates"
EMAIL_FOLDERS = ["emails", "account/email", "mfa/email"]


def name_the_site(name):
    Site.objects.filter(is_default_site=True).update(site_name=name)


def email_templates():
    for folder in EMAIL_FOLDERS:
        for path in sorted((TEMPLATES / folder).glob("*.*")):
            yield str(path.relative_to(TEMPLATES))


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_every_public_page_uses_the_boards_name(client, url):
    name_the_site(BOARD)

    content = client.get(url).content.decode()

    assert "BoardHub" not in content
    assert f"\N{EN DASH} {BOARD}</title>" in content
    assert f'class="site-header__name">{BOARD}</a>' in content


def test_a_site_still_named_by_the_migration_never_shows_boardhub(client):
    assert Site.objects.get(is_default_site=True).site_name == "BoardHub"  # the placeholder

    content = client.get("/").content.decode()

    assert "BoardHub" not in content
    assert FALLBACK_NAME in content


def test_signed_in_pages_use_the_boards_name(client):
    name_the_site(BOARD)
    client.force_login(UserFactory(verified=True))

    for url in ("/account/", "/account/profile/", "/accounts/email/"):
        content = client.get(url).content.decode()
        assert "BoardHub" not in content, url
        assert BOARD in content, url


@pytest.mark.parametrize("template_name", list(email_templates()))
def test_no_email_says_boardhub(template_name):
    name_the_site("BoardHub")  # even before anyone renames the site
    user = UserFactory(display_name="Ann")
    context = {
        "user": user,
        "name": "Ann",
        "email": user.email,
        "code": "123456",
        "password_reset_url": "https://example.org/reset/",
        "activate_url": "https://example.org/confirm/",
        "from_email": "old@example.org",
        "to_email": "new@example.org",
        "deleted_email": "old@example.org",
    }

    text = render_to_string(template_name, context)

    assert "BoardHub" not in text


def test_emails_are_signed_with_the_boards_name(client, sent):
    name_the_site(BOARD)
    UserFactory(email="ann@example.org", verified=True)

    emails = sent(
        lambda: [
            client.post("/accounts/password/reset/", {"email": email})
            for email in ("ann@example.org", "nobody@example.org")
        ]
    )

    assert len(emails) == 2
    for message in emails:
        whole = (
            message.subject
            + message.body
            + "".join(content for content, _type in getattr(message, "alternatives", []))
        )
        assert "BoardHub" not in whole
        assert BOARD in message.body


def test_the_name_comes_from_the_requests_site():
    name_the_site(BOARD)
    request = RequestFactory().get("/")

    html = render_to_string("includes/footer.html", request=request)

    assert "BoardHub" not in html


@pytest.mark.parametrize(
    ("name", "in_a_sentence"),
    [
        ("The board team", "the board team"),
        ("The direct payments team", "the direct payments team"),
        ("Sam Patel", "Sam Patel"),
        ("THE TEAM", "THE TEAM"),
        ("", ""),
    ],
)
def test_a_contact_name_reads_well_inside_a_sentence(name, in_a_sentence):
    assert mid_sentence(name) == in_a_sentence


def test_the_consultation_says_contact_the_board_team(client):
    index = ConsultationIndexPageFactory(parent=HomePage.objects.get())
    consultation = ConsultationPageFactory(
        parent=index, contact_name="The board team", contact_email="board.team@example.org"
    )

    content = client.get(consultation.url).content.decode()

    assert "<p>Contact the board team:</p>" in content
    assert (
        '<a class="email-address" href="mailto:board.team@example.org">'
        "board<wbr>.team@<wbr>example<wbr>.org</a>"
    ) in content
