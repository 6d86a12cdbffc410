import contextlib

import pytest
from django.core.cache import cache


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
