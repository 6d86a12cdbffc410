from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from boardhub.feedback.wagtail_hooks import FeedbackHandlersMenuItem

from . import pack_views, views


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path("reports/volume/", views.volume_report, name="reports_volume"),
        path("reports/themes/", views.themes_report, name="reports_themes"),
        path("reports/learning/", views.learning_report, name="reports_learning"),
        path("reports/promises-kept/", views.accountability_report, name="reports_accountability"),
        path(
            "reports/keeping-in-touch/",
            views.keeping_in_touch_report,
            name="reports_keeping_in_touch",
        ),
        path("reports/evidence-packs/", pack_views.packs_view, name="reports_packs"),
        path("reports/evidence-packs/new/", pack_views.new_pack_view, name="reports_new_pack"),
        path("reports/evidence-packs/<int:pk>/", pack_views.pack_view, name="reports_pack"),
        path(
            "reports/evidence-packs/<int:pk>/download/<str:kind>/",
            pack_views.download_view,
            name="reports_pack_download",
        ),
        path(
            "reports/evidence-packs/<int:pk>/retry/",
            pack_views.retry_view,
            name="reports_pack_retry",
        ),
        path(
            "reports/evidence-packs/<int:pk>/delete/",
            pack_views.delete_view,
            name="reports_pack_delete",
        ),
    ]


@hooks.register("register_log_actions")
def register_pack_log_actions(actions):
    for action, label, message in pack_views.LOG_ACTIONS:
        actions.register_action(action, label, message)


@hooks.register("register_reports_menu_item")
def register_volume_menu_item():
    return FeedbackHandlersMenuItem(
        "Volume of responses", reverse("reports_volume"), icon_name="table", order=10
    )


@hooks.register("register_reports_menu_item")
def register_themes_menu_item():
    return FeedbackHandlersMenuItem("Themes", reverse("reports_themes"), icon_name="tag", order=11)


@hooks.register("register_reports_menu_item")
def register_keeping_in_touch_menu_item():
    return FeedbackHandlersMenuItem(
        "Keeping in touch", reverse("reports_keeping_in_touch"), icon_name="time", order=12
    )


@hooks.register("register_reports_menu_item")
def register_learning_menu_item():
    return FeedbackHandlersMenuItem(
        "Learning from feedback", reverse("reports_learning"), icon_name="resubmit", order=13
    )


class ActionReadersMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(views.VIEW_ACTIONS)


@hooks.register("register_reports_menu_item")
def register_accountability_menu_item():
    return ActionReadersMenuItem(
        "Promises kept", reverse("reports_accountability"), icon_name="tasks", order=14
    )


@hooks.register("register_reports_menu_item")
def register_packs_menu_item():
    return FeedbackHandlersMenuItem(
        "Evidence packs", reverse("reports_packs"), icon_name="doc-full", order=20
    )
