"""The triage listing: its search box and filters in view (not behind an icon) and working
without JavaScript, how many responses match and how many filters are applied, and a
consultation filter that copes with hundreds of consultations."""

import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from boardhub.consultations.models import FeedbackStatus
from boardhub.demo.factories import ConsultationPageFactory, FeedbackFactory
from boardhub.feedback.one_door import triage_listing_url

pytestmark = pytest.mark.django_db

LIST = "/admin/feedback/"


def get(client, query=""):
    return client.get(LIST + query).content.decode()


def rows(page):
    return {int(pk) for pk in re.findall(r'id="feedback_(\d+)_title"', page)}


def words(page):
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())
    return re.sub(r" ([:.,])", r"\1", text)


def the_form(page):
    """The find-responses form: its own markup, with a submit button of its own."""
    return re.search(r'<form class="triage-filters.*?</form>', page, re.S).group(0)


def test_the_search_box_and_every_filter_are_in_view_in_one_form(client, handler, feedback):
    client.force_login(handler)

    form = the_form(get(client))

    assert 'method="get"' in form
    assert 'action="/admin/feedback/"' in form
    assert 'name="q"' in form
    for name in ("consultation", "service", "status", "theme", "overdue", "submit_time_from"):
        assert f'name="{name}"' in form, name
    assert '<button type="submit" class="button">Show responses</button>' in form
    assert "hidden" not in form.split("<legend")[0]  # not in a closed drawer
    assert 'id="filters-drilldown"' not in get(client)  # Wagtail's drawer is gone


def test_the_listing_says_how_many_match_and_how_many_filters_apply(client, handler, consultation):
    FeedbackFactory(page=consultation, form_data={"what_works_well_for_you": "Kind carers."})
    FeedbackFactory(page=consultation, status=FeedbackStatus.ACKNOWLEDGED)
    FeedbackFactory(page=consultation, status=FeedbackStatus.ACKNOWLEDGED)
    client.force_login(handler)

    assert "3 responses. No filters applied." in words(get(client))
    filtered = words(get(client, f"?status=acknowledged&consultation={consultation.pk}"))
    assert "2 responses match. 2 filters applied." in filtered
    assert "Status: Read by the council Remove" in filtered
    assert "Consultation: Care at home Remove" in filtered
    assert "1 response matches. 1 filter applied." in words(
        get(client, "?q=carers&status=received")
    )


def test_each_applied_filter_has_a_plain_link_that_takes_it_off(client, handler, consultation):
    FeedbackFactory(page=consultation)
    read = FeedbackFactory(page=consultation, status=FeedbackStatus.ACKNOWLEDGED)
    client.force_login(handler)

    page = get(client, "?status=acknowledged&q=zzz")
    removes = {
        label: html.unescape(url)
        for url, label in re.findall(
            r'<a href="([^"]+)">Remove<span class="w-sr-only"> the ([^<]+)</span>', page
        )
    }

    assert removes["filter Status: Read by the council"] == f"{LIST}?q=zzz"
    assert removes["search “zzz”"] == f"{LIST}?status=acknowledged"
    assert rows(client.get(removes["search “zzz”"]).content.decode()) == {read.pk}


def test_the_consultation_button_on_a_page_still_filters_and_shows_its_title(
    client, handler, consultation
):
    mine = FeedbackFactory(page=consultation)
    other_consultation = ConsultationPageFactory(parent=consultation.get_parent(), title="Day care")
    FeedbackFactory(page=other_consultation)
    client.force_login(handler)

    page = client.get(triage_listing_url(consultation.pk)).content.decode()

    assert rows(page) == {mine.pk}
    assert 'name="consultation" value="Care at home"' in page


def test_typing_words_of_a_title_filters_by_it(client, handler, consultation):
    mine = FeedbackFactory(page=consultation)
    FeedbackFactory(
        page=ConsultationPageFactory(parent=consultation.get_parent(), title="Day care")
    )
    client.force_login(handler)

    assert rows(get(client, "?consultation=care+at+HOME")) == {mine.pk}
    assert rows(get(client, "?consultation=home")) == {mine.pk}


