"""The triage listing's filters, which the reports (boardhub.reports) narrow their figures
by as well, so that a figure and the listing it links to count the same responses."""

import django_filters
from django import forms
from django.db.models import Q
from wagtail.admin.active_filters import (
    ActiveFilter,
    BaseFilterAdapter,
    register_filter_adapter_class,
)
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.models import Page

from boardhub.consultations.models import Channel, ConsultationPage, Feedback, FeedbackStatus
from boardhub.services.models import Service

from . import deadlines, handling
from .models import DropInSession, TellUsPage, Theme

SUGGESTIONS_SHOWN = 10


def matching_consultations(text):
    """The consultations a typed value picks: an id (the "Responses" button on a consultation's
    page links with one), else a title typed exactly, else every title holding all its words."""
    text = " ".join(text.split())
    pages = Page.objects.type(ConsultationPage, TellUsPage)  # "Tell us" is one too
    if text.isdigit():
        return pages.filter(pk=int(text))
    exact = pages.filter(title__iexact=text)
    if exact.exists():
        return exact
    words = Q()
    for word in text.split():
        words &= Q(title__icontains=word)
    return pages.filter(words)


class ConsultationTitleInput(forms.TextInput):
    """A text box for a consultation's title, in place of a list of every consultation (there
    may be hundreds). Where the address names a consultation by id, it shows the title."""

    def format_value(self, value):
        if value and str(value).strip().isdigit():
            titles = Page.objects.filter(pk=int(value)).values_list("title", flat=True)
            return titles.first() or value
        return super().format_value(value)


class ConsultationFilter(django_filters.CharFilter):
    """Responses to the consultations `matching_consultations` picks for what was typed."""

    def filter(self, queryset, value):
        if not value or not value.strip():
            return queryset
        return queryset.filter(page__in=matching_consultations(value).values("pk"))


class ConsultationFilterAdapter(BaseFilterAdapter):
    """The active-filter label: the consultation's title, not its id."""

    def get_active_filters(self):
        value = str(self.value).strip()
        if value.isdigit():
            value = self.bound_field.field.widget.format_value(value)
        yield ActiveFilter(
            self.bound_field.auto_id,
            self.filter.label,
            value,
            self.get_url_without_filter_param(self.name),
        )


register_filter_adapter_class(ConsultationFilter, adapter_class=ConsultationFilterAdapter)


class FeedbackFilterSet(WagtailFilterSet):
    consultation = ConsultationFilter(
        label="Consultation",
        help_text="Type words from its title.",
        widget=ConsultationTitleInput(attrs={"autocomplete": "off"}),
    )
    service = django_filters.ModelChoiceFilter(
        label="Service",
        queryset=Service.objects.all(),
        empty_label="All services",
        method="filter_service",  # a consultation's services, or what "Tell us" was about
    )
    status = django_filters.ChoiceFilter(
        label="Status", choices=FeedbackStatus.choices, empty_label="All statuses"
    )
    theme = django_filters.ModelChoiceFilter(
        label="Theme",
        field_name="theme_links__theme",
        queryset=Theme.objects.all(),
        empty_label="All themes",
    )
    overdue = django_filters.ChoiceFilter(
        label="Overdue (not read within the time we promise)",
        choices=[("true", "Overdue only"), ("false", "Not overdue")],
        empty_label="All",
        method="filter_overdue",
    )
    flagged = django_filters.ChoiceFilter(
        label="Flagged for safeguarding",
        choices=[("true", "Flagged only"), ("false", "Not flagged")],
        empty_label="All",
        method="filter_flagged",
    )
    submit_time = django_filters.DateFromToRangeFilter(
        label="Sent on", widget=DateRangePickerWidget
    )
    channel = django_filters.ChoiceFilter(
        label="Channel", choices=Channel.choices, empty_label="All channels"
    )
    sender = django_filters.ChoiceFilter(
        label="From",
        choices=[("members", "Board members"), ("public", "The public")],
        empty_label="Everyone",
        method="filter_sender",
    )
    session = django_filters.ModelChoiceFilter(
        label="Drop-in session",
        field_name="offline_record__session",
        queryset=DropInSession.objects.all(),
        empty_label="All sessions",
    )

    class Meta:
        model = Feedback
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not (self.request and handling.can_handle_safeguarding(self.request.user)):
            del self.filters["flagged"]  # they cannot see a flagged response anyway

        # Each date box its own name, for screen readers (the picker gives only a placeholder).
        dates = self.form.fields["submit_time"].widget.widgets
        dates[0].attrs["aria-label"] = "Sent on or after (year-month-day)"
        dates[1].attrs["aria-label"] = "Sent on or before (year-month-day)"

    def filter_service(self, queryset, name, value):
        if not value:
            return queryset
        about = Q(page__consultationpage__services=value) | Q(general__service=value)
        return queryset.filter(about)

    def filter_overdue(self, queryset, name, value):
        if value not in ("true", "false"):
            return queryset
        late = deadlines.overdue(queryset)
        return late if value == "true" else queryset.exclude(pk__in=late.values("pk"))

    def filter_sender(self, queryset, name, value):
        if value not in ("members", "public"):
            return queryset
        return queryset.filter(member__isnull=value == "public")

    def filter_flagged(self, queryset, name, value):
        if value not in ("true", "false"):
            return queryset
        return queryset.filter(safeguarding_flag__isnull=value == "false")
