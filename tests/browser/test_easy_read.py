"""The demo site's easy read guides in the browser: no axe violations in any reader mode, a
"Listen" button that works from the keyboard, no sideways scrolling at 320 px, and a print
layout that gives an A4 document with the pictures."""

import re

import pytest

from .conftest import (
    READER_MODES,
    assert_no_failures,
    axe_violations,
    describe_violations,
    new_context,
    visit,
)
from .test_keyboard import FOCUSED, shows_focus
from .test_reflow import TOO_WIDE, WIDTH

# Each demo guide (site/demo/content.json), with the first sentence of its first row.
GUIDES = {
    "/easy-read/direct-payments/": "A direct payment is money from Larkfield Council.",
    "/easy-read/your-care-assessment/": (
        "A care assessment is a talk with someone from the council."
    ),
    "/easy-read/know-where-to-go/": "Call 999 for an ambulance if someone is very ill.",
}
INDEX = "/easy-read/"
SEARCH = "/easy-read/?query=money"
LISTEN = "Listen to this page"
PAUSE = "Pause"

# Speech is stubbed: the test records what the page asks the browser to say, and makes no sound.
# Chromium here may have no voices: the stub says it has one. (tests/browser/test_read_aloud.py
# tests the control itself: pause, speed, highlighting, no voice.)
RECORD_SPEECH = """
window.spoken = [];
window.utterances = [];
window.cancelled = 0;
if (window.speechSynthesis) {
    window.speechSynthesis.getVoices = () => [{name: "Test voice", lang: "en-GB"}];
    window.speechSynthesis.speak = (utterance) => {
        window.spoken.push(utterance.text);
        window.utterances.push(utterance);
    };
    window.speechSynthesis.cancel = () => { window.cancelled += 1; };
}
"""
NO_SPEECH = """Object.defineProperty(window, "speechSynthesis", {value: undefined});"""
FINISH_SPEAKING = """() => window.utterances[window.utterances.length - 1]
    .dispatchEvent(new Event("end"))"""


def listen_button(page):
    return page.locator("main").get_by_role("button", name=re.compile("^(Listen|Pause)"))


@pytest.mark.parametrize("mode", READER_MODES)
def test_the_guides_and_index_have_no_axe_violations(browser, demo_site, mode):
    context = new_context(browser, demo_site, mode)
    context.add_init_script(RECORD_SPEECH)
    page = context.new_page()
    failures = []
    for path in [*GUIDES, INDEX, SEARCH]:
        visit(page, demo_site, path)
        if path in GUIDES:
            # Checked as the reader sees it while it reads aloud too.
            listen_button(page).click()
            assert listen_button(page).inner_text() == PAUSE
        violations = axe_violations(page)
        if violations:
            failures.append(f"{path} ({mode}):\n{describe_violations(violations)}")
    context.close()
    assert_no_failures(failures, f"axe found WCAG 2.2 A/AA violations ({mode} mode)")


