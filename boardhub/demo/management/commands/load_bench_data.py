"""`manage.py load_bench_data`: the demo site plus many responses and changes, for `make bench`.

Loads the demo site (load_demo_site, so only development or test settings), then tops up, with
bulk inserts where it can, so that it takes a minute or two on PostgreSQL:

- the consultations to --consultations (500 by default), copies of the demo's with other
  titles and dates: most closed, some open, a few not yet open;
- the easy read guides to --guides (50), copies of the demo's under other titles and topics;
- the members to --members (2,000), each with a profile;
- the responses to --responses (50,000), spread over every consultation, a third of them from
  members, and 40 from the demo member (member@example.org), whose "your feedback" page the
  benchmark reads; from every channel (boardhub.demo.mixed_responses): 80 in 100 online, the
  rest recorded by the demo officer from paper forms, phone calls, drop-in sessions (--sessions,
  20) and the other channels, one in 20 "Tell us" feedback about a service, and some with
  contact details for a reply;
- the services to --services (200);
- the published "you said, we did" changes to --changes (5,000), each with one or two
  services, every other one with a consultation, agreed between 2022 and today;
- the links from responses to those changes to --links (50,000): the older half of the
  responses shape two changes each (never the same one twice), and the rest none;
- the "you said, we did" page under the home page, and the "Tell us" page, if there are none;
- the board meetings to --meetings (500), weekly going back years, with --actions (5,000)
  promised at them and --rsvps (20,000) answers from the members (boardhub.demo.bench_meetings);
- equality answers from 85 in 100 members, --outreach-events (200) and --applications
  (10,000) to join, by how each heard of the board (boardhub.demo.bench_representation).

It writes the addresses the benchmark measures to --targets as JSON. Running it again adds
nothing. Rows made in bulk skip `save()`: the changes have no revisions (as if published
before revisions were kept) and are not in the search index, which the benchmark never uses.
"""

import json
import random
from datetime import date, datetime, time, timedelta
from pathlib import Path

from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from boardhub.consultations.models import (
    CHOICE_TYPES,
    ConsultationIndexPage,
    ConsultationPage,
    ConsultationStatus,
    Feedback,
    FeedbackStatus,
    QuestionType,
)
from boardhub.demo import bench_meetings, bench_representation, mixed_responses
from boardhub.demo.management.commands.load_demo_site import DEMO_ACCOUNTS
from boardhub.easyread.models import EasyReadGuidePage, Topic
from boardhub.feedback.models import DropInSession, TellUsPage
from boardhub.impact.models import (
    ChangeConsultation,
    ChangeFeedbackLink,
    ChangeRecord,
    ChangeService,
    ChangeStatus,
    YouSaidWeDidPage,
)
from boardhub.joining.models import Application, OutreachEvent
from boardhub.meetings.models import RSVP, Action, MeetingPage
from boardhub.members.models import EqualityMonitoring, MemberProfile, User
from boardhub.services.models import Service
from home.models import HomePage

BATCH_SIZE = 2000
FIRST_DAY_AGREED = date(2022, 1, 1)
# The demo member (load_demo_site's account) whose feedback history the benchmark reads.
DEMO_MEMBER = "member@example.org"
DEMO_MEMBER_PASSWORD = next(a.password for a in DEMO_ACCOUNTS if a.email == DEMO_MEMBER)
DEMO_MEMBER_RESPONSES = 40
# The demo officer (Moderators, Feedback handlers): recorded the off-line responses, and
# records more in the benchmark.
DEMO_OFFICER = "officer@example.org"

# Services: every kind of service in every area, named as a council would.
SERVICE_KINDS = [
    ("Home care", "Help at home with washing, dressing and meals."),
    ("Day opportunities", "Places to go in the day to meet people and learn new things."),
    ("Short breaks", "A few days away, or care at home, so that carers can have a rest."),
    ("Supported living", "Your own home, with staff who help you live the way you choose."),
    ("Shared Lives", "Living with, or visiting, a carer and their family."),
    ("Reablement", "Up to six weeks of help to get back on your feet after hospital."),
    ("Carers' assessments", "A talk about what would help you look after someone."),
    ("Equipment and adaptations", "Rails, ramps and other things that make home safer."),
    ("Advocacy", "Someone on your side who helps you say what you want."),
    ("Direct payments support", "Help to use direct payments and to employ your own staff."),
]
AREAS = [
    "Larkfield North", "Larkfield South", "Larkfield East", "Larkfield West", "Brookside",
    "Hillcrest", "Millbrook", "Oakworth", "Riverside", "Stonebridge", "Thornby", "Westmere",
    "Ashford Green", "Bramley", "Castleton", "Denholme", "Elmstead", "Fairfield", "Glenrock",
    "Hartwell",
]  # fmt: skip

