"""`manage.py restore --from PATH`: put a backup made by `manage.py backup` back, and check it."""

from pathlib import Path

import dj_database_url
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from boardhub.core import backups


class Command(BaseCommand):
    help = (
        "Check a backup folder (and decrypt it with BACKUP_ENCRYPTION_KEY if it is encrypted), "
        "restore it into an empty PostgreSQL database and the media folder, then check that "
        "every table has the rows it had and every file the site uses is there."
    )

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="folder", type=Path, required=True)
        parser.add_argument("--database-url", help="restore here instead of DATABASE_URL")
        parser.add_argument("--media-root", type=Path, help="instead of MEDIA_ROOT")
        parser.add_argument(
            "--force", action="store_true", help="replace what a non-empty database holds"
        )

    def handle(self, *args, folder, database_url, media_root, force, **options):
        database = settings.DATABASES["default"]
        if database_url:
            database = dj_database_url.parse(database_url)
        media_root = media_root or settings.MEDIA_ROOT
        found = backups.restore_backup(
            folder, database, media_root, force=force, key=settings.BACKUP_ENCRYPTION_KEY
        )
        if found:
            raise CommandError(
                "The restore finished, but it does not match the backup:\n" + "\n".join(found)
            )
        self.stdout.write(f"Restored {folder}: every row count and file checks out.")
