"""Replies the way each person needs them: news of a response, and the receipt of one that
was recorded or sent through "Tell us", reach the person by the channel and in the version
their profile (or what was recorded) asks for, once its transaction commits; the response's
page shows each message, what went wrong, and how to contact the person."""

import pytest
from django.core import mail
from django.test import RequestFactory

from boardhub.consultations.models import FeedbackStatus
from boardhub.demo.factories import FeedbackFactory, UserFactory
from boardhub.feedback import handling
from boardhub.feedback.messages_section import messages_section
from boardhub.feedback.models import OfflineRecord, ReplyContact
from boardhub.feedback.notifications import recipient_for, send_receipt
from boardhub.members.models import MemberProfile
from boardhub.notifications.choices import ReplyBy
from boardhub.notifications.models import Channel, Notification, Status, Variant
from tests.conftest import NOTIFY_TEMPLATES
from tests.feedback.conftest import XSS

pytestmark = pytest.mark.django_db

TEMPLATE = {name: template for name, (template, __) in NOTIFY_TEMPLATES.items()}


@pytest.fixture
def member():
    return UserFactory(verified=True, display_name="Sam", email="sam@example.org")


def profile(member, contact_method, formats=(), **fields):
    return MemberProfile.objects.create(
        user=member, contact_method=contact_method, formats=list(formats), **fields
    )


def move_on(feedback, handler, capture, status=FeedbackStatus.ACKNOWLEDGED, note=""):
    with capture(execute=True):
        handling.change_status(feedback, status, handler, note=note)
    return list(Notification.objects.about(feedback))


def recorded(consultation, **contact):
    """A response an officer recorded on someone's behalf, with how they want to hear."""
    feedback = FeedbackFactory(page=consultation, channel="paper")
    OfflineRecord.objects.create(
        feedback=feedback,
        gathered_on="2026-11-30",
        supporter_role="advocate",
        supporter_organisation="Larkfield Advocacy",
    )
    ReplyContact.objects.create(feedback=feedback, **contact)
    return feedback


# A member's choices decide the channel and the version


def test_a_member_who_chose_text_gets_a_text_message_through_notify(
    notify_server, consultation, member, handler, django_capture_on_commit_callbacks
):
    profile(member, "text", phone="07700 900123")
    feedback = FeedbackFactory(page=consultation, member=member)

    [notification] = move_on(feedback, handler, django_capture_on_commit_callbacks)

    assert notification.channel == Channel.TEXT
    assert notification.status == Status.SENT
    [request] = notify_server.sent("sms")
    assert request["json"]["template_id"] == TEMPLATE["NOTIFY_TEXT_TEMPLATE_ID"]
    assert request["json"]["phone_number"] == "07700 900123"
    body = request["json"]["personalisation"]["body"]
    assert feedback.reference in body
    assert "It now says: Read by the council." in body
    assert len(body) <= 459
    assert mail.outbox == []


def test_a_member_who_wants_easy_read_letters_in_large_print_gets_them(
    notify_server, consultation, member, handler, django_capture_on_commit_callbacks
):
    profile(
        member,
        "post",
        formats=["easy_read", "large_print"],
        postal_address="1 High Street\nLarkfield\nLA1 1AA",
    )
    feedback = FeedbackFactory(page=consultation, member=member)

    [notification] = move_on(feedback, handler, django_capture_on_commit_callbacks)

    assert notification.channel == Channel.LETTER
    assert notification.variant == Variant.LARGE_PRINT
    [request] = notify_server.sent("letter")
    assert request["json"]["template_id"] == TEMPLATE["NOTIFY_LARGE_PRINT_LETTER_TEMPLATE_ID"]
    personalisation = request["json"]["personalisation"]
    assert personalisation["address_line_2"] == "1 High Street"
    body = personalisation["body"]
    assert "We have news about your answers." in body  # the easy-read words
    assert "How to get in touch" in body
    assert feedback.reference in body


def test_a_member_who_chose_email_and_easy_read_gets_the_easy_read_email(
    consultation, member, handler, django_capture_on_commit_callbacks
):
    profile(member, "email", formats=["easy_read"])
    feedback = FeedbackFactory(page=consultation, member=member)

    [notification] = move_on(feedback, handler, django_capture_on_commit_callbacks)

    assert notification.variant == Variant.EASY_READ
    [email] = mail.outbox
    assert email.to == [member.email]
    assert email.subject == "News about your answers"
    html = email.alternatives[0][0]
    assert "<img src=" in html and "/static/img/messages/list.png" in html
    assert "font-size: 22px" in html


