"""`manage.py load_bench_data`: the demo site plus many responses, for `make bench`.

Loads the demo site (load_demo_site, so only development or test settings), tops the
responses up to --responses (10,000 by default) spread over every consultation, and writes
the addresses the benchmark measures to --targets as JSON. Running it again adds nothing.
"""

import json
from datetime import timedelta
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from boardhub.consultations.models import (
    CHOICE_TYPES,
    ConsultationIndexPage,
    ConsultationPage,
    ConsultationStatus,
    Feedback,
    FeedbackStatus,
    QuestionType,
)


class Command(BaseCommand):
    help = "Load the demo site and many responses for the benchmark (make bench)."

    def add_arguments(self, parser):
        parser.add_argument("--responses", type=int, default=10_000)
        parser.add_argument("--targets", type=Path, help="Write the pages to measure here.")

    def handle(self, *args, responses, targets, **options):
        call_command("load_demo_site", if_empty=True, stdout=self.stdout, stderr=self.stderr)
        consultations = list(ConsultationPage.objects.live().order_by("pk"))
        added = self.add_responses(consultations, responses)
        self.stdout.write(f"Responses: {Feedback.objects.count()} ({added} added)")
        if targets:
            targets.parent.mkdir(parents=True, exist_ok=True)
            targets.write_text(json.dumps(self.targets(consultations), indent=2))
            self.stdout.write(f"Wrote the pages to measure to {targets}")

    @transaction.atomic
    def add_responses(self, consultations, up_to):
        start = Feedback.objects.count()
        now = timezone.now()
        statuses = list(FeedbackStatus.values)
        rows = [
            Feedback(
                page=consultations[number % len(consultations)],
                form_data={"answer": f"Answer number {number}."},
                submit_time=now - timedelta(minutes=number),
                status=statuses[number % len(statuses)],
            )
            for number in range(start, up_to)
        ]
        Feedback.objects.bulk_create(rows, batch_size=1000)
        for row in rows:  # references come from the ids PostgreSQL just gave the rows
            row.reference = Feedback.make_reference(row.pk, row.submit_time)
        Feedback.objects.bulk_update(rows, ["reference"], batch_size=1000)
        return len(rows)

    def targets(self, consultations):
        open_public = next(
            page
            for page in consultations
            if page.status == ConsultationStatus.OPEN and page.audience == "everyone"
        )
        return {
            "index": ConsultationIndexPage.objects.live().first().url,
            "consultation": open_public.url,
            "answers": {
                field.clean_name: valid_answer(field) for field in open_public.get_form_fields()
            },
        }


def valid_answer(field):
    """An answer the question accepts, as a browser would post it."""
    if field.field_type == QuestionType.AGREEMENT:
        return "4"
    if field.field_type in CHOICE_TYPES:
        separator = "\n" if "\n" in field.choices else ","
        return field.choices.split(separator)[0].strip()
    return "A short answer from the benchmark."
