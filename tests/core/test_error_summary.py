"""A form sent back with mistakes: the page title starts "Error:", and one error summary comes
first in `main`, as GOV.UK places it, whichever form on the page has the mistakes."""

import re

import pytest

from boardhub.demo.factories import (
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
    UserFactory,
)
from home.models import HomePage

pytestmark = pytest.mark.django_db

MAIN = re.compile(r'<main id="main-content"[^>]*>\s*(.{0,200})', re.DOTALL)


def title(content):
    return re.search(r"<title>(.*?)</title>", content, re.DOTALL).group(1).strip()


def assert_summary_first_in_main(content):
    assert content.count('class="error-summary"') == 1, "one error summary, not two"
    first = MAIN.search(content).group(1)
    assert first.startswith('<div class="error-summary"'), first
    assert title(content).startswith("Error: ")


@pytest.fixture
def consultation():
    index = ConsultationIndexPageFactory(parent=HomePage.objects.get(), title="Consultations")
    return ConsultationPageFactory(
        parent=index,
        title="Care at home",
        questions=[{"label": "What works well for you?", "field_type": "multiline"}],
    )


def test_the_format_request_page_with_mistakes(client, consultation):
    response = client.post(f"{consultation.url}another-format/", {"format-format": "large_print"})

    assert response.status_code == 400
    content = response.content.decode()
    assert_summary_first_in_main(content)
    assert title(content).startswith("Error: Care at home")
    summary = content[content.index('class="error-summary"') :][:1500]
    assert "Tell us how to get it to you" in summary


def test_the_format_request_page_without_mistakes_has_no_error(client, consultation):
    content = client.get(consultation.url).content.decode()

    assert not title(content).startswith("Error")
    assert 'class="error-summary"' not in content


def test_answers_with_mistakes(client, consultation):
    response = client.post(consultation.url, {"action": "continue"})

    assert_summary_first_in_main(response.content.decode())


def test_signing_in_with_mistakes(client):
    UserFactory(email="ann@example.org")

    response = client.post("/accounts/login/", {"login": "ann@example.org", "password": "wrong"})

    assert_summary_first_in_main(response.content.decode())


def test_joining_with_mistakes(client):
    response = client.post("/join/", {})

    assert_summary_first_in_main(response.content.decode())


def test_the_profile_with_mistakes(client):
    client.force_login(UserFactory(verified=True))

    response = client.post("/account/profile/", {"display_name": ""})

    assert_summary_first_in_main(response.content.decode())
