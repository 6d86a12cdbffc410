"""Everything works from the keyboard alone, and you can always see where the focus is."""

import pytest

from .conftest import assert_no_failures, every_page, new_context, visit

# What a browser lets you Tab to, when it is not disabled or hidden.
MARK_FOCUSABLE = """() => {
    const selector = [
        "a[href]", "button", "input:not([type=hidden])", "select", "textarea", "summary",
        "iframe", "[tabindex]:not([tabindex='-1'])", "[contenteditable='']",
        "[contenteditable='true']",
    ].join(",");
    const found = [];
    for (const element of document.querySelectorAll(selector)) {
        if (element.disabled || element.closest("[hidden], [inert]")) continue;
        // Not rendered, such as what is inside a closed disclosure (<details>) when the
        // stylesheet does not show it anyway.
        if (!element.checkVisibility()) continue;
        // Taken out of the tab order on purpose, and hidden from people: a spam trap.
        if (element.closest("[aria-hidden='true']") && element.tabIndex < 0) continue;
        const style = getComputedStyle(element);
        if (style.visibility === "hidden" || style.display === "none") continue;
        if (!element.getClientRects().length) continue;
        element.dataset.tabCheck = String(found.length);
        found.push({
            index: found.length,
            radioGroup: element.type === "radio" ? element.name : null,
            label: element.outerHTML.slice(0, 160),
        });
    }
    return found;
}"""

# Elements that say they are controls (a role) but that the keyboard cannot reach.
UNFOCUSABLE_CONTROLS = """() => Array.from(document.querySelectorAll(
    "[role=button], [role=link], [role=checkbox], [role=radio], [role=switch], [role=tab], "
    + "[role=menuitem], [role=option], [role=combobox], [role=slider], [role=textbox]"
)).filter((element) => element.tabIndex < 0 && !element.disabled && !element.closest("[hidden]"))
  .map((element) => element.outerHTML.slice(0, 160))"""

# The element that has the focus now, and how it shows that it has it.
FOCUSED = """() => {
    const element = document.activeElement;
    if (!element || element === document.body || element === document.documentElement) {
        return null;
    }
    const style = getComputedStyle(element);
    return {
        index: element.dataset.tabCheck === undefined ? null : Number(element.dataset.tabCheck),
        id: element.id,
        label: element.outerHTML.slice(0, 160),
        focusVisible: element.matches(":focus-visible"),
        outlineStyle: style.outlineStyle,
        outlineWidth: parseFloat(style.outlineWidth),
        outlineColor: style.outlineColor,
        boxShadow: style.boxShadow,
        backgroundColor: style.backgroundColor,
        color: style.color,
    };
}"""

START_AT_THE_TOP = """() => {
    const start = document.createElement("span");
    start.tabIndex = -1;
    document.body.prepend(start);
    start.focus();
}"""

BACKGROUND_OF = """(index) => getComputedStyle(
    document.querySelector(`[data-tab-check="${index}"]`)).backgroundColor"""


AFTER_MAIN = """() => {
    const main = document.getElementById("main-content");
    const focused = document.activeElement;
    const controls = Array.from(document.querySelectorAll("[data-tab-check]"));
    const later = controls.filter(
        (c) => main.compareDocumentPosition(c) & Node.DOCUMENT_POSITION_FOLLOWING);
    return later.length ? focused === later[0] : true;
}"""


def transparent(colour):
    """True for a fully transparent computed colour: `rgba(r, g, b, 0)` or `transparent`."""
    if colour == "transparent":
        return True
    parts = colour[colour.index("(") + 1 : -1].split(",")
    return len(parts) == 4 and float(parts[3]) == 0


def contrast(foreground, background):
    """The WCAG contrast ratio of two opaque `rgb(r, g, b)` colours."""

    def luminance(colour):
        channels = [int(c) / 255 for c in colour[colour.index("(") + 1 : -1].split(",")[:3]]
        r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def shows_focus(focused, unfocused_background):
    outline = (
        focused["outlineStyle"] != "none"
        and focused["outlineWidth"] > 0
        and not transparent(focused["outlineColor"])
    )
    shadow = focused["boxShadow"] not in ("", "none")
    background = focused["backgroundColor"] != unfocused_background
    return outline or shadow or background


