"""Members who asked are told when a consultation opens to them: once each, through their own
channel, after the transaction that opened it commits; the periodic command tells nobody
twice; choosing whom to tell costs the same few queries for 200 members as for one."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import PageViewRestriction

from boardhub.consultations.announcements import announce, tell_members
from boardhub.consultations.models import ConsultationAnnouncement
from boardhub.demo.factories import ConsultationPageFactory, UserFactory
from boardhub.members.models import MemberProfile, User
from boardhub.notifications.models import Notification

pytestmark = pytest.mark.django_db


def member(email, **profile):
    user = UserFactory(email=email, display_name=email.split("@")[0].title())
    MemberProfile.objects.create(user=user, **profile)
    return user


def opening_later(index, **kwargs):
    now = timezone.now()
    return ConsultationPageFactory(
        parent=index,
        title="Getting to your GP",
        opens_at=now + timedelta(days=2),
        closes_at=now + timedelta(days=20),
        **kwargs,
    )


def told_about(page):
    return Notification.objects.about(page).filter(message_key="consultation_opened")


def test_publishing_an_open_consultation_tells_each_member_once_after_commit(
    index, mailoutbox, django_capture_on_commit_callbacks
):
    sam = member("sam@example.org")
    page = ConsultationPageFactory(parent=index, title="Getting to your GP", live=False)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        page.save_revision().publish()
        # Nothing is told inside the transaction that published it.
        assert not told_about(page).exists()
        assert mailoutbox == []
    assert callbacks

    with django_capture_on_commit_callbacks(execute=True):
        for callback in callbacks:
            callback()

    [notification] = told_about(page)
    assert notification.recipient_user == sam
    assert notification.channel == "email"
    [email] = mailoutbox
    assert email.to == ["sam@example.org"]
    assert "Getting to your GP" in email.subject
    assert page.full_url in email.body

    # Publishing it again tells nobody again.
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert told_about(page).count() == 1
    assert len(mailoutbox) == 1


def test_each_member_is_told_through_their_own_channel(
    settings, index, notify_server, mailoutbox, django_capture_on_commit_callbacks
):
    member("text@example.org", contact_method="text", phone="07700 900123")
    member(
        "letter@example.org",
        contact_method="post",
        postal_address="1 High Street\nLarkfield\nLA1 1AA",
        formats=["large_print"],
    )
    page = opening_later(index)

    with django_capture_on_commit_callbacks(execute=True):
        ConsultationPageFactory._meta.model.objects.filter(pk=page.pk).update(
            opens_at=timezone.now() - timedelta(minutes=1)
        )
        call_command("announce_open_consultations", verbosity=0)

    [text] = notify_server.sent("sms")
    assert text["json"]["phone_number"].replace(" ", "") in ("07700900123", "+447700900123")
    [letter] = notify_server.sent("letter")
    lines = letter["json"]["personalisation"]
    assert [lines[f"address_line_{n}"] for n in (2, 3, 4)] == [
        "1 High Street",
        "Larkfield",
        "LA1 1AA",
    ]
    # They asked for large print: the large-print letter template.
    assert letter["json"]["template_id"] == settings.NOTIFY_LARGE_PRINT_LETTER_TEMPLATE_ID
    assert "Getting to your GP" in lines["body"]
    # Nobody who asked for a text or a letter is emailed instead.
    assert mailoutbox == []
    channels = sorted(told_about(page).values_list("channel", flat=True))
    assert channels == ["letter", "text"]


def test_members_who_said_no_are_not_told(index, mailoutbox, django_capture_on_commit_callbacks):
    member("yes@example.org")
    member("no@example.org", notify_new_consultations=False)
    inactive = member("gone@example.org")
    User.objects.filter(pk=inactive.pk).update(is_active=False)
    UserFactory(email="officer@example.org")  # an account with no member's profile

    with django_capture_on_commit_callbacks(execute=True):
        page = ConsultationPageFactory(parent=index, live=False)
        page.save_revision().publish()

    assert [email.to for email in mailoutbox] == [["yes@example.org"]]
    assert list(told_about(page).values_list("recipient_user__email", flat=True)) == [
        "yes@example.org"
    ]


def test_a_consultation_restricted_to_a_group_reaches_only_that_groups_members(
    index, mailoutbox, django_capture_on_commit_callbacks
):
    panel = Group.objects.create(name="Carers' panel")
    inside = member("inside@example.org")
    inside.groups.add(panel)
    member("outside@example.org")
    page = ConsultationPageFactory(parent=index, audience="members", live=False)
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(panel)
    shared = ConsultationPageFactory(parent=index, live=False, title="Shared password")
    PageViewRestriction.objects.create(
        page=shared, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )

    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
        shared.save_revision().publish()

    assert [email.to for email in mailoutbox] == [["inside@example.org"]]
    assert not told_about(shared).exists()


def test_a_members_only_consultation_reaches_members_only(
    index, mailoutbox, django_capture_on_commit_callbacks
):
    member("member@example.org")
    UserFactory(email="no-profile@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        page = ConsultationPageFactory(parent=index, audience="members", live=False)
        page.save_revision().publish()
    assert [email.to for email in mailoutbox] == [["member@example.org"]]


def test_the_command_tells_members_when_the_opening_time_comes_and_twice_sends_once(
    index, mailoutbox, django_capture_on_commit_callbacks
):
    member("sam@example.org")
    page = opening_later(index)

    with django_capture_on_commit_callbacks(execute=True):
        call_command("announce_open_consultations", verbosity=0)
    assert mailoutbox == []  # not open yet: nobody is told

    type(page).objects.filter(pk=page.pk).update(opens_at=timezone.now() - timedelta(minutes=1))
    for __ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            call_command("announce_open_consultations", verbosity=0)
    # The task running again (a worker retrying it) sends nothing more either.
    tell_members.call(page.pk)

    assert len(mailoutbox) == 1
    assert told_about(page).count() == 1
    assert ConsultationAnnouncement.objects.get().told_at is not None


def test_a_closed_or_unpublished_consultation_is_not_announced(index, mailoutbox):
    member("sam@example.org")
    now = timezone.now()
    closed = ConsultationPageFactory(
        parent=index, opens_at=now - timedelta(days=20), closes_at=now - timedelta(days=1)
    )
    draft = ConsultationPageFactory(parent=index, live=False)
    assert announce(closed) == 0
    assert announce(draft) == 0
    assert not ConsultationAnnouncement.objects.exists()


def test_choosing_whom_to_tell_costs_the_same_queries_for_200_members(
    index, mailoutbox, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    users = User.objects.bulk_create(
        [User(email=f"member{n}@example.org", display_name=f"Member {n}") for n in range(200)]
    )
    MemberProfile.objects.bulk_create([MemberProfile(user=user) for user in users])
    page = ConsultationPageFactory(parent=index)

    with (
        django_capture_on_commit_callbacks(execute=False) as callbacks,
        django_assert_max_num_queries(8),
    ):
        assert announce(page) == 200
    assert ConsultationAnnouncement.objects.filter(consultation=page).count() == 200

    # The sending happens in the background task, one message each, never twice.
    with django_capture_on_commit_callbacks(execute=True):
        for callback in callbacks:
            callback()
    assert told_about(page).count() == 200
    assert len(mailoutbox) == 200
    assert len({tuple(email.to) for email in mailoutbox}) == 200


def test_members_a_stopped_task_did_not_reach_are_told_on_the_next_run(
    index, mailoutbox, django_capture_on_commit_callbacks
):
    member("sam@example.org")
    member("pat@example.org")
    page = ConsultationPageFactory(parent=index)
    with django_capture_on_commit_callbacks(execute=False):
        announce(page)  # the rows are made, but the task never ran (the worker stopped)
    assert mailoutbox == []

    with django_capture_on_commit_callbacks(execute=True):
        call_command("announce_open_consultations", verbosity=0)

    assert sorted(email.to[0] for email in mailoutbox) == ["pat@example.org", "sam@example.org"]
    assert not ConsultationAnnouncement.objects.filter(told_at__isnull=True).exists()