def test_a_member_who_chose_their_supporter_is_never_contacted_directly(
    consultation, member, handler, django_capture_on_commit_callbacks
):
    profile(
        member,
        "supporter",
        supporter_name="Alex",
        supporter_contact="alex.supporter@example.org",
        phone="07700 900123",
    )
    feedback = FeedbackFactory(page=consultation, member=member)

    [notification] = move_on(feedback, handler, django_capture_on_commit_callbacks)

    assert notification.channel == Channel.SUPPORTER_EMAIL
    [email] = mail.outbox
    assert email.to == ["alex.supporter@example.org"]
    assert "This message is for" in email.body
    assert member.email not in email.body + notification.address


def test_a_member_who_chose_a_phone_call_waits_in_the_to_contact_list(
    consultation, member, handler, django_capture_on_commit_callbacks
):
    profile(member, "phone", phone="01632 960 001")
    feedback = FeedbackFactory(page=consultation, member=member)

    [notification] = move_on(feedback, handler, django_capture_on_commit_callbacks)

    assert notification.status == Status.BY_HAND
    assert notification.address == "01632 960001"
    assert mail.outbox == []


@pytest.mark.parametrize("contact_method", ["email", "text", "post", "phone", "supporter"])
def test_no_updates_when_the_member_said_no_whatever_their_channel(
    consultation, member, handler, django_capture_on_commit_callbacks, contact_method
):
    profile(
        member,
        contact_method,
        notify_feedback_updates=False,
        phone="07700 900123",
        postal_address="1 High Street, LA1 1AA",
        supporter_contact="alex@example.org",
    )
    feedback = FeedbackFactory(page=consultation, member=member)

    assert move_on(feedback, handler, django_capture_on_commit_callbacks) == []
    assert mail.outbox == []


def test_shaping_a_change_reaches_a_text_member_too(
    consultation, member, handler, django_capture_on_commit_callbacks, notify_server
):
    profile(member, "text", phone="07700 900123")
    feedback = FeedbackFactory(page=consultation, member=member)

    [notification] = move_on(
        feedback,
        handler,
        django_capture_on_commit_callbacks,
        status=FeedbackStatus.SHAPED_A_CHANGE,
        note="Carers now arrive on time.",
    )

    assert notification.message_key == "feedback_shaped_a_change"
    [request] = notify_server.sent("sms")
    assert "Carers now arrive on time." in request["json"]["personalisation"]["body"]


def test_nothing_is_written_or_sent_before_the_commit(
    consultation, member, handler, django_capture_on_commit_callbacks
):
    profile(member, "email")
    feedback = FeedbackFactory(page=consultation, member=member)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        handling.change_status(feedback, FeedbackStatus.ACKNOWLEDGED, handler)
    assert mail.outbox == []
    assert Notification.objects.get().status == Status.QUEUED
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 1


def test_each_status_change_is_told_once(
    consultation, member, handler, django_capture_on_commit_callbacks
):
    feedback = FeedbackFactory(page=consultation, member=member)
    messages = move_on(feedback, handler, django_capture_on_commit_callbacks)
    change = feedback.status_changes.get()
    from boardhub.feedback.notifications import tell_author_about_status_change

    with django_capture_on_commit_callbacks(execute=True):
        again = tell_author_about_status_change(feedback, change)
    assert again == messages[0]
    assert len(mail.outbox) == 1


# Someone an officer recorded, or who sent "Tell us": their ReplyContact decides


def test_a_recorded_person_wanting_a_letter_in_large_print_gets_one(
    notify_server, consultation, handler, django_capture_on_commit_callbacks
):
    feedback = recorded(
        consultation,
        name="Pat Jones",
        postal_address="2 Mill Lane\nLarkfield",
        postcode="la1 1aa",
        reply_by=ReplyBy.POST,
        large_print=True,
    )

    [notification] = move_on(feedback, handler, django_capture_on_commit_callbacks)

    assert notification.variant == Variant.LARGE_PRINT
    [request] = notify_server.sent("letter")
    assert request["json"]["template_id"] == TEMPLATE["NOTIFY_LARGE_PRINT_LETTER_TEMPLATE_ID"]
    personalisation = request["json"]["personalisation"]
    assert personalisation["address_line_1"] == "Pat Jones"
    assert "LA1 1AA" in personalisation.values()
    assert "Dear Pat Jones," in personalisation["body"]
    assert "There is news about your answers" in personalisation["body"]


