"""Invitations: an officer invites someone from the admin, and they make their account with
the link. Then every way the link can go wrong."""

import re
from datetime import timedelta

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client
from django.utils import timezone
from wagtail.models import ModelLogEntry

from boardhub.demo.factories import InvitationFactory, UserFactory
from boardhub.joining import adapters as joining_adapters
from boardhub.joining import forms as joining_forms
from boardhub.joining import invitations
from boardhub.joining.models import Invitation, hash_token
from boardhub.members.models import MemberProfile, User

pytestmark = pytest.mark.django_db

PASSWORD = "a long phrase I will remember"
LINK = re.compile(r"http://testserver/join/invitation/([\w-]+)/")


def link_in(message):
    return LINK.search(message.body).group(0).removeprefix("http://testserver")


def sign_up(client, **extra):
    data = {"display_name": "Sam", "password1": PASSWORD, "password2": PASSWORD, **extra}
    return client.post("/accounts/signup/", data, follow=True)


def test_an_officer_invites_someone_and_they_make_their_account(
    client, inviter, django_capture_on_commit_callbacks
):
    client.force_login(inviter)
    assert client.get("/admin/invitations/new/").status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/invitations/new/", {"name": "Sam Carer", "email": "sam@example.org"}
        )

    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.created_by == inviter
    assert invitation.expires_at - invitation.created_at == timedelta(days=14)
    [email] = mail.outbox
    assert email.to == ["sam@example.org"]
    assert "Hello Sam Carer" in email.body
    link = link_in(email)
    html, mimetype = email.alternatives[0]
    assert mimetype == "text/html"
    assert f'href="http://testserver{link}"' in html
    # Only the hash of the token is kept.
    token = LINK.search(email.body).group(1)
    assert invitation.token_hash == hash_token(token)
    assert token not in str(Invitation.objects.values().get())
    # The audit log names the invitation, not the person.
    entry = ModelLogEntry.objects.get(action="wagtail.create")
    assert entry.label == f"Invitation {invitation.pk}"

    person = Client()
    response = person.get(link)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/signup/"
    page = person.get("/accounts/signup/").content.decode()
    assert 'value="sam@example.org"' in page
    assert "readonly" in page
    assert 'value="Sam Carer"' in page
    assert 'autocomplete="new-password"' in page

    response = sign_up(person, display_name="Sam")

    member = User.objects.get(email="sam@example.org")
    assert response.wsgi_request.user == member
    assert member.display_name == "Sam"
    assert member.check_password(PASSWORD)
    assert EmailAddress.objects.get(user=member).verified
    assert MemberProfile.objects.filter(user=member).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_by == member
    assert invitation.accepted_at is not None


def test_the_invited_email_address_cannot_be_changed_and_extra_fields_change_nothing(client):
    invitation = InvitationFactory(email="sam@example.org")
    client.get(f"/join/invitation/{invitation.token}/")

    assert (
        'value="sam@example.org"'
        in client.get("/accounts/signup/?email=other@example.org").content.decode()
    )
    sign_up(
        client,
        email="other@example.org",
        is_staff="on",
        is_superuser="on",
        groups="1",
        email_verified="on",
        status="approved",
    )

    assert not User.objects.filter(email="other@example.org").exists()
    member = User.objects.get(email="sam@example.org")
    assert not member.is_staff
    assert not member.is_superuser
    assert not member.groups.exists()
    assert list(EmailAddress.objects.filter(user=member).values_list("email", flat=True)) == [
        "sam@example.org"
    ]


def test_a_used_link_says_you_have_already_made_your_account(client):
    invitation = InvitationFactory()
    client.get(f"/join/invitation/{invitation.token}/")
    sign_up(client)
    client.logout()

    response = client.get(f"/join/invitation/{invitation.token}/")

    page = response.content.decode()
    assert response.status_code == 410
    assert "You have already made your account" in page
    assert 'href="/accounts/login/"' in page
    assert 'href="/accounts/password/reset/"' in page
    # Nor can the sign-up page be reached again with it.
    response = sign_up(Client(), display_name="Someone else")
    assert "How to join the board" in response.content.decode()
    assert User.objects.count() == 1


