"""Run once a week (see site/deploy/README.md): email each partner's council contact the
partner's overdue actions."""

from django.core.management.base import BaseCommand

from boardhub.meetings.overdue_emails import email_overdue_actions


class Command(BaseCommand):
    help = "Email each partner's council contact about the partner's overdue actions."

    def handle(self, *args, **options):
        emailed = email_overdue_actions()
        if options["verbosity"]:
            self.stdout.write(f"Emailed {emailed} partners." if emailed else "No actions overdue.")
