"""Each week, every partner's council contact hears which of the partner's actions are
overdue (manage.py email_overdue_actions, a weekly systemd timer). One email a partner, sent
after commit through the mail queue; a partner with none overdue, or no contact, gets none."""

from itertools import groupby

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from boardhub.core.emails import send_templated_email
from boardhub.core.links import absolute_url

from .models import Action


def overdue_by_partner(today=None):
    """[(partner, [actions])] of partners with a council contact and actions overdue."""
    actions = (
        Action.objects.overdue(today)
        .exclude(owner__council_contact_email="")
        .select_related("owner", "meeting")
        .order_by("owner__name", "owner_id", "due_on", "pk")
    )
    return [
        (partner, list(group))
        for partner, group in groupby(actions, key=lambda action: action.owner)
    ]


def email_overdue_actions(today=None):
    """Queue this week's emails; how many partners were emailed."""
    today = today or timezone.localdate()
    found = overdue_by_partner(today)
    with transaction.atomic():
        for partner, actions in found:
            send_templated_email(
                "meetings_overdue_actions",
                [partner.council_contact_email],
                {
                    "partner": partner,
                    "actions": [(action, (today - action.due_on).days) for action in actions],
                    "listing_url": absolute_url(reverse("wagtailsnippets_meetings_action:list")),
                },
            )
    return len(found)
