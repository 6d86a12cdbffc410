"""Each channel, through the local Notify test server (tests/notify_server.py)."""

import pytest
from django.db import transaction

from boardhub.demo.factories import UserFactory
from boardhub.members.models import MemberProfile
from boardhub.notifications.choices import ReplyBy
from boardhub.notifications.models import Backend, Channel, Notification, Status, Variant
from boardhub.notifications.recipients import Recipient
from boardhub.notifications.sending import send
from tests.conftest import NOTIFY_TEMPLATES

pytestmark = pytest.mark.django_db

TEMPLATE = {name: template for name, (template, __) in NOTIFY_TEMPLATES.items()}
CONTEXT = {"name": "Sam", "reference": "BH-2026-000123"}


def member(contact_method="email", formats=(), **profile):
    user = UserFactory(email="sam@example.org", display_name="Sam")
    MemberProfile.objects.create(
        user=user, contact_method=contact_method, formats=list(formats), **profile
    )
    return user


def send_now(recipient, key, **options):
    with transaction.atomic():
        notification = send(recipient, key, CONTEXT, **options)
    if notification is not None:
        notification.refresh_from_db()
    return notification


@pytest.fixture
def run_after_commit(django_capture_on_commit_callbacks):
    def run(recipient, key, **options):
        with django_capture_on_commit_callbacks(execute=True):
            notification = send(recipient, key, CONTEXT, **options)
        if notification is not None:
            notification.refresh_from_db()
        return notification

    return run


def test_a_text_message_reaches_notify_with_the_text_template(
    notify_server, test_message, run_after_commit
):
    user = member("text", phone="07700 900123")

    notification = run_after_commit(Recipient.for_member(user), test_message)

    [request] = notify_server.sent("sms")
    assert request["json"]["template_id"] == TEMPLATE["NOTIFY_TEXT_TEMPLATE_ID"]
    assert request["json"]["phone_number"] == "07700 900123"
    assert request["json"]["personalisation"] == {"body": "We have your feedback BH-2026-000123."}
    assert request["json"]["reference"] == str(notification.pk)
    assert notification.status == Status.SENT
    assert notification.channel == Channel.TEXT
    assert notification.backend == Backend.NOTIFY
    assert notification.notify_id == request["id"]
    assert notification.attempts == 1
    assert notification.recipient_user == user


def test_a_phone_member_with_a_mobile_number_gets_text_messages(
    notify_server, test_message, run_after_commit
):
    user = member("phone", phone="+44 7700 900123")
    recipient = Recipient.for_member(user)
    assert recipient.reply_by == ReplyBy.TEXT

    run_after_commit(recipient, test_message)

    [request] = notify_server.sent("sms")
    assert request["json"]["phone_number"] == "07700 900123"


def test_a_letter_goes_with_the_address_and_in_large_print_when_asked(
    notify_server, test_message, run_after_commit
):
    user = member(
        "post", formats=["large_print"], postal_address="1 High Street\nLancaster\nla11aa"
    )

    notification = run_after_commit(Recipient.for_member(user), test_message)

    [request] = notify_server.sent("letter")
    payload = request["json"]
    assert payload["template_id"] == TEMPLATE["NOTIFY_LARGE_PRINT_LETTER_TEMPLATE_ID"]
    personalisation = payload["personalisation"]
    assert personalisation["address_line_1"] == "Sam"
    assert personalisation["address_line_2"] == "1 High Street"
    assert personalisation["address_line_3"] == "Lancaster"
    assert personalisation["address_line_4"] == "LA1 1AA"
    assert personalisation["subject"] == "Hello Sam: test BH-2026-000123"
    assert "Dear Sam" in personalisation["body"]
    assert notification.variant == Variant.LARGE_PRINT
    assert notification.status == Status.SENT


def test_a_plain_letter_uses_the_letter_template(notify_server, test_message, run_after_commit):
    user = member("post", postal_address="1 High Street, Lancaster, LA1 1AA")

    run_after_commit(Recipient.for_member(user), test_message)

    [request] = notify_server.sent("letter")
    assert request["json"]["template_id"] == TEMPLATE["NOTIFY_LETTER_TEMPLATE_ID"]
    assert request["json"]["personalisation"]["address_line_4"] == "LA1 1AA"


def test_easy_read_members_get_the_easy_read_words(notify_server, test_message, run_after_commit):
    user = member("text", formats=["easy_read"], phone="07700900123")

    notification = run_after_commit(Recipient.for_member(user), test_message)

    [request] = notify_server.sent("sms")
    assert request["json"]["personalisation"]["body"].startswith("EASY READ.")
    assert notification.variant == Variant.EASY_READ


