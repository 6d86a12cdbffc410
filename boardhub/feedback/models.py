"""Feedback handling: what officers do with the answers people send to consultations.

Each response (`consultations.Feedback`) has a status its author can follow, and a history of
every change to it. Officers also tag responses with themes, write internal notes the author
never sees, and flag responses for safeguarding, which hides them from everyone but the
safeguarding group and records each time someone opens one.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from boardhub.consultations.models import FeedbackStatus


class StatusChange(models.Model):
    """One step in a response's history: from which status to which, when, by whom, and what
    we told the author."""

    feedback = models.ForeignKey(
        "consultations.Feedback", on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(max_length=32, choices=FeedbackStatus.choices)
    to_status = models.CharField(max_length=32, choices=FeedbackStatus.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="feedback_status_changes",
    )
    changed_at = models.DateTimeField(default=timezone.now, editable=False)
    note_to_author = models.TextField(
        "note to the person who sent it",
        blank=True,
        max_length=2000,
        help_text="The person who sent this response can read this.",
    )

    class Meta:
        ordering = ["changed_at", "pk"]
        verbose_name = "status change"
        default_permissions = ()
        permissions = [
            ("handle_feedback", "Can read and handle feedback"),
            ("delete_responses", "Can delete responses, giving a reason"),
        ]

    def __str__(self):
        return f"{self.get_from_status_display()} to {self.get_to_status_display()}"


class Theme(models.Model):
    """A subject that comes up in many responses, such as waiting times or money."""

    name = models.CharField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "theme"

    def __str__(self):
        return self.name


class FeedbackTheme(models.Model):
    """A theme an officer gave a response."""

    feedback = models.ForeignKey(
        "consultations.Feedback", on_delete=models.CASCADE, related_name="theme_links"
    )
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="feedback_links")
    added_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["feedback", "theme"], name="unique_feedback_theme")
        ]

    def __str__(self):
        return f"{self.theme} on {self.feedback}"


class InternalNote(models.Model):
    """A note between officers about a response. The author of the response never sees it."""

    feedback = models.ForeignKey(
        "consultations.Feedback", on_delete=models.CASCADE, related_name="internal_notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="feedback_notes",
    )
    text = models.TextField(max_length=5000)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = "internal note"

    def __str__(self):
        return f"Note on {self.feedback}"


class SafeguardingFlag(models.Model):
    """A response that may show someone is at risk: only the safeguarding group can open it."""

    feedback = models.OneToOneField(
        "consultations.Feedback", on_delete=models.CASCADE, related_name="safeguarding_flag"
    )
    flagged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="safeguarding_flags",
    )
    flagged_at = models.DateTimeField(default=timezone.now, editable=False)
    reason = models.TextField(max_length=2000)

    class Meta:
        verbose_name = "safeguarding flag"
        default_permissions = ()
        permissions = [("handle_safeguarding", "Can read responses flagged for safeguarding")]

    def __str__(self):
        return f"Safeguarding flag on {self.feedback}"


class SafeguardingAccess(models.Model):
    """Someone opened a response flagged for safeguarding."""

    feedback = models.ForeignKey(
        "consultations.Feedback", on_delete=models.CASCADE, related_name="safeguarding_accesses"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="safeguarding_accesses",
    )
    opened_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-opened_at", "-pk"]
        verbose_name = "opening of a safeguarding response"

    def __str__(self):
        return f"{self.feedback} opened"
