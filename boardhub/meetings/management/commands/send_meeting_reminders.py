"""Run every hour (see site/deploy/README.md): remind the members coming to a meeting a week
and a day before it. Running it again reminds nobody twice."""

from django.core.management.base import BaseCommand

from boardhub.meetings.reminders import send_reminders


class Command(BaseCommand):
    help = "Remind members coming to a meeting, a week and a day before it (each once only)."

    def handle(self, *args, **options):
        sent = send_reminders()
        if options["verbosity"]:
            self.stdout.write(f"{sent} reminders sent." if sent else "No reminders due.")
