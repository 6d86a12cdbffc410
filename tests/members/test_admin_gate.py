"""The gate in front of the officers' area (boardhub.members.middleware.AdminGateMiddleware).

An admin page answers only an officer whose session passed two-factor itself; a session that
skipped the second step is signed out and asked to sign in again; a member gets a plain page
that says the area is for council officers; someone not signed in goes to sign in.
"""

import time

import pytest
from allauth.account.internal.flows.login import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.mfa.models import Authenticator
from allauth.mfa.signals import authenticator_added
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.admin.auth import require_admin_access
from wagtail.models import Site

from boardhub.demo.factories import TEST_PASSWORD, UserFactory, activate_totp, current_totp_code
from boardhub.members.middleware import ADMIN_PATH_PREFIX
from tests.members.test_sign_in_paths import (
    example_path,
    route_text,
    url_pattern_chains,
    view_module,
)

pytestmark = pytest.mark.django_db

SIGN_IN_AGAIN = (
    "For your safety, sign in again and use your second step (your authenticator app or "
    "security key) to open the officers&#x27; area."
)


def admin_addresses_without_arguments():
    """Every address under /admin/ whose pattern needs no argument."""
    addresses = {
        example_path(chain, with_arguments=False)
        for chain in url_pattern_chains()
        if route_text(chain).startswith(ADMIN_PATH_PREFIX)
    }
    return sorted(addresses - {None})


ADMIN_ADDRESSES = admin_addresses_without_arguments()


def is_signed_in(client):
    return "_auth_user_id" in client.session


# Where the gate stands


def test_every_admin_view_is_under_the_gates_prefix():
    """The gate watches one prefix; no admin view may be served outside it. Wagtail's
    documents (/documents/) are not admin views: they are served to whoever their collection's
    privacy lets in."""
    admin_wrapper = require_admin_access(lambda request: None).__code__

    def is_admin_view(callback):
        return getattr(callback, "__code__", None) is admin_wrapper or view_module(
            callback
        ).startswith("wagtail.admin")

    admin_views = [
        route_text(chain) for chain in url_pattern_chains() if is_admin_view(chain[-1].callback)
    ]

    assert len(admin_views) > 100  # the search finds Wagtail's admin
    assert [route for route in admin_views if not route.startswith(ADMIN_PATH_PREFIX)] == []


# A session that skipped the second step


def test_a_session_that_skipped_two_factor_reaches_no_admin_address(client, officer):
    answered = {}
    for address in ADMIN_ADDRESSES:
        client.force_login(officer, two_factor=False)
        response = client.get(address)
        answered[address] = (response.status_code, response.get("Location"), is_signed_in(client))

    expected = {
        address: (302, reverse("account_login") + "?next=" + address, False)
        for address in ADMIN_ADDRESSES
    }
    assert answered == expected


def admin_addresses_with_arguments():
    home = Site.objects.get(is_default_site=True).root_page
    return [
        reverse("wagtailadmin_pages:edit", args=[home.pk]),
        reverse("wagtailadmin_pages:history", args=[home.pk]),
        reverse("wagtailadmin_pages:add_subpage", args=[home.pk]),
        reverse("wagtailadmin_explore", args=[home.pk]),
    ]


def test_a_session_that_skipped_two_factor_opens_no_page_in_the_editor_either(client, officer):
    for address in admin_addresses_with_arguments():
        client.force_login(officer, two_factor=False)

        response = client.get(address)

        assert response.status_code == 302, address
        assert response.url == f"/accounts/login/?next={address}"
        assert not is_signed_in(client)


def unpublish_the_home_page(client):
    home = Site.objects.get(is_default_site=True).root_page
    response = client.post(reverse("wagtailadmin_pages:unpublish", args=[home.pk]))
    home.refresh_from_db()
    return response, home


def test_a_session_that_skipped_two_factor_changes_nothing(client, officer):
    client.force_login(officer, two_factor=False)

    response, home = unpublish_the_home_page(client)

    assert response.url == f"/accounts/login/?next={response.wsgi_request.path}"
    assert home.live
    assert not is_signed_in(client)


