"""Invitations and applications in Wagtail's admin, and the approve and decline actions.

(Wagtail's admin, not Django's: BoardHub has no django.contrib.admin.)
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from django.views.generic import FormView
from wagtail import log_actions
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import CreateView, InspectView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet

from boardhub.core.emails import send_templated_email
from boardhub.core.permissions import ActionPermissionPolicy

from .invitations import issue_invitation, send_invitation_email
from .models import Application, Invitation

APPROVED_ACTION = "boardhub.application_approved"
DECLINED_ACTION = "boardhub.application_declined"


# An application holds the applicant's own words, so nobody, superusers too, adds or changes
# one in the admin; an invitation, once sent, is not edited (send a new one instead).
application_permission_policy = ActionPermissionPolicy(Application, refused=("add", "change"))
invitation_permission_policy = ActionPermissionPolicy(Invitation, refused=("change",))


def can_review(user):
    return application_permission_policy.user_has_permission(user, "review")


# Invitations


class InvitationCreateView(CreateView):
    page_title = "Invite someone"
    submit_button_label = "Send the invitation"
    submit_button_active_label = "Sending…"

    def save_instance(self):
        invitation = self.form.instance
        invitation.created_by = self.request.user
        token = invitation.set_new_token()
        invitation = super().save_instance()
        send_invitation_email(invitation, token)
        return invitation

    def get_success_message(self, instance):
        return f"We have emailed an invitation to {instance.email}."

    def get_success_buttons(self):
        return []


class InvitationViewSet(ModelViewSet):
    model = Invitation
    name = "joining_invitations"
    url_prefix = "invitations"
    menu_label = "Invitations"
    icon = "mail"
    add_to_admin_menu = True
    menu_order = 310
    add_view_class = InvitationCreateView
    copy_view_enabled = False
    inspect_view_enabled = True
    form_fields = ["name", "email"]
    list_display = [
        "name",
        "email",
        Column("status", label="Status", accessor="get_status_display"),
        DateColumn("created_at", label="Sent on"),
        DateColumn("expires_at", label="Link runs out on"),
    ]
    inspect_view_fields = [
        "name",
        "email",
        "status",
        "created_at",
        "expires_at",
        "accepted_at",
        "renewed_at",
        "application",
    ]


# Applications


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label="Why are we not approving this application?",
        help_text=(
            "We send this to the applicant in our email, so write to them, kindly and in plain "
            "English. For example: “We have no places for new members until April. We would "
            "like you to apply again then.”"
        ),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Write the reason, so that we can tell the applicant"},
    )


class ApplicationInspectView(InspectView):
    template_name = "joining/admin/application_inspect.html"

    def get_lived_experience_display_value(self):
        return ", ".join(self.object.get_lived_experience_labels()) or "-"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_review"] = self.object.is_waiting and can_review(self.request.user)
        context["approve_url"] = reverse("joining_applications:approve", args=[self.object.pk])
        context["decline_url"] = reverse("joining_applications:decline", args=[self.object.pk])
        return context


def _get_waiting_application(request, pk):
    if not can_review(request.user):
        raise PermissionDenied
    return get_object_or_404(Application, pk=pk)


def _inspect_url(application):
    return reverse("joining_applications:inspect", args=[application.pk])


@require_POST
def approve_application(request, pk):
    """Approve an application: send the applicant an invitation. Approving twice sends one."""
    application = _get_waiting_application(request, pk)
    with transaction.atomic():
        application = Application.objects.select_for_update().get(pk=application.pk)
        if not application.is_waiting:
            messages.warning(request, f"{application} already has a decision.")
            return redirect(_inspect_url(application))
        application.status = Application.Status.APPROVED
        application.reviewed_by = request.user
        application.reviewed_at = timezone.now()
        application.save(update_fields=["status", "reviewed_by", "reviewed_at"])
        issue_invitation(
            name=application.name,
            email=application.email,
            created_by=request.user,
            application=application,
        )
        log_actions.log(application, APPROVED_ACTION, user=request.user)
    messages.success(request, f"{application} approved. We have emailed them an invitation.")
    return redirect(_inspect_url(application))


class DeclineApplicationView(WagtailAdminTemplateMixin, FormView):
    """Ask for the reason, then decline the application and tell the applicant why."""

    form_class = DeclineForm
    template_name = "joining/admin/application_decline.html"
    page_title = "Not approving"
    header_icon = "form"

    def dispatch(self, request, pk):
        self.application = _get_waiting_application(request, pk)
        if not self.application.is_waiting:
            messages.warning(request, f"{self.application} already has a decision.")
            return redirect(_inspect_url(self.application))
        return super().dispatch(request, pk)

    def get_page_subtitle(self):
        return str(self.application)

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": "Home"},
            {"url": reverse("joining_applications:index"), "label": "Applications"},
            {"url": _inspect_url(self.application), "label": str(self.application)},
            {"url": "", "label": "Not approving"},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["application"] = self.application
        context["cancel_url"] = _inspect_url(self.application)
        return context

    def form_valid(self, form):
        with transaction.atomic():
            application = Application.objects.select_for_update().get(pk=self.application.pk)
            if application.is_waiting:
                application.status = Application.Status.DECLINED
                application.decline_reason = form.cleaned_data["reason"]
                application.reviewed_by = self.request.user
                application.reviewed_at = timezone.now()
                application.save(
                    update_fields=["status", "decline_reason", "reviewed_by", "reviewed_at"]
                )
                send_templated_email(
                    "joining_application_declined",
                    [application.email],
                    {"name": application.name, "reason": application.decline_reason},
                )
                log_actions.log(application, DECLINED_ACTION, user=self.request.user)
                messages.success(
                    self.request, f"{application} not approved. We have emailed them the reason."
                )
        return redirect(_inspect_url(application))


class ApplicationViewSet(ModelViewSet):
    model = Application
    name = "joining_applications"
    url_prefix = "applications"
    menu_label = "Applications"
    icon = "form"
    add_to_admin_menu = True
    menu_order = 300
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_class = ApplicationInspectView
    # Never shown: the permission policy refuses adding and editing to everyone.
    form_fields = ["decline_reason"]
    list_display = [
        "__str__",
        "name",
        DateColumn("created_at", label="Sent on"),
        Column("status", label="Status", accessor="get_status_display"),
    ]
    list_filter = ["status"]
    inspect_view_fields = [
        "name",
        "email",
        "phone",
        "contact_method",
        "lived_experience",
        "support_needs",
        "formats",
        "heard_from",
        "outreach_event",
        "heard_about",
        "consented_at",
        "created_at",
        "status",
        "decline_reason",
        "reviewed_by",
        "reviewed_at",
    ]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("approve/<int:pk>/", approve_application, name="approve"),
            path("decline/<int:pk>/", DeclineApplicationView.as_view(), name="decline"),
        ]
