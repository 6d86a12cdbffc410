"""The responses that shaped each change: links an officer makes and removes directly, outside
the change record's drafts, each one kept in the response's history. A response's author hears
about a link once the change it points at is published."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from boardhub.consultations.models import FeedbackStatus


class ChangeFeedbackLink(models.Model):
    """A response that shaped a change.

    Not part of the change record's drafts: made and removed directly by officers who may
    handle feedback. `announced_at` is set when the response's status moved to "shaped a
    change" and its author was told, which waits until the change is published.
    """

    change = models.ForeignKey(
        "ChangeRecord", on_delete=models.CASCADE, related_name="feedback_links"
    )
    feedback = models.ForeignKey(
        "consultations.Feedback", on_delete=models.CASCADE, related_name="change_links"
    )
    note = models.TextField(
        "note to the person who sent it",
        max_length=2000,
        blank=True,
        help_text="Optional. Only the person who sent this response and officers can read it.",
    )
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="change_links_made",
    )
    linked_at = models.DateTimeField(default=timezone.now, editable=False)
    status_before = models.CharField(
        max_length=32, choices=FeedbackStatus.choices, blank=True, editable=False
    )
    announced_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["linked_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["change", "feedback"], name="unique_change_feedback")
        ]
        verbose_name = "response that shaped a change"

    def __str__(self):
        return f"{self.feedback} shaped {self.change}"
