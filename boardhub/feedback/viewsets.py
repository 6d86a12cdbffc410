"""Officers' triage of feedback in Wagtail's admin: a listing across consultations with
filters and CSV and XLSX downloads, a page for each response with its history, themes,
internal notes and the actions to take on it, and deleting a response with a reason.

This is the one door to people's answers (Wagtail's own submission views lead here: see
one_door.py). Only feedback handlers see any of it; responses flagged for safeguarding only
the safeguarding group (see handling.feedback_for_user); only feedback deleters delete.
"""

import django_filters
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import BulkActionsCheckboxColumn, Column, DateColumn
from wagtail.admin.views.generic import DeleteView, IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet

from boardhub.consultations.models import (
    ConsultationFormField,
    ConsultationPage,
    Feedback,
    FeedbackStatus,
)
from boardhub.core.permissions import ActionPermissionPolicy
from boardhub.core.spreadsheets import SafeSpreadsheetExportMixin
from boardhub.services.models import Service

from . import deadlines, deleting, handling
from .forms import DeletionForm, NoteForm, SafeguardingForm, StatusForm, ThemeForm
from .models import Theme

# Feedback handlers may read responses; nobody adds or edits one (they are people's own words);
# only feedback deleters (and superusers) delete one: see handling.can_delete_feedback.
feedback_permission_policy = ActionPermissionPolicy(
    Feedback,
    requires={
        "view": [handling.HANDLE_FEEDBACK],
        "delete": [handling.HANDLE_FEEDBACK, handling.DELETE_RESPONSES],
    },
)


# Listing


class FeedbackFilterSet(WagtailFilterSet):
    consultation = django_filters.ModelChoiceFilter(
        label="Consultation",
        field_name="page",
        queryset=ConsultationPage.objects.order_by("title"),
    )
    service = django_filters.ModelChoiceFilter(
        label="Service",
        field_name="page__consultationpage__services",
        queryset=Service.objects.all(),
    )
    status = django_filters.ChoiceFilter(label="Status", choices=FeedbackStatus.choices)
    theme = django_filters.ModelChoiceFilter(
        label="Theme", field_name="theme_links__theme", queryset=Theme.objects.all()
    )
    overdue = django_filters.BooleanFilter(
        label="Overdue (not read within the time we promise)", method="filter_overdue"
    )
    submit_time = django_filters.DateFromToRangeFilter(
        label="Sent on", widget=DateRangePickerWidget
    )

    class Meta:
        model = Feedback
        fields = []

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        late = deadlines.overdue(queryset)
        return late if value else queryset.exclude(pk__in=late.values("pk"))


def themes_text(feedback):
    return ", ".join(link.theme.name for link in feedback.theme_links.all())


class FeedbackIndexView(SafeSpreadsheetExportMixin, IndexView):
    template_name = "feedback/admin/feedback_index.html"
    export_headings = {
        "reference": "Reference",
        "consultation": "Consultation",
        "submit_time": "Sent on",
        "status": "Status",
        "themes": "Themes",
        "answers": "Answers",
    }

    @cached_property
    def columns(self):
        return [BulkActionsCheckboxColumn("bulk_actions", obj_type="feedback"), *super().columns]

    def _get_title_column(self, *args, **kwargs):
        return super()._get_title_column(
            *args, **kwargs, get_title_id=lambda instance: f"feedback_{instance.pk}_title"
        )

    def get_base_queryset(self):
        return (
            handling.feedback_for_user(self.request.user, super().get_base_queryset())
            .select_related("page")
            .prefetch_related("theme_links__theme")
            .distinct()
        )

    def to_row_dict(self, item):
        form_fields = self._form_fields.get(item.page_id, [])
        answers = "\n".join(
            f"{question}: {answer}" for question, answer in item.get_answers(form_fields)
        )
        return {
            "reference": item.reference or "",
            "consultation": item.page.title,
            "submit_time": item.submit_time,
            "status": item.get_status_display(),
            "themes": themes_text(item),
            "answers": answers,
        }

    def as_spreadsheet(self, queryset, spreadsheet_format):
        """The download, with every consultation's questions read in one query."""
        items = list(queryset)
        page_ids = {item.page_id for item in items}
        self._form_fields = {}
        for field in ConsultationFormField.objects.filter(page_id__in=page_ids).order_by(
            "page_id", "sort_order"
        ):
            self._form_fields.setdefault(field.page_id, []).append(field)
        return super().as_spreadsheet(items, spreadsheet_format)

    def record_export(self, items, export_format):
        handling.record_export(
            [item.pk for item in items], self.request.user, export_format, self.export_filters()
        )

    def get_heading(self, queryset, field):
        return self.export_headings[field]


# One response


class FeedbackInspectView(InspectView):
    template_name = "feedback/admin/feedback_inspect.html"
    fields = []

    def get_object(self, queryset=None):
        return get_object_or_404(
            handling.feedback_for_user(self.request.user).select_related(
                "page", "safeguarding_flag"
            ),
            pk=self.pk,
        )

    def get_page_title(self):
        return f"Response {self.object}"

    def get(self, request, *args, **kwargs):
        handling.record_viewing(self.object, request.user)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        feedback = self.object
        consultation = feedback.page.specific
        context.update(
            consultation=consultation,
            answers=feedback.get_answers(consultation.get_form_fields()),
            history=feedback.status_changes.select_related("changed_by"),
            themes=[link.theme for link in feedback.theme_links.select_related("theme")],
            notes=feedback.internal_notes.select_related("author"),
            flag=getattr(feedback, "safeguarding_flag", None),
            status_form=StatusForm(initial={"status": feedback.status}),
            theme_form=ThemeForm(),
            note_form=NoteForm(),
            safeguarding_form=SafeguardingForm(),
            action_urls={
                name: reverse(f"feedback:{name}", args=[feedback.pk])
                for name in ("change_status", "add_theme", "add_note", "flag")
            },
        )
        return context


