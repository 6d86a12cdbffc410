"""`manage.py backup` and `manage.py restore`, against real PostgreSQL databases.

These tests make their own databases on 127.0.0.1 (boardhub_backup_src_<pid> and
boardhub_backup_dst_<pid>) whatever database the rest of the suite uses, because a backup is
a pg_dump: SQLite cannot stand in for it. They run the commands as an officer would, in
processes of their own, and drop both databases at the end.
"""

import json
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import psycopg
import pytest
from django.core.management import CommandError, call_command

from boardhub.core import backups

BASE_DIR = Path(__file__).resolve().parents[2]
SERVER = "postgres://postgres@127.0.0.1:5432"
SOURCE = f"boardhub_backup_src_{os.getpid()}"
DESTINATION = f"boardhub_backup_dst_{os.getpid()}"

# Run in the source database: a member, a picture with a rendition, and a document.
ADD_CONTENT = """
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

get_user_model().objects.create_user(email="sam@example.org", password="a-long-password-1")
image = Image.objects.create(title="Board meeting", file=get_test_image_file("meeting.png"))
image.get_rendition("fill-40x30")
Document.objects.create(title="Minutes", file=ContentFile(b"Minutes of the meeting", "minutes.txt"))
"""


def run_database_sql(*statements):
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
        for statement in statements:
            connection.execute(statement)


def manage(*args, database, media_root, check=True):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "boardhub.settings.dev",
        "DATABASE_URL": f"{SERVER}/{database}",
        "BOARDHUB_MEDIA_ROOT": str(media_root),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=BASE_DIR, env=env, capture_output=True, text=True
    )
    if check and result.returncode != 0:
        pytest.fail(f"manage.py {' '.join(args)} failed:\n{result.stderr}")
    return result


def count(database, table):
    with psycopg.connect(f"{SERVER}/{database}") as connection:
        return connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]  # noqa: S608


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A migrated source database with content and uploads, and its backup."""
    missing = [tool for tool in ("pg_dump", "pg_restore") if shutil.which(tool) is None]
    if missing:
        pytest.fail(f"{', '.join(missing)} not found. {backups.INSTALL_CLIENT}")
    media_root = tmp_path_factory.mktemp("source-media")
    folder = tmp_path_factory.mktemp("backups") / "backup"
    run_database_sql(
        f'DROP DATABASE IF EXISTS "{SOURCE}" WITH (FORCE)', f'CREATE DATABASE "{SOURCE}"'
    )
    try:
        manage("migrate", "--no-input", "-v", "0", database=SOURCE, media_root=media_root)
        manage("shell", "-c", ADD_CONTENT, database=SOURCE, media_root=media_root)
        manage("backup", f"--to={folder}", database=SOURCE, media_root=media_root)
        yield media_root, folder
    finally:
        run_database_sql(f'DROP DATABASE IF EXISTS "{SOURCE}" WITH (FORCE)')


@pytest.fixture
def destination():
    """An empty database to restore into."""
    drop = f'DROP DATABASE IF EXISTS "{DESTINATION}" WITH (FORCE)'
    run_database_sql(drop, f'CREATE DATABASE "{DESTINATION}"')
    yield f"{SERVER}/{DESTINATION}"
    run_database_sql(drop)


def test_a_backup_restores_into_a_fresh_database_with_every_row_and_file(
    site, destination, tmp_path
):
    media_root, folder = site
    restored_media = tmp_path / "restored-media"

    result = manage(
        "restore",
        f"--from={folder}",
        f"--database-url={destination}",
        f"--media-root={restored_media}",
        database=SOURCE,
        media_root=media_root,
    )

    assert "every row count and file checks out" in result.stdout
    manifest = json.loads((folder / "manifest.json").read_text())
    for table, label in [
        ("members_user", "members.User"),
        ("wagtailimages_image", "wagtailimages.Image"),
        ("wagtailimages_rendition", "wagtailimages.Rendition"),
        ("wagtaildocs_document", "wagtaildocs.Document"),
        ("wagtailcore_page", "wagtailcore.Page"),
    ]:
        assert count(DESTINATION, table) == count(SOURCE, table) == manifest["row_counts"][label]
    assert count(DESTINATION, "members_user") == 1
    assert "members.0001_initial" in manifest["migrations"]
    # The original picture, its rendition and the document all came back, byte for byte.
    backed_up = {file["path"]: file for file in manifest["media"]}
    assert len(backed_up) == 3
    for path, file in backed_up.items():
        assert (restored_media / path).read_bytes() == (media_root / path).read_bytes()
        assert backups.sha256(restored_media / path) == file["sha256"]


def test_restore_refuses_a_database_that_is_not_empty_unless_forced(site, tmp_path):
    _, folder = site
    into_source = [f"--from={folder}", f"--database-url={SERVER}/{SOURCE}"]
    into_source.append(f"--media-root={tmp_path / 'media'}")

    with pytest.raises(CommandError, match=f"The database {SOURCE} already has tables"):
        call_command("restore", *into_source)
    call_command("restore", *into_source, "--force")

    assert count(SOURCE, "members_user") == 1
    assert count(SOURCE, "wagtailimages_image") == 1


def test_restore_fails_plainly_when_a_file_the_site_uses_was_not_backed_up(
    site, destination, tmp_path
):
    _, folder = site
    # A copy of the backup whose media lost the document before the backup ran.
    lost = tmp_path / "backup"
    shutil.copytree(folder, lost)
    unpacked = tmp_path / "unpacked"
    with tarfile.open(folder / backups.MEDIA_FILE) as archive:
        archive.extractall(unpacked, filter="data")
    document = next(unpacked.glob("documents/*"))
    document.unlink()
    with tarfile.open(lost / backups.MEDIA_FILE, "w:gz") as archive:
        archive.add(unpacked, arcname=".")

    with pytest.raises(CommandError) as raised:
        call_command(
            "restore",
            f"--from={lost}",
            f"--database-url={destination}",
            f"--media-root={tmp_path / 'restored-media'}",
        )

    assert f"The file documents/{document.name} is used by the site but missing" in str(
        raised.value
    )


def test_the_password_reaches_pg_dump_only_through_its_environment():
    database = {"ENGINE": "django.db.backends.postgresql", "NAME": "boardhub"}
    connection = backups.postgres_settings({**database, "PASSWORD": "s3cret", "HOST": "db"})

    env = backups.client_environment(connection)

    assert env["PGPASSWORD"] == "s3cret"
    assert env["PGHOST"] == "db"
    assert env["PGDATABASE"] == "boardhub"


def test_backup_refuses_sqlite_with_a_plain_message(tmp_path):
    database = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "db.sqlite3")}

    with pytest.raises(CommandError, match="Backups work only with PostgreSQL"):
        backups.create_backup(tmp_path / "backup", database, tmp_path / "media")
