"""Linking responses to changes: the response's status and history, its author's email, the
wait for a draft to be published, linking twice, unlinking, and the audit log."""

import datetime
import threading

import pytest
from django.db import connections
from django.utils import timezone
from wagtail.models import ModelLogEntry

from boardhub.consultations.models import FeedbackStatus
from boardhub.demo.factories import ChangeRecordFactory, FeedbackFactory, UserFactory
from boardhub.feedback import handling
from boardhub.impact import linking
from boardhub.impact.models import ChangeFeedbackLink, ChangeRecord
from boardhub.members.choices import ContactMethod
from boardhub.members.models import MemberProfile

pytestmark = pytest.mark.django_db

WHAT_MY_FEEDBACK_CHANGED = "/account/what-my-feedback-changed/"


def log_entries(instance, action):
    return ModelLogEntry.objects.filter(
        object_id=str(instance.pk),
        content_type__model=instance._meta.model_name,
        action=action,
    )


def publish(change, user=None):
    change.save_revision(user=user).publish(user=user)


# Linking to a published change


def test_linking_moves_the_response_on_keeps_it_in_its_history_and_emails_its_author(
    sent, change, consultation, member, handler
):
    feedback = FeedbackFactory(page=consultation, member=member)

    emails = sent(lambda: linking.link(change, feedback, handler, note="Thank you, Sam."))

    feedback.refresh_from_db()
    assert feedback.status == FeedbackStatus.SHAPED_A_CHANGE
    step = feedback.status_changes.get()
    assert (step.from_status, step.to_status, step.changed_by) == (
        FeedbackStatus.RECEIVED,
        FeedbackStatus.SHAPED_A_CHANGE,
        handler,
    )
    assert "Evening home care visits" in step.note_to_author
    assert "Thank you, Sam." in step.note_to_author
    assert [email.to for email in emails] == [[member.email]]
    email = emails[0]
    html = email.alternatives[0][0]
    for body in (email.body, html):
        assert "helped the council to change something" in body
        assert "Evening home care visits" in body
        assert "Visits can now be booked up to 9pm." in body
        assert WHAT_MY_FEEDBACK_CHANGED in body
    assert feedback.reference in email.subject
    made = ChangeFeedbackLink.objects.get()
    assert made.status_before == FeedbackStatus.RECEIVED
    assert made.announced_at is not None
    assert made.linked_by == handler


@pytest.mark.parametrize(
    ("contact_method", "notify"),
    [(ContactMethod.EMAIL, False), (ContactMethod.PHONE, True)],
)
def test_a_member_who_does_not_want_emails_is_not_emailed(
    sent, change, consultation, member, handler, contact_method, notify
):
    MemberProfile.objects.create(
        user=member,
        contact_method=contact_method,
        notify_feedback_updates=notify,
        phone="01632 960 001",  # a landline: a phone call, by hand, not an email
    )
    feedback = FeedbackFactory(page=consultation, member=member)

    emails = sent(lambda: linking.link(change, feedback, handler))

    feedback.refresh_from_db()
    assert feedback.status == FeedbackStatus.SHAPED_A_CHANGE
    assert emails == []


def test_nobody_is_emailed_about_an_anonymous_response(sent, change, consultation, handler):
    feedback = FeedbackFactory(page=consultation)

    emails = sent(lambda: linking.link(change, feedback, handler))

    feedback.refresh_from_db()
    assert feedback.status == FeedbackStatus.SHAPED_A_CHANGE
    assert emails == []


def test_linking_is_in_the_audit_log_of_both_the_change_and_the_response(
    change, consultation, handler
):
    feedback = FeedbackFactory(page=consultation)

    linking.link(change, feedback, handler)

    on_change = log_entries(change, linking.LINKED).get()
    on_feedback = log_entries(feedback, linking.LINKED).get()
    assert on_change.user == on_feedback.user == handler
    assert feedback.reference in on_change.message
    assert "Evening home care visits" in on_feedback.message


# A draft change


