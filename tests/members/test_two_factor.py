"""Officers and admins must use two-factor authentication; changes to an account need the
person to confirm it is them first (reauthentication)."""

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import Group
from wagtail.models import Site

from boardhub.demo.factories import TEST_PASSWORD, UserFactory, activate_totp, current_totp_code

pytestmark = pytest.mark.django_db

ADMIN_URLS = [
    "/admin/",
    "/admin/pages/",
    "/admin/images/",
    "/admin/documents/",
    "/admin/users/",
    "/admin/snippets/",
    "/admin/reports/site-history/",
]


@pytest.fixture
def officer():
    user = UserFactory(verified=True, is_staff=True)
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


@pytest.mark.parametrize("url", ADMIN_URLS)
def test_an_officer_without_two_factor_sees_no_admin_page(client, officer, url):
    client.force_login(officer)

    response = client.get(url)

    assert response.status_code == 302
    assert response.url == "/accounts/2fa/totp/activate/"


def test_the_page_editor_is_closed_without_two_factor_too(client, officer):
    home = Site.objects.get(is_default_site=True).root_page
    client.force_login(officer)

    response = client.get(f"/admin/pages/{home.pk}/edit/")

    assert response.status_code == 302
    assert response.url == "/accounts/2fa/totp/activate/"


def test_a_superuser_without_two_factor_sees_no_admin_page(client):
    admin = UserFactory(verified=True, is_staff=True, is_superuser=True)
    client.force_login(admin)

    assert client.get("/admin/users/").url == "/accounts/2fa/totp/activate/"


@pytest.mark.parametrize("url", ["/admin/", "/admin/pages/", "/admin/images/", "/admin/documents/"])
def test_an_officer_with_two_factor_can_use_the_admin(client, officer, url):
    activate_totp(officer)
    client.force_login(officer)

    response = client.get(url, follow=True)

    assert response.status_code == 200
    assert response.redirect_chain == [] or response.redirect_chain[-1][0].startswith("/admin/")


def test_an_officer_signs_in_with_a_password_and_a_code_from_the_app(client, officer):
    secret = activate_totp(officer)

    response = client.post("/accounts/login/", {"login": officer.email, "password": TEST_PASSWORD})
    assert response.url == "/accounts/2fa/authenticate/"
    assert "_auth_user_id" not in client.session
    page = client.get("/accounts/2fa/authenticate/").content.decode()
    assert "Enter the code from your app" in page
    assert 'autocomplete="one-time-code"' in page

    response = client.post("/accounts/2fa/authenticate/", {"code": current_totp_code(secret)})

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(officer.pk)
    assert client.get("/admin/").status_code == 200


def test_a_wrong_two_factor_code_signs_no_one_in(client, officer):
    activate_totp(officer)
    client.post("/accounts/login/", {"login": officer.email, "password": TEST_PASSWORD})

    response = client.post("/accounts/2fa/authenticate/", {"code": "000000"})

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def sign_in_and_confirm(client, user):
    """Sign in with a password, then confirm it again: allauth asks for that before any change
    to two-factor, however recently someone signed in."""
    client.post("/accounts/login/", {"login": user.email, "password": TEST_PASSWORD})
    client.post("/accounts/reauthenticate/", {"password": TEST_PASSWORD})


def test_an_officer_sent_to_set_up_two_factor_is_told_why(client, officer):
    client.post("/accounts/login/", {"login": officer.email, "password": TEST_PASSWORD})

    response = client.get("/admin/", follow=True)
    page = response.content.decode()

    assert "Before you can use the officers&#x27; admin, set up two-factor" in page
    # allauth first asks them to confirm their password, then shows the set-up page.
    assert '<h1 class="heading-xl">Confirm it is you</h1>' in page
    response = client.post(
        "/accounts/reauthenticate/",
        {"password": TEST_PASSWORD, "next": "/accounts/2fa/totp/activate/"},
        follow=True,
    )
    page = response.content.decode()
    assert '<h1 class="heading-xl">Turn on two-factor authentication</h1>' in page
    assert 'alt="A square code to scan with your authenticator app.' in page
    assert 'autocomplete="one-time-code"' in page


