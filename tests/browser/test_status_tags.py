"""Status tags in a real browser: every status of each family (consultations, changes, a
member's feedback) in its own colour, with its words, and text at 4.5:1 or more on the tag in
the standard and the high-contrast scheme; a border where colours are forced. And the lists:
at 320 px the results come first, and the filters after them behind "Filter (2 applied)";
no axe violations."""

import pytest
from django.template import Context, Template

from boardhub.consultations.models import ConsultationIndexPage, FeedbackStatus
from boardhub.consultations.models.feedback import STATUS_TAG_COLOURS as FEEDBACK_COLOURS
from boardhub.consultations.models.pages import STATUS_TAGS as CONSULTATION_TAGS
from boardhub.demo.factories import ConsultationPageFactory
from boardhub.impact.models import ChangeStatus, YouSaidWeDidPage
from boardhub.impact.models.changes import STATUS_TAG_COLOURS as CHANGE_COLOURS
from boardhub.services.models import Service

from .conftest import assert_no_axe_violations, assert_no_failures, new_context, visit

FAMILIES = {
    "consultations": list(CONSULTATION_TAGS.values()),
    "changes": [(status.label, CHANGE_COLOURS[status]) for status in ChangeStatus],
    "feedback": [(status.label, FEEDBACK_COLOURS[status]) for status in FeedbackStatus],
}

# Every tag on the page: its words, its text and background colours and its border.
TAGS = """() => Array.from(document.querySelectorAll(".status-tag")).map((tag) => {
    const style = getComputedStyle(tag);
    return {
        family: tag.closest("[data-family]")?.dataset.family || "page",
        words: tag.innerText.trim(),
        color: style.color,
        background: style.backgroundColor,
        border: style.borderTopStyle + " " + style.borderTopWidth,
        visible: tag.getBoundingClientRect().width > 0,
    };
})"""


def consultations_path():
    return ConsultationIndexPage.objects.get().url


def changes_path():
    return YouSaidWeDidPage.objects.get().url


def every_tag():
    """One tag for each status of each family, as the site's own template renders it."""
    template = Template("{% load list_tags %}{% status_tag words colour %}")
    return "".join(
        f'<div data-family="{family}">'
        + "".join(template.render(Context({"words": w, "colour": c})) for w, c in tags)
        + "</div>"
        for family, tags in FAMILIES.items()
    )


def rgb(css):
    """(r, g, b) from "rgb(1, 2, 3)" or "rgba(1, 2, 3, 1)"."""
    parts = css[css.index("(") + 1 : css.index(")")].split(",")
    assert len(parts) == 3 or float(parts[3]) == 1, f"{css} is see-through"
    return tuple(int(float(part)) for part in parts[:3])


