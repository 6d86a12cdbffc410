"""Joining the board: applications from the public, and invitations from officers."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

from boardhub.members.choices import (
    AgeBand,
    ContactMethod,
    Disability,
    EthnicGroup,
    Format,
    LivedExperience,
    Sex,
    UnpaidCare,
)
from boardhub.members.models import ChoicesListValidator

EQUALITY_FIELDS = ("age_band", "sex", "ethnic_group", "disability", "unpaid_carer")


def hash_token(token):
    """The SHA-256 of an invitation token: only this is stored, never the token itself."""
    return hashlib.sha256(token.encode()).hexdigest()


class HowHeard(models.Model):
    """A way people hear about the board, in the list the "Join the board" form offers
    (social media, a frontline worker, an event, a community group, word of mouth)."""

    name = models.CharField(max_length=80, unique=True, help_text="As applicants read it.")
    is_event = models.BooleanField(
        "is one of our events",
        default=False,
        help_text="Applicants who choose it are asked which outreach event it was.",
    )
    in_use = models.BooleanField(
        "offered on the form",
        default=True,
        help_text="Untick to stop offering it: applications that chose it keep it.",
    )
    order = models.PositiveSmallIntegerField(default=0, help_text="Lower comes first.")

    class Meta:
        ordering = ["order", "name"]
        verbose_name = "way people hear about the board"
        verbose_name_plural = "ways people hear about the board"

    def __str__(self):
        return self.name


class OutreachEvent(models.Model):
    """Somewhere the board went to meet people it does not yet hear from."""

    name = models.CharField(max_length=120, help_text="For example “Carers' coffee morning”.")
    date = models.DateField()
    place = models.CharField(max_length=200)
    community = models.CharField(
        "community or group reached",
        max_length=200,
        help_text="For example “South Asian carers” or “people who are deaf”.",
    )
    what_happened = models.TextField("what happened", blank=True, max_length=4000)
    people_came = models.PositiveIntegerField("how many people came", null=True, blank=True)

    class Meta:
        ordering = ["-date", "name"]
        verbose_name = "outreach event"

    def __str__(self):
        return f"{self.name}, {self.date:%-d %B %Y}"


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
    heard_from = models.ForeignKey(
        HowHeard,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name="how they heard about the board",
    )
    outreach_event = models.ForeignKey(
        OutreachEvent,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name="the outreach event they heard at",
    )
    # The equality questions, answered only with consent; read only through the counts
    # (boardhub.representation), never on an application's page.
    equality_consented_at = models.DateTimeField(null=True, blank=True, editable=False)
    age_band = models.CharField(max_length=20, choices=AgeBand.choices, blank=True)
    sex = models.CharField(max_length=20, choices=Sex.choices, blank=True)
    ethnic_group = models.CharField(max_length=40, choices=EthnicGroup.choices, blank=True)
    disability = models.CharField(max_length=20, choices=Disability.choices, blank=True)
    unpaid_carer = models.CharField(max_length=20, choices=UnpaidCare.choices, blank=True)
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