def test_a_response_linked_to_a_draft_waits_until_the_change_is_published(
    sent, draft_change, consultation, member, handler, moderator_handler
):
    feedback = FeedbackFactory(page=consultation, member=member)

    emails = sent(lambda: linking.link(draft_change, feedback, handler))

    feedback.refresh_from_db()
    assert emails == []
    assert feedback.status == FeedbackStatus.RECEIVED
    assert not feedback.status_changes.exists()
    assert ChangeFeedbackLink.objects.get().announced_at is None

    emails = sent(lambda: publish(draft_change, moderator_handler))

    feedback.refresh_from_db()
    assert feedback.status == FeedbackStatus.SHAPED_A_CHANGE
    assert feedback.status_changes.get().to_status == FeedbackStatus.SHAPED_A_CHANGE
    assert [email.to for email in emails] == [[member.email]]
    assert "Carers who speak your language" in emails[0].body
    assert ChangeFeedbackLink.objects.get().announced_at is not None


def test_publishing_again_tells_nobody_twice(
    sent, draft_change, consultation, member, handler, moderator_handler
):
    feedback = FeedbackFactory(page=consultation, member=member)
    linking.link(draft_change, feedback, handler)
    publish(draft_change, moderator_handler)

    emails = sent(lambda: publish(ChangeRecord.objects.get(), moderator_handler))

    assert emails == []
    assert feedback.status_changes.count() == 1


def test_the_published_text_names_the_change_not_a_later_draft(
    sent, change, consultation, member, handler
):
    """A draft edit of a live change is not public yet, so the email must not quote it."""
    change.title = "A new title still in draft"
    change.save_revision(user=handler)
    feedback = FeedbackFactory(page=consultation, member=member)

    emails = sent(lambda: linking.link(change, feedback, handler))

    assert "Evening home care visits" in emails[0].body
    assert "A new title still in draft" not in emails[0].body


def test_a_change_scheduled_to_go_live_later_waits_until_then(
    sent, draft_change, consultation, member, handler, moderator_handler
):
    feedback = FeedbackFactory(page=consultation, member=member)
    linking.link(draft_change, feedback, handler)
    draft_change.go_live_at = timezone.now() + datetime.timedelta(days=7)

    emails = sent(lambda: publish(draft_change, moderator_handler))

    assert not ChangeRecord.objects.get(pk=draft_change.pk).live
    assert emails == []
    feedback.refresh_from_db()
    assert feedback.status == FeedbackStatus.RECEIVED


# Linking twice


def test_linking_the_same_response_twice_keeps_one_link_and_tells_them_once(
    sent, change, consultation, member, handler, safeguarder
):
    feedback = FeedbackFactory(page=consultation, member=member)

    def link_twice():
        first = linking.link(change, feedback, handler, note="First")
        second = linking.link(change, feedback, safeguarder, note="Second")
        return first, second

    emails = sent(link_twice)

    made = ChangeFeedbackLink.objects.get()
    assert (made.note, made.linked_by) == ("First", handler)
    assert len(emails) == 1
    assert feedback.status_changes.count() == 1
    assert log_entries(change, linking.LINKED).count() == 1


