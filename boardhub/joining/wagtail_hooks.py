from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .models import Application, Invitation
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
