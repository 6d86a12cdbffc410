"""Keeping in touch: the member is told when their response moves, officers see overdue
responses on their dashboard, and feedback handlers get a daily digest of counts."""

import datetime
import re

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.utils import timezone

from boardhub.consultations.models import Feedback, FeedbackStatus
from boardhub.demo.factories import FeedbackFactory, UserFactory
from boardhub.feedback import handling
from boardhub.members.choices import ContactMethod
from boardhub.members.models import MemberProfile
from tests.feedback.conftest import XSS

pytestmark = pytest.mark.django_db


@pytest.fixture
def member():
    return UserFactory(verified=True, display_name="Sam")


def sent_days_ago(feedback, days):
    Feedback.objects.filter(pk=feedback.pk).update(
        submit_time=timezone.now() - datetime.timedelta(days=days)
    )


# The member is told when their response moves


def test_the_member_is_emailed_what_it_was_what_it_is_and_the_note(
    sent, consultation, member, handler
):
    feedback = FeedbackFactory(page=consultation, member=member)

    emails = sent(
        lambda: handling.change_status(
            feedback, FeedbackStatus.NOT_TAKEN_FORWARD, handler, note="We have no money for it."
        )
    )

    assert len(emails) == 1
    email = emails[0]
    assert email.to == [member.email]
    assert feedback.reference in email.subject
    assert "Care at home" in email.subject
    assert "Before, it said: Received" in email.body
    assert "Now it says: Not taken forward" in email.body
    assert "We have no money for it." in email.body
    assert f"/account/feedback/{feedback.reference}/" in email.body
    html = email.alternatives[0][0]
    assert re.search(rf'href="https?://[^"]+/account/feedback/{feedback.reference}/"', html)
    assert handler.email not in email.body + html


def test_no_email_until_the_change_commits(
    consultation, member, handler, mailoutbox, django_capture_on_commit_callbacks
):
    feedback = FeedbackFactory(page=consultation, member=member)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        handling.change_status(feedback, FeedbackStatus.ACKNOWLEDGED, handler)
    assert mailoutbox == []
    for callback in callbacks:
        callback()
    assert [email.to for email in mailoutbox] == [[member.email]]


def test_a_note_is_inert_in_the_email(sent, consultation, member, handler):
    feedback = FeedbackFactory(page=consultation, member=member)
    emails = sent(
        lambda: handling.change_status(feedback, FeedbackStatus.ACKNOWLEDGED, handler, note=XSS)
    )
    html = emails[0].alternatives[0][0]
    assert "<script>alert(1)</script>" not in html
    assert "<img src=x" not in html


def test_internal_notes_are_never_emailed(sent, consultation, member, handler):
    feedback = FeedbackFactory(page=consultation, member=member)
    handling.add_note(feedback, "Internal: ring the provider", handler)
    emails = sent(lambda: handling.change_status(feedback, FeedbackStatus.ACKNOWLEDGED, handler))
    assert "Internal" not in emails[0].body + emails[0].alternatives[0][0]


@pytest.mark.parametrize(
    ("contact_method", "notify", "told"),
    [
        (ContactMethod.EMAIL, True, True),
        (ContactMethod.EMAIL, False, False),
        (ContactMethod.PHONE, True, False),
        (ContactMethod.SUPPORTER, True, False),
    ],
)
def test_the_members_choices_decide(
    sent, consultation, member, handler, contact_method, notify, told
):
    MemberProfile.objects.create(
        user=member,
        contact_method=contact_method,
        notify_feedback_updates=notify,
        phone="01632 960 001",  # a landline: a phone call, by hand, not an email
    )
    feedback = FeedbackFactory(page=consultation, member=member)
    emails = sent(lambda: handling.change_status(feedback, FeedbackStatus.ACKNOWLEDGED, handler))
    assert len(emails) == (1 if told else 0)


def test_a_member_without_a_profile_is_emailed(sent, consultation, member, handler):
    assert not MemberProfile.objects.filter(user=member).exists()
    feedback = FeedbackFactory(page=consultation, member=member)
    emails = sent(lambda: handling.change_status(feedback, FeedbackStatus.ACKNOWLEDGED, handler))
    assert [email.to for email in emails] == [[member.email]]


