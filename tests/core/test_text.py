"""Free text is shown escaped, with line breaks kept and only safe links."""

import pytest
from django.template import Context, Template

from boardhub.core.text import bleach_to_html, plain_text_to_html


def test_line_breaks_and_paragraphs_are_kept():
    html = plain_text_to_html("First line\nsecond line\n\nNew paragraph")

    assert html == "<p>First line<br>second line</p>\n\n<p>New paragraph</p>"


def test_web_and_email_addresses_become_safe_links():
    html = plain_text_to_html("See https://example.org/page or write to help@example.org")

    assert '<a href="https://example.org/page" rel="nofollow noopener">' in html
    assert '<a href="mailto:help@example.org" rel="nofollow noopener">' in html


@pytest.mark.parametrize(
    ("typed", "must_not_contain"),
    [
        ("<script>alert(1)</script>", "<script"),
        ('"><img src=x onerror=alert(1)>', "<img"),
        ("<a href='javascript:alert(1)'>click</a>", "<a href"),
        ("javascript:alert(1)", "href"),
        ("<b onmouseover=alert(1)>bold</b>", "<b"),
    ],
)
def test_nothing_typed_can_become_markup(typed, must_not_contain):
    html = plain_text_to_html(typed)

    assert must_not_contain not in html
    assert "&lt;" in html or "javascript:alert(1)" in html


def test_text_is_shown_as_typed():
    assert plain_text_to_html("Fish & chips < 5 pounds") == "<p>Fish &amp; chips &lt; 5 pounds</p>"


def test_the_template_filter_uses_the_same_function():
    html = Template("{% load text_tags %}{{ answer|plain_text }}").render(
        Context({"answer": "<i>hi</i>\nthere"})
    )

    assert html == "<p>&lt;i&gt;hi&lt;/i&gt;<br>there</p>"


def test_empty_text_gives_nothing():
    assert plain_text_to_html("") == ""
    assert plain_text_to_html(None) == ""


@pytest.mark.parametrize(
    "typed",
    [
        "Plain words.",
        "Two lines\nand a paragraph\n\n\nand another",
        'Tabs\tand  spaces, quotes "like this" and \u2018these\u2019, £5 and 50% off!',
        "Café, naïve, non\xa0breaking, emoji \U0001f600 and zero\u200bwidth",
        "Ends with a full stop. Then a number: 3 or 4",
        "Windows line\r\nendings\r\n\r\nhere",
        "Fish & chips",
        "A <b>tag</b>",
        "Visit example.org or www.example.org/page",
        "Email help@example.org",
        "Odd \x0c and \x01 characters",
        "e.g. this and i.e. that",
    ],
)
def test_text_that_skips_bleach_comes_out_as_bleach_would_give_it(typed):
    """Most text needs no escaping and holds no address, so it skips bleach's three parses:
    the result must be the same either way."""
    assert plain_text_to_html(typed) == bleach_to_html(typed)
