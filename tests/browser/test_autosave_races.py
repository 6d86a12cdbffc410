"""Wagtail's real autosave in Chromium, racing the officer's Save on a new change record.

The browser's first autosave reaches the server (which makes the record) but its answer is
held back from the page, so the officer's click on "Save draft" still posts the "new" form,
as it does when the server is slow. tests/core/test_autosave_races.py covers the other
orders and the pages; this shows that the form Wagtail's script really sends carries what
the server needs.
"""

from django.conf import settings

from boardhub.impact.models import ChangeRecord
from tests.conftest import SignedInClient
from tests.feedback.conftest import officer_in

from .conftest import new_context

ADD = "/admin/snippets/impact/changerecord/add/"
# Wagtail's "unsaved changes" script, which starts each autosave, reads the form as it was
# two seconds after the page loaded, and notices changes made after that.
WAGTAIL_NOTICES_CHANGES_AFTER_MS = 2_500
FULL_TEXT = "Every letter now comes in large print if you ask."


def signed_in_context(browser, demo_site, officer):
    """A browser context whose session is the officer's, two-factor step included."""
    client = SignedInClient()
    client.force_login(officer)
    context = new_context(browser, demo_site)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": demo_site.url}]
    )
    return context


def test_saving_a_new_change_while_its_first_autosave_is_unanswered_makes_one_record(
    browser, demo_site
):
    before = set(ChangeRecord.objects.values_list("pk", flat=True))
    context = signed_in_context(browser, demo_site, officer_in("Feedback handlers"))
    page = context.new_page()
    held = []

    def hold_the_autosaves_answer(route):
        if "application/json" not in route.request.headers.get("accept", ""):
            return route.continue_()
        held.append((route, route.fetch()))  # the server has saved it; the page waits

    page.route(f"**{ADD}", hold_the_autosaves_answer)
    page.goto(demo_site[ADD])
    page.wait_for_timeout(WAGTAIL_NOTICES_CHANGES_AFTER_MS)
    page.fill('[name="title"]', "Large print letters")
    page.fill('[name="you_said"]', "Letters were too small to read.")
    page.fill('[name="we_did"]', "Every letter now")
    for _ in range(200):
        if held:
            break
        page.wait_for_timeout(50)
    assert held, "Wagtail never autosaved the new change"

    page.fill('[name="we_did"]', FULL_TEXT)
    with page.expect_navigation() as saving:
        page.get_by_role("button", name="Save draft").click()
    for route, response in held:
        route.fulfill(response=response)  # too late for the page, which has moved on

    made = ChangeRecord.objects.exclude(pk__in=before)
    assert made.count() == 1
    assert made.get().get_latest_revision_as_object().we_did == FULL_TEXT
    assert saving.value.status == 200
    assert "'Large print letters' updated." in page.locator(".messages").inner_text()
    context.close()
