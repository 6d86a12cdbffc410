"""Settings shared by every environment.

Environment variables, all read here and nowhere else:

    SECRET_KEY              signing key; required in production
    MFA_ENCRYPTION_KEYS     Fernet keys that encrypt two-factor secrets in the database,
                            comma-separated, newest first (boardhub.members.mfa_secrets);
                            required in production; default: a fixed, public development key
    BACKUP_ENCRYPTION_KEY   a key or passphrase: when set, `manage.py backup` encrypts each
                            backup and `manage.py restore` needs it (boardhub.core.backups)
    ALLOWED_HOSTS           comma-separated host names; required in production
    CSRF_TRUSTED_ORIGINS    comma-separated origins (https://example.org) behind a proxy
    DATABASE_URL            database, e.g. postgres://user@127.0.0.1:5432/boardhub;
                            default: SQLite in var/db.sqlite3
    DATABASE_STATEMENT_TIMEOUT_MS   PostgreSQL cancels any query running longer, and the
                            visitor sees the 503 page (boardhub.core.db_errors) instead of
                            waiting on a hung worker; 0 turns it off; default: off, 5000 in
                            production (set 0 for a long `manage.py migrate`)
    REDIS_URL               cache, e.g. redis://127.0.0.1:6379/0; default: in-process memory
    PAGE_CACHE_SECONDS      how long a public page is kept in the cache for people who are
                            not signed in (boardhub.core.page_cache); 0 turns it off; default: 60
    BOARDHUB_BASE_URL       public address, used in emails, the open data and the admin;
                            required in production, https (boardhub.core.site_address)
    BOARDHUB_MEDIA_ROOT     where uploads are kept; default: var/media
    DEFAULT_FROM_EMAIL      sender of the emails BoardHub sends
    EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD   SMTP server (production)
    EMAIL_TIMEOUT           production only: seconds before a silent mail server is given up
                            on and the email retried later; default: 20
    EMAIL_BACKEND, EMAIL_FILE_PATH   production only: another way to send email; default SMTP
                            (`make serve-prod` writes emails to files in var/serve-prod/emails)
    ADMIN_EMAILS            who is emailed about server errors (Django's ADMINS), with no
                            personal data in the email (boardhub.core.error_reports):
                            "Name <email>, other@example.org"; default: nobody
    NOTIFY_API_KEY          GOV.UK Notify API key, for text messages, letters and (with an
                            email template) email (boardhub.notifications); default: none,
                            when development prints text messages and letters to the console
                            and production leaves them for an officer to send by hand
    NOTIFY_BASE_URL         Notify's API; default: https://api.notifications.service.gov.uk
    NOTIFY_EMAIL_TEMPLATE_ID, NOTIFY_TEXT_TEMPLATE_ID, NOTIFY_LETTER_TEMPLATE_ID,
    NOTIFY_LARGE_PRINT_LETTER_TEMPLATE_ID   ids of Notify templates whose content is
                            ((subject)) and ((body)) (a text message: ((body))); without the
                            email one, email goes by BoardHub's own mail server; without a
                            letter one, letters wait in the "to contact" list
    NOTIFY_TIMEOUT          seconds before a silent Notify is given up on and the message
                            retried later; default: 15
    SENTRY_DSN              production only: also report errors to Sentry, scrubbed of personal
                            data (boardhub.core.error_reporting); default: off
"""

import os
from email.utils import getaddresses
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF


