"""A member says they are coming to the next board meeting, with the keyboard alone, and what
support they need, with no axe violations. (Every meeting page, the actions page, a partner's
page and the overdue actions are among every_page's, checked for axe, reflow at 320 pixels
and the keyboard in each reader mode.)"""

from django.utils import timezone

from boardhub.meetings.models import RSVP, MeetingPage

from .conftest import assert_no_axe_violations, sign_in


def test_a_member_says_they_are_coming_with_a_bsl_interpreter(page, demo_site):
    meeting = (
        MeetingPage.objects.live()
        .filter(starts_at__gt=timezone.now(), audience="public")
        .order_by("starts_at")
        .first()
    )
    sign_in(page, demo_site)
    page.goto(demo_site[meeting.url])
    assert_no_axe_violations(page, "a meeting's page with the RSVP form")

    page.get_by_label("Yes, in person").focus()
    page.keyboard.press("Space")
    interpreter = page.get_by_label("A British Sign Language (BSL) interpreter")
    interpreter.focus()
    if not interpreter.is_checked():
        page.keyboard.press("Space")
    easy_read = page.get_by_label("Papers in easy read")
    easy_read.focus()
    if not easy_read.is_checked():
        page.keyboard.press("Space")
    with page.expect_navigation():
        page.get_by_role("button", name="Send my answer").press("Enter")

    assert "We have your answer" in page.locator("body").inner_text()
    assert "You told us: Yes, in person" in page.locator("#coming").inner_text()
    rsvp = RSVP.objects.get(meeting=meeting, member__email=demo_site.member_email)
    needs = set(rsvp.support_requests.values_list("need", flat=True))
    assert {"bsl_interpreter", "easy_read"} <= needs
    assert_no_axe_violations(page, "a meeting's page after answering")
