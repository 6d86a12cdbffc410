"""Requests for a consultation in another format, in Wagtail's admin: officers read them and
send the format. Nobody adds or edits one there: they are the person's own words."""

from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet

from boardhub.core.permissions import ActionPermissionPolicy

from .models import FormatRequest

format_request_permission_policy = ActionPermissionPolicy(FormatRequest, refused=("add", "change"))


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
        Column("consultation", label="Consultation", accessor="consultation"),
        Column("format", label="Format", accessor="get_format_display"),
        DateColumn("created_at", label="Asked on"),
    ]
    list_filter = ["format"]
    inspect_view_fields = ["consultation", "format", "contact_details", "member", "created_at"]

    def get_queryset(self, request):
        return FormatRequest.objects.select_related("consultation")
