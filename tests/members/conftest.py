import contextlib

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache

from boardhub.demo.factories import UserFactory, activate_totp


@pytest.fixture(autouse=True)
def _empty_cache():
    """allauth keeps its rate limits (failed sign-ins, code requests) and used two-factor codes
    in the cache: every test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def emails_sent(mailoutbox, django_capture_on_commit_callbacks):
    """Emails go out after the transaction commits (boardhub.core.emails). Wrap what should
    send them in `with emails_sent() as outbox:`; they are in `outbox` after the block."""

    @contextlib.contextmanager
    def sending():
        with django_capture_on_commit_callbacks(execute=True):
            yield mailoutbox

    return sending


@pytest.fixture
def officer():
    """A Moderator with an authenticator app (its secret in `totp_secret`), who can sign in
    with a password."""
    user = UserFactory(verified=True)
    user.groups.add(Group.objects.get(name="Moderators"))
    user.totp_secret = activate_totp(user)
    return user
