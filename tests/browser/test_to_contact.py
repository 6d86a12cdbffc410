"""The admin's "To contact" list in Chromium: no axe violations, and an officer marks a phone
call done with the keyboard alone, with JavaScript off."""

from boardhub.notifications.models import Notification, Status

from .conftest import new_context
from .test_triage_without_js import assert_no_axe_violations_in, sign_in_as_the_demo_officer


def a_call_to_make():
    return Notification.objects.create(
        message_key="feedback_receipt",
        channel="by_hand",
        backend="officer",
        asked_for="phone",
        status=Status.BY_HAND,
        recipient_name="Pat Example",
        address="01632 960001",
        subject="We have your feedback: BH-2026-000999",
        body="Thank you for telling us about the bus. Your reference is BH-2026-000999.",
        error="They asked for a phone call.",
    )


def test_the_to_contact_list_has_no_axe_violations(browser, demo_site):
    a_call_to_make()
    context = new_context(browser, demo_site)
    page = context.new_page()
    sign_in_as_the_demo_officer(page, demo_site)

    assert "person to contact by hand" in page.locator("#waiting-for-you-section").inner_text()
    page.goto(demo_site["/admin/to-contact/"])
    assert "01632 960001" in page.locator("main").inner_text()
    assert_no_axe_violations_in(page, ["main"], "the To contact list")
    context.close()


def test_an_officer_marks_a_call_done_with_the_keyboard_alone(browser, demo_site):
    notification = a_call_to_make()
    context = new_context(browser, demo_site, java_script_enabled=False)
    page = context.new_page()
    sign_in_as_the_demo_officer(page, demo_site)
    page.goto(demo_site["/admin/to-contact/"])

    note = page.get_by_label("Note (optional)")
    note.focus()
    page.keyboard.type("Called Pat: they were pleased.")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert "Mark as done" in focused
    # Wait for the form's page to come back: wait_for_load_state alone can return before the
    # navigation has begun, reading the list as it was.
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert "Marked the message to Pat Example as done." in page.locator("body").inner_text()
    notification.refresh_from_db()
    assert notification.status == Status.DONE
    assert notification.note == "Called Pat: they were pleased."
    context.close()
