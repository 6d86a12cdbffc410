"""`manage.py backup [--to PATH]`: the database and the uploaded files, in one folder."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from boardhub.core import backups


class Command(BaseCommand):
    help = (
        "Back up the PostgreSQL database (pg_dump custom format) and the uploaded files into "
        "one folder, readable by you alone: var/backups/<UTC time>/ unless --to names another. "
        "Encrypted when BACKUP_ENCRYPTION_KEY is set."
    )

    def add_arguments(self, parser):
        parser.add_argument("--to", type=Path, help="the folder to create (it must not exist)")

    def handle(self, *args, to=None, **options):
        folder = to or backups.default_folder(settings.VAR_DIR)
        key = settings.BACKUP_ENCRYPTION_KEY
        manifest = backups.create_backup(
            folder, settings.DATABASES["default"], settings.MEDIA_ROOT, key=key
        )
        rows = sum(manifest["row_counts"].values())
        self.stdout.write(f"Backed up {rows} rows and {len(manifest['media'])} files to {folder}")
        if key:
            self.stdout.write("The backup is encrypted: restoring it needs BACKUP_ENCRYPTION_KEY.")
        else:
            self.stdout.write("The backup is not encrypted: set BACKUP_ENCRYPTION_KEY to encrypt.")
