from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from boardhub.feedback.wagtail_hooks import FeedbackHandlersMenuItem

from . import views


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
    ]


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