def test_a_second_click_on_make_my_account_makes_one_account(client):
    invitation = InvitationFactory()
    client.get(f"/join/invitation/{invitation.token}/")
    client.get("/accounts/signup/")

    sign_up(client)
    client.logout()
    sign_up(client, display_name="Again")

    assert User.objects.count() == 1
    invitation.refresh_from_db()
    assert invitation.accepted_by == User.objects.get()


def test_two_sign_ups_racing_for_one_invitation_make_one_account(client, monkeypatch):
    """The invitation is used by a conditional update: when another request has used it since
    this one looked, no account is made."""
    invitation = InvitationFactory()
    client.get(f"/join/invitation/{invitation.token}/")
    stale = Invitation.objects.get(pk=invitation.pk)
    Invitation.objects.filter(pk=invitation.pk).update(accepted_at=timezone.now())
    # As both requests saw it: not yet used.
    monkeypatch.setattr(invitations, "invitation_in_session", lambda request: stale)
    monkeypatch.setattr(joining_forms, "invitation_in_session", lambda request: stale)
    monkeypatch.setattr(joining_adapters, "invitation_in_session", lambda request: stale)

    response = sign_up(client)

    assert response.status_code == 409
    assert "You have already made your account" in response.content.decode()
    assert not User.objects.exists()


def test_an_expired_link_offers_a_new_invitation_to_the_same_address(
    client, django_capture_on_commit_callbacks
):
    invitation = InvitationFactory(email="sam@example.org")

    with time_machine.travel(timezone.now() + timedelta(days=15)):
        response = client.get(f"/join/invitation/{invitation.token}/")
        assert response.status_code == 410
        page = response.content.decode()
        assert "Your invitation link has run out" in page
        assert "Send me a new invitation" in page
        # An expired invitation opens no sign-up page.
        assert "How to join the board" in client.get("/accounts/signup/").content.decode()

        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                f"/join/invitation/{invitation.token}/new/", {"email": "attacker@example.org"}
            )
        assert "We have sent you a new invitation" in response.content.decode()
        [email] = mail.outbox
        assert email.to == ["sam@example.org"]
        assert "You asked for a new invitation" in email.body
        renewed = Invitation.objects.exclude(pk=invitation.pk).get()
        assert renewed.email == "sam@example.org"
        assert renewed.name == invitation.name

        # Asking again sends nothing more: the new invitation is already on its way.
        with django_capture_on_commit_callbacks(execute=True):
            client.post(f"/join/invitation/{invitation.token}/new/")
        assert len(mail.outbox) == 1
        assert Invitation.objects.count() == 2

        # The new link works.
        response = Client().get(link_in(email))
        assert response["Location"] == "/accounts/signup/"


def test_a_link_that_has_not_expired_cannot_be_renewed(client):
    invitation = InvitationFactory()

    response = client.post(f"/join/invitation/{invitation.token}/new/")

    assert response.status_code == 302
    assert Invitation.objects.count() == 1
    assert not mail.outbox


@pytest.mark.parametrize("change", ["one letter", "cut short", "made up"])
def test_a_tampered_link_shows_the_same_kind_page_and_gives_nothing_away(client, change):
    invitation = InvitationFactory(name="Sam Carer", email="sam@example.org")
    token = invitation.token
    tampered = {
        "one letter": ("B" if token[0] != "B" else "C") + token[1:],
        "cut short": token[:-3],
        "made up": "x" * 43,
    }[change]

    response = client.get(f"/join/invitation/{tampered}/")

    page = response.content.decode()
    assert response.status_code == 404
    assert "This invitation link does not work" in page
    assert "Sam" not in page
    assert "sam@example.org" not in page
    assert invitations.SESSION_KEY not in client.session
    assert client.post(f"/join/invitation/{tampered}/new/").status_code == 404