class FeedbackDeleteView(DeleteView):
    """Asks for a reason and says what will be lost; refuses while an app above feedback
    holds the response (see deleting.deletion_guards). A GET never deletes."""

    template_name = "feedback/admin/feedback_delete.html"
    form_class = DeletionForm
    page_title = "Delete a response"

    def get_object(self, queryset=None):
        return get_object_or_404(
            handling.feedback_for_user(self.request.user).select_related("page"), pk=self.pk
        )

    def get_usage_url(self):
        return None  # a response is not used by other content: the guards say what holds it

    @property
    def pk(self):
        return self.kwargs[self.pk_url_kwarg]

    def get_success_url(self):
        return reverse("feedback:index")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            refusals=deleting.deletion_guards.refusals(self.object),
            warnings=deleting.deletion_guards.warnings(self.object),
            lost=deleting.what_will_be_lost(self.object),
            back_url=reverse("feedback:inspect", args=[self.object.pk]),
        )
        return context

    def form_valid(self, form):
        try:
            deleting.delete_response(self.object, form.cleaned_data["reason"], self.request.user)
        except deleting.DeletionRefused as refused:
            for refusal in refused.refusals:
                form.add_error(None, refusal)
            return self.form_invalid(form)
        messages.success(self.request, f"Response {self.object} is deleted.")
        return redirect(self.get_success_url())


def _get_feedback(request, pk):
    if not handling.can_handle_feedback(request.user):
        raise PermissionDenied
    return get_object_or_404(handling.feedback_for_user(request.user), pk=pk)


def _back(feedback):
    return redirect(reverse("feedback:inspect", args=[feedback.pk]))


def _show_errors(request, form_or_error):
    if isinstance(form_or_error, ValidationError):
        errors = form_or_error.messages
    else:
        errors = [error for field_errors in form_or_error.errors.values() for error in field_errors]
    for error in errors:
        messages.error(request, error)


@require_POST
def change_status_view(request, pk):
    feedback = _get_feedback(request, pk)
    form = StatusForm(request.POST)
    if not form.is_valid():
        _show_errors(request, form)
        return _back(feedback)
    try:
        change = handling.change_status(
            feedback, form.cleaned_data["status"], request.user, form.cleaned_data["note"]
        )
    except ValidationError as error:
        _show_errors(request, error)
    else:
        messages.success(request, f"{feedback} is now “{change.get_to_status_display()}”.")
    return _back(feedback)


@require_POST
def add_theme_view(request, pk):
    feedback = _get_feedback(request, pk)
    form = ThemeForm(request.POST)
    if form.is_valid():
        handling.add_theme(feedback, form.cleaned_data["theme"], request.user)
        messages.success(request, f"Theme “{form.cleaned_data['theme']}” added.")
    else:
        _show_errors(request, form)
    return _back(feedback)


@require_POST
def add_note_view(request, pk):
    feedback = _get_feedback(request, pk)
    form = NoteForm(request.POST)
    if form.is_valid():
        handling.add_note(feedback, form.cleaned_data["text"], request.user)
        messages.success(request, "Internal note added.")
    else:
        _show_errors(request, form)
    return _back(feedback)


@require_POST
def flag_view(request, pk):
    feedback = _get_feedback(request, pk)
    form = SafeguardingForm(request.POST)
    if not form.is_valid():
        _show_errors(request, form)
        return _back(feedback)
    handling.flag_for_safeguarding(feedback, form.cleaned_data["reason"], request.user)
    messages.success(
        request, f"{feedback} is flagged. Only the safeguarding group can open it now."
    )
    if handling.can_handle_safeguarding(request.user):
        return _back(feedback)
    return redirect(reverse("feedback:index"))


class FeedbackViewSet(ModelViewSet):
    model = Feedback
    name = "feedback"
    url_prefix = "feedback"
    menu_label = "Feedback"
    icon = "comment"
    add_to_admin_menu = True
    menu_order = 250
    index_view_class = FeedbackIndexView
    inspect_view_class = FeedbackInspectView
    delete_view_class = FeedbackDeleteView
    inspect_view_enabled = True
    copy_view_enabled = False
    filterset_class = FeedbackFilterSet
    export_filename = "feedback"
    # Never shown: the permission policy refuses adding and editing to everyone.
    form_fields = ["status"]
    list_display = [
        "__str__",
        Column("consultation", label="Consultation", accessor="page.title"),
        DateColumn("submit_time", label="Sent on"),
        Column("status", label="Status", accessor="get_status_display"),
        Column("themes", label="Themes", accessor=themes_text),
    ]
    list_export = ["reference", "consultation", "submit_time", "status", "themes", "answers"]
    ordering = ["-submit_time", "-pk"]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("status/<int:pk>/", change_status_view, name="change_status"),
            path("theme/<int:pk>/", add_theme_view, name="add_theme"),
            path("note/<int:pk>/", add_note_view, name="add_note"),
            path("flag/<int:pk>/", flag_view, name="flag"),
        ]
