"""Joining the board: applications from the public, and invitations from officers."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

from boardhub.members.choices import ContactMethod, Format, LivedExperience
from boardhub.members.models import ChoicesListValidator


def hash_token(token):
    """The SHA-256 of an invitation token: only this is stored, never the token itself."""
    return hashlib.sha256(token.encode()).hexdigest()


class Application(models.Model):
    """Someone asking to join the board, from the public "Join the board" page.

    Officers approve it (which sends an invitation) or decline it (with a reason).
    """

    class Status(models.TextChoices):
        NEW = "new", "Waiting for a decision"
        APPROVED = "approved", "Approved"
        DECLINED = "declined", "Not approved this time"

    name = models.CharField("name", max_length=100)
    email = models.EmailField("email address")
    phone = models.CharField("phone number", max_length=40, blank=True)
    contact_method = models.CharField(
        "how they would like us to contact them",
        max_length=20,
        choices=ContactMethod.choices,
        default=ContactMethod.EMAIL,
    )
    lived_experience = models.JSONField(
        "what they bring to the board",
        default=list,
        blank=True,
        validators=[ChoicesListValidator(LivedExperience.choices)],
    )
    support_needs = models.TextField("support they need to take part", blank=True, max_length=2000)
    formats = models.JSONField(
        "formats that work for them",
        default=list,
        blank=True,
        validators=[ChoicesListValidator(Format.choices)],
    )
    heard_about = models.CharField("where they heard about the board", max_length=200, blank=True)
    consented_at = models.DateTimeField("agreed we may keep their details")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NEW)
    decline_reason = models.TextField("reason for not approving", blank=True, max_length=2000)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="decided by",
    )
    reviewed_at = models.DateTimeField("decided on", null=True, blank=True)
    created_at = models.DateTimeField("sent on", default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        # Nobody adds or edits an application in the admin: it holds the applicant's own words.
        default_permissions = ("view", "delete")
        permissions = [("review_application", "Can approve or decline applications")]

    def __str__(self):
        # No name here: this label is copied into the audit log.
        return f"Application {self.pk}"

    @property
    def is_waiting(self):
        return self.status == self.Status.NEW

    def get_formats_labels(self):
        labels = dict(Format.choices)
        return [labels.get(value, value) for value in self.formats]

    def get_lived_experience_labels(self):
        labels = dict(LivedExperience.choices)
        return [labels.get(value, value) for value in self.lived_experience]


class Invitation(models.Model):
    """A single-use link that lets one person make an account.

    The link carries a random token; only its SHA-256 hash is stored here.
    """

    class Status(models.TextChoices):
        WAITING = "waiting", "Waiting for them to make an account"
        ACCEPTED = "accepted", "Account made"
        EXPIRED = "expired", "Link has run out"

    name = models.CharField(
        "name", max_length=100, help_text="The name of the person you are inviting."
    )
    email = models.EmailField("email address", help_text="We send the invitation to this address.")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name="invited by",
    )
    created_at = models.DateTimeField("sent on", default=timezone.now, editable=False)
    expires_at = models.DateTimeField("link runs out on", editable=False)
    accepted_at = models.DateTimeField("account made on", null=True, blank=True, editable=False)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name="account",
    )
    application = models.ForeignKey(
        Application,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="invitations",
    )
    renewed_at = models.DateTimeField(
        "new link sent on",
        null=True,
        blank=True,
        editable=False,
        help_text="When the person asked for a new link because this one ran out.",
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        # Once sent, an invitation is not edited: send a new one instead.
        default_permissions = ("add", "view", "delete")

    def __str__(self):
        # No name here: this label is copied into the audit log.
        return f"Invitation {self.pk}"

    def save(self, *args, **kwargs):
        if self.expires_at is None:
            self.expires_at = self.created_at + timedelta(days=settings.INVITATION_LIFETIME_DAYS)
        super().save(*args, **kwargs)

    def set_new_token(self):
        """Give this invitation a fresh token and return it (to put in the link)."""
        token = secrets.token_urlsafe(32)
        self.token_hash = hash_token(token)
        return token

    @property
    def is_accepted(self):
        return self.accepted_at is not None

    @property
    def is_expired(self):
        return not self.is_accepted and self.expires_at <= timezone.now()

    @property
    def is_usable(self):
        return not self.is_accepted and not self.is_expired

    @property
    def status(self):
        if self.is_accepted:
            return self.Status.ACCEPTED
        if self.is_expired:
            return self.Status.EXPIRED
        return self.Status.WAITING

    def get_status_display(self):
        return self.Status(self.status).label
