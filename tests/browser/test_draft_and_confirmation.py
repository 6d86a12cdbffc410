"""Saving a draft is seen and heard, and sending shows a confirmation panel: at 320 px wide,
after "Save and come back later" the confirmation has the focus and is on screen (WCAG
4.1.3); after sending, the panel shows the reference and a link to "Your feedback"."""

import pytest

from boardhub.consultations.models import ConsultationIndexPage
from boardhub.demo.factories import ConsultationPageFactory

from .conftest import assert_no_axe_violations, new_context, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def in_viewport(page, selector):
    return page.evaluate(
        """(selector) => {
            const box = document.querySelector(selector).getBoundingClientRect();
            return box.top >= 0 && box.bottom <= window.innerHeight && box.height > 0;
        }""",
        selector,
    )


def test_a_saved_draft_takes_the_focus_and_sending_shows_the_panel(browser, demo_site):
    consultation = ConsultationPageFactory(
        parent=ConsultationIndexPage.objects.get(), audience="members", title="Day centres"
    )
    context = new_context(browser, demo_site, viewport={"width": 320, "height": 640})
    tab = context.new_page()
    sign_in(tab, demo_site)

    tab.goto(demo_site[consultation.url])
    tab.get_by_label("What works well for you?").fill("Half a thought")
    with tab.expect_navigation():
        tab.get_by_role("button", name="Save and come back later").click()

    focused = tab.evaluate("document.activeElement.id")
    assert focused == "messages"
    assert "We have saved your answers" in tab.locator("#messages").inner_text()
    assert in_viewport(tab, "#messages")
    assert_no_axe_violations(tab, "the consultation after saving a draft")

    tab.locator("input[name='the_service_is_easy_to_use']").first.check()
    tab.get_by_role("button", name="Continue").click()
    with tab.expect_navigation():
        tab.get_by_role("button", name="Send my answers").click()

    panel = tab.locator(".panel")
    assert "BH-" in panel.inner_text()
    assert tab.get_by_role("link", name="your feedback").count() == 1
    assert_no_axe_violations(tab, "the confirmation after sending")
    context.close()
