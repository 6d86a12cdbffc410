"""Larger text and high contrast: from the keyboard, without JavaScript, kept on every page."""

import re

from .conftest import new_context

LARGE = re.compile(r"\btext-large\b")
CONTRAST = re.compile(r"\bcontrast-high\b")


def html_classes(page):
    return page.locator("html").get_attribute("class").split()


def header_button(page, name):
    return page.locator("header").get_by_role("button", name=name, exact=True)


def tab_to(page, name, limit=10):
    """Press Tab until the focus is on the control with this accessible name."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == name:
            return
    raise AssertionError(f"Could not reach {name!r} with {limit} presses of Tab")


def press_enter_on(page, name):
    tab_to(page, name)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_reader_controls_work_from_the_keyboard(page, demo_site):
    page.goto(demo_site["/about-the-board/"])
    assert "text-large" not in html_classes(page)
    standard_size = page.evaluate("getComputedStyle(document.body).fontSize")

    press_enter_on(page, "Larger text")
    assert page.url == demo_site["/about-the-board/"], "The button should bring you back"
    assert "text-large" in html_classes(page)
    assert header_button(page, "Standard text size").is_visible()
    assert header_button(page, "Larger text").count() == 0
    larger_size = page.evaluate("getComputedStyle(document.body).fontSize")
    assert float(larger_size[:-2]) > float(standard_size[:-2]), (standard_size, larger_size)

    press_enter_on(page, "High contrast")
    assert {"text-large", "contrast-high"} <= set(html_classes(page))
    assert header_button(page, "Standard colours").is_visible()
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(0, 0, 0)"

    # The choices last: the next page visited keeps them.
    with page.expect_navigation():
        page.locator("header").get_by_role("link", name="Home").click()
    assert page.url == demo_site["/"]
    assert {"text-large", "contrast-high"} <= set(html_classes(page))
    assert header_button(page, "Standard text size").is_visible()

    # And they can be undone the same way.
    press_enter_on(page, "Standard text size")
    assert "text-large" not in html_classes(page)
    assert "contrast-high" in html_classes(page)
    press_enter_on(page, "Standard colours")
    assert not {"text-large", "contrast-high"} & set(html_classes(page))
    assert header_button(page, "Larger text").is_visible()
    assert header_button(page, "High contrast").is_visible()


def test_reader_controls_work_without_javascript(browser, demo_site):
    context = new_context(browser, demo_site, java_script_enabled=False)
    page = context.new_page()
    page.goto(demo_site["/privacy-notice/"])
    assert "no-js" in html_classes(page), "JavaScript should be off in this test"

    header_button(page, "Larger text").click()
    assert page.url == demo_site["/privacy-notice/"]
    assert "text-large" in html_classes(page)
    header_button(page, "High contrast").click()
    assert {"text-large", "contrast-high"} <= set(html_classes(page))

    page.goto(demo_site["/search/"])
    assert {"text-large", "contrast-high"} <= set(html_classes(page))

    header_button(page, "Standard text size").click()
    header_button(page, "Standard colours").click()
    assert page.url == demo_site["/search/"]
    assert not {"text-large", "contrast-high"} & set(html_classes(page))
    context.close()


def test_display_options_form_works_without_javascript(browser, demo_site):
    context = new_context(browser, demo_site, java_script_enabled=False)
    page = context.new_page()
    page.goto(demo_site["/reader-preferences/"])
    main = page.locator("main")
    assert main.get_by_role("radio", name="Standard text").is_checked()
    assert main.get_by_role("radio", name="Standard colours").is_checked()

    main.get_by_role("radio", name="Larger text").check()
    main.get_by_role("radio", name="High contrast").check()
    main.get_by_role("button", name="Save display options").click()

    assert page.url == demo_site["/reader-preferences/"]
    assert {"text-large", "contrast-high"} <= set(html_classes(page))
    assert main.get_by_role("status").inner_text().strip() == (
        "We have saved how you want the site to look."
    )
    assert main.get_by_role("radio", name="Larger text").is_checked()
    assert main.get_by_role("radio", name="High contrast").is_checked()

    page.goto(demo_site["/"])
    assert {"text-large", "contrast-high"} <= set(html_classes(page))

    page.goto(demo_site["/reader-preferences/"])
    main.get_by_role("radio", name="Standard text").check()
    main.get_by_role("radio", name="Standard colours").check()
    main.get_by_role("button", name="Save display options").click()
    assert not {"text-large", "contrast-high"} & set(html_classes(page))
    context.close()
