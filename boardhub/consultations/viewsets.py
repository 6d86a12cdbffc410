"""Requests for a consultation in another format, in Wagtail's admin: officers read them and
send the format. Nobody adds or edits one there: they are the person's own words."""

from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from .models import FormatRequest


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, except that nobody, superusers too, adds or changes a row."""

    refused = frozenset({"add", "change"})

    def user_has_permission(self, user, action):
        if action in self.refused:
            return False
        return super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        allowed = [action for action in actions if action not in self.refused]
        if not allowed:
            return self.auth_model.objects.none()
        return super().users_with_any_permission(allowed)


format_request_permission_policy = ReadOnlyPermissionPolicy(FormatRequest)


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
