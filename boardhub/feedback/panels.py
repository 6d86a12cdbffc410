"""The "Waiting for you" panel on the admin dashboard: what each officer has waiting, from
every app that registers in waiting.waiting_work, each with a link to the listing of it."""

from wagtail.admin.ui.components import Component

from .waiting import waiting_work


class WaitingPanel(Component):
    name = "waiting_for_you"
    order = 90  # near the top: before pages awaiting review
    template_name = "feedback/admin/waiting_panel.html"

    def __init__(self, items):
        self.items = items

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["items"] = self.items
        return context


def waiting_panel_for(user):
    """The panel, or None when nothing registered concerns this officer."""
    items = waiting_work.for_user(user)
    return WaitingPanel(items) if items else None
