"""`manage.py backup` and `manage.py restore`, against real PostgreSQL databases.

These tests make their own databases on 127.0.0.1 (boardhub_backup_src_<pid>,
boardhub_backup_dst_<pid> and boardhub_backup_empty_<pid>) whatever database the rest of the
suite uses, because a backup is a pg_dump: SQLite cannot stand in for it. They run the commands
as an officer would, in processes of their own, and drop the databases at the end.

One source database is backed up twice, once encrypted and once not, and every test shares
those two backups.
"""

import io
import json
import os
import re
import shutil
import stat
import subprocess
import sys
import tarfile
from pathlib import Path

import dj_database_url
import psycopg
import pytest
from django.core.management import CommandError, call_command

from boardhub.core import backup_encryption, backups

BASE_DIR = Path(__file__).resolve().parents[2]
SERVER = "postgres://postgres@127.0.0.1:5432"
SOURCE = f"boardhub_backup_src_{os.getpid()}"
DESTINATION = f"boardhub_backup_dst_{os.getpid()}"
UNTOUCHED = f"boardhub_backup_empty_{os.getpid()}"
BACKUP_KEY = "correct horse battery staple, for the backup tests only"
# An officer's authenticator app seed: no dump of the database may show it.
TOTP_SEED = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"

# Run in the source database: a member, a picture with a rendition, a document, and an officer
# with two-factor on.
ADD_CONTENT = f"""
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

get_user_model().objects.create_user(email="sam@example.org", password="a-long-password-1")
image = Image.objects.create(title="Board meeting", file=get_test_image_file("meeting.png"))
image.get_rendition("fill-40x30")
Document.objects.create(title="Minutes", file=ContentFile(b"Minutes of the meeting", "minutes.txt"))

from allauth.mfa.totp.internal.auth import TOTP
officer = get_user_model().objects.create_user(email="officer@example.org", is_staff=True)
TOTP.activate(officer, "{TOTP_SEED}")
"""


def run_database_sql(*statements):
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
        for statement in statements:
            connection.execute(statement)


def manage(*args, database, media_root, check=True, **env):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "boardhub.settings.dev",
        "DATABASE_URL": f"{SERVER}/{database}",
        "BOARDHUB_MEDIA_ROOT": str(media_root),
        "BACKUP_ENCRYPTION_KEY": "",
        **env,
    }
    # umask 0: what a backup is readable by must not depend on the umask of who runs it.
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        umask=0,
    )
    if check and result.returncode != 0:
        pytest.fail(f"manage.py {' '.join(args)} failed:\n{result.stderr}")
    return result


def count(database, table):
    with psycopg.connect(f"{SERVER}/{database}") as connection:
        return connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]  # noqa: S608


def backup_in_this_process(folder, media_root):
    """The same backup as `manage.py backup`, without starting another process, under umask 0."""
    previous = os.umask(0)
    try:
        backups.create_backup(folder, dj_database_url.parse(f"{SERVER}/{SOURCE}"), media_root)
    finally:
        os.umask(previous)


@pytest.fixture(scope="module")
def backed_up(tmp_path_factory):
    """A migrated source database with content and uploads, backed up encrypted (by the
    command, into a parent folder it has to make) and not encrypted."""
    missing = [tool for tool in ("pg_dump", "pg_restore") if shutil.which(tool) is None]
    if missing:
        pytest.fail(f"{', '.join(missing)} not found. {backups.INSTALL_CLIENT}")
    media_root = tmp_path_factory.mktemp("source-media")
    folders = tmp_path_factory.mktemp("backups")
    encrypted, plain = folders / "new-parent" / "encrypted", folders / "plain"
    run_database_sql(
        f'DROP DATABASE IF EXISTS "{SOURCE}" WITH (FORCE)', f'CREATE DATABASE "{SOURCE}"'
    )
    try:
        manage("migrate", "--no-input", "-v", "0", database=SOURCE, media_root=media_root)
        manage("shell", "-c", ADD_CONTENT, database=SOURCE, media_root=media_root)
        result = manage(
            "backup",
            f"--to={encrypted}",
            database=SOURCE,
            media_root=media_root,
            BACKUP_ENCRYPTION_KEY=BACKUP_KEY,
        )
        assert "The backup is encrypted" in result.stdout
        backup_in_this_process(plain, media_root)
        yield media_root, encrypted, plain
    finally:
        run_database_sql(f'DROP DATABASE IF EXISTS "{SOURCE}" WITH (FORCE)')


