"""The action log: every promise made at a board meeting, who owns it, by when, and what
happened. "Overdue" is worked out from the dates each time it is read, never stored."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.search import index


class ActionStatus(models.TextChoices):
    OPEN = "open", "Open"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    DROPPED = "dropped", "Dropped"


FINISHED = (ActionStatus.DONE, ActionStatus.DROPPED)


class ActionQuerySet(models.QuerySet):
    def overdue(self, today=None):
        today = today or timezone.localdate()
        return self.filter(due_on__lt=today).exclude(status__in=FINISHED)

    def public(self):
        """Actions from public meetings that are live."""
        return self.filter(meeting__live=True, meeting__audience="public")

    def with_timeliness(self, today=None):
        """Each action with `is_overdue`, `done_on_time` and `done_late`, from the dates."""
        today = today or timezone.localdate()
        not_finished = ~Q(status__in=FINISHED)
        return self.annotate(
            is_overdue=Case(
                When(not_finished & Q(due_on__lt=today), then=Value(True)),
                default=Value(False),
            ),
            done_on_time=Case(
                When(status=ActionStatus.DONE, done_on__lte=F("due_on"), then=Value(True)),
                default=Value(False),
            ),
            done_late=Case(
                When(status=ActionStatus.DONE, done_on__gt=F("due_on"), then=Value(True)),
                default=Value(False),
            ),
        )


class Action(index.Indexed, ClusterableModel):
    """One promise made at a meeting, owned by a partner."""

    promise = models.TextField(
        "what was promised",
        max_length=1000,
        help_text="In plain English, as the board would say it. Shown to everyone.",
    )
    owner = models.ForeignKey(
        "meetings.Partner",
        on_delete=models.PROTECT,
        related_name="actions",
        help_text="The organisation that promised it.",
    )
    meeting = models.ForeignKey(
        "meetings.MeetingPage",
        on_delete=models.PROTECT,
        related_name="actions",
        help_text="The meeting it was promised at.",
    )
    due_on = models.DateField("due by")
    status = models.CharField(max_length=12, choices=ActionStatus.choices, default="open")
    done_on = models.DateField("date done", null=True, blank=True)
    dropped_reason = models.TextField(
        "why it was dropped",
        max_length=1000,
        blank=True,
        help_text="Needed when it is dropped. Shown to everyone.",
    )
    change = models.ForeignKey(
        "impact.ChangeRecord",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="promised_actions",
        verbose_name="the change it led to",
        help_text='Optional, once it is done: the "you said, we did" change it led to.',
    )

    objects = ActionQuerySet.as_manager()

    panels = [
        FieldPanel("promise"),
        FieldPanel("owner"),
        FieldPanel("meeting"),
        FieldPanel("due_on"),
        FieldPanel("status"),
        FieldPanel("done_on"),
        FieldPanel("dropped_reason"),
        FieldPanel("change"),
        InlinePanel("updates", heading="Progress updates", label="update"),
    ]

    search_fields = [
        index.SearchField("promise"),
        index.AutocompleteField("promise"),
        index.FilterField("status"),
    ]

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self):
        return self.promise[:80]

    def clean(self):
        super().clean()
        errors = {}
        meeting_day = self.meeting.starts_at and timezone.localdate(self.meeting.starts_at)
        if self.meeting_id and self.due_on and meeting_day and self.due_on < meeting_day:
            errors["due_on"] = "The date it is due cannot be before the meeting it was promised at."
        if self.status == ActionStatus.DONE and not self.done_on:
            errors["done_on"] = "Give the date it was done."
        if self.status == ActionStatus.DROPPED and not self.dropped_reason.strip():
            errors["dropped_reason"] = "Say why it was dropped. Everyone will see the reason."
        if self.change_id and self.status != ActionStatus.DONE:
            errors["change"] = "Link the change it led to once the action is done."
        if errors:
            raise ValidationError(errors)


class ActionUpdate(models.Model):
    """A dated note of progress on an action. Shown to everyone with the action."""

    action = ParentalKey(Action, on_delete=models.CASCADE, related_name="updates")
    written_on = models.DateField("date", default=timezone.localdate)
    text = models.TextField("what happened", max_length=1000)

    panels = [FieldPanel("written_on"), FieldPanel("text")]

    class Meta:
        ordering = ["written_on", "pk"]

    def __str__(self):
        return f"{self.written_on}: {self.text[:60]}"
