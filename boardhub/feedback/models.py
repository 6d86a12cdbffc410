"""Feedback handling: what officers do with the answers people send to consultations.

Each response (`consultations.Feedback`) has a status its author can follow, and a history of
every change to it. Officers also tag responses with themes, write internal notes the author
never sees, and flag responses for safeguarding, which hides them from everyone but the
safeguarding group and records each time someone opens one.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from boardhub.consultations.models import FeedbackStatus
from boardhub.notifications.choices import ReplyBy


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


# Input gathered off-line, recorded by an officer on someone's behalf


class DropInSession(models.Model):
    """A session where officers heard people in person, such as "Digital drop-in, Brookside
    community hub". Each person heard is a response of its own, recorded from the session."""

    title = models.CharField(
        max_length=150, help_text="What it was. For example: 'Digital drop-in'."
    )
    place = models.CharField(
        max_length=200, help_text="Where. For example: 'Brookside community hub'."
    )
    held_on = models.DateField("date")
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="drop_in_sessions",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = "drop-in session"

    def __str__(self):
        return f"{self.title}, {self.place}"


def scan_path(instance, filename):
    # The name never carries the person's details: only the response's reference.
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"scans/{timezone.now():%Y/%m}/{instance.feedback.reference}.{extension}"


def private_storage():
    return storages["private"]


class OfflineRecord(models.Model):
    """How a response that did not come in online was gathered, and who recorded it."""

    feedback = models.OneToOneField(
        "consultations.Feedback", on_delete=models.CASCADE, related_name="offline_record"
    )
    gathered_on = models.DateField("when it was gathered")
    gathered_where = models.CharField("where it was gathered", max_length=200, blank=True)
    session = models.ForeignKey(
        DropInSession,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="records",
    )
    supporter_role = models.CharField(
        "with support from: their role",
        max_length=100,
        blank=True,
        help_text="For example: 'advocate'.",
    )
    supporter_organisation = models.CharField(
        "with support from: their organisation",
        max_length=150,
        blank=True,
        help_text="For example: 'Larkfield Advocacy'.",
    )
    supporter_name = models.CharField(
        "with support from: their name",
        max_length=100,
        blank=True,
        help_text="Only if they gave it.",
    )
    scan = models.FileField(
        "scan or photo of the paper form",
        upload_to=scan_path,
        storage=private_storage,
        blank=True,
        max_length=200,
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="offline_records",
    )
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = "record of input gathered off-line"

    def __str__(self):
        return f"How {self.feedback} was gathered"

    @property
    def supported_by(self):
        """ "advocate, Larkfield Advocacy" (with the name only if given), or ""."""
        parts = [self.supporter_role, self.supporter_organisation]
        words = ", ".join(part for part in parts if part)
        if self.supporter_name:
            words = f"{self.supporter_name} ({words})" if words else self.supporter_name
        return words


