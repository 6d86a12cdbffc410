"""What impact adds to feedback's admin pages, registered from ImpactConfig.ready() (feedback
sits below impact and may not import it):

- on a response's page, the changes it is linked to and a way to link it to another (the
  listing's "Link to a change" bulk action, for this one response);
- on the dashboard's "Waiting for you" panel, the changes waiting for review.

Each asks linking.can_link_responses or the change record permissions, as the pages it leads
to do, so an officer is never shown a link that would refuse them.
"""

from urllib.parse import urlencode

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Count, Exists, OuterRef, Subquery, Window
from django.db.models.functions import Cast
from django.urls import reverse
from wagtail.models import WorkflowState

from boardhub.feedback.response_page import ResponseSection, SectionAction, SectionItem
from boardhub.feedback.waiting import Waiting

from . import linking
from .models import ChangeFeedbackLink, ChangeRecord

EDIT_URL_NAME = "wagtailsnippets_impact_changerecord:edit"
LIST_URL_NAME = "wagtailsnippets_impact_changerecord:list"
CHANGE_PERMISSIONS = ("impact.change_changerecord", "impact.publish_changerecord")


def may_see_changes(user):
    return user.is_active and any(user.has_perm(perm) for perm in CHANGE_PERMISSIONS)


def link_to_change_url(feedback, next_url):
    """The listing's bulk action, for this one response, back to `next_url` afterwards."""
    from .bulk_actions import LinkToChangeBulkAction  # admin views: not at ready() time

    url = reverse(
        "wagtail_bulk_action",
        args=[
            feedback._meta.app_label,
            feedback._meta.model_name,
            LinkToChangeBulkAction.action_type,
        ],
    )
    return f"{url}?{urlencode({'id': feedback.pk, 'next': next_url})}"


def linked_changes_section(request, feedback):
    """The changes this response is linked to (one query), drafts included, each with where
    it has got to, and the action to link it to another."""
    user = request.user
    links = ChangeFeedbackLink.objects.filter(feedback=feedback).select_related("change")
    can_open = may_see_changes(user)
    items = []
    for link in links:
        change = link.change
        published = "Published" if change.live else "Not published yet"
        items.append(
            SectionItem(
                text=change.title,
                url=reverse(EDIT_URL_NAME, args=[change.pk]) if can_open else "",
                status=f"{change.get_status_display()}. {published}.",
            )
        )
    actions = []
    if linking.can_link_responses(user):
        actions.append(
            SectionAction("Link to a change", link_to_change_url(feedback, request.path))
        )
    return ResponseSection(
        key="linked-changes",
        heading="Changes it is linked to",
        items=items,
        empty="It is not linked to any change yet.",
        actions=actions,
        hint=(
            "When a linked change is published, the person who sent it is told, and its "
            "status becomes “Helped to change something”."
        ),
    )


EXAMPLES_SHOWN = 5


def changes_in_review(user):
    """Change records waiting for someone to review them in their workflow, the few waiting
    longest by name and how many in all: one query however many there are."""
    if not may_see_changes(user):
        return []
    in_review = WorkflowState.objects.filter(
        base_content_type=ContentType.objects.get_for_model(ChangeRecord),
        object_id=Cast(OuterRef("pk"), CharField()),
        status=WorkflowState.STATUS_IN_PROGRESS,
    )
    first = list(
        ChangeRecord.objects.filter(Exists(in_review))
        .annotate(
            total=Window(Count("pk")),
            waiting_since=Subquery(in_review.values("created_at")[:1]),
        )
        .order_by("waiting_since", "pk")  # waiting longest first
        .values_list("pk", "title", "total")[:EXAMPLES_SHOWN]
    )
    count = first[0][2] if first else 0
    examples = tuple((title, reverse(EDIT_URL_NAME, args=[pk])) for pk, title, __ in first)
    return [
        Waiting(
            "changes-in-review",
            count,
            "change (you said, we did) in review",
            "changes (you said, we did) in review",
            "No changes (you said, we did) are in review",
            reverse(LIST_URL_NAME),
            hint="A moderator approves each one before it is published.",
            examples=examples,
            more_text=(
                f"and {count - len(examples)} more, in the list of changes"
                if count > len(examples)
                else ""
            ),
        )
    ]
