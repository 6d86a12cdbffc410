"""When the database is unreachable, drops the connection or cancels a slow query, people see
a plain "nothing was saved" page with status 503, never a traceback or a hung page."""

import logging
import os
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.db import InterfaceError, OperationalError, connection, transaction
from django.test import Client
from django.urls import path

from boardhub.demo.factories import UserFactory
from boardhub.urls import urlpatterns as site_urlpatterns

pytestmark = pytest.mark.django_db

# How long the slow query would take, and how soon it is cancelled.
SLOW_QUERY_SECONDS = 1
TIMEOUT_MILLISECONDS = 50


def lost_connection(request):
    raise OperationalError("server closed the connection unexpectedly")


def closed_connection(request):
    raise InterfaceError("connection already closed")


def other_fault(request):
    raise RuntimeError("A fault for the tests")


def slow_query(request):
    """A query that runs past its time limit: PostgreSQL's statement timeout, or, on SQLite,
    a progress handler that interrupts the query once the time is up."""
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"SET LOCAL statement_timeout = {TIMEOUT_MILLISECONDS}")
            cursor.execute(f"SELECT pg_sleep({SLOW_QUERY_SECONDS})")
        else:
            give_up_at = time.monotonic() + TIMEOUT_MILLISECONDS / 1000
            connection.connection.set_progress_handler(lambda: time.monotonic() > give_up_at, 1000)
            try:
                cursor.execute(
                    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n"
                    " WHERE i < 1000000000) SELECT count(*) FROM n"
                )
            finally:
                connection.connection.set_progress_handler(None, 0)


urlpatterns = [
    path("lost-connection/", lost_connection),
    path("closed-connection/", closed_connection),
    path("other-fault/", other_fault),
    path("slow-query/", slow_query),
    *site_urlpatterns,
]


@pytest.fixture
def client():
    return Client(raise_request_exception=False)


def assert_nothing_saved_page(response):
    content = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    assert "default-src 'none'; style-src 'self'" in response["Content-Security-Policy"]
    assert '<h1 class="heading-xl">Sorry, something went wrong</h1>' in content
    assert "Nothing was saved." in content
    assert "Please try again in a few minutes." in content
    assert "Traceback" not in content
    assert "Error" not in content


@pytest.mark.urls(__name__)
@pytest.mark.parametrize("url", ["/lost-connection/", "/closed-connection/"])
def test_a_lost_database_connection_shows_the_nothing_saved_page(client, url, caplog):
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = client.get(url)

    assert_nothing_saved_page(response)
    assert "connection" not in response.content.decode()
    # The officers' logs keep what the visitor is not shown.
    assert any(record.levelno == logging.ERROR and record.exc_info for record in caplog.records)


@pytest.mark.urls(__name__)
def test_a_query_past_the_time_limit_is_cancelled_and_shows_the_nothing_saved_page(client):
    started = time.monotonic()
    response = client.get("/slow-query/")
    seconds = time.monotonic() - started

    assert_nothing_saved_page(response)
    assert seconds < SLOW_QUERY_SECONDS  # cancelled, not waited out


@pytest.mark.urls(__name__)
def test_other_faults_still_show_the_problem_page(client):
    response = client.get("/other-fault/")

    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.content.decode()


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def unreachable_database(tmp_path):
    """Point the site's database connection somewhere nothing answers, then put it back."""
    saved = dict(connection.settings_dict)
    connection.close()
    if connection.vendor == "postgresql":
        connection.settings_dict.update(HOST="127.0.0.1", PORT=closed_port())
    else:  # SQLite cannot open a file in a folder that does not exist
        connection.settings_dict["NAME"] = str(tmp_path / "missing" / "db.sqlite3")
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict.update(saved)


# Transactional (a real closed connection), and serialized_rollback so that its flush makes no
# new content types for the transactional tests that follow (see tests/consultations).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_pages_show_the_nothing_saved_page_while_the_database_is_unreachable(client, tmp_path):
    member = UserFactory()
    member_client = Client(raise_request_exception=False)
    member_client.force_login(member)

    with unreachable_database(tmp_path):
        public = client.get("/")
        signed_in = member_client.get("/account/")  # fails loading the session, before the view

    assert_nothing_saved_page(public)
    assert_nothing_saved_page(signed_in)


def run_in_django_shell(check, **environment):
    """`check` run by `manage.py shell` on PostgreSQL, configured from the environment as a
    live site's connection would be."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "boardhub.settings.dev",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/postgres",
        **environment,
    }
    return subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", check],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        capture_output=True,
        text=True,
    )


def test_the_statement_timeout_setting_makes_postgresql_cancel_slow_queries():
    # Django's own connection, configured from the environment as a live site's would be.
    check = (
        "from django.db import OperationalError, connection\n"
        "try:\n"
        f"    connection.cursor().execute('SELECT pg_sleep({SLOW_QUERY_SECONDS})')\n"
        "except OperationalError as error:\n"
        "    print('cancelled:', error)\n"
    )
    result = run_in_django_shell(check, DATABASE_STATEMENT_TIMEOUT_MS=str(TIMEOUT_MILLISECONDS))

    assert "cancelled: canceling statement due to statement timeout" in result.stdout, result.stderr


def test_postgresql_never_spends_a_request_compiling_a_query():
    """JIT compilation took 300 ms of a 330 ms funnel query on tables not yet analysed."""
    check = (
        "from django.db import connection\n"
        "with connection.cursor() as cursor:\n"
        "    cursor.execute('SHOW jit')\n"
        "    print('jit:', cursor.fetchone()[0])\n"
    )
    result = run_in_django_shell(check)

    assert "jit: off" in result.stdout, result.stderr