class ReplyContact(models.Model):
    """Who sent a response, when they are not a signed-in member, and how they want to hear
    back. Private: only the feedback groups see it; it is in the privacy registry's reach
    through the response, the data download and erasure."""

    feedback = models.OneToOneField(
        "consultations.Feedback", on_delete=models.CASCADE, related_name="reply_contact"
    )
    name = models.CharField(max_length=100, blank=True)
    email = models.EmailField("email address", blank=True)
    phone = models.CharField("phone number", max_length=40, blank=True)
    postal_address = models.TextField("address", max_length=500, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    reply_by = models.CharField(
        "how they want to hear back",
        max_length=20,
        choices=ReplyBy.choices,
        default=ReplyBy.NOT_AT_ALL,
    )
    supporter_contact = models.CharField("how to reach their supporter", max_length=200, blank=True)
    large_print = models.BooleanField("letters in large print", default=False)
    easy_read = models.BooleanField("messages in easy read", default=False)
    # Only with contact details: a quote needs someone who could take it back.
    may_quote = models.BooleanField(
        "they agreed we may quote their words, without their name", default=False
    )

    class Meta:
        verbose_name = "contact details for a reply"

    def __str__(self):
        return f"Contact details for {self.feedback}"


# "Tell us": feedback about any service, any time


class FeedbackKind(models.TextChoices):
    COMPLIMENT = "compliment", "Something that went well (a compliment)"
    CONCERN = "concern", "Something that worried me (a concern)"
    IDEA = "idea", "An idea to make things better"


class GeneralFeedback(models.Model):
    """What a "Tell us" response is about: its kind and the service (none: "I'm not sure").
    The words themselves are the response's answers, as for a consultation."""

    feedback = models.OneToOneField(
        "consultations.Feedback", on_delete=models.CASCADE, related_name="general"
    )
    kind = models.CharField(max_length=20, choices=FeedbackKind.choices)
    service = models.ForeignKey(
        "services.Service",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="general_feedback",
        help_text="Empty when they were not sure which service.",
    )

    class Meta:
        verbose_name = "feedback about a service"

    def __str__(self):
        return f"{self.get_kind_display()} about {self.service or 'a service'}"


@dataclass(frozen=True)
class TellUsQuestion:
    """One question on the "Tell us" form, as `Feedback.get_answers` and everything that shows
    answers read a consultation's questions: its key in `form_data`, its label, its type."""

    clean_name: str
    label: str
    field_type: str
    help_text: str = ""
    required: bool = False


# The questions a "Tell us" response answers, in order, and the keys its `form_data` keeps them
# by (boardhub.feedback.tell_us stores them). Never rename a key: stored answers use them. The
# person's contact details are not answers: they are kept apart, in a `ReplyContact`.
TELL_US_QUESTIONS = (
    TellUsQuestion("kind", "What kind of feedback is it?", "radio", required=True),
    TellUsQuestion("service", "Which service is it about?", "dropdown", required=True),
    TellUsQuestion("what_happened", "What happened?", "multiline", required=True),
    TellUsQuestion("what_would_help", "What would make it better?", "multiline"),
    TellUsQuestion("wants_reply", "Do you want us to reply?", "radio", required=True),
    TellUsQuestion("reply_by", "How should we reply?", "radio"),
)


class TellUsPage(Page):
    """The public "Tell us" page: compliments, concerns and ideas about any service, at any
    time. Its answers are `consultations.Feedback` rows (this page is their form page), so they
    are triaged, themed and linked to changes with everything else."""

    intro = RichTextField(
        blank=True,
        features=["bold", "link", "ul"],
        help_text="A few plain sentences above the form.",
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1
    is_tell_us = True  # for templates that show a response's page, such as "Your feedback"

    class Meta:
        verbose_name = "“Tell us” page"

    def get_form_fields(self):
        """The questions its responses answer, as a consultation's form fields read."""
        return list(TELL_US_QUESTIONS)

    # Serving: the views in boardhub.feedback.tell_us do everything to do with a request.

    def serve(self, request, *args, **kwargs):
        from boardhub.feedback import tell_us_views

        return tell_us_views.serve(self, request)

    def serve_preview(self, request, mode_name):
        from boardhub.feedback import tell_us_views

        return tell_us_views.preview(self, request, mode_name)

    @property
    def preview_modes(self):
        return [("", "The form"), ("landing", "Thank you page")]


class MemberAnswer(models.TextChoices):
    ASKED = "asked", "Not answered yet"
    YES = "yes", "Yes, you may quote these words"
    NO = "no", "No, do not quote them"


class Quote(models.Model):
    """A few words of a response that an officer marked as fit to quote in the evidence pack.
    Whether they are quoted is decided each time (boardhub.feedback.quotes): only where the
    author agreed, and never from a response flagged for safeguarding. A member is asked in
    their account, about these very words (`member_answer`); anyone else agreed, or not,
    when they sent it (ReplyContact.may_quote)."""

    feedback = models.OneToOneField(
        "consultations.Feedback", on_delete=models.CASCADE, related_name="quote"
    )
    words = models.TextField("the words to quote", max_length=500)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    marked_at = models.DateTimeField(default=timezone.now)
    member_answer = models.CharField(
        "the member's answer", max_length=5, choices=MemberAnswer.choices, blank=True
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"Quote from {self.feedback}"
