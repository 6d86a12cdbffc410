"""A member's communication needs, for the officers who reply to people: the "About the
person" page in the admin, and the section on each response from a member that links to it.

What it shows: how they want to be contacted (and the one line "how to contact this person"),
the formats that work for them, another language, what helps them take part, and their
supporter. What it never shows: their equality monitoring answers (kept for the board's
figures only, never tied to a person in front of an officer) nor "what you bring to the
board" (lived experience, which can say more about their health than an officer replying
needs). Who may see it: the feedback groups (feedback.handle_feedback) and superusers, the
same rule as the responses it is linked from; each opening is written to the audit log.
(Formats will also pre-fill meeting support when meetings arrive: a later issue.)
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from wagtail import hooks
from wagtail.log_actions import log

from boardhub.members.choices import ContactMethod, Format
from boardhub.members.models import MemberProfile
from boardhub.notifications.recipients import Recipient, how_to_contact

from . import handling
from .response_page import ResponseSection, SectionAction, SectionItem, response_sections

VIEWED = "boardhub.feedback.member_needs_viewed"
LOG_ACTIONS = ((VIEWED, "Open a member's communication needs", "Communication needs opened"),)


def can_see_member_needs(user):
    return user.is_active and (user.is_superuser or handling.can_handle_feedback(user))


def member_page_url(user_id):
    return reverse("feedback_member_needs", args=[user_id])


def needs_in_words(profile):
    """[(label, value)] of the member's communication needs; empty values say so."""
    if profile is None:
        return [("Communication needs", "They have not told us about any")]
    formats = dict(Format.choices)
    supporter = ", ".join(
        part for part in (profile.supporter_name.strip(), profile.supporter_contact.strip()) if part
    )
    return [
        (
            "How they want us to contact them",
            dict(ContactMethod.choices).get(profile.contact_method, profile.contact_method),
        ),
        (
            "Formats that work for them",
            ", ".join(formats.get(value, value) for value in profile.formats or []) or "None given",
        ),
        ("Another language", profile.other_language.strip() or "None given"),
        ("What helps them take part", profile.communication_needs.strip() or "Nothing given"),
        ("Their supporter", supporter or "None given"),
    ]


def member_needs(request, user_id):
    """The member's communication needs, read-only."""
    if not can_see_member_needs(request.user):
        raise PermissionDenied
    member = get_object_or_404(get_user_model(), pk=user_id)
    profile = MemberProfile.objects.filter(user=member).first()
    if profile is not None:
        member.profile = profile  # for Recipient.for_member, without asking again
    log(member, VIEWED, user=request.user)
    response = TemplateResponse(
        request,
        "feedback/admin/member_needs.html",
        {
            "member": member,
            "needs": needs_in_words(profile),
            "how_to_contact": how_to_contact(Recipient.for_member(member)),
            "page_title": f"About {member}",
            "header_title": f"About {member}",
            "breadcrumbs_items": [
                {"url": reverse("wagtailadmin_home"), "label": "Home"},
                {"url": "", "label": f"About {member}"},
            ],
        },
    )
    response["Cache-Control"] = "private, no-store"
    return response


@hooks.register("register_admin_urls")
def member_needs_urls():
    return [path("board-members/<int:user_id>/", member_needs, name="feedback_member_needs")]


@hooks.register("register_log_actions")
def register_member_needs_log_actions(actions):
    for action, label, message in LOG_ACTIONS:
        actions.register_action(action, label, message)


def about_the_person_section(request, feedback):
    """On a response from a member: their communication needs in a line, and their page."""
    if feedback.member_id is None or not can_see_member_needs(request.user):
        return None
    profile = MemberProfile.objects.filter(user_id=feedback.member_id).first()
    needs = [f"{label}: {value}" for label, value in needs_in_words(profile)[1:4]]
    return ResponseSection(
        key="about-the-person",
        heading="About the person",
        items=[SectionItem(text) for text in needs],
        actions=[
            SectionAction("See their communication needs", member_page_url(feedback.member_id))
        ],
        hint="Their equality monitoring answers are never shown here.",
    )


response_sections.register(about_the_person_section)
