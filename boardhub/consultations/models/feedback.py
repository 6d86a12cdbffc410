"""The answers people send: each a piece of `Feedback` (Wagtail's form submission, with more),
and a board member's `FeedbackDraft` to finish later."""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from wagtail.contrib.forms.models import AbstractFormSubmission

from .questions import AGREEMENT_CHOICES, QuestionType


class FeedbackStatus(models.TextChoices):
    RECEIVED = "received", "Received"
    ACKNOWLEDGED = "acknowledged", "Read by the council"
    BEING_CONSIDERED = "being_considered", "Being thought about"
    SHAPED_A_CHANGE = "shaped_a_change", "Helped to change something"
    NOT_TAKEN_FORWARD = "not_taken_forward", "Not taken forward"
    NO_ACTION_NEEDED = "no_action_needed", "No action needed"


# Each status's tag colour (templates/includes/status_tag.html), the same on every page. The
# tag's words are the status's label.
STATUS_TAG_COLOURS = {
    FeedbackStatus.RECEIVED: "grey",
    FeedbackStatus.ACKNOWLEDGED: "blue",
    FeedbackStatus.BEING_CONSIDERED: "yellow",
    FeedbackStatus.SHAPED_A_CHANGE: "green",
    FeedbackStatus.NOT_TAKEN_FORWARD: "pink",
    FeedbackStatus.NO_ACTION_NEEDED: "turquoise",
}


class Channel(models.TextChoices):
    """How a response reached the council. Everything but "online" an officer records."""

    ONLINE = "online", "Online"
    PAPER = "paper", "Paper form"
    PHONE = "phone", "Phone call"
    IN_PERSON = "in_person", "In person"
    DROP_IN = "drop_in", "Drop-in session"
    EVENT = "event", "Event"
    EMAIL = "email", "Email"
    LETTER = "letter", "Letter"
    SUPPORTER = "supporter", "Via an advocate or supporter"


class Feedback(AbstractFormSubmission):
    """One person's answers to one consultation (Wagtail's form submission, with more)."""

    Status = FeedbackStatus
    # Out of Wagtail's reference index: a page's "usage" would otherwise list every response
    # to it (as "Private feedback", thousands on a busy consultation), and indexing each one
    # stored would cost five more queries.
    wagtail_reference_index_ignore = True

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="feedback",
        help_text="The board member who sent it, if they were signed in.",
    )
    status = models.CharField(
        max_length=32, choices=FeedbackStatus.choices, default=FeedbackStatus.RECEIVED
    )
    channel = models.CharField(
        "how it reached us",
        max_length=20,
        choices=Channel.choices,
        default=Channel.ONLINE,
        db_index=True,
    )
    reference = models.CharField(max_length=20, unique=True, null=True, blank=True, editable=False)
    idempotency_key = models.CharField(
        max_length=64, unique=True, null=True, blank=True, editable=False
    )

    class Meta:
        ordering = ["-submit_time", "-pk"]
        verbose_name = "feedback"
        verbose_name_plural = "feedback"

    @property
    def tag_colour(self):
        return STATUS_TAG_COLOURS[self.status]

    def __str__(self):
        return self.reference or f"Feedback {self.pk}"

    @staticmethod
    def make_reference(pk, when):
        return f"BH-{timezone.localtime(when).year}-{pk:06d}"

    def set_reference(self):
        """Give a saved row its reference, from its own id, so no two can share one."""
        when = self.submit_time or timezone.now()
        self.reference = self.make_reference(self.pk, when)
        type(self).objects.filter(pk=self.pk).update(reference=self.reference)

    def get_answers(self, form_fields=None):
        """(question, answer) pairs, in the order the questions are asked."""
        if form_fields is None:
            form_fields = self.page.specific.get_form_fields()
        return answers_in_words(form_fields, self.form_data)


def answers_in_words(form_fields, form_data):
    """(question, answer) pairs for answers as stored: lists joined, agreement in words."""
    answers = []
    for field in form_fields:
        value = form_data.get(field.clean_name, "")
        if isinstance(value, list):
            value = ", ".join(str(part) for part in value)
        if field.field_type == QuestionType.AGREEMENT:
            value = dict(AGREEMENT_CHOICES).get(value, value)
        answers.append((field.label, value))
    return answers