def test_a_recorded_person_who_wants_nothing_gets_nothing(
    consultation, handler, django_capture_on_commit_callbacks
):
    feedback = recorded(
        consultation, name="Pat", email="pat@example.org", reply_by=ReplyBy.NOT_AT_ALL
    )
    assert recipient_for(feedback) is None
    assert move_on(feedback, handler, django_capture_on_commit_callbacks) == []
    with django_capture_on_commit_callbacks(execute=True):
        assert send_receipt(feedback) is None
    assert mail.outbox == []


def test_a_recorded_person_through_their_supporter_is_never_reached_directly(
    consultation, handler, django_capture_on_commit_callbacks
):
    feedback = recorded(
        consultation,
        name="Pat",
        email="pat@example.org",
        phone="07700 900123",
        reply_by=ReplyBy.SUPPORTER,
        supporter_contact="01632 960 002",
    )

    [notification] = move_on(feedback, handler, django_capture_on_commit_callbacks)

    assert notification.status == Status.BY_HAND
    assert notification.address == "01632 960 002"
    assert notification.supporter_name == "advocate, Larkfield Advocacy"
    assert "pat@example.org" not in notification.body + notification.address
    assert mail.outbox == []


def test_the_receipt_of_a_recorded_response_goes_by_email_without_the_answers(
    consultation, django_capture_on_commit_callbacks
):
    feedback = recorded(consultation, name="Pat", email="pat@example.org", reply_by="email")
    feedback.form_data = {"what_works_well_for_you": "MY OWN ANSWER"}
    feedback.save()

    with django_capture_on_commit_callbacks(execute=True):
        first = send_receipt(feedback)
        second = send_receipt(feedback)

    assert first == second
    [email] = mail.outbox
    assert email.to == ["pat@example.org"]
    assert feedback.reference in email.subject
    assert "MY OWN ANSWER" not in email.body + email.alternatives[0][0]
    assert "Hello Pat" in email.body


def test_the_receipt_of_a_recorded_response_for_a_member_uses_their_profile(
    notify_server, consultation, member, django_capture_on_commit_callbacks
):
    profile(member, "text", phone="07700 900123", formats=["easy_read"])
    feedback = FeedbackFactory(page=consultation, member=member, channel="phone")

    with django_capture_on_commit_callbacks(execute=True):
        notification = send_receipt(feedback)

    assert notification.variant == Variant.EASY_READ
    [request] = notify_server.sent("sms")
    assert "We have your answers." in request["json"]["personalisation"]["body"]


def test_an_online_members_receipt_carries_their_answers_by_email_only(
    notify_server, consultation, member, django_capture_on_commit_callbacks
):
    from boardhub.consultations.models import store_feedback

    profile(member, "text", phone="07700 900123")
    with django_capture_on_commit_callbacks(execute=True):
        feedback = store_feedback(
            consultation, {"what_works_well_for_you": "MY OWN ANSWER"}, member=member
        )

    [notification] = Notification.objects.about(feedback)
    assert notification.message_key == "feedback_receipt"
    [request] = notify_server.sent("sms")
    assert feedback.reference in request["json"]["personalisation"]["body"]
    assert "MY OWN ANSWER" not in request["json"]["personalisation"]["body"]


# The response's page


def inspect(client, feedback):
    return client.get(f"/admin/feedback/inspect/{feedback.pk}/").content.decode()


def test_the_response_page_lists_each_message_and_how_to_contact_the_person(
    client, settings, consultation, member, handler, django_capture_on_commit_callbacks
):
    settings.NOTIFY_CONSOLE = False  # as in production with no Notify: letters go by hand
    profile(member, "post", formats=["large_print"], postal_address="1 High Street, LA1 1AA")
    feedback = FeedbackFactory(page=consultation, member=member)
    move_on(feedback, handler, django_capture_on_commit_callbacks)
    client.force_login(handler)

    content = inspect(client, feedback)

    assert '<h2 id="section-messages">Messages to this person</h2>' in content
    assert "News about your feedback." in content
    assert "To contact by hand" in content
    assert "Follow up by hand" in content
    assert "How to contact this person: By letter to 1 High Street, LA1 1AA, in large print." in (
        content
    )


def test_a_failure_shows_in_plain_words_with_the_way_to_follow_it_up(
    client, consultation, member, handler
):
    profile(member, "text", phone="07700 900123")
    feedback = FeedbackFactory(page=consultation, member=member)
    Notification.objects.create(
        message_key="feedback_status_changed",
        channel=Channel.TEXT,
        backend="notify",
        status=Status.FAILED,
        about=feedback,
        recipient_name="Sam",
        error="GOV.UK Notify says this is not a mobile number.",
    )
    client.force_login(handler)

    content = inspect(client, feedback)

    assert (
        "Could not send. GOV.UK Notify says this is not a mobile number. Follow up by hand."
        in content
    )
    assert 'href="/admin/to-contact/">Follow up by hand</a>' in content
    assert "By text message to 07700 900123" in content


