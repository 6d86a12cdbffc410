"""Backups: the PostgreSQL database (a pg_dump custom-format dump) and the uploaded files.

A backup is one folder holding three files:

    database.dump    pg_dump -Fc of the database
    media.tar.gz     everything under MEDIA_ROOT
    manifest.json    when it was made, the migrations applied, the rows in every table Django
                     knows, each media file's size and sha256, and the size and sha256 of the
                     two files above as they are stored

With a key (BACKUP_ENCRYPTION_KEY), the dump and the media are encrypted as they are written
(boardhub.core.backup_encryption) and named database.dump.enc and media.tar.gz.enc: no plain
copy ever reaches the disk. The manifest stays readable; it holds counts and file names only.

Only the people who run backups can read them: the folder is made with mode 0700 and every file
in it with 0600, whatever the umask. A backup holds everyone's personal data.

Restore checks a backup completely before it changes anything: each file against the manifest's
sha256, then, when encrypted, every chunk's authentication (into a private temporary folder).
A backup that fails any check is refused, with a plain message, and nothing is touched.

The row counts and the dump come from one snapshot of the database (pg_export_snapshot), so a
site taking feedback while the backup runs still gets counts that match the dump exactly.
Connection details go to pg_dump and pg_restore through PG* environment variables: a password
on a command line can be read by anyone on the machine who lists its processes.
"""

import hashlib
import json
import os
import shutil
import subprocess
import tarfile
import tempfile
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import psycopg
from django.apps import apps
from django.core.management.base import CommandError
from django.db import models
from psycopg import sql

from boardhub.core.backup_encryption import BackupUnreadable, EncryptingWriter, decrypted_chunks

DUMP_FILE = "database.dump"
MEDIA_FILE = "media.tar.gz"
MANIFEST_FILE = "manifest.json"
INSTALL_CLIENT = "Install them with: apt-get install postgresql-client"
ENCRYPTED_SUFFIX = ".enc"
FOLDER_MODE = 0o700
FILE_MODE = 0o600
COPY_BYTES = 1024 * 1024


# Connecting


def postgres_settings(database):
    """The connection details of a Django DATABASES entry, refusing anything but PostgreSQL."""
    if database["ENGINE"] != "django.db.backends.postgresql":
        raise CommandError(
            "Backups work only with PostgreSQL (DATABASE_URL=postgres://...). "
            "This site uses another database: stop the site and copy its files instead."
        )
    return {
        "dbname": database["NAME"],
        "user": database.get("USER") or "",
        "password": database.get("PASSWORD") or "",
        "host": database.get("HOST") or "",
        "port": str(database.get("PORT") or ""),
    }


def client_environment(connection):
    """The environment for pg_dump and pg_restore: every detail, the password included."""
    names = {"dbname": "PGDATABASE", "user": "PGUSER", "password": "PGPASSWORD"}
    names |= {"host": "PGHOST", "port": "PGPORT"}
    env = {**os.environ}
    env.update({names[key]: value for key, value in connection.items() if value})
    return env


def connect(connection):
    try:
        return psycopg.connect(**{key: value for key, value in connection.items() if value})
    except psycopg.OperationalError as error:
        raise CommandError(f"Cannot connect to the database: {error}") from None


def client_path(tool):
    path = shutil.which(tool)
    if path is None:
        raise CommandError(f"{tool} is not installed. {INSTALL_CLIENT}")
    return path


def run_client(tool, arguments, connection):
    # The arguments are our own: file paths and a snapshot id, never a person's input.
    result = subprocess.run(  # noqa: S603
        [client_path(tool), *arguments],
        env=client_environment(connection),
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise CommandError(f"{tool} failed: {result.stderr.strip()}")


def dump_into(output, arguments, connection):
    """Stream pg_dump's output into `output` a chunk at a time (it may be encrypting)."""
    with tempfile.TemporaryFile() as errors:
        dump = subprocess.Popen(  # noqa: S603 (our own arguments, as in run_client)
            [client_path("pg_dump"), *arguments],
            env=client_environment(connection),
            stdout=subprocess.PIPE,
            stderr=errors,
        )
        try:
            for chunk in iter(lambda: dump.stdout.read(COPY_BYTES), b""):
                output.write(chunk)
        finally:
            dump.stdout.close()  # if writing failed, pg_dump stops at its next write
            returncode = dump.wait()
        if returncode != 0:
            errors.seek(0)
            raise CommandError(f"pg_dump failed: {errors.read().decode().strip()}")


# What the database holds


def counted_tables():
    """Every table Django creates, by model label: the tables a restore must bring back."""
    return {
        model._meta.label: model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    }


def file_columns():
    """(table, column) of every file field: image and document files, renditions and others."""
    return sorted(
        {
            (model._meta.db_table, field.column)
            for model in apps.get_models()
            if model._meta.managed and not model._meta.proxy
            for field in model._meta.concrete_fields
            if isinstance(field, models.FileField)
        }
    )


def row_counts(cursor):
    existing = set(table_names(cursor))
    return {
        label: cursor.execute(
            sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table))
        ).fetchone()[0]
        for label, table in sorted(counted_tables().items())
        if table in existing
    }


