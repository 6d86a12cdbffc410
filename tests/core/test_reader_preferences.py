"""Larger text and high contrast: chosen with a plain form, kept on every page."""

import pytest

from boardhub.core.reader_preferences import CONTRAST_COOKIE, TEXT_SIZE_COOKIE

pytestmark = pytest.mark.django_db


def html_tag(response):
    content = response.content.decode()
    return content[content.index("<html") : content.index(">", content.index("<html"))]


def test_choosing_larger_text_returns_the_reader_to_the_page_they_were_on(client):
    response = client.post("/reader-preferences/", {"text_size": "large", "next": "/search/"})

    assert response.status_code == 302
    assert response["Location"] == "/search/"
    assert response.cookies[TEXT_SIZE_COOKIE].value == "large"
    assert response.cookies[TEXT_SIZE_COOKIE]["max-age"] == 60 * 60 * 24 * 365


def test_the_choice_applies_to_every_page_afterwards(client):
    client.post("/reader-preferences/", {"text_size": "large", "next": "/"})
    client.post("/reader-preferences/", {"contrast": "high", "next": "/"})

    for path in ("/", "/search/", "/accounts/login/", "/no-such-page/"):
        tag = html_tag(client.get(path))
        assert "text-large" in tag, path
        assert "contrast-high" in tag, path


def test_the_header_offers_the_opposite_of_the_current_choice(client):
    assert b">Larger text</button>" in client.get("/").content

    client.post("/reader-preferences/", {"text_size": "large", "next": "/"})

    page = client.get("/").content
    assert b">Standard text size</button>" in page
    assert b">Larger text</button>" not in page


def test_going_back_to_standard_text_removes_the_larger_text(client):
    client.post("/reader-preferences/", {"text_size": "large", "next": "/"})
    client.post("/reader-preferences/", {"text_size": "standard", "next": "/"})

    assert "text-large" not in html_tag(client.get("/"))


def test_the_display_options_page_sets_both_choices_at_once(client):
    response = client.post(
        "/reader-preferences/", {"text_size": "large", "contrast": "high"}, follow=True
    )

    assert response.redirect_chain == [("/reader-preferences/", 302)]
    content = response.content.decode()
    assert 'value="large" required id="id_text_size_1" checked' in content
    assert 'value="high" required id="id_contrast_1" checked' in content
    assert "We have saved how you want the site to look." in content


def test_unknown_values_are_ignored(client):
    response = client.post("/reader-preferences/", {"text_size": "<script>", "contrast": "huge"})

    assert TEXT_SIZE_COOKIE not in response.cookies
    assert CONTRAST_COOKIE not in response.cookies


@pytest.mark.parametrize(
    "next_url", ["https://evil.example.org/", "//evil.example.org/", "javascript:alert(1)"]
)
def test_the_form_never_sends_people_to_another_site(client, next_url):
    response = client.post("/reader-preferences/", {"contrast": "high", "next": next_url})

    assert response["Location"] == "/reader-preferences/"


def test_the_display_options_page_uses_a_fieldset_and_legend_for_each_choice(client):
    content = client.get("/reader-preferences/").content.decode()

    assert content.count("<fieldset") == 2
    assert '<legend class="fieldset__legend label">Text size</legend>' in content
    assert '<legend class="fieldset__legend label">Colours</legend>' in content
