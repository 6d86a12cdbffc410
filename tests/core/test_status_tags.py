"""One status tag for every status (templates/includes/status_tag.html): each status has its own
words and its own colour, the same wherever it shows; and GOV.UK's pagination and the count of
filters applied (boardhub/core/templatetags/list_tags.py)."""

import pytest
from django import forms
from django.core.paginator import Paginator
from django.template import Context, RequestContext, Template, TemplateSyntaxError
from django.test import RequestFactory

from boardhub.consultations.models import ConsultationStatus, FeedbackStatus
from boardhub.consultations.models.feedback import STATUS_TAG_COLOURS as FEEDBACK_COLOURS
from boardhub.consultations.models.pages import STATUS_TAGS as CONSULTATION_TAGS
from boardhub.core.templatetags.list_tags import TAG_COLOURS
from boardhub.impact.models import ChangeStatus
from boardhub.impact.models.changes import STATUS_TAG_COLOURS as CHANGE_COLOURS
from tests.listing import current_page, page_numbers, previous_and_next


def render(source, **context):
    return Template("{% load list_tags %}" + source).render(Context(context))


def test_a_tag_says_the_status_in_words_with_its_colour():
    html = render("{% status_tag words colour %}", words="Closing <soon>", colour="orange")

    assert html.strip() == (
        '<strong class="status-tag status-tag--orange">Closing &lt;soon&gt;</strong>'
    )


def test_a_colour_with_no_style_is_refused():
    with pytest.raises(TemplateSyntaxError):
        render("{% status_tag 'Open' 'fuchsia' %}")


# Each family: every status in words and a colour of its own.

FAMILIES = {
    "consultations": {
        key: CONSULTATION_TAGS[key]
        for key in [*ConsultationStatus.values[:2], "closing_soon", *ConsultationStatus.values[2:]]
    },
    "changes": {status.value: (status.label, CHANGE_COLOURS[status]) for status in ChangeStatus},
    "feedback": {
        status.value: (status.label, FEEDBACK_COLOURS[status]) for status in FeedbackStatus
    },
}


@pytest.mark.parametrize("family", FAMILIES)
def test_every_status_in_a_family_has_its_own_words_and_colour(family):
    tags = FAMILIES[family]
    words = [words for words, _ in tags.values()]
    colours = [colour for _, colour in tags.values()]

    assert all(words), tags
    assert len(set(words)) == len(words), tags
    assert len(set(colours)) == len(colours), tags
    assert set(colours) <= TAG_COLOURS


def test_every_status_of_each_model_has_a_tag():
    assert set(CHANGE_COLOURS) == set(ChangeStatus)
    assert set(FEEDBACK_COLOURS) == set(FeedbackStatus)
    assert set(ConsultationStatus) | {"closing_soon"} == set(CONSULTATION_TAGS)


def test_every_tag_colour_has_a_style_in_both_colour_schemes():
    from django.conf import settings

    css = (settings.BASE_DIR / "static" / "css" / "boardhub.css").read_text()
    for colour in TAG_COLOURS:
        assert f".status-tag--{colour} {{ --tag-text:" in css, colour
        assert f"html.contrast-high .status-tag--{colour} {{ --tag-text:" in css, colour


# Filters applied


class Filters(forms.Form):
    service = forms.ChoiceField(choices=[("", "Any"), ("home-care", "Home care")], required=False)
    status = forms.ChoiceField(choices=[("", "Any"), ("open", "Open")], required=False)


@pytest.mark.parametrize(
    ("query", "applied"),
    [
        ({}, 0),
        ({"service": "home-care"}, 1),
        ({"service": "home-care", "status": "open"}, 2),
        ({"service": "home-care", "status": "no-such-status"}, 1),
        ({"service": "", "status": ""}, 0),
    ],
)
def test_the_filters_applied_are_counted(query, applied):
    form = Filters(query or None)

    assert render("{{ form|filters_applied }}", form=form) == str(applied)


# Pagination


def pagination(number, count, per_page=1):
    page = Paginator(range(count), per_page).get_page(number)
    request = RequestFactory().get("/consultations/", {"status": "open", "page": number})
    return Template('{% include "includes/pagination.html" %}').render(
        RequestContext(request, {"items": page})
    )


def test_one_page_has_no_pagination():
    assert pagination(1, 1).strip() == ""


def test_pages_have_previous_and_next_with_their_labels_and_the_current_one_marked():
    html = pagination(7, 42)

    assert current_page(html) == "7"
    assert page_numbers(html) == [
        "1",
        "\N{MIDLINE HORIZONTAL ELLIPSIS}",
        "6",
        "7",
        "8",
        "\N{MIDLINE HORIZONTAL ELLIPSIS}",
        "42",
    ]
    assert previous_and_next(html) == {
        "prev": ("Previous page", "?status=open&page=6"),
        "next": ("Next page", "?status=open&page=8"),
    }
    assert 'aria-label="Page 42"' in html
    assert '<nav class="pagination" aria-label="Pages of results">' in html


def test_the_first_and_last_pages_have_no_previous_or_next():
    assert set(previous_and_next(pagination(1, 3))) == {"next"}
    assert set(previous_and_next(pagination(3, 3))) == {"prev"}
    assert page_numbers(pagination(1, 3)) == ["1", "2", "3"]
