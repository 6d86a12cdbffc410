"""Run every quarter of an hour (see site/deploy/README.md): tell the members who asked that a
consultation is open to them, once each. Running it again tells nobody twice."""

from django.core.management.base import BaseCommand

from boardhub.consultations.announcements import announce_open_consultations


class Command(BaseCommand):
    help = "Tell members who asked about consultations now open to them (each once only)."

    def handle(self, *args, **options):
        added = announce_open_consultations()
        if options["verbosity"]:
            total = sum(added.values())
            self.stdout.write(
                f"{total} members to be told about {len(added)} open consultations."
                if total
                else "Nobody new to tell."
            )