# Changes: what the board said and what the council did, in the words they would use.
CHANGES = [
    (
        "Evening visits",
        "Home care visits came too early in the evening. People had to go to bed at 6pm.",
        "Visits can now be booked up to 9pm.",
    ),
    (
        "Easy read letters",
        "Letters about your care were hard to read and full of long words.",
        "Every letter now comes with an easy read version.",
    ),
    (
        "A named contact",
        "People had to tell their story again each time they rang.",
        "Everyone now has one named person to contact, with a direct phone number.",
    ),
    (
        "Quiet rooms",
        "The day centre was too noisy for some people, especially autistic people.",
        "Each day centre now has a quiet room anyone can use.",
    ),
    (
        "Paying carers on time",
        "Carers' payments were often late, and people went without.",
        "Payments now go out on the same day each month. We check every late one.",
    ),
    (
        "Large print forms",
        "The forms were printed too small for people with sight loss to read.",
        "All forms now come in large print, and we offer to fill them in with you.",
    ),
    (
        "Same carer each week",
        "People saw a different carer nearly every visit.",
        "Rotas now keep the same small team of carers for each person.",
    ),
    (
        "Breaks booked sooner",
        "Short breaks had to be booked months ahead, so carers could not plan.",
        "You can now book a short break four weeks ahead.",
    ),
    (
        "Meetings in the afternoon",
        "Reviews were held at 9am, before many people's care had arrived.",
        "Reviews are now at a time you choose.",
    ),
    (
        "Text reminders",
        "People missed appointments because nobody reminded them.",
        "We now send a text the day before, if you want one.",
    ),
]
NOT_POSSIBLE = (
    "There is no money for this in this year's budget. We will look at it again next year "
    "and tell the board what we decide."
)
# How often each status comes up: most changes are done, few were not possible.
STATUS_WEIGHTS = {
    ChangeStatus.DONE: 45,
    ChangeStatus.IN_PROGRESS: 25,
    ChangeStatus.AGREED: 20,
    ChangeStatus.NOT_POSSIBLE: 10,
}
LINK_NOTES = ["", "", "", "Thank you. What you said about this made the difference."]