@pytest.fixture(scope="module")
def site(backed_up):
    """The source's media folder and its backup that is not encrypted."""
    media_root, _, plain = backed_up
    return media_root, plain


@pytest.fixture
def destination():
    """An empty database to restore into."""
    drop = f'DROP DATABASE IF EXISTS "{DESTINATION}" WITH (FORCE)'
    run_database_sql(drop, f'CREATE DATABASE "{DESTINATION}"')
    yield f"{SERVER}/{DESTINATION}"
    run_database_sql(drop)


def test_an_encrypted_backup_restores_into_a_fresh_database_with_every_row_and_file(
    backed_up, destination, tmp_path
):
    media_root, folder, _ = backed_up
    restored_media = tmp_path / "restored-media"

    result = manage(
        "restore",
        f"--from={folder}",
        f"--database-url={destination}",
        f"--media-root={restored_media}",
        database=SOURCE,
        media_root=media_root,
        BACKUP_ENCRYPTION_KEY=BACKUP_KEY,
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
    assert count(DESTINATION, "members_user") == 2
    assert count(DESTINATION, "mfa_authenticator") == 1
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

    assert count(SOURCE, "members_user") == 2
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
    match_the_manifest_to(lost)

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


def test_backup_refuses_a_folder_that_already_exists_and_leaves_it_alone(tmp_path):
    database = {"ENGINE": "django.db.backends.postgresql", "NAME": "boardhub"}
    (tmp_path / "notes.txt").write_text("keep me")

    with pytest.raises(CommandError, match="already exists: choose a new folder"):
        backups.create_backup(tmp_path, database, tmp_path / "media")

    assert (tmp_path / "notes.txt").read_text() == "keep me"


def test_restore_refuses_a_backup_whose_manifest_has_no_checksums(site, tmp_path):
    _, plain = site
    folder = tmp_path / "backup"
    shutil.copytree(plain, folder)
    manifest = json.loads((folder / backups.MANIFEST_FILE).read_text())
    del manifest["files"]
    (folder / backups.MANIFEST_FILE).write_text(json.dumps(manifest))

    with pytest.raises(CommandError, match="made before backups carried checksums"):
        backups.restore_backup(
            folder, {"ENGINE": "django.db.backends.postgresql", "NAME": "x"}, tmp_path / "media"
        )


# Who can read a backup, and what it shows


def match_the_manifest_to(folder):
    """Record the backup files' new sizes and checksums, as if the backup had been made so."""
    manifest = json.loads((folder / backups.MANIFEST_FILE).read_text())
    for file in manifest["files"].values():
        path = folder / file["name"]
        file.update(size=path.stat().st_size, sha256=backups.sha256(path))
    (folder / backups.MANIFEST_FILE).write_text(json.dumps(manifest))


def restored_sql(dump):
    """The SQL a pg_dump custom-format file holds, as text (the file itself is compressed)."""
    result = subprocess.run(
        ["pg_restore", "--file=-", str(dump)],  # noqa: S607
        capture_output=True,
        text=True,
    )
    return result.returncode, result.stdout + result.stderr


def mode(path):
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("which", ["encrypted", "plain"])
def test_only_the_owner_can_read_a_backup_whatever_the_umask(backed_up, which):
    _, encrypted, plain = backed_up
    folder = encrypted if which == "encrypted" else plain
    files = sorted(path.name for path in folder.iterdir())

    assert mode(folder) == 0o700
    assert {path.name: mode(path) for path in folder.iterdir()} == dict.fromkeys(files, 0o600)
    assert len(files) == 3  # the dump, the media and the manifest
    if which == "encrypted":
        assert mode(folder.parent) == 0o700  # a parent the backup made is private too
        assert files == ["database.dump.enc", "manifest.json", "media.tar.gz.enc"]


def test_a_dump_of_the_database_does_not_show_the_two_factor_seed(site):
    _, folder = site

    returncode, sql = restored_sql(folder / backups.DUMP_FILE)

    assert returncode == 0
    assert "officer@example.org" in sql  # the authenticator's rows are in the dump
    assert "mfa_authenticator" in sql
    assert TOTP_SEED not in sql


def test_an_encrypted_backup_shows_nothing_of_the_database_or_the_uploads(backed_up, tmp_path):
    _, encrypted, plain = backed_up
    dump = (encrypted / "database.dump.enc").read_bytes()
    media = (encrypted / "media.tar.gz.enc").read_bytes()
    manifest = json.loads((encrypted / backups.MANIFEST_FILE).read_text())

    assert manifest["encrypted"] is True
    assert restored_sql(encrypted / "database.dump.enc")[0] != 0
    for secret in (b"PGDMP", b"officer@example.org", b"sam@example.org"):
        assert secret not in dump
    assert not media.startswith(b"\x1f\x8b")  # not a gzip file
    # Decrypted, the dump is an ordinary pg_dump file, with the rows of a backup made without a key.
    backups.decrypt_into(
        encrypted / "database.dump.enc", tmp_path / "dump", BACKUP_KEY, "database.dump"
    )
    returncode, sql = restored_sql(tmp_path / "dump")
    assert returncode == 0
    assert "sam@example.org" in sql
    assert (
        manifest["row_counts"]
        == json.loads((plain / backups.MANIFEST_FILE).read_text())["row_counts"]
    )


# Restore refuses what it cannot verify, and touches nothing


@pytest.fixture(scope="module")
def untouched():
    """An empty database that a refused restore must leave empty."""
    drop = f'DROP DATABASE IF EXISTS "{UNTOUCHED}" WITH (FORCE)'
    run_database_sql(drop, f'CREATE DATABASE "{UNTOUCHED}"')
    yield f"{SERVER}/{UNTOUCHED}"
    run_database_sql(drop)


def flip_a_byte(path, offset):
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x01
    path.write_bytes(bytes(data))


def no_key(folder):
    return ""


def wrong_key(folder):
    return "the wrong key"


def tampered_ciphertext(folder):
    flip_a_byte(folder / "database.dump.enc", -100)
    match_the_manifest_to(folder)  # so the encryption itself is what catches it
    return BACKUP_KEY


def dump_swapped_for_media(folder):
    shutil.copy(folder / "media.tar.gz.enc", folder / "database.dump.enc")
    match_the_manifest_to(folder)
    return BACKUP_KEY


def cut_short(folder):
    path = folder / "media.tar.gz.enc"
    path.write_bytes(path.read_bytes()[:-1])
    match_the_manifest_to(folder)
    return BACKUP_KEY


def changed_after_the_manifest(folder):
    flip_a_byte(folder / "database.dump.enc", 60)
    return BACKUP_KEY


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (no_key, "This backup is encrypted. Set BACKUP_ENCRYPTION_KEY to the key it was made with"),
        (wrong_key, "BACKUP_ENCRYPTION_KEY is not the key this backup was made with"),
        (tampered_ciphertext, "database.dump was changed or damaged after the backup was made"),
        (dump_swapped_for_media, "database.dump was changed or damaged after the backup was made"),
        (cut_short, "media.tar.gz was changed or damaged after the backup was made"),
        (changed_after_the_manifest, "database.dump.enc does not match the backup's manifest"),
    ],
)
def test_restore_refuses_an_encrypted_backup_it_cannot_verify_and_changes_nothing(
    backed_up, untouched, tmp_path, settings, change, message
):
    _, encrypted, _ = backed_up
    folder = tmp_path / "backup"
    shutil.copytree(encrypted, folder)
    settings.BACKUP_ENCRYPTION_KEY = change(folder)
    media_root = tmp_path / "restored-media"

    with pytest.raises(CommandError, match=re.escape(message)) as raised:
        call_command(
            "restore",
            f"--from={folder}",
            f"--database-url={untouched}",
            f"--media-root={media_root}",
        )

    assert "Nothing was restored" in str(raised.value)
    with psycopg.connect(untouched) as connection:
        assert (
            connection.execute(
                "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
            ).fetchone()[0]
            == 0
        )
    assert not media_root.exists()


