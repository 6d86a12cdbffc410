"""The demo site shows requests for another format reaching someone: its Accessible formats
team has a member, a fictional officer, who reads and handles the requests in the admin and
nothing else (not people's feedback)."""

from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from boardhub.consultations.models import ConsultationPage, FormatRequest
from boardhub.demo.management.commands.load_demo_site import DEMO_ACCOUNTS

pytestmark = pytest.mark.django_db

FORMATS_TEAM = "Accessible formats team"


@pytest.fixture
def demo_site():
    out = StringIO()
    call_command("load_demo_site", stdout=out)
    return out.getvalue()


def formats_officer():
    [officer] = Group.objects.get(name=FORMATS_TEAM).user_set.filter(is_active=True)
    return officer


def test_the_accessible_formats_team_has_a_fictional_officer_and_the_output_names_them(
    demo_site,
):
    officer = formats_officer()

    [account] = [account for account in DEMO_ACCOUNTS if account.email == officer.email]
    assert officer.email.endswith("@example.org")
    assert officer.is_staff and not officer.is_superuser
    assert set(officer.groups.values_list("name", flat=True)) == {FORMATS_TEAM}
    assert officer.has_perm("consultations.handle_format_requests")
    assert not officer.has_perm("feedback.handle_feedback")
    assert f"{account.email:<22} {account.password:<28} {account.role}" in demo_site


def test_the_formats_officer_reads_and_handles_requests_but_not_feedback(client, demo_site):
    officer = formats_officer()
    format_request = FormatRequest.objects.create(
        consultation=ConsultationPage.objects.live().first(),
        format="large_print",
        contact_details="By post",
    )
    client.force_login(officer)  # the whole sign-in, two-factor too (tests/conftest.py)

    listing = client.get("/admin/format-requests/")
    handle = client.get(f"/admin/format-requests/handle/{format_request.pk}/")
    feedback = client.get("/admin/feedback/")

    assert listing.status_code == 200
    assert handle.status_code == 200
    assert feedback.status_code in (302, 403)


def test_loading_again_adds_no_second_formats_officer(demo_site):
    call_command("load_demo_site", stdout=StringIO())

    assert Group.objects.get(name=FORMATS_TEAM).user_set.count() == 1