class Command(BaseCommand):
    help = "Load the demo site, many responses and changes for the benchmark (make bench)."

    def add_arguments(self, parser):
        parser.add_argument("--consultations", type=int, default=500)
        parser.add_argument("--guides", type=int, default=50)
        parser.add_argument("--members", type=int, default=2_000)
        parser.add_argument("--responses", type=int, default=50_000)
        parser.add_argument("--services", type=int, default=200, help="up to 200 more")
        parser.add_argument("--changes", type=int, default=5_000)
        parser.add_argument("--links", type=int, default=50_000)
        parser.add_argument("--sessions", type=int, default=20, help="drop-in sessions")
        parser.add_argument("--meetings", type=int, default=500)
        parser.add_argument("--actions", type=int, default=5_000)
        parser.add_argument("--rsvps", type=int, default=20_000)
        parser.add_argument("--applications", type=int, default=10_000)
        parser.add_argument("--outreach-events", type=int, default=200)
        parser.add_argument("--targets", type=Path, help="Write the pages to measure here.")

    def handle(self, *args, targets, **wanted):
        call_command("load_demo_site", if_empty=True, stdout=self.stdout, stderr=self.stderr)
        with transaction.atomic():
            self.report("Services", Service, self.add_services(wanted["services"]))
            added = self.add_consultations(wanted["consultations"])
            self.report("Consultations", ConsultationPage, added)
            self.report("Easy read guides", EasyReadGuidePage, self.add_guides(wanted["guides"]))
            self.report("Members", User, self.add_members(wanted["members"]))
        consultations = list(ConsultationPage.objects.live().order_by("pk"))
        with transaction.atomic():
            tell_us = self.add_tell_us_page()
            added = mixed_responses.add_sessions(
                wanted["sessions"], timezone.localdate(), opened_by=self.officer()
            )
            self.report("Drop-in sessions", DropInSession, added)
            added = self.add_responses(consultations, wanted["responses"], tell_us)
            self.report("Responses", Feedback, added)
            added = self.add_changes(consultations, wanted["changes"])
            self.report("Changes", ChangeRecord, added)
            self.report("Links to changes", ChangeFeedbackLink, self.add_links(wanted["links"]))
            record = self.add_record_page()
        with transaction.atomic():
            self.report("Meetings", MeetingPage, bench_meetings.add_meetings(wanted["meetings"]))
            self.report("Actions", Action, bench_meetings.add_actions(wanted["actions"]))
            self.report("RSVPs", RSVP, bench_meetings.add_rsvps(wanted["rsvps"]))
        with transaction.atomic():
            added = bench_representation.add_equality_answers()
            self.report("Equality answers", EqualityMonitoring, added)
            added = bench_representation.add_outreach_events(wanted["outreach_events"])
            self.report("Outreach events", OutreachEvent, added)
            added = bench_representation.add_applications(wanted["applications"])
            self.report("Applications", Application, added)
        self.analyse()
        if targets:
            targets.parent.mkdir(parents=True, exist_ok=True)
            found = self.targets(consultations, record, tell_us)
            targets.write_text(json.dumps(found, indent=2))
            self.stdout.write(f"Wrote the pages to measure to {targets}")

    def analyse(self):
        """Gather the planner's statistics, as autovacuum would on a live site within minutes
        of a bulk load: without them PostgreSQL plans every query as if tables were empty."""
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")

    def report(self, what, model, added):
        self.stdout.write(f"{what}: {model.objects.count()} ({added} added)")

    def add_consultations(self, up_to):
        """Copies of the demo's consultations (their questions and services too), live, with
        dates spread over the last three years: 70 in 100 closed, 20 open, 10 not yet open."""
        demo = list(ConsultationPage.objects.live().order_by("pk"))
        start = len(demo)
        nine_am = timezone.localtime().replace(hour=9, minute=0, second=0, microsecond=0)
        for number in range(start, up_to):
            source = demo[number % len(demo)]
            area = AREAS[number % len(AREAS)]
            share = number % 10
            if share < 7:  # closed
                opens_at = nine_am - timedelta(days=60 + number * 2)
            elif share < 9:  # open
                opens_at = nine_am - timedelta(days=number % 20 + 1)
            else:  # not yet open
                opens_at = nine_am + timedelta(days=number % 30 + 1)
            source.copy(
                to=source.get_parent(),
                update_attrs={
                    "title": f"{source.title} in {area}",
                    "slug": f"{source.slug}-{number}",
                    "opens_at": opens_at,
                    "closes_at": opens_at + timedelta(days=42),
                },
                copy_revisions=False,
                log_action=None,
            )
        return max(0, up_to - start)

    def add_guides(self, up_to):
        """Copies of the demo's easy read guides, under every topic in turn."""
        demo = list(EasyReadGuidePage.objects.live().order_by("pk"))
        start = len(demo)
        topics = list(Topic.values)
        for number in range(start, up_to):
            source = demo[number % len(demo)]
            source.copy(
                to=source.get_parent(),
                update_attrs={
                    "title": f"{source.title}: part {number}",
                    "slug": f"{source.slug}-{number}",
                    "topic": topics[number % len(topics)],
                },
                copy_revisions=False,
                log_action=None,
            )
        return max(0, up_to - start)

    def add_members(self, up_to):
        """Members who can't sign in (no usable password), each with a profile."""
        start = User.objects.count()
        password = make_password(None)
        users = User.objects.bulk_create(
            [
                User(
                    email=f"bench-member-{number}@example.org",
                    display_name=f"Member {number}",
                    password=password,
                )
                for number in range(start, up_to)
            ],
            batch_size=BATCH_SIZE,
        )
        MemberProfile.objects.bulk_create(
            [MemberProfile(user=user) for user in users], batch_size=BATCH_SIZE
        )
        return len(users)

    def officer(self):
        return User.objects.filter(email=DEMO_OFFICER).first()

    def add_responses(self, consultations, up_to, tell_us=None):
        """Responses spread over every consultation (and "Tell us"), from every channel: a
        third from members, and one in every 1,250 (40 of 50,000) from the demo member."""
        start = Feedback.objects.count()
        members = list(User.objects.exclude(email=DEMO_MEMBER).values_list("pk", flat=True))
        demo_member = User.objects.get(email=DEMO_MEMBER).pk
        every = max(1, up_to // DEMO_MEMBER_RESPONSES)

        def member(number):
            if number % every == 0:
                return demo_member
            return members[number % len(members)] if number % 3 == 0 else None

        rows = mixed_responses.make_responses(
            range(start, up_to),
            consultations,
            now=timezone.now(),
            tell_us=tell_us,
            services=Service.objects.order_by("pk")[:50],
            sessions=DropInSession.objects.order_by("pk"),
            officer=self.officer(),
            member_for=member,
        )
        return len(rows)

    def add_services(self, up_to):
        wanted = up_to - Service.objects.count()
        taken = set(Service.objects.values_list("slug", flat=True))
        rows = []
        for area in AREAS:
            for kind, description in SERVICE_KINDS:
                name = f"{kind} in {area}"
                if len(rows) < wanted and slugify(name) not in taken:
                    rows.append(
                        Service(
                            name=name,
                            slug=slugify(name),
                            description=description,
                            team="Adult social care",
                        )
                    )
        Service.objects.bulk_create(rows, batch_size=BATCH_SIZE)
        return len(rows)

    def add_changes(self, consultations, up_to):
        """Published changes, each with one or two services and, every other one, a
        consultation. Random, but the same each run (a fixed seed)."""
        start = ChangeRecord.objects.count()
        if start >= up_to:
            return 0
        rng = random.Random(start)
        services = list(Service.objects.order_by("pk"))
        today = timezone.localdate()
        days = (today - FIRST_DAY_AGREED).days
        statuses = rng.choices(
            list(STATUS_WEIGHTS), weights=list(STATUS_WEIGHTS.values()), k=up_to - start
        )
        changes = []
        for number, status in enumerate(statuses, start=start):
            title, you_said, we_did = CHANGES[number % len(CHANGES)]
            area = AREAS[number // len(CHANGES) % len(AREAS)]
            agreed_on = FIRST_DAY_AGREED + timedelta(days=rng.randrange(days + 1))
            done_on = None
            if status == ChangeStatus.DONE:
                done_on = min(today, agreed_on + timedelta(days=rng.randrange(14, 300)))
            published_at = timezone.make_aware(datetime.combine(agreed_on, time(10)))
            changes.append(
                ChangeRecord(
                    title=f"{title} in {area}",
                    you_said=you_said,
                    we_did=we_did,
                    status=status,
                    not_possible_reason=NOT_POSSIBLE if status == ChangeStatus.NOT_POSSIBLE else "",
                    agreed_on=agreed_on,
                    done_on=done_on,
                    live=True,
                    first_published_at=published_at,
                    last_published_at=published_at,
                )
            )
        ChangeRecord.objects.bulk_create(changes, batch_size=BATCH_SIZE)

        service_links = []
        consultation_links = []
        for number, change in enumerate(changes):
            for service in rng.sample(services, k=1 + (number % 3 == 0)):
                service_links.append(ChangeService(change=change, service=service))
            if number % 2 == 0:
                consultation = consultations[number // 2 % len(consultations)]
                consultation_links.append(
                    ChangeConsultation(change=change, consultation=consultation)
                )
        ChangeService.objects.bulk_create(service_links, batch_size=BATCH_SIZE)
        ChangeConsultation.objects.bulk_create(consultation_links, batch_size=BATCH_SIZE)
        return len(changes)

    def add_links(self, up_to):
        """Link responses to changes until there are `up_to` links. Half the responses shape
        changes (two each, with the default numbers) and the rest keep the statuses they had.
        Some changes are shaped far more often than others, as in life, from a few responses
        to hundreds. A response's next change is the one after its last, so no response shapes
        the same change twice."""
        wanted = up_to - ChangeFeedbackLink.objects.count()
        responses = list(Feedback.objects.order_by("pk").values_list("pk", "status"))
        changes = list(ChangeRecord.objects.published().order_by("pk").values_list("pk", flat=True))
        if wanted <= 0 or not responses or not changes:
            return 0
        shaping = responses[len(responses) // 2 :]  # the bench's oldest responses
        existing = set(ChangeFeedbackLink.objects.values_list("change_id", "feedback_id"))
        now = timezone.now()
        rows = []
        for number in range(len(shaping) * len(changes)):
            place, round_number = number % len(shaping), number // len(shaping)
            response, status_before = shaping[place]
            first_change = int(len(changes) * (place * 0.6180339887 % 1) ** 2)
            change = changes[(first_change + round_number) % len(changes)]
            if (change, response) in existing:
                continue
            rows.append(
                ChangeFeedbackLink(
                    change_id=change,
                    feedback_id=response,
                    note=LINK_NOTES[number % len(LINK_NOTES)],
                    linked_at=now,
                    status_before=status_before,
                    announced_at=now,
                )
            )
            if len(rows) == wanted:
                break
        ChangeFeedbackLink.objects.bulk_create(rows, batch_size=BATCH_SIZE)
        Feedback.objects.filter(change_links__isnull=False).exclude(
            status=FeedbackStatus.SHAPED_A_CHANGE
        ).update(status=FeedbackStatus.SHAPED_A_CHANGE)
        return len(rows)

    def add_tell_us_page(self):
        """The "Tell us" page, if the demo site has none."""
        page = TellUsPage.objects.live().first()
        if page is None:
            page = HomePage.objects.first().add_child(
                instance=TellUsPage(
                    title="Tell us",
                    slug="tell-us",
                    intro="<p>Tell us what went well, what worried you, or your idea.</p>",
                )
            )
            self.stdout.write(f"Made the page “{page.title}” ({page.url})")
        return page

    def add_record_page(self):
        record = YouSaidWeDidPage.objects.first()
        if record is None:
            record = HomePage.objects.first().add_child(
                instance=YouSaidWeDidPage(
                    title="You said, we did",
                    slug="you-said-we-did",
                    introduction="What the council changed because of what board members told it.",
                )
            )
            self.stdout.write(f"Made the page “{record.title}” ({record.url})")
        return record

    def targets(self, consultations, record, tell_us):
        open_public = next(
            page
            for page in consultations
            if page.status == ConsultationStatus.OPEN and page.audience == "everyone"
        )
        # The service with the most published changes: its page is the longest.
        busiest = (
            Service.objects.filter(change_links__change__live=True)
            .annotate(changes=Count("change_links"))
            .order_by("-changes", "pk")
            .first()
        )
        demo_guide = EasyReadGuidePage.objects.live().order_by("pk").first()
        return {
            "home": "/",
            "index": ConsultationIndexPage.objects.live().first().url,
            "consultation": open_public.url,
            "answers": {
                field.clean_name: valid_answer(field) for field in open_public.get_form_fields()
            },
            "you_said_we_did": record.url,
            "you_said_we_did_filtered": f"{record.url}?service={busiest.slug}&status=done",
            "service": record.url + record.reverse_subpage("service", args=[busiest.slug]),
            "guide": demo_guide.url,
            "feedback_history": reverse("members:feedback"),
            "member": {"email": DEMO_MEMBER, "password": DEMO_MEMBER_PASSWORD},
            "open_data_csv": record.open_data_url("csv"),
            "open_data_json": record.open_data_url("json"),
            # The other ways in: an officer records a paper form in the admin (its key, and
            # the form's, come from the page each time), and a visitor sends "Tell us".
            "officer": {"email": DEMO_OFFICER},
            "record_response": reverse("feedback:record_response", args=[open_public.pk]),
            "record_answers": {
                **{
                    field.clean_name: valid_answer(field) for field in open_public.get_form_fields()
                },
                **recorded_paper_form(),
            },
            "tell_us": tell_us.url,
            "tell_us_answers": {
                "kind": "concern",
                "service": str(Service.objects.order_by("pk").values_list("pk", flat=True)[0]),
                "what_happened": "The carer came two hours late, and nobody rang to say.",
                "what_would_help": "Ring me when they are running late.",
                "wants_reply": "yes",
                "reply_by": "text",
                "phone": "07700 900 982",
            },
            # The officers' triage listing, read in-process for its query count.
            "triage": reverse("feedback:index"),
            "triage_by_channel": reverse("feedback:index") + "?channel=paper",
            # Reports over every response of the last twelve months, and narrowed.
            "volume_report": reverse("reports_volume"),
            "volume_report_by_channel": reverse("reports_volume") + "?channel=paper",
            "themes_report": reverse("reports_themes"),
            "keeping_in_touch_report": reverse("reports_keeping_in_touch"),
            "learning_report": reverse("reports_learning"),
            "accountability_report": reverse("reports_accountability"),
            **bench_meetings.targets(),
            **bench_representation.targets(),
        }


def recorded_paper_form():
    """How an officer records a paper form from someone who gave their name and address and
    wants a letter back (feedback.recording_forms.RecordForm, prefix "record")."""
    fields = {
        "channel": "paper",
        "gathered_on": (timezone.localdate() - timedelta(days=1)).isoformat(),
        "gathered_where": "Brookside community hub",
        "session": "",
        "supporter_role": "advocate",
        "supporter_organisation": "Larkfield Advocacy",
        "supporter_name": "",
        "who": "person",
        "member": "",
        "name": "Alex Example",
        "email": "",
        "phone": "",
        "postal_address": "1 High Street\nLarkfield",
        "postcode": "LA1 1AA",
        "reply_by": "post",
        "supporter_contact": "",
    }
    return {f"record-{name}": value for name, value in fields.items()}


def valid_answer(field):
    """An answer the question accepts, as a browser would post it."""
    if field.field_type == QuestionType.AGREEMENT:
        return "4"
    if field.field_type in CHOICE_TYPES:
        separator = "\n" if "\n" in field.choices else ","
        return field.choices.split(separator)[0].strip()
    return "A short answer from the benchmark."
