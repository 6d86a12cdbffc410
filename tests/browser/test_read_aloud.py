"""Listen: the read-aloud control (static/js/read-aloud.js) on the demo site's content pages, in
Chromium. Pause and resume, a choice of speed, the part being read highlighted, a clear
message when the browser has no voice, nothing to press without JavaScript, all from the
keyboard, and no axe violations in any state.

The product's code runs as it is. Chromium here may have voices or none, so each test says
which it has: `NO_VOICES` empties the voice list of Chromium's own speech, and `FAKE_SPEECH`
stands in for the whole of it, recording what the page asks it to do and making no sound.
"""

import re

import pytest

from .conftest import (
    assert_no_axe_violations,
    new_context,
    visit,
    you_said_we_did_routes,
)
from .test_keyboard import FOCUSED, shows_focus

STANDARD_PAGE = "/about-the-board/"
CONSULTATION = "/have-your-say/plan-for-unpaid-carers/"
EASY_READ_GUIDE = "/easy-read/direct-payments/"
LISTEN = "Listen to this page"
NO_VOICE_MESSAGE = "Your browser cannot read this page aloud"

# A speechSynthesis that records each call, with the utterances it was given. Like Chromium's,
# it fires "end" on an utterance that cancel() stopped, so the test sees that the page ignores
# it; `window.finishPart()` ends the utterance being spoken, as if it had been said.
FAKE_SPEECH = """
(() => {
    window.speechCalls = [];
    window.utterances = [];
    class FakeSpeech extends EventTarget {
        constructor() {
            super();
            this.speaking = false;
            this.pending = false;
            this.paused = false;
            this.current = null;
        }
        getVoices() { return [{name: "Test voice", lang: "en-GB", default: true}]; }
        speak(utterance) {
            // The rate to two places: the utterance keeps it as a 32-bit float.
            const rate = Math.round(utterance.rate * 100) / 100;
            window.speechCalls.push({call: "speak", text: utterance.text, rate: rate});
            window.utterances.push(utterance);
            this.current = utterance;
            this.speaking = true;
        }
        pause() { window.speechCalls.push({call: "pause"}); this.paused = true; }
        resume() { window.speechCalls.push({call: "resume"}); this.paused = false; }
        cancel() {
            window.speechCalls.push({call: "cancel"});
            const stopped = this.current;
            this.current = null;
            this.speaking = false;
            if (stopped) { stopped.dispatchEvent(new Event("end")); }
        }
    }
    const speech = new FakeSpeech();
    Object.defineProperty(window, "speechSynthesis", {value: speech});
    window.finishPart = () => {
        const said = speech.current;
        speech.current = null;
        speech.speaking = false;
        said.dispatchEvent(new Event("end"));
    };
})();
"""
NO_VOICES = """
if (window.speechSynthesis) {
    window.speechSynthesis.getVoices = () => [];
    window.spoken = [];
    window.speechSynthesis.speak = (utterance) => { window.spoken.push(utterance.text); };
}
"""
NO_SPEECH = """Object.defineProperty(window, "speechSynthesis", {value: undefined});"""

BEING_READ = """() => Array.from(document.querySelectorAll(".read-aloud-current"), (element) => {
    const style = getComputedStyle(element);
    return {
        text: element.innerText.replace(/\\s+/g, " ").trim(),
        outline: style.outlineStyle + " " + parseFloat(style.outlineWidth),
        background: style.backgroundColor,
    };
})"""


def content_pages():
    """A standard page, a consultation and a change, as (name, path)."""
    [change] = [path for name, path, __ in you_said_we_did_routes() if name.startswith("One")]
    return [("standard page", STANDARD_PAGE), ("consultation", CONSULTATION), ("change", change)]


def control(page):
    return page.locator("[data-read-aloud]")


def play_button(page):
    return control(page).locator("[data-read-aloud-play]")


def speed(page, name):
    return control(page).get_by_role("group", name="Speed").get_by_role("button", name=name)


def calls(page):
    return page.evaluate("window.speechCalls")


def spoken(page):
    return [call for call in calls(page) if call["call"] == "speak"]


