"""Responses from every channel, made in bulk: what `load_bench_data` fills the benchmark's
database with, and what the triage listing's query-count test builds, so the two are alike.

Most responses come in online. The rest an officer recorded (feedback.recording): paper forms,
phone calls, drop-in sessions (each linked to one), advocates and the other channels, each
with its `OfflineRecord` (when and where it was gathered, who recorded it, who helped). One in
TELL_US_EVERY is "Tell us" feedback about a service (on the TellUsPage, with its
`GeneralFeedback`) when there is a TellUsPage. Some of the people who are not members left
contact details and how they want to hear back (`ReplyContact`).

Everything is decided by the response's number, never at random, so the same numbers make
the same responses: the contact details are fictional (Ofcom's drama numbers, example.org).
Rows made in bulk skip `save()`, as everything else `load_bench_data` makes does.
"""

from datetime import timedelta

from boardhub.consultations.models import Channel, Feedback, FeedbackStatus
from boardhub.feedback.models import (
    DropInSession,
    FeedbackKind,
    GeneralFeedback,
    OfflineRecord,
    ReplyContact,
)
from boardhub.feedback.tell_us import KIND_WORDS, NOT_SURE_WORDS, REPLY_WORDS
from boardhub.notifications.choices import ReplyBy

BATCH_SIZE = 2000

# Of every 100 responses, how many came by each channel.
CHANNEL_SHARES = (
    (Channel.ONLINE, 80),
    (Channel.PAPER, 6),
    (Channel.PHONE, 4),
    (Channel.DROP_IN, 4),
    (Channel.SUPPORTER, 2),
    (Channel.IN_PERSON, 1),
    (Channel.EVENT, 1),
    (Channel.EMAIL, 1),
    (Channel.LETTER, 1),
)
# Spread through each hundred (37 and 100 share no factor, so every place is used once).
_CYCLE = [channel for channel, share in CHANNEL_SHARES for _ in range(share)]
CHANNELS = [_CYCLE[place * 37 % 100] for place in range(100)]

TELL_US_EVERY = 20
# One in this many people who are not members, recorded or "Tell us", left contact details.
REPLY_CONTACT_EVERY = 3
REPLY_WAYS = (ReplyBy.POST, ReplyBy.PHONE, ReplyBy.TEXT, ReplyBy.EMAIL, ReplyBy.SUPPORTER)

SESSIONS = (
    ("Digital drop-in", "Brookside community hub"),
    ("Carers' coffee morning", "Millbrook library"),
    ("Drop-in session", "Larkfield town hall"),
    ("Listening event", "Riverside family centre"),
    ("Drop-in session", "Hillcrest day centre"),
)
SUPPORTERS = (
    ("advocate", "Larkfield Advocacy"),
    ("carer", ""),
    ("interpreter", "Larkfield Language Line"),
    ("support worker", "Brookside Supported Living"),
)
PLACES = ("Brookside community hub", "Millbrook library", "At home", "Larkfield town hall")
TELL_US_KINDS = (FeedbackKind.CONCERN, FeedbackKind.COMPLIMENT, FeedbackKind.IDEA)


def channel_for(number):
    return CHANNELS[number % 100]


def is_tell_us(number):
    return number % TELL_US_EVERY == TELL_US_EVERY // 2


def add_sessions(up_to, held_on, opened_by=None):
    """Drop-in sessions, up to `up_to` in all, a week apart back from `held_on`."""
    start = DropInSession.objects.count()
    rows = [
        DropInSession(
            title=SESSIONS[number % len(SESSIONS)][0],
            place=SESSIONS[number % len(SESSIONS)][1],
            held_on=held_on - timedelta(weeks=number),
            opened_by=opened_by,
        )
        for number in range(start, up_to)
    ]
    DropInSession.objects.bulk_create(rows)
    return len(rows)


