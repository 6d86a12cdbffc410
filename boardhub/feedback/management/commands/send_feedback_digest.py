"""Run once a day (see site/deploy/README.md): email each feedback handler how many responses
came in over the last 24 hours, per consultation, and how many are overdue."""

from django.core.management.base import BaseCommand

from boardhub.feedback.notifications import send_digest


class Command(BaseCommand):
    help = "Email feedback handlers the counts of new and overdue responses (nothing if none new)."

    def handle(self, *args, **options):
        sent = send_digest()
        if options["verbosity"]:
            self.stdout.write(
                f"Sent the feedback digest to {sent} people."
                if sent
                else "No new responses: no digest sent."
            )
