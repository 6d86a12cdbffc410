"""A member says they are coming to the next board meeting, with the keyboard alone, and what
support they need; the partner's page of what was promised. No axe violations on either, and
both reflow at 320 pixels."""

from django.utils import timezone

from boardhub.meetings.models import RSVP, MeetingPage, Partner

from .conftest import assert_no_axe_violations, new_context, sign_in

PHONE = {"width": 320, "height": 640}


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


def test_a_partners_page_reflows_and_has_no_axe_violations(browser, demo_site):
    partner = Partner.objects.filter(actions__isnull=False).first()
    context = new_context(browser, demo_site, viewport=PHONE)
    tab = context.new_page()
    tab.goto(demo_site[f"/actions/partners/{partner.slug}/"])

    assert partner.name in tab.locator("h1").inner_text()
    assert_no_axe_violations(tab, "a partner's page")
    scroll_width = tab.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= PHONE["width"], f"the page is {scroll_width} px wide at 320 px"
    context.close()
