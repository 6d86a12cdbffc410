"""A year of the board's work for the demo's reports and evidence pack: the two consultations
of site/demo/content.json that ran earlier in the year each get people's responses while
they were open, by every channel, with themes and the steps officers took (read within a few
working days, most with an outcome), and a change each, published some weeks after it closed
and linked to the responses that shaped it. Two people who left contact details agreed to be
quoted, and an officer marked their words.

Everything is decided by the response's number, never at random, so the same demo is made
each time; the people are anonymous (no member's name or account is used). Rows are made in
bulk: every browser test loads the demo afresh.
"""

from datetime import timedelta

from django.db.models import Count
from django.utils import timezone

from boardhub.consultations.models import Channel, Feedback, FeedbackStatus

# The consultations that ran earlier in the year (slugs in content.json), and how many
# people answered each.
PAST_CONSULTATIONS = {"getting-out-and-about": 48, "money-and-charges": 64}
# Four in five online, as in the benchmark's data (demo.mixed_responses); the rest an officer
# recorded. (Drop-in responses belong to a session: the demo's own channel journey opens one.)
CHANNELS = [Channel.ONLINE] * 16 + [
    Channel.PAPER,
    Channel.PHONE,
    Channel.IN_PERSON,
    Channel.SUPPORTER,
]
ANSWERS = (
    "The bus does not come to our road, so I miss the day centre when it rains.",
    "Nobody told me what I would have to pay until the bill came.",
    "My carer helps me fill in the forms. They are too long and the words are hard.",
    "The staff at the centre are kind and they listen to me.",
    "I would like to know who to ring when the letter is wrong.",
    "Getting a taxi with my wheelchair takes days to book.",
    "The easy read leaflet helped me understand my choices.",
    "I waited weeks for someone to call me back.",
)
# Working days from sending to being read, in turn; and which responses get an outcome.
READ_AFTER_DAYS = (1, 2, 3, 2, 4, 6, 1, 9, 3, 12)
OUTCOMES = (FeedbackStatus.NO_ACTION_NEEDED, FeedbackStatus.NOT_TAKEN_FORWARD)
# These numbers of each consultation, recorded by an officer with their contact details (an
# online answer to a consultation leaves none), agreed to be quoted; both shaped its change.
QUOTED = (18, 36)
CHANGES = {
    "getting-out-and-about": (
        "Taxis for wheelchair users can be booked the day before",
        "People said accessible taxis took days to book, so they missed things.",
        "The council's taxi contract now says a wheelchair taxi can be booked a day ahead.",
    ),
    "money-and-charges": (
        "A letter about charges before care starts",
        "People said nobody told them what they would pay until the bill came.",
        "Everyone now gets a letter in plain English, or easy read, before care starts.",
    ),
}
CHANGE_AFTER_CLOSING = timedelta(days=24)


def load_reports_year(author, officer, changes):
    """`officer` handles and records the responses; `author` publishes the changes."""
    from boardhub.consultations.models import ConsultationPage

    found = ConsultationPage.objects.filter(slug__in=PAST_CONSULTATIONS).annotate(
        answers=Count("feedback")
    )
    for consultation in found:
        if consultation.answers:
            continue  # made already
        responses = _responses(consultation, PAST_CONSULTATIONS[consultation.slug], officer)
        _steps(responses, officer)
        _change(consultation, responses, author)
        _quotes(responses, officer)
        changes.append(
            f"Sent {len(responses)} responses to “{consultation.title}”, handled them and "
            "published the change they shaped"
        )


