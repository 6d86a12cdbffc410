"""Every public form says, in plain words, what happens if someone is at risk and whom to call
now (templates/includes/safeguarding_notice.html): 999, and the council's adult social care
line from the board settings."""

import pytest
from bs4 import BeautifulSoup
from django.template import Context, Template
from django.test import RequestFactory
from wagtail.contrib.settings.context_processors import SettingProxy
from wagtail.models import Site

from boardhub.core.models import BoardSettings
from tests.feedback.conftest import XSS

pytestmark = pytest.mark.django_db


@pytest.fixture
def board():
    return BoardSettings.for_site(Site.objects.get(is_default_site=True))


def notice_on(client, page):
    soup = BeautifulSoup(client.get(page.url).content.decode(), "html.parser")
    return soup.select_one(f'form[action="{page.url}"]'), soup.select_one(".safeguarding-notice")


def test_the_consultation_form_says_what_happens_and_whom_to_call(client, consultation, board):
    board.adult_social_care_phone = "01632 960 123"
    board.adult_social_care_hours = "Monday to Friday, 9am to 5pm."
    board.save()

    form, notice = notice_on(client, consultation)

    assert notice is not None
    text = notice.get_text(" ", strip=True)
    assert "If someone is in danger now, call 999." in text
    # The warning is in the words, not only in a colour or the "!" (hidden from readers).
    assert notice.select_one(".visually-hidden").get_text() == "Warning: "
    assert notice.select_one(".warning-text__icon")["aria-hidden"] == "true"
    assert "adult social care team on 01632 960 123" in text
    assert "Monday to Friday, 9am to 5pm." in text
    assert notice.select_one("a.safeguarding-notice__phone")["href"] == "tel:01632960123"
    assert "pass it to the council\N{RIGHT SINGLE QUOTATION MARK}s safeguarding team" in text
    assert "straight away" in text
    assert "They may contact you." in text
    assert "We cannot keep it secret if someone is in danger." in text
    # Before the questions, under "Have your say" (an h2), as a heading of its own.
    assert notice.find("h3").get_text(strip=True) == "If you or someone else is at risk"
    assert notice.sourceline < form.sourceline


def test_without_an_adult_social_care_number_it_gives_the_councils(client, consultation, board):
    board.contact_phone = "01632 960 000"
    board.save()

    __, notice = notice_on(client, consultation)

    text = notice.get_text(" ", strip=True)
    assert "call the council on 01632 960 000 and ask for adult social care" in text
    assert "999" in text


def test_with_no_number_at_all_it_still_says_whom_to_ask(client, consultation):
    __, notice = notice_on(client, consultation)

    text = notice.get_text(" ", strip=True)
    assert "contact the council and ask for adult social care" in text
    assert "999" in text
    assert notice.select_one("a") is None


def test_the_settings_words_are_escaped(client, consultation, board):
    board.adult_social_care_phone = "01632 960 123"
    board.adult_social_care_hours = XSS
    board.save()

    html = client.get(consultation.url).content.decode()

    assert "<script>alert(1)</script>" not in html
    assert "<img src=x" not in html


def test_the_recording_form_reads_it_to_the_person(board):
    """As an officer reads it out on the phone or at a drop-in: no "this form"."""
    request = RequestFactory().get("/")
    request.site = board.site
    template = Template(
        '{% include "includes/safeguarding_notice.html" with heading_level=2 recorded=True %}'
    )
    html = template.render(Context({"request": request, "settings": SettingProxy(request)}))
    soup = BeautifulSoup(html, "html.parser")

    assert soup.find("h2").get_text(strip=True) == "If you or someone else is at risk"
    text = soup.get_text(" ", strip=True)
    assert "this form" not in text
    assert "If you tell us that someone is at risk" in text
