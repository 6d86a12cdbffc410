"""Every voice, every channel (issue 14's "Done means"), in Chromium against the demo site:

- the demo feedback handler opens a drop-in session and records two paper responses from it,
  one "with support from" an advocate from someone who wants a letter in easy read, one
  anonymous; the session says it heard from 2 people;
- a visitor sends "Tell us" about a service by keyboard alone, through a mistake, and asks for
  a text message (axe and keyboard checks on the form, its errors and the thank-you page);
- the officer triages all three in each response's one form, links one to a change and
  publishes it;
- the letters and the text messages reach the local GOV.UK Notify (tests/notify_server.py)
  with the right template ids, the letters in easy read as the person asked;
- the triage listing has all three, counts them by channel and filters by channel, and the
  public "you said, we did" page counts the linked response.
"""

import re
import time

from django.utils import timezone

from boardhub.consultations.models import ConsultationPage, Feedback, FeedbackStatus
from boardhub.feedback.models import TellUsPage
from boardhub.impact.models import ChangeRecord
from tests.conftest import NOTIFY_TEMPLATES

from .conftest import new_context, visit
from .test_member_journey import Journey
from .test_triage_without_js import sign_in_as_the_demo_officer

CONSULTATION_SLUG = "plan-for-unpaid-carers"
SESSION_TITLE = "Digital drop-in"
SESSION_PLACE = "Brookside community hub"

LETTER_ANSWER = "A carers' cafe at the hub on Tuesdays, with someone to help with forms."
ANONYMOUS_ANSWER = "Nobody told me about carers' breaks until last year."
PERSON = "Dora Pennington"
ADDRESS = "12 Mill Lane\nLarkfield"
POSTCODE = "LA1 1AA"

TOLD_US = "Nobody told me my direct payment forms had arrived, so I sent them twice."
MOBILE = "07700 900465"
NOTE = "The payments team will text you when your forms arrive."

CHANGE = "Help with forms at the Brookside hub"

LETTER_TEMPLATE = NOTIFY_TEMPLATES["NOTIFY_LETTER_TEMPLATE_ID"][0]
TEXT_TEMPLATE = NOTIFY_TEMPLATES["NOTIFY_TEXT_TEMPLATE_ID"][0]

# Words only the easy-read letters say (templates/notifications/<key>/easy_read/letter.txt),
# and words only the plain ones do.
EASY_READ_LETTER = {
    "feedback_receipt": "Someone at the council will read it.\nWe will tell you what happens.",
    "feedback_status_changed": "You asked us to tell you about this.",
    "feedback_shaped_a_change": "Good news: you helped to change something",
}
PLAIN_LETTER = {
    "feedback_receipt": "A council officer will read your answers.",
    "feedback_status_changed": "You get this letter because you asked us to tell you",
    "feedback_shaped_a_change": "helped the council to change something. Your reference",
}


def main_text(page):
    return " ".join(page.locator("main").inner_text().split())


def says(page, text):
    shown = main_text(page)
    assert " ".join(text.split()) in shown, f"At {page.url}, expected {text!r} in:\n{shown[:3000]}"


def field(page, label):
    """The box with this label; optional ones end in "(optional)"."""
    return page.get_by_label(re.compile(rf"^\s*{re.escape(label)}( \(optional\))?\s*$"))


def messages_section(page):
    """A response's "Messages to this person", in words."""
    section = page.locator("section", has=page.locator("#section-messages"))
    return " ".join(section.inner_text().split())


def click_and_wait(page, locator):
    with page.expect_navigation():
        locator.click()


def reference_on(page):
    return re.search(r"BH-\d{4}-\d{6}", page.locator("main").inner_text()).group()


# The officer, in the admin


def open_a_drop_in_session(page):
    click_and_wait(
        page, page.locator("#wagtail-sidebar").get_by_role("link", name="Drop-in sessions")
    )
    click_and_wait(page, page.locator("main").get_by_role("link", name="Open a session"))
    page.get_by_label("Title").fill(SESSION_TITLE)
    page.get_by_label("Place").fill(SESSION_PLACE)
    page.get_by_label("Date").fill(timezone.localdate().isoformat())
    click_and_wait(page, page.locator("main").get_by_role("button", name="Open the session"))
    says(page, f"Session “{SESSION_TITLE}, {SESSION_PLACE}” is open")
    says(page, "Heard from 0 people.")


def choose_the_consultation(page, consultation):
    page.get_by_label("What the response is to").select_option(label=consultation.title)
    click_and_wait(page, page.locator("main").get_by_role("button", name="Continue"))
    says(page, f"Recording a response to {consultation.title}")
    says(page, f"From the drop-in session {SESSION_TITLE}, {SESSION_PLACE}")


