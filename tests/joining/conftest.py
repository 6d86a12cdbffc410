"""Officers for the admin tests: the admin needs two-factor, so each has an authenticator."""

import pytest
from django.contrib.auth.models import Permission
from django.core.cache import cache

from boardhub.demo.factories import UserFactory, activate_totp


def make_officer(*permissions, **kwargs):
    """Someone who may use Wagtail's admin, with two-factor set up, holding `permissions`
    (each "app_label.codename") and nothing else."""
    officer = UserFactory(verified=True, **kwargs)
    for name in ("wagtailadmin.access_admin", *permissions):
        app_label, codename = name.split(".")
        officer.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    activate_totp(officer)
    return officer


@pytest.fixture
def inviter():
    return make_officer("joining.add_invitation", "joining.view_invitation")


@pytest.fixture
def reviewer():
    return make_officer("joining.view_application", "joining.review_application")


@pytest.fixture
def plain_officer():
    """An officer who can see applications and invitations but not act on them."""
    return make_officer("joining.view_application", "joining.view_invitation")


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rate-limit counts live in the cache: each test starts with none."""
    cache.clear()
    yield
    cache.clear()
