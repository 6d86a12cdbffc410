"""The admin's "Failed tasks" pages: a read-only list of the background tasks that failed for
good, a page for each with its traceback, "Try again", and the dashboard panel that counts
them (boardhub.core.failed_tasks says what counts and why "Try again" queues once).

Everything here needs the `core.retry_failed_task` permission: the list shows whom each
email was for.
"""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from . import failed_tasks

PER_PAGE = 50


def require_permission(user):
    if not failed_tasks.can_retry_failed_tasks(user):
        raise PermissionDenied


def failed_task_row(result):
    """What the list and the detail page show of one failed task."""
    description = failed_tasks.describe(result)
    return {
        "result": result,
        "name": description.name,
        "recipients": description.recipients,
        "failed_at": result.finished_at or result.enqueued_at,
        "error": failed_tasks.last_error(result),
        "retry": getattr(result, "retry", None),
        "detail_url": reverse("failed_tasks:detail", args=[result.pk]),
        "retry_url": reverse("failed_tasks:retry", args=[result.pk]),
    }


class FailedTaskIndexView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "core/admin/failed_tasks_index.html"
    page_title = "Failed tasks"
    header_icon = "warning"

    def dispatch(self, request, *args, **kwargs):
        require_permission(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*super().get_breadcrumbs_items(), {"url": "", "label": "Failed tasks"}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = Paginator(failed_tasks.failed_for_good(), PER_PAGE).get_page(
            self.request.GET.get("p")
        )
        context.update(items=page, rows=[failed_task_row(result) for result in page])
        return context


class FailedTaskDetailView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "core/admin/failed_task_detail.html"
    page_title = "Failed task"
    header_icon = "warning"

    def dispatch(self, request, pk):
        require_permission(request.user)
        self.result = get_object_or_404(failed_tasks.failed_for_good(), pk=pk)
        return super().dispatch(request, pk)

    def get_breadcrumbs_items(self):
        return [
            *super().get_breadcrumbs_items(),
            {"url": reverse("failed_tasks:index"), "label": "Failed tasks"},
            {"url": "", "label": "Failed task"},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["row"] = failed_task_row(self.result)
        return context


@require_POST
def retry_failed_task(request, pk):
    """Queue the failed task again, once; a second press says it was already done."""
    require_permission(request.user)
    result = get_object_or_404(failed_tasks.failed_for_good(), pk=pk)
    name = failed_tasks.describe(result).name
    try:
        failed_tasks.try_again(result, request.user)
    except failed_tasks.AlreadyRetried:
        messages.warning(
            request,
            f"Someone has already tried “{name}” again, so we have not sent it a second time.",
        )
    else:
        messages.success(
            request,
            f"We will try “{name}” again in a minute. Check here later to see if it failed.",
        )
    return redirect("failed_tasks:index")


class FailedTasksMenuItem(MenuItem):
    def is_shown(self, request):
        return failed_tasks.can_retry_failed_tasks(request.user)


class FailedTaskViewSet(ViewSet):
    name = "failed_tasks"
    url_prefix = "failed-tasks"
    menu_label = "Failed tasks"
    icon = "warning"
    add_to_settings_menu = True
    menu_item_class = FailedTasksMenuItem

    def get_urlpatterns(self):
        return [
            path("", FailedTaskIndexView.as_view(), name="index"),
            path("<uuid:pk>/", FailedTaskDetailView.as_view(), name="detail"),
            path("<uuid:pk>/try-again/", retry_failed_task, name="retry"),
        ]


class FailedTasksPanel(Component):
    """On the dashboard: how many emails (and other tasks) failed and nobody has tried again."""

    name = "failed_tasks"
    order = 80  # at the very top: people are waiting for these
    template_name = "core/admin/failed_tasks_panel.html"

    def __init__(self, email_count, other_count):
        self.email_count = email_count
        self.other_count = other_count

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context.update(
            email_count=self.email_count,
            other_count=self.other_count,
            listing_url=reverse("failed_tasks:index"),
        )
        return context


def add_failed_tasks_panel(request, panels):
    """The panel, for people who may try the tasks again, while any is waiting."""
    if failed_tasks.can_retry_failed_tasks(request.user):
        email_count, other_count = failed_tasks.waiting_counts()
        if email_count or other_count:
            panels.append(FailedTasksPanel(email_count, other_count))