def test_words_in_several_titles_offer_a_choice_that_keeps_the_other_filters(
    client, handler, consultation
):
    index = consultation.get_parent()
    day = ConsultationPageFactory(parent=index, title="Day care centres")
    FeedbackFactory(page=consultation)
    at_day = FeedbackFactory(page=day)
    ConsultationPageFactory(parent=index, title="Transport")
    client.force_login(handler)

    page = get(client, "?consultation=care&status=received")
    text = words(page)

    assert len(rows(page)) == 2  # both consultations about care
    assert "2 consultations match “care”" in text
    choice = html.unescape(re.search(r'<a href="([^"]+)">Day care centres</a>', page).group(1))
    assert "status=received" in choice
    assert rows(client.get(choice).content.decode()) == {at_day.pk}
    assert "Transport" not in re.search(r"consultations match.*?</ul>", page, re.S).group(0)


def test_a_title_nobody_used_says_so(client, handler, consultation):
    FeedbackFactory(page=consultation)
    client.force_login(handler)

    page = get(client, "?consultation=swimming")

    assert rows(page) == set()
    assert "No consultation has “swimming” in its title." in words(page)


def test_500_consultations_make_no_500_option_list_and_one_can_still_be_chosen(
    client, handler, consultation
):
    FeedbackFactory(page=consultation)
    client.force_login(handler)
    with CaptureQueriesContext(connection) as one_consultation:
        get(client, f"?consultation={consultation.pk}")
    with CaptureQueriesContext(connection) as one_consultation_unfiltered:
        get(client)
    index = consultation.get_parent()
    pages = [
        ConsultationPageFactory(parent=index, title=f"Consultation number {number:03d}")
        for number in range(500)
    ]
    chosen = pages[250]
    response = FeedbackFactory(page=chosen)
    FeedbackFactory(page=pages[10])

    with CaptureQueriesContext(connection) as whole:
        page = get(client)
    with CaptureQueriesContext(connection) as filtered:
        by_id = get(client, f"?consultation={chosen.pk}")
    by_title = get(client, "?consultation=Consultation+number+250")

    assert page.count("<option") < 50
    assert "Consultation number 300" not in page  # no response to it: named nowhere
    assert rows(by_id) == {response.pk}
    assert rows(by_title) == {response.pk}
    many = get(client, "?consultation=consultation+number")
    assert many.count("Consultation number") < 30  # ten to choose from, not 500
    assert "Type more of the title to see the others." in words(many)
    assert len(whole) <= len(one_consultation_unfiltered)
    assert len(filtered) <= len(one_consultation)


def test_only_the_safeguarding_group_is_offered_the_flagged_filter(
    client, handler, safeguarder, feedback
):
    client.force_login(handler)
    assert 'name="flagged"' not in the_form(get(client))

    client.force_login(safeguarder)
    assert 'name="flagged"' in the_form(get(client))


def test_an_excerpt_joins_the_choices_of_a_several_choice_answer(client, handler, consultation):
    travel = ConsultationPageFactory(
        parent=consultation.get_parent(),
        questions=[{"label": "What helps?", "field_type": "checkboxes", "choices": "Buses\nTaxis"}],
    )
    FeedbackFactory(page=travel, form_data={"what_helps": ["Buses", "Taxis"]})
    client.force_login(handler)

    page = get(client)

    assert "Buses, Taxis" in page
    assert "[&#x27;Buses&#x27;" not in page


def test_an_excerpt_follows_the_order_of_the_questions_not_of_the_stored_answers(
    client, handler, consultation
):
    # Stored the other way round, as PostgreSQL's jsonb may give them back.
    FeedbackFactory(
        page=consultation,
        form_data={"the_service_is_easy_to_use": "4", "what_works_well_for_you": "Kind carers."},
    )
    client.force_login(handler)

    assert "Kind carers. · 4 \N{EN DASH} Agree" in html.unescape(get(client))
