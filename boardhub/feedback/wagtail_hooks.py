from django.db.models import Count
from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.models import Page
from wagtail.permissions import register_permission_policy

from boardhub.consultations.models import ConsultationPage, Feedback
from boardhub.core.page_deletion import at_or_below, pages_bulk_deleted

from . import deleting, handling, quotes, recording
from .bulk_actions import AcknowledgeBulkAction, AddThemeBulkAction
from .models import TellUsPage
from .one_door import triage_listing_url
from .panels import waiting_panel_for
from .viewsets import FeedbackViewSet, feedback_permission_policy

# Before anything asks Wagtail for this model's policy (see wagtail.permissions).
register_permission_policy(Feedback, feedback_permission_policy)


@hooks.register("register_admin_viewset")
def register_feedback_viewset():
    return FeedbackViewSet()


class FeedbackHandlersMenuItem(MenuItem):
    def is_shown(self, request):
        return handling.can_handle_feedback(request.user)


# Next to "Feedback" (the triage listing, menu_order 250). Not a submenu under it: the
# sidebar's "Feedback" link stays a link, as officers (and the browser tests) know it.
@hooks.register("register_admin_menu_item")
def record_a_response_menu_item():
    return FeedbackHandlersMenuItem(
        "Record a response", reverse("feedback:record"), icon_name="edit", order=251
    )


@hooks.register("register_admin_menu_item")
def drop_in_sessions_menu_item():
    return FeedbackHandlersMenuItem(
        "Drop-in sessions", reverse("feedback:sessions"), icon_name="group", order=252
    )


hooks.register("register_bulk_action", AcknowledgeBulkAction)
hooks.register("register_bulk_action", AddThemeBulkAction)


@hooks.register("register_log_actions")
def register_feedback_log_actions(actions):
    for action, label, message in (
        *handling.LOG_ACTIONS,
        *recording.LOG_ACTIONS,
        *quotes.LOG_ACTIONS,
    ):
        actions.register_action(action, label, message)
    actions.register_action(deleting.DELETED)(deleting.DeletedFormatter)


@hooks.register("filter_form_submissions_for_user")
def consultation_answers_only_through_triage(user, form_pages):
    """Nobody reads, downloads or deletes a consultation's answers through Wagtail's own form
    submission views (one_door.py says why): they are no one's forms there, so those views
    refuse them and Wagtail's "Forms" menu item and listing leave them out."""
    return form_pages.exclude(pk__in=ConsultationPage.objects.values("pk"))


class ConsultationResponsesButton(PageMenuItem):
    """A consultation's responses, in the triage listing, from the page's buttons."""

    label = "Responses"
    icon_name = "comment"
    priority = 45

    def is_shown(self, user):
        return handling.can_handle_feedback(user)


def responses_button(page):
    if issubclass(page.specific_class or type(page), (ConsultationPage, TellUsPage)):
        yield ConsultationResponsesButton(url=triage_listing_url(page.pk), page=page)


@hooks.register("register_page_listing_more_buttons")
def consultation_responses_in_page_listings(page, user, next_url=None):
    yield from responses_button(page)


@hooks.register("register_page_header_buttons")
def consultation_responses_in_page_headers(page, user, view_name, next_url=None):
    yield from responses_button(page)


@hooks.register("construct_homepage_panels")
def add_waiting_panel(request, panels):
    panel = waiting_panel_for(request.user)
    if panel is not None:
        panels.append(panel)


# Deleting a consultation page would delete its responses with it, with no reason and none
# of the checks in deleting.py: refused while it (or a page under it) has any.


def consultations_with_responses(pages):
    """Consultations among `pages` and everything under them that have responses, each with
    how many."""
    return (
        at_or_below(Page.objects.type(ConsultationPage, TellUsPage), pages)  # "Tell us" too
        .annotate(response_count=Count("feedback"))  # Wagtail's FormSubmission.page
        .filter(response_count__gt=0)
        .order_by("title", "pk")
    )


def refuse_to_delete_pages_with_responses(request, pages):
    consultations = list(consultations_with_responses(pages))
    if not consultations:
        return None
    names = ", ".join(f"“{page.title}”" for page in pages)
    return TemplateResponse(
        request,
        "feedback/admin/page_delete_refused.html",
        {
            "page_title": f"You cannot delete {names}",
            "header_title": f"You cannot delete {names}",
            "consultations": [
                (consultation, consultation.response_count, triage_listing_url(consultation.pk))
                for consultation in consultations
            ],
        },
        status=409 if request.method == "POST" else 200,
    )


@hooks.register("before_delete_page")
def refuse_to_delete_consultations_with_responses(request, page):
    return refuse_to_delete_pages_with_responses(request, [page])


@hooks.register("before_bulk_action")
def refuse_to_bulk_delete_consultations_with_responses(
    request, action_type, objects, action_class_instance
):
    pages = pages_bulk_deleted(action_type, objects)
    return refuse_to_delete_pages_with_responses(request, pages) if pages else None