def tab_to(page, label, limit=60):
    """Press Tab until the button whose text is `label` has the focus; return how it looks."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused and re.search(rf">{re.escape(label)}<", focused["label"]):
            return focused
    raise AssertionError(f"Could not reach the {label!r} button with {limit} presses of Tab")


def test_play_pause_resume_speed_and_the_highlight_follow_the_reading(browser, demo_site):
    context = new_context(browser, demo_site)
    context.add_init_script(FAKE_SPEECH)
    page = context.new_page()
    visit(page, demo_site, STANDARD_PAGE)
    title = page.locator("main h1").inner_text()
    status = control(page).get_by_role("status")

    # Under the heading, ready to start, with the normal speed chosen.
    assert control(page).is_visible()
    assert page.locator("main h1 + [data-read-aloud]").count() == 1
    assert play_button(page).inner_text() == LISTEN
    assert speed(page, "Normal").get_attribute("aria-pressed") == "true"
    assert not control(page).get_by_role("button", name="Stop").is_visible()
    assert_no_axe_violations(page, "ready to listen")

    # Play: the heading is read first, and highlighted with an outline and a background.
    play_button(page).click()
    assert play_button(page).inner_text() == "Pause"
    assert status.inner_text() == "Reading aloud."
    [first] = spoken(page)
    assert first == {"call": "speak", "text": title, "rate": 0.9}
    [highlighted] = page.evaluate(BEING_READ)
    assert highlighted["text"] == title
    assert highlighted["outline"] == "solid 3"
    assert highlighted["background"] not in ("rgba(0, 0, 0, 0)", "transparent")
    assert_no_axe_violations(page, "reading aloud")

    # The heading is said: the next part is read and highlighted instead.
    page.evaluate("window.finishPart()")
    second = spoken(page)[1]["text"]
    assert second != title
    assert [part["text"] for part in page.evaluate(BEING_READ)] == [second]

    # Pause, then resume the same part where it stopped.
    play_button(page).click()
    assert calls(page)[-1] == {"call": "pause"}
    assert play_button(page).inner_text() == "Resume"
    assert status.inner_text() == "Paused."
    assert [part["text"] for part in page.evaluate(BEING_READ)] == [second]
    assert_no_axe_violations(page, "paused")
    play_button(page).click()
    assert calls(page)[-1] == {"call": "resume"}
    assert play_button(page).inner_text() == "Pause"

    # Faster: the part being read starts again at the new speed, and stays highlighted.
    speed(page, "Faster").click()
    assert speed(page, "Faster").get_attribute("aria-pressed") == "true"
    assert speed(page, "Normal").get_attribute("aria-pressed") == "false"
    assert status.inner_text() == "Speed: faster."
    assert calls(page)[-2:] == [
        {"call": "cancel"},
        {"call": "speak", "text": second, "rate": 1.2},
    ]
    # The cancelled utterance's own "end" did not move the reading on.
    assert len(spoken(page)) == 3
    assert_no_axe_violations(page, "reading faster")

    # When that part is said, the highlight moves to the next, read at the new speed.
    page.evaluate("window.finishPart()")
    third = spoken(page)[-1]
    assert third["rate"] == 1.2 and third["text"] not in (title, second)
    assert [part["text"] for part in page.evaluate(BEING_READ)] == [third["text"]]

    # Stop: silence, no highlight, and the focus back on the button that starts again.
    control(page).get_by_role("button", name="Stop").click()
    assert calls(page)[-1] == {"call": "cancel"}
    assert page.evaluate(BEING_READ) == []
    assert play_button(page).inner_text() == LISTEN
    assert status.inner_text() == "Stopped."
    assert page.evaluate("document.activeElement.dataset.readAloudPlay") == ""

    # The speed chosen is kept for the next page.
    visit(page, demo_site, CONSULTATION)
    assert speed(page, "Faster").get_attribute("aria-pressed") == "true"
    play_button(page).click()
    assert spoken(page)[0]["rate"] == 1.2
    context.close()


def test_the_reading_ends_by_itself_ready_to_start_again(browser, demo_site):
    context = new_context(browser, demo_site)
    context.add_init_script(FAKE_SPEECH)
    page = context.new_page()
    visit(page, demo_site, CONSULTATION)

    play_button(page).click()
    while page.evaluate("window.speechSynthesis.current !== null"):
        page.evaluate("window.finishPart()")

    texts = [call["text"] for call in spoken(page)]
    assert texts[0] == page.locator("main h1").inner_text()
    # The page's words are read, each once; the questions' form is not.
    assert "Have your say" in texts
    assert len(texts) == len(set(texts))
    questions = page.locator("main form label").all_inner_texts()
    assert questions and not set(texts) & {label.strip() for label in questions}
    assert play_button(page).inner_text() == LISTEN
    assert control(page).get_by_role("status").inner_text() == "Finished reading."
    assert page.evaluate(BEING_READ) == []
    context.close()


@pytest.mark.parametrize("mode", ["standard", "high-contrast"])
def test_every_content_page_offers_it_from_the_keyboard(browser, demo_site, mode):
    context = new_context(browser, demo_site, mode)
    context.add_init_script(FAKE_SPEECH)
    page = context.new_page()
    for name, path in [*content_pages(), ("easy read guide", EASY_READ_GUIDE)]:
        visit(page, demo_site, path)
        button = play_button(page)
        unfocused = button.evaluate("(b) => getComputedStyle(b).backgroundColor")

        focused = tab_to(page, LISTEN)
        assert focused["focusVisible"], f"{name}: the button does not match :focus-visible"
        assert shows_focus(focused, unfocused), f"{name}: the button shows no focus"
        page.keyboard.press("Enter")
        assert button.inner_text() == "Pause", name
        assert spoken(page)[0]["text"] == page.locator("main h1").inner_text(), name
        assert page.evaluate(BEING_READ), f"{name}: nothing is highlighted"
        assert_no_axe_violations(page, f"{name} ({mode}), reading aloud")

        # The speed and Stop buttons are next, in the order they are seen.
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent") == "Stop", name
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent") == "Slower", name
        page.keyboard.press("Space")
        assert speed(page, "Slower").get_attribute("aria-pressed") == "true", name
        assert spoken(page)[-1]["rate"] == 0.7, name
        speed(page, "Normal").click()  # for the next page
    context.close()


def test_the_easy_read_guide_reads_only_the_words_it_marks(browser, demo_site):
    context = new_context(browser, demo_site)
    context.add_init_script(FAKE_SPEECH)
    page = context.new_page()
    visit(page, demo_site, EASY_READ_GUIDE)

    # In its place under the guide's summary.
    assert page.locator(".easy-read-listen [data-read-aloud]").is_visible()
    play_button(page).click()
    while page.evaluate("window.speechSynthesis.current !== null"):
        page.evaluate("window.finishPart()")

    marked = page.locator("main [data-listen]").evaluate_all(
        "(parts) => parts.map((part) => part.innerText.replace(/\\s+/g, ' ').trim())"
    )
    assert [call["text"] for call in spoken(page)] == [text for text in marked if text]
    context.close()


@pytest.mark.parametrize("mode", ["standard", "high-contrast"])
def test_a_browser_with_no_voice_says_so_clearly(browser, demo_site, mode):
    context = new_context(browser, demo_site, mode)
    context.add_init_script(NO_VOICES)
    page = context.new_page()
    visit(page, demo_site, STANDARD_PAGE)

    play_button(page).click()

    message = control(page).get_by_text(NO_VOICE_MESSAGE)
    message.wait_for(state="visible")
    assert "screen reader" in message.inner_text()
    # Focused, so it is read out, and no buttons are left that cannot work.
    assert page.evaluate("document.activeElement.dataset.readAloudNoVoice") == ""
    assert control(page).get_by_role("button").filter(visible=True).count() == 0
    assert page.evaluate("window.spoken") == []
    assert_no_axe_violations(page, f"no voice ({mode})")
    context.close()


def test_without_speech_or_javascript_there_is_nothing_to_press(browser, demo_site):
    no_speech = new_context(browser, demo_site)
    no_speech.add_init_script(NO_SPEECH)
    no_script = new_context(browser, demo_site, java_script_enabled=False)
    for context in (no_speech, no_script):
        page = context.new_page()
        for name, path in content_pages():
            visit(page, demo_site, path)
            assert not control(page).is_visible(), name
            assert page.get_by_role("button", name=re.compile("Listen|Pause|Slower")).count() == 0
            # The page itself is all there.
            assert page.locator("main h1").is_visible(), name
        context.close()


def test_the_home_page_has_no_control(browser, demo_site):
    context = new_context(browser, demo_site)
    context.add_init_script(FAKE_SPEECH)
    page = context.new_page()
    visit(page, demo_site, "/")

    assert control(page).count() == 0
    context.close()
