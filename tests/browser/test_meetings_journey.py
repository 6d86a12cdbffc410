"""A board meeting from start to finish, in the real admin and site in Chromium, by role and
label: an officer makes a venue and a meeting with a paper and its easy read version; a
member says they are coming in person with a BSL interpreter and easy read papers; the
officer ticks the interpreter arranged, records who came, publishes the minutes and two
actions owned by a partner. Time moves on: one action is overdue on the public actions page
and the partner's page; the other is done and linked to a change, which says where it was
promised. No axe violations on the public pages it passes through."""

import re
from datetime import timedelta

import time_machine
from django.utils import timezone
from playwright.sync_api import expect

from boardhub.demo.factories import DocumentFactory
from boardhub.impact.models import ChangeRecord
from boardhub.meetings.models import RSVP, Action, MeetingPage, Partner
from boardhub.members.models import User
from tests.meetings.conftest import hold

from .conftest import assert_no_axe_violations, new_context, published, sign_in
from .test_autosave_races import signed_in_context

OFFICER_EMAIL = "officer@example.org"  # Moderators and Meeting organisers, in the demo
VENUE = "Larkfield Deaf Centre, hall 2"
MEETING = "Board meeting: care at home"
PAPER = "Care at home: the council's report"
EASY_READ_PAPER = "Care at home: easy read"
LATE_PROMISE = "Larkfield NHS Trust will answer every complaint about home visits in 10 days."
KEPT_PROMISE = "The council will ring people when their carer is running late."


def label(words):
    """A field's label, whatever marks it as required ("Name*")."""
    # Not re.escape, which escapes "-" and " " in ways JavaScript's regular expressions refuse.
    return re.compile(r"^\s*" + re.sub(r"([()\[\].?*+])", r"\\\1", words) + r"\*?\s*$")


def field(scope, words):
    """The form field labelled `words` (not the admin's panel of the same name)."""
    return scope.get_by_label(label(words)).and_(scope.locator("input, select, textarea"))


def fill_date(locator, text):
    """Put a date in the admin's date field without focusing it: focus opens a date picker
    that covers the fields below it and does not always close when something else is
    clicked. What the form sends is the field's value, as typed."""
    locator.evaluate(
        "(field, text) => { field.value = text;"
        " field.dispatchEvent(new Event('change', {bubbles: true})); }",
        text,
    )
    expect(locator).to_have_value(text)


def choose_in_modal(tab, button, title):
    """Open a Wagtail chooser with `button` and pick `title` from its list."""
    button.click()
    modal = tab.locator(".modal-dialog")
    modal.get_by_role("link", name=title).first.click()
    expect(modal).to_be_hidden()


def make_the_venue(tab, demo_site):
    tab.goto(demo_site["/admin/snippets/meetings/venue/add/"])
    field(tab, "Name").fill(VENUE)
    field(tab, "Address").fill("4 Mill Lane\nLarkfield")
    field(tab, "Postcode").fill("LA2 4ML")
    field(tab, "How to get there").fill("Bus 14 stops outside. Drop-off by the door.")
    field(tab, "Is there a step-free way in").select_option(label="Yes")
    field(tab, "Is there a hearing loop in the meeting room").select_option(label="Yes")
    field(tab, "Contact on the day").fill("the board team")
    field(tab, "Their phone number").fill("01632 960123")
    with tab.expect_navigation():
        tab.get_by_role("button", name="Save").click()
    expect(tab.get_by_text(f"'{VENUE}' created")).to_be_visible()


def make_the_meeting(tab, demo_site, starts):
    index = MeetingPage.objects.first().get_parent()
    tab.goto(demo_site[f"/admin/pages/add/meetings/meetingpage/{index.pk}/"])
    tab.locator("#id_title").fill(MEETING)
    field(tab, "Summary").fill("What people told us about care at home, and what changes.")
    fill_date(field(tab, "Starts"), f"{starts:%Y-%m-%d} 10:00")
    fill_date(field(tab, "Ends"), f"{starts:%Y-%m-%d} 12:30")
    field(tab, "How people can come").select_option(label="In person")
    choose_in_modal(tab, tab.get_by_role("button", name="Choose venue"), VENUE)
    field(tab, "Chair").fill("The co-chairs of the board")
    papers = tab.locator("[data-contentpath='papers']")
    papers.get_by_role("button", name="Insert a block").first.click()
    field(papers, "Title").fill(PAPER)
    choose_in_modal(tab, papers.get_by_role("button", name="Choose a document").first, PAPER)
    choose_in_modal(
        tab, papers.get_by_role("button", name="Choose a document").last, EASY_READ_PAPER
    )
    with tab.expect_navigation():
        tab.locator("footer").get_by_role("button", name="Publish", exact=True).click()
    expect(tab.get_by_text(published(MEETING))).to_be_visible()
    return MeetingPage.objects.get(title=MEETING)


def member_says_they_are_coming(browser, demo_site, meeting):
    context = new_context(browser, demo_site)
    tab = context.new_page()
    sign_in(tab, demo_site)
    tab.goto(demo_site[meeting.url])
    papers = tab.locator(".papers")
    expect(papers.get_by_role("link", name=PAPER)).to_be_visible()
    expect(papers.get_by_role("link", name="Easy read version")).to_be_visible()
    assert_no_axe_violations(tab, "the new meeting's page")
    field(tab, "Yes, in person").check()
    field(tab, "A British Sign Language (BSL) interpreter").check()
    field(tab, "Papers in easy read").check()
    with tab.expect_navigation():
        tab.get_by_role("button", name="Send my answer").click()
    expect(tab.locator("#coming")).to_contain_text("You told us: Yes, in person")
    context.close()


