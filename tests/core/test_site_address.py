"""The site's public address (BOARDHUB_BASE_URL): production will not start without a right
one, and `manage.py set_site_address` gives it to the Wagtail Site, so the links in the open
data lead to the public site and not to localhost (boardhub.core.site_address)."""

import json
import secrets

import pytest
from django.core.management import call_command
from wagtail.models import Site

from boardhub.core.links import absolute_url
from tests.core.test_security import run_with_production_settings
from tests.impact.test_public_pages import make_change, you_said_we_did  # noqa: F401

PUBLIC = "https://makingitreal.larkfield.gov.uk"


def production_base_url(base_url):
    """What production makes of BOARDHUB_BASE_URL=`base_url`: its WAGTAILADMIN_BASE_URL, or the
    failed run."""
    return run_with_production_settings(
        [
            "-c",
            "import django; django.setup(); from django.conf import settings as s; "
            "print(s.WAGTAILADMIN_BASE_URL)",
        ],
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="makingitreal.larkfield.gov.uk",
        BOARDHUB_BASE_URL=base_url,
    )


def test_production_takes_the_public_address_from_the_environment():
    result = production_base_url(PUBLIC)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == PUBLIC


@pytest.mark.parametrize(
    ("address", "message"),
    [
        ("", "Set BOARDHUB_BASE_URL to the site's public https address"),
        ("http://makingitreal.larkfield.gov.uk", "Set BOARDHUB_BASE_URL"),
        ("makingitreal.larkfield.gov.uk", "Set BOARDHUB_BASE_URL"),
        (f"{PUBLIC}/boardhub", "with no path"),
        ("https://makingitreal.larkfield.gov.uk:8443", "port, 443"),
    ],
)
def test_production_refuses_to_start_without_a_public_https_address(address, message):
    result = production_base_url(address)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


@pytest.mark.django_db
def test_the_open_data_and_emails_link_to_the_public_address(
    client,
    settings,
    you_said_we_did,  # noqa: F811
):
    settings.WAGTAILADMIN_BASE_URL = PUBLIC
    change = make_change(title="Evening home care visits")

    call_command("set_site_address", verbosity=0)

    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("makingitreal.larkfield.gov.uk", 443)
    response = client.get("/you-said-we-did/open-data.json")
    changes = json.loads(b"".join(response.streaming_content))["changes"]
    assert changes[0]["url"] == f"{PUBLIC}/you-said-we-did/changes/{change.pk}/"
    assert absolute_url("/account/feedback/") == f"{PUBLIC}/account/feedback/"


@pytest.mark.django_db
def test_setting_the_address_again_changes_nothing(settings):
    settings.WAGTAILADMIN_BASE_URL = f"{PUBLIC}/"
    call_command("set_site_address", verbosity=0)
    call_command("set_site_address", verbosity=0)

    assert Site.objects.get().root_url == PUBLIC
