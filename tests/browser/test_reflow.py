"""Reflow (WCAG 1.4.10): at 320 CSS pixels wide, the width of 1280 at 400% zoom, nothing
makes the page scroll sideways, with standard or larger text."""

import pytest

from .conftest import assert_no_failures, every_page, new_context, visit

WIDTH = 320

# What sticks out past the right edge of the window, to say what to fix.
TOO_WIDE = """(width) => Array.from(document.querySelectorAll("body *"))
    .filter((element) => {
        const box = element.getBoundingClientRect();
        return box.width > 0 && box.right > width + 1;
    })
    .filter((element) => !element.closest(".skip-link, .visually-hidden"))
    .slice(0, 5)
    .map((element) => `${element.outerHTML.slice(0, 120)} (right edge at ${
        Math.round(element.getBoundingClientRect().right)}px)`)"""


@pytest.mark.parametrize("mode", ["standard", "large-text"])
def test_pages_reflow_at_320_pixels(browser, demo_site, mode):
    context = new_context(
        browser, demo_site, mode, viewport={"width": WIDTH, "height": 640}, device_scale_factor=4
    )
    page = context.new_page()
    failures = []
    for name, path, action in every_page(demo_site):
        visit(page, demo_site, path, action)
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        if scroll_width > WIDTH:
            culprits = "\n".join(f"    {c}" for c in page.evaluate(TOO_WIDE, WIDTH))
            failures.append(f"{name} ({path}): {scroll_width}px wide\n{culprits}")
    context.close()
    assert_no_failures(failures, f"Pages scroll sideways at {WIDTH}px ({mode})")
