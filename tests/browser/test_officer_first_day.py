"""An officer's first day, counted: as the demo officer, in the real admin in Chromium, sign in,
publish a consultation, find a response by its reference and triage it (status, theme and a
note), write a change, link the response to it and publish the change.

Every click or key press the test makes is counted, and every page the browser loads (each
new document in the main frame; the admin's own in-page updates are not page loads). Both
are printed, and both must stay below the figures before issue 13: 37 clicks and 16 page
loads for the same day's work.
"""

import re

from allauth.mfa.models import Authenticator
from playwright.sync_api import expect

from boardhub.consultations.models import ConsultationIndexPage, ConsultationPage, FeedbackStatus
from boardhub.demo.factories import (
    ConsultationPageFactory,
    FeedbackFactory,
    activate_totp,
    current_totp_code,
)
from boardhub.demo.management.commands.load_demo_site import DEMO_ACCOUNTS
from boardhub.impact.models import ChangeRecord
from boardhub.members.models import User
from tests.feedback.conftest import officer_in

from .conftest import new_context, published
from .test_autosave_races import signed_in_context

OFFICER = next(account for account in DEMO_ACCOUNTS if account.email == "officer@example.org")
CLICKS_BEFORE = 37
PAGE_LOADS_BEFORE = 16

CONSULTATION = "Getting to day centres"
QUESTION = "How do you get to your day centre?"
ANSWER = "The minibus comes late most days, so I miss the morning group."
CHANGE = "Day centre minibus on time"


class CountedDay:
    """The officer's browser tab, counting each click or key press and each page load."""

    def __init__(self, page):
        self.page = page
        self.clicks = 0
        self.page_loads = 0
        self.navigations = 0
        self.documents = []
        page.on("load", self._loaded)
        page.on("framenavigated", self._navigated)

    def _loaded(self, page):
        self.page_loads += 1
        self.documents.append(page.url)

    def _navigated(self, frame):
        if frame == self.page.main_frame:
            self.navigations += 1

    def click(self, locator):
        self.clicks += 1
        locator.click()

    def choose(self, locator, label):
        """Choosing from a drop-down list: one click (and the choice)."""
        self.clicks += 1
        locator.select_option(label=label)

    def press(self, locator, key):
        self.clicks += 1
        locator.press(key)

    def main(self):
        return self.page.locator("main")

    def says(self, text):
        shown = self.main().inner_text()
        assert text in shown, f"At {self.page.url}, expected {text!r} in:\n{shown[:3000]}"

    def settle(self):
        self.page.wait_for_load_state()


def sign_in_as_the_demo_officer(day, demo_site):
    """Through allauth's forms: email and password, then the code from the app."""
    officer = User.objects.get(email=OFFICER.email)
    # The demo officer's authenticator has a secret nobody knows: give it one the test knows.
    Authenticator.objects.filter(user=officer, type=Authenticator.Type.TOTP).delete()
    secret = activate_totp(officer)
    page = day.page
    page.goto(demo_site["/admin/"])
    page.get_by_label("Email").fill(OFFICER.email)
    page.get_by_label("Password").fill(OFFICER.password)
    # Each form's answer waited for: wait_for_load_state alone can return before the
    # navigation has begun, and read the page the form was on.
    with page.expect_navigation():
        day.click(day.main().get_by_role("button", name="Sign in"))
    page.get_by_label("Code from your authenticator app").fill(current_totp_code(secret))
    with page.expect_navigation(url=demo_site["/admin/"]):
        day.click(day.main().get_by_role("button", name="Sign in"))
    assert page.url == demo_site["/admin/"], page.url


def publish_a_consultation(day):
    page = day.page
    with page.expect_navigation():
        day.click(page.get_by_role("link", name="Start a new consultation"))
    page.locator("#id_title").fill(CONSULTATION)
    page.locator("#id_summary").fill("Tell us how you get to your day centre, and what would help.")
    page.locator("#id_opens_at").fill("2026-01-01 09:00")
    page.locator("#id_closes_at").fill("2030-01-01 09:00")
    page.wait_for_load_state("networkidle")
    day.click(page.get_by_role("button", name="Add question"))
    # The admin's script numbers each question's heading: "Question 1".
    expect(page.get_by_role("heading", name=re.compile(r"^Question\s*1$"))).to_be_visible()
    page.get_by_label("The question").fill(QUESTION)
    with page.expect_navigation():
        day.click(page.locator("footer").get_by_role("button", name="Publish", exact=True))
    expect(page.get_by_text(published(CONSULTATION))).to_be_visible()
    consultation = ConsultationPage.objects.get(title=CONSULTATION)
    assert consultation.live
    return consultation