def test_restore_refuses_a_plain_backup_changed_after_its_manifest(site, untouched, tmp_path):
    _, plain = site
    folder = tmp_path / "backup"
    shutil.copytree(plain, folder)
    flip_a_byte(folder / backups.MEDIA_FILE, 20)

    with pytest.raises(
        CommandError, match=re.escape("media.tar.gz does not match the backup's manifest")
    ):
        backups.restore_backup(folder, dj_database_url.parse(untouched), tmp_path / "media")

    assert not (tmp_path / "media").exists()


# The encrypted file format, on its own


def encrypt(data, key="a key", name="database.dump"):
    raw = io.BytesIO()
    writer = backup_encryption.EncryptingWriter(raw, key, name)
    for start in range(0, len(data), 7):  # written in small pieces, as a stream is
        writer.write(data[start : start + 7])
    writer.close()
    return raw.getvalue()


def decrypt(sealed, key="a key", name="database.dump"):
    return b"".join(backup_encryption.decrypted_chunks(io.BytesIO(sealed), key, name))


@pytest.fixture
def small_chunks(monkeypatch):
    """Chunks of 64 bytes, so a short text spans several of them."""
    monkeypatch.setattr(backup_encryption, "CHUNK_BYTES", 64)
    return 64 + backup_encryption.TAG_BYTES


