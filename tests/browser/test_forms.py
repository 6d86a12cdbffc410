"""The error summary: first in main, linked to each field, focused when JavaScript runs."""

from .conftest import new_context

# Each link in the error summary, and what its target is.
SUMMARY_LINKS = """() => Array.from(
    document.querySelectorAll("[data-error-summary] a[href^='#']")
).map((link) => {
    const target = document.getElementById(link.getAttribute("href").slice(1));
    return {
        text: link.textContent.trim(),
        href: link.getAttribute("href"),
        target: target ? target.tagName.toLowerCase() : null,
        invalid: target ? target.getAttribute("aria-invalid") : null,
        describedBy: target ? (target.getAttribute("aria-describedby") || "") : "",
    };
})"""


def submit_sign_in_empty(page, demo_site):
    page.goto(demo_site["/accounts/login/"])
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name="Sign in").click()


def check_error_summary(page):
    summary = page.locator("[data-error-summary]")
    assert summary.is_visible()
    assert page.title().startswith("Error: "), page.title()
    assert summary.get_attribute("role") == "alert"
    assert summary.get_by_role("heading", name="There is a problem").is_visible()

    # It comes first: at the top of main, as GOV.UK places it, above every field of the form.
    assert page.evaluate(
        "document.querySelector('main').firstElementChild.hasAttribute('data-error-summary')"
    )
    first_field = page.locator("main form input:not([type=hidden])").first
    assert summary.bounding_box()["y"] < first_field.bounding_box()["y"]

    links = page.evaluate(SUMMARY_LINKS)
    assert len(links) >= 2, f"Expected a link for the email and the password: {links}"
    for link in links:
        assert link["target"] in ("input", "select", "textarea"), (
            f"The error summary's link {link['href']} ({link['text']}) leads nowhere"
        )
        assert link["invalid"] == "true", f"{link['href']} is not marked aria-invalid"
        error_id = link["href"][1:] + "_error"
        assert error_id in link["describedBy"].split(), (
            f"{link['href']} is not described by its error message ({link['describedBy']!r})"
        )
        assert page.locator(f"#{error_id}").is_visible()
    return links


def test_error_summary_with_javascript(page, demo_site):
    submit_sign_in_empty(page, demo_site)
    links = check_error_summary(page)
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')"), (
        "The error summary should have the focus, so a screen reader reads it first"
    )
    assert page.evaluate("document.activeElement.matches(':focus-visible')") or (
        page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    ), "The focused error summary should show its focus"

    for link in links:
        page.locator(f"[data-error-summary] a[href='{link['href']}']").click()
        assert page.evaluate("'#' + document.activeElement.id") == link["href"], (
            f"Following {link['href']} should put the focus in that field"
        )


def test_error_summary_without_javascript(browser, demo_site):
    context = new_context(browser, demo_site, java_script_enabled=False)
    page = context.new_page()
    submit_sign_in_empty(page, demo_site)
    links = check_error_summary(page)
    page.locator(f"[data-error-summary] a[href='{links[0]['href']}']").click()
    assert page.url.endswith(links[0]["href"])
    context.close()