def test_opening_a_link_while_signed_in_as_someone_else_never_joins_it_to_that_account(client):
    member = UserFactory(verified=True, email="member@example.org")
    invitation = InvitationFactory(email="sam@example.org")
    client.force_login(member)

    response = client.get(f"/join/invitation/{invitation.token}/")

    page = response.content.decode()
    assert response.status_code == 403
    assert "You are signed in to a different account" in page
    assert 'action="/accounts/logout/"' in page
    assert f'name="next" value="/join/invitation/{invitation.token}/"' in page
    assert invitations.SESSION_KEY not in client.session
    sign_up(client)
    invitation.refresh_from_db()
    assert invitation.accepted_at is None
    assert not User.objects.filter(email="sam@example.org").exists()
    member.refresh_from_db()
    assert member.display_name != "Sam"

    # Signing out first, as the page offers, then lets the invitation be used.
    client.post("/accounts/logout/", {"next": f"/join/invitation/{invitation.token}/"})
    assert client.get(f"/join/invitation/{invitation.token}/")["Location"] == "/accounts/signup/"


def test_an_invitation_to_an_address_that_already_has_an_account_opens_no_sign_up(client):
    UserFactory(verified=True, email="sam@example.org")
    invitation = InvitationFactory(email="Sam@Example.org")

    response = client.get(f"/join/invitation/{invitation.token}/")

    assert "You have already made your account" in response.content.decode()
    assert invitations.SESSION_KEY not in client.session


def test_invitation_in_session_is_only_a_usable_invitation(rf):
    invitation = InvitationFactory()
    request = rf.get("/")
    request.session = {}
    assert invitations.invitation_in_session(request) is None

    request.session[invitations.SESSION_KEY] = invitation.pk
    assert invitations.invitation_in_session(request) == invitation

    with time_machine.travel(timezone.now() + timedelta(days=15)):
        assert invitations.invitation_in_session(request) is None

    Invitation.objects.filter(pk=invitation.pk).update(accepted_at=timezone.now())
    assert invitations.invitation_in_session(request) is None


def test_an_officer_without_permission_cannot_invite(client, plain_officer):
    client.force_login(plain_officer)

    assert client.get("/admin/invitations/new/").status_code != 200
    client.post("/admin/invitations/new/", {"name": "Sam", "email": "sam@example.org"})

    assert not Invitation.objects.exists()
    assert not mail.outbox


def test_a_member_never_reaches_the_invitations_admin(client):
    client.force_login(UserFactory(verified=True))

    response = client.post("/admin/invitations/new/", {"name": "Sam", "email": "s@example.org"})

    assert response.status_code == 403
    assert not Invitation.objects.exists()


def test_nobody_edits_an_invitation_once_sent(client):
    from tests.joining.conftest import make_officer

    officer = make_officer(is_superuser=True, is_staff=True)
    invitation = InvitationFactory(email="sam@example.org")
    client.force_login(officer)

    client.post(
        f"/admin/invitations/edit/{invitation.pk}/", {"name": "X", "email": "x@example.org"}
    )

    invitation.refresh_from_db()
    assert invitation.email == "sam@example.org"


def test_the_invitations_list_says_where_each_one_is_in_plain_words(client, plain_officer):
    InvitationFactory(name="Waiting Person")
    InvitationFactory(name="Accepted Person", accepted_at=timezone.now())
    InvitationFactory(name="Expired Person", expires_at=timezone.now() - timedelta(days=1))
    client.force_login(plain_officer)

    page = client.get("/admin/invitations/").content.decode()

    assert "Waiting for them to make an account" in page
    assert "Account made" in page
    assert "Link has run out" in page


def test_sign_up_mistakes_are_explained_in_plain_english(client):
    invitation = InvitationFactory()
    client.get(f"/join/invitation/{invitation.token}/")

    short = client.post(
        "/accounts/signup/", {"display_name": "", "password1": "short", "password2": "short"}
    ).content.decode()
    different = client.post(
        "/accounts/signup/",
        {"display_name": "Sam", "password1": PASSWORD, "password2": PASSWORD + "!"},
    ).content.decode()

    assert "<title>Error: Make your account" in short
    assert '<a href="#id_display_name">Enter your name</a>' in short
    assert "at least 12 characters" in short
    assert "The passwords do not match. Type the same password in both boxes." in different
    assert not User.objects.exists()
