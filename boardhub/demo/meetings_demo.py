"""The demo site's year of board meetings and the promises made at them (site/demo/meetings.json):
venues, partners, past meetings with minutes and actions in every state (done on time, done
late, dropped, in progress, overdue), a public meeting coming up with an agenda, and a meeting
for members only. Dates are counted from today, so the demo always has a past and a future.
Each part is added only when missing, so loading again changes nothing."""

import json
from datetime import datetime, time, timedelta

from django.conf import settings
from django.utils import timezone

MEETINGS_FILE = settings.BASE_DIR / "site" / "demo" / "meetings.json"
STARTS = time(10, 0)
LENGTH = timedelta(hours=2, minutes=30)

WHAT_TO_EXPECT = (
    "<p>The meeting starts with a welcome and a round of names. There is a break halfway, "
    "with drinks and biscuits. You can leave the room at any time.</p>"
    "<ul><li>Board members, the chair and people from the council and its partners will be "
    "there.</li><li>You can speak, write your question down, or ask a supporter to say it for "
    "you.</li><li>The board team will meet you at the door.</li></ul>"
)


def read_meetings():
    with open(MEETINGS_FILE, encoding="utf-8") as file:
        return json.load(file)


def meeting_start(days_from_today):
    day = timezone.localdate() + timedelta(days=days_from_today)
    return timezone.make_aware(datetime.combine(day, STARTS))


def agenda_for(spec):
    return [
        (
            "item",
            {
                "time": time(10, 0),
                "title": "Welcome",
                "summary": "The chair says hello, and everyone says their name.",
                "led_by": "The co-chairs of the board",
                "papers": [],
            },
        ),
        (
            "item",
            {
                "time": time(10, 15),
                "title": spec["title"].split(": ", 1)[-1].capitalize(),
                "summary": spec["summary"],
                "led_by": "Director of Adult Social Services, Larkfield Council",
                "papers": [],
            },
        ),
        (
            "item",
            {
                "time": time(12, 0),
                "title": "What happens next",
                "summary": "We agree what each partner will do, and by when.",
                "led_by": "The co-chairs of the board",
                "papers": [],
            },
        ),
    ]


def load_meetings(home, author, changes_made):
    """Add what is missing of the demo's meetings under `home`; note each addition."""
    from boardhub.impact.models import ChangeRecord
    from boardhub.meetings.models import (
        Action,
        ActionsPage,
        ActionUpdate,
        InvitedPartner,
        MeetingIndexPage,
        MeetingPage,
        Partner,
        Venue,
    )

    data = read_meetings()
    index = MeetingIndexPage.objects.child_of(home).first()
    if index is None:
        index = home.add_child(
            # Not in the main navigation, which fits one row at 1280 pixels only as it is: the
            # home page's "Next board meeting" links to it.
            instance=MeetingIndexPage(**data["meeting_index"], owner=author)
        )
        index.save_revision(user=author, log_action=True).publish(user=author)
        changes_made.append(f"Made and published the page “{index.title}” ({index.get_url()})")
    if not ActionsPage.objects.child_of(home).exists():
        page = home.add_child(instance=ActionsPage(**data["actions_page"], owner=author))
        page.save_revision(user=author, log_action=True).publish(user=author)
        changes_made.append(f"Made and published the page “{page.title}” ({page.get_url()})")

    venues = []
    for spec in data["venues"]:
        venue, made = Venue.objects.get_or_create(name=spec["name"], defaults=spec)
        venues.append(venue)
        if made:
            changes_made.append(f"Added the venue “{venue.name}”")
    partners = []
    for spec in data["partners"]:
        partner, made = Partner.objects.get_or_create(name=spec["name"], defaults=spec)
        partners.append(partner)
        if made:
            changes_made.append(f"Added the partner “{partner.name}”")

    for spec in data["meetings"]:
        if MeetingPage.objects.child_of(index).filter(title=spec["title"]).exists():
            continue
        starts = meeting_start(spec["days_from_today"])
        meeting = MeetingPage(
            title=spec["title"],
            summary=spec["summary"],
            starts_at=starts,
            ends_at=starts + LENGTH,
            attendance_mode=spec["mode"],
            venue=venues[spec["venue"]],
            joining_link="https://meet.example.org/larkfield-board"
            if spec["mode"] != "in_person"
            else "",
            audience=spec.get("audience", "public"),
            chair="The co-chairs of the board",
            what_to_expect=WHAT_TO_EXPECT,
            agenda=agenda_for(spec),
            minutes=spec.get("minutes", ""),
            easy_read_summary=spec.get("easy_read_summary", ""),
            decisions=[("decision", words) for words in spec.get("decisions", [])],
            owner=author,
        )
        meeting.invited_partners = [InvitedPartner(partner=partners[n]) for n in spec["partners"]]
        index.add_child(instance=meeting)
        meeting.save_revision(user=author, log_action=True).publish(user=author)
        changes_made.append(f"Made and published the meeting “{meeting.title}”")
        meeting_day = timezone.localdate(starts)
        for action_spec in spec["actions"]:
            action = Action.objects.create(
                promise=action_spec["promise"],
                owner=partners[action_spec["owner"]],
                meeting=meeting,
                due_on=meeting_day + timedelta(days=action_spec["due_days"]),
                status=action_spec["status"],
                done_on=meeting_day + timedelta(days=action_spec["done_days"])
                if "done_days" in action_spec
                else None,
                dropped_reason=action_spec.get("dropped_reason", ""),
                change=ChangeRecord.objects.filter(title=action_spec.get("change", "")).first(),
            )
            for number, words in enumerate(action_spec.get("updates", [])):
                ActionUpdate.objects.create(
                    action=action,
                    written_on=meeting_day + timedelta(days=14 * (number + 1)),
                    text=words,
                )
        if spec["actions"]:
            changes_made.append(f"Recorded {len(spec['actions'])} actions from “{meeting.title}”")
