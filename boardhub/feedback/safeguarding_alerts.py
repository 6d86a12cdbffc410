"""Telling the safeguarding team, at once, that a response has been flagged.

When an officer flags a response because someone may be at risk, every active officer who can
open flagged responses (the "Safeguarding" group, or anyone given
`feedback.handle_safeguarding`) gets an email through the background queue, once the flag
has committed: a flag that was rolled back tells nobody, and flagging again (the first flag
is kept) tells nobody twice.

The email holds no content: not the answers, not the reason for the flag, not even the
consultation's title, because an inbox is read in more places and by more people than the
admin. It says only the response's reference and links to its page in the admin, where only
the safeguarding group can open it (and every opening is recorded).
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Q
from django.urls import reverse

from boardhub.core.emails import send_templated_email
from boardhub.core.links import absolute_url

SAFEGUARDING_GROUP = "Safeguarding"
EMAIL_TEMPLATE = "feedback_safeguarding_flagged"


def _permission(codename):
    return Permission.objects.filter(content_type__app_label="feedback", codename=codename)


def safeguarding_team(exclude=None):
    """The active officers with an email address who can open a flagged response: in the
    Safeguarding group, or with the safeguarding permission from a group or themselves (and
    the feedback handler permission that opening any response needs). Superusers are not
    emailed for being superusers: only the people whose work this is. `exclude`: someone not
    to tell (the officer who flagged it knows)."""
    safeguarding = _permission("handle_safeguarding")
    handling = _permission("handle_feedback")
    User = get_user_model()
    may_handle = User.objects.filter(
        Q(groups__permissions__in=handling) | Q(user_permissions__in=handling)
    ).values("pk")
    team = (
        User.objects.filter(is_active=True)
        .exclude(email="")
        .filter(
            Q(groups__name=SAFEGUARDING_GROUP)
            | Q(groups__permissions__in=safeguarding)
            | Q(user_permissions__in=safeguarding)
        )
        .filter(Q(pk__in=may_handle) | Q(is_superuser=True))
        .distinct()
        .order_by("pk")
    )
    if exclude is not None:
        team = team.exclude(pk=exclude.pk)
    return team


def tell_safeguarding_team(feedback, flagged_by=None):
    """Queue one email to each member of the safeguarding team (not the officer who flagged
    it), sent once the current transaction commits. Returns how many people will be told."""
    link = absolute_url(reverse("feedback:inspect", args=[feedback.pk]))
    team = list(safeguarding_team(exclude=flagged_by))
    for officer in team:
        send_templated_email(
            EMAIL_TEMPLATE,
            [officer.email],
            {"officer": officer, "reference": feedback.reference, "link": link},
        )
    return len(team)


def told_in_words(people_told):
    """What the officer who flagged a response reads about who was told."""
    if people_told is None:
        return "It was flagged already, so the safeguarding team was told then."
    if people_told == 0:
        return (
            "Nobody else in the safeguarding team has an email address we can use, "
            "so tell them yourself."
        )
    return "The safeguarding team has been told."
