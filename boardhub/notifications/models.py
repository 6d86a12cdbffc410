"""The outbox: one row for every message BoardHub sends a person, or must send by hand.

A row is written in the same transaction as whatever caused it (a response stored, a status
changed), and the background task that sends it is queued only once that transaction commits
(sending.py), so nobody hears about something that was then rolled back. The task claims the
row with a conditional UPDATE (queued -> sending) before it talks to GOV.UK Notify, so a row
is sent once even when its task runs twice (tasks.py). What was sent stays here as it was
(address, subject, body), so an officer can see what a person was told and follow up a
failure, or say by hand what a person could not be sent.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models

from .choices import ReplyBy


class Channel(models.TextChoices):
    """How a message actually went (or must go), which may differ from what was asked: a
    letter without Notify letters set up goes by hand."""

    EMAIL = "email", "Email"
    TEXT = "text", "Text message"
    LETTER = "letter", "Letter"
    SUPPORTER_EMAIL = "supporter_email", "Email to their supporter"
    SUPPORTER_TEXT = "supporter_text", "Text message to their supporter"
    BY_HAND = "by_hand", "By hand (an officer calls or writes)"


class Variant(models.TextChoices):
    PLAIN = "plain", "Plain"
    EASY_READ = "easy_read", "Easy read"
    LARGE_PRINT = "large_print", "Large print"


class Status(models.TextChoices):
    QUEUED = "queued", "Waiting to send"
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"
    FAILED = "failed", "Could not send"
    BY_HAND = "by_hand", "To contact by hand"
    DONE = "done", "Done by hand"


class Backend(models.TextChoices):
    """What carries the message: GOV.UK Notify, BoardHub's own email queue (no Notify email
    template), the console (development: no Notify key), or an officer."""

    NOTIFY = "notify", "GOV.UK Notify"
    EMAIL = "email", "BoardHub's email"
    CONSOLE = "console", "The console (development)"
    OFFICER = "officer", "An officer, by hand"


STATUS_COLOURS = {
    Status.QUEUED: "blue",
    Status.SENDING: "blue",
    Status.SENT: "green",
    Status.FAILED: "red",
    Status.BY_HAND: "orange",
    Status.DONE: "grey",
}

# What waits in the "to contact" list.
TO_CONTACT = (Status.BY_HAND, Status.FAILED)


class NotificationQuerySet(models.QuerySet):
    def about(self, obj):
        """The messages sent about `obj` (a response, a format request…), newest first."""
        return self.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
        ).order_by("-created_at", "-pk")

    def to_contact(self):
        """Waiting for an officer: to call or write by hand, or failed for good."""
        return self.filter(status__in=TO_CONTACT)


class Notification(models.Model):
    message_key = models.CharField(max_length=60)
    channel = models.CharField(max_length=20, choices=Channel.choices)
    backend = models.CharField(max_length=20, choices=Backend.choices)
    variant = models.CharField(max_length=20, choices=Variant.choices, default=Variant.PLAIN)
    asked_for = models.CharField(
        "how they asked to hear back", max_length=20, blank=True, choices=ReplyBy.choices
    )
    recipient_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    recipient_name = models.CharField(max_length=200, blank=True)
    supporter_name = models.CharField(max_length=200, blank=True)
    content_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    about = GenericForeignKey("content_type", "object_id")
    # Where it went, as it was then: an email address, a phone number, or a postal address
    # (one line each, postcode last).
    address = models.TextField(blank=True)
    subject = models.CharField(max_length=300, blank=True)
    body = models.TextField(blank=True)  # what was sent, or what to say by hand
    html_body = models.TextField(blank=True)  # the HTML email, for BoardHub's own email
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    error = models.TextField(blank=True)  # plain words, for an officer
    attempts = models.PositiveSmallIntegerField(default=0)
    notify_id = models.CharField(max_length=100, blank=True)
    dedupe_key = models.CharField(max_length=200, null=True, blank=True, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="notifications_handled",
    )
    handled_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(blank=True, max_length=2000)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = "message to a person"
        verbose_name_plural = "messages to people"
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="notification_about"),
            models.Index(fields=["status", "created_at"], name="notification_status"),
        ]
        permissions = [
            ("contact_by_hand", "Can see messages to people and contact them by hand"),
        ]

    def __str__(self):
        return f"{self.get_channel_display()} to {self.recipient_name or 'someone'}"

    @property
    def status_words(self):
        return self.get_status_display()

    @property
    def tag_words(self):
        return self.get_status_display()

    @property
    def tag_colour(self):
        return STATUS_COLOURS[self.status]

    @property
    def address_lines(self):
        return [line for line in self.address.splitlines() if line.strip()]

    @property
    def waits_for_an_officer(self):
        return self.status in TO_CONTACT
