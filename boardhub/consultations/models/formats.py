"""Requests for a consultation in another format, such as easy read or large print."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from boardhub.members.choices import Format


class FormatRequestStatus(models.TextChoices):
    ASKED = "asked", "Asked"
    SENT = "sent", "Sent"
    COULD_NOT_DO = "could_not_do", "Could not do"


class FormatRequest(models.Model):
    """Someone asked for a consultation in another format, such as easy read or large print.

    It waits, as "asked", in the accessible formats team's listing until an officer sends it
    (and the person is told) or says why it could not be done."""

    Status = FormatRequestStatus

    consultation = models.ForeignKey(
        "ConsultationPage", on_delete=models.CASCADE, related_name="format_requests"
    )
    format = models.CharField("format they asked for", max_length=32, choices=Format.choices)
    contact_details = models.TextField(
        "how to get it to them",
        max_length=1000,
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="format_requests",
    )
    created_at = models.DateTimeField("asked on", default=timezone.now, editable=False)
    status = models.CharField(
        max_length=20,
        choices=FormatRequestStatus.choices,
        default=FormatRequestStatus.ASKED,
        db_index=True,
    )
    reason = models.TextField(
        "why it could not be done",
        blank=True,
        max_length=2000,
        help_text="The person asking is told this.",
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="format_requests_handled",
    )
    handled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "request for another format"
        verbose_name_plural = "requests for another format"
        permissions = [("handle_format_requests", "Can handle requests for another format")]

    def __str__(self):
        return f"{self.get_format_display()} for {self.consultation.title}"

    @property
    def tag_colour(self):
        return {"asked": "yellow", "sent": "green", "could_not_do": "pink"}[self.status]