def make_responses(
    numbers,
    consultations,
    *,
    now,
    tell_us=None,
    services=(),
    sessions=(),
    officer=None,
    member_for=lambda number: None,
    status_for=None,
):
    """Make the responses numbered `numbers` (and what goes with each) in bulk; return them.

    Consultation answers go to `consultations` in turn; "Tell us" ones to `tell_us` (a
    TellUsPage, or None for none) about `services` in turn (and "I'm not sure"). The n-th is
    sent n minutes before `now`, by `member_for(n)` (a user id, or None), with
    `status_for(n)` (by default every status in turn). `sessions` are the drop-in sessions
    drop-in responses were heard at; `officer` recorded the off-line ones."""
    statuses = list(FeedbackStatus.values)
    status_for = status_for or (lambda number: statuses[number % len(statuses)])
    services = list(services)
    rows = []
    for number in numbers:
        tell_us_one = tell_us is not None and is_tell_us(number)
        member = member_for(number)
        channel = channel_for(number)
        reply = wants_reply_contact(number, member, channel, tell_us_one)
        service = None
        if tell_us_one:
            choice = number // TELL_US_EVERY % (len(services) + 1)
            service = services[choice] if choice < len(services) else None  # or "not sure"
        row = Feedback(
            page=tell_us if tell_us_one else consultations[number % len(consultations)],
            member_id=member,
            form_data=tell_us_answers(number, service, reply) if tell_us_one else answers(number),
            submit_time=now - timedelta(minutes=number),
            status=status_for(number),
            channel=channel,
        )
        row.bench_number, row.bench_service = number, service
        row.bench_tell_us, row.bench_reply = tell_us_one, reply
        rows.append(row)
    Feedback.objects.bulk_create(rows, batch_size=BATCH_SIZE)
    for row in rows:  # references come from the ids the database just gave the rows
        row.reference = Feedback.make_reference(row.pk, row.submit_time)
    Feedback.objects.bulk_update(rows, ["reference"], batch_size=BATCH_SIZE)

    sessions = list(sessions)
    OfflineRecord.objects.bulk_create(
        [offline_record(row, sessions, officer) for row in rows if row.channel != Channel.ONLINE],
        batch_size=BATCH_SIZE,
    )
    GeneralFeedback.objects.bulk_create(
        [
            GeneralFeedback(
                feedback=row,
                kind=TELL_US_KINDS[row.bench_number % len(TELL_US_KINDS)],
                service=row.bench_service,
            )
            for row in rows
            if row.bench_tell_us
        ],
        batch_size=BATCH_SIZE,
    )
    ReplyContact.objects.bulk_create(
        [reply_contact(row) for row in rows if row.bench_reply],
        batch_size=BATCH_SIZE,
    )
    return rows


def answers(number):
    return {"answer": f"Answer number {number}."}


def tell_us_answers(number, service, reply):
    """A "Tell us" response's answers, as feedback.tell_us keeps them."""
    kind = TELL_US_KINDS[number % len(TELL_US_KINDS)]
    return {  # as feedback.tell_us keeps them
        "kind": KIND_WORDS[kind],
        "service": service.name if service is not None else NOT_SURE_WORDS,
        "what_happened": f"What happened, number {number}.",
        "what_would_help": "" if number % 2 else f"What would help, number {number}.",
        "wants_reply": "Yes" if reply else "No",
        "reply_by": REPLY_WORDS[reply_way(number)] if reply else "",
    }


def offline_record(row, sessions, officer):
    number = row.bench_number
    session = None
    if row.channel == Channel.DROP_IN and sessions:
        session = sessions[number % len(sessions)]
    supported = row.channel == Channel.SUPPORTER or number % 4 == 0
    role, organisation = SUPPORTERS[number % len(SUPPORTERS)] if supported else ("", "")
    return OfflineRecord(
        feedback=row,
        gathered_on=session.held_on if session else (row.submit_time - timedelta(days=2)).date(),
        gathered_where=session.place if session else PLACES[number % len(PLACES)],
        session=session,
        supporter_role=role,
        supporter_organisation=organisation,
        recorded_by=officer,
        recorded_at=row.submit_time,
    )


def wants_reply_contact(number, member, channel, tell_us_one):
    """Whether someone who is not a member left contact details: online answers to a
    consultation never do (their form does not ask)."""
    if member is not None or (channel == Channel.ONLINE and not tell_us_one):
        return False
    return number % REPLY_CONTACT_EVERY == 1  # (load_bench_data: members are 0)


def reply_way(number):
    return REPLY_WAYS[number // REPLY_CONTACT_EVERY % len(REPLY_WAYS)]


def reply_contact(row):
    number = row.bench_number
    reply_by = reply_way(number)
    return ReplyContact(
        feedback=row,
        name=f"Person {number}",
        email=f"person-{number}@example.org" if reply_by == ReplyBy.EMAIL else "",
        phone=f"07700 900{number % 1000:03d}" if reply_by in (ReplyBy.PHONE, ReplyBy.TEXT) else "",
        postal_address=f"{number % 200 + 1} High Street\nLarkfield"
        if reply_by == ReplyBy.POST
        else "",
        postcode="LA1 1AA" if reply_by == ReplyBy.POST else "",
        reply_by=reply_by,
        supporter_contact="Larkfield Advocacy, 01632 960 444"
        if reply_by == ReplyBy.SUPPORTER
        else "",
        large_print=number % 7 == 0,
        easy_read=number % 5 == 0,
    )