ROW = b"INSERT INTO members_user VALUES (7, 'sam@example.org', 'Sam Jones');\n" * 5


@pytest.mark.parametrize("data", [b"", b"x", ROW[:64], ROW[:128], ROW])
def test_what_is_encrypted_comes_back_exactly_and_hides_the_rows(small_chunks, data):
    sealed = encrypt(data)

    assert decrypt(sealed) == data
    assert b"sam@example.org" not in sealed
    assert encrypt(data) != sealed  # a fresh salt and nonce each time


def cut_at_a_chunk_boundary(sealed, chunk):
    return sealed[: backup_encryption.HEADER_BYTES + 2 * chunk]


def chunks_swapped(sealed, chunk):
    start = backup_encryption.HEADER_BYTES
    first, second = sealed[start : start + chunk], sealed[start + chunk : start + 2 * chunk]
    return sealed[:start] + second + first + sealed[start + 2 * chunk :]


def chunk_appended(sealed, chunk):
    return sealed + sealed[backup_encryption.HEADER_BYTES : backup_encryption.HEADER_BYTES + chunk]


def header_changed(sealed, chunk):
    return sealed[:12] + bytes([sealed[12] ^ 1]) + sealed[13:]


@pytest.mark.parametrize(
    "change", [cut_at_a_chunk_boundary, chunks_swapped, chunk_appended, header_changed]
)
def test_a_changed_encrypted_file_is_refused_not_read(small_chunks, change):
    sealed = change(encrypt(ROW), small_chunks)

    with pytest.raises(backup_encryption.BackupUnreadable):
        decrypt(sealed)


def test_a_file_encrypted_under_another_name_is_refused(small_chunks):
    with pytest.raises(
        backup_encryption.BackupUnreadable, match=re.escape("media.tar.gz was changed")
    ):
        decrypt(encrypt(ROW, name="database.dump"), name="media.tar.gz")


def test_a_file_that_is_not_encrypted_is_named_as_such():
    with pytest.raises(backup_encryption.BackupUnreadable, match="is not an encrypted BoardHub"):
        decrypt(b"PGDMP" + b"\x00" * 100)
