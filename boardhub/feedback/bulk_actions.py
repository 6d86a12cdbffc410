"""Bulk actions on the feedback listing: mark many responses as read, or give them a theme.

Each works only on the responses the officer may read (never a flagged one without the
safeguarding permission), and each change is logged as if made one at a time.
"""

from django.core.exceptions import ValidationError
from wagtail.admin.views.bulk_action import BulkAction

from boardhub.consultations.models import Feedback, FeedbackStatus

from . import handling
from .forms import ThemeForm


class FeedbackBulkAction(BulkAction):
    models = [Feedback]

    def get_queryset(self, model, object_ids):
        return handling.feedback_for_user(self.request.user).filter(pk__in=object_ids)

    def get_all_objects_in_listing_query(self, parent_id):
        return handling.feedback_for_user(self.request.user).values_list("pk", flat=True)

    def check_perm(self, obj):
        return handling.can_handle_feedback(self.request.user)

    def object_context(self, obj):
        return {"item": obj}

    def get_execution_context(self):
        return {"user": self.request.user, "form": self.cleaned_form}


class AcknowledgeBulkAction(FeedbackBulkAction):
    display_name = "Mark as read"
    action_type = "acknowledge"
    aria_label = "Mark the chosen responses as read by the council"
    template_name = "feedback/admin/bulk_acknowledge.html"
    action_priority = 10

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        changed = 0
        for feedback in objects:
            if feedback.status != FeedbackStatus.RECEIVED:
                continue  # already read: leave its status alone
            try:
                handling.change_status(feedback, FeedbackStatus.ACKNOWLEDGED, user)
            except ValidationError:
                continue
            changed += 1
        return changed, 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        if num_parent_objects == 1:
            return "1 response marked as read."
        return f"{num_parent_objects} responses marked as read."


class AddThemeBulkAction(FeedbackBulkAction):
    display_name = "Add a theme"
    action_type = "add_theme"
    aria_label = "Add a theme to the chosen responses"
    template_name = "feedback/admin/bulk_add_theme.html"
    form_class = ThemeForm
    action_priority = 20

    @classmethod
    def execute_action(cls, objects, user=None, form=None, **kwargs):
        theme = form.cleaned_data["theme"]
        added = sum(handling.add_theme(feedback, theme, user) for feedback in objects)
        return added, 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        theme = self.cleaned_form.cleaned_data["theme"]
        if num_parent_objects == 1:
            return f"Theme “{theme}” added to 1 response."
        return f"Theme “{theme}” added to {num_parent_objects} responses."
