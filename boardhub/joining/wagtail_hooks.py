from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Application, HowHeard, Invitation, OutreachEvent
from .viewsets import (
    APPROVED_ACTION,
    DECLINED_ACTION,
    ApplicationViewSet,
    InvitationViewSet,
    application_permission_policy,
    invitation_permission_policy,
)

# Before anything asks Wagtail for these models' policies (see wagtail.permissions).
register_permission_policy(Application, application_permission_policy)
register_permission_policy(Invitation, invitation_permission_policy)


@hooks.register("register_admin_viewset")
def register_joining_viewsets():
    return [ApplicationViewSet(), InvitationViewSet()]


@hooks.register("register_log_actions")
def register_joining_log_actions(actions):
    actions.register_action(APPROVED_ACTION, "Approve application", "Application approved")
    actions.register_action(DECLINED_ACTION, "Decline application", "Application not approved")


class HowHeardViewSet(SnippetViewSet):
    model = HowHeard
    menu_label = "How people hear of us"
    icon = "list-ul"
    list_display = ["name", "is_event", "in_use", "order"]


class OutreachEventViewSet(SnippetViewSet):
    """The events, without counts: how many applications named each is in the recruitment
    view's funnel by event, published with every other event's, since a count shown here
    beside what the funnel hides would give the hidden ones away."""

    model = OutreachEvent
    menu_label = "Outreach events"
    icon = "date"
    list_display = ["name", "date", "community", "people_came"]


class RecruitmentGroup(SnippetViewSetGroup):
    menu_label = "Recruitment"
    menu_icon = "group"
    menu_order = 310
    items = (OutreachEventViewSet, HowHeardViewSet)


register_snippet(RecruitmentGroup)