def luminance(colour):
    """WCAG 2's relative luminance."""

    def linear(channel):
        channel /= 255
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(channel) for channel in colour)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(one, other):
    lighter, darker = sorted((luminance(one), luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def check_tags(tags, where):
    """What is wrong with `tags`: no words, too little contrast, two statuses of a family that
    look the same."""
    failures = []
    for tag in tags:
        ratio = contrast(rgb(tag["color"]), rgb(tag["background"]))
        if not tag["words"] or not tag["visible"]:
            failures.append(f"{where}: a tag with no words: {tag}")
        if ratio < 4.5:
            failures.append(f"{where}: {tag['words']!r} has a contrast of {ratio:.2f}: {tag}")
    for family in FAMILIES:
        looks = {}
        for tag in (tag for tag in tags if tag["family"] == family):
            looks.setdefault((tag["color"], tag["background"]), set()).add(tag["words"])
        failures += [
            f"{where}: {family} {sorted(words)} look the same"
            for words in looks.values()
            if len(words) > 1
        ]
    return failures


@pytest.mark.parametrize("mode", ["standard", "high-contrast"])
def test_each_status_has_its_own_colour_and_words_with_enough_contrast(browser, demo_site, mode):
    context = new_context(browser, demo_site, mode)
    page = context.new_page()
    failures = []
    # The tags the lists show.
    for path in (consultations_path(), changes_path()):
        visit(page, demo_site, path)
        shown = page.evaluate(TAGS)
        if not shown:
            failures.append(f"{path} shows no status tags")
        failures += check_tags(shown, f"{path} ({mode})")
    # And one of every status, with the site's stylesheet.
    page.locator("main").evaluate(
        "(main, html) => main.insertAdjacentHTML('beforeend', html)", every_tag()
    )
    tags = [tag for tag in page.evaluate(TAGS) if tag["family"] != "page"]
    assert len(tags) == sum(len(family) for family in FAMILIES.values())
    failures += check_tags(tags, f"every status ({mode})")
    context.close()
    assert_no_failures(failures, f"Status tags that cannot be told apart or read ({mode})")


def test_tags_have_a_border_where_colours_are_forced(browser, demo_site):
    context = new_context(browser, demo_site)
    page = context.new_page()
    page.emulate_media(forced_colors="active")
    visit(page, demo_site, consultations_path())

    borders = {tag["border"] for tag in page.evaluate(TAGS)}

    assert borders == {"solid 2px"}
    context.close()


@pytest.mark.parametrize("mode", ["standard", "high-contrast"])
def test_at_320_pixels_the_results_come_first_and_the_filters_say_how_many_apply(
    browser, demo_site, mode
):
    service = Service.objects.order_by("name").first()
    lists = {
        "Consultations": f"{consultations_path()}?status=closed&service={service.slug}",
        "You said, we did": f"{changes_path()}?status=done&year=&service="
        + Service.objects.filter(change_links__change__live=True).first().slug,
    }
    context = new_context(browser, demo_site, mode, viewport={"width": 320, "height": 640})
    page = context.new_page()
    failures = []
    for name, path in lists.items():
        visit(page, demo_site, path)
        summary = page.locator(".filters__summary")
        results = page.locator(".list-with-filters__results").bounding_box()
        filters = page.locator(".list-with-filters__filters").bounding_box()
        if summary.inner_text().strip() != "Filter (2 applied)":
            failures.append(f"{name}: the disclosure says {summary.inner_text()!r}")
        if not results["y"] + results["height"] <= filters["y"]:
            failures.append(f"{name}: the filters come before the results ({results}, {filters})")
        # The disclosure opens and closes from the keyboard, and the filters are inside it.
        summary.focus()
        page.keyboard.press("Enter")
        if page.locator(".list-with-filters__filters").get_attribute("open") is not None:
            failures.append(f"{name}: Enter did not close the filters")
        page.keyboard.press("Enter")
        if not page.get_by_role("button", name="Show").first.is_visible():
            failures.append(f"{name}: the filters did not open")
        assert_no_axe_violations(page, f"{name} at 320px ({mode})")
    # Nothing chosen: the disclosure just says "Filter", and is closed.
    visit(page, demo_site, consultations_path())
    if page.locator(".filters__summary").inner_text().strip() != "Filter":
        failures.append("With no filters the disclosure says more than “Filter”")
    if page.locator(".list-with-filters__filters").get_attribute("open") is not None:
        failures.append("With no filters the filters are open")
    context.close()
    assert_no_failures(failures, "Lists with filters at 320px")


def test_the_pages_of_a_list_are_numbered_with_the_current_one_marked(browser, demo_site):
    index = ConsultationIndexPage.objects.get()
    for number in range(index.per_page + 1):
        ConsultationPageFactory(parent=index, title=f"Care {number}")
    context = new_context(browser, demo_site)
    page = context.new_page()
    visit(page, demo_site, consultations_path())

    assert page.locator('.pagination [aria-current="page"]').inner_text() == "1"
    with page.expect_navigation():
        page.get_by_role("link", name="Next page").click()
    assert page.locator('.pagination [aria-current="page"]').inner_text() == "2"
    assert page.get_by_role("link", name="Previous page").is_visible()
    assert page.get_by_role("link", name="Page 1", exact=True).is_visible()
    assert_no_axe_violations(page, "the second page of consultations")
    context.close()
