"""Requests for a consultation in another format, in Wagtail's admin: the "Accessible formats
team" (consultations.0007, the permission consultations.handle_format_requests) reads them,
sends the format and marks each one sent, or says why it could not be done. Nobody adds or
edits one there: they are the person's own words. Deleting one stays with superusers."""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet

from boardhub.core.permissions import ActionPermissionPolicy
from boardhub.notifications.models import Notification

from . import format_requests
from .models import FormatRequest, FormatRequestStatus

HANDLE = (format_requests.HANDLE_FORMAT_REQUESTS,)
format_request_permission_policy = ActionPermissionPolicy(
    FormatRequest,
    requires={
        "view": HANDLE,
        "handle": HANDLE,
        "delete": ("consultations.delete_formatrequest", *HANDLE),
    },
)


class HandleForm(forms.Form):
    status = forms.ChoiceField(
        label="What happened?",
        choices=[
            (FormatRequestStatus.SENT, "We sent it"),
            (FormatRequestStatus.COULD_NOT_DO, "We could not do it"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether you sent it or could not do it"},
    )
    reason = forms.CharField(
        label="Why could it not be done?",
        help_text="Only if you could not do it. We tell the person this, in these words.",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": "Write 2,000 characters or fewer"},
    )

    def clean(self):
        cleaned_data = super().clean()
        if (
            cleaned_data.get("status") == FormatRequestStatus.COULD_NOT_DO
            and not (cleaned_data.get("reason") or "").strip()
        ):
            self.add_error("reason", "Say why it could not be done: we tell the person")
        return cleaned_data


def handle_url(format_request):
    return reverse("format_requests:handle", args=[format_request.pk])


class HandleFormatRequestView(WagtailAdminTemplateMixin, FormView):
    """A request in full, and, while it is waiting, the form that says what happened."""

    form_class = HandleForm
    template_name = "consultations/admin/format_request_handle.html"
    page_title = "Request for another format"
    header_icon = "doc-full"

    def dispatch(self, request, pk):
        if not format_requests.can_handle_format_requests(request.user):
            raise PermissionDenied
        self.format_request = get_object_or_404(
            FormatRequest.objects.select_related("consultation", "member", "handled_by"), pk=pk
        )
        return super().dispatch(request, pk)

    def get_page_subtitle(self):
        return str(self.format_request)

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": "Home"},
            {"url": reverse("format_requests:index"), "label": "Format requests"},
            {"url": "", "label": str(self.format_request)},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["format_request"] = self.format_request
        context["is_waiting"] = self.format_request.status == FormatRequestStatus.ASKED
        context["recipient"] = format_requests.recipient_for(self.format_request)
        context["notifications"] = Notification.objects.about(self.format_request)[:10]
        member_id = self.format_request.member_id
        # The member's communication needs page (feedback.member_page), for those who may.
        if member_id is not None and self.request.user.has_perm("feedback.handle_feedback"):
            context["member_url"] = reverse("feedback_member_needs", args=[member_id])
        return context

    def post(self, request, *args, **kwargs):
        if self.format_request.status != FormatRequestStatus.ASKED:
            messages.warning(request, "This request has been handled already.")
            return redirect(handle_url(self.format_request))
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            done = format_requests.handle(
                self.format_request,
                self.request.user,
                form.cleaned_data["status"],
                form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        if done:
            messages.success(self.request, "Saved. We are telling the person.")
        else:
            messages.warning(self.request, "This request has been handled already.")
        return redirect(handle_url(self.format_request))


class FormatRequestViewSet(ModelViewSet):
    model = FormatRequest
    name = "format_requests"
    url_prefix = "format-requests"
    menu_label = "Format requests"
    icon = "doc-full"
    add_to_admin_menu = True
    menu_order = 320
    copy_view_enabled = False
    inspect_view_enabled = True
    form_fields = ["format", "contact_details"]
    list_display = [
        TitleColumn(
            "consultation", label="Consultation", accessor="consultation", get_url=handle_url
        ),
        Column("format", label="Format", accessor="get_format_display"),
        DateColumn("created_at", label="Asked on"),
        Column("status", label="Status", accessor="get_status_display"),
    ]
    list_filter = ["status", "format"]
    inspect_view_fields = [
        "consultation",
        "format",
        "contact_details",
        "member",
        "created_at",
        "status",
        "reason",
        "handled_by",
        "handled_at",
    ]

    def get_queryset(self, request):
        return FormatRequest.objects.select_related("consultation")

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("handle/<int:pk>/", HandleFormatRequestView.as_view(), name="handle"),
        ]
