"""Finishing touches (issue 13, point 6) in the browser: 40 px radios and checkboxes drawn as
GOV.UK draws them (a dot or a tick when chosen, a grey ring on hover, a yellow ring on keyboard
focus, the browser's own controls where colours are forced), secondary buttons drawn as the
design's buttons, easy read text of at least 16 pt with its pictures on the left at 320 and
1280 px, long email addresses that wrap without sideways scrolling, one search box a page, and
no axe violations on the pages that show them."""

import pytest
from django.core.cache import cache
from wagtail.blocks import StreamValue

from boardhub.core.models import BoardSettings
from boardhub.easyread.models import EasyReadGuidePage

from .conftest import assert_no_axe_violations, assert_no_failures, new_context, visit
from .test_reflow import TOO_WIDE

GUIDE = "/easy-read/direct-payments/"
INDEX = "/easy-read/"
CONSULTATION = "/have-your-say/plan-for-unpaid-carers/"
LONG_EMAIL = "adult.social.care.enquiries.team@larkfield-borough-council.example.org"
SIXTEEN_POINT = 16 * 96 / 72  # 21.33 CSS pixels

BOX = "(element) => { const r = element.getBoundingClientRect(); return [r.width, r.height]; }"


def test_radios_and_checkboxes_are_40_pixels_square(page, demo_site):
    failures = []
    for path in ("/join/", "/reader-preferences/", CONSULTATION):
        visit(page, demo_site, path)
        controls = page.locator('main input[type="radio"], main input[type="checkbox"]')
        assert controls.count() > 0, path
        for control in controls.all():
            width, height = control.evaluate(BOX)
            if round(width) != 40 or round(height) != 40:
                name = control.get_attribute("id")
                failures.append(f"{path} #{name}: {width:.1f} x {height:.1f} px")
    assert_no_failures(failures, "Radios and checkboxes that are not 40 px square")


CHOICES = "/join/"  # radios (how to contact you) and checkboxes (what you bring), signed out
CONTROL_STYLE = """(control) => {
    const style = getComputedStyle(control);
    const mark = getComputedStyle(control, "::before");
    return {
        appearance: style.appearance,
        border: `${style.borderTopWidth} ${style.borderTopStyle} ${style.borderTopColor}`,
        round: style.borderTopLeftRadius === "50%",
        shadow: style.boxShadow,
        mark: mark.content === "none" ? null : `${mark.borderLeftWidth} ${mark.borderBottomWidth}`,
        focused: control.matches(":focus-visible"),
    };
}"""
FOCUS_RING = "rgb(255, 221, 0) 0px 0px 0px 3px"  # --colour-focus, 3px round the box
HOVER_RING = "rgb(177, 180, 182) 0px 0px 0px"  # 10px (12.5 with larger text)


def choice_controls(page):
    """The first radio and the first checkbox on the page, with the label of each."""
    main = page.locator("main")
    found = []
    for kind in ("radio", "checkbox"):
        control = main.locator(f'.choices input[type="{kind}"]').first
        label = main.locator(f'label[for="{control.get_attribute("id")}"]')
        found.append((kind, control, label))
    return found


def click_words_of(label):
    """Click the label's words (its right-hand end), not the box inside it."""
    box = label.bounding_box()
    label.click(position={"x": box["width"] - 4, "y": box["height"] / 2})


def still(page, control):
    """A picture of the control alone: not hovered, not focused."""
    page.mouse.move(0, 0)
    control.evaluate("(control) => control.blur()")
    return control.screenshot()