def test_nobody_is_told_about_an_anonymous_response(sent, feedback, handler):
    emails = sent(lambda: handling.change_status(feedback, FeedbackStatus.ACKNOWLEDGED, handler))
    assert emails == []


def test_the_bulk_acknowledge_tells_each_member(client, sent, consultation, handler):
    members = [UserFactory(), UserFactory()]
    responses = [FeedbackFactory(page=consultation, member=person) for person in members]
    client.force_login(handler)
    ids = "&".join(f"id={feedback.pk}" for feedback in responses)
    url = f"/admin/bulk/consultations/feedback/acknowledge/?next=/admin/feedback/&{ids}"

    emails = sent(lambda: client.post(url))

    assert sorted(email.to[0] for email in emails) == sorted(person.email for person in members)


# Overdue on the officers' dashboard


def test_the_dashboard_shows_handlers_how_many_are_overdue(client, consultation, handler):
    for __ in range(2):
        sent_days_ago(FeedbackFactory(page=consultation), 30)
    FeedbackFactory(page=consultation)  # not late yet
    client.force_login(handler)

    content = client.get("/admin/").content.decode()

    assert "2 responses overdue" in content
    assert 'href="/admin/feedback/?overdue=true"' in content


def test_the_overdue_link_lists_only_overdue_responses(client, consultation, handler):
    late = FeedbackFactory(page=consultation)
    sent_days_ago(late, 30)
    recent = FeedbackFactory(page=consultation)
    client.force_login(handler)

    content = client.get("/admin/feedback/?overdue=true").content.decode()

    assert late.reference in content
    assert recent.reference not in content


def test_the_dashboard_says_when_none_are_overdue(client, handler):
    client.force_login(handler)
    assert "No responses are overdue" in client.get("/admin/").content.decode()


def test_editors_do_not_see_the_panel(client, editor, consultation):
    sent_days_ago(FeedbackFactory(page=consultation), 30)
    client.force_login(editor)
    content = client.get("/admin/").content.decode()
    assert "overdue" not in content


# The daily digest


def test_the_digest_counts_new_responses_per_consultation_without_answers_or_names(
    sent, consultation, handler, safeguarder, editor
):
    person = UserFactory(email="member.secret@example.org")
    for __ in range(2):
        FeedbackFactory(
            page=consultation,
            member=person,
            form_data={"what_works_well_for_you": "SECRET ANSWER TEXT"},
        )
    sent_days_ago(FeedbackFactory(page=consultation), 30)  # old, and overdue
    also_handler = UserFactory()
    also_handler.user_permissions.add(Permission.objects.get(codename="handle_feedback"))
    UserFactory(is_active=False).groups.set(handler.groups.all())

    emails = sent(lambda: call_command("send_feedback_digest", verbosity=0))

    assert sorted(email.to[0] for email in emails) == sorted(
        [handler.email, safeguarder.email, also_handler.email]
    )
    email = emails[0]
    html = email.alternatives[0][0]
    assert "Care at home: 2 new" in email.body
    assert "Overdue (not read within the time we promise): 1" in email.body
    assert f"/admin/feedback/?consultation={consultation.pk}" in email.body
    assert "/admin/feedback/?overdue=true" in html
    for text in (email.subject, email.body, html):
        assert "SECRET ANSWER TEXT" not in text
        assert "member.secret" not in text
        assert "The carers are kind." not in text


def test_no_digest_when_nothing_is_new(sent, consultation, handler):
    sent_days_ago(FeedbackFactory(page=consultation), 30)
    emails = sent(lambda: call_command("send_feedback_digest", verbosity=0))
    assert emails == []


def test_consultation_titles_are_inert_in_the_digest(sent, handler, consultation):
    consultation.title = XSS
    consultation.save()
    FeedbackFactory(page=consultation)
    emails = sent(lambda: call_command("send_feedback_digest", verbosity=0))
    html = emails[0].alternatives[0][0]
    assert "<script>alert(1)</script>" not in html