def find_and_triage(day, feedback):
    page = day.page
    with page.expect_navigation():
        day.click(page.locator("#wagtail-sidebar").get_by_role("link", name="Feedback"))
    search = page.get_by_label("Reference, or words in the answers")
    search.fill(feedback.reference)
    day.press(search, "Enter")
    day.settle()
    found = day.main().get_by_role("link", name=feedback.reference, exact=True)
    found.wait_for()
    with page.expect_navigation():
        day.click(found)
    day.says(ANSWER)
    day.choose(page.get_by_label("Status", exact=True), "Being thought about")
    day.choose(page.get_by_label("Add a theme"), "Waiting times")
    page.get_by_label("Internal note").fill("Ask the transport team about the minibus times.")
    with page.expect_navigation():
        day.click(day.main().get_by_role("button", name="Save", exact=True))
    feedback.refresh_from_db()
    assert feedback.status == FeedbackStatus.BEING_CONSIDERED
    assert [link.theme.name for link in feedback.theme_links.all()] == ["Waiting times"]


def write_link_and_publish_a_change(day, feedback):
    page = day.page
    with page.expect_navigation():
        day.click(page.locator("#wagtail-sidebar").get_by_role("link", name="You said, we did"))
    with page.expect_navigation():
        day.click(day.main().get_by_role("link", name=re.compile(r"^Add change")).first)
    page.locator("#id_title").fill(CHANGE)
    page.locator("#id_you_said").fill("The day centre minibus was often late.")
    page.locator("#id_we_did").fill("The minibus now leaves earlier, so it arrives by 9:30.")
    with page.expect_navigation():
        day.click(page.get_by_role("button", name="Save as a draft and choose responses"))
    day.says("Tick the responses that helped to shape")
    day.click(page.locator(f"#response-{feedback.pk}"))
    with page.expect_navigation():
        day.click(day.main().get_by_role("button", name="Link the chosen responses"))
    day.says(f"1 response linked to “{CHANGE}”")
    with page.expect_navigation():
        day.click(page.locator("footer").get_by_role("button", name="Publish", exact=True))
    change = ChangeRecord.objects.get(title=CHANGE)
    assert change.live
    assert list(change.shaping_feedback()) == [feedback]
    feedback.refresh_from_db()
    assert feedback.status == FeedbackStatus.SHAPED_A_CHANGE


def test_the_officers_first_day_takes_fewer_clicks_and_page_loads(browser, demo_site):
    context = new_context(browser, demo_site)
    day = CountedDay(context.new_page())

    sign_in_as_the_demo_officer(day, demo_site)
    consultation = publish_a_consultation(day)
    # Overnight, someone answers it.
    question = consultation.get_form_fields()[0]
    feedback = FeedbackFactory(page=consultation, form_data={question.clean_name: ANSWER})
    find_and_triage(day, feedback)
    write_link_and_publish_a_change(day, feedback)

    print(
        f"\nThe officer's first day: {day.clicks} clicks and key presses, "
        f"{day.page_loads} page loads (before: {CLICKS_BEFORE} and {PAGE_LOADS_BEFORE}); "
        f"{day.navigations} navigations of the main frame, in-page address changes included."
    )
    print("Pages loaded:\n  " + "\n  ".join(day.documents))
    context.close()
    assert day.clicks < CLICKS_BEFORE
    assert day.page_loads < PAGE_LOADS_BEFORE
    assert day.navigations < PAGE_LOADS_BEFORE


def test_enter_in_the_editor_never_publishes_by_accident(browser, demo_site):
    """A moderator's first button publishes, and a browser sends a form with its first button
    on Enter: the editor's script stops Enter sending it, so nothing is published unasked."""
    draft = ConsultationPageFactory(parent=ConsultationIndexPage.objects.get(), live=False)
    draft.save_revision()
    context = signed_in_context(browser, demo_site, officer_in("Moderators"))
    page = context.new_page()
    page.goto(demo_site[f"/admin/pages/{draft.pk}/edit/"])
    page.wait_for_load_state("networkidle")
    title = page.locator("#id_title")

    title.fill("Getting to day centres, renamed")
    title.press("Enter")
    page.wait_for_timeout(1500)

    assert page.url == demo_site[f"/admin/pages/{draft.pk}/edit/"]
    assert not ConsultationPage.objects.get(pk=draft.pk).live
    context.close()
