"""The "to contact" list: messages an officer must send by hand (a phone call, a letter where
Notify letters are not set up, a supporter with no email or mobile) and messages Notify
refused for good. Each shows whom, how, what to say and what it is about; "Mark as done"
(with an optional note) takes it off the list, once, and is written to the audit log.

Everything here needs `notifications.contact_by_hand` (permissions.py).
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet
from wagtail.log_actions import log

from .about import about_link
from .models import TO_CONTACT, Notification, Status
from .permissions import can_contact_by_hand

PER_PAGE = 50
DONE_ACTION = "notifications.contacted_by_hand"


def require_permission(user):
    if not can_contact_by_hand(user):
        raise PermissionDenied


def to_contact_count(user):
    """How many people wait to be contacted by hand, or None for someone who may not see them
    (one query)."""
    if not can_contact_by_hand(user):
        return None
    return Notification.objects.to_contact().count()


class DoneForm(forms.Form):
    note = forms.CharField(
        label="Note (optional)",
        help_text="For example, what they said, or why you could not reach them.",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


def row_for(notification):
    return {
        "notification": notification,
        "about": about_link(notification.about) if notification.object_id else None,
        "done_url": reverse("to_contact:done", args=[notification.pk]),
    }


class ToContactView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "notifications/admin/to_contact.html"
    page_title = "To contact"
    header_icon = "mail"

    def dispatch(self, request, *args, **kwargs):
        require_permission(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*super().get_breadcrumbs_items(), {"url": "", "label": "To contact"}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = (
            Notification.objects.to_contact()
            .select_related("content_type")
            .prefetch_related("about")
            .order_by("created_at", "pk")
        )
        page = Paginator(rows, PER_PAGE).get_page(self.request.GET.get("p"))
        context.update(
            items=page,
            rows=[row_for(notification) for notification in page],
            form=DoneForm(),
        )
        return context


@require_POST
def mark_done(request, pk):
    """Take a message off the list, once: a second press (or two officers at once) says it
    was already done and changes nothing."""
    require_permission(request.user)
    notification = get_object_or_404(Notification, pk=pk)
    form = DoneForm(request.POST)
    if not form.is_valid():
        messages.error(request, "The note must be 2,000 characters or fewer.")
        return redirect("to_contact:index")
    note = form.cleaned_data["note"]
    now = timezone.now()
    updated = Notification.objects.filter(pk=pk, status__in=TO_CONTACT).update(
        status=Status.DONE, handled_by=request.user, handled_at=now, note=note
    )
    who = notification.recipient_name or "this person"
    if not updated:
        messages.warning(request, f"Someone has already marked the message to {who} as done.")
        return redirect("to_contact:index")
    notification.refresh_from_db()
    log(
        notification,
        DONE_ACTION,
        user=request.user,
        data={"was": notification.channel, "note": bool(note)},
    )
    messages.success(request, f"Marked the message to {who} as done.")
    return redirect("to_contact:index")


class ToContactMenuItem(MenuItem):
    def is_shown(self, request):
        return can_contact_by_hand(request.user)


class ToContactViewSet(ViewSet):
    name = "to_contact"
    url_prefix = "to-contact"
    menu_label = "To contact"
    icon = "mail"
    add_to_admin_menu = True
    menu_order = 250
    menu_item_class = ToContactMenuItem

    def get_urlpatterns(self):
        return [
            path("", ToContactView.as_view(), name="index"),
            path("<int:pk>/done/", mark_done, name="done"),
        ]
