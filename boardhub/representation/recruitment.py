"""Recruitment and taking part, counted in the database and published through
boardhub.core.suppression.

The funnel: applications to join, those approved, those who made their account ("joined")
and those who are active (answered a consultation, sent "Tell us", or came to a meeting in
the last six months). Each row (a way people heard of the board, or an outreach event) is a
tree, applied > approved > joined > active, with what drops out at each step beside it;
the rows add up to the total, and publish_rows hides what would give a small count away.

Taking part: the members who took part in the last quarter, by how, and their make-up beside
the board's (the board split into those who took part and those who did not, published as
rows of the board's own tree, so that nothing is the difference of two shown counts).
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from boardhub.consultations.models import Channel, Feedback
from boardhub.core.registry import participation
from boardhub.core.suppression import Count as Counted
from boardhub.core.suppression import is_small, publish_rows, publish_rows_kept
from boardhub.joining.models import Application, HowHeard, Invitation, OutreachEvent
from boardhub.members.models import board_members

from . import figures
from .characteristics import CHARACTERISTICS

ACTIVE_DAYS = 183  # "in the last six months"
QUARTER_DAYS = 91
STAGES = ("applied", "approved", "joined", "active")
NOT_GIVEN = "not given"


def _responses(since, until):
    return Feedback.objects.filter(
        member__isnull=False, submit_time__gte=since, submit_time__lt=until
    )


def took_part_ids(since, until):
    """Every query of the ids of members who took part, by how: {how: query}."""
    responses = _responses(since, until)
    ways = {
        label: responses.filter(channel=value).values("member") for value, label in Channel.choices
    }
    for took_part in participation():
        ways.update(took_part(since, until))
    return ways


def took_part_at_all(since, until):
    """The ids of members who took part in any way: one query for the responses (whatever
    their channel), and one for each other way registered."""
    queries = [_responses(since, until).values("member")]
    for took_part in participation():
        queries += list(took_part(since, until).values())
    return queries


def in_any(field, queries):
    """A condition: `field` is one of the ids of any of `queries`."""
    condition = Q(pk__in=[])
    for query in queries:
        condition |= Q(**{f"{field}__in": query})
    return condition


def funnel(applied, approved, joined, active):
    return Counted(
        "applied",
        applied,
        (
            Counted(
                "approved",
                approved,
                (
                    Counted(
                        "joined",
                        joined,
                        (Counted("active", active), Counted("not active", joined - active)),
                    ),
                    Counted("not joined", approved - joined),
                ),
            ),
            Counted("not approved", applied - approved),
        ),
    )


def funnel_rows(by):
    """{row key: its counts at each stage}, one query: `by` is "heard_from" or
    "outreach_event"."""
    accepted = Invitation.objects.filter(application=OuterRef("pk"), accepted_by__isnull=False)
    now = timezone.now()
    active = accepted.filter(
        in_any("accepted_by", took_part_at_all(now - timedelta(days=ACTIVE_DAYS), now))
    )
    rows = (
        Application.objects.annotate(has_joined=Exists(accepted), is_active=Exists(active))
        .values(by)
        .annotate(
            applied=Count("pk"),
            approved=Count("pk", filter=Q(status=Application.Status.APPROVED)),
            joined=Count("pk", filter=Q(status=Application.Status.APPROVED, has_joined=True)),
            active=Count("pk", filter=Q(status=Application.Status.APPROVED, is_active=True)),
        )
        .order_by()
    )
    return {row[by] or NOT_GIVEN: tuple(row[stage] for stage in STAGES) for row in rows}


@dataclass
class FunnelRow:
    label: str
    published: object  # the row's published tree

    def stages(self):
        """[(stage, published count)] in order: applied, approved, joined, active."""
        node, found = self.published, []
        for stage in STAGES:
            if stage != "applied":
                node = node.child(stage)
            found.append((stage, node))
        return found


def published_funnel(by, names):
    """(total FunnelRow, [FunnelRow]) for rows by `by`, labelled by `names` ({key: label})."""
    counts = funnel_rows(by)
    for key in names:
        counts.setdefault(key, (0, 0, 0, 0))
    totals = [sum(column) for column in zip(*counts.values(), strict=True)] or [0, 0, 0, 0]
    trees = {key: funnel(*row) for key, row in counts.items()}
    total, rows = publish_rows_kept(funnel(*totals), trees, figures.threshold())
    # In the order of `names` (the list's own order, or the newest event first), then those
    # who did not say.
    order = [*names, *(key for key in counts if key not in names)]
    labelled = [FunnelRow(names.get(key, "Not given"), rows[key]) for key in order]
    return FunnelRow("All applications", total), labelled


def by_source():
    return published_funnel("heard_from", dict(HowHeard.objects.values_list("pk", "name")))


def by_event():
    events = OutreachEvent.objects.order_by("-date")
    return published_funnel("outreach_event", {event.pk: str(event) for event in events})


def recent_events(days=365):
    """What the board did to reach people: its outreach events of the last year."""
    since = timezone.localdate() - timedelta(days=days)
    return OutreachEvent.objects.filter(date__gte=since).order_by("-date")


# Taking part


def took_part_by_how(now=None):
    """[(how, published count of members)] in the last quarter: a member may take part in
    more than one way, so these are separate counts, each hidden when small."""
    now = now or timezone.now()
    members = board_members()
    ways = took_part_ids(now - timedelta(days=QUARTER_DAYS), now)
    counted = members.aggregate(
        **{
            f"way_{number}": Count("pk", filter=Q(pk__in=query))
            for number, query in enumerate(ways.values())
        }
    )
    threshold = figures.threshold()
    found = []
    for number, how in enumerate(ways):
        count = counted[f"way_{number}"]
        found.append((how, None if is_small(count, threshold) else count))
    return found


@dataclass
class TakingPart:
    """One characteristic: for each group, (category, all members, took part, did not)."""

    characteristic: object
    rows: list


def who_takes_part(now=None):
    """For each characteristic, the board split into members who took part in the last
    quarter and those who did not, each count published: [TakingPart]."""
    now = now or timezone.now()
    condition = in_any("pk", took_part_at_all(now - timedelta(days=QUARTER_DAYS), now))
    members = board_members()
    everyone = figures.count_board(members)
    took_part = figures.count_board(members.filter(condition))
    did_not = {key: everyone[key] - took_part[key] for key in everyone}
    result = []
    for characteristic in CHARACTERISTICS:
        trees = {
            "took part": figures.tree(characteristic, took_part, detailed=False),
            "did not": figures.tree(characteristic, did_not, detailed=False),
        }
        total, rows = publish_rows(
            figures.tree(characteristic, everyone, detailed=False), trees, figures.threshold()
        )
        groups = zip(
            *(tree.child(figures.ANSWERED).children for tree in (total, *rows.values())),
            strict=True,
        )
        result.append(
            TakingPart(
                characteristic,
                [(characteristic.category(cells[0].key), *cells) for cells in groups]
                + [("All members", total, rows["took part"], rows["did not"])],
            )
        )
    return result
