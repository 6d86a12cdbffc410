"""PostgreSQL drops the connection in the middle of sending a consultation's answers: nothing
is saved, the member is told so, and sending again stores the answers once.

This needs real PostgreSQL whatever database the rest of the suite uses, so the test makes a
database of its own on 127.0.0.1 (boardhub_fault_kill_<pid>), and runs the member's journey
with Django's test client in a process of its own pointed at it (`journey`, below). There,
while the send's transaction is open (just after the response's row is inserted), a second
connection ends the request's own backend with pg_terminate_backend, as an administrator, a
failover or a crashed server process would. The database is dropped at the end.

The tables are made straight from the models, as pytest-django's --no-migrations does, with
the home page and site that the data migrations would add: running every migration would
take half a minute.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import psycopg

BASE_DIR = Path(__file__).resolve().parents[2]
SERVER = "postgres://postgres@127.0.0.1:5432"
DATABASE = f"boardhub_fault_kill_{os.getpid()}"

ANSWERS = {"what_works_well_for_you": "The carers are kind.", "the_service_is_easy_to_use": "4"}


def run_database_sql(*statements):
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
        for statement in statements:
            connection.execute(statement)


# What the process of its own runs


def make_tables_and_site():
    from django.apps import apps
    from django.conf import settings
    from django.core.management import call_command
    from wagtail.models import Locale, Page, Site

    from home.models import HomePage

    settings.MIGRATION_MODULES = {app.label: None for app in apps.get_app_configs()}
    call_command("migrate", run_syncdb=True, verbosity=0, interactive=False)
    Locale.objects.create(language_code="en-gb")
    root = Page.add_root(instance=Page(title="Root", slug="root"))
    home = root.add_child(instance=HomePage(title="Home", slug="home"))
    Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    return home


def journey(results_file):
    """Answer, check, send (the connection is killed), send again; write what happened."""
    from django.core import mail
    from django.db import connection
    from django.db.models.signals import post_save
    from django.test import Client

    from boardhub.consultations.models import Feedback, FeedbackDraft
    from boardhub.demo.factories import (
        ConsultationIndexPageFactory,
        ConsultationPageFactory,
        UserFactory,
    )
    from tests.consultations.conftest import check_answers, idempotency_key

    mail.outbox = []  # the locmem email backend's, as in a test run
    home = make_tables_and_site()
    index = ConsultationIndexPageFactory(parent=home)
    page = ConsultationPageFactory(parent=index, audience="members", title="Care at home")
    member = UserFactory(email="sam@example.org", verified=True)
    client = Client(raise_request_exception=False)
    client.force_login(member)
    client.post(page.url, {**ANSWERS, "action": "save"})  # a draft, which sending deletes
    check_answers(client, page, ANSWERS)
    key = idempotency_key(client, page)
    send = {"path": page.url + "check-your-answers/", "data": {"idempotency_key": key}}
    killed = []

    def kill_the_requests_connection(sender, instance, **kwargs):
        """From a second connection, end the backend serving this request, mid-transaction."""
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            pid = cursor.fetchone()[0]
        with psycopg.connect(os.environ["DATABASE_URL"], autocommit=True) as other:
            ended = other.execute("SELECT pg_terminate_backend(%s, 5000)", [pid]).fetchone()[0]
        killed.append({"pid": pid, "in_transaction": connection.in_atomic_block, "ended": ended})

    post_save.connect(kill_the_requests_connection, sender=Feedback)
    try:
        failed = client.post(**send)
    finally:
        post_save.disconnect(kill_the_requests_connection, sender=Feedback)
    after_failure = {
        "responses": Feedback.objects.count(),
        "drafts": FeedbackDraft.objects.count(),
        "emails": len(mail.outbox),
        "answers_waiting": idempotency_key(client, page) == key,
    }
    retried = client.post(**send)

    results = {
        "killed": killed,
        "failed": {
            "status": failed.status_code,
            "headers": dict(failed.headers),
            "content": failed.content.decode(),
        },
        "after_failure": after_failure,
        "retried": {"status": retried.status_code, "content": retried.content.decode()},
        "references": list(Feedback.objects.values_list("reference", flat=True)),
        "stored_answers": [feedback.form_data for feedback in Feedback.objects.all()],
        "drafts": FeedbackDraft.objects.count(),
        "emails": [email.subject for email in mail.outbox],
    }
    Path(results_file).write_text(json.dumps(results))


RUN_JOURNEY = """
import sys
import django
django.setup()
from tests.core.test_faults_killed_connection import journey
journey(sys.argv[1])
"""


def run_journey(tmp_path):
    results_file = tmp_path / "results.json"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "boardhub.settings.test",
        "DATABASE_URL": f"{SERVER}/{DATABASE}",
    }
    env.pop("DATABASE_STATEMENT_TIMEOUT_MS", None)
    drop = f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)'
    run_database_sql(drop, f'CREATE DATABASE "{DATABASE}"')
    try:
        result = subprocess.run(
            [sys.executable, "-c", RUN_JOURNEY, str(results_file)],
            cwd=BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        run_database_sql(drop)
    assert result.returncode == 0, result.stderr
    return json.loads(results_file.read_text()), result.stderr


def test_a_connection_killed_mid_send_saves_nothing_and_sending_again_stores_one(tmp_path):
    results, log = run_journey(tmp_path)

    # The request's own backend was ended while the send's transaction was open.
    [killed] = results["killed"]
    assert killed["ended"] is True
    assert killed["in_transaction"] is True
    assert "Service Unavailable: /consultations/care-at-home/check-your-answers/" in log
    assert "Could not save answers to /consultations/care-at-home/; nothing was stored" in log
    assert "terminating connection" in log  # the cause, for whoever reads the log

    failed = results["failed"]
    content = failed["content"]
    assert failed["status"] == 503
    assert failed["headers"]["Retry-After"] == "30"
    assert "no-store" in failed["headers"]["Cache-Control"]
    assert '<h1 class="heading-xl">Nothing was saved</h1>' in content
    assert "Something went wrong on our side. Nothing was saved. Please try again." in content
    assert "Try sending my answers again" in content
    assert "The carers are kind." in content  # their answers, shown back to them
    for leak in ("Traceback", "OperationalError", "terminating connection", "psycopg"):
        assert leak not in content
    assert results["after_failure"] == {
        "responses": 0,
        "drafts": 1,  # rolled back with the rest
        "emails": 0,
        "answers_waiting": True,
    }

    retried = results["retried"]
    [reference] = results["references"]
    assert retried["status"] == 200
    assert "We have your answers" in retried["content"]
    assert reference in retried["content"]
    assert results["stored_answers"] == [ANSWERS]
    assert results["drafts"] == 0
    assert results["emails"] == [f"We have your answers: {reference}"]
