"""Who the board speaks for, in the real admin and site in Chromium: an officer enters a
reference population by pasting its figures; the public page shows the gaps beside it, with
small numbers hidden and the chart agreeing with the table, readable in high contrast; a
person who heard of the board at an outreach event applies by keyboard, is approved and
joins, and the event's row of the recruitment funnel moves; a member answers the equality
questions and then withdraws, and the public figures follow each step."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect

from boardhub.joining.models import Application, HowHeard, Invitation, OutreachEvent
from boardhub.members.models import User

from .conftest import assert_no_axe_violations, new_context, visit
from .test_autosave_races import signed_in_context
from .test_meetings_journey import field
from .test_member_journey import Journey, approve_as_a_moderator, path_in

OFFICER_EMAIL = "officer@example.org"  # Moderators, in the demo
POPULATION = "People who use day services, 2025"
WHO = "people who use day services"
AGES = {
    "18 to 24": 5,
    "25 to 34": 8,
    "35 to 44": 9,
    "45 to 54": 12,
    "55 to 64": 15,
    "65 to 74": 16,
    "75 to 84": 20,
    "85 or older": 15,
}
EVENT = "Larkfield library open day"
APPLICANT = "sam.applicant@example.org"
PASSWORD = "a cup of tea at the library"
PAGE = "/who-is-on-the-board/"
RECRUITMENT = "/admin/who-is-on-the-board/recruitment/"


def officer():
    return get_user_model().objects.get(email=OFFICER_EMAIL)


def enter_the_population(tab, demo_site):
    tab.goto(demo_site["/admin/snippets/representation/referencepopulation/add/"])
    field(tab, "Name").fill(POPULATION)
    field(tab, "Who it counts").fill(WHO)
    field(tab, "Source").fill("Larkfield Council, day services register")
    field(tab, "Year").fill("2025")
    field(tab, "The figures are").select_option(label="Percentages (adding up to 100)")
    field(tab, "Or paste the figures").fill(
        "".join(f"Age, {band}, {share}\n" for band, share in AGES.items())
    )
    with tab.expect_navigation():
        tab.get_by_role("button", name="Save").click()
    expect(tab.get_by_text(f"'{POPULATION}' created")).to_be_visible()


def age_table(tab):
    return tab.locator("table").filter(has=tab.locator("caption", has_text="Age: the figures"))


def board_shares_in_the_table(tab):
    shares = age_table(tab).locator("tbody").first.locator("tr td:nth-child(3)")
    return sorted(text.strip() for text in shares.all_inner_texts() if text.strip() != "not shown")


def board_shares_in_the_chart(tab):
    chart = tab.locator("section[aria-labelledby='age_band'] svg.chart")
    values = chart.locator(".text-overlay .serie-0 text.value")
    return sorted(text.strip() for text in values.all_text_contents())  # SVG: no innerText


def members_who_told_us(tab, demo_site):
    tab.goto(demo_site[PAGE])
    table = tab.locator("table").filter(has=tab.locator("caption", has_text="Sex: the figures"))
    row = table.locator("tr").filter(has=tab.locator("th", has_text="Members who told us"))
    return row.locator("td").first.inner_text().strip()


def check_the_public_page(browser, demo_site):
    context = new_context(browser, demo_site)
    tab = context.new_page()
    visit(tab, demo_site, PAGE)
    expect(age_table(tab).get_by_role("columnheader", name=POPULATION, exact=True)).to_be_visible()
    expect(tab.locator("main")).to_contain_text(f"among {WHO}:")
    expect(age_table(tab)).to_contain_text("fewer than 5")
    assert board_shares_in_the_table(tab) == board_shares_in_the_chart(tab)
    assert_no_axe_violations(tab, "Who is on the board")
    tab.get_by_role("link", name="Read this page in easy read").click()
    expect(tab.locator("h1")).to_contain_text("easy read")
    assert_no_axe_violations(tab, "Who is on the board, easy read")
    context.close()

    contrast = new_context(browser, demo_site, mode="high-contrast")
    tab = contrast.new_page()
    visit(tab, demo_site, PAGE)
    label = tab.locator("svg.chart text").first
    bar = tab.locator("svg.chart .bar rect").first
    assert label.evaluate("e => getComputedStyle(e).fill") == "rgb(255, 255, 255)"
    assert bar.evaluate("e => getComputedStyle(e).stroke") == "rgb(255, 255, 255)"
    assert_no_axe_violations(tab, "Who is on the board, high contrast")
    contrast.close()


def an_event_with_five_members():
    event = OutreachEvent.objects.create(
        name=EVENT,
        date=timezone.localdate() - timedelta(days=10),
        place="Larkfield library",
        community="People who do not use the internet",
        people_came=40,
    )
    source = HowHeard.objects.get(is_event=True)
    for number in range(5):
        person = User.objects.create(email=f"library.{number}@example.org")
        application = Application.objects.create(
            name=f"Library {number}",
            email=person.email,
            consented_at=timezone.now(),
            status=Application.Status.APPROVED,
            heard_from=source,
            outreach_event=event,
        )
        invitation = Invitation(name="L", email=person.email, application=application)
        invitation.set_new_token()
        invitation.accepted_at, invitation.accepted_by = timezone.now(), person
        invitation.save()
    return event


def event_row(tab, demo_site, event):
    tab.goto(demo_site[RECRUITMENT])
    table = tab.locator("table").filter(
        has=tab.locator("caption", has_text="by the outreach event they named")
    )
    row = table.locator("tr").filter(has=tab.locator("th", has_text=str(event)))
    return [text.strip() for text in row.locator("td").all_inner_texts()]


def apply_from_the_event(browser, demo_site, event, mailoutbox):
    context = new_context(browser, demo_site)
    journey = Journey(context.new_page(), demo_site)
    visit(journey.page, demo_site, "/join/")
    journey.type_into("Your name", "Sam Applicant")
    journey.type_into("Your email address", APPLICANT)
    journey.tick("Email")
    journey.tick("One of the board's events")
    journey.field("Which of our events was it?").select_option(label=str(event))
    journey.tick("65 to 74")
    journey.tick(
        "You can use my answers to the questions about me, without my name, to see whether "
        "the board reflects the people it speaks for"
    )
    journey.tick("You can keep my details so that you can think about my application")
    journey.press("Send my application")
    assert journey.heading() == "We have your application"

    approve_as_a_moderator(Application.objects.get(email=APPLICANT))
    visit(
        journey.page, demo_site, path_in(mailoutbox[-1], r"https?://[^/\s]+(/join/invitation/\S+/)")
    )
    journey.type_into("Create a password", PASSWORD)
    journey.type_into("Type your password again", PASSWORD)
    journey.press("Make my account")
    context.close()


def answer_then_withdraw(browser, demo_site, tab):
    context = new_context(browser, demo_site)
    member = context.new_page()
    journey = Journey(member, demo_site)
    visit(member, demo_site, "/accounts/login/")
    journey.type_into("Email address", APPLICANT)
    journey.type_into("Password", PASSWORD)
    journey.press("Sign in")
    visit(member, demo_site, "/account/equality-monitoring/")
    for answer in (
        "65 to 74",
        "Female",
        "White: Irish",
        "Yes, my day-to-day activities are limited a little",
        "Yes, 50 or more hours a week",
    ):
        journey.tick(answer)
    journey.tick("I agree that BoardHub can keep these answers")
    journey.press("Save my answers")
    return context, member


def test_who_the_board_speaks_for(browser, demo_site, mailoutbox):
    officers = signed_in_context(browser, demo_site, officer())
    tab = officers.new_page()
    enter_the_population(tab, demo_site)
    check_the_public_page(browser, demo_site)

    event = an_event_with_five_members()
    before = event_row(tab, demo_site, event)
    assert before[:3] == ["5", "5", "5"], before
    told_us_before = members_who_told_us(tab, demo_site)

    apply_from_the_event(browser, demo_site, event, mailoutbox)
    assert event_row(tab, demo_site, event)[:3] == ["6", "6", "6"]
    # All five of their answers were not given, so they are not counted yet.
    assert members_who_told_us(tab, demo_site) == told_us_before

    member_context, member = answer_then_withdraw(browser, demo_site, tab)
    assert members_who_told_us(tab, demo_site) == str(int(told_us_before) + 1)
    visit(member, demo_site, "/account/equality-monitoring/withdraw/")
    with member.expect_navigation():
        member.get_by_role("button", name="Withdraw and delete my answers").click()
    assert members_who_told_us(tab, demo_site) == told_us_before
    member_context.close()
    officers.close()