def test_email_goes_by_notify_when_it_has_an_email_template(
    notify_server, test_message, run_after_commit
):
    user = member("email", formats=["easy_read"])

    notification = run_after_commit(Recipient.for_member(user), test_message)

    [request] = notify_server.sent("email")
    assert request["json"]["email_address"] == "sam@example.org"
    assert request["json"]["template_id"] == TEMPLATE["NOTIFY_EMAIL_TEMPLATE_ID"]
    assert request["json"]["personalisation"]["subject"] == "Easy read: BH-2026-000123"
    assert "We got your words." in request["json"]["personalisation"]["body"]
    assert notification.channel == Channel.EMAIL


def test_without_a_notify_email_template_email_goes_by_boardhubs_mail(
    notify_server, settings, test_message, run_after_commit, mailoutbox
):
    settings.NOTIFY_EMAIL_TEMPLATE_ID = ""
    user = member("email", formats=["easy_read"])

    notification = run_after_commit(Recipient.for_member(user), test_message)

    assert notify_server.requests == []
    [email] = mailoutbox
    assert email.to == ["sam@example.org"]
    assert email.subject == "Easy read: BH-2026-000123"
    html, __ = email.alternatives[0]
    assert "<img" in html
    assert notification.backend == Backend.EMAIL
    assert notification.status == Status.SENT


def test_someone_contacted_through_their_supporter_is_never_contacted_directly(
    notify_server, test_message, run_after_commit, mailoutbox
):
    user = member(
        "supporter",
        phone="07700900999",
        supporter_name="Jo (advocate)",
        supporter_contact="jo@advocacy.example.org",
    )
    recipient = Recipient.for_member(user)
    assert recipient.email == ""
    assert recipient.phone == ""

    notification = run_after_commit(recipient, test_message)

    [request] = notify_server.requests
    assert request["kind"] == "email"
    assert request["json"]["email_address"] == "jo@advocacy.example.org"
    body = request["json"]["personalisation"]["body"]
    assert body.startswith("This message is for Sam.")
    assert notification.channel == Channel.SUPPORTER_EMAIL
    assert "sam@example.org" not in str(notify_server.requests)
    assert "07700900999" not in str(notify_server.requests)
    assert mailoutbox == []


def test_a_supporter_with_a_mobile_number_gets_a_text(
    notify_server, test_message, run_after_commit
):
    recipient = Recipient(reply_by=ReplyBy.SUPPORTER, name="Ann", supporter_contact="07700 900 555")

    notification = run_after_commit(recipient, test_message)

    [request] = notify_server.sent("sms")
    assert request["json"]["phone_number"] == "07700 900555"
    assert request["json"]["personalisation"]["body"].startswith("This message is for Ann.")
    assert notification.channel == Channel.SUPPORTER_TEXT


def test_a_supporter_with_no_email_or_mobile_is_contacted_by_hand(
    notify_server, test_message, run_after_commit
):
    recipient = Recipient(
        reply_by=ReplyBy.SUPPORTER,
        name="Ann",
        supporter_name="Larkfield Advocacy",
        supporter_contact="01632 960001, ask for Jo",
    )

    notification = run_after_commit(recipient, test_message)

    assert notify_server.requests == []
    assert notification.status == Status.BY_HAND
    assert notification.address == "01632 960001, ask for Jo"
    assert "supporter" in notification.error


def test_a_phone_call_waits_for_an_officer_with_what_to_say(
    notify_server, test_message, run_after_commit
):
    user = member("phone", phone="01632 960001")

    notification = run_after_commit(Recipient.for_member(user), test_message)

    assert notify_server.requests == []
    assert notification.status == Status.BY_HAND
    assert notification.channel == Channel.BY_HAND
    assert notification.address == "01632 960001"
    assert "We have your feedback BH-2026-000123." in notification.body


def test_a_letter_waits_for_an_officer_when_notify_letters_are_not_set_up(
    notify_server, settings, test_message, run_after_commit
):
    settings.NOTIFY_LETTER_TEMPLATE_ID = ""
    user = member("post", postal_address="1 High Street\nLancaster\nLA1 1AA")

    notification = run_after_commit(Recipient.for_member(user), test_message)

    assert notify_server.requests == []
    assert notification.status == Status.BY_HAND
    assert notification.address_lines == ["Sam", "1 High Street", "Lancaster", "LA1 1AA"]
    assert "Dear Sam" in notification.body


