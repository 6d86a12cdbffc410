from wagtail import hooks
from wagtail.permissions import register_permission_policy

from boardhub.consultations.models import ConsultationPage, Feedback

from . import handling
from .bulk_actions import AcknowledgeBulkAction, AddThemeBulkAction
from .models import SafeguardingFlag
from .panels import OverdueFeedbackPanel
from .viewsets import FeedbackViewSet, feedback_permission_policy

# Before anything asks Wagtail for this model's policy (see wagtail.permissions).
register_permission_policy(Feedback, feedback_permission_policy)


@hooks.register("register_admin_viewset")
def register_feedback_viewset():
    return FeedbackViewSet()


hooks.register("register_bulk_action", AcknowledgeBulkAction)
hooks.register("register_bulk_action", AddThemeBulkAction)


@hooks.register("register_log_actions")
def register_feedback_log_actions(actions):
    for action, label, message in handling.LOG_ACTIONS:
        actions.register_action(action, label, message)


@hooks.register("filter_form_submissions_for_user")
def only_feedback_handlers_see_consultation_answers(user, form_pages):
    """Wagtail's own "Forms" listing: consultation answers only for feedback handlers, and a
    consultation with a response flagged for safeguarding only for the safeguarding group
    (that listing cannot hide one response, so it hides the consultation)."""
    consultations = ConsultationPage.objects.all()
    if not handling.can_handle_feedback(user):
        return form_pages.exclude(pk__in=consultations.values("pk"))
    if not handling.can_handle_safeguarding(user):
        flagged = SafeguardingFlag.objects.values("feedback__page_id")
        return form_pages.exclude(pk__in=flagged)
    return form_pages


@hooks.register("construct_homepage_panels")
def add_overdue_feedback_panel(request, panels):
    if handling.can_handle_feedback(request.user):
        panels.append(OverdueFeedbackPanel(request.user))
