"""The board's make-up, counted in the database and published only through
boardhub.core.suppression, and set against each reference population.

Everyone on the board is counted in every table: a member who told us their age is in one of
the age groups; one who chose "prefer not to say", or who gave no equality answers (never
agreed, or withdrew), is counted as such, never left out of the total. Shares are of the
members who told us, and a share is shown only beside a shown count.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db.models import Case, Count, Q, Value, When
from django.utils import timezone

from boardhub.core.suppression import Count as Counted
from boardhub.core.suppression import Published, publish, publish_finer, publish_running_totals
from boardhub.members.models import board_members

from .characteristics import CHARACTERISTICS, PREFER_NOT
from .models import ReferencePopulation

ANSWERED, NOT_ANSWERED = "answered", "not_answered"
# A gap this many percentage points or more gets a sentence of its own.
NOTABLE_GAP_POINTS = 5


def threshold():
    return settings.BOARDHUB_SMALL_NUMBER_THRESHOLD


def _counts():
    counts = {"members": Count("pk"), "consented": Count("equality")}
    for characteristic in CHARACTERISTICS:
        field = f"equality__{characteristic.field}"
        for category in (*characteristic.leaves(), None):
            value = category.key if category else PREFER_NOT
            counts[f"{characteristic.key}:{value}"] = Count("pk", filter=Q(**{field: value}))
    return counts


def count_board(members=None):
    """{"members": n, "<characteristic>:<category>": n, ...}: one query."""
    members = board_members() if members is None else members
    return members.aggregate(**_counts())


def count_board_by_joining(starts):
    """count_board for the members who joined before the first of `starts` (datetimes, in
    order), for each between two, and for those who joined since the last: one query."""
    counts = _counts()
    part = Case(
        *(When(date_joined__lt=start, then=Value(index)) for index, start in enumerate(starts)),
        default=Value(len(starts)),
    )
    rows = board_members().annotate(part=part).values("part").annotate(**counts).order_by()
    found = {row.pop("part"): row for row in rows}
    nobody = dict.fromkeys(counts, 0)
    return [found.get(index, nobody) for index in range(len(starts) + 1)]


def tree(characteristic, counts, detailed):
    """The Count tree of one characteristic: members, split into those who told us (split by
    category), "prefer not to say" and "not answered"."""

    def leaf(category):
        return Counted(category.key, counts[f"{characteristic.key}:{category.key}"])

    if characteristic.has_detail:
        groups = []
        for group in characteristic.categories:
            leaves = tuple(leaf(category) for category in group.detailed)
            total = sum(detail.count for detail in leaves)
            groups.append(Counted(group.key, total, leaves if detailed else ()))
    else:
        groups = tuple(leaf(category) for category in characteristic.categories)
    told_us = Counted(ANSWERED, sum(group.count for group in groups), tuple(groups))
    prefer_not = Counted(PREFER_NOT, counts[f"{characteristic.key}:{PREFER_NOT}"])
    not_answered = Counted(NOT_ANSWERED, counts["members"] - counts["consented"])
    return Counted("members", counts["members"], (told_us, prefer_not, not_answered))


@dataclass
class Row:
    """One category of one characteristic, as published."""

    category: object  # characteristics.Category
    board: Published
    share: float | None  # of the members who told us; None where the count is not shown
    references: list  # [(ReferencePopulation, share or None)], in the order of the columns
    level: int = 0  # 1 for a detailed ethnic group under its high-level one

    @property
    def board_percent(self):
        return percent(self.share)

    def gaps(self):
        """[(reference, points)] for each reference with a share, where the board's is shown."""
        if self.share is None:
            return [(reference, None) for reference, __ in self.references]
        return [
            (reference, None if share is None else round((self.share - share) * 100))
            for reference, share in self.references
        ]


@dataclass
class Table:
    characteristic: object
    published: Published
    rows: list
    references: list  # the reference populations that cover this characteristic

    @property
    def members(self):
        return self.published

    @property
    def told_us(self):
        return self.published.child(ANSWERED)

    @property
    def prefer_not(self):
        return self.published.child(PREFER_NOT)

    @property
    def not_answered(self):
        return self.published.child(NOT_ANSWERED)


