"""A member answering a consultation is warned before their sign-in runs out, can keep it by
keyboard, and keeps what they typed if it does run out (WCAG 2.2.1, static/js/session-timeout.js).

Playwright's clock stands in for the browser's: the page's timers run on it, so two weeks pass
in a moment.
"""

import datetime

from django.contrib.sessions.models import Session
from django.utils import timezone

from .conftest import new_context, sign_in, visit
from .test_member_journey import Journey

CONSULTATION = "/have-your-say/plan-for-unpaid-carers/"
QUESTION = "What would help you most as a carer?"
TYPED = "A carers' cafe near me."
WARNING_SECONDS = 120


def session_expiry():
    return Session.objects.get().expire_date


def open_the_consultation_with_a_clock(browser, demo_site):
    context = new_context(browser, demo_site)
    page = context.new_page()
    page.clock.install()
    sign_in(page, demo_site)
    visit(page, demo_site, CONSULTATION)
    journey = Journey(page, demo_site)
    journey.type_into(QUESTION, TYPED)
    lifetime = int(page.locator("form[data-session-timeout]").get_attribute("data-session-seconds"))
    return context, journey, lifetime


def test_the_member_is_warned_and_stays_signed_in_by_keyboard(browser, demo_site):
    context, journey, lifetime = open_the_consultation_with_a_clock(browser, demo_site)
    page = journey.page

    page.clock.run_for((lifetime - WARNING_SECONDS - 5) * 1000)
    assert page.get_by_role("alertdialog").count() == 0, "Warned too early"
    page.clock.run_for(10 * 1000)
    warning = page.get_by_role("alertdialog", name="You will be signed out soon")
    assert warning.is_visible()
    stay = warning.get_by_role("button", name="Stay signed in")
    assert page.evaluate("document.activeElement.textContent") == "Stay signed in", (
        "Focus did not move to the button, so a keyboard or screen reader user may miss it"
    )
    journey.check("Consultation, sign-in about to run out")

    before = session_expiry()
    stay.focus()  # the keyboard check above tabbed away from it
    with page.expect_response("**/account/keep-signed-in/") as kept:
        page.keyboard.press("Enter")
    assert kept.value.status == 204
    page.get_by_role("status").get_by_text("You are still signed in").wait_for()
    assert stay.count() == 0
    assert session_expiry() > before, "The sign-in was not made longer on the server"
    assert session_expiry() > timezone.now() + datetime.timedelta(seconds=lifetime - 60)
    assert journey.field(QUESTION).input_value() == TYPED
    journey.check("Consultation, still signed in")
    context.close()


def test_when_the_sign_in_runs_out_the_answers_stay_on_the_page(browser, demo_site):
    context, journey, lifetime = open_the_consultation_with_a_clock(browser, demo_site)
    page = journey.page

    page.clock.run_for(lifetime * 1000 + 1000)

    ended = page.get_by_role("alert", name="You have been signed out")
    assert ended.is_visible()
    assert "Your answers are still here" in ended.inner_text()
    assert journey.field(QUESTION).input_value() == TYPED
    journey.check("Consultation, sign-in ran out")
    context.close()