def test_turning_on_two_factor_with_the_apps_code(client, officer, emails_sent):
    sign_in_and_confirm(client, officer)
    client.get("/accounts/2fa/totp/activate/")
    secret = client.session["mfa.totp.secret"]

    with emails_sent() as outbox:
        response = client.post("/accounts/2fa/totp/activate/", {"code": current_totp_code(secret)})

    assert response.status_code == 302
    assert Authenticator.objects.filter(user=officer, type=Authenticator.Type.TOTP).exists()
    assert outbox[-1].subject == "You turned on two-factor authentication"
    assert outbox[-1].alternatives[0][1] == "text/html"
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize("url", ["/admin/", "/admin/pages/", "/admin/images/"])
def test_a_member_never_sees_the_admin(client, url):
    member = UserFactory(verified=True)
    client.force_login(member)

    response = client.get(url)

    assert response.status_code == 403


# Reauthentication


def test_turning_off_two_factor_needs_the_person_to_confirm_it_is_them(client, officer):
    activate_totp(officer)
    client.force_login(officer)  # signed in, but not just now

    response = client.get("/accounts/2fa/totp/deactivate/")

    assert response.status_code == 302
    assert "reauthenticate" in response.url
    assert Authenticator.objects.filter(user=officer).exists()


def test_after_confirming_with_a_code_two_factor_can_be_turned_off(client):
    member = UserFactory(verified=True)
    secret = activate_totp(member)
    client.force_login(member)
    assert "reauthenticate" in client.get("/accounts/2fa/totp/deactivate/").url

    client.post("/accounts/2fa/reauthenticate/", {"code": current_totp_code(secret)})
    response = client.post("/accounts/2fa/totp/deactivate/")

    assert response.status_code == 302
    assert not Authenticator.objects.filter(user=member, type=Authenticator.Type.TOTP).exists()


def test_changing_email_needs_the_person_to_confirm_it_is_them(client):
    member = UserFactory(verified=True)
    client.force_login(member)

    response = client.post(
        "/accounts/email/", {"action_add": "", "email": "new-address@example.org"}
    )

    assert response.status_code == 302
    assert response.url.startswith("/accounts/reauthenticate/")
    assert not member.emailaddress_set.filter(email="new-address@example.org").exists()


def test_changing_password_needs_the_password_in_use_now(client):
    # allauth's change-password form is its own reauthentication: it asks for the current
    # password, and refuses the change without it.
    member = UserFactory(verified=True)
    client.force_login(member)

    response = client.post(
        "/accounts/password/change/",
        {
            "oldpassword": "not-my-password",
            "password1": "a new long passphrase",
            "password2": "a new long passphrase",
        },
    )

    assert response.status_code == 200
    assert "That is not the password you use now." in response.content.decode()
    member.refresh_from_db()
    assert member.check_password(TEST_PASSWORD)


def test_confirming_with_the_password_then_allows_the_change(client, emails_sent):
    member = UserFactory(verified=True)
    client.force_login(member)
    page = client.get("/accounts/reauthenticate/?next=/accounts/email/").content.decode()
    assert '<h1 class="heading-xl">Confirm it is you</h1>' in page

    client.post("/accounts/reauthenticate/", {"password": TEST_PASSWORD})
    with emails_sent() as outbox:
        response = client.post(
            "/accounts/email/", {"action_add": "", "email": "new-address@example.org"}
        )

    assert response.status_code == 302
    assert member.emailaddress_set.filter(email="new-address@example.org").exists()
    assert outbox[-1].to == ["new-address@example.org"]
    assert outbox[-1].subject == "Confirm your email address"