def test_the_same_officer_after_two_factor_can_make_that_change(client, officer):
    client.force_login(officer)

    __, home = unpublish_the_home_page(client)

    assert not home.live


def test_it_is_signed_out_told_why_and_brought_back_after_signing_in_properly(client, officer):
    client.force_login(officer, two_factor=False)

    response = client.get("/admin/documents/", follow=True)

    assert response.redirect_chain[0] == ("/accounts/login/?next=/admin/documents/", 302)
    assert SIGN_IN_AGAIN in response.content.decode()
    assert response.wsgi_request.user.is_anonymous

    client.post(
        "/accounts/login/?next=/admin/documents/",
        {"login": officer.email, "password": TEST_PASSWORD, "next": "/admin/documents/"},
    )
    response = client.post(
        "/accounts/2fa/authenticate/", {"code": current_totp_code(officer.totp_secret)}
    )

    assert response.url == "/admin/documents/"
    assert client.get("/admin/documents/").status_code == 200


def test_an_old_record_of_someone_else_passing_two_factor_does_not_count(client, officer):
    """allauth's records belong to one person: another's "mfa" entry lets nobody in."""
    other = UserFactory(verified=True)
    client.force_login(officer, two_factor=False)
    session = client.session
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [{"method": "mfa", "at": time.time()}]
    session["account_authentication_methods_user"] = str(other.pk)
    session.save()

    response = client.get("/admin/")

    assert response.url == "/accounts/login/?next=/admin/"
    assert not is_signed_in(client)


def test_a_password_alone_is_not_a_second_step(client, officer):
    client.force_login(officer, two_factor=False)
    session = client.session
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": "password", "at": time.time(), "email": officer.email},
        {"method": "code", "at": time.time(), "email": officer.email},
    ]
    session["account_authentication_methods_user"] = str(officer.pk)
    session.save()

    assert client.get("/admin/").url == "/accounts/login/?next=/admin/"


# A session that passed it


def test_a_session_that_passed_two_factor_reaches_the_admin(client, officer):
    client.force_login(officer)

    for address in ["/admin/", "/admin/documents/", *admin_addresses_with_arguments()]:
        assert client.get(address).status_code == 200, address


def test_signing_in_through_allauths_forms_with_password_and_code_reaches_the_admin(
    client, officer
):
    response = client.post("/accounts/login/", {"login": officer.email, "password": TEST_PASSWORD})
    assert response.url == "/accounts/2fa/authenticate/"

    client.post("/accounts/2fa/authenticate/", {"code": current_totp_code(officer.totp_secret)})

    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/documents/").status_code == 200


def test_a_passkey_sign_in_counts_as_the_second_step(client, officer):
    """What allauth records after a sign-in with a passkey alone (should that ever be turned
    on): the passkey is the second step, so the admin opens."""
    passkey = Authenticator.objects.create(
        user=officer, type=Authenticator.Type.WEBAUTHN, data={"name": "Security key"}
    )
    client.force_login(officer, two_factor=False)
    session = client.session
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {
            "method": "mfa",
            "at": time.time(),
            "id": passkey.pk,
            "type": "webauthn",
            "passwordless": True,
        }
    ]
    session["account_authentication_methods_user"] = str(officer.pk)
    session.save()

    assert client.get("/admin/").status_code == 200


# Setting two-factor up


def test_an_officer_without_an_authenticator_is_sent_to_set_one_up(client):
    officer = UserFactory(verified=True)
    officer.groups.add(Group.objects.get(name="Editors"))
    client.force_login(officer)

    response = client.get("/admin/pages/")

    assert response.url == "/accounts/2fa/totp/activate/"
    assert is_signed_in(client)


