"""The home page on a phone (issue 13): the first screen, 320 by 568 CSS pixels, shows what the
board is for (the page's introduction) and the first open consultation, its title and its
"Have your say" button, for a visitor and for a signed-in member; and the page passes axe."""

from .conftest import assert_no_axe_violations, new_context, sign_in

PHONE = {"width": 320, "height": 568}

# Where each thing is on the page, in CSS pixels from the top of the document, before any
# scrolling: what must be on the first screen, and the top of <main> to say how much room
# the header takes.
BOXES = """() => {
    const box = (element) => {
        if (!element) return null;
        const rect = element.getBoundingClientRect();
        return {top: rect.top + window.scrollY, bottom: rect.bottom + window.scrollY};
    };
    const first = document.querySelector(".home-open__item");
    return {
        main: box(document.querySelector("main")),
        introduction: box(document.querySelector("main .lead")),
        title: box(first && first.querySelector("h3")),
        button: box(first && first.querySelector("a.button")),
        buttonText: first ? first.querySelector("a.button").innerText.trim() : null,
        titleText: first ? first.querySelector("h3").innerText.trim() : null,
    };
}"""


def first_screen(page):
    """What the first screen shows, and where, at the top of the page."""
    page.evaluate("window.scrollTo(0, 0)")
    return page.evaluate(BOXES)


def assert_on_the_first_screen(boxes, who):
    for name in ("introduction", "title", "button"):
        assert boxes[name] is not None, f"{who}: the home page has no {name} to show"
    # In the order the issue asks for: what the board is for, then what is open.
    assert boxes["introduction"]["bottom"] <= boxes["title"]["top"], boxes
    assert boxes["title"]["bottom"] <= boxes["button"]["top"], boxes
    for name in ("introduction", "title", "button"):
        assert boxes[name]["bottom"] <= PHONE["height"], (
            f"{who}: the {name} ends at {boxes[name]['bottom']:.0f}px, below the first screen "
            f"({PHONE['height']}px; <main> starts at {boxes['main']['top']:.0f}px)"
        )
    assert boxes["buttonText"].startswith("Have your say"), boxes


def test_the_first_screen_on_a_phone_shows_the_purpose_and_what_is_open(browser, demo_site):
    context = new_context(browser, demo_site, viewport=PHONE)
    page = context.new_page()

    page.goto(demo_site["/"])
    visitor = first_screen(page)
    assert_on_the_first_screen(visitor, "A visitor")
    # The visitor sees the consultation for everyone; the one for members is a sign-in away.
    assert visitor["titleText"] == "Our plan for unpaid carers, 2027 to 2030", visitor
    assert "open to board members only" in page.locator("main").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_no_axe_violations(page, "the home page, for a visitor")

    # "Have your say" goes to the consultation.
    with page.expect_navigation():
        page.locator(".home-open__item a.button").first.click()
    assert page.locator("h1").inner_text().strip() == visitor["titleText"]

    sign_in(page, demo_site)
    page.goto(demo_site["/"])
    member = first_screen(page)
    assert_on_the_first_screen(member, "A member")
    # The member sees the consultation for members too, first because it closes sooner.
    assert member["titleText"] == "A new easy read guide to direct payments", member
    assert "How to join the board" not in page.locator("main").inner_text()
    assert_no_axe_violations(page, "the home page, for a member")
    context.close()
