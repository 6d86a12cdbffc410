"""Settings for a developer's machine: `make run`."""

from boardhub.members.mfa_secrets import DEVELOPMENT_KEY

from .base import *  # noqa: F403

# The factories, the demo site and the benchmark's data: never installed in production.
INSTALLED_APPS = [*INSTALLED_APPS, "boardhub.demo"]  # noqa: F405

DEBUG = True
# A fixed key that is only ever used on a developer's own machine.
SECRET_KEY = SECRET_KEY or "dev-only-key-never-use-in-production-5b1c0f3e9a"  # noqa: F405
MFA_ENCRYPTION_KEYS = MFA_ENCRYPTION_KEYS or [DEVELOPMENT_KEY]  # noqa: F405
ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost"]  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Two-factor on this machine only: "123456" always works as the code from the authenticator
# app, so the demo's officer and admin accounts can sign in. allauth refuses it unless DEBUG.
MFA_TOTP_INSECURE_BYPASS_CODE = "123456"
