"""Consultation pages: what we are asking, the questions, who can answer and when, and, once it
is over, what happened; and the index that lists them.

The pages keep their data, its checks and their status here. Serving a request is the views'
job (boardhub.consultations.views): each route and Wagtail entry point below hands over to one.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Exists, F, OuterRef, Value, When
from django.utils import timezone
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractForm
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from boardhub.core.blocks import PARAGRAPH_FEATURES, ContentStreamBlock
from boardhub.core.spam import honeypot_field

from .feedback import Feedback, store_feedback
from .questions import DASH, HONEYPOT_FIELD, ConsultationFormBuilder, answers_in


def _views():
    """The app's views. They import this module, so they are imported when a request first
    needs them, not at the top."""
    from boardhub.consultations import views

    return views


class Audience(models.TextChoices):
    MEMBERS = "members", "Board members only"
    EVERYONE = "everyone", "Everyone"


class ConsultationStatus(models.TextChoices):
    UPCOMING = "upcoming", "Not open yet"
    OPEN = "open", "Open"
    CLOSED = "closed", f"Closed {DASH} we are reading the answers"
    OUTCOME_PUBLISHED = "outcome_published", f"Closed {DASH} see what happened"


# "Closing soon": an open consultation with fewer than this many days left, counting in UK days
# (so from "6 days left" to "Closes today"). It starts at a midnight, which moments.py registers
# so that no cached page still says "Open" then.
CLOSING_SOON_DAYS = 7

# Each status as a tag (templates/includes/status_tag.html): its words and its colour, the same
# on every page. "closing_soon" is an open consultation near its end.
STATUS_TAGS = {
    ConsultationStatus.UPCOMING: ("Not open yet", "blue"),
    ConsultationStatus.OPEN: ("Open", "green"),
    "closing_soon": ("Closing soon", "orange"),
    ConsultationStatus.CLOSED: ("Closed", "grey"),
    ConsultationStatus.OUTCOME_PUBLISHED: ("Outcome published", "purple"),
}


class ConsultationPage(RoutablePageMixin, AbstractForm):
    """A consultation: what we are asking, the questions, and, once it is over, what happened."""

    summary = models.TextField(
        max_length=600,
        help_text="One short paragraph that says what we are asking and why.",
    )
    body = StreamField(ContentStreamBlock(), blank=True, use_json_field=True)
    services = ParentalManyToManyField(
        "services.Service",
        blank=True,
        related_name="consultations",
        help_text="The services or strategies this consultation is about.",
    )
    opens_at = models.DateTimeField("opens", help_text="The date and time people can start.")
    closes_at = models.DateTimeField("closes", help_text="The last moment people can answer.")
    audience = models.CharField(
        "who can answer",
        max_length=16,
        choices=Audience.choices,
        default=Audience.MEMBERS,
    )
    # Off unless an officer turns it on. It only ever applies to signed-in members: nobody
    # can tell whether someone who is not signed in has answered before, so for them the
    # form is always the same.
    allow_more_than_one_answer = models.BooleanField(
        "members can answer more than once",
        default=False,
        help_text=(
            "Tick this if a board member who has already sent answers may send more. "
            "If you leave it, they can see the answers they sent but not send them again."
        ),
    )
    easy_read_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="easy read version",
        help_text="Optional: the page with the easy read version of this consultation.",
    )
    contact_name = models.CharField(
        max_length=120, blank=True, help_text="Who people can ask about this consultation."
    )
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=40, blank=True)
    thank_you_text = RichTextField(
        "thank you message",
        blank=True,
        features=PARAGRAPH_FEATURES,
        help_text="Shown after someone sends their answers. Say what happens next.",
    )
    outcome = RichTextField(
        "what happened",
        blank=True,
        features=PARAGRAPH_FEATURES,
        help_text=(
            "After it closes: what we heard and what we are doing about it. "
            "Once you fill this in, the consultation shows as 'see what happened'."
        ),
    )

    form_builder = ConsultationFormBuilder
    landing_page_template = "consultations/consultation_page_landing.html"

    parent_page_types = ["consultations.ConsultationIndexPage"]
    subpage_types = []

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
    ]

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("services", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
                FieldPanel("audience", widget=forms.RadioSelect),
                FieldPanel("allow_more_than_one_answer"),
            ],
            "When it is open, and who can answer",
        ),
        # Each question is headed "Question 1", "Question 2"; the button says "Add question".
        InlinePanel(
            "form_fields",
            heading="Questions",
            label="question",
            help_text="People answer the questions in this order.",
        ),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_email"), FieldPanel("contact_phone")],
            "Who to ask about it",
        ),
        FieldPanel("easy_read_page"),
        FieldPanel("outcome"),
    ]

    class Meta:
        verbose_name = "consultation"

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": "The closing date must be after the opening date."})

    # Status

    def get_status(self, now=None):
        now = now or timezone.now()
        if now < self.opens_at:
            return ConsultationStatus.UPCOMING
        if now < self.closes_at:
            return ConsultationStatus.OPEN
        if self.outcome:
            return ConsultationStatus.OUTCOME_PUBLISHED
        # A published change it led to is an outcome too. The index annotates this on each
        # consultation (get_consultations); a single page looks it up once.
        if not hasattr(self, "has_published_changes"):
            self.has_published_changes = (
                self.pk is not None and self.change_links.filter(change__live=True).exists()
            )
        if self.has_published_changes:
            return ConsultationStatus.OUTCOME_PUBLISHED
        return ConsultationStatus.CLOSED

    @property
    def status(self):
        return self.get_status()

    def days_left(self, now=None):
        """Whole days from today to the closing day, in UK time (0 on the closing day)."""
        today = timezone.localdate(now or timezone.now())
        return (timezone.localdate(self.closes_at) - today).days

    def is_closing_soon(self, now=None):
        """Open, with fewer than CLOSING_SOON_DAYS days left."""
        return (
            self.get_status(now) == ConsultationStatus.OPEN
            and self.days_left(now) < CLOSING_SOON_DAYS
        )

    @property
    def tag_key(self):
        """The status its tag shows: the status, or "closing_soon" near the end."""
        return "closing_soon" if self.is_closing_soon() else self.status

    @property
    def tag_words(self):
        return STATUS_TAGS[self.tag_key][0]

    @property
    def tag_colour(self):
        return STATUS_TAGS[self.tag_key][1]

    @property
    def time_left(self):
        """How long is left to answer, while it is open: "14 days left", "Closes tomorrow",
        "Closes today"; "" otherwise."""
        if self.status != ConsultationStatus.OPEN:
            return ""
        days = self.days_left()
        if days <= 0:
            return "Closes today"
        if days == 1:
            return "Closes tomorrow"
        return f"{days} days left"

    @property
    def status_label(self):
        """The status in words: "Open, 14 days left", "Closing soon, 5 days left", "Closes
        today", "Not open yet"."""
        status = self.status
        if status == ConsultationStatus.OPEN:
            days = self.days_left()
            if days <= 0:
                return "Closes today"
            if days == 1:
                return f"{self.tag_words} {DASH} closes tomorrow"
            return f"{self.tag_words} {DASH} {days} days left"
        return status.label

    @property
    def listing_group(self):
        status = self.status
        if status == ConsultationStatus.OUTCOME_PUBLISHED:
            return ConsultationStatus.CLOSED
        return status

    # Who may answer

    def needs_sign_in(self, user):
        return self.audience == Audience.MEMBERS and not user.is_authenticated

    def refusal_reason(self, user):
        """Why `user` cannot answer now (a status, or "sign_in"), or None when they can."""
        status = self.status
        if status != ConsultationStatus.OPEN:
            return status
        if self.needs_sign_in(user):
            return "sign_in"
        return None

    # The form and what it stores (Wagtail's form builder)

    def get_submission_class(self):
        return Feedback

    def get_form_class(self):
        """The questions, then the honeypot box that only programs fill in, rendered apart."""
        form_class = super().get_form_class()
        form_class.base_fields[HONEYPOT_FIELD] = honeypot_field()
        form_class.template_name = "consultations/includes/answer_form.html"
        return form_class

    def process_form_submission(self, form):
        """Store the checked form's answers as one `Feedback` from the form's `user`, once only
        for its `idempotency_key` (set it first): see store_feedback."""
        member = form.user if form.user is not None and form.user.is_authenticated else None
        key = getattr(form, "idempotency_key", None)
        return store_feedback(self, answers_in(form), member=member, idempotency_key=key)

    # Serving: Wagtail and the routes call these, and each hands over to a view

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        form = kwargs.get("format_request_form")
        return _views().consultation_context(self, request, context, format_request_form=form)

    def serve(self, request, view=None, args=None, kwargs=None):
        # Served without a route (a page that is not live yet): still the questions page,
        # never Wagtail's own form handling.
        return super().serve(request, view or self.index_route, args, kwargs)

    def serve_preview(self, request, mode_name):
        return _views().preview(self, request, mode_name)

    def render_landing_page(self, request, form_submission=None, *args, **kwargs):
        return _views().thank_you_page(self, request, form_submission)

    @path("")
    def index_route(self, request, *args, **kwargs):
        return _views().answer_form(self, request)

    @path("check-your-answers/")
    def check_answers_route(self, request, *args, **kwargs):
        return _views().check_answers(self, request)

    @path("another-format/")
    def another_format(self, request):
        return _views().ask_for_another_format(self, request)


