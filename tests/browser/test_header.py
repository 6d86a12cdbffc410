"""The header on a phone and on a desktop.

Below 640 px the reader controls, the main navigation and the search fold away behind a
"Menu" button, so the page's heading is on the first screen. The menu is a <details>, so it
opens from the keyboard and without JavaScript; from 640 px up its content shows and the
button does not. At desktop widths the navigation fits one row, both in the fonts a Windows or
Mac machine has (Arial or Helvetica, whose metrics Liberation Sans copies) and in the wider
DejaVu Sans a Linux machine falls back on.
"""

from .conftest import (
    READER_MODES,
    assert_no_axe_violations,
    assert_no_failures,
    axe_violations,
    describe_violations,
    new_context,
    sign_in,
    visit,
)
from .test_keyboard import START_AT_THE_TOP

PHONE = {"width": 320, "height": 568}
DESKTOP = {"width": 1280, "height": 800}

# What has the focus, and whether it shows it.
FOCUSED = """() => {
    const element = document.activeElement;
    const style = getComputedStyle(element);
    const box = element.getBoundingClientRect();
    return {
        tag: element.localName,
        text: element.textContent.trim().slice(0, 60),
        label: element.labels && element.labels.length ? element.labels[0].textContent.trim() : "",
        focusVisible: element.matches(":focus-visible"),
        outline: style.outlineStyle !== "none" ? parseFloat(style.outlineWidth) : 0,
        width: box.width,
        height: box.height,
    };
}"""

# Whether a font is installed: text measured in it differs from the same text in monospace.
FONT_INSTALLED = """(family) => {
    const context = document.createElement("canvas").getContext("2d");
    const text = "About the board, Have your say, You said, we did";
    context.font = `bold 16px ${family}, monospace`;
    const inFont = context.measureText(text).width;
    context.font = "bold 16px monospace";
    return inFont !== context.measureText(text).width;
}"""

# The main navigation's rows, and the header's and navigation's heights.
NAVIGATION_ROWS = """() => {
    const items = Array.from(document.querySelectorAll(".main-nav__item"));
    const nav = document.querySelector(".main-nav").getBoundingClientRect();
    return {
        rows: new Set(items.map((item) => Math.round(item.getBoundingClientRect().top))).size,
        items: items.map((item) => item.textContent.trim()),
        tallestItem: Math.max(...items.map((item) => item.getBoundingClientRect().height)),
        navHeight: nav.height,
        navWidth: nav.width,
        headerHeight: document.querySelector(".site-header").getBoundingClientRect().height,
        font: getComputedStyle(document.querySelector(".main-nav__link")).fontFamily,
    };
}"""

# The fonts to measure the navigation in: None is the stylesheet's own stack, as this
# machine's fonts resolve it.
FONTS = {
    "the stylesheet's font stack on this machine": None,
    "Arial or Helvetica metrics (Liberation Sans)": '"Liberation Sans"',
    "a Linux machine without them (DejaVu Sans)": '"DejaVu Sans"',
}


def menu_button(page):
    return page.locator(".site-header__menu-button")


def menu_is_open(page):
    return page.locator(".site-header__menu").evaluate("(details) => details.open")


def header_link(page, name):
    return page.get_by_role("navigation", name="Main").get_by_role("link", name=name, exact=True)


def search_box(page):
    return page.get_by_role("searchbox", name="Search")


def hidden_by_the_closed_menu(page):
    """What should be out of sight while the menu is closed, and is not."""
    controls = {
        "the link About the board": header_link(page, "About the board"),
        "the search box": search_box(page),
        "the Larger text button": page.locator("header").get_by_role("button", name="Larger text"),
    }
    return [name for name, control in controls.items() if control.is_visible()]


def tab_until(page, wanted, limit=30):
    """Press Tab until `wanted(focused)` is true; return every stop on the way."""
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        stops.append(focused)
        if wanted(focused):
            return stops
    raise AssertionError(
        f"Tab did not get there in {limit} presses; it stopped at: "
        + ", ".join(f"{stop['tag']} {stop['text'] or stop['label']!r}" for stop in stops)
    )


def test_menu_button_opens_the_menu_from_the_keyboard_at_320_pixels(browser, demo_site):
    context = new_context(browser, demo_site, viewport=PHONE)
    page = context.new_page()
    visit(page, demo_site, "/")

    assert menu_button(page).is_visible()
    assert not menu_is_open(page)
    assert hidden_by_the_closed_menu(page) == []
    assert_no_axe_violations(page, "the home page at 320 px, menu closed")

    # Tab: the skip link first, then on to the Menu button, which shows its focus and is a
    # big enough target.
    page.evaluate(START_AT_THE_TOP)
    stops = tab_until(page, lambda focused: focused["tag"] == "summary", limit=5)
    assert "Skip to main content" in stops[0]["text"], stops[0]
    button = stops[-1]
    assert button["text"] == "Menu"
    assert button["focusVisible"] and button["outline"] >= 3, button
    assert button["width"] >= 44 and button["height"] >= 44, button

    # Enter opens it, and its links, the search box and the reader controls are reachable.
    page.keyboard.press("Enter")
    assert menu_is_open(page)
    assert header_link(page, "About the board").is_visible()
    stops = tab_until(page, lambda focused: focused["tag"] == "input")
    reached = [stop["text"] for stop in stops]
    for name in ("Larger text", "High contrast", "Home", "About the board", "Sign in"):
        assert name in reached, f"Tab did not reach {name!r} in the open menu: {reached}"
    assert stops[-1]["label"] == "Search"
    page.keyboard.type("carers")
    assert_no_axe_violations(page, "the home page at 320 px, menu open")

    # Escape (with JavaScript) closes it and puts the focus back on the button.
    page.keyboard.press("Escape")
    assert not menu_is_open(page)
    assert page.evaluate(FOCUSED)["text"] == "Menu"

    # Space opens and closes it too.
    page.keyboard.press(" ")
    assert menu_is_open(page)
    page.keyboard.press(" ")
    assert not menu_is_open(page)
    assert hidden_by_the_closed_menu(page) == []

    # A signed-in member finds their account in the menu.
    sign_in(page, demo_site)
    menu_button(page).click()
    header_link(page, "Your account").click()
    page.wait_for_load_state()
    assert page.url == demo_site["/account/"]
    context.close()


