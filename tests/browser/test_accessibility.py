"""axe-core finds no WCAG 2.2 A or AA failures on any page, in any of the reader's modes."""

import pytest

from .conftest import (
    READER_MODES,
    assert_no_axe_violations,
    assert_no_failures,
    axe_violations,
    describe_violations,
    every_page,
    new_context,
    sign_in,
    visit,
)


@pytest.mark.parametrize("mode", READER_MODES)
def test_no_axe_violations_on_any_page(browser, demo_site, mode):
    context = new_context(browser, demo_site, mode)
    page = context.new_page()
    failures = []
    checked = []
    for name, path, action in every_page(demo_site):
        visit(page, demo_site, path, action)
        checked.append(name)
        violations = axe_violations(page)
        if violations:
            failures.append(f"{name} ({path}), {mode}:\n{describe_violations(violations)}")
    context.close()
    demo_pages = {"About the board", "Accessibility statement", "Privacy notice"}
    assert demo_pages <= set(checked), f"The demo site's pages are missing: {checked}"
    assert_no_failures(failures, f"axe found WCAG 2.2 A/AA violations ({mode} mode)")


def test_no_axe_violations_when_signed_in(page, demo_site):
    sign_in(page, demo_site)
    assert_no_axe_violations(page, "the home page, signed in")

    page.goto(demo_site["/accounts/logout/"])
    assert page.locator("main").get_by_role("button", name="Sign out").is_visible()
    assert_no_axe_violations(page, "the sign-out page")


def test_signed_in_member_can_find_sign_out_in_the_menu(page, demo_site):
    sign_in(page, demo_site)
    nav = page.get_by_role("navigation", name="Main")
    assert nav.get_by_role("link", name="Sign out").is_visible()
    assert nav.get_by_role("link", name="Sign in").count() == 0