def published_change_links():
    """Links from published changes to the consultations they came from. The impact app owns
    them and stands above this one, so they are reached through their related name on the
    page, `change_links`, never imported."""
    links = ConsultationPage._meta.get_field("change_links").related_model
    return links.objects.filter(change__live=True)


class ConsultationIndexPage(Page):
    """Every consultation: open ones first, then those coming up, then closed ones."""

    introduction = models.TextField(
        blank=True,
        max_length=500,
        help_text="One or two sentences that say what consultations are and who can answer.",
    )

    parent_page_types = ["home.HomePage"]
    subpage_types = ["consultations.ConsultationPage"]
    per_page = 10

    search_fields = Page.search_fields + [index.SearchField("introduction")]
    content_panels = Page.content_panels + [FieldPanel("introduction")]

    class Meta:
        verbose_name = "consultation index page"

    def get_consultations(self, status=None, service=None, now=None, service_slug=None):
        """The live, public consultations here, in the order the index lists them: `status`
        and `service` (or the service's `service_slug`) narrow them down."""
        now = now or timezone.now()
        consultations = (
            ConsultationPage.objects.live()
            .public()
            .child_of(self)
            .prefetch_related("services")
            .annotate(
                # For get_status: a published change it led to is its outcome.
                has_published_changes=Exists(
                    published_change_links().filter(consultation=OuterRef("pk"))
                ),
                status_rank=Case(
                    When(opens_at__gt=now, then=Value(1)),
                    When(closes_at__gt=now, then=Value(0)),
                    default=Value(2),
                ),
                open_key=Case(When(closes_at__gt=now, then=F("closes_at")), default=None),
                closed_key=Case(When(closes_at__lte=now, then=F("closes_at")), default=None),
            )
            .order_by(
                "status_rank",
                F("open_key").asc(nulls_last=True),
                F("closed_key").desc(nulls_last=True),
                "pk",
            )
        )
        if status == ConsultationStatus.OPEN:
            consultations = consultations.filter(opens_at__lte=now, closes_at__gt=now)
        elif status == ConsultationStatus.UPCOMING:
            consultations = consultations.filter(opens_at__gt=now)
        elif status == ConsultationStatus.CLOSED:
            consultations = consultations.filter(closes_at__lte=now)
        if service is not None:
            consultations = consultations.filter(services=service)
        if service_slug:
            consultations = consultations.filter(services__slug=service_slug)
        return consultations

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        return _views().index_context(self, request, context)