@pytest.mark.parametrize("mode", ["standard", "high-contrast", "large-text"])
def test_radios_and_checkboxes_are_drawn_as_govuk_draws_them(browser, demo_site, mode):
    context = new_context(browser, demo_site, mode)
    page = context.new_page()
    visit(page, demo_site, CHOICES)
    text_colour = "rgb(255, 255, 255)" if mode == "high-contrast" else "rgb(11, 12, 12)"
    size = 50 if mode == "large-text" else 40  # 2.5rem: it grows with the text
    failures = []
    for kind, control, label in choice_controls(page):
        where = f"the first {kind} ({mode})"
        style = control.evaluate(CONTROL_STYLE)
        width, height = control.evaluate(BOX)
        if (round(width), round(height)) != (size, size):
            failures.append(f"{where} is {width} x {height} px, not {size}")
        if style["appearance"] != "none" or style["border"] != f"2px solid {text_colour}":
            failures.append(f"{where} is not drawn by the site: {style}")
        if style["round"] != (kind == "radio"):
            failures.append(f"{where}: a radio is a circle, a checkbox a square: {style}")
        if style["mark"] is not None or control.is_checked():
            failures.append(f"{where} shows a mark before it is chosen: {style}")
        unchecked = still(page, control)

        click_words_of(label)
        checked = still(page, control)
        style = control.evaluate(CONTROL_STYLE)
        if not control.is_checked():
            failures.append(f"{where}: clicking the words of its label did not choose it")
        # A dot (a 20px disc: a 10px border all round) or a tick (two 5px strokes), a quarter
        # bigger with larger text (borders are drawn in whole pixels: 12.5 is 12).
        mark = {"radio": "10px 10px", "checkbox": "5px 5px"}[kind]
        if mode == "large-text":
            mark = {"radio": "12px 12px", "checkbox": "6px 6px"}[kind]
        if style["mark"] != mark or checked == unchecked:
            failures.append(f"{where}: chosen, it looks no different: {style}")

        label.hover()
        if HOVER_RING not in control.evaluate(CONTROL_STYLE)["shadow"]:
            failures.append(f"{where}: no grey ring when the pointer is on its label")

        page.mouse.move(0, 0)
        control.focus()
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")
        style = control.evaluate(CONTROL_STYLE)
        if not style["focused"] or FOCUS_RING not in style["shadow"]:
            failures.append(f"{where}: no yellow ring on keyboard focus: {style}")
        if not style["border"].startswith("4px"):
            failures.append(f"{where}: its border does not thicken on keyboard focus: {style}")
    assert_no_axe_violations(page, f"{CHOICES} ({mode}), with a radio and a checkbox chosen")
    context.close()
    assert_no_failures(failures, "Radios and checkboxes not drawn as GOV.UK's")


def test_where_colours_are_forced_a_chosen_radio_or_checkbox_still_shows(browser, demo_site):
    context = new_context(browser, demo_site)
    page = context.new_page()
    page.emulate_media(forced_colors="active")
    visit(page, demo_site, CHOICES)
    failures = []
    for kind, control, label in choice_controls(page):
        # The browser's own control, drawn in the reader's colours, not the site's drawing
        # (which forced colours would flatten: shadows go, and the box keeps only its border).
        style = control.evaluate(CONTROL_STYLE)
        if style["appearance"] != "auto" or style["mark"] is not None:
            failures.append(f"the first {kind}: not the browser's own control: {style}")
        unchecked = still(page, control)
        click_words_of(label)
        if not control.is_checked():
            failures.append(f"the first {kind}: clicking the words of its label did not choose it")
        if still(page, control) == unchecked:
            failures.append(f"the first {kind}: chosen, it looks the same as before")
    context.close()
    assert_no_failures(failures, "Radios and checkboxes in forced colours")


BUTTON_STYLE = """(element) => {
    const style = getComputedStyle(element);
    return {
        background: style.backgroundColor,
        shadow: style.boxShadow,
        border: style.borderTopColor,
        height: element.getBoundingClientRect().height,
        weight: style.fontWeight,
    };
}"""


def test_secondary_buttons_are_drawn_as_the_designs_buttons(page, demo_site):
    visit(page, demo_site, CONSULTATION)
    main = page.locator("main")

    primary = main.get_by_role("button", name="Continue").evaluate(BUTTON_STYLE)
    secondary = main.get_by_role("button", name="Ask for this format").evaluate(BUTTON_STYLE)

    assert secondary["background"] == "rgb(243, 242, 241)"
    assert "rgb(146, 145, 145) 0px 2px 0px" in secondary["shadow"]
    assert secondary["border"] == "rgba(0, 0, 0, 0)"  # no border box around it
    assert secondary["height"] == primary["height"]  # the same shape as the main button
    assert secondary["weight"] == primary["weight"] == "700"


def test_a_focused_button_turns_yellow(page, demo_site):
    visit(page, demo_site, CONSULTATION)
    button = page.locator("main").get_by_role("button", name="Ask for this format")

    button.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")

    style = button.evaluate(BUTTON_STYLE)
    assert style["background"] == "rgb(255, 221, 0)"


TEXT_SIZE = "(element) => parseFloat(getComputedStyle(element).fontSize)"
EASY_READ_TEXT = (
    ".easy-read-row__text p, .easy-read-important__text p, .easy-read-contact li, "
    ".easy-read-hard-word__meaning p, .easy-read-guides__text p"
)