def store_feedback(
    consultation,
    answers,
    member=None,
    idempotency_key=None,
    channel=Channel.ONLINE,
    receipt=True,
    also=None,
):
    """Store one `Feedback`, all or nothing, once only for each idempotency key.

    `channel` says how it reached us (an officer records every channel but online). `also`,
    if given, is called with a new `Feedback` inside the same transaction, to store what goes
    with it (how it was gathered, whom to reply to); a receipt goes only when `receipt` is
    true (callers that store a reply contact with `also` send their own receipt from it).

    A second call with the same key (a double click, a resubmitted form, a retried request,
    or two at once) returns the first one's `Feedback`, with `feedback.is_new` False, and
    stores nothing more. A member's saved answers go, and their receipt is queued, with the
    `Feedback` or not at all. A database error rolls back everything and is raised for the
    caller to explain.
    """
    with transaction.atomic():
        feedback = create_once(consultation, answers, member, idempotency_key, channel)
        if feedback.is_new and also is not None:
            also(feedback)
        if feedback.is_new and member is not None:
            # By id: a "Tell us" page is a form page too, but never has drafts.
            FeedbackDraft.objects.filter(member=member, consultation_id=consultation.pk).delete()
            if receipt:
                send_receipt(consultation, feedback)
    return feedback


def create_once(consultation, answers, member, idempotency_key, channel=Channel.ONLINE):
    """A new `Feedback` (`is_new`), or the one this idempotency key already stored."""
    try:
        with transaction.atomic():  # a savepoint, so a clash leaves the rest usable
            feedback = Feedback.objects.create(
                form_data=answers,
                page=consultation,
                member=member,
                idempotency_key=idempotency_key,
                channel=channel,
            )
            feedback.set_reference()
    except IntegrityError:
        feedback = (
            Feedback.objects.filter(idempotency_key=idempotency_key).first()
            if idempotency_key
            else None
        )
        if feedback is None:
            raise
        feedback.is_new = False
        return feedback
    feedback.is_new = True
    return feedback


def send_receipt(consultation, feedback):
    """Tell the member who sent `feedback` that we have it, and its reference, the way their
    profile says (boardhub.notifications). Their own answers go in an email to them only:
    never in a text message or a letter, nor to their supporter. Sent once the response
    commits, and once only."""
    from django.urls import reverse

    from boardhub.core.links import absolute_url
    from boardhub.notifications.choices import ReplyBy
    from boardhub.notifications.recipients import Recipient
    from boardhub.notifications.sending import send

    recipient = Recipient.for_member(feedback.member)
    if recipient is None:
        return
    context = {
        "name": recipient.name,
        "reference": feedback.reference,
        "title": consultation.title,
        "tell_us": False,
        "member": True,
        "link": absolute_url(reverse("members:feedback_detail", args=[feedback.reference])),
    }
    if recipient.reply_by == ReplyBy.EMAIL:
        context["answers"] = [
            [question, answer]
            for question, answer in feedback.get_answers(consultation.get_form_fields())
        ]
    send(
        recipient,
        "feedback_receipt",
        context,
        about=feedback,
        dedupe_key=f"feedback_receipt:{feedback.pk}",
    )


class FeedbackDraft(models.Model):
    """A board member's answers so far, saved to finish later. Only they ever see it; it is
    not a response and is never counted as one. It goes when they send their answers."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feedback_drafts"
    )
    consultation = models.ForeignKey(
        "ConsultationPage", on_delete=models.CASCADE, related_name="drafts"
    )
    answers = models.JSONField(default=dict, encoder=DjangoJSONEncoder)
    updated_at = models.DateTimeField("saved on", auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["member", "consultation"], name="one_draft_per_member_and_consultation"
            )
        ]
        verbose_name = "saved answers"
        verbose_name_plural = "saved answers"

    def __str__(self):
        return f"Saved answers to {self.consultation.title}"