def tables(*, detailed=False, references=None, counts=None):
    """A Table for each characteristic: the board's published figures beside each reference."""
    counts = count_board() if counts is None else counts
    references = list(ReferencePopulation.objects.all()) if references is None else references
    result = []
    for characteristic in CHARACTERISTICS:
        published = publish(tree(characteristic, counts, False), threshold())
        if detailed and characteristic.has_detail:
            fine = tree(characteristic, counts, True)
            published = publish_finer(published, fine, threshold())
        covering = [(r, r.shares(characteristic.key)) for r in references]
        covering = [(r, shares) for r, shares in covering if shares]
        told_us = published.child(ANSWERED)
        rows = []
        for group in told_us.children:
            rows.append(_row(characteristic, group, told_us, covering, level=0))
            for detail in group.children:
                rows.append(_row(characteristic, detail, told_us, covering, level=1))
        result.append(Table(characteristic, published, rows, [r for r, __ in covering]))
    return result


def _row(characteristic, published, told_us, covering, level):
    """A detailed group's share is of everyone who told us, as the populations' are."""
    category = characteristic.category(published.key)
    share = None
    if published.is_shown and told_us.is_shown and told_us.count:
        share = published.count / told_us.count
    references = [(reference, shares.get(category.key)) for reference, shares in covering]
    return Row(category, published, share, references, level)


@dataclass
class Trend:
    """One characteristic's published counts at the end of each quarter."""

    characteristic: object
    quarters: list  # [date]
    rows: list  # [(category, [Published, one a quarter])]
    totals: list  # [Published "members who told us", one a quarter]


def quarter_ends(today, number):
    """The last `number` quarter ends before today, oldest first."""
    ends = []
    year, quarter = today.year, (today.month - 1) // 3  # the quarter before this one
    for __ in range(number):
        if quarter == 0:
            year, quarter = year - 1, 4
        month = quarter * 3
        ends.append(date(year, month, 31 if month in (3, 12) else 30))
        quarter -= 1
    return list(reversed(ends))


def quarterly_trends(number=8, today=None):
    """The board's make-up at the end of each of the last `number` quarters: the members then
    (joined by that day, and still on the board: someone who left is in no figure), by their
    answers now. One quarter less the one before is who joined in between, so the quarters
    are published together as running totals of the board split by when people joined
    (boardhub.core.suppression.publish_running_totals). One query."""
    today = today or timezone.localdate()
    quarters = quarter_ends(today, number)
    starts = [
        timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min)) for end in quarters
    ]
    parts = count_board_by_joining(starts)
    now = {key: sum(part[key] for part in parts) for key in parts[0]}
    trends = []
    for characteristic in CHARACTERISTICS:
        __, running = publish_running_totals(
            tree(characteristic, now, False),
            [tree(characteristic, part, False) for part in parts],
            threshold(),
        )
        told_us = [quarter.child(ANSWERED) for quarter in running[:number]]
        rows = [
            (category, [quarter.child(category.key) for quarter in told_us])
            for category in characteristic.categories
        ]
        trends.append(Trend(characteristic, quarters, rows, told_us))
    return trends


def percent(share):
    return None if share is None else round(share * 100)


def sentences(table):
    """Plain-English sentences for the notable gaps of one table, the biggest first."""
    found = []
    for row in table.rows:
        if row.level:
            continue
        for reference, points in row.gaps():
            if points is None or abs(points) < NOTABLE_GAP_POINTS:
                continue
            found.append((abs(points), gap_sentence(row, reference, points)))
    return [sentence for __, sentence in sorted(found, key=lambda item: -item[0])]


def gap_sentence(row, reference, points):
    board = row.board_percent
    theirs = percent(dict(row.references)[reference])
    more_or_fewer = "More" if points > 0 else "Fewer"
    return (
        f"{more_or_fewer} {row.category.people} are on the board than among {reference.who}: "
        f"{board} in 100 members who told us are, and {theirs} in 100 {reference.who} are."
    )


def easy_read_lines(table, most=3):
    """The biggest gaps of one table in easy read: one idea a line, at most `most` gaps."""
    found = []
    for row in table.rows:
        for reference, points in row.gaps():
            if row.level or points is None or abs(points) < NOTABLE_GAP_POINTS:
                continue
            more_or_fewer = "more" if points > 0 else "fewer"
            lines = (
                f"There are {more_or_fewer} {row.category.people} on the board.",
                f"{row.board_percent} in 100 members.",
                f"{percent(dict(row.references)[reference])} in 100 {reference.who}.",
            )
            found.append((abs(points), lines))
    return [lines for __, lines in sorted(found, key=lambda item: -item[0])[:most]]


def ranked_gaps(all_tables):
    """Every shown gap of every table, biggest first: [(table, row, reference, points)]."""
    gaps = [
        (table, row, reference, points)
        for table in all_tables
        for row in table.rows
        for reference, points in row.gaps()
        if points is not None
    ]
    return sorted(gaps, key=lambda gap: -abs(gap[3]))