def arrange_the_interpreter(tab, demo_site, meeting):
    tab.goto(demo_site["/admin/who-is-coming/"])
    with tab.expect_navigation():
        tab.get_by_role("link", name=MEETING).click()
    expect(tab.locator("main")).to_contain_text("In person: 1.")
    # With the keyboard alone: the tick, then the button.
    field(tab, "Arranged: A British Sign Language (BSL) interpreter").focus()
    tab.keyboard.press("Space")
    with tab.expect_navigation():
        tab.get_by_role("button", name="Save what is arranged").press("Enter")
    expect(tab.locator("main")).to_contain_text("1 support request not yet arranged.")
    # Wagtail fades its "Saved" message in: read the colours once it has.
    tab.locator(".messages").evaluate(
        "el => Promise.all(el.getAnimations({subtree: true}).map(a => a.finished))"
    )
    assert_no_axe_violations(tab, "the organisers' 'Who is coming'")


def record_who_came_and_the_minutes(tab, demo_site, meeting):
    tab.reload()
    expect(tab.get_by_role("heading", name="Who came")).to_be_visible()
    with tab.expect_navigation():
        tab.get_by_role("button", name="Save who came").click()
    expect(tab.locator("main")).to_contain_text("Saved: 1 member came.")
    with tab.expect_navigation():
        tab.get_by_role("link", name="the meeting's page").click()
    minutes = tab.locator("[data-contentpath='minutes'] [contenteditable='true']")
    minutes.click()
    tab.keyboard.type("A board member asked why carers come late. The council will ring people.")
    # Draftail writes what was typed into the form's hidden field a moment later.
    expect(tab.locator("input[name='minutes']")).to_have_value(re.compile("why carers come late"))
    with tab.expect_navigation():
        tab.locator("footer").get_by_role("button", name="Publish", exact=True).click()
    expect(tab.get_by_text(f"Page '{MEETING}' has been published.")).to_be_visible()
    published = MeetingPage.objects.get(pk=meeting.pk)
    assert "why carers come late" in published.minutes, published.minutes


def add_an_action(tab, demo_site, meeting, promise, owner, due_on, done_on=None, change=None):
    tab.goto(demo_site[f"/admin/who-is-coming/{meeting.pk}/"])
    with tab.expect_navigation():
        tab.get_by_role("link", name="Add an action promised at this meeting").click()
    field(tab, "What was promised").fill(promise)
    choose_in_modal(tab, tab.get_by_role("button", name="Choose partner"), owner.name)
    fill_date(field(tab, "Due by"), f"{due_on:%Y-%m-%d}")
    if done_on:
        field(tab, "Status").select_option(label="Done")
        fill_date(field(tab, "Date done"), f"{done_on:%Y-%m-%d}")
        choose_in_modal(
            tab, tab.get_by_role("button", name="Choose change (you said, we did)"), change.title
        )
    with tab.expect_navigation():
        tab.get_by_role("button", name="Save").click()
    expect(tab.get_by_text("created")).to_be_visible()
    return Action.objects.get(promise=promise)


def test_a_meeting_from_its_venue_to_the_promises_kept(browser, demo_site):
    DocumentFactory(title=PAPER)
    DocumentFactory(title=EASY_READ_PAPER)
    officer = User.objects.get(email=OFFICER_EMAIL)
    officer_context = signed_in_context(browser, demo_site, officer)
    tab = officer_context.new_page()
    starts = timezone.localdate() + timedelta(days=5)

    make_the_venue(tab, demo_site)
    meeting = make_the_meeting(tab, demo_site, starts)
    member_says_they_are_coming(browser, demo_site, meeting)
    rsvp = RSVP.objects.get(meeting=meeting, member__email=demo_site.member_email)
    assert set(rsvp.support_requests.values_list("need", flat=True)) == {
        "bsl_interpreter",
        "easy_read",
    }
    arrange_the_interpreter(tab, demo_site, meeting)

    meeting = hold(meeting)  # the meeting happens
    record_who_came_and_the_minutes(tab, demo_site, meeting)
    owner = Partner.objects.get(name="Larkfield NHS Trust")
    change = ChangeRecord.objects.published().first()
    met_on = timezone.localdate(meeting.starts_at)
    late = add_an_action(tab, demo_site, meeting, LATE_PROMISE, owner, met_on + timedelta(days=10))
    kept = add_an_action(
        tab,
        demo_site,
        meeting,
        KEPT_PROMISE,
        owner,
        met_on + timedelta(days=30),
        done_on=met_on + timedelta(days=2),
        change=change,
    )
    assert late.status == "open" and kept.status == "done" and kept.change == change
    officer_context.close()

    with time_machine.travel(timezone.now() + timedelta(days=20), tick=True):
        public = new_context(browser, demo_site)
        reader = public.new_page()
        reader.goto(demo_site["/actions/?status=overdue"])
        expect(reader.locator("main")).to_contain_text(LATE_PROMISE)
        expect(reader.locator("main")).not_to_contain_text(KEPT_PROMISE)
        assert_no_axe_violations(reader, "the actions page, overdue")
        reader.goto(demo_site[f"/actions/partners/{owner.slug}/"])
        late_card = reader.locator("li", has_text=LATE_PROMISE).last
        expect(late_card).to_contain_text("Overdue")
        reader.goto(demo_site[meeting.url])
        expect(reader.locator("main")).to_contain_text("1 board member came.")
        expect(reader.locator("main")).to_contain_text("A board member asked why carers")
        reader.goto(demo_site[f"/you-said-we-did/changes/{change.pk}/"])
        expect(reader.locator("main")).to_contain_text(
            f"Promised at the board meeting on {met_on.day} {met_on:%B %Y}"
        )
        assert_no_axe_violations(reader, "a change that was promised at a meeting")
        public.close()