def tab_through(page, limit):
    """Press Tab until the focus leaves the page or comes round again; return each stop."""
    stops = []
    seen = set()
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None:
            break
        key = focused["index"] if focused["index"] is not None else focused["label"]
        if key in seen:
            break
        seen.add(key)
        stops.append(focused)
    return stops


def keyboard_problems(page):
    """What is wrong with Tabbing through the page now showing; an empty list if nothing."""
    focusable = page.evaluate(MARK_FOCUSABLE)
    # Only the chosen (or the first) radio of a group is a Tab stop: arrows move within it.
    expected = {}
    for item in focusable:
        key = f"radios {item['radioGroup']}" if item["radioGroup"] else item["index"]
        expected.setdefault(key, item["label"])
    # Start from the top of the page, as someone arriving at it does (a page may have moved
    # the focus, as the sign-in page does to its error summary).
    page.evaluate(START_AT_THE_TOP)
    stops = tab_through(page, limit=len(focusable) + 10)

    problems = []
    if not stops or "skip-link" not in stops[0]["label"]:
        first = stops[0]["label"] if stops else "nothing"
        problems.append(f"the first Tab stop is not the skip link but {first}")
    reached = set()
    for stop in stops:
        if stop["index"] is None:
            problems.append(f"Tab reached an element that is not a control: {stop['label']}")
            continue
        item = focusable[stop["index"]]
        reached.add(f"radios {item['radioGroup']}" if item["radioGroup"] else item["index"])
        if not stop["focusVisible"]:
            problems.append(f"does not match :focus-visible when Tabbed to: {stop['label']}")
        unfocused = page.evaluate(BACKGROUND_OF, stop["index"])
        if not shows_focus(stop, unfocused):
            problems.append(f"shows no focus indicator: {stop['label']}")
        # A focus style that paints a background must keep the text readable on it
        # (axe cannot see this: it never focuses anything).
        background = stop["backgroundColor"]
        if background != unfocused and not transparent(background):
            ratio = contrast(stop["color"], background)
            if ratio < 4.5:
                problems.append(
                    f"text is {stop['color']} on {background} when focused, contrast "
                    f"{ratio:.1f}:1 (needs 4.5:1): {stop['label']}"
                )
    for key, label in expected.items():
        if key not in reached:
            problems.append(f"cannot be reached with Tab: {label}")
    for label in page.evaluate(UNFOCUSABLE_CONTROLS):
        problems.append(f"looks like a control but cannot take the focus: {label}")
    return problems


@pytest.mark.parametrize("mode", ["standard", "high-contrast", "large-text"])
def test_every_control_is_reachable_by_tab_with_a_visible_focus(browser, demo_site, mode):
    context = new_context(browser, demo_site, mode)
    page = context.new_page()
    failures = []
    for name, path, action in every_page(demo_site):
        visit(page, demo_site, path, action)
        problems = keyboard_problems(page)
        if problems:
            failures.append(f"{name} ({path}):\n" + "\n".join(f"  - {p}" for p in problems))
    context.close()
    assert_no_failures(failures, f"Keyboard problems ({mode} mode)")


def test_skip_link_moves_focus_to_the_main_content(page, demo_site):
    failures = []
    for name, path, action in every_page(demo_site):
        if action:
            continue
        visit(page, demo_site, path)
        page.evaluate(MARK_FOCUSABLE)
        page.keyboard.press("Tab")
        first = page.evaluate("document.activeElement.className")
        page.keyboard.press("Enter")
        focused_id = page.evaluate("document.activeElement.id")
        page.keyboard.press("Tab")
        # The next stop is the first control in or after the main content, if there is one.
        in_main = page.evaluate(AFTER_MAIN)
        if first != "skip-link":
            failures.append(f"{name} ({path}): the first Tab stop is {first!r}, not the skip link")
        elif focused_id != "main-content":
            failures.append(f"{name} ({path}): Enter on the skip link focused {focused_id!r}")
        elif not in_main:
            failures.append(f"{name} ({path}): Tab after the skip link went back up the page")
    assert_no_failures(failures, "The skip link does not work")
