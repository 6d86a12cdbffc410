"""Lists people can scan: one status tag, the count of filters applied and GOV.UK's page
numbers.

The tag is one component for every status on the site (templates/includes/status_tag.html,
its colours in static/css/boardhub.css under "Status tags"). Core knows only the colours; each
app says which colour and which words each of its statuses has, next to the statuses
themselves (ConsultationPage.tag_colour, ChangeRecord.tag_colour, Feedback.tag_colour), so the
same status looks the same wherever it is shown. The words are always written out: a colour
alone never tells anyone anything.
"""

from django import template

register = template.Library()

# The colours a status tag can be: each has a class in boardhub.css, checked for a text
# contrast of at least 4.5:1 in the standard and the high-contrast scheme
# (tests/browser/test_status_tags.py).
TAG_COLOURS = frozenset(
    {"grey", "green", "turquoise", "blue", "purple", "pink", "red", "orange", "yellow"}
)


@register.inclusion_tag("includes/status_tag.html")
def status_tag(words, colour):
    """`{% status_tag consultation.tag_words consultation.tag_colour %}`: a status, in words
    and a colour. An unknown colour is a mistake in the app that asked for it."""
    if colour not in TAG_COLOURS:
        raise template.TemplateSyntaxError(f"A status tag cannot be {colour!r}.")
    return {"words": words, "colour": colour}


@register.filter
def filters_applied(form):
    """How many of a filter form's choices are applied: `{{ filter_form|filters_applied }}`.
    A choice with an error is not applied, so it is not counted."""
    if not form.is_bound or not form.is_valid():
        chosen = getattr(form, "cleaned_data", {})
        chosen = {name: value for name, value in chosen.items() if name not in form.errors}
    else:
        chosen = form.cleaned_data
    return sum(1 for value in chosen.values() if value not in (None, "", [], ()))


@register.simple_tag
def page_links(page):
    """GOV.UK's page numbers for a page of a Paginator: the first and last, the current one
    and one each side, with an ellipsis where some are left out (1 … 6 7 8 … 42)."""
    ellipsis = page.paginator.ELLIPSIS
    return [
        None if number == ellipsis else number
        for number in page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)
    ]
