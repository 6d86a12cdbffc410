"""Services: council services and strategies that consultations are about, kept by officers as
Wagtail snippets."""

import pytest
from django.contrib.auth.models import Permission

from boardhub.demo.factories import ServiceFactory, UserFactory, activate_totp
from boardhub.services.models import Service

pytestmark = pytest.mark.django_db

ADMIN_URL = "/admin/snippets/services/service/"


@pytest.fixture
def officer():
    """An officer who may manage services, and nothing else, with two-factor set up."""
    officer = UserFactory(verified=True)
    officer.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        *Permission.objects.filter(content_type__app_label="services"),
    )
    activate_totp(officer)
    return officer


def test_services_are_named_and_listed_by_name():
    ServiceFactory(name="Short breaks")
    ServiceFactory(name="Direct payments")

    assert [str(service) for service in Service.objects.all()] == [
        "Direct payments",
        "Short breaks",
    ]


def test_a_service_without_a_slug_gets_one_from_its_name():
    service = Service.objects.create(name="Home care", description="Care at home.", team="ASC")

    assert service.slug == "home-care"


def test_an_officer_adds_edits_and_deletes_a_service(client, officer):
    client.force_login(officer)

    response = client.post(
        f"{ADMIN_URL}add/",
        {
            "name": "Direct payments",
            "slug": "",
            "description": "Money from the council so that you can arrange your own care.",
            "team": "Adult social care",
            "url": "https://example.org/direct-payments",
        },
    )
    assert response.status_code == 302
    service = Service.objects.get()
    assert service.slug == "direct-payments"

    listing = client.get(ADMIN_URL).content.decode()
    assert "Direct payments" in listing

    response = client.post(
        f"{ADMIN_URL}edit/{service.pk}/",
        {
            "name": "Direct payments",
            "slug": "direct-payments",
            "description": "Money for your own care.",
            "team": "Personal budgets team",
            "url": "",
        },
    )
    assert response.status_code == 302
    service.refresh_from_db()
    assert service.team == "Personal budgets team"

    response = client.post(f"{ADMIN_URL}delete/{service.pk}/")
    assert response.status_code == 302
    assert not Service.objects.exists()


def test_two_services_cannot_share_a_web_address(client, officer):
    ServiceFactory(name="Home care", slug="home-care")
    client.force_login(officer)

    response = client.post(
        f"{ADMIN_URL}add/",
        {"name": "Home Care", "slug": "", "description": "Care.", "team": "ASC", "url": ""},
    )

    assert response.status_code == 200
    assert "Another service already uses this web address" in response.content.decode()
    assert Service.objects.count() == 1


def test_an_officer_without_permission_cannot_manage_services(client):
    officer = UserFactory(verified=True)
    officer.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    activate_totp(officer)
    client.force_login(officer)

    response = client.get(f"{ADMIN_URL}add/")

    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert not Service.objects.exists()


def test_the_service_list_escapes_what_officers_typed(admin_client):
    ServiceFactory(name="<script>alert(1)</script>")

    page = admin_client.get(ADMIN_URL).content.decode()

    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
