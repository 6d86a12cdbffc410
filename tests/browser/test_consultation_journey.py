"""The consultation journey, by keyboard, with axe and keyboard checks on every page: an officer
publishes a consultation with questions; a member saves a draft, comes back, checks and sends
their answers and gets a reference and a receipt; someone without an account answers a public
consultation; a feedback handler acknowledges and tags the answers; the member is told by
email and sees the new status in their account."""

import re

from django.contrib.auth.models import Group
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from boardhub.consultations.models import ConsultationIndexPage, ConsultationPage, Feedback
from boardhub.demo.factories import UserFactory, activate_totp
from boardhub.feedback.models import FeedbackTheme, Theme
from boardhub.members.models import User
from tests.conftest import SignedInClient

from .conftest import new_context, sign_in, visit
from .test_member_journey import Journey

ANSWER = "Evening visits would help.\nSo would a named carer."


def officer_client(*groups):
    """A signed-in admin client for a new officer with two-factor, in the given groups."""
    officer = UserFactory(verified=True)
    officer.groups.add(*Group.objects.filter(name__in=groups))
    activate_totp(officer)
    client = SignedInClient()
    client.force_login(officer)
    return client


def publish_consultation_in_the_admin():
    index = ConsultationIndexPage.objects.get()
    data = nested_form_data(
        {
            "title": "Respite breaks for carers",
            "slug": "respite-breaks",
            "summary": "Tell us how short breaks from caring could work better.",
            "body": streamfield([("paragraph", rich_text("<p>Please read this first.</p>"))]),
            "opens_at": "2026-01-01 09:00",
            "closes_at": "2030-01-01 09:00",
            "audience": "members",
            "form_fields": inline_formset(
                [
                    {
                        "label": "What would make breaks better?",
                        "help_text": "Tell us in your own words.",
                        "required": "on",
                        "field_type": "multiline",
                        "choices": "",
                        "default_value": "",
                    },
                    {
                        "label": "Breaks are easy to book",
                        "help_text": "",
                        "required": "on",
                        "field_type": "agreement",
                        "choices": "",
                        "default_value": "",
                    },
                ]
            ),
            "easy_read_page": "",
            "outcome": rich_text(""),
            "action-publish": "publish",
        }
    )
    response = officer_client("Moderators").post(
        f"/admin/pages/add/consultations/consultationpage/{index.pk}/", data
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    page = ConsultationPage.objects.get(slug="respite-breaks")
    assert page.live
    return page


def answer_by_keyboard(journey, answers_label, text, agreement):
    journey.type_into(answers_label, text)
    journey.tick(agreement)


def test_consultation_journey_by_keyboard(browser, demo_site, mailoutbox):
    consultation = publish_consultation_in_the_admin()

    # A member answers, saving a draft part way.
    context = new_context(browser, demo_site)
    journey = Journey(context.new_page(), demo_site)
    page = journey.page
    sign_in(page, demo_site)
    visit(page, demo_site, consultation.url)
    journey.check("Consultation, signed in")
    journey.type_into("What would make breaks better?", ANSWER)
    journey.press("Save and come back later")
    visit(page, demo_site, "/")
    visit(page, demo_site, consultation.url)
    assert journey.field("What would make breaks better?").input_value() == ANSWER
    journey.tick("4 \N{EN DASH} Agree")
    journey.press("Continue")
    journey.check("Check your answers")
    assert "Evening visits would help." in page.locator("main").inner_text()
    journey.press("Send my answers")
    journey.check("Answers sent")
    reference = re.search(r"BH-\d{4}-\d{6}", page.locator("main").inner_text()).group()
    member = User.objects.get(email=demo_site.member_email)
    feedback = Feedback.objects.get(reference=reference)
    assert feedback.member == member
    receipt = mailoutbox[-1]
    assert receipt.to == [member.email]
    assert reference in receipt.body
    context.close()

    # Someone without an account answers the public demo consultation.
    context = new_context(browser, demo_site)
    journey = Journey(context.new_page(), demo_site)
    visit(journey.page, demo_site, "/have-your-say/plan-for-unpaid-carers/")
    journey.tick("5 \N{EN DASH} Strongly agree")
    journey.type_into("What would help you most as a carer?", "A carers' cafe near me.")
    journey.press("Continue")
    journey.check("Check your answers, no account")
    journey.press("Send my answers")
    anonymous_reference = re.search(
        r"BH-\d{4}-\d{6}", journey.page.locator("main").inner_text()
    ).group()
    assert Feedback.objects.get(reference=anonymous_reference).member is None
    context.close()

    # A feedback handler acknowledges and tags the member's answers.
    handler = officer_client("Feedback handlers")
    communication = Theme.objects.get(name="Communication")
    # The response page's one form: the status, its note to the member and a theme together.
    response_page = f"/admin/feedback/inspect/{feedback.pk}/"
    drawn = handler.get(response_page).content.decode()
    seen = re.search(r'name="seen" value="([^"]*)"', drawn).group(1)
    saved = handler.post(
        response_page,
        {
            "seen": seen,
            "status": "acknowledged",
            "note_to_author": "Thank you. We are reading every answer.",
            "theme": communication.pk,
            "internal_note": "",
        },
    )
    assert saved.status_code == 302
    feedback.refresh_from_db()
    assert feedback.status == "acknowledged"
    assert FeedbackTheme.objects.filter(feedback=feedback, theme=communication).exists()

    # The member is told by email, and sees the new status and the council's note.
    told = mailoutbox[-1]
    assert told.to == [member.email]
    assert reference in told.subject and "Read by the council" in told.subject
    assert "We are reading every answer." in told.body
    context = new_context(browser, demo_site)
    journey = Journey(context.new_page(), demo_site)
    sign_in(journey.page, demo_site)
    visit(journey.page, demo_site, "/account/feedback/")
    journey.check("Your feedback, after the council read it")
    listing = journey.page.locator("main").inner_text()
    assert "Read by the council" in listing
    assert "We are reading every answer." in listing
    # The reference is in the link's name (visually hidden), so each link says which it is.
    journey.follow(re.compile(rf"^Respite breaks for carers\s*, reference {reference}$"))
    journey.check("One response and its history")
    detail = journey.page.locator("main").inner_text()
    assert "Read by the council" in detail
    assert "Evening visits would help." in detail
    context.close()
