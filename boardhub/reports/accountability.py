"""The accountability report: the promises made at board meetings, by the partner who owns
them: how many are open, in progress, done on time, done late and dropped, and how many
are overdue now. One grouped query; "overdue", "on time" and "late" come from the dates
(meetings.models.ActionQuerySet.with_timeliness), as everywhere else."""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from boardhub.meetings.models import Action, ActionStatus


@dataclass
class Owner:
    pk: int
    name: str
    open: int
    in_progress: int
    done_on_time: int
    done_late: int
    dropped: int
    overdue: int

    @property
    def total(self):
        return self.open + self.in_progress + self.done_on_time + self.done_late + self.dropped


def accountability(today=None, actions=None):
    """[Owner] of `actions` (all of them unless given), the most overdue first, then the
    most actions."""
    today = today or timezone.localdate()
    actions = Action.objects.all() if actions is None else actions
    rows = (
        actions.with_timeliness(today)
        .values("owner", "owner__name")
        .annotate(
            open=Count("pk", filter=Q(status=ActionStatus.OPEN)),
            in_progress=Count("pk", filter=Q(status=ActionStatus.IN_PROGRESS)),
            done_on_time=Count("pk", filter=Q(done_on_time=True)),
            done_late=Count("pk", filter=Q(done_late=True)),
            dropped=Count("pk", filter=Q(status=ActionStatus.DROPPED)),
            overdue=Count("pk", filter=Q(is_overdue=True)),
        )
        .order_by()
    )
    owners = [Owner(row.pop("owner"), row.pop("owner__name"), **row) for row in rows]
    return sorted(owners, key=lambda owner: (-owner.overdue, -owner.total, owner.name))
