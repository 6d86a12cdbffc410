import os
import time
from urllib.parse import urlsplit

import pytest
from django.test import Client

# The database vendor Django reports for each scheme DATABASE_URL may use.
VENDOR_BY_SCHEME = {"postgres": "postgresql", "postgresql": "postgresql", "sqlite": "sqlite"}


def expected_vendor():
    """The vendor DATABASE_URL asks for: SQLite when it is unset."""
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        return "sqlite"
    scheme = urlsplit(url).scheme
    return VENDOR_BY_SCHEME.get(scheme, scheme)


def pytest_report_header(config):
    """Name the database in the header, so CI can see which pass ran on what."""
    from django.db import connection

    return f"database: {connection.vendor} (DATABASE_URL asks for {expected_vendor()})"


@pytest.fixture(scope="session", autouse=True)
def _database_is_the_one_asked_for():
    """Stop the run if the tests would not run on the database DATABASE_URL names: a
    PostgreSQL pass that quietly ran on SQLite would prove nothing about PostgreSQL."""
    from django.db import connection

    if connection.vendor != expected_vendor():
        pytest.exit(
            f"DATABASE_URL asks for {expected_vendor()}, but the tests would run on "
            f"{connection.vendor}: check DATABASE_URL and the test settings.",
            returncode=3,
        )


def record_second_factor(client, user):
    """Write into `client`'s session what allauth writes when `user` signs in with a password
    and then passes their second factor, so the admin's gate lets them through.

    Does nothing for someone with no authenticator: they never passed a second step.
    """
    from allauth.account.internal.flows.login import AUTHENTICATION_METHODS_SESSION_KEY
    from allauth.mfa.models import Authenticator

    authenticator = (
        Authenticator.objects.filter(user=user)
        .exclude(type=Authenticator.Type.RECOVERY_CODES)
        .first()
    )
    if authenticator is None:
        return
    now = time.time()
    session = client.session
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": "password", "at": now, "email": user.email},
        {"method": "mfa", "at": now, "id": authenticator.pk, "type": authenticator.type},
    ]
    session["account_authentication_methods_user"] = str(user.pk)
    session.save()


class SignedInClient(Client):
    """Django's test client, whose `force_login` stands for a complete sign-in: the password and,
    for someone with two-factor set up, the second step. `two_factor=False` stands for a session
    that skipped the second step (a sign-in path other than allauth's)."""

    def force_login(self, user, backend=None, *, two_factor=True):
        super().force_login(user, backend)
        if two_factor:
            record_second_factor(self, user)


@pytest.fixture
def client():
    return SignedInClient()


@pytest.fixture
def admin_client(admin_user):
    signed_in = SignedInClient()
    signed_in.force_login(admin_user)
    return signed_in


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploads made by a test go to a temporary folder, never into var/."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache. Wagtail caches renditions by image id, and the test
    database hands the same ids out again, so one test could see another's pictures."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def admin_user(admin_user):
    """pytest-django's superuser, with the two-factor authentication every admin must have."""
    from boardhub.demo.factories import activate_totp

    activate_totp(admin_user)
    return admin_user


@pytest.fixture
def sent(mailoutbox, django_capture_on_commit_callbacks):
    """Run `action()`, let its transaction's emails go, and return them."""

    def run(action):
        with django_capture_on_commit_callbacks(execute=True):
            action()
        return list(mailoutbox)

    return run


# Template ids the local Notify test server knows (tests/notify_server.py), as settings name them.
NOTIFY_TEMPLATES = {
    "NOTIFY_EMAIL_TEMPLATE_ID": ("0b2e7b9a-0000-4000-8000-000000000001", "email"),
    "NOTIFY_TEXT_TEMPLATE_ID": ("0b2e7b9a-0000-4000-8000-000000000002", "sms"),
    "NOTIFY_LETTER_TEMPLATE_ID": ("0b2e7b9a-0000-4000-8000-000000000003", "letter"),
    "NOTIFY_LARGE_PRINT_LETTER_TEMPLATE_ID": ("0b2e7b9a-0000-4000-8000-000000000004", "letter"),
}


@pytest.fixture
def notify_server(settings):
    """A local GOV.UK Notify on 127.0.0.1 that checks requests as Notify does, with the
    NOTIFY_* settings pointing at it (tests/notify_server.py)."""
    from tests import notify_server as fake_notify

    server = fake_notify.start(dict(NOTIFY_TEMPLATES.values()))
    settings.NOTIFY_API_KEY = server.api_key
    settings.NOTIFY_BASE_URL = server.url
    settings.NOTIFY_TIMEOUT = 2
    for name, (template, __) in NOTIFY_TEMPLATES.items():
        setattr(settings, name, template)
    try:
        yield server
    finally:
        fake_notify.stop(server)