def in_group(page, legend, label):
    return page.get_by_role("group", name=re.compile(rf"^\s*{re.escape(legend)}")).get_by_label(
        label, exact=True
    )


def record_paper_response(page, agreement, answer, person=None):
    """Step 2 of recording, from the session: the consultation's questions, then how it was
    gathered and who it is from. The date, place and session come from the session."""
    in_group(page, "The plan will make life better for carers", agreement).check()
    page.get_by_label(re.compile(r"^\s*What would help you most as a carer\?")).fill(answer)
    in_group(page, "How it reached us", "Paper form").check()
    assert field(page, "When it was gathered").input_value() == timezone.localdate().isoformat()
    assert field(page, "Where it was gathered").input_value() == SESSION_PLACE
    if person:
        field(page, "With support from: their role").fill("advocate")
        field(page, "With support from: their organisation").fill("Larkfield Advocacy")
        in_group(
            page,
            "Who the response is from",
            "Someone else, who gave their name or contact details",
        ).check()
        field(page, "Their name").fill(PERSON)
        field(page, "Their address").fill(ADDRESS)
        field(page, "Their postcode").fill(POSTCODE.lower().replace(" ", ""))
        in_group(page, "How they want to hear back", "By post (a letter)").check()
        field(page, "They want messages in easy read").check()
    else:
        in_group(page, "Who the response is from", "They did not say who they are").check()
        assert in_group(
            page, "How they want to hear back", "They do not want to hear back"
        ).is_checked()
    click_and_wait(page, page.locator("main").get_by_role("button", name="Save the response"))
    says(page, "recorded")
    says(page, "It is in the triage listing with the others, as “Paper form”.")
    return Feedback.objects.get(reference=reference_on(page))


def change_status(page, demo_site, feedback, hint, note=""):
    """In the response's page: its one form, the status and a note to the person together.
    The note's hint says whether the note reaches them."""
    page.goto(demo_site[f"/admin/feedback/inspect/{feedback.pk}/"])
    decide = page.locator("form[action$='#decide']")
    assert hint in " ".join(decide.inner_text().split()), decide.inner_text()
    page.get_by_label("Status", exact=True).select_option(label="Being thought about")
    if note:
        field(page, "Note to the person who sent it").fill(note)
    click_and_wait(page, page.locator("main").get_by_role("button", name="Save", exact=True))
    feedback.refresh_from_db()
    assert feedback.status == FeedbackStatus.BEING_CONSIDERED, feedback.status
    says(page, "Received to Being thought about")


def link_to_a_change_and_publish(page, feedback):
    click_and_wait(
        page, page.locator("#wagtail-sidebar").get_by_role("link", name="You said, we did")
    )
    click_and_wait(
        page, page.locator("main").get_by_role("link", name=re.compile(r"^Add change")).first
    )
    page.locator("#id_title").fill(CHANGE)
    page.locator("#id_you_said").fill("People at the drop-in found the forms hard.")
    page.locator("#id_we_did").fill("Someone from the council now helps with forms each Tuesday.")
    click_and_wait(page, page.get_by_role("button", name="Save as a draft and choose responses"))
    says(page, "Tick the responses that helped to shape")
    page.locator(f"#response-{feedback.pk}").check()
    click_and_wait(
        page, page.locator("main").get_by_role("button", name="Link the chosen responses")
    )
    says(page, f"1 response linked to “{CHANGE}”")
    click_and_wait(page, page.locator("footer").get_by_role("button", name="Publish", exact=True))
    change = ChangeRecord.objects.get(title=CHANGE)
    assert change.live
    assert list(change.shaping_feedback()) == [feedback]
    return change


# The visitor, on the public site, by keyboard


def choose_by_keyboard(journey, label, option):
    """A drop-down list, by arrow keys: down until the option is chosen."""
    select = journey.field(label)
    select.focus()
    for __ in range(50):
        if select.evaluate("s => s.options[s.selectedIndex].text") == option:
            return
        journey.page.keyboard.press("ArrowDown")
    raise AssertionError(f"The arrow keys never reached {option!r} in {label!r}")