def tab_to_listen(page, limit=40):
    """Press Tab until the Listen button has the focus; return how the focus looks."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused and LISTEN in focused["label"]:
            return focused
    raise AssertionError(f"Could not reach the {LISTEN!r} button with {limit} presses of Tab")


@pytest.mark.parametrize("path", GUIDES)
def test_listen_reads_the_guide_aloud_from_the_keyboard(browser, demo_site, path):
    context = new_context(browser, demo_site)
    context.add_init_script(RECORD_SPEECH)
    page = context.new_page()
    visit(page, demo_site, path)
    button = listen_button(page)
    unfocused_background = button.evaluate("(b) => getComputedStyle(b).backgroundColor")

    focused = tab_to_listen(page)
    assert focused["focusVisible"], "the button does not match :focus-visible"
    assert shows_focus(focused, unfocused_background), "the button shows no focus indicator"

    page.keyboard.press("Enter")
    assert button.inner_text() == PAUSE
    title = page.locator("h1").inner_text()
    assert page.evaluate("window.spoken") == [title]
    assert page.evaluate("document.activeElement.textContent") == PAUSE

    # Stop, from the keyboard: the focus comes back to the button that starts again.
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    assert button.inner_text() == LISTEN
    assert page.evaluate("window.cancelled") == 1
    assert page.evaluate("document.activeElement.textContent") == LISTEN

    # Each part is read after the one before; when the last ends, it is ready to start again.
    page.keyboard.press("Enter")
    for _ in range(page.locator("main [data-listen]").count()):
        assert button.inner_text() == PAUSE
        page.evaluate(FINISH_SPEAKING)
        if button.inner_text() == LISTEN:
            break
    assert button.inner_text() == LISTEN
    assert GUIDES[path] in " ".join(page.evaluate("window.spoken"))
    context.close()


def test_without_speech_or_javascript_there_is_no_listen_button(browser, demo_site):
    path = next(iter(GUIDES))
    no_speech = new_context(browser, demo_site)
    no_speech.add_init_script(NO_SPEECH)
    no_script = new_context(browser, demo_site, java_script_enabled=False)
    for context in (no_speech, no_script):
        page = context.new_page()
        visit(page, demo_site, path)
        assert listen_button(page).count() == 0
        # The guide itself is all there.
        assert page.get_by_text(GUIDES[path]).is_visible()
        context.close()


@pytest.mark.parametrize("mode", ["standard", "large-text"])
def test_the_guides_do_not_scroll_sideways_at_320_pixels(browser, demo_site, mode):
    context = new_context(
        browser, demo_site, mode, viewport={"width": WIDTH, "height": 640}, device_scale_factor=4
    )
    context.add_init_script(RECORD_SPEECH)
    page = context.new_page()
    failures = []
    for path in [*GUIDES, INDEX, SEARCH]:
        visit(page, demo_site, path)
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        if scroll_width > WIDTH:
            culprits = "\n".join(f"    {c}" for c in page.evaluate(TOO_WIDE, WIDTH))
            failures.append(f"{path}: {scroll_width}px wide\n{culprits}")
        if path in GUIDES:
            # Narrow: each row's picture still sits on the left of its words, where it fits.
            row = page.locator(".easy-read-row").first
            picture = row.locator(".easy-read-row__picture").bounding_box()
            words = row.locator(".easy-read-row__text").bounding_box()
            if picture["x"] + picture["width"] > words["x"]:
                failures.append(f"{path}: the first row's picture is not left of its words")
    context.close()
    assert_no_failures(failures, f"Easy read pages scroll sideways at {WIDTH}px ({mode})")


def test_on_a_wide_screen_each_picture_is_left_of_its_words(page, demo_site):
    page.set_viewport_size({"width": 1024, "height": 800})
    visit(page, demo_site, next(iter(GUIDES)))

    for row in page.locator(".easy-read-row").all():
        picture = row.locator(".easy-read-row__picture").bounding_box()
        words = row.locator(".easy-read-row__text").bounding_box()
        assert picture["x"] + picture["width"] <= words["x"]
        assert 8 * 16 <= picture["width"] <= 12 * 16  # 8 to 12rem


TEXT_STYLE = """(element) => {
    const style = getComputedStyle(element);
    return {
        size: parseFloat(style.fontSize),
        lineHeight: parseFloat(style.lineHeight),
        align: style.textAlign,
        fontStyle: style.fontStyle,
        transform: style.textTransform,
    };
}"""


@pytest.mark.parametrize(
    ("mode", "width"), [("standard", 1024), ("standard", 320), ("large-text", 1024)]
)
def test_the_words_are_large_with_room_between_the_lines(browser, demo_site, mode, width):
    context = new_context(browser, demo_site, mode, viewport={"width": width, "height": 800})
    page = context.new_page()
    visit(page, demo_site, next(iter(GUIDES)))
    body_size = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")

    selector = ".easy-read-row__text p, .easy-read-important__text p, .easy-read-contact li"
    styles = [element.evaluate(TEXT_STYLE) for element in page.locator(selector).all()]
    context.close()

    minimum = 18 if mode == "standard" else 18 * 1.25
    for style in styles:
        assert style["size"] >= minimum, style
        assert style["size"] >= body_size, style  # never smaller than the rest of the site
        assert style["lineHeight"] >= 1.5 * style["size"], style
        assert style["align"] != "justify", style
        assert style["fontStyle"] == "normal", style
        assert style["transform"] == "none", style


def pdf_page_count(pdf):
    """The number of pages in Chromium's PDF, from its page tree."""
    return max(int(count) for count in re.findall(rb"/Count (\d+)", pdf))


@pytest.mark.parametrize("path", GUIDES)
def test_the_guide_prints_as_an_a4_document_with_its_pictures(browser, demo_site, path):
    context = new_context(browser, demo_site)
    context.add_init_script(RECORD_SPEECH)
    page = context.new_page()
    visit(page, demo_site, path)
    assert listen_button(page).is_visible()

    page.emulate_media(media="print")

    pictures = page.locator(".easy-read-row__picture img")
    assert pictures.count() >= 6
    assert all(picture.is_visible() for picture in pictures.all())
    assert not listen_button(page).is_visible()
    for hidden in (".site-header__nav", ".reader-controls", ".breadcrumbs", ".site-footer"):
        assert not page.locator(hidden).is_visible(), f"{hidden} shows in print"
    rows = page.locator(".easy-read-row")
    assert rows.first.evaluate("(row) => getComputedStyle(row).breakInside") == "avoid"

    # The pictures below the first screen load as the reader comes near them; Chromium's
    # printing starts loading any still waiting but does not always wait for them (CI saw 6
    # of 7 under load), so the reader here has read down the page before printing.
    for picture in pictures.all():
        picture.scroll_into_view_if_needed()
    page.wait_for_function(
        "() => [...document.querySelectorAll('.easy-read-row__picture img')]"
        ".every((img) => img.complete && img.naturalWidth > 0)"
    )
    pdf = page.pdf(format="A4", print_background=False)
    assert pdf.startswith(b"%PDF-")
    assert pdf_page_count(pdf) >= 1
    assert pdf.count(b"/Subtype /Image") >= pictures.count()
    context.close()


def test_the_printed_guide_gives_the_full_address_of_its_standard_version(page, demo_site):
    visit(page, demo_site, "/easy-read/direct-payments/")
    page.emulate_media(media="print")

    standard = page.locator(".easy-read-standard")
    assert standard.is_visible()
    address = standard.locator(".easy-read-print-only").first
    assert address.is_visible()
    assert address.inner_text().strip().startswith(f"at {demo_site.url}/")
