from wagtail import hooks

from .autosave import AutosaveSafePageViewSet
from .failed_task_views import FailedTaskViewSet, add_failed_tasks_panel
from .failed_tasks import RETRIED_ACTION


# After Wagtail's own fallback for every page type (order -1), which this replaces.
@hooks.register("register_admin_viewset")
def register_autosave_safe_page_viewset():
    return AutosaveSafePageViewSet()


# Background tasks that failed for good, and trying one again (boardhub.core.failed_tasks).
@hooks.register("register_admin_viewset")
def register_failed_task_viewset():
    return FailedTaskViewSet()


hooks.register("construct_homepage_panels", add_failed_tasks_panel)


@hooks.register("register_log_actions")
def register_failed_task_log_actions(actions):
    actions.register_action(RETRIED_ACTION, "Try a failed task again", "Failed task tried again")