def tell_us_by_keyboard(browser, demo_site):
    tell_us = TellUsPage.objects.live().get()
    context = new_context(browser, demo_site)
    journey = Journey(context.new_page(), demo_site)
    page = journey.page
    visit(page, demo_site, tell_us.url)
    journey.check("the Tell us form")

    journey.tick("Something that worried me (a concern)")
    choose_by_keyboard(journey, "Which service is it about?", "Direct payments")
    journey.type_into("What happened?", TOLD_US)
    journey.tick("Yes")
    journey.tick("By text message")
    journey.press("Send")  # no number yet

    assert page.title().startswith("Error: "), page.title()
    summary = page.locator(".error-summary")
    assert "Enter a mobile number for the text message" in summary.inner_text()
    assert journey.field("What happened?").input_value() == TOLD_US
    assert journey.field("By text message").is_checked()
    journey.check("the Tell us form with an error")

    journey.type_into("Phone number", MOBILE)
    journey.press("Send")
    assert "We have your feedback" in journey.heading()
    says(page, "We will reply to you the way you asked.")
    journey.check("the Tell us thank-you page")
    feedback = Feedback.objects.get(reference=reference_on(page))
    context.close()
    return feedback


# The local Notify


def sent_about(server, kind, feedback, count, wait=5.0):
    """The requests of one kind Notify accepted about `feedback` (its reference in the words),
    waiting a little for the last to arrive."""
    deadline = time.monotonic() + wait
    while True:
        found = [
            request
            for request in server.sent(kind)
            if feedback.reference in request["json"].get("personalisation", {}).get("body", "")
        ]
        if len(found) >= count or time.monotonic() > deadline:
            return found
        time.sleep(0.1)


def message_key_of(body):
    if "Good news" in body:
        return "feedback_shaped_a_change"
    if "news about your" in body.lower():
        return "feedback_status_changed"
    return "feedback_receipt"