def _responses(consultation, number_of, officer):
    """The responses, sent evenly through the weeks it was open, each with two themes."""
    from boardhub.feedback.models import FeedbackTheme, OfflineRecord, Theme

    question = consultation.get_form_fields()[0].clean_name
    window = consultation.closes_at - consultation.opens_at
    made = Feedback.objects.bulk_create(
        [
            Feedback(
                page=consultation,
                form_data={question: ANSWERS[number % len(ANSWERS)]},
                channel=CHANNELS[number % len(CHANNELS)],
            )
            for number in range(number_of)
        ]
    )
    for number, feedback in enumerate(made):
        feedback.number = number
        # submit_time is set on insert (auto_now_add), so it is moved back afterwards.
        feedback.submit_time = consultation.opens_at + window * (number + 1) / (number_of + 1)
        feedback.reference = Feedback.make_reference(feedback.pk, feedback.submit_time)
    Feedback.objects.bulk_update(made, ["submit_time", "reference"])
    OfflineRecord.objects.bulk_create(
        [
            OfflineRecord(
                feedback=feedback,
                gathered_on=timezone.localdate(feedback.submit_time),
                gathered_where="Brookside community hub",
                recorded_by=officer,
                recorded_at=feedback.submit_time,
            )
            for feedback in made
            if feedback.channel != Channel.ONLINE
        ]
    )
    themes = list(Theme.objects.order_by("name"))
    FeedbackTheme.objects.bulk_create(
        [
            FeedbackTheme(feedback=feedback, theme=theme)
            for feedback in made
            for theme in {
                themes[feedback.number % len(themes)],
                themes[feedback.number * 3 % len(themes)],
            }
        ]
    )
    return made


def _steps(responses, officer):
    """Read after a few working days; three in four given an outcome a fortnight later."""
    from boardhub.feedback.models import StatusChange

    steps = []
    for feedback in responses:
        read_at = _working_days_after(
            feedback.submit_time, READ_AFTER_DAYS[feedback.number % len(READ_AFTER_DAYS)]
        )
        moves = [(FeedbackStatus.RECEIVED, FeedbackStatus.ACKNOWLEDGED, read_at)]
        if feedback.number % 4:
            outcome = OUTCOMES[feedback.number % len(OUTCOMES)]
            moves.append((FeedbackStatus.ACKNOWLEDGED, outcome, read_at + timedelta(days=14)))
        for before, after, when in moves:
            if when > timezone.now():
                break
            steps.append(
                StatusChange(
                    feedback=feedback,
                    from_status=before,
                    to_status=after,
                    changed_by=officer,
                    changed_at=when,
                )
            )
            feedback.status = after
    StatusChange.objects.bulk_create(steps)
    Feedback.objects.bulk_update(responses, ["status"])


def _working_days_after(moment, days):
    while days:
        moment += timedelta(days=1)
        days -= moment.weekday() < 5
    return moment


def _change(consultation, responses, author):
    """The change the consultation led to, published some weeks after it closed, shaped by
    one response in three."""
    from boardhub.impact.models import (
        ChangeConsultation,
        ChangeFeedbackLink,
        ChangeRecord,
        ChangeService,
        ChangeStatus,
    )

    title, you_said, we_did = CHANGES[consultation.slug]
    change = ChangeRecord(
        title=title,
        you_said=you_said,
        we_did=we_did,
        status=ChangeStatus.DONE,
        agreed_on=timezone.localdate(consultation.closes_at + timedelta(days=10)),
        done_on=timezone.localdate(consultation.closes_at + CHANGE_AFTER_CLOSING),
        live=False,
    )
    change.service_links = [ChangeService(service=s) for s in consultation.services.all()]
    change.consultation_links = [ChangeConsultation(consultation=consultation)]
    change.save()
    change.save_revision(user=author, log_action=True).publish(user=author)
    published_at = consultation.closes_at + CHANGE_AFTER_CLOSING
    ChangeRecord.objects.filter(pk=change.pk).update(
        first_published_at=published_at, last_published_at=published_at
    )
    shaped = [feedback for feedback in responses if feedback.number % 3 == 0]
    ChangeFeedbackLink.objects.bulk_create(
        [
            ChangeFeedbackLink(
                change=change, feedback=feedback, linked_by=author, linked_at=published_at
            )
            for feedback in shaped
        ]
    )
    Feedback.objects.filter(pk__in=[f.pk for f in shaped]).update(
        status=FeedbackStatus.SHAPED_A_CHANGE
    )


def _quotes(responses, officer):
    from boardhub.feedback import quotes
    from boardhub.feedback.models import ReplyContact
    from boardhub.notifications.choices import ReplyBy

    for feedback in responses:
        if feedback.number not in QUOTED:
            continue
        ReplyContact.objects.create(
            feedback=feedback,
            reply_by=ReplyBy.EMAIL,
            email=f"agreed.to.be.quoted.{feedback.pk}@example.org",
            may_quote=True,
        )
        words = next(iter(feedback.form_data.values())).split(",")[0].rstrip(".") + "."
        quotes.mark(feedback, words, officer)
