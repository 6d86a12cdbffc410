from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.permissions import register_permission_policy

from .action_menu import one_way_to_publish
from .models import ConsultationIndexPage, FormatRequest
from .viewsets import FormatRequestViewSet, format_request_permission_policy

# Before anything asks Wagtail for this model's policy (see wagtail.permissions).
register_permission_policy(FormatRequest, format_request_permission_policy)


@hooks.register("register_log_actions")
def register_format_request_log_actions(actions):
    from .format_requests import LOG_ACTIONS

    for action, label, message in LOG_ACTIONS:
        actions.register_action(action, label, message)


@hooks.register("register_admin_viewset")
def register_format_request_viewset():
    return FormatRequestViewSet()


@hooks.register("construct_page_action_menu")
def one_way_to_publish_pages(menu_items, request, context):
    """Every page's editor: one main button that publishes, for those who may (action_menu)."""
    one_way_to_publish(menu_items, context)


@hooks.register("insert_editor_js")
def enter_never_sends_the_editor():
    """With "Publish" first, Enter in a one-line box would publish: static/js/editor-enter-key.js
    stops that in every editor, pages and snippets."""
    return format_html('<script src="{}" defer></script>', static("js/editor-enter-key.js"))


class StartConsultationPanel(Component):
    """On the dashboard, for officers who may add consultations: "Start a new consultation",
    straight to its form, rather than through the page tree."""

    name = "consultations"
    order = 95  # after "Waiting for you"
    template_name = "consultations/admin/start_panel.html"

    def __init__(self, index):
        self.index = index

    def get_context_data(self, parent_context):
        return {"index": self.index}


@hooks.register("construct_homepage_panels")
def add_start_consultation_panel(request, panels):
    index = ConsultationIndexPage.objects.live().order_by("path").first()
    if index is not None and index.permissions_for_user(request.user).can_add_subpage():
        panels.append(StartConsultationPanel(index))
