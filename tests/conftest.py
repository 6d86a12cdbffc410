import pytest


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
    from tests.factories import activate_totp

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