def test_the_page_says_when_nobody_can_be_told(client, feedback, handler, consultation):
    client.force_login(handler)
    content = inspect(client, feedback)
    assert "We have not sent this person any messages about this response." in content
    assert "How to contact this person: Nobody: we do not know who sent it." in content

    wants_nothing = recorded(consultation, name="Pat", reply_by=ReplyBy.NOT_AT_ALL)
    assert "They do not want to hear back" in inspect(client, wants_nothing)


def test_the_section_costs_the_same_few_queries_however_many_messages(
    client, consultation, member, handler, django_assert_max_num_queries
):
    feedback = FeedbackFactory(page=consultation, member=member)

    def message(number):
        Notification.objects.create(
            message_key="feedback_status_changed",
            channel=Channel.EMAIL,
            backend="email",
            status=Status.FAILED if number % 2 else Status.SENT,
            about=feedback,
            recipient_name=f"Sam {number}",
        )

    message(0)
    client.force_login(handler)
    inspect(client, feedback)  # warm the caches
    with django_assert_max_num_queries(60) as captured:
        inspect(client, feedback)
    few = len(captured)
    for number in range(1, 25):
        message(number)
    with django_assert_max_num_queries(few + 1):  # + the "to contact" count in the menu
        content = inspect(client, feedback)
    assert content.count("News about your feedback.") == 20  # the newest 20


def test_names_and_errors_are_inert_on_the_page(client, consultation, handler):
    feedback = recorded(consultation, name=XSS, email="pat@example.org", reply_by="email")
    Notification.objects.create(
        message_key="feedback_receipt",
        channel=Channel.EMAIL,
        backend="email",
        status=Status.FAILED,
        about=feedback,
        error=XSS,
    )
    client.force_login(handler)
    content = inspect(client, feedback)
    assert "<script>alert(1)</script>" not in content


def test_officers_outside_the_feedback_groups_never_see_contact_details(
    client, consultation, member, editor
):
    profile(member, "text", phone="07700 900123")
    feedback = FeedbackFactory(page=consultation, member=member)
    client.force_login(editor)
    response = client.get(f"/admin/feedback/inspect/{feedback.pk}/")
    assert "07700 900123" not in response.content.decode()

    request = RequestFactory().get("/")
    request.user = editor
    assert messages_section(request, feedback) is None


@pytest.mark.parametrize(
    ("reply_by", "contact", "channel", "status"),
    [
        (ReplyBy.TEXT, {"phone": "07700 900123"}, Channel.TEXT, Status.SENT),
        (ReplyBy.PHONE, {"phone": "01632 960 001"}, Channel.BY_HAND, Status.BY_HAND),
        (ReplyBy.EMAIL, {"email": "pat@example.org"}, Channel.EMAIL, Status.SENT),
        (
            ReplyBy.POST,
            {"postal_address": "2 Mill Lane", "postcode": "LA1 1AA"},
            Channel.LETTER,
            Status.SENT,
        ),
    ],
)
def test_a_recorded_person_hears_by_the_way_they_asked(
    notify_server,
    consultation,
    handler,
    django_capture_on_commit_callbacks,
    reply_by,
    contact,
    channel,
    status,
):
    feedback = recorded(consultation, name="Pat", reply_by=reply_by, **contact)

    [notification] = move_on(feedback, handler, django_capture_on_commit_callbacks)

    assert (notification.channel, notification.status) == (channel, status)
    assert "profile" not in notification.body  # not a member: no profile to stop them in


def test_a_tell_us_receipt_by_text_speaks_of_feedback_about_the_service(
    notify_server, django_capture_on_commit_callbacks
):
    from wagtail.models import Page

    from boardhub.demo.factories import TellUsPageFactory
    from boardhub.feedback.models import GeneralFeedback
    from boardhub.services.models import Service

    page = TellUsPageFactory(parent=Page.objects.get(depth=2))
    service = Service.objects.create(name="Home care", slug="home-care")
    feedback = FeedbackFactory(page=page, channel="online")
    GeneralFeedback.objects.create(feedback=feedback, kind="concern", service=service)
    ReplyContact.objects.create(
        feedback=feedback, name="Pat", phone="07700 900123", reply_by=ReplyBy.TEXT
    )

    with django_capture_on_commit_callbacks(execute=True):
        send_receipt(feedback)

    [request] = notify_server.sent("sms")
    body = request["json"]["personalisation"]["body"]
    assert "We have your feedback." in body
    assert feedback.reference in body
