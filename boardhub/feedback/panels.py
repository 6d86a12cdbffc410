"""The feedback panel on the admin dashboard: how many responses are overdue."""

from django.conf import settings
from django.urls import reverse
from wagtail.admin.ui.components import Component

from . import deadlines, handling


class OverdueFeedbackPanel(Component):
    name = "overdue_feedback"
    order = 90  # near the top: before pages awaiting review
    template_name = "feedback/admin/overdue_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        visible = handling.feedback_for_user(self.user)
        context["overdue_count"] = deadlines.overdue(visible).count()
        context["overdue_url"] = reverse("feedback:index") + "?overdue=true"
        context["within_days"] = settings.FEEDBACK_ACKNOWLEDGE_WITHIN_WORKING_DAYS
        return context
