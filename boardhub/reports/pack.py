"""What the evidence pack says: its sections, each the officer's commentary, a few sentences,
tables and charts, in the order of the Care Quality Commission's quality statement
"Learning, improvement and innovation". The PDF, the spreadsheet and the CSV files are all
written from these same Tables (pack_documents), so they cannot disagree.

The figures are those of the reports (volume, themes, keeping_in_touch, learning,
accountability), over the responses the officer who asked for the pack may read. Figures
that count people by who they are or how they reached us (channels, members and the public,
the board's make-up) are published through boardhub.core.suppression, as everywhere else:
the pack leaves the council, so no small number goes in it.
"""

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.db.models import Count, Q
from django.utils import timezone

from boardhub.consultations.models import Channel, ConsultationPage, Feedback
from boardhub.core.charts import bar_chart
from boardhub.core.suppression import Count as Counted
from boardhub.core.suppression import in_words, publish
from boardhub.feedback import handling
from boardhub.feedback.models import DropInSession
from boardhub.feedback.quotes import quotes_for_changes
from boardhub.impact.models import ChangeRecord
from boardhub.meetings.models import Action, MeetingPage
from boardhub.representation import figures as representation

from .accountability import accountability
from .keeping_in_touch import keeping_in_touch
from .learning import learning
from .themes import themes
from .volume import volume

MOST_THEMES = 10
NO_FIGURE = "\N{EN DASH}"  # as the reports' tables show a figure there is none of


@dataclass
class Table:
    """A table of the pack: `headings` name its columns (the first, the rows' own); each row
    starts with its heading. A cell is a number or words."""

    title: str
    headings: list
    rows: list
    note: str = ""


@dataclass
class Chart:
    svg: str
    alt: str  # what the chart shows, in words, for the PDF's alt text


@dataclass
class Change:
    record: ChangeRecord
    services: list
    people: int  # how many people's words shaped it
    quotes: list  # [str]: only what an officer marked and the author agreed to


@dataclass
class Section:
    key: str
    title: str
    commentary: str
    sentences: list = field(default_factory=list)
    tables: list = field(default_factory=list)  # [(Table, Chart or None)]
    changes: list = field(default_factory=list)  # [Change], for "what changed"


# (key, title): each section's commentary is the pack's "<key>_commentary".
SECTIONS = (
    ("learning", "Learning from feedback"),
    ("changes", "What changed because of feedback"),
    ("coproduction", "Coproduction"),
    ("reach", "Whom the board reaches"),
)


def sections(pack, step=lambda words, percent: None):
    """The pack's sections, in order. `step(words, percent)` is told of each as it starts."""
    responses = _responses(pack)
    builders = {
        "learning": _learning,
        "changes": _changes,
        "coproduction": _coproduction,
        "reach": _reach,
    }
    built = []
    for number, (key, title) in enumerate(SECTIONS):
        step(f"Counting: {title.lower()}", 10 + 15 * number)
        section = Section(key, title, getattr(pack, f"{key}_commentary"))
        builders[key](section, pack, responses)
        built.append(section)
    return built


def _responses(pack):
    first = _start_of(pack.first_day)
    after_last = _start_of(pack.last_day + timedelta(days=1))
    everything = handling.feedback_for_user(pack.requested_by, Feedback.objects.all())
    return everything.filter(submit_time__gte=first, submit_time__lt=after_last)