@pytest.mark.parametrize("width", [320, 1280])
def test_easy_read_text_is_at_least_16_point_with_pictures_on_the_left(browser, demo_site, width):
    context = new_context(browser, demo_site, viewport={"width": width, "height": 800})
    page = context.new_page()
    failures = []
    for path in (GUIDE, INDEX):
        visit(page, demo_site, path)
        texts = page.locator(EASY_READ_TEXT)
        assert texts.count() >= 3, path
        for text in texts.all():
            size = text.evaluate(TEXT_SIZE)
            if size < SIXTEEN_POINT - 0.01:
                failures.append(f"{path}: {size}px: {text.inner_text()[:40]}")
        rows = page.locator(".easy-read-row, .easy-read-guides__item")
        for row in rows.all():
            picture = row.locator(".easy-read-row__picture, .easy-read-guides__picture")
            words = row.locator(".easy-read-row__text, .easy-read-guides__text")
            if picture.count() == 0:
                continue
            picture_box, words_box = picture.bounding_box(), words.bounding_box()
            if picture_box["x"] + picture_box["width"] > words_box["x"]:
                failures.append(f"{path}: a picture is not on the left of its words")
    context.close()
    assert_no_failures(failures, f"Easy read at {width}px")


def give_long_email_addresses():
    """The footer's contact and a guide's contact block, with a long email address."""
    BoardSettings.objects.update(contact_email=LONG_EMAIL)
    guide = EasyReadGuidePage.objects.get(url_path__endswith="/easy-read/direct-payments/")
    raw = [dict(block) for block in guide.body.raw_data]
    for block in raw:
        if block["type"] == "contact":
            block["value"] = {**block["value"], "email": LONG_EMAIL}
    stream_block = EasyReadGuidePage._meta.get_field("body").stream_block
    EasyReadGuidePage.objects.filter(pk=guide.pk).update(
        body=StreamValue(stream_block, raw, is_lazy=True)
    )
    cache.clear()  # the footer and the guide are kept in the shared cache


@pytest.mark.parametrize("mode", ["standard", "large-text"])
def test_a_long_email_address_wraps_at_320_pixels_without_sideways_scrolling(
    browser, demo_site, mode
):
    give_long_email_addresses()
    context = new_context(
        browser, demo_site, mode, viewport={"width": 320, "height": 640}, device_scale_factor=4
    )
    page = context.new_page()
    failures = []
    for path in ("/", GUIDE):
        visit(page, demo_site, path)
        links = page.locator(f'a[href="mailto:{LONG_EMAIL}"]')
        assert links.count() >= (2 if path == GUIDE else 1), path
        for link in links.all():
            assert link.inner_text().replace("\n", "") == LONG_EMAIL  # reads and copies whole
            width, _height = link.evaluate(BOX)
            if width > 320:
                failures.append(f"{path}: the address is {width:.0f}px wide")
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        if scroll_width > 320:
            culprits = "\n".join(f"    {c}" for c in page.evaluate(TOO_WIDE, 320))
            failures.append(f"{path}: {scroll_width}px wide\n{culprits}")
    context.close()
    assert_no_failures(failures, f"Long email addresses at 320px ({mode})")


def test_the_long_email_address_breaks_after_the_at_sign_or_before_a_dot(browser, demo_site):
    give_long_email_addresses()
    context = new_context(browser, demo_site, viewport={"width": 320, "height": 640})
    page = context.new_page()
    visit(page, demo_site, GUIDE)

    link = page.locator(".easy-read-contact").locator(f'a[href="mailto:{LONG_EMAIL}"]')
    lines = link.evaluate(
        """(link) => {
            const range = document.createRange();
            range.selectNodeContents(link);
            const tops = [...range.getClientRects()].map((rect) => Math.round(rect.top));
            return new Set(tops).size;
        }"""
    )
    html = link.inner_html()
    context.close()

    assert lines >= 2  # it wraps
    assert html.count("<wbr>") == LONG_EMAIL.count(".") + LONG_EMAIL.count("-") + 1


@pytest.mark.parametrize(
    "path", ["/search/?query=care", "/search/", INDEX, "/easy-read/?query=money"]
)
def test_each_page_has_one_search_box(page, demo_site, path):
    visit(page, demo_site, path)

    assert page.locator('input[type="search"]').count() == 1
    assert page.locator('[role="search"]').count() == 1
    # The page's own, in its main content, so a phone shows it without opening the menu.
    assert page.locator('main input[type="search"]').count() == 1


@pytest.mark.parametrize(
    "path", ["/join/", "/reader-preferences/", CONSULTATION, "/search/?query=care", INDEX, GUIDE]
)
def test_the_pages_have_no_axe_violations(browser, demo_site, path):
    give_long_email_addresses()
    for width in (320, 1280):
        context = new_context(browser, demo_site, viewport={"width": width, "height": 800})
        page = context.new_page()
        visit(page, demo_site, path)
        assert_no_axe_violations(page, f"{path} at {width}px")
        context.close()
