"""Finding a response in the triage listing: by its reference or by words in its answers,
and what each row shows of it."""

import re

import pytest

from boardhub.demo.factories import FeedbackFactory
from tests.feedback.conftest import XSS

pytestmark = pytest.mark.django_db

LIST = "/admin/feedback/"


def rows_shown(client, query=""):
    """The responses (by id) listed for a query string."""
    page = client.get(LIST + query).content.decode()
    return {int(pk) for pk in re.findall(r'id="feedback_(\d+)_title"', page)}


@pytest.fixture
def responses(consultation):
    return {
        "buses": FeedbackFactory(
            page=consultation, form_data={"what_works_well_for_you": "The buses are late."}
        ),
        "carers": FeedbackFactory(
            page=consultation, form_data={"what_works_well_for_you": "Kind carers visit daily."}
        ),
    }


def test_a_reference_typed_exactly_finds_that_one_response(client, handler, responses):
    client.force_login(handler)
    buses = responses["buses"]

    assert rows_shown(client) == {item.pk for item in responses.values()}
    assert rows_shown(client, f"?q={buses.reference}") == {buses.pk}
    assert rows_shown(client, f"?q={buses.reference.lower()}") == {buses.pk}


def test_words_in_the_answers_find_the_responses_that_contain_them(client, handler, responses):
    client.force_login(handler)

    assert rows_shown(client, "?q=carers") == {responses["carers"].pk}
    assert rows_shown(client, "?q=buses+late") == {responses["buses"].pk}
    assert rows_shown(client, "?q=trains") == set()


def test_the_listing_has_a_search_box(client, handler, responses):
    client.force_login(handler)

    page = client.get(LIST).content.decode()

    assert 'name="q"' in page


def test_each_row_shows_an_excerpt_and_the_channel(client, handler, consultation):
    long_answer = "word " * 100
    FeedbackFactory(page=consultation, form_data={"what_works_well_for_you": long_answer})
    client.force_login(handler)

    page = client.get(LIST).content.decode()

    assert "Online" in page
    assert ("word " * 20).strip() in page
    assert long_answer.strip() not in page  # cut to an excerpt


def test_an_excerpt_with_a_script_shows_as_text(client, handler, consultation):
    FeedbackFactory(page=consultation, form_data={"what_works_well_for_you": XSS})
    client.force_login(handler)

    page = client.get(LIST).content.decode()

    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_search_responses_is_offered_by_the_search_module(responses):
    from boardhub.consultations.models import Feedback
    from boardhub.feedback.search import search_responses

    buses = responses["buses"]
    assert list(search_responses(Feedback.objects.all(), buses.reference)) == [buses]
    assert list(search_responses(Feedback.objects.all(), "kind CARERS")) == [responses["carers"]]
    assert set(search_responses(Feedback.objects.all(), "  ")) == set(responses.values())


def test_the_questions_names_are_not_searched(client, handler, responses):
    """Every response stores its answers under the questions' names ("what_works_well_...")."""
    client.force_login(handler)

    assert rows_shown(client, "?q=works") == set()
    assert rows_shown(client, "?q=what_works_well_for_you") == set()
