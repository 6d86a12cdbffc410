"""The benchmark's board meetings (load_bench_data): the demo's year topped up to --meetings
weekly meetings going back years, --actions promises spread over them in every state, and
--rsvps answers from the members, some with support requests, those of past meetings with
who came. Bulk inserts wherever Wagtail allows: each meeting is a page, added to the tree one
by one (without revisions, as an import would), everything else in batches."""

from datetime import timedelta

from django.utils import timezone

from .meetings_demo import LENGTH, WHAT_TO_EXPECT, agenda_for, meeting_start

BATCH_SIZE = 2000
STATUSES = ["done", "done", "in_progress", "open", "open", "dropped"]
ANSWERS = ["in_person", "in_person", "online", "not_coming"]
NEEDS = ["bsl_interpreter", "easy_read", "large_print", "supporter", "travel"]
DROPPED_REASON = "The service it was about has closed."
MINUTES = (
    "<p>The board heard from the council and its partners. A board member asked what would "
    "change for people waiting for a care assessment.</p>"
)


def add_meetings(up_to):
    """Weekly meetings from ten weeks ahead backwards, until there are `up_to`. One in ten
    is for members only; past ones have minutes."""
    from boardhub.meetings.models import MeetingIndexPage, MeetingPage, Venue

    index = MeetingIndexPage.objects.first()
    venues = list(Venue.objects.order_by("pk"))
    existing = MeetingPage.objects.count()
    now = timezone.now()
    for number in range(existing, up_to):
        starts = meeting_start(70 - 7 * number)
        topic = f"Board meeting {number + 1}: what people told us about care at home"
        spec = {"title": topic, "summary": "What board members told us about care at home."}
        index.add_child(
            instance=MeetingPage(
                title=topic,
                slug=f"board-meeting-{number + 1}",
                summary=spec["summary"],
                starts_at=starts,
                ends_at=starts + LENGTH,
                attendance_mode="both" if number % 3 else "in_person",
                venue=venues[number % len(venues)],
                joining_link="https://meet.example.org/larkfield-board" if number % 3 else "",
                audience="members" if number % 10 == 9 else "public",
                chair="The co-chairs of the board",
                what_to_expect=WHAT_TO_EXPECT,
                agenda=agenda_for(spec),
                minutes=MINUTES if starts < now else "",
                decisions=[("decision", "The board will look at this again in six months.")]
                if starts < now
                else [],
            )
        )
    return max(0, up_to - existing)


def add_actions(up_to):
    """Promises spread evenly over the meetings, owned in turn by each partner, in every
    state: done on time or late, in progress, open (overdue once due), dropped with a reason;
    every third with a progress update."""
    from boardhub.meetings.models import Action, ActionUpdate, MeetingPage, Partner

    meetings = list(MeetingPage.objects.order_by("pk").values_list("pk", "starts_at"))
    partners = list(Partner.objects.order_by("pk").values_list("pk", flat=True))
    existing = Action.objects.count()
    actions = []
    for number in range(existing, up_to):
        meeting_id, starts = meetings[number % len(meetings)]
        meeting_day = timezone.localdate(starts)
        due = meeting_day + timedelta(days=30 + 30 * (number % 4))
        status = STATUSES[number % len(STATUSES)]
        actions.append(
            Action(
                promise=f"Promise {number + 1}: write to every carer about short breaks.",
                owner_id=partners[number % len(partners)],
                meeting_id=meeting_id,
                due_on=due,
                status=status,
                done_on=due + timedelta(days=number % 3 * 10 - 10) if status == "done" else None,
                dropped_reason=DROPPED_REASON if status == "dropped" else "",
            )
        )
    made = Action.objects.bulk_create(actions, batch_size=BATCH_SIZE)
    updates = [
        ActionUpdate(
            action=action,
            written_on=action.due_on - timedelta(days=14),
            text="We have started on this.",
        )
        for action in made[::3]
    ]
    ActionUpdate.objects.bulk_create(updates, batch_size=BATCH_SIZE)
    return len(made)


def add_rsvps(up_to):
    """Answers spread over the meetings, each meeting's from different members; one in five
    asks for support; past meetings' answers say whether the member came."""
    from boardhub.meetings.models import RSVP, MeetingPage, SupportRequest
    from boardhub.members.models import User

    meetings = list(MeetingPage.objects.order_by("pk").values_list("pk", "starts_at"))
    members = list(
        User.objects.filter(profile__isnull=False).order_by("pk").values_list("pk", flat=True)
    )
    taken = set(RSVP.objects.values_list("meeting_id", "member_id"))
    now = timezone.now()
    rsvps = []
    existing = RSVP.objects.count()
    number = existing
    while existing + len(rsvps) < up_to and number < up_to * 2:
        meeting_id, starts = meetings[number % len(meetings)]
        member_id = members[(number // len(meetings) + 7 * number) % len(members)]
        answer = ANSWERS[number % len(ANSWERS)]
        number += 1
        if (meeting_id, member_id) in taken:
            continue
        taken.add((meeting_id, member_id))
        rsvps.append(
            RSVP(
                meeting_id=meeting_id,
                member_id=member_id,
                answer=answer,
                attended=(answer != "not_coming" and number % 7 != 0) if starts < now else None,
                may_be_named=number % 4 == 0,
            )
        )
    made = RSVP.objects.bulk_create(rsvps, batch_size=BATCH_SIZE)
    requests = [
        SupportRequest(rsvp=rsvp, need=NEEDS[rsvp.pk % len(NEEDS)], arranged=rsvp.pk % 2 == 0)
        for rsvp in made[::5]
        if rsvp.answer != "not_coming"
    ]
    SupportRequest.objects.bulk_create(requests, batch_size=BATCH_SIZE)
    return len(made)


def targets():
    """The meetings' pages the benchmark reads: the index, the busiest past public meeting,
    the actions page unfiltered and filtered, a partner's page and the open data."""
    from boardhub.meetings.models import ActionsPage, MeetingIndexPage, MeetingPage, Partner

    index = MeetingIndexPage.objects.live().first()
    past = (
        MeetingPage.objects.live()
        .filter(audience="public", ends_at__lt=timezone.now())
        .order_by("-starts_at")
        .first()
    )
    actions = ActionsPage.objects.live().first()
    partner = Partner.objects.order_by("pk").first()
    return {
        "meetings_index": index.url,
        "meeting": past.url,
        "actions": actions.url,
        "actions_filtered": f"{actions.url}?owner={partner.slug}&status=done",
        "partner": f"{actions.url}partners/{partner.slug}/",
        "actions_open_data_csv": f"{actions.url}open-data/csv/",
        "actions_open_data_json": f"{actions.url}open-data/json/",
    }