def test_a_security_key_is_an_authenticator_too(client):
    officer = UserFactory(verified=True)
    officer.groups.add(Group.objects.get(name="Editors"))
    key = Authenticator.objects.create(
        user=officer, type=Authenticator.Type.WEBAUTHN, data={"name": "Security key"}
    )
    client.force_login(officer, two_factor=False)
    session = client.session
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": "mfa", "at": time.time(), "id": key.pk, "type": "webauthn"}
    ]
    session["account_authentication_methods_user"] = str(officer.pk)
    session.save()

    assert client.get("/admin/").status_code == 200


def sign_in_and_confirm(client, user):
    client.post("/accounts/login/", {"login": user.email, "password": TEST_PASSWORD})
    client.post("/accounts/reauthenticate/", {"password": TEST_PASSWORD})


def test_an_officer_who_has_just_set_up_the_app_goes_straight_in(
    client, django_capture_on_commit_callbacks
):
    officer = UserFactory(verified=True)
    officer.groups.add(Group.objects.get(name="Editors"))
    sign_in_and_confirm(client, officer)
    client.get("/accounts/2fa/totp/activate/")
    secret = client.session["mfa.totp.secret"]

    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/2fa/totp/activate/", {"code": current_totp_code(secret)})

    response = client.get("/admin/")
    assert response.status_code == 200
    assert is_signed_in(client)


def test_adding_a_second_authenticator_does_not_stand_for_the_second_step(client, officer):
    """A session that skipped the second step cannot let itself in by adding a key."""
    client.force_login(officer, two_factor=False)
    request = client.get("/account/").wsgi_request
    key = Authenticator.objects.create(
        user=officer, type=Authenticator.Type.WEBAUTHN, data={"name": "Security key"}
    )

    authenticator_added.send(sender=Authenticator, request=request, user=officer, authenticator=key)

    assert client.get("/admin/").url == "/accounts/login/?next=/admin/"


# Members and visitors


@pytest.mark.parametrize("address", ["/admin/", "/admin/pages/", "/admin/login/", "/admin/users/"])
def test_a_member_gets_a_plain_page_that_says_the_area_is_for_officers(client, address):
    member = UserFactory(verified=True)
    client.force_login(member)

    response = client.get(address)

    assert response.status_code == 403
    page = response.content.decode()
    assert '<h1 class="heading-xl">This area is for council officers</h1>' in page
    assert "<title>This area is for council officers" in page
    assert 'href="/account/">Your account</a>' in page
    assert 'href="/">The home page</a>' in page
    assert is_signed_in(client)


def test_a_member_with_two_factor_gets_the_same_page(client):
    member = UserFactory(verified=True)
    activate_totp(member)
    client.force_login(member)

    response = client.get("/admin/")

    assert response.status_code == 403
    assert "This area is for council officers" in response.content.decode()


def test_a_member_is_not_bounced_between_sign_in_and_the_admin(client):
    member = UserFactory(verified=True)
    client.force_login(member)

    response = client.get("/admin/", follow=True)

    assert response.redirect_chain == []
    assert response.status_code == 403


def test_staff_in_no_officer_group_pass_two_factor_then_get_the_same_page(client):
    """Anyone marked as staff uses two-factor like an officer; without admin access they then
    get the officers-only page, not Wagtail's bounce back to the sign-in page."""
    staff = UserFactory(verified=True, is_staff=True)
    activate_totp(staff)
    client.force_login(staff)

    response = client.get("/admin/", follow=True)

    assert response.redirect_chain == []
    assert response.status_code == 403
    assert "This area is for council officers" in response.content.decode()


def test_someone_not_signed_in_is_sent_to_sign_in(client):
    response = client.get("/admin/pages/")

    assert response.status_code == 302
    assert response.url == "/accounts/login/?next=/admin/pages/"


def test_browsers_are_not_trusted_in_place_of_the_second_step(settings):
    """allauth's "trust this browser" skips the second step and records none: with it on, the
    gate would sign officers out after every sign-in. It stays off."""
    assert getattr(settings, "MFA_TRUST_ENABLED", False) is False
