"""Consultations: officers ask the board (and sometimes everyone) what they think, with
Wagtail's form builder, and each answer is stored as a piece of `Feedback`."""

from functools import cache

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, models, transaction
from django.db.models import Case, Exists, F, OuterRef, Value, When
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.forms import FormBuilder
from wagtail.contrib.forms.models import (
    AbstractForm,
    AbstractFormField,
    AbstractFormSubmission,
    FormMixin,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from boardhub.core.blocks import PARAGRAPH_FEATURES, ContentStreamBlock
from boardhub.core.emails import send_templated_email
from boardhub.core.fragments import shared, shared_html, site_pk
from boardhub.core.spam import honeypot_field
from boardhub.members.choices import Format

from .forms import (
    ConsultationFilterForm,
    FormatRequestForm,
    service_choices,
    with_plain_length_limits,
)

DASH = "\N{EN DASH}"
# The honeypot box on every consultation form. Questions' names are snake_case, so a name with
# a hyphen can never clash with one.
HONEYPOT_FIELD = "your-website"

# Questions


class QuestionType(models.TextChoices):
    SINGLELINE = "singleline", "Short text"
    MULTILINE = "multiline", "Long text"
    RADIO = "radio", "Single choice"
    CHECKBOXES = "checkboxes", "Multiple choice"
    DROPDOWN = "dropdown", "Dropdown list"
    AGREEMENT = "agreement", "Agreement scale (1 to 5)"


CHOICE_TYPES = {QuestionType.RADIO, QuestionType.CHECKBOXES, QuestionType.DROPDOWN}

AGREEMENT_CHOICES = [
    ("1", f"1 {DASH} Strongly disagree"),
    ("2", f"2 {DASH} Disagree"),
    ("3", f"3 {DASH} Neither agree nor disagree"),
    ("4", f"4 {DASH} Agree"),
    ("5", f"5 {DASH} Strongly agree"),
]


class ConsultationFormBuilder(FormBuilder):
    """Wagtail's form builder, with the 1 to 5 agreement scale and plain-English errors."""

    @property
    def formfields(self):
        return with_plain_length_limits(super().formfields)

    def get_field_options(self, field):
        options = super().get_field_options(field)  # escapes the hint (help text)
        options["error_messages"] = {"required": f"Answer the question: {field.label}"}
        return options

    def create_multiline_field(self, field, options):
        options["widget"] = forms.Textarea(attrs={"rows": 6})
        options.setdefault("max_length", 10000)
        return super().create_multiline_field(field, options)

    def create_dropdown_field(self, field, options):
        options["choices"] = [("", "Choose one"), *self.get_formatted_field_choices(field)]
        return forms.ChoiceField(**options)

    def create_agreement_field(self, field, options):
        options["choices"] = AGREEMENT_CHOICES
        options.setdefault("widget", forms.RadioSelect)
        return forms.ChoiceField(**options)


class ConsultationFormField(AbstractFormField):
    """One question on a consultation."""

    page = ParentalKey("ConsultationPage", on_delete=models.CASCADE, related_name="form_fields")
    field_type = models.CharField("type of question", max_length=16, choices=QuestionType.choices)
    field_type.required_on_save = True

    class Meta(AbstractFormField.Meta):
        verbose_name = "question"

    def clean(self):
        super().clean()
        if self.field_type in CHOICE_TYPES and not self.choices.strip():
            raise ValidationError(
                {"choices": "Give the answers people can choose from, one on each line."}
            )


# Consultations


class Audience(models.TextChoices):
    MEMBERS = "members", "Board members only"
    EVERYONE = "everyone", "Everyone"


class ConsultationStatus(models.TextChoices):
    UPCOMING = "upcoming", "Not open yet"
    OPEN = "open", "Open"
    CLOSED = "closed", f"Closed {DASH} we are reading the answers"
    OUTCOME_PUBLISHED = "outcome_published", f"Closed {DASH} see what happened"


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
            ],
            "When it is open, and who can answer",
        ),
        InlinePanel("form_fields", label="Questions"),
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

    @property
    def is_open(self):
        return self.status == ConsultationStatus.OPEN

    def days_left(self, now=None):
        """Whole days from today to the closing day, in UK time (0 on the closing day)."""
        today = timezone.localdate(now or timezone.now())
        return (timezone.localdate(self.closes_at) - today).days

    @property
    def status_label(self):
        """The status in words: "Open, 5 days left", "Closes today", "Not open yet"."""
        status = self.status
        if status == ConsultationStatus.OPEN:
            days = self.days_left()
            if days <= 0:
                return "Closes today"
            if days == 1:
                return f"Open {DASH} closes tomorrow"
            return f"Open {DASH} {days} days left"
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

    def refusal_reason(self, request):
        """Why this request cannot answer now, or None when it can."""
        status = self.status
        if status != ConsultationStatus.OPEN:
            return status
        if self.needs_sign_in(request.user):
            return "sign_in"
        return None

    # Serving

    def get_submission_class(self):
        return Feedback

    def get_form_class(self):
        """The questions, then the honeypot box that only programs fill in, rendered apart."""
        form_class = super().get_form_class()
        form_class.base_fields[HONEYPOT_FIELD] = honeypot_field()
        form_class.template_name = "consultations/includes/answer_form.html"
        return form_class

    def process_form_submission(self, form):
        """Store one `Feedback`, all or nothing, once only for each idempotency key.

        Set `form.idempotency_key` first: a second call with the same key (a double click, a
        resubmitted form, a retried request, or two at once) returns the first one's `Feedback`,
        with `feedback.is_new` False, and stores nothing more. A database error rolls back
        everything and is raised for the caller to explain.
        """
        user = form.user
        member = user if user is not None and user.is_authenticated else None
        key = getattr(form, "idempotency_key", None)
        answers = {
            name: value for name, value in form.cleaned_data.items() if name != HONEYPOT_FIELD
        }
        with transaction.atomic():
            try:
                with transaction.atomic():  # a savepoint, so a clash leaves the rest usable
                    feedback = Feedback.objects.create(
                        form_data=answers, page=self, member=member, idempotency_key=key
                    )
                    feedback.set_reference()
            except IntegrityError:
                feedback = Feedback.objects.filter(idempotency_key=key).first() if key else None
                if feedback is None:
                    raise
                feedback.is_new = False
                return feedback
            feedback.is_new = True
            if member is not None:
                FeedbackDraft.objects.filter(member=member, consultation=self).delete()
                if member.email:
                    send_templated_email(
                        "consultations_feedback_receipt",
                        [member.email],
                        {
                            "member": member,
                            "consultation": self,
                            "feedback": feedback,
                            "answers": feedback.get_answers(self.get_form_fields()),
                        },
                    )
        return feedback

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["refusal_reason"] = self.refusal_reason(request)
        context["format_request_form"] = kwargs.get("format_request_form") or FormatRequestForm()
        context["format_request_url"] = (self.get_url(request) or "") + self.reverse_subpage(
            "another_format"
        )
        if self.status == ConsultationStatus.OUTCOME_PUBLISHED:
            from boardhub.impact.public_views import changes_from

            # Looked up only when the template asks, which it does not when the top of the
            # page comes from the shared cache (templates call a callable; cache() makes the
            # second call free).
            context["changes_made"] = cache(lambda: changes_from(self, request))
        return context

    def render_landing_page(self, request, form_submission=None, *args, **kwargs):
        response = super().render_landing_page(request, form_submission, *args, **kwargs)
        if form_submission is not None:
            response.context_data["answers"] = form_submission.get_answers(self.get_form_fields())
        add_never_cache_headers(response)
        return response

    def serve(self, request, view=None, args=None, kwargs=None):
        if view is None:
            return self.index_route(request)
        return super().serve(request, view, args, kwargs)

    @path("")
    def index_route(self, request, *args, **kwargs):
        """The consultation and its questions. Answers are only taken while it is open, and on
        a board members' consultation only from someone signed in."""
        from . import views

        return views.answer_form(self, request)

    @path("check-your-answers/")
    def check_answers_route(self, request, *args, **kwargs):
        """Check your answers, then send them."""
        from . import views

        return views.check_answers(self, request)

    def refuse(self, request):
        """The consultation page, saying why answers cannot be taken now."""
        context = self.get_context(request)
        context["form"] = None
        return TemplateResponse(request, self.get_template(request), context, status=403)

    @path("another-format/")
    def another_format(self, request):
        """Ask for this consultation in another format: officers see the requests."""
        if request.method != "POST":
            return redirect(self.get_url(request) + "#another-format")
        form = FormatRequestForm(request.POST)
        if form.is_valid():
            format_request = FormatRequest.objects.create(
                consultation=self,
                member=request.user if request.user.is_authenticated else None,
                **form.cleaned_data,
            )
            return TemplateResponse(
                request,
                "consultations/format_request_received.html",
                {"page": self, "format_request": format_request},
            )
        context = self.get_context(request, format_request_form=form)
        context["form"] = self.get_form(page=self, user=request.user)
        return TemplateResponse(request, self.get_template(request), context, status=400)

    def serve_preview(self, request, mode_name):
        if mode_name == "landing":
            return self.render_landing_page(request)
        return FormMixin.serve(self, request)


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
        from boardhub.impact.models import ChangeConsultation

        now = now or timezone.now()
        consultations = (
            ConsultationPage.objects.live()
            .public()
            .child_of(self)
            .prefetch_related("services")
            .annotate(
                # For get_status: a published change it led to is its outcome.
                has_published_changes=Exists(
                    ChangeConsultation.objects.filter(
                        consultation=OuterRef("pk"), change__live=True
                    )
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
        # Every service, the same for everyone: shared until a service is saved or deleted.
        services = shared(request, "consultation-filter-services", (), service_choices)
        filter_form = ConsultationFilterForm(request.GET or None, services=services)
        status = service = None
        if filter_form.is_bound and filter_form.is_valid():
            status = filter_form.cleaned_data.get("status") or None
            service = filter_form.cleaned_data.get("service") or None
        is_filtered = bool(status or service)

        def listing():
            paginator = Paginator(
                self.get_consultations(status, service_slug=service), self.per_page
            )
            try:
                consultations = paginator.page(request.GET.get("page", 1))
            except PageNotAnInteger:
                consultations = paginator.page(1)
            except EmptyPage:
                consultations = paginator.page(paginator.num_pages)
            groups = []
            for consultation in consultations:
                group = consultation.listing_group
                if not groups or groups[-1][0] != group:
                    groups.append((group, []))
                groups[-1][1].append(consultation)
            return {
                "consultations": consultations,
                "groups": [(GROUP_HEADINGS[group], items) for group, items in groups],
                "is_filtered": is_filtered,
            }

        context.update(
            filter_form=filter_form,
            # Live, public consultations only, the same for everyone who asks with the same
            # query string (its page links keep it), so shared; their status ("Open, 5 days
            # left") changes with time, so only until midnight or the next opening or closing.
            consultation_listing=shared_html(
                request,
                "consultation-listing",
                (site_pk(request), self.pk, request.GET.urlencode()),
                "consultations/includes/consultation_listing.html",
                listing,
                time_sensitive=True,
            ),
            is_filtered=is_filtered,
        )
        return context


GROUP_HEADINGS = {
    ConsultationStatus.OPEN: "Open now",
    ConsultationStatus.UPCOMING: "Not open yet",
    ConsultationStatus.CLOSED: "Closed",
}


# Answers


class FeedbackStatus(models.TextChoices):
    RECEIVED = "received", "Received"
    ACKNOWLEDGED = "acknowledged", "Read by the council"
    BEING_CONSIDERED = "being_considered", "Being thought about"
    SHAPED_A_CHANGE = "shaped_a_change", "Helped to change something"
    NOT_TAKEN_FORWARD = "not_taken_forward", "Not taken forward"
    NO_ACTION_NEEDED = "no_action_needed", "No action needed"


class Feedback(AbstractFormSubmission):
    """One person's answers to one consultation (Wagtail's form submission, with more)."""

    Status = FeedbackStatus

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
    reference = models.CharField(max_length=20, unique=True, null=True, blank=True, editable=False)
    idempotency_key = models.CharField(
        max_length=64, unique=True, null=True, blank=True, editable=False
    )

    class Meta:
        ordering = ["-submit_time", "-pk"]
        verbose_name = "feedback"
        verbose_name_plural = "feedback"

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


class FeedbackDraft(models.Model):
    """A board member's answers so far, saved to finish later. Only they ever see it; it is
    not a response and is never counted as one. It goes when they send their answers."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feedback_drafts"
    )
    consultation = models.ForeignKey(
        ConsultationPage, on_delete=models.CASCADE, related_name="drafts"
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


# Other formats


class FormatRequest(models.Model):
    """Someone asked for a consultation in another format, such as easy read or large print."""

    consultation = models.ForeignKey(
        ConsultationPage, on_delete=models.CASCADE, related_name="format_requests"
    )
    format = models.CharField("format they asked for", max_length=32, choices=Format.choices)
    contact_details = models.TextField(
        "how to get it to them",
        max_length=1000,
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="format_requests",
    )
    created_at = models.DateTimeField("asked on", default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "request for another format"
        verbose_name_plural = "requests for another format"

    def __str__(self):
        return f"{self.get_format_display()} for {self.consultation.title}"