def env_list(name, default=""):
    """A comma-separated environment variable as a list, blanks dropped."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
# Runtime state (the SQLite database, uploads) lives in var/, which git ignores.
VAR_DIR = BASE_DIR / "var"
VAR_DIR.mkdir(exist_ok=True)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
DEBUG = False

INSTALLED_APPS = [
    "boardhub.core",
    "boardhub.members",
    "boardhub.joining",
    "boardhub.privacy",
    "boardhub.notifications",
    "boardhub.services",
    "boardhub.consultations",
    "boardhub.feedback",
    "boardhub.impact",
    "boardhub.meetings",
    "boardhub.representation",
    "boardhub.reports",
    "boardhub.easyread",
    "home",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before the rest: every line they log for the request carries its id, and so does the
    # response (boardhub.core.request_id). Static files need none.
    "boardhub.core.request_id.RequestIdMiddleware",
    # Static files are never documents, so the policy is only needed from here on.
    "boardhub.core.middleware.PermissionsPolicyMiddleware",
    # Takes NUL out of the address, cookies and form data before anything reads them (the
    # session middleware looks up its cookie; the CSRF check reads the form first), and answers
    # a request over Django's size limits with a plain page (boardhub.core.request_limits).
    "boardhub.core.typed_text.StorableTextMiddleware",
    # Around everything that may need the database, the session included: its errors become
    # the "nothing was saved" 503 page.
    "boardhub.core.db_errors.DatabaseUnavailableMiddleware",
    # Before the session and CSRF middleware, to see the cookies and Vary they add.
    "boardhub.core.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "boardhub.core.middleware.BoardHubCSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Officers only, and only once this session passed two-factor; members get a plain 403.
    "boardhub.members.middleware.AdminGateMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "boardhub.urls"
WSGI_APPLICATION = "boardhub.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "boardhub.core.context_processors.reader_preferences",
                "boardhub.core.context_processors.board",
            ],
        },
    },
]
# Every form on the site renders through the GOV.UK-style templates in templates/forms/.
FORM_RENDERER = "boardhub.core.forms.BoardHubFormRenderer"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=60,
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Take the write lock when a transaction starts, so two requests writing at once wait their
    # turn (up to the timeout) instead of one failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}


def postgresql_options(database, statement_timeout_ms=0):
    """The settings each PostgreSQL connection starts with. JIT compilation is off: the pages'
    queries take milliseconds, and PostgreSQL would spend 300 ms compiling any whose estimated
    cost looks large (a table not analysed since a bulk load), every time it runs. With
    `statement_timeout_ms`, PostgreSQL cancels any statement that runs longer."""
    if database["ENGINE"] != "django.db.backends.postgresql":
        return
    options = "-c jit=off"
    if statement_timeout_ms:
        options += f" -c statement_timeout={int(statement_timeout_ms)}"
    database.setdefault("OPTIONS", {})["options"] = options


# None when unset: production then applies its own default.
DATABASE_STATEMENT_TIMEOUT_MS = os.environ.get("DATABASE_STATEMENT_TIMEOUT_MS")
postgresql_options(DATABASES["default"], int(DATABASE_STATEMENT_TIMEOUT_MS or 0))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "boardhub",
    }
}

# Public pages, kept for people who are not signed in; every officer's change to public content
# makes them miss at once, so this only bounds changes that happen with time.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "60"))

# Background work (emails, notifications) runs in the request that enqueues it, on a developer's
# machine and in tests. Production queues it in the database for `manage.py db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Accounts: email is the login; nobody joins by signing up (membership is by invitation).
AUTH_USER_MODEL = "members.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_ADAPTER = "boardhub.joining.adapters.InvitationOnlyAccountAdapter"
ACCOUNT_FORMS = {
    "login": "boardhub.members.forms.SignInForm",
    # allauth's other forms, in plain English and without placeholders (boardhub.members.forms).
    "request_login_code": "boardhub.members.forms.RequestLoginCodeForm",
    "confirm_login_code": "boardhub.members.forms.ConfirmLoginCodeForm",
    "reset_password": "boardhub.members.forms.ResetPasswordForm",
    "reset_password_from_key": "boardhub.members.forms.ResetPasswordKeyForm",
    "change_password": "boardhub.members.forms.ChangePasswordForm",
    "set_password": "boardhub.members.forms.SetPasswordForm",
    "add_email": "boardhub.members.forms.AddEmailForm",
    "reauthenticate": "boardhub.members.forms.ReauthenticateForm",
    # Sign-up is open only to someone holding an invitation (boardhub.joining).
    "signup": "boardhub.joining.forms.InvitedSignupForm",
}
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_NOTIFICATIONS = True
# "Confirm it is you" before a change to an account: by password, a code by email
# (boardhub.members.reauthentication), the authenticator app or a security key or passkey.
ACCOUNT_REAUTHENTICATION_REQUIRED = True
# A code by email instead of a password, for members who find passwords hard (WCAG 3.3.8).
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_LOGIN_BY_CODE_TIMEOUT = 15 * 60
# allauth's rate limits stay on (they use the cache): among them, five wrong passwords lock an
# account for five minutes.
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/300s/key"}
# Sends an hour to the public forms (boardhub.core.spam.RateLimit): from one browser session,
# which stops one sender without touching anyone else, and from one internet address, which
# a whole library, day centre or care home may share, so set well above what a group sends
# (30 people answering twice) while a program that starts a fresh session for each send is
# still stopped. 10 answers from one browser lets a support worker help several people on one
# computer in an hour; one person applies to join once, so 3 leaves room for mistakes.
# No published figure about people (the board's make-up, recruitment, reports) shows a count
# smaller than this: boardhub.core.suppression hides it, and whatever would give it away.
BOARDHUB_SMALL_NUMBER_THRESHOLD = int(os.environ.get("BOARDHUB_SMALL_NUMBER_THRESHOLD", "5"))

BOARDHUB_RATE_LIMITS = {
    "consultations:answers": {"per_session": 10, "per_address": 60},
    "joining:applications": {"per_session": 3, "per_address": 20},
}
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
# How long an invitation link works before the person has to ask for a new one.
INVITATION_LIFETIME_DAYS = 14
# Two-factor: an authenticator app, or a security key or passkey (WebAuthn: a fingerprint,
# face, PIN or a key, with no code to copy by hand, WCAG 2.2 3.3.8), with recovery codes.
# Officers and admins must have it (boardhub.members.middleware.AdminGateMiddleware);
# members may turn it on. A passkey belongs to the host name the request came to (validated by
# ALLOWED_HOSTS), so it needs no setting; browsers allow passkeys only over HTTPS or on
# http://localhost (never on an address like 127.0.0.1), so no insecure-origin setting either.
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
# A passkey is a second step after the password or emailed code, never a sign-in on its own:
# one sign-in page, whose every path ends in the second step officers must pass.
MFA_PASSKEY_LOGIN_ENABLED = False
MFA_TOTP_ISSUER = "BoardHub"
MFA_FORMS = {
    "authenticate": "boardhub.members.forms.AuthenticateForm",
    "reauthenticate": "boardhub.members.forms.MFAReauthenticateForm",
    "activate_totp": "boardhub.members.forms.ActivateTOTPForm",
    "add_webauthn": "boardhub.members.forms.AddPasskeyForm",
    "edit_webauthn": "boardhub.members.forms.EditPasskeyForm",
    "authenticate_webauthn": "boardhub.members.forms.AuthenticatePasskeyForm",
    "reauthenticate_webauthn": "boardhub.members.forms.ReauthenticatePasskeyForm",
}
# Two-factor secrets are encrypted in the database (boardhub.members.mfa_secrets): with the
# first of these keys, opened with any of them. dev.py and test.py fall back to a public key.
MFA_ADAPTER = "boardhub.members.mfa.MFAAdapter"
MFA_ENCRYPTION_KEYS = env_list("MFA_ENCRYPTION_KEYS")

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # whitenoise warns on every start-up until it exists
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("BOARDHUB_MEDIA_ROOT", VAR_DIR / "media"))
PRIVATE_MEDIA_ROOT = Path(os.environ.get("BOARDHUB_PRIVATE_MEDIA_ROOT", VAR_DIR / "private"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    # Files nobody outside the council may fetch by address (scans of paper forms): kept out
    # of MEDIA_ROOT, so no web server serves them; only views that check permission read them.
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(PRIVATE_MEDIA_ROOT)},
    },
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# Backups (boardhub.core.backups) are encrypted with this key or passphrase when it is set.
BACKUP_ENCRYPTION_KEY = os.environ.get("BACKUP_ENCRYPTION_KEY", "")

# GOV.UK Notify (boardhub.notifications): text messages, letters, and email when a template
# is given. NOTIFY_CONSOLE: without a key, print text messages and letters to the console and
# record them as sent (development and tests); production.py turns it off, so there they wait
# in the "to contact" list for an officer instead of vanishing.
NOTIFY_API_KEY = os.environ.get("NOTIFY_API_KEY", "")
NOTIFY_BASE_URL = os.environ.get("NOTIFY_BASE_URL", "https://api.notifications.service.gov.uk")
NOTIFY_EMAIL_TEMPLATE_ID = os.environ.get("NOTIFY_EMAIL_TEMPLATE_ID", "")
NOTIFY_TEXT_TEMPLATE_ID = os.environ.get("NOTIFY_TEXT_TEMPLATE_ID", "")
NOTIFY_LETTER_TEMPLATE_ID = os.environ.get("NOTIFY_LETTER_TEMPLATE_ID", "")
NOTIFY_LARGE_PRINT_LETTER_TEMPLATE_ID = os.environ.get("NOTIFY_LARGE_PRINT_LETTER_TEMPLATE_ID", "")
NOTIFY_TIMEOUT = int(os.environ.get("NOTIFY_TIMEOUT", "15"))
NOTIFY_CONSOLE = True

DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "BoardHub <noreply@boardhub.example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
ADMINS = [
    (name, address)
    for name, address in getaddresses([os.environ.get("ADMIN_EMAILS", "")])
    if address
]

# Security headers, for every environment.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# DENY everywhere; Wagtail's preview views set SAMEORIGIN themselves, and the CSP middleware
# follows them, so the editor can still show a preview of the page being edited.
X_FRAME_OPTIONS = "DENY"
# Powerful browser features the site never uses are off for every page
# (boardhub.core.middleware.PermissionsPolicyMiddleware). Passkeys and security keys
# (publickey-credentials-*), copying to the clipboard in the admin and full screen stay on,
# for the site itself only.
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "autoplay": [],
    "camera": [],
    "display-capture": [],
    "encrypted-media": [],
    "geolocation": [],
    "gyroscope": [],
    "hid": [],
    "idle-detection": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "picture-in-picture": [],
    "screen-wake-lock": [],
    "serial": [],
    "usb": [],
    "xr-spatial-tracking": [],
    "browsing-topics": [],
    "clipboard-write": ["self"],
    "fullscreen": ["self"],
    "publickey-credentials-create": ["self"],
    "publickey-credentials-get": ["self"],
}
# Messages ("We have saved your profile") live in the session, not in a cookie of their own:
# some name a person or an email address, and a cookie travels with every request.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# No inline scripts or styles: everything comes from static/. The nonce appears in the header
# only on the few admin pages whose Wagtail templates carry `{% csp_nonce %}`.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "media-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

WAGTAIL_SITE_NAME = "BoardHub"
WAGTAILADMIN_BASE_URL = os.environ.get("BOARDHUB_BASE_URL", "http://127.0.0.1:8000")
# Signing in, and passwords, are allauth's alone: Wagtail's own login and password forms are off.
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_FRONTEND_LOGIN_URL = "/accounts/login/"
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
# Email addresses too: Wagtail's account page would change the sign-in address without
# allauth's verification or its notice to the old address.
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False
# Wagtail's database backend, which on SQLite takes a search with an unbalanced quote.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "boardhub.core.search_backend"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Pictures (boardhub/core/images.py). Uploads: at most 10 MB and 40 million pixels; JPEG, PNG,
# WebP or GIF only. Never SVG: an SVG can carry script. Moving pictures are refused. Our form
# gives plain-English messages and keeps no EXIF or other metadata (such as a GPS location):
# Wagtail would copy it into every JPEG and PNG rendition. Pages show pictures through
# templates/includes/picture.html, which names each rendition's format (WebP, then JPEG or
# PNG), so no WAGTAILIMAGES_FORMAT_CONVERSIONS; renditions live in the media storage.
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_IMAGE_FORM_BASE = "boardhub.core.images.ImageForm"
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No Gravatar: it would send a hash of each officer's email address to a third party.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Feedback: a response not read and acknowledged within this many working days (Monday to
# Friday) shows as overdue to officers.
FEEDBACK_ACKNOWLEDGE_WITHIN_WORKING_DAYS = 5

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Every record gets the id of the request it was written for (boardhub.core.request_id).
    "filters": {"request_id": {"()": "boardhub.core.request_id.RequestIdFilter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["request_id"]},
        # Server errors to ADMINS, through the email queue, with no personal data.
        "admins": {
            "class": "boardhub.core.error_reports.QueuedAdminEmailHandler",
            "level": "ERROR",
        },
    },
    "loggers": {
        # Instead of Django's own handlers here: its mail_admins would email the request's
        # form data, cookies and local variables (boardhub.core.error_reports says more).
        "django": {"handlers": [], "level": "INFO"},
        "django.request": {"handlers": ["admins"]},
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
}
