"""Delete my account: personal data erased as the registry says, in one go, and recorded."""

import json
import time

import pytest
import time_machine
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from wagtail.models import ModelLogEntry, Page

from boardhub.demo.factories import TEST_PASSWORD, StandardPageFactory, UserFactory
from boardhub.members.models import EqualityMonitoring, MemberProfile, User
from boardhub.privacy.erasure import ACCOUNT_ERASED, FORMER_MEMBER, display_name_for
from boardhub.privacy.models import ErasedAccount

pytestmark = pytest.mark.django_db

DELETE = reverse("privacy:delete")
OLD_EMAIL = "sam.jones@example.org"


@pytest.fixture
def delete_account(member_client, django_capture_on_commit_callbacks):
    def delete_account(client=member_client):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(DELETE, {"confirm": "on"})

    return delete_account


def test_the_page_explains_what_is_deleted_and_what_stays(client, member):
    client.force_login(member)  # reading the page needs no password

    response = client.get(DELETE)

    content = response.content.decode()
    assert response.status_code == 200
    assert "What we delete" in content
    assert "What stays" in content
    assert "a former board member" in content
    assert "I understand my account will be deleted and this cannot be undone" in content
    assert '<button class="button button--warning" type="submit">Delete my account</button>' in (
        content
    )


def test_an_officer_is_told_which_of_their_records_stay_and_why(client):
    officer = UserFactory(verified=True, is_staff=True)
    StandardPageFactory(parent=Page.objects.get(depth=2), owner=officer)
    client.force_login(officer)

    content = client.get(DELETE).content.decode()

    assert "Pages you made" in content
    assert "Pages belong to the council, and stay." in content


def test_deleting_erases_the_persons_data_and_keeps_an_anonymous_account_row(
    member, delete_account
):
    response = delete_account()

    assert response.status_code == 302
    assert response["Location"] == reverse("privacy:deleted")
    account = User.objects.get(pk=member.pk)
    assert account.email.startswith("deleted-") and account.email.endswith("@invalid")
    assert (account.first_name, account.last_name) == ("", "")
    assert account.display_name == FORMER_MEMBER
    assert not account.has_usable_password()
    assert not account.is_active and not account.is_staff and not account.is_superuser
    assert not MemberProfile.objects.filter(user=account).exists()
    assert not EqualityMonitoring.objects.filter(user=account).exists()
    assert not EmailAddress.objects.filter(user=account).exists()
    assert not Authenticator.objects.filter(user=account).exists()
    assert ErasedAccount.objects.filter(user=account).exists()
    assert display_name_for(account) == FORMER_MEMBER


def test_afterwards_the_person_is_signed_out_and_told_it_is_done(member_client, delete_account):
    response = delete_account()

    page = member_client.get(response["Location"])
    assert page.status_code == 200
    assert "Your account has been deleted" in page.content.decode()
    assert not page.wsgi_request.user.is_authenticated
    # The message is for that moment only.
    assert member_client.get(reverse("privacy:deleted")).status_code == 302


def test_no_session_keeps_working_on_any_device(member, delete_account):
    phone = Client()
    phone.force_login(member)
    assert phone.get(reverse("privacy:index")).status_code == 200

    delete_account()

    response = phone.get(reverse("privacy:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    for session in Session.objects.all():
        assert session.get_decoded().get("_auth_user_id") != str(member.pk)


def test_the_audit_log_records_it_without_personal_data(member, delete_account):
    delete_account()

    entry = ModelLogEntry.objects.get(action=ACCOUNT_ERASED)
    recorded = f"{entry.label} {json.dumps(entry.data)} {entry.object_id}"
    for personal in (OLD_EMAIL, "Samira", "Jonesworth", "Sam "):
        assert personal not in recorded
    assert entry.user_id == member.pk
    assert entry.object_id == str(ErasedAccount.objects.get(user=member).pk)
    for other_entry in ModelLogEntry.objects.all():
        assert OLD_EMAIL not in other_entry.label
        assert "Samira" not in other_entry.label


def test_the_old_email_address_gets_a_short_note_after_the_change_is_saved(
    delete_account, mailoutbox
):
    delete_account()

    [email] = mailoutbox
    assert email.to == [OLD_EMAIL]
    assert email.subject == "Your Coproduction Board account has been deleted"
    assert "Samira" not in email.body


def test_the_old_email_and_password_no_longer_sign_in(delete_account):
    delete_account()

    client = Client()
    response = client.post(
        "/accounts/login/", {"login": OLD_EMAIL, "password": TEST_PASSWORD}, follow=True
    )

    assert not response.wsgi_request.user.is_authenticated


def test_the_email_address_is_free_for_a_new_account_later(client, delete_account):
    delete_account()

    newcomer = UserFactory(email=OLD_EMAIL, verified=True)
    response = client.post(
        "/accounts/login/", {"login": OLD_EMAIL, "password": TEST_PASSWORD}, follow=True
    )

    assert response.wsgi_request.user == newcomer


def test_their_contributions_stay_as_from_a_former_board_member(member, delete_account):
    page = StandardPageFactory(parent=Page.objects.get(depth=2), owner=member)
    page.locked, page.locked_by = True, member
    page.save()

    delete_account()

    page.refresh_from_db()
    assert page.owner_id == member.pk
    assert display_name_for(page.owner) == FORMER_MEMBER
    assert str(page.owner) == FORMER_MEMBER
    assert not page.locked and page.locked_by is None


def test_nothing_is_deleted_without_the_tick(member, member_client):
    response = member_client.post(DELETE, {})

    content = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Delete your account" in content
    assert "Tick the box to show you understand" in content
    assert User.objects.get(pk=member.pk).email == OLD_EMAIL


def test_opening_the_page_deletes_nothing(member, member_client):
    member_client.get(DELETE, {"confirm": "on"})

    assert User.objects.get(pk=member.pk).email == OLD_EMAIL
    assert not ErasedAccount.objects.exists()


def test_a_post_without_a_csrf_token_is_refused(member):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    reauthenticate_with_csrf(client)

    response = client.post(DELETE, {"confirm": "on"})

    assert response.status_code == 403
    assert User.objects.get(pk=member.pk).email == OLD_EMAIL


def reauthenticate_with_csrf(client):
    client.get("/accounts/reauthenticate/")
    token = client.cookies["csrftoken"].value
    response = client.post(
        "/accounts/reauthenticate/", {"password": TEST_PASSWORD, "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302


def test_the_password_is_asked_for_first_then_the_deletion_goes_ahead(
    client, member, django_capture_on_commit_callbacks
):
    client.force_login(member)

    response = client.post(DELETE, {"confirm": "on"})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert User.objects.get(pk=member.pk).email == OLD_EMAIL

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(response["Location"], {"password": TEST_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("privacy:deleted")
    assert ErasedAccount.objects.filter(user=member).exists()


def test_a_stale_password_check_is_not_enough_to_delete(member, member_client):
    with time_machine.travel(time.time() + 6 * 60):
        response = member_client.post(DELETE, {"confirm": "on"})

    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert User.objects.get(pk=member.pk).email == OLD_EMAIL


def test_the_wrong_password_deletes_nothing(client, member):
    client.force_login(member)
    client.post(DELETE, {"confirm": "on"})

    response = client.post(
        reverse("account_reauthenticate") + f"?next={DELETE}", {"password": "wrong"}
    )

    assert response.status_code == 200
    assert User.objects.get(pk=member.pk).email == OLD_EMAIL
