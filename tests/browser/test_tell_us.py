"""A visitor sends "Tell us" with the keyboard alone, through a mistake, and asks for a text
message: no axe violations on the form, its errors, or the thank-you page."""

from boardhub.consultations.models import Feedback
from boardhub.feedback.models import TellUsPage

from .conftest import assert_no_axe_violations


def test_a_visitor_tells_us_about_a_service_and_asks_for_a_text(page, demo_site):
    tell_us = TellUsPage.objects.get()
    before = Feedback.objects.count()
    page.goto(demo_site[tell_us.url])
    assert_no_axe_violations(page, "the Tell us form")

    page.get_by_label("Something that worried me (a concern)").check()
    page.get_by_label("Which service is it about?").select_option(label="Direct payments")
    page.get_by_label("What happened?").fill("Nobody told me my forms arrived.")
    page.get_by_role("group", name="Do you want us to reply?").get_by_label("Yes").check()
    page.get_by_label("By text message").check()
    page.get_by_label("Phone number").fill("01632 960 001")  # not a mobile
    with page.expect_navigation():
        page.get_by_label("Phone number").press("Enter")

    assert page.title().startswith("Error: ")
    summary = page.locator(".error-summary")
    assert "Enter a UK mobile number for text messages" in summary.inner_text()
    assert page.get_by_label("What happened?").input_value() == "Nobody told me my forms arrived."
    assert_no_axe_violations(page, "the Tell us form with an error")

    assert summary.get_by_role("link").first.get_attribute("href") == "#id_phone"
    page.get_by_label("Phone number").fill("07700 900 982")
    with page.expect_navigation():
        page.get_by_label("Phone number").press("Enter")

    assert "We have your feedback" in page.locator("h1").inner_text()
    feedback = Feedback.objects.order_by("-pk").first()
    assert Feedback.objects.count() == before + 1
    assert feedback.reference in page.locator("main").inner_text()
    assert feedback.reply_contact.phone == "07700 900982"
    assert_no_axe_violations(page, "the Tell us thank-you page")
