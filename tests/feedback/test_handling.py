"""The lifecycle of a response: statuses with a history and an audit trail, themes, notes,
safeguarding flags, and when a response counts as overdue."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.models import ModelLogEntry

from boardhub.consultations.models import Feedback, FeedbackStatus
from boardhub.demo.factories import FeedbackFactory
from boardhub.feedback import deadlines, handling
from boardhub.feedback.models import FeedbackTheme, StatusChange, Theme

pytestmark = pytest.mark.django_db


def test_the_usual_themes_are_there_from_the_start():
    assert set(Theme.objects.values_list("name", flat=True)) >= {
        "Waiting times",
        "Communication",
        "Information",
        "Access",
        "Money",
    }


def test_changing_the_status_keeps_the_history_and_writes_the_audit_log(feedback, handler):
    handling.change_status(feedback, FeedbackStatus.ACKNOWLEDGED, handler)
    handling.change_status(
        feedback, FeedbackStatus.SHAPED_A_CHANGE, handler, note="We now phone you first."
    )

    feedback.refresh_from_db()
    assert feedback.status == FeedbackStatus.SHAPED_A_CHANGE
    history = list(StatusChange.objects.filter(feedback=feedback))
    assert [(c.from_status, c.to_status) for c in history] == [
        ("received", "acknowledged"),
        ("acknowledged", "shaped_a_change"),
    ]
    assert history[1].note_to_author == "We now phone you first."
    assert history[1].changed_by == handler
    entries = ModelLogEntry.objects.filter(
        object_id=str(feedback.pk), action=handling.STATUS_CHANGED
    )
    assert entries.count() == 2
    assert entries.first().user == handler


def test_not_taken_forward_needs_a_reason(feedback, handler):
    with pytest.raises(ValidationError) as error:
        handling.change_status(feedback, FeedbackStatus.NOT_TAKEN_FORWARD, handler, note="  ")

    assert "Write the reason" in str(error.value)
    feedback.refresh_from_db()
    assert feedback.status == FeedbackStatus.RECEIVED
    assert not StatusChange.objects.exists()

    handling.change_status(
        feedback, FeedbackStatus.NOT_TAKEN_FORWARD, handler, note="It costs too much this year."
    )
    feedback.refresh_from_db()
    assert feedback.status == FeedbackStatus.NOT_TAKEN_FORWARD


def test_a_theme_is_added_once(feedback, handler):
    money = Theme.objects.get(name="Money")

    assert handling.add_theme(feedback, money, handler) is True
    assert handling.add_theme(feedback, money, handler) is False
    assert FeedbackTheme.objects.filter(feedback=feedback).count() == 1


def test_only_the_safeguarding_group_sees_a_flagged_response(
    feedback, handler, safeguarder, editor
):
    other = FeedbackFactory(page=feedback.page)
    handling.flag_for_safeguarding(feedback, "They may be at risk.", handler)

    assert list(handling.feedback_for_user(handler)) == [other]
    assert set(handling.feedback_for_user(safeguarder)) == {feedback, other}
    assert not handling.feedback_for_user(editor).exists()


def _sent_on(feedback, when):
    Feedback.objects.filter(pk=feedback.pk).update(submit_time=when)


def at(year, month, day, hour=12):
    return timezone.make_aware(datetime.datetime(year, month, day, hour))


def test_overdue_counts_working_days_only(consultation):
    # Monday 2 March 2026. Five working days later is Monday 9 March.
    monday = FeedbackFactory(page=consultation)
    _sent_on(monday, at(2026, 3, 2))
    # Friday 6 March: five working days later is Friday 13 March.
    friday = FeedbackFactory(page=consultation)
    _sent_on(friday, at(2026, 3, 6))
    read = FeedbackFactory(page=consultation, status=FeedbackStatus.ACKNOWLEDGED)
    _sent_on(read, at(2026, 2, 2))

    def late_on(when):
        with time_machine.travel(when, tick=False):
            return set(deadlines.overdue(Feedback.objects.all()))

    assert late_on(at(2026, 3, 9, 17)) == set()  # Monday's response is due today
    assert late_on(at(2026, 3, 10, 9)) == {monday}
    assert late_on(at(2026, 3, 13, 17)) == {monday}  # Friday's is due today
    assert late_on(at(2026, 3, 14, 9)) == {monday, friday}
