"""The "Meetings" index and each board meeting's page.

A meeting's page is public or for members only (`audience`). Its joining link is never part
of the page's public content: it is shown, by `rsvps`, only to a signed-in member who said
they are coming online, on a page that is never cached.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page

from ..blocks import AgendaBlock, DecisionsBlock, PapersBlock


class AttendanceMode(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    ONLINE = "online", "Online"
    BOTH = "both", "In person and online"


class Audience(models.TextChoices):
    PUBLIC = "public", "Anyone can come and read about it"
    MEMBERS = "members", "Board members only"


def _views():
    from .. import views  # the views read these models: imported when a page is served

    return views


class MeetingIndexPage(RoutablePageMixin, Page):
    """The list of meetings: upcoming first, then past ones by year, and their calendar."""

    intro = RichTextField(blank=True, features=["bold", "link", "ul"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["meetings.MeetingPage"]
    max_count = 1

    class Meta:
        verbose_name = "meetings index"

    @path("")
    def index_route(self, request):
        return _views().meeting_index(self, request)


class MeetingPage(RoutablePageMixin, Page):
    """One board meeting: when and where, the agenda and papers, what to expect; afterwards
    the minutes, an easy read summary, the decisions and the actions promised."""

    starts_at = models.DateTimeField("starts")
    ends_at = models.DateTimeField("ends")
    attendance_mode = models.CharField(
        "how people can come", max_length=10, choices=AttendanceMode.choices
    )
    venue = models.ForeignKey(
        "meetings.Venue",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meetings",
        help_text="Where it is held. Not needed for a meeting that is online only.",
    )
    joining_link = models.URLField(
        "link to join online",
        blank=True,
        help_text=(
            "Only members who say they are coming online see it, once signed in. It is never "
            "shown on the public page."
        ),
    )
    audience = models.CharField(
        "who it is for", max_length=10, choices=Audience.choices, default=Audience.PUBLIC
    )
    chair = models.CharField(
        max_length=200,
        help_text="Who chairs it, by role. For example: 'The co-chairs of the board'.",
    )
    summary = models.TextField(
        max_length=600, help_text="What the meeting is about, in one or two plain sentences."
    )
    agenda = StreamField(AgendaBlock(), blank=True)
    papers = StreamField(PapersBlock(), blank=True, help_text="Papers for the whole meeting.")
    what_to_expect = RichTextField(
        "what to expect",
        blank=True,
        features=["bold", "link", "ul", "ol"],
        help_text=(
            "For someone coming for the first time: what happens, the breaks, who will be there."
        ),
    )
    minutes = RichTextField(
        blank=True,
        features=["h2", "h3", "bold", "link", "ul", "ol"],
        help_text=(
            "After the meeting. Name organisations and roles, never board members, unless the "
            "member agreed."
        ),
    )
    easy_read_summary = models.TextField(
        "easy read summary", max_length=2000, blank=True, help_text="Short, easy sentences."
    )
    decisions = StreamField(DecisionsBlock(), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
                FieldPanel("attendance_mode"),
                FieldPanel("venue"),
                FieldPanel("joining_link"),
                FieldPanel("audience"),
                FieldPanel("chair"),
            ],
            heading="When and where",
        ),
        InlinePanel("invited_partners", heading="Who is invited", label="partner"),
        FieldPanel("agenda"),
        FieldPanel("papers"),
        FieldPanel("what_to_expect"),
        MultiFieldPanel(
            [
                FieldPanel("minutes"),
                FieldPanel("easy_read_summary"),
                FieldPanel("decisions"),
                InlinePanel("guests", heading="Guests who came", label="guest"),
            ],
            heading="After the meeting",
        ),
    ]
    parent_page_types = ["meetings.MeetingIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "meeting"

    def serve(self, request, view=None, args=None, kwargs=None):
        return super().serve(request, view or self.index_route, args, kwargs)

    @path("")
    def index_route(self, request):
        return _views().meeting_page(self, request)

    @path("coming/")
    def rsvp_route(self, request):
        return _views().answer_rsvp(self, request)

    def clean(self):
        super().clean()
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = "The meeting must end after it starts."
        if self.attendance_mode != AttendanceMode.ONLINE and not self.venue_id:
            errors["venue"] = "Choose where the meeting is held, or make it online only."
        if self.attendance_mode != AttendanceMode.IN_PERSON and not self.joining_link:
            errors["joining_link"] = "Give the link to join online, or make it in person only."
        if self.audience == Audience.PUBLIC:
            from ..naming import naming_errors  # reads members and RSVPs: only when saving

            errors.update(naming_errors(self))
        if errors:
            raise ValidationError(errors)

    @property
    def is_over(self):
        return self.ends_at <= timezone.now()

    @property
    def in_person(self):
        return self.attendance_mode in (AttendanceMode.IN_PERSON, AttendanceMode.BOTH)

    @property
    def online(self):
        return self.attendance_mode in (AttendanceMode.ONLINE, AttendanceMode.BOTH)

    @property
    def members_only(self):
        return self.audience == Audience.MEMBERS


class InvitedPartner(Orderable):
    """A partner organisation invited to a meeting."""

    meeting = ParentalKey(MeetingPage, on_delete=models.CASCADE, related_name="invited_partners")
    partner = models.ForeignKey(
        "meetings.Partner", on_delete=models.PROTECT, related_name="invitations"
    )

    panels = [FieldPanel("partner")]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["meeting", "partner"], name="unique_invited_partner")
        ]

    def __str__(self):
        return str(self.partner)