def test_every_channel_from_the_drop_in_and_tell_us_to_the_letter_and_the_text(
    browser, demo_site, notify_server
):
    consultation = ConsultationPage.objects.get(slug=CONSULTATION_SLUG)
    context = new_context(browser, demo_site)
    officer = context.new_page()
    sign_in_as_the_demo_officer(officer, demo_site)

    # 1. A drop-in session, and two paper responses from it.
    open_a_drop_in_session(officer)
    session_url = officer.url
    click_and_wait(
        officer,
        officer.locator("main").get_by_role("link", name="Record a response from this session"),
    )
    choose_the_consultation(officer, consultation)
    wants_a_letter = record_paper_response(
        officer, "4 \N{EN DASH} Agree", LETTER_ANSWER, person=PERSON
    )
    click_and_wait(
        officer,
        officer.locator("main").get_by_role("link", name="Record another from this session"),
    )
    choose_the_consultation(officer, consultation)
    anonymous = record_paper_response(officer, "2 \N{EN DASH} Disagree", ANONYMOUS_ANSWER)
    click_and_wait(officer, officer.locator("main").get_by_role("link", name="Back to the session"))
    assert officer.url == session_url
    says(officer, "Heard from 2 people.")
    says(officer, wants_a_letter.reference)
    says(officer, anonymous.reference)
    says(officer, "advocate, Larkfield Advocacy")

    # The officer sees how to reach the person who wants a letter, and the receipt went.
    officer.goto(demo_site[f"/admin/feedback/inspect/{wants_a_letter.pk}/"])
    messages = messages_section(officer)
    assert f"How to contact this person: By letter to 12 Mill Lane, Larkfield, {POSTCODE}" in (
        messages
    ), messages
    assert re.search(
        r"We have your feedback\. Letter, [^,]+, [^,]+, easy read: Sent on [^.]+\.m\. How to",
        messages,
    ), messages
    officer.goto(demo_site[f"/admin/feedback/inspect/{anonymous.pk}/"])
    says(officer, "How to contact this person: Nobody: we do not know who sent it.")

    # 2. A visitor tells us about a service, by keyboard, and asks for a text message.
    wants_a_text = tell_us_by_keyboard(browser, demo_site)
    assert wants_a_text.member is None
    assert wants_a_text.reply_contact.reply_by == "text"
    assert wants_a_text.general.service.name == "Direct payments"
    assert anonymous.member is None and wants_a_letter.member is None

    # 3. All three triaged, each in its response's one form; one shapes a change.
    reaches_them = "We send it to them the way they asked to hear back."
    change_status(officer, demo_site, wants_a_letter, reaches_them)
    change_status(officer, demo_site, anonymous, "we cannot send it to them")
    change_status(officer, demo_site, wants_a_text, reaches_them, note=NOTE)
    change = link_to_a_change_and_publish(officer, wants_a_letter)
    wants_a_letter.refresh_from_db()
    assert wants_a_letter.status == FeedbackStatus.SHAPED_A_CHANGE

    # 4. The letters (receipt, news, the change it shaped) and the text messages (receipt,
    # news) reached Notify, with the right templates; the letters in easy read.
    letters = sent_about(notify_server, "letter", wants_a_letter, 3)
    bodies = [letter["json"]["personalisation"]["body"] for letter in letters]
    assert sorted(map(message_key_of, bodies)) == sorted(EASY_READ_LETTER), bodies
    for letter in letters:
        payload = letter["json"]
        body = payload["personalisation"]["body"]
        key = message_key_of(body)
        assert payload["template_id"] == LETTER_TEMPLATE, payload
        assert EASY_READ_LETTER[key] in body, f"{key} is not in easy read:\n{body}"
        assert PLAIN_LETTER[key] not in body, f"{key} has the plain words:\n{body}"
        assert f"Dear {PERSON}," in body
        personalisation = payload["personalisation"]
        address = [personalisation[f"address_line_{n}"] for n in range(1, 5)]
        assert address == [PERSON, "12 Mill Lane", "Larkfield", POSTCODE], personalisation
        assert LETTER_ANSWER not in body  # a letter never carries the answers

    texts = sent_about(notify_server, "sms", wants_a_text, 2)
    assert len(texts) == 2, [text["json"] for text in texts]
    for text in texts:
        payload = text["json"]
        assert payload["template_id"] == TEXT_TEMPLATE, payload
        assert payload["phone_number"].replace(" ", "") == MOBILE.replace(" ", "")
        # They did not ask for easy read: the plain words, on one line.
        assert "\n" not in payload["personalisation"]["body"], payload
    assert any("We have your feedback" in text["json"]["personalisation"]["body"] for text in texts)
    news = [
        text["json"]["personalisation"]["body"]
        for text in texts
        if NOTE in text["json"]["personalisation"]["body"]
    ]
    assert len(news) == 1 and "It now says: Being thought about." in news[0], texts
    # Nobody is told about the anonymous response, and nothing was sent twice.
    everything = [
        r["json"].get("personalisation", {}).get("body", "") for r in notify_server.requests
    ]
    assert not any(anonymous.reference in body for body in everything)
    assert len([b for b in everything if wants_a_letter.reference in b]) == 3
    assert len([b for b in everything if wants_a_text.reference in b]) == 2

    # The officer sees the messages on the response.
    officer.goto(demo_site[f"/admin/feedback/inspect/{wants_a_text.pk}/"])
    section = messages_section(officer)
    assert re.search(r"We have your feedback\. Text message, [^,]+, [^,]+?: Sent on ", section), (
        section
    )
    assert re.search(r"News about your feedback\. Text message, [^,]+, [^,]+?: Sent on ", section)
    assert f"How to contact this person: By text message to {MOBILE}." in section, section

    # 5. The triage listing has all three, counts by channel and filters by channel.
    officer.goto(demo_site["/admin/feedback/"])
    search = officer.get_by_label("Reference, or words in the answers")
    search.fill(wants_a_text.reference)
    search.press("Enter")
    officer.locator("main").get_by_role("link", name=wants_a_text.reference, exact=True).wait_for()
    says(officer, "1 response matches.")
    says(officer, wants_a_text.reference)
    officer.goto(demo_site["/admin/feedback/"])
    listing = main_text(officer)
    for feedback in (wants_a_letter, anonymous, wants_a_text):
        assert feedback.reference in listing, f"{feedback.reference} is not in the listing"
    by_channel = " ".join(officer.locator(".triage-summary__channels").inner_text().split())
    online = Feedback.objects.filter(channel="online").count()
    # The demo's year of responses has paper forms of its own: these two are among them.
    paper = Feedback.objects.filter(channel="paper").count()
    assert f"Online: {online}" in by_channel, by_channel
    assert f"Paper form: {paper}" in by_channel, by_channel
    click_and_wait(
        officer,
        officer.locator(".triage-summary__channels").get_by_role(
            "link", name=f"Paper form: {paper}"
        ),
    )
    says(officer, f"{paper} responses match. 1 filter applied.")
    says(officer, "Channel: Paper form")
    listing = main_text(officer)
    assert wants_a_letter.reference in listing and anonymous.reference in listing
    assert wants_a_text.reference not in listing
    by_channel = " ".join(officer.locator(".triage-summary__channels").inner_text().split())
    assert by_channel == f"By channel: Paper form: {paper}", by_channel
    context.close()

    # The public "you said, we did" counts the response that shaped the change.
    context = new_context(browser, demo_site)
    journey = Journey(context.new_page(), demo_site)
    visit(journey.page, demo_site, f"/you-said-we-did/changes/{change.pk}/")
    journey.check("the change the drop-in shaped")
    count = journey.page.locator("dt", has_text="Responses that shaped it").locator("xpath=../dd")
    assert count.inner_text().strip() == "1"
    text = main_text(journey.page)
    assert CHANGE in text
    assert PERSON not in text and POSTCODE not in text and "Larkfield Advocacy" not in text
    context.close()
