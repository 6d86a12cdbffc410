from django.conf import settings
from django.db.models import Count
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from boardhub.core.suppression import is_small

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


def named_it(event):
    """How many applications named the event, small numbers hidden as everywhere else."""
    count = event.application_count
    threshold = settings.BOARDHUB_SMALL_NUMBER_THRESHOLD
    return f"fewer than {threshold}" if is_small(count, threshold) else count


class OutreachEventViewSet(SnippetViewSet):
    """Each event with the number of applications that named it."""

    model = OutreachEvent
    menu_label = "Outreach events"
    icon = "date"
    list_display = [
        "name",
        "date",
        "community",
        "people_came",
        Column("applications", label="Applications that named it", accessor=named_it),
    ]

    def get_queryset(self, request):
        return OutreachEvent.objects.annotate(application_count=Count("applications"))


class RecruitmentGroup(SnippetViewSetGroup):
    menu_label = "Recruitment"
    menu_icon = "group"
    menu_order = 310
    items = (OutreachEventViewSet, HowHeardViewSet)


register_snippet(RecruitmentGroup)
