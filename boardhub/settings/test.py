"""Settings for the test suite, tuned for speed."""

import os
import warnings

from boardhub.members.mfa_secrets import DEVELOPMENT_KEY

from .base import *  # noqa: F403

# The factories, the demo site and the benchmark's data: never installed in production.
INSTALLED_APPS = [*INSTALLED_APPS, "boardhub.demo"]  # noqa: F405

# Warnings raised while Django sets up (apps, models, URLconfs) come before pytest applies the
# filterwarnings in pyproject.toml, which then make warnings errors inside each test: these make
# the same ones errors here.
for category in (DeprecationWarning, PendingDeprecationWarning, RuntimeWarning):
    warnings.filterwarnings("error", category=category)

SECRET_KEY = "test-only-key-not-secret"
MFA_ENCRYPTION_KEYS = [DEVELOPMENT_KEY]
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
MEDIA_ROOT = VAR_DIR / "test-media"  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not SQLite's shared in-memory database, whose table locks fail at once instead
    # of waiting: the tests of two submissions at once need writers to wait their turn. One file
    # per run, so two runs in one checkout do not share it; Django deletes it when the run ends.
    test_database = VAR_DIR / f"test-db-{os.getpid()}.sqlite3"  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(test_database)}  # noqa: F405

# Rendering tests (query counts above all) measure rendering, not the public page cache;
# tests/core/test_page_cache.py turns it on for itself.
PAGE_CACHE_SECONDS = 0
