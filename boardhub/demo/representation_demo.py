"""The demo site's "Who is on the board" (site/demo/representation.json): the page, two
reference populations for Larkfield (made up, and saying so), and a board of members who
answered the equality questions, so that the page shows gaps, hidden small numbers and
members who did not answer. Each part is added only when missing."""

import itertools
import json
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

REPRESENTATION_FILE = settings.BASE_DIR / "site" / "demo" / "representation.json"
# The demo's board members, made for these figures: they cannot sign in.
MEMBER_EMAIL = "board.member.{}@example.org"
AGREED_ON = datetime(2026, 1, 12, 10, 0, tzinfo=UTC)


def load_representation(home, author, changes):
    from boardhub.representation.models import ReferencePopulation, WhoIsOnTheBoardPage

    spec = json.loads(REPRESENTATION_FILE.read_text(encoding="utf-8"))
    if not WhoIsOnTheBoardPage.objects.exists():
        page = home.add_child(instance=WhoIsOnTheBoardPage(owner=author, **spec["page"]))
        page.save_revision(user=author, log_action=True).publish(user=author)
        changes.append(f"Made and published the page “{page.title}” ({page.get_url()})")
    for reference in spec["references"]:
        if not ReferencePopulation.objects.filter(name=reference["name"]).exists():
            population = ReferencePopulation(**reference)
            population.full_clean()
            population.save()
            changes.append(f"Entered the reference population “{population.name}”")
    members = load_members(spec["members"], changes)
    load_recruitment(spec, members, changes)


def answer_rows(answers):
    """Each characteristic's answers, one a member: [[("age_band", "45_54"), ...], ...]."""
    columns = [
        [(key, value) for value, number in counts for __ in range(number)]
        for key, counts in answers.items()
    ]
    # Rotate each column by a different step, so that answers are mixed across members.
    mixed = [column[step * 7 :] + column[: step * 7] for step, column in enumerate(columns)]
    return [dict(row) for row in zip(*mixed, strict=True)]


def load_members(spec, changes):
    from boardhub.members.models import EqualityMonitoring, MemberProfile

    User = get_user_model()
    rows = answer_rows(spec["answers"])
    total = len(rows) + spec["without_answers"]
    if User.objects.filter(email=MEMBER_EMAIL.format(1)).exists():
        return []
    members = []
    answers_or_none = itertools.chain(rows, itertools.repeat(None))
    for number, answers in zip(range(1, total + 1), answers_or_none, strict=False):
        member = User(email=MEMBER_EMAIL.format(number), display_name=f"Board member {number}")
        member.set_unusable_password()
        members.append((member, answers))
    User.objects.bulk_create([member for member, __ in members])
    MemberProfile.objects.bulk_create(MemberProfile(user=member) for member, __ in members)
    EqualityMonitoring.objects.bulk_create(
        EqualityMonitoring(user=member, consented_at=AGREED_ON, **answers)
        for member, answers in members
        if answers
    )
    changes.append(
        f"Made {total} board members for “Who is on the board”, {len(rows)} with equality answers"
    )
    return [member for member, __ in members]


def load_recruitment(spec, members, changes):
    """Outreach events, and an application for each demo member (approved, and joined) and
    for people still waiting, not approved, or approved who have not made an account yet,
    with how each heard of the board."""
    from boardhub.joining.models import Application, HowHeard, Invitation, OutreachEvent

    if not members:
        return
    today = timezone.localdate()
    events = [
        OutreachEvent.objects.create(date=today - timedelta(days=event.pop("days_ago")), **event)
        for event in (dict(event) for event in spec["outreach_events"])
    ]
    sources = list(HowHeard.objects.all())
    event_source = next((source for source in sources if source.is_event), None)
    extra = spec["applications"]
    statuses = (
        [(Application.Status.APPROVED, member) for member in members]
        + [(Application.Status.NEW, None)] * extra["waiting"]
        + [(Application.Status.DECLINED, None)] * extra["declined"]
        + [(Application.Status.APPROVED, None)] * extra["approved_not_joined"]
    )
    for number, (status, member) in enumerate(statuses, start=1):
        source = sources[number % len(sources)] if sources else None
        application = Application.objects.create(
            name=member.display_name if member else f"Applicant {number}",
            email=member.email if member else f"applicant.{number}@example.org",
            consented_at=AGREED_ON,
            status=status,
            heard_from=source,
            outreach_event=events[number % len(events)] if source == event_source else None,
            decline_reason="The board is full for this area for now."
            if status == Application.Status.DECLINED
            else "",
        )
        if member is not None:
            invitation = Invitation(
                name=application.name, email=member.email, application=application
            )
            invitation.set_new_token()
            invitation.accepted_at = AGREED_ON
            invitation.accepted_by = member
            invitation.save()
    changes.append(f"Added {len(events)} outreach events and {len(statuses)} applications to join")
