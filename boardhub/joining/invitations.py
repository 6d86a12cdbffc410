"""Invitations to join the board: issuing them, finding them from a link, and using them up.

The link carries a random token; the database holds only its SHA-256 hash, so a copy of the
database cannot be turned into working links.
"""

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from boardhub.core.emails import send_templated_email
from boardhub.core.links import absolute_url
from boardhub.members.models import EqualityMonitoring, MemberProfile

from .models import EQUALITY_FIELDS, Invitation, hash_token

# The invitation a visitor arrived with, between opening the link and making their account.
SESSION_KEY = "joining_invitation_id"


def invitation_link(token):
    return absolute_url(reverse("joining:accept", args=[token]))


def send_invitation_email(invitation, token, template_prefix="joining_invitation"):
    send_templated_email(
        template_prefix,
        [invitation.email],
        {
            "name": invitation.name,
            "link": invitation_link(token),
            "expires_at": invitation.expires_at,
            "lifetime_days": settings.INVITATION_LIFETIME_DAYS,
        },
    )


def issue_invitation(
    *, name, email, created_by=None, application=None, template_prefix="joining_invitation"
):
    """Make an invitation and email its link (once the transaction commits)."""
    invitation = Invitation(name=name, email=email, created_by=created_by, application=application)
    token = invitation.set_new_token()
    invitation.save()
    send_invitation_email(invitation, token, template_prefix)
    return invitation


def find_invitation(token):
    """The invitation whose link carries this token, or None (used, expired or not)."""
    if not token or len(token) > 100:
        return None
    return Invitation.objects.filter(token_hash=hash_token(token)).first()


def invitation_in_session(request):
    """The valid invitation this visitor arrived with, if any: unused and not run out."""
    session = getattr(request, "session", None)
    invitation_id = session.get(SESSION_KEY) if session is not None else None
    if not isinstance(invitation_id, int):
        return None
    invitation = Invitation.objects.filter(pk=invitation_id).first()
    if invitation is None or not invitation.is_usable:
        return None
    return invitation


def start_signup(request, invitation):
    """Remember the invitation for allauth's sign-up page, and treat its address as verified:
    the person proved they can read email sent to it by opening the link."""
    from allauth.account.adapter import get_adapter

    request.session[SESSION_KEY] = invitation.pk
    get_adapter(request).stash_verified_email(request, invitation.email)


def use_invitation(request, user):
    """Mark the session's invitation used by `user`, once only, and give them a profile.

    Returns the invitation, or None when it was no longer usable (for example, a second click
    on the button that makes the account). The update is conditional, so two requests racing
    each other cannot both use it.
    """
    invitation = invitation_in_session(request)
    if invitation is None:
        return None
    now = timezone.now()
    with transaction.atomic():
        used = Invitation.objects.filter(
            pk=invitation.pk, accepted_at__isnull=True, expires_at__gt=now
        ).update(accepted_at=now, accepted_by=user)
        if not used:
            return None
        profile, __ = MemberProfile.objects.get_or_create(user=user)
        application = invitation.application
        if application is not None:
            # What they told us when they applied starts off their profile.
            profile.contact_method = application.contact_method
            profile.phone = application.phone
            profile.lived_experience = list(application.lived_experience)
            # "What support do you need to take part?" is what the profile calls "anything
            # else that helps you take part": officers read it on the member's page, and
            # the member can change it in their account.
            if application.support_needs.strip() and not profile.communication_needs.strip():
                profile.communication_needs = application.support_needs.strip()
            if application.formats and not profile.formats:
                profile.formats = list(application.formats)
            profile.save()
            carry_equality_answers(application, user)
    request.session.pop(SESSION_KEY, None)
    invitation.refresh_from_db()
    return invitation


def carry_equality_answers(application, user):
    """The equality questions answered on the application, with consent, become the new
    member's equality monitoring answers: only when all are answered (the member's own form
    asks every one), and never over answers the member has given already."""
    answers = {name: getattr(application, name) for name in EQUALITY_FIELDS}
    if application.equality_consented_at is None or not all(answers.values()):
        return
    EqualityMonitoring.objects.get_or_create(
        user=user, defaults={"consented_at": application.equality_consented_at, **answers}
    )


@transaction.atomic
def renew_invitation(invitation):
    """Send a fresh invitation in place of an expired one, to the same person and address.

    An expired invitation is renewed once: asking again sends nothing more (the new
    invitation is already in their inbox), so nobody can flood an inbox from an old link.
    Returns the new invitation, or None if it was renewed already.
    """
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_expired or invitation.renewed_at is not None:
        return None
    invitation.renewed_at = timezone.now()
    invitation.save(update_fields=["renewed_at"])
    return issue_invitation(
        name=invitation.name,
        email=invitation.email,
        created_by=None,
        application=invitation.application,
        template_prefix="joining_invitation_renewed",
    )


def finish_signup(request, user):
    """Called by the account adapter as allauth saves a new account, inside its transaction.

    Uses up the invitation and marks its address verified. If the invitation was used in the
    meantime (say, by a second click on the button), the account is not made: the exception
    rolls the transaction back and allauth's middleware shows the page it carries.
    """
    from allauth.account.adapter import get_adapter
    from allauth.core.exceptions import ImmediateHttpResponse
    from django.shortcuts import render

    invitation = use_invitation(request, user)
    if invitation is None:
        raise ImmediateHttpResponse(
            render(request, "joining/invitation_used.html", {"signed_in": False}, status=409)
        )
    get_adapter(request).stash_verified_email(request, invitation.email)
    return invitation