def table_names(cursor):
    cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
    return [name for (name,) in cursor.fetchall()]


def applied_migrations(cursor):
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
    return [f"{app}.{name}" for app, name in cursor.fetchall()]


def referenced_files(cursor):
    existing = set(table_names(cursor))
    names = set()
    for table, column in file_columns():
        if table in existing:
            query = sql.SQL("SELECT {column} FROM {table} WHERE {column} <> ''").format(
                column=sql.Identifier(column), table=sql.Identifier(table)
            )
            names.update(name for (name,) in cursor.execute(query).fetchall())
    return sorted(names)


# Media


def sha256(path):
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for chunk in iter(lambda: file.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def media_files(media_root):
    media_root = Path(media_root)
    if not media_root.is_dir():
        return []
    return [
        {
            "path": path.relative_to(media_root).as_posix(),
            "size": path.stat().st_size,
            "sha256": sha256(path),
        }
        for path in sorted(media_root.rglob("*"))
        if path.is_file()
    ]


# Backing up


def default_folder(var_dir):
    return Path(var_dir) / "backups" / datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")


def make_private_folder(folder):
    """Make `folder`, which must not exist, and any missing parent, with mode 0700 whatever
    the umask (mkdir's mode is cut by the umask; chmod's is not)."""
    for parent in reversed([path for path in folder.parents if not path.exists()]):
        parent.mkdir(mode=FOLDER_MODE, exist_ok=True)
        parent.chmod(FOLDER_MODE)
    folder.mkdir(mode=FOLDER_MODE)
    folder.chmod(FOLDER_MODE)


@contextmanager
def private_file(path):
    """A new file open for writing with mode 0600 whatever the umask; it must not exist."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    os.fchmod(descriptor, FILE_MODE)
    with open(descriptor, "wb") as file:
        yield file


@contextmanager
def backup_output(path, key, name):
    """Where a backup file's bytes go: the private file itself, or an encryption of it."""
    with private_file(path) as file:
        if not key:
            yield file
            return
        writer = EncryptingWriter(file, key, name)
        yield writer
        writer.close()


def stored_name(name, encrypted):
    return name + ENCRYPTED_SUFFIX if encrypted else name


def create_backup(folder, database, media_root, key=""):
    """Write a backup of `database` (a DATABASES entry) and `media_root` into `folder`,
    encrypted with `key` when there is one."""
    connection = postgres_settings(database)
    folder = Path(folder)
    try:
        make_private_folder(folder)
    except FileExistsError:
        raise CommandError(f"{folder} already exists: choose a new folder.") from None
    try:
        return write_backup(folder, connection, media_root, key)
    except BaseException:
        shutil.rmtree(folder)  # half a backup must never be mistaken for one
        raise


def write_backup(folder, connection, media_root, key):
    paths = stored_paths(folder, {"encrypted": bool(key)})
    with connect(connection) as db, db.transaction():
        cursor = db.cursor()
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        snapshot = cursor.execute("SELECT pg_export_snapshot()").fetchone()[0]
        with backup_output(paths[DUMP_FILE], key, DUMP_FILE) as output:
            dump_into(output, ["--format=custom", f"--snapshot={snapshot}"], connection)
        manifest = {
            "created": datetime.now(UTC).isoformat(timespec="seconds"),
            "encrypted": bool(key),
            "migrations": applied_migrations(cursor),
            "row_counts": row_counts(cursor),
        }
    with (
        backup_output(paths[MEDIA_FILE], key, MEDIA_FILE) as output,
        tarfile.open(fileobj=output, mode="w|gz") as archive,
    ):
        if Path(media_root).is_dir():
            archive.add(media_root, arcname=".")
    manifest["media"] = media_files(media_root)
    manifest["files"] = {
        name: {"name": path.name, "size": path.stat().st_size, "sha256": sha256(path)}
        for name, path in stored_paths(folder, manifest).items()
    }
    with private_file(folder / MANIFEST_FILE) as file:
        file.write((json.dumps(manifest, indent=2) + "\n").encode())
    return manifest


# Restoring


def read_manifest(folder):
    folder = Path(folder)
    if not (folder / MANIFEST_FILE).is_file():
        raise CommandError(f"{folder} is not a complete backup: {MANIFEST_FILE} missing.")
    try:
        manifest = json.loads((folder / MANIFEST_FILE).read_text())
    except (ValueError, UnicodeDecodeError):
        raise CommandError(
            f"{folder / MANIFEST_FILE} cannot be read: it was changed or damaged. "
            "Nothing was restored. Use another backup."
        ) from None
    if not all(name in manifest.get("files", {}) for name in (DUMP_FILE, MEDIA_FILE)):
        raise CommandError(
            f"{folder} was made before backups carried checksums, so restore cannot check it. "
            "Nothing was restored. Make a new backup, or restore this one by hand with pg_restore."
        )
    missing = [path.name for path in stored_paths(folder, manifest).values() if not path.is_file()]
    if missing:
        raise CommandError(f"{folder} is not a complete backup: {', '.join(missing)} missing.")
    return manifest


def stored_paths(folder, manifest):
    """Each backup file's path, by its plain name. Names come from ours, never the manifest's:
    a changed manifest must not point restore at a file outside the backup."""
    encrypted = bool(manifest.get("encrypted"))
    return {name: folder / stored_name(name, encrypted) for name in (DUMP_FILE, MEDIA_FILE)}


def check_against_manifest(folder, manifest):
    """Refuse a backup whose files are not byte for byte those the manifest describes."""
    for name, path in stored_paths(folder, manifest).items():
        file = manifest["files"][name]
        if path.stat().st_size != file["size"] or sha256(path) != file["sha256"]:
            raise CommandError(
                f"{path} does not match the backup's manifest: it was changed or damaged after "
                "the backup was made. Nothing was restored. Use another backup."
            )


def decrypt_into(source, destination, key, name):
    """Decrypt `source` into a new private file; raise a plain CommandError on any change."""
    try:
        with source.open("rb") as raw, private_file(destination) as output:
            for chunk in decrypted_chunks(raw, key, name):
                output.write(chunk)
    except BackupUnreadable as error:
        raise CommandError(f"{error} Nothing was restored.") from None


def verified_files(folder, manifest, key, scratch):
    """(dump, media): the backup's plain files, every check passed. Encrypted ones are
    decrypted into `scratch` whole before anything uses them: only the last chunk of an
    encrypted file proves nothing was cut off. `scratch` is a private temporary folder (in
    TMPDIR, /tmp by default): it needs room for the plain backup."""
    check_against_manifest(folder, manifest)
    stored = stored_paths(folder, manifest)
    if not manifest.get("encrypted"):
        return stored[DUMP_FILE], stored[MEDIA_FILE]
    if not key:
        raise CommandError(
            "This backup is encrypted. Set BACKUP_ENCRYPTION_KEY to the key it was made with, "
            "then run restore again. Nothing was restored."
        )
    for name in (DUMP_FILE, MEDIA_FILE):
        decrypt_into(stored[name], scratch / name, key, name)
    return scratch / DUMP_FILE, scratch / MEDIA_FILE


def restore_backup(folder, database, media_root, force=False, key=""):
    """Restore the backup in `folder` (encrypted with `key`, if it is), then return the
    problems found on checking it. Nothing is changed until the backup has passed every check."""
    connection = postgres_settings(database)
    folder = Path(folder)
    manifest = read_manifest(folder)
    with tempfile.TemporaryDirectory(prefix="boardhub-restore-") as scratch:
        dump, media = verified_files(folder, manifest, key, Path(scratch))
        with connect(connection) as db:
            if table_names(db.cursor()) and not force:
                raise CommandError(
                    f"The database {connection['dbname']} already has tables. Restore into an "
                    "empty database, or add --force to replace what is in it."
                )
        options = ["--no-owner", "--single-transaction", "--exit-on-error"]
        if force:
            options += ["--clean", "--if-exists"]
        run_client(
            "pg_restore", [*options, f"--dbname={connection['dbname']}", str(dump)], connection
        )
        Path(media_root).mkdir(parents=True, exist_ok=True)
        with tarfile.open(media, "r:gz") as archive:
            archive.extractall(media_root, filter="data")
    with connect(connection) as db:
        return problems(manifest, db.cursor(), Path(media_root))


def problems(manifest, cursor, media_root):
    """Plain sentences for each way the restored site differs from the backup."""
    found = []
    counts = row_counts(cursor)
    for label, expected in manifest["row_counts"].items():
        if counts.get(label) != expected:
            found.append(
                f"{label}: {counts.get(label, 'no table')} rows, the backup had {expected}."
            )
    for name in referenced_files(cursor):
        if not (media_root / name).is_file():
            found.append(f"The file {name} is used by the site but missing from {media_root}.")
    for file in manifest["media"]:
        path = media_root / file["path"]
        if path.is_file() and sha256(path) != file["sha256"]:
            found.append(f"The file {file['path']} differs from the one backed up.")
    return found
