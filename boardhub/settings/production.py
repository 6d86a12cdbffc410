"""Settings for a live site. Every secret and host comes from the environment."""

import os

from django.core.exceptions import ImproperlyConfigured

from boardhub.core.redis_cache import cache_settings
from boardhub.core.site_address import check_public_address
from boardhub.members.mfa_secrets import check_production_keys

from .base import *  # noqa: F403

if not SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured("Set the SECRET_KEY environment variable to a long random value.")
if not ALLOWED_HOSTS:  # noqa: F405
    raise ImproperlyConfigured("Set ALLOWED_HOSTS to the site's host names, separated by commas.")
# Two-factor secrets are encrypted in the database with these keys (boardhub.members.mfa_secrets).
check_production_keys(MFA_ENCRYPTION_KEYS)  # noqa: F405
# Every link in an email and in the open data carries the public address: no default here.
# `manage.py set_site_address`, after each migrate, gives it to the Wagtail Site too.
WAGTAILADMIN_BASE_URL = os.environ.get("BOARDHUB_BASE_URL", "")
check_public_address(WAGTAILADMIN_BASE_URL)

DEBUG = False
# Text messages and letters with no Notify key wait for an officer, never only in a log.
NOTIFY_CONSOLE = False

# TLS ends at the proxy (site/deploy/nginx), which sets X-Forwarded-Proto itself.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Behind nginx every request comes from 127.0.0.1; the visitor's address is the one nginx
# writes into X-Forwarded-For (overwriting what the client sent). Rate limits (allauth's and
# boardhub.core.spam's) count by it, or everyone would share one limit.
ALLAUTH_TRUSTED_PROXY_COUNT = 1
SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# The __Host- prefix makes browsers refuse these cookies unless they are secure, for the whole
# site and set by this host alone: no subdomain or plain-HTTP page can plant or overwrite them.
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"

# Compressed files with content-hashed names, served by whitenoise with far-future caching.
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
}

# Health checks (boardhub/core/health.py) are probed by the load balancer over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^health/"]

# Redis, shared by every app server. A Redis outage slows pages down; it must not take them
# down: errors count as cache misses, short timeouts stop a dead Redis hanging requests, and
# after a failure Redis is left alone for a few seconds (boardhub.core.redis_cache).
if os.environ.get("REDIS_URL"):
    CACHES = {"default": cache_settings(os.environ["REDIS_URL"])}

# Sessions stay in the database, not the cache: losing Redis must not sign everyone out or
# lose the answers a member has typed so far.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Emails go out from a worker (`manage.py db_worker`), not in the request that sends them, so
# a slow or broken mail server never slows a page down; a failed one stays on record there,
# and one the server could not take yet is tried again later (boardhub.core.emails). The
# queue's tables (django_tasks_db) are in every environment's INSTALLED_APPS (base.py).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
# Only for EMAIL_BACKEND's file backend (make serve-prod writes emails there instead of sending).
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", "")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = True
# A mail server that accepts the connection and then hangs must not hold the worker for ever:
# after this many seconds the try fails and is retried later (boardhub.core.emails).
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "20"))

# A query stuck for more than 5 seconds is cancelled and the visitor sees the 503 page, rather
# than a worker hanging (DATABASE_STATEMENT_TIMEOUT_MS changes it; 0 turns it off).
if DATABASE_STATEMENT_TIMEOUT_MS is None:  # noqa: F405
    postgresql_options(DATABASES["default"], 5000)  # noqa: F405

# Logs: one JSON object a line, each with its request's id (boardhub.core.json_logs).
LOGGING["formatters"] = {"json": {"()": "boardhub.core.json_logs.JsonLinesFormatter"}}  # noqa: F405
LOGGING["handlers"]["console"]["formatter"] = "json"  # noqa: F405

# Errors to Sentry too, when SENTRY_DSN is set, with personal data scrubbed first
# (boardhub.core.error_reporting). Server errors always go to ADMINS (base.py).
if os.environ.get("SENTRY_DSN"):
    from boardhub.core.error_reporting import start_sentry

    start_sentry(os.environ["SENTRY_DSN"])
