"""Download my data: the JSON file and the readable summary, only ever of your own data."""

import json
import time

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from boardhub.demo.factories import StandardPageFactory, UserFactory
from boardhub.members.models import MemberProfile

from .conftest import TOTP_SECRET, reauthenticate

pytestmark = pytest.mark.django_db

DOWNLOAD = reverse("privacy:download")
SUMMARY = reverse("privacy:summary")


def download(client, **params):
    response = client.get(DOWNLOAD, params)
    assert response.status_code == 200
    return response, json.loads(response.content)


def test_the_file_holds_the_members_account_profile_answers_and_two_factor(member_client):
    __, data = download(member_client)

    account = data["your_account"]["what_we_hold"]
    assert account["email"] == "sam.jones@example.org"
    assert account["first_name"] == "Samira"
    assert account["last_name"] == "Jonesworth"
    assert account["display_name"] == "Sam"
    assert account["date_joined"]
    assert account["last_login"]
    profile = data["your_profile"]["what_we_hold"]
    assert profile["communication_needs"] == "Please send papers a week before the meeting."
    assert profile["formats"] == ["easy_read", "large_print"]
    assert data["your_answers_to_the_equality_questions"]["what_we_hold"]["unpaid_carer"] == (
        "20_to_49"
    )
    [address] = data["your_email_addresses"]["what_we_hold"]
    assert address == {"email": "sam.jones@example.org", "verified": True, "primary": True}
    two_factor = data["your_two_factor_authentication"]["what_we_hold"]
    assert {entry["type"] for entry in two_factor} == {"totp", "recovery_codes"}
    assert set(two_factor[0]) == {"type", "created_at", "last_used_at"}
    assert data["your_profile"]["why_we_hold_it"]


def test_the_file_is_an_attachment_named_for_today_and_never_cached(member_client):
    response, __ = download(member_client)

    today = timezone.localdate().isoformat()
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="boardhub-your-data-{today}.json"'
    )
    assert set(response["Cache-Control"].split(", ")) >= {"private", "no-store"}


def test_the_file_never_holds_the_password_or_two_factor_secrets(member_client, member):
    response, data = download(member_client)

    content = response.content.decode()
    assert member.password not in content
    assert "password" not in data["your_account"]["what_we_hold"]
    assert TOTP_SECRET not in content
    assert "recovery-seed-never-shown" not in content
    assert '"secret"' not in content and '"seed"' not in content


def test_the_file_holds_nothing_of_another_member_whatever_is_asked_for(member_client, member):
    other = UserFactory(verified=True, email="other.person@example.org", display_name="Olu")
    MemberProfile.objects.create(user=other, communication_needs="Other person's needs")

    for params in ({}, {"user": other.pk}, {"id": other.pk}, {"email": other.email}):
        response, data = download(member_client, **params)
        content = response.content.decode()
        assert data["your_account"]["what_we_hold"]["email"] == member.email
        assert other.email not in content
        assert "Other person's needs" not in content
        assert "Olu" not in content


def test_a_member_signed_in_as_someone_else_gets_only_their_own_data(client, member):
    other = UserFactory(verified=True, email="other.person@example.org")
    client.force_login(other)
    reauthenticate(client)

    __, data = download(client)
    summary = client.get(SUMMARY).content.decode()

    assert data["your_account"]["what_we_hold"]["email"] == "other.person@example.org"
    assert data["your_profile"]["what_we_hold"] is None
    assert member.email not in json.dumps(data)
    assert member.email not in summary
    assert "Please send papers" not in summary


def test_officers_see_the_pages_they_made_in_their_file(client):
    officer = UserFactory(verified=True, is_staff=True)
    StandardPageFactory(parent=Page.objects.get(depth=2), title="Our meetings", owner=officer)
    client.force_login(officer)
    reauthenticate(client)

    __, data = download(client)

    assert [page["title"] for page in data["pages_you_made"]["what_we_hold"]] == ["Our meetings"]


def test_the_summary_shows_the_same_data_in_plain_words(member_client):
    response = member_client.get(SUMMARY)

    content = response.content.decode()
    assert response.status_code == 200
    assert set(response["Cache-Control"].split(", ")) >= {"private", "no-store"}
    assert '<h2 class="heading-l" id="your_profile">Your profile</h2>' in content
    assert "sam.jones@example.org" in content
    assert "Easy read, Large print" in content
    assert "Yes, 20 to 49 hours a week" in content
    assert "An authenticator app" in content
    assert TOTP_SECRET not in content


def test_the_data_pages_ask_people_who_are_not_signed_in_to_sign_in(client):
    for url in (reverse("privacy:index"), SUMMARY, DOWNLOAD, reverse("privacy:delete")):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


def test_signing_in_is_not_enough_the_password_is_asked_for_again(client, member):
    client.force_login(member)

    for url in (SUMMARY, DOWNLOAD):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_reauthenticate"))

    reauthenticate(client)
    assert client.get(DOWNLOAD).status_code == 200


def test_the_password_must_be_entered_again_after_a_few_minutes(member_client):
    with time_machine.travel(time.time() + 6 * 60):
        response = member_client.get(DOWNLOAD)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))


def test_the_your_data_page_explains_and_leads_to_the_readable_page(member_client):
    content = member_client.get(reverse("privacy:index")).content.decode()

    assert "What we keep about you, and why" in content
    assert f'<a class="button" href="{SUMMARY}">See your data</a>' in content
    # The file is offered from the readable page, where people can see what is in it.
    assert f'href="{DOWNLOAD}"' not in content
    assert f'href="{reverse("privacy:delete")}"' in content


def test_the_account_leads_to_the_readable_page_first_and_the_file_from_there(member_client):
    account = member_client.get(reverse("members:dashboard")).content.decode()
    assert f'<a href="{SUMMARY}">See and download your data</a>' in account
    assert f'href="{DOWNLOAD}"' not in account

    summary = member_client.get(SUMMARY).content.decode()
    offer = f'href="{DOWNLOAD}">Download your data as a file</a>'
    assert offer in summary
    assert "JSON" in summary
    # The offer comes before the data, so nobody has to scroll past it all to find it.
    assert summary.index(offer) < summary.index('id="your_account"')

    response, data = download(member_client)
    assert response["Content-Disposition"].startswith("attachment;")
    assert data["your_account"]["what_we_hold"]["email"] == "sam.jones@example.org"
