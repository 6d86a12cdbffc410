"""Security headers, production settings and the closed Wagtail sign-in route."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
import wagtail.admin
from cryptography.fernet import Fernet
from django.urls import reverse
from wagtail.models import Page, Site

from boardhub.members.models import User

REPO = Path(__file__).resolve().parents[2]


def run_with_production_settings(args, **env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_SETTINGS_MODULE"}
    }
    # A throwaway two-factor key, as callers pass a throwaway SECRET_KEY; a caller may set its own.
    environment["MFA_ENCRYPTION_KEYS"] = Fernet.generate_key().decode()
    environment["BOARDHUB_BASE_URL"] = "https://boardhub.example.org"
    environment.update(DJANGO_SETTINGS_MODULE="boardhub.settings.production", **env)
    return subprocess.run(
        [sys.executable, *args], cwd=REPO, env=environment, capture_output=True, text=True
    )


def csp_directives(response):
    policy = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in policy.split(";") if part.strip())
    }


@pytest.mark.django_db
def test_public_pages_forbid_inline_scripts_and_framing(client):
    response = client.get("/")

    directives = csp_directives(response)
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_public_pages_send_nosniff_and_a_strict_referrer_policy(client):
    response = client.get("/")

    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.django_db
def test_https_responses_carry_hsts_under_production_settings(client, settings):
    result = run_with_production_settings(
        [
            "-c",
            "from django.conf import settings as s; import django; django.setup(); "
            "print(s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD)",
        ],
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="testserver",
    )
    hsts_seconds, subdomains, preload = result.stdout.split()
    settings.SECURE_HSTS_SECONDS = int(hsts_seconds)
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = subdomains == "True"
    settings.SECURE_HSTS_PRELOAD = preload == "True"

    response = client.get("/", secure=True)

    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


@pytest.mark.django_db
def test_wagtail_preview_can_be_framed_by_the_editor_but_no_one_else(admin_client):
    home = Page.objects.get(depth=2)

    response = admin_client.get(reverse("wagtailadmin_pages:preview_on_edit", args=[home.pk]))

    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert csp_directives(response)["frame-ancestors"] == ["'self'"]


def test_check_deploy_is_clean_under_production_settings(tmp_path):
    result = run_with_production_settings(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="boardhub.example.org",
        DATABASE_URL=f"sqlite:///{tmp_path / 'check.sqlite3'}",
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize(
    ("missing", "message"),
    [("SECRET_KEY", "Set the SECRET_KEY"), ("ALLOWED_HOSTS", "Set ALLOWED_HOSTS")],
)
def test_production_refuses_to_start_without_its_secrets(missing, message):
    env = {"SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "boardhub.example.org"}
    del env[missing]

    result = run_with_production_settings(["manage.py", "check"], **env)

    assert result.returncode != 0
    assert message in result.stderr


def test_production_serves_compressed_hashed_static_files_through_whitenoise():
    result = run_with_production_settings(
        [
            "-c",
            "import django; django.setup(); from django.conf import settings as s; "
            "print(s.STORAGES['staticfiles']['BACKEND']); print(s.MIDDLEWARE[1])",
        ],
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="boardhub.example.org",
    )

    storage, middleware = result.stdout.split()
    assert storage == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert middleware == "whitenoise.middleware.WhiteNoiseMiddleware"


@pytest.mark.django_db
def test_wagtail_sign_in_page_leads_to_the_allauth_sign_in(client):
    response = client.get("/admin/login/?next=/admin/pages/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/admin/pages/"


@pytest.mark.django_db
def test_posting_credentials_to_wagtail_sign_in_signs_no_one_in(client):
    User.objects.create_superuser("admin@example.org", "a-long-admin-password")

    response = client.post(
        "/admin/login/",
        {
            "username": "admin@example.org",
            "email": "admin@example.org",
            "password": "a-long-admin-password",
        },
    )

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302


@pytest.mark.django_db
def test_admin_sends_signed_out_people_to_the_allauth_sign_in(client):
    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/admin/")


@pytest.mark.django_db
def test_wagtail_password_reset_is_switched_off(client):
    assert client.get("/admin/password_reset/").status_code == 404


@pytest.mark.django_db
def test_officers_change_their_email_only_through_allauths_verification(admin_client, admin_user):
    page = admin_client.get("/admin/account/")
    assert page.status_code == 200
    assert 'name="name_email-email"' not in page.content.decode()

    admin_client.post(
        "/admin/account/",
        {
            "name_email-first_name": "Ada",
            "name_email-last_name": "Officer",
            "name_email-email": "someone-else@example.org",
        },
    )

    admin_user.refresh_from_db()
    assert admin_user.email != "someone-else@example.org"


OVERRIDDEN_ADMIN_TEMPLATES = [
    "wagtailadmin/widgets/date_input.html",
    "wagtailadmin/widgets/time_input.html",
    "wagtailadmin/widgets/datetime_input.html",
    "wagtailadmin/panels/inline_panel.html",
    "wagtailadmin/panels/multiple_chooser_panel.html",
]


@pytest.mark.parametrize("name", OVERRIDDEN_ADMIN_TEMPLATES)
def test_admin_template_overrides_differ_from_wagtails_only_by_the_nonce(name):
    original = (Path(wagtail.admin.__file__).parent / "templates" / name).read_text()
    ours = (REPO / "templates" / name).read_text()

    header, body = ours.split("\n", 1)
    assert header.startswith("{% load boardhub_csp %}")
    assert body == original.replace("<script>", '<script nonce="{% csp_nonce %}">')


@pytest.mark.django_db
def test_the_admin_editor_runs_its_inline_scripts_by_nonce_only(admin_client):
    home = Page.objects.get(depth=2)

    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[home.pk]))

    script_src = csp_directives(response)["script-src"]
    assert script_src[0] == "'self'"
    nonce = re.fullmatch(r"'nonce-(.+)'", script_src[1]).group(1)
    inline_scripts = re.findall(
        r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", response.content.decode()
    )
    assert inline_scripts, "the editor's schedule fields use inline scripts"
    assert all(f'nonce="{nonce}"' in tag for tag in inline_scripts)


ADMIN_FORMS_WITH_CHOOSERS = [
    "/admin/snippets/services/service/add/",  # its easy read guide: a page chooser
    "/admin/snippets/impact/changerecord/add/",  # its consultations: page choosers
    "/admin/settings/core/boardsettings/{site}/",  # its footer pages
]


@pytest.mark.django_db
@pytest.mark.parametrize("url", ADMIN_FORMS_WITH_CHOOSERS)
def test_choosers_in_the_admin_run_their_scripts_by_nonce(admin_client, url):
    """Wagtail writes each chooser's script in Python: without the nonce, the policy blocks it
    and "Choose a page" does nothing."""
    response = admin_client.get(url.format(site=Site.objects.get(is_default_site=True).pk))

    assert response.status_code == 200
    nonce = re.fullmatch(r"'nonce-(.+)'", csp_directives(response)["script-src"][1]).group(1)
    html = response.content.decode()
    assert "Chooser(" in html, "no chooser on this form"
    inline_scripts = re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", html)
    assert all(f'nonce="{nonce}"' in tag for tag in inline_scripts)


@pytest.mark.django_db
def test_public_pages_carry_no_nonce(client):
    assert csp_directives(client.get("/"))["script-src"] == ["'self'"]