def test_menu_has_no_axe_violations_and_fits_320_pixels_in_any_mode(browser, demo_site):
    failures = []
    for mode in READER_MODES:
        context = new_context(browser, demo_site, mode, viewport=PHONE)
        page = context.new_page()
        for path in ("/", "/about-the-board/"):
            visit(page, demo_site, path)
            for state in ("closed", "open"):
                if state == "open":
                    menu_button(page).click()
                    assert menu_is_open(page)
                    scroll_width = page.evaluate("document.documentElement.scrollWidth")
                    if scroll_width > PHONE["width"]:
                        failures.append(f"{path}, {mode}, menu open: {scroll_width}px wide")
                violations = axe_violations(page)
                if violations:
                    failures.append(
                        f"{path} at 320px, {mode}, menu {state}:\n"
                        + describe_violations(violations)
                    )
        context.close()
    assert_no_failures(failures, "Problems with the header's menu")


def test_menu_works_without_javascript(browser, demo_site):
    context = new_context(browser, demo_site, viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    visit(page, demo_site, "/")
    assert "no-js" in page.locator("html").get_attribute("class").split()
    assert not menu_is_open(page)
    assert hidden_by_the_closed_menu(page) == []

    # Opened from the keyboard, it searches.
    page.evaluate(START_AT_THE_TOP)
    tab_until(page, lambda focused: focused["tag"] == "summary", limit=5)
    page.keyboard.press("Enter")
    assert menu_is_open(page)
    search_box(page).fill("carers")
    with page.expect_navigation():
        search_box(page).press("Enter")
    assert page.url == demo_site["/search/?query=carers"]

    # On the next page it starts closed again, and a click opens it and follows a link.
    assert not menu_is_open(page)
    menu_button(page).click()
    assert menu_is_open(page)
    header_link(page, "About the board").click()
    page.wait_for_load_state()
    assert page.url == demo_site["/about-the-board/"]
    assert not menu_is_open(page)
    menu_button(page).click()
    assert menu_is_open(page)
    menu_button(page).click()
    assert not menu_is_open(page)
    assert hidden_by_the_closed_menu(page) == []

    # On a desktop nothing needs opening: the links show and the button does not.
    page.set_viewport_size(DESKTOP)
    assert not menu_is_open(page)
    assert not menu_button(page).is_visible()
    assert header_link(page, "About the board").is_visible()
    assert search_box(page).is_visible()
    assert page.locator("header").get_by_role("button", name="Larger text").is_visible()
    context.close()


def test_navigation_fits_one_row_at_1280_pixels_in_each_font(browser, demo_site):
    failures = []
    for mode in ("standard", "large-text"):
        # bypass_csp: the test adds a style element to change the font.
        context = new_context(browser, demo_site, mode, viewport=DESKTOP, bypass_csp=True)
        page = context.new_page()
        for who in ("a visitor", "the demo member"):
            if who == "the demo member":
                sign_in(page, demo_site)
            for font_name, family in FONTS.items():
                visit(page, demo_site, "/")
                if family:
                    assert page.evaluate(FONT_INSTALLED, family), (
                        f"The font {family} is missing, so the header cannot be measured in "
                        "it. On Debian: apt-get install fonts-liberation2 fonts-dejavu-core"
                    )
                    page.add_style_tag(content=f"* {{ font-family: {family} !important; }}")
                rows = page.evaluate(NAVIGATION_ROWS)
                if family:
                    assert rows["font"] == family, rows
                one_row = rows["rows"] == 1 and rows["navHeight"] <= rows["tallestItem"] + 1
                if not one_row:
                    failures.append(
                        f"{mode} text, {who}, {font_name}: the navigation takes {rows['rows']} "
                        f"rows, {rows['navHeight']:.0f}px high (one link is "
                        f"{rows['tallestItem']:.0f}px); the header is "
                        f"{rows['headerHeight']:.0f}px high. Links: {rows['items']}"
                    )
        context.close()
    assert_no_failures(failures, "The navigation wraps at 1280px")


# An older browser: ::details-content unknown, so the stylesheet keeps the menu closed at
# every width and the script has to open it on wide screens.
WITHOUT_DETAILS_CONTENT = """(() => {
    const supports = CSS.supports.bind(CSS);
    CSS.supports = (...args) => !String(args[0]).includes("details-content") && supports(...args);
})();"""


def test_without_details_content_the_script_opens_the_menu_on_wide_screens(browser, demo_site):
    context = new_context(browser, demo_site, viewport=DESKTOP)
    context.add_init_script(WITHOUT_DETAILS_CONTENT)
    page = context.new_page()
    visit(page, demo_site, "/")
    assert menu_is_open(page)
    page.set_viewport_size(PHONE)
    page.wait_for_function("() => !document.querySelector('.site-header__menu').open")
    page.set_viewport_size(DESKTOP)
    page.wait_for_function("() => document.querySelector('.site-header__menu').open")
    context.close()
