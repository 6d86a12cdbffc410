"""Requests for a consultation in another format, such as easy read or large print."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from boardhub.members.choices import Format


class FormatRequest(models.Model):
    """Someone asked for a consultation in another format, such as easy read or large print."""

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

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "request for another format"
        verbose_name_plural = "requests for another format"

    def __str__(self):
        return f"{self.get_format_display()} for {self.consultation.title}"
