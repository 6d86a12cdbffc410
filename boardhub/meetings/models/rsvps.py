"""Who is coming to a meeting, how, and the support each person needs; and who came.

A member's name is never public unless they agreed, for that meeting (`may_be_named`).
Support needs can be health information. Only the member and officers in the group that
arranges meetings see them (permissions.py), and an officer opening them is audit-logged.
When a member deletes their account, their RSVPs lose everything personal (the member, the
support requests' words) and keep only the answer and whether they came, for the counts.
"""

from django.conf import settings
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable


class Answer(models.TextChoices):
    IN_PERSON = "in_person", "Yes, in person"
    ONLINE = "online", "Yes, online"
    NOT_COMING = "not_coming", "Not this time"


COMING = (Answer.IN_PERSON, Answer.ONLINE)


class SupportNeed(models.TextChoices):
    """The support a member can ask for at a meeting, in the words they read."""

    BSL_INTERPRETER = "bsl_interpreter", "A British Sign Language (BSL) interpreter"
    OTHER_INTERPRETER = "other_interpreter", "An interpreter for another language"
    SUPPORTER = "supporter", "A supporter or carer coming with me"
    LARGE_PRINT = "large_print", "Papers in large print"
    EASY_READ = "easy_read", "Papers in easy read"
    PAPERS_BY_POST = "papers_by_post", "Papers sent to me by post before the meeting"
    TRAVEL = "travel", "Help with travel"
    DIETARY = "dietary", "Food and drink: a dietary need"
    OTHER = "other", "Something else"


# The needs whose words the member gives (which language, which diet, what else).
NEEDS_WITH_DETAIL = (SupportNeed.OTHER_INTERPRETER, SupportNeed.DIETARY, SupportNeed.OTHER)


class RSVP(models.Model):
    """A member's answer to "Are you coming?" for one meeting. One a member a meeting; they
    can change it until the meeting starts."""

    meeting = models.ForeignKey(
        "meetings.MeetingPage", on_delete=models.CASCADE, related_name="rsvps"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="meeting_rsvps",
        help_text="Empty once the member deleted their account: the answer stays in the counts.",
    )
    answer = models.CharField(max_length=12, choices=Answer.choices)
    attended = models.BooleanField("came", null=True, help_text="Recorded after the meeting.")
    may_be_named = models.BooleanField(
        "may be named in the public minutes",
        default=False,
        help_text="Without this, public minutes and the list of who came say 'a board member'.",
    )
    answered_at = models.DateTimeField(auto_now_add=True)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "member"],
                condition=models.Q(member__isnull=False),
                name="one_rsvp_a_member_a_meeting",
            )
        ]
        verbose_name = "RSVP"
        permissions = [
            ("arrange_meeting_support", "Can see who is coming and arrange their support"),
        ]

    def __str__(self):
        return f"{self.get_answer_display()} ({self.meeting})"

    @property
    def coming(self):
        return self.answer in COMING


class SupportRequest(models.Model):
    """One thing a member needs to take part in one meeting, and whether it is arranged."""

    rsvp = models.ForeignKey(RSVP, on_delete=models.CASCADE, related_name="support_requests")
    need = models.CharField(max_length=20, choices=SupportNeed.choices)
    detail = models.CharField(
        max_length=500, blank=True, help_text="In the member's words, as they typed it."
    )
    arranged = models.BooleanField(default=False)
    arranged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    arranged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["rsvp", "need"], name="one_request_a_need_an_rsvp")
        ]
        ordering = ["rsvp", "need"]

    def __str__(self):
        return self.get_need_display()

    @property
    def in_words(self):
        """The need, and the member's own words for it: "Food and drink: ...: No nuts"."""
        return (
            f"{self.get_need_display()}: {self.detail}" if self.detail else self.get_need_display()
        )


class Guest(Orderable):
    """Guests who came to a meeting, by organisation and role: never a private person."""

    meeting = ParentalKey("meetings.MeetingPage", on_delete=models.CASCADE, related_name="guests")
    organisation = models.CharField(max_length=150)
    role = models.CharField(max_length=150, blank=True, help_text="Optional: their role.")
    number = models.PositiveSmallIntegerField("how many came", default=1)

    panels = [FieldPanel("organisation"), FieldPanel("role"), FieldPanel("number")]

    def __str__(self):
        return self.organisation
