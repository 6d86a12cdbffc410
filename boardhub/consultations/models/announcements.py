"""Each member told that a consultation is open to them: one row per member and consultation.

The unique pair is what makes "told once" hold however often a consultation is published
again and however often the periodic command runs (boardhub.consultations.announcements).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone


class ConsultationAnnouncement(models.Model):
    """`member` is (or is about to be) told that `consultation` is open to them.

    `told_at` is set, in the same transaction as the message is stored in the outbox, by the
    one task that claims the row: empty means waiting to be told."""

    consultation = models.ForeignKey(
        "ConsultationPage", on_delete=models.CASCADE, related_name="announcements"
    )
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    told_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "member told a consultation is open"
        verbose_name_plural = "members told a consultation is open"
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "member"], name="consultations_announced_once"
            )
        ]

    def __str__(self):
        # No name here: it may be copied into logs.
        return f"Announcement {self.pk}"
