"""Linking from the responses' side: the feedback listing's bulk action "Link to a change"."""

from django.core.exceptions import PermissionDenied

from boardhub.feedback.bulk_actions import FeedbackBulkAction

from . import linking
from .forms import LinkToChangeForm
from .views import linked_to_change_message


class LinkToChangeBulkAction(FeedbackBulkAction):
    display_name = "Link to a change"
    action_type = "link_to_change"
    aria_label = "Link the chosen responses to a change they shaped"
    template_name = "impact/admin/bulk_link_to_change.html"
    form_class = LinkToChangeForm
    action_priority = 30

    def dispatch(self, request, *args, **kwargs):
        if not linking.can_link_responses(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def check_perm(self, obj):
        return linking.can_link_responses(self.request.user)

    @classmethod
    def execute_action(cls, objects, user=None, form=None, **kwargs):
        change, note = form.cleaned_data["change"], form.cleaned_data["note"]
        linked = sum(linking.link(change, feedback, user, note).is_new for feedback in objects)
        return linked, 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return linked_to_change_message(
            num_parent_objects, self.cleaned_form.cleaned_data["change"]
        )