# Threads need real commits, so a transactional test (see tests/consultations for why it
# keeps its serialized rollback).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_officers_linking_the_same_response_at_once_store_one_link(
    change, consultation, handler, safeguarder
):
    feedback = FeedbackFactory(page=consultation)
    barrier = threading.Barrier(2)
    results, errors = [], []

    def link_as(officer):
        try:
            barrier.wait()
            results.append(linking.link(change, feedback, officer))
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()  # this thread's own connection

    threads = [
        threading.Thread(target=link_as, args=[officer]) for officer in (handler, safeguarder)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert not errors
    made = ChangeFeedbackLink.objects.get()
    assert {result.pk for result in results} == {made.pk}
    assert sorted(result.is_new for result in results) == [False, True]
    assert feedback.status_changes.count() == 1


def test_a_response_that_shaped_a_change_already_keeps_its_status_and_hears_of_the_next(
    sent, change, consultation, member, handler
):
    feedback = FeedbackFactory(page=consultation, member=member)
    linking.link(change, feedback, handler)
    another = ChangeRecordFactory(title="Shorter waits for a carer")

    emails = sent(lambda: linking.link(another, feedback, handler))

    assert feedback.status_changes.count() == 1
    assert [email.to for email in emails] == [[member.email]]
    assert "Shorter waits for a carer" in emails[0].body
    second = ChangeFeedbackLink.objects.get(change=another)
    assert second.announced_at is not None
    assert second.status_before == FeedbackStatus.RECEIVED


# Unlinking


def test_unlinking_the_only_change_puts_the_status_back_and_says_so(
    change, consultation, member, handler
):
    feedback = FeedbackFactory(page=consultation, member=member)
    handling.change_status(feedback, FeedbackStatus.ACKNOWLEDGED, handler)
    made = linking.link(change, feedback, handler)

    linking.unlink(made, handler)

    feedback.refresh_from_db()
    assert feedback.status == FeedbackStatus.ACKNOWLEDGED
    last = feedback.status_changes.last()
    assert (last.from_status, last.to_status) == (
        FeedbackStatus.SHAPED_A_CHANGE,
        FeedbackStatus.ACKNOWLEDGED,
    )
    assert "no longer listed" in last.note_to_author
    assert "Evening home care visits" in last.note_to_author
    assert not ChangeFeedbackLink.objects.exists()


def test_unlinking_keeps_the_status_while_another_published_change_holds_it(
    change, consultation, handler
):
    feedback = FeedbackFactory(page=consultation)
    first = linking.link(change, feedback, handler)
    linking.link(ChangeRecordFactory(), feedback, handler)

    linking.unlink(first, handler)

    feedback.refresh_from_db()
    assert feedback.status == FeedbackStatus.SHAPED_A_CHANGE
    assert feedback.status_changes.count() == 1


def test_the_last_of_two_unlinked_puts_back_the_status_from_before_the_first(
    change, consultation, handler
):
    feedback = FeedbackFactory(page=consultation)
    handling.change_status(feedback, FeedbackStatus.BEING_CONSIDERED, handler)
    first = linking.link(change, feedback, handler)
    second = linking.link(ChangeRecordFactory(), feedback, handler)

    linking.unlink(first, handler)
    linking.unlink(second, handler)

    feedback.refresh_from_db()
    assert feedback.status == FeedbackStatus.BEING_CONSIDERED


def test_a_link_to_a_draft_does_not_hold_the_status(change, draft_change, consultation, handler):
    feedback = FeedbackFactory(page=consultation)
    published_link = linking.link(change, feedback, handler)
    linking.link(draft_change, feedback, handler)

    linking.unlink(published_link, handler)

    feedback.refresh_from_db()
    assert feedback.status == FeedbackStatus.RECEIVED


def test_unlinking_from_a_draft_leaves_the_status_alone(draft_change, consultation, handler):
    feedback = FeedbackFactory(page=consultation)
    handling.change_status(feedback, FeedbackStatus.SHAPED_A_CHANGE, handler)
    made = linking.link(draft_change, feedback, handler)

    linking.unlink(made, handler)

    feedback.refresh_from_db()
    assert feedback.status == FeedbackStatus.SHAPED_A_CHANGE


def test_a_response_with_no_earlier_status_goes_back_to_being_thought_about(
    change, consultation, handler
):
    feedback = FeedbackFactory(page=consultation)
    made = linking.link(change, feedback, handler)
    ChangeFeedbackLink.objects.filter(pk=made.pk).update(status_before="")
    made.refresh_from_db()

    linking.unlink(made, handler)

    feedback.refresh_from_db()
    assert feedback.status == FeedbackStatus.BEING_CONSIDERED


def test_unlinking_is_in_the_audit_log_of_both_sides(change, consultation, handler):
    feedback = FeedbackFactory(page=consultation)
    made = linking.link(change, feedback, handler)

    linking.unlink(made, handler)

    on_change = log_entries(change, linking.UNLINKED).get()
    on_feedback = log_entries(feedback, linking.UNLINKED).get()
    assert on_change.user == on_feedback.user == handler
    assert f"Unlinked: {feedback.reference}" == on_change.message


def test_the_author_is_emailed_when_unlinking_moves_their_response_back(
    sent, change, consultation, handler
):
    member = UserFactory(verified=True)
    feedback = FeedbackFactory(page=consultation, member=member)
    made = linking.link(change, feedback, handler)

    emails = sent(lambda: linking.unlink(made, handler))

    assert [email.to for email in emails] == [[member.email]]
    assert "no longer listed" in emails[0].body


def test_deleting_a_change_unlinks_its_responses_and_puts_their_status_back(
    change, consultation, handler
):
    feedback = FeedbackFactory(page=consultation)
    linking.link(change, feedback, handler)

    change.delete()

    feedback.refresh_from_db()
    assert feedback.status == FeedbackStatus.RECEIVED
    assert "no longer listed" in feedback.status_changes.last().note_to_author
    assert log_entries(feedback, linking.UNLINKED).exists()
