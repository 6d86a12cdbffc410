"""The "to contact" list: who may see it, what it shows, marking done once, the count."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import ModelLogEntry

from boardhub.demo.factories import UserFactory, activate_totp
from boardhub.feedback.waiting import waiting_work
from boardhub.notifications.choices import ReplyBy
from boardhub.notifications.models import Notification, Status
from boardhub.notifications.recipients import Recipient, address_lines_from
from boardhub.notifications.to_contact import to_contact_count

pytestmark = pytest.mark.django_db


def officer(client, group="Feedback handlers"):
    user = UserFactory()
    user.groups.add(Group.objects.get(name=group))
    activate_totp(user)
    client.force_login(user)
    return user


def by_hand(name="Sam", **fields):
    return Notification.objects.create(
        message_key="feedback_receipt",
        channel="by_hand",
        backend="officer",
        status=Status.BY_HAND,
        recipient_name=name,
        address="01632 960001",
        subject="We have your feedback",
        body="Tell them <we> have it.",
        error="They asked for a phone call.",
        **fields,
    )


def test_handlers_see_whom_how_and_what_to_say_in_bounded_queries(
    client, django_assert_max_num_queries
):
    officer(client)
    feedback_people = [UserFactory() for _ in range(3)]
    for number, about in enumerate(feedback_people):
        by_hand(name=f"Person {number}", about=about)
    Notification.objects.create(
        message_key="x",
        channel="text",
        backend="notify",
        status=Status.FAILED,
        recipient_name="Failed Fay",
        error="GOV.UK Notify would not send this text message",
    )
    Notification.objects.create(
        message_key="x",
        channel="text",
        backend="notify",
        status=Status.SENT,
        recipient_name="Sent Sid",
    )

    with django_assert_max_num_queries(25):
        response = client.get(reverse("to_contact:index"))

    content = response.content.decode()
    assert response.status_code == 200
    assert "Person 0" in content and "Person 2" in content
    assert "Failed Fay" in content
    assert "Sent Sid" not in content
    assert "01632 960001" in content
    assert "Tell them &lt;we&gt; have it." in content

    for _ in range(10):
        by_hand(about=UserFactory())
    with django_assert_max_num_queries(25):
        assert client.get(reverse("to_contact:index")).status_code == 200


def test_people_without_the_permission_are_refused(client):
    user = UserFactory()
    activate_totp(user)
    client.force_login(user)
    assert client.get(reverse("to_contact:index")).status_code in (302, 403)
    assert to_contact_count(user) is None


def test_mark_as_done_once_with_a_note_and_audit_log(client):
    user = officer(client, "Safeguarding")
    notification = by_hand()

    response = client.post(reverse("to_contact:done", args=[notification.pk]), {"note": "Called"})
    again = client.post(reverse("to_contact:done", args=[notification.pk]), {"note": "Twice"})

    assert response.status_code == 302 and again.status_code == 302
    notification.refresh_from_db()
    assert notification.status == Status.DONE
    assert notification.note == "Called"
    assert notification.handled_by == user
    [entry] = ModelLogEntry.objects.filter(action="notifications.contacted_by_hand")
    assert entry.user == user
    assert (
        "Nobody is waiting to be contacted by hand"
        in client.get(reverse("to_contact:index")).content.decode()
    )


def test_the_dashboard_counts_people_to_contact(client):
    user = officer(client)
    by_hand()
    by_hand()
    [item] = [item for item in waiting_work.for_user(user) if item.key == "to_contact"]
    assert item.text == "2 people to contact by hand"
    assert item.url == reverse("to_contact:index")


def test_how_to_contact_in_one_line():
    letter = Recipient(
        reply_by=ReplyBy.POST,
        address_lines=address_lines_from("1 High Street, la1 1aa"),
        large_print=True,
    )
    assert letter.how_to_contact() == "By letter to 1 High Street, LA1 1AA, in large print"
    supporter = Recipient(
        reply_by=ReplyBy.SUPPORTER,
        supporter_name="Jo",
        supporter_contact="jo@example.org",
        easy_read=True,
    )
    assert supporter.how_to_contact() == (
        "Through their supporter, Jo, at jo@example.org. Do not contact them directly, in easy read"
    )
    assert Recipient(reply_by=ReplyBy.TEXT, phone="07700 900123").how_to_contact() == (
        "By text message to 07700 900123"
    )


def test_erasing_a_person_deletes_their_messages():
    from boardhub.privacy.registry import registry

    person = UserFactory()
    Notification.objects.create(
        message_key="x", channel="email", backend="email", recipient_user=person
    )
    link = registry.get(Notification, "recipient_user")
    link.erase_rows(person)
    assert not Notification.objects.filter(recipient_user=person).exists()


def test_a_persons_messages_are_in_their_data_download():
    from boardhub.privacy.registry import registry

    person = UserFactory()
    Notification.objects.create(
        message_key="x",
        channel="text",
        backend="notify",
        recipient_user=person,
        address="07700 900123",
        body="We have your feedback.",
        status=Status.SENT,
    )
    link = registry.get(Notification, "recipient_user")
    [record] = link.export(link.rows_for(person))
    shown = {item.key: item.display for item in record}
    assert shown["address"] == "07700 900123"
    assert shown["body"] == "We have your feedback."
    assert shown["channel"] == "Text message"
