"""The benchmark's "Who is on the board" (load_bench_data): equality answers for 85 in 100
of the members, --outreach-events (200) over the last four years, and --applications
(10,000) to join, each with how the person heard of the board (and at which event), in every
state; the approved who joined are linked to a member's account. Bulk inserts throughout."""

import itertools
from datetime import timedelta

from django.utils import timezone

from boardhub.members.choices import AgeBand, Disability, EthnicGroup, Sex, UnpaidCare

BATCH_SIZE = 2000
AGREED_ON = timezone.make_aware(timezone.datetime(2025, 4, 1, 10, 0))
# Answers repeated in these proportions, so that some groups are small and some hidden.
WEIGHTS = {
    "age_band": [
        (AgeBand.AGE_45_54, 5),
        (AgeBand.AGE_55_64, 5),
        (AgeBand.AGE_65_74, 4),
        (AgeBand.AGE_35_44, 3),
        (AgeBand.AGE_75_84, 2),
        (AgeBand.AGE_25_34, 2),
        (AgeBand.UNDER_25, 1),
        (AgeBand.AGE_85_PLUS, 1),
    ],
    "sex": [(Sex.FEMALE, 6), (Sex.MALE, 4)],
    "ethnic_group": [
        (EthnicGroup.WHITE_BRITISH, 14),
        (EthnicGroup.ASIAN_INDIAN, 2),
        (EthnicGroup.ASIAN_PAKISTANI, 2),
        (EthnicGroup.BLACK_AFRICAN, 1),
        (EthnicGroup.WHITE_OTHER, 1),
    ],
    "disability": [(Disability.YES_A_LOT, 3), (Disability.YES_A_LITTLE, 3), (Disability.NO, 4)],
    "unpaid_carer": [
        (UnpaidCare.NO, 6),
        (UnpaidCare.UP_TO_19_HOURS, 2),
        (UnpaidCare.HOURS_50_PLUS, 2),
    ],
}


def _cycle(weights):
    return itertools.cycle([value for value, weight in weights for __ in range(weight)])


def add_equality_answers():
    """Answers for 85 in 100 members who have none."""
    from boardhub.members.models import EqualityMonitoring, board_members

    columns = {name: _cycle(weights) for name, weights in WEIGHTS.items()}
    members = (
        board_members().filter(equality__isnull=True).order_by("pk").values_list("pk", flat=True)
    )
    rows = [
        EqualityMonitoring(
            user_id=pk,
            consented_at=AGREED_ON,
            **{name: next(column) for name, column in columns.items()},
        )
        for number, pk in enumerate(members)
        if number % 20 < 17
    ]
    return len(EqualityMonitoring.objects.bulk_create(rows, batch_size=BATCH_SIZE))


def add_outreach_events(up_to):
    from boardhub.joining.models import OutreachEvent

    start = OutreachEvent.objects.count()
    today = timezone.localdate()
    events = [
        OutreachEvent(
            name=f"Outreach event {number + 1}",
            date=today - timedelta(days=7 * number + 3),
            place="Brookside community hub" if number % 2 else "Larkfield library",
            community=["Unpaid carers", "South Asian families", "Deaf people", "Older people"][
                number % 4
            ],
            what_happened="We talked with people about the board and left forms.",
            people_came=10 + number % 40,
        )
        for number in range(start, up_to)
    ]
    return len(OutreachEvent.objects.bulk_create(events, batch_size=BATCH_SIZE))


def add_applications(up_to):
    """Applications in every state; one in four heard at an event; the approved who joined
    have an accepted invitation from a member's account."""
    from boardhub.joining.models import Application, HowHeard, Invitation, OutreachEvent
    from boardhub.members.models import board_members

    start = Application.objects.count()
    sources = list(HowHeard.objects.order_by("pk"))
    at_events = next(source for source in sources if source.is_event)
    events = list(OutreachEvent.objects.order_by("pk").values_list("pk", flat=True))
    members = iter(board_members().order_by("pk").values_list("pk", flat=True))
    statuses = (
        [Application.Status.APPROVED] * 6
        + [Application.Status.NEW] * 2
        + [Application.Status.DECLINED] * 2
    )
    applications = []
    for number in range(start, up_to):
        source = at_events if number % 4 == 0 else sources[number % len(sources)]
        applications.append(
            Application(
                name=f"Applicant {number}",
                email=f"applicant-{number}@example.org",
                consented_at=AGREED_ON,
                status=statuses[number % len(statuses)],
                heard_from=source,
                outreach_event_id=events[number % len(events)]
                if source == at_events and events
                else None,
                created_at=AGREED_ON + timedelta(hours=number),
            )
        )
    made = Application.objects.bulk_create(applications, batch_size=BATCH_SIZE)
    invitations = []
    for application in made:
        if application.status != Application.Status.APPROVED or application.pk % 3 == 0:
            continue  # a third of the approved have not made an account
        member = next(members, None)
        invitation = Invitation(
            name=application.name,
            email=application.email,
            application=application,
            accepted_at=AGREED_ON if member else None,
            accepted_by_id=member,
        )
        invitation.set_new_token()
        invitation.expires_at = AGREED_ON + timedelta(days=28)
        invitations.append(invitation)
    Invitation.objects.bulk_create(invitations, batch_size=BATCH_SIZE)
    return len(made)


def targets():
    from django.urls import reverse

    from boardhub.representation.models import WhoIsOnTheBoardPage

    page = WhoIsOnTheBoardPage.objects.live().first()
    return {
        "who_is_on_the_board": page.url,
        "who_is_on_the_board_easy_read": f"{page.url}easy-read/",
        "make_up": reverse("representation_make_up"),
        "recruitment": reverse("representation_recruitment"),
        "taking_part": reverse("representation_taking_part"),
    }