def test_people_who_do_not_want_to_hear_are_sent_nothing(notify_server, test_message):
    assert send(Recipient(reply_by=ReplyBy.NOT_AT_ALL), test_message, CONTEXT) is None
    assert send(None, test_message, CONTEXT) is None
    assert Notification.objects.count() == 0


def test_without_a_key_text_messages_and_letters_go_to_the_console_and_are_recorded(
    settings, test_message, run_after_commit, capsys
):
    settings.NOTIFY_API_KEY = ""
    settings.NOTIFY_CONSOLE = True
    text = run_after_commit(
        Recipient(reply_by=ReplyBy.TEXT, name="Sam", phone="07700 900123"), test_message
    )
    letter = run_after_commit(
        Recipient(
            reply_by=ReplyBy.POST, name="Sam", address_lines=("1 High St", "Lancaster", "LA1 1AA")
        ),
        test_message,
    )

    printed = capsys.readouterr().out
    assert "We have your feedback BH-2026-000123." in printed
    assert "07700 900123" in printed
    assert "LA1 1AA" in printed
    for notification in (text, letter):
        assert notification.backend == Backend.CONSOLE
        assert notification.status == Status.SENT
        assert notification.notify_id == "console"


def test_in_production_without_a_key_they_wait_for_an_officer(
    settings, test_message, run_after_commit
):
    settings.NOTIFY_API_KEY = ""
    settings.NOTIFY_CONSOLE = False

    notification = run_after_commit(
        Recipient(reply_by=ReplyBy.TEXT, name="Sam", phone="07700 900123"), test_message
    )

    assert notification.status == Status.BY_HAND
    assert notification.address == "07700 900123"


def test_nothing_is_sent_before_the_transaction_commits_or_if_it_rolls_back(
    notify_server, test_message
):
    recipient = Recipient(reply_by=ReplyBy.TEXT, name="Sam", phone="07700 900123")

    class RolledBack(Exception):
        pass

    with pytest.raises(RolledBack), transaction.atomic():
        send(recipient, test_message, CONTEXT)
        assert notify_server.requests == []
        raise RolledBack

    assert notify_server.requests == []
    assert Notification.objects.count() == 0


def test_the_same_dedupe_key_sends_once(notify_server, test_message, run_after_commit):
    recipient = Recipient(reply_by=ReplyBy.TEXT, name="Sam", phone="07700 900123")

    first = run_after_commit(recipient, test_message, dedupe_key="receipt:1")
    second = run_after_commit(recipient, test_message, dedupe_key="receipt:1")

    assert first.pk == second.pk
    assert len(notify_server.requests) == 1


def test_messages_about_something_are_found_from_it(notify_server, test_message, run_after_commit):
    about = UserFactory()
    other = UserFactory()
    recipient = Recipient(reply_by=ReplyBy.TEXT, name="Sam", phone="07700 900123")
    mine = run_after_commit(recipient, test_message, about=about)
    run_after_commit(recipient, test_message, about=other)

    assert list(Notification.objects.about(about)) == [mine]


def test_a_real_receipt_goes_as_a_text_and_an_easy_read_large_print_letter(
    notify_server, django_capture_on_commit_callbacks
):
    """The messages' own templates (notifications.messages), through Notify's checks."""
    from boardhub.notifications import messages

    context = {
        **messages.get("feedback_receipt").sample_context(),
        "answers": [["A question", "My private answer"]],
    }
    text = Recipient(reply_by=ReplyBy.TEXT, name="Sam", phone="07700 900123")
    letter = Recipient(
        reply_by=ReplyBy.POST,
        name="Sam",
        address_lines=("1 High Street", "Lancaster", "LA1 1AA"),
        easy_read=True,
        large_print=True,
    )
    with django_capture_on_commit_callbacks(execute=True):
        sent_text = send(text, "feedback_receipt", context)
        sent_letter = send(letter, "feedback_receipt", context)

    [sms] = notify_server.sent("sms")
    [posted] = notify_server.sent("letter")
    assert context["reference"] in sms["json"]["personalisation"]["body"]
    assert posted["json"]["template_id"] == TEMPLATE["NOTIFY_LARGE_PRINT_LETTER_TEMPLATE_ID"]
    easy = messages.render("feedback_receipt", context, easy_read=True).letter
    assert posted["json"]["personalisation"]["body"] == easy
    for request in (sms, posted):
        assert "My private answer" not in str(request["json"])
    sent_text.refresh_from_db()
    sent_letter.refresh_from_db()
    assert sent_text.status == sent_letter.status == Status.SENT
    assert sent_letter.variant == Variant.LARGE_PRINT
