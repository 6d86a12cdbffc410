from django.conf import settings
from django.db import models
from django.utils import timezone


class ErasedAccount(models.Model):
    """A record that someone deleted their account. It holds no personal data: the account row
    it points at has been anonymised, and stays only so that what the person contributed can
    still say "A former board member"."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="erased_account",
        editable=False,
    )
    erased_at = models.DateTimeField("deleted on", default=timezone.now, editable=False)

    class Meta:
        verbose_name = "deleted account"
        verbose_name_plural = "deleted accounts"

    def __str__(self):
        # No name here: this label is copied into the audit log.
        return f"Deleted account {self.pk}"
