"""Backups: the PostgreSQL database (a pg_dump custom-format dump) and the uploaded files.

A backup is one folder holding three files:

    database.dump    pg_dump -Fc of the database
    media.tar.gz     everything under MEDIA_ROOT
    manifest.json    when it was made, the migrations applied, the rows in every table Django
                     knows, and each media file's size and sha256

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
from datetime import UTC, datetime
from pathlib import Path

import psycopg
from django.apps import apps
from django.core.management.base import CommandError
from django.db import models
from psycopg import sql

DUMP_FILE = "database.dump"
MEDIA_FILE = "media.tar.gz"
MANIFEST_FILE = "manifest.json"
INSTALL_CLIENT = "Install them with: apt-get install postgresql-client"


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


def run_client(tool, arguments, connection):
    if shutil.which(tool) is None:
        raise CommandError(f"{tool} is not installed. {INSTALL_CLIENT}")
    # The arguments are our own: file paths and a snapshot id, never a person's input.
    result = subprocess.run(  # noqa: S603
        [tool, *arguments], env=client_environment(connection), capture_output=True, text=True
    )
    if result.returncode != 0:
        raise CommandError(f"{tool} failed: {result.stderr.strip()}")


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


def create_backup(folder, database, media_root):
    """Write a backup of `database` (a DATABASES entry) and `media_root` into `folder`."""
    connection = postgres_settings(database)
    folder = Path(folder)
    try:
        folder.mkdir(parents=True)
    except FileExistsError:
        raise CommandError(f"{folder} already exists: choose a new folder.") from None
    try:
        return write_backup(folder, connection, media_root)
    except BaseException:
        shutil.rmtree(folder)  # half a backup must never be mistaken for one
        raise


def write_backup(folder, connection, media_root):
    with connect(connection) as db, db.transaction():
        cursor = db.cursor()
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        snapshot = cursor.execute("SELECT pg_export_snapshot()").fetchone()[0]
        dump_arguments = ["--format=custom", f"--snapshot={snapshot}"]
        run_client("pg_dump", [*dump_arguments, f"--file={folder / DUMP_FILE}"], connection)
        manifest = {
            "created": datetime.now(UTC).isoformat(timespec="seconds"),
            "migrations": applied_migrations(cursor),
            "row_counts": row_counts(cursor),
        }
    with tarfile.open(folder / MEDIA_FILE, "w:gz") as archive:
        if Path(media_root).is_dir():
            archive.add(media_root, arcname=".")
    manifest["media"] = media_files(media_root)
    (folder / MANIFEST_FILE).write_text(json.dumps(manifest, indent=2) + "\n")
    return manifest


# Restoring


def read_manifest(folder):
    folder = Path(folder)
    missing = [
        name for name in (DUMP_FILE, MEDIA_FILE, MANIFEST_FILE) if not (folder / name).is_file()
    ]
    if missing:
        raise CommandError(f"{folder} is not a complete backup: {', '.join(missing)} missing.")
    return json.loads((folder / MANIFEST_FILE).read_text())


def restore_backup(folder, database, media_root, force=False):
    """Restore the backup in `folder`, then return the problems found on checking it."""
    connection = postgres_settings(database)
    folder = Path(folder)
    manifest = read_manifest(folder)
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
        "pg_restore",
        [*options, f"--dbname={connection['dbname']}", str(folder / DUMP_FILE)],
        connection,
    )
    Path(media_root).mkdir(parents=True, exist_ok=True)
    with tarfile.open(folder / MEDIA_FILE, "r:gz") as archive:
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
