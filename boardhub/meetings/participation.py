"""Coming to a meeting is taking part: the members who came (RSVP.attended), for the board's
"active" members and "who takes part" (boardhub.representation)."""

from .models import RSVP

CAME = "Came to a meeting"


def came_to_a_meeting(since, until):
    came = RSVP.objects.filter(
        attended=True,
        member__isnull=False,
        meeting__starts_at__gte=since,
        meeting__starts_at__lt=until,
    )
    return {CAME: came.values("member")}