def _start_of(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def _days(pack):
    return f"from {pack.period_words}"


def _learning(section, pack, responses):
    figures = volume(responses, pack.first_day, pack.last_day)
    section.sentences.append(
        f"{figures.total} response{'s' if figures.total != 1 else ''} reached the council "
        f"{_days(pack)}, online and off-line."
    )
    months = Table(
        "Responses each month",
        ["Month", "Responses"],
        [[f"{month.start:%B %Y}", month.total] for month in figures.months],
    )
    section.tables.append((months, _bar_chart(months, "responses arrived each month")))

    found = themes(responses, pack.first_day, pack.last_day)
    if found.ranked:
        ranked = Table(
            "The most common themes",
            ["Theme", "Responses"],
            [[theme.name, count] for theme, count in found.ranked[:MOST_THEMES]],
            note="A response can have more than one theme, or none.",
        )
        section.tables.append((ranked, _bar_chart(ranked, "responses were given each theme")))

    waits = keeping_in_touch(responses)
    section.tables.append((_waits_table(waits), None))
    section.tables.append((_told_table(waits), None))
    section.sentences.append(
        f"{waits.waiting_past_target} of these response"
        f"{'s have' if waits.waiting_past_target != 1 else ' has'} not been read and "
        f"acknowledged within {waits.target_days} working days, the time we promise, "
        "and are still waiting."
    )


def _waits_table(waits):
    def row(step, wait, promised):
        within = f"{wait.within_target_percent} in 100" if promised and wait.reached else NO_FIGURE
        return [step, wait.reached, _or_dash(wait.median), _or_dash(wait.ninetieth), within]

    return Table(
        "How long people waited, in working days",
        [
            "Step",
            "Responses that got there",
            "Half waited this long or less",
            "9 in 10 waited this long or less",
            f"Within {waits.target_days} working days",
        ],
        [
            row("Read and acknowledged", waits.first_change, promised=True),
            row("Told the outcome", waits.outcome, promised=False),
        ],
    )


def _told_table(waits):
    return Table(
        "How many people were told of each step",
        ["Step", "Responses", "Told", "Still to be told", "Could not be told", "Nobody to tell"],
        [[s.step, s.reached, s.told, s.waiting, s.could_not, s.nobody] for s in waits.told],
        note="Nobody to tell: sent without a way to reach them, or they asked for no updates.",
    )


def _or_dash(value):
    return NO_FIGURE if value is None else value


def _changes(section, pack, responses):
    figures = learning(responses, pack.first_day, pack.last_day)
    section.sentences.append(
        f"{figures.overall.shaped} of the {figures.overall.responses} responses "
        f"{_days(pack)} helped to change something"
        + (f" ({figures.overall.percent} in 100)." if figures.overall.responses else ".")
    )
    if figures.median_days_to_a_change is not None:
        section.sentences.append(
            f"{figures.closed_with_a_change} of the {figures.closed} consultations that "
            "closed in the period led to a published change; half of those changes were "
            f"published within {round(figures.median_days_to_a_change)} days of closing."
        )
    by_status = Table(
        "Published changes by status",
        ["Status", "Changes"],
        [[label, count] for __, label, count in figures.changes_by_status],
    )
    section.tables.append((by_status, None))
    if figures.by_service:
        section.tables.append(
            (
                Table(
                    "Responses that helped to change something, by service",
                    ["Service", "Responses", "Helped to change something", "In 100"],
                    [
                        [service.name, share.responses, share.shaped, _or_dash(share.percent)]
                        for service, share in figures.by_service
                    ],
                ),
                None,
            )
        )
    section.changes = _published_changes(pack)


def _published_changes(pack):
    """The "you said, we did" records first published in the period, each with its services
    and the number of people whose words shaped it (members once each, however many of
    their responses; each response sent without an account as one person)."""
    records = (
        ChangeRecord.objects.published()
        .filter(
            first_published_at__gte=_start_of(pack.first_day),
            first_published_at__lt=_start_of(pack.last_day + timedelta(days=1)),
        )
        .annotate(
            members=Count("feedback_links__feedback__member", distinct=True),
            without_account=Count(
                "feedback_links", filter=Q(feedback_links__feedback__member__isnull=True)
            ),
        )
        .prefetch_related("service_links__service")
        .order_by("first_published_at", "pk")
    )
    quotes = quotes_for_changes(records)
    return [
        Change(
            record,
            [link.service.name for link in record.service_links.all()],
            record.members + record.without_account,
            quotes.get(record.pk, []),
        )
        for record in records
    ]


def _coproduction(section, pack, responses):
    first, after_last = _start_of(pack.first_day), _start_of(pack.last_day + timedelta(days=1))
    consultations = (
        ConsultationPage.objects.live()
        .filter(opens_at__lt=after_last, closes_at__gte=first)
        .annotate(answers=Count("feedback", filter=Q(feedback__in=responses)))
        .order_by("opens_at", "pk")
    )
    section.tables.append(
        (
            Table(
                "Consultations open in the period",
                ["Consultation", "Opened", "Closed", "Responses in the period"],
                [
                    [c.title, f"{c.opens_at:%-d %B %Y}", f"{c.closes_at:%-d %B %Y}", c.answers]
                    for c in consultations
                ],
            ),
            None,
        )
    )
    meetings = (
        MeetingPage.objects.live()
        .filter(starts_at__gte=first, starts_at__lt=after_last)
        .annotate(members_came=Count("rsvps", filter=Q(rsvps__attended=True)))
        .order_by("starts_at", "pk")
    )
    section.tables.append(
        (
            Table(
                "Board meetings held",
                ["Meeting", "Date", "Members who came"],
                [[m.title, f"{m.starts_at:%-d %B %Y}", m.members_came] for m in meetings],
            ),
            None,
        )
    )
    section.tables.append((_promises_table(pack), None))


def _promises_table(pack):
    due = Action.objects.filter(due_on__gte=pack.first_day, due_on__lte=pack.last_day)
    owners = accountability(actions=due)
    return Table(
        "Promises due in the period, by the partner who made them",
        ["Partner", "Done on time", "Done late", "Overdue now", "Open or in progress", "Dropped"],
        [
            [
                owner.name,
                owner.done_on_time,
                owner.done_late,
                owner.overdue,
                owner.open + owner.in_progress,
                owner.dropped,
            ]
            for owner in owners
        ],
    )


def _reach(section, pack, responses):
    threshold = representation.threshold()
    section.sentences.append(
        f"Counts under {threshold} are shown as “fewer than {threshold}”, and others "
        "near them are hidden, so that nobody can be picked out, even by subtraction."
    )
    channels = responses.values("channel").annotate(count=Count("pk")).order_by()
    by_channel = {row["channel"]: row["count"] for row in channels}
    section.tables.append(
        (
            _suppressed_table(
                "How responses reached us",
                ["How", "Responses"],
                [(label, by_channel.get(value, 0)) for value, label in Channel.choices],
            ),
            None,
        )
    )
    senders = responses.aggregate(
        members=Count("pk", filter=Q(member__isnull=False)),
        public=Count("pk", filter=Q(member__isnull=True)),
    )
    section.tables.append(
        (
            _suppressed_table(
                "Who sent them",
                ["Who", "Responses"],
                [("Board members", senders["members"]), ("The public", senders["public"])],
            ),
            None,
        )
    )
    sessions = DropInSession.objects.filter(
        held_on__gte=pack.first_day, held_on__lte=pack.last_day
    ).annotate(heard=Count("records"))
    section.tables.append(
        (
            Table(
                "Drop-in sessions",
                ["Session", "Date", "People heard"],
                [[str(s), f"{s.held_on:%-d %B %Y}", s.heard] for s in sessions],
            ),
            None,
        )
    )
    for table in representation.tables(detailed=False):
        section.tables.append((_representation_table(table), None))


def _suppressed_table(title, headings, counted):
    """A table of one group of counts, published so no small number shows."""
    tree = Counted(
        "all",
        sum(count for __, count in counted),
        tuple(Counted(str(index), count) for index, (__, count) in enumerate(counted)),
    )
    published = publish(tree, representation.threshold())
    rows = [
        [label, _words(published.child(str(index)))] for index, (label, __) in enumerate(counted)
    ]
    return Table(title, headings, [*rows, ["All", _words(published)]])


def _words(published):
    return in_words(published, representation.threshold())


def _representation_table(table):
    name = table.characteristic.name
    references = table.references
    blanks = [NO_FIGURE] * (1 + len(references))  # no share: not of those who told us
    return Table(
        f"The board's members by {name.lower()}",
        ["Group", "Members", "In 100 who told us", *(str(r) for r in references)],
        [
            [
                row.category.label,
                _words(row.board),
                _or_dash(row.board_percent),
                *(_or_dash(representation.percent(share)) for __, share in row.references),
            ]
            for row in table.rows
        ]
        + [
            ["Prefer not to say", _words(table.prefer_not), *blanks],
            ["Not answered", _words(table.not_answered), *blanks],
        ],
        note="In 100: of the members who told us; each population's share is beside it.",
    )


def _bar_chart(table, what):
    """A bar chart of a two-column table of numbers, with words for its alt text."""
    alt = (
        f"A bar chart: how many {what}. "
        + "; ".join(f"{row[0]}: {row[1]}" for row in table.rows)
        + ". The same figures are in the table that follows."
    )
    svg = bar_chart(
        table.title,
        alt,
        [row[0] for row in table.rows],
        [(table.headings[1], [r[1] for r in table.rows])],
        unit="",
    )
    return Chart(str(svg), alt)
