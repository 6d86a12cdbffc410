"""Security keys and passkeys (allauth's WebAuthn) as a second step that needs no code copied
by hand, the code boxes that phones can fill in themselves, and "Confirm it is you" by a code
we email as well as by password or second factor (WCAG 2.2 3.3.8).

`SoftPasskey` plays the part of the browser and its authenticator: it answers the page's
challenge with a real key pair, as Chromium's virtual authenticator does in
tests/browser/test_passkeys.py, so the server's checks (challenge, origin, signature) all run.
"""

import hashlib
import json
import re
import secrets
from urllib.parse import urlsplit

import pytest
from allauth.account.internal.flows.login import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.mfa.models import Authenticator
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from django.contrib.auth.models import Group
from django.contrib.staticfiles import finders
from fido2.cose import ES256
from fido2.utils import websafe_encode
from fido2.webauthn import (
    AttestationObject,
    AttestedCredentialData,
    AuthenticatorData,
    CollectedClientData,
)

from boardhub.demo.factories import TEST_PASSWORD, UserFactory, activate_totp
from boardhub.members.reauthentication import STATE_SESSION_KEY
from tests.conftest import SignedInClient

pytestmark = pytest.mark.django_db

# The test client's host; browsers allow passkeys only on HTTPS (or http://localhost).
RP_ID = "testserver"
ORIGIN = "https://testserver"
ADD_URL = "/accounts/2fa/webauthn/add/"
SECOND_STEP_URL = "/accounts/2fa/authenticate/"
BY_CODE_URL = "/accounts/reauthenticate/code/"


class SoftPasskey:
    """A security key in software: one P-256 key pair, answering as a browser would."""

    def __init__(self):
        self.private_key = ec.generate_private_key(ec.SECP256R1())
        self.credential_id = secrets.token_bytes(16)
        self.counter = 0

    def authenticator_data(self, credential_data=b""):
        flags = AuthenticatorData.FLAG.UP | AuthenticatorData.FLAG.UV
        if credential_data:
            flags |= AuthenticatorData.FLAG.AT
        self.counter += 1
        rp_id_hash = hashlib.sha256(RP_ID.encode()).digest()
        return AuthenticatorData.create(rp_id_hash, flags, self.counter, credential_data)

    def register(self, creation_options):
        """What the browser posts after `navigator.credentials.create()`."""
        public_key = ES256.from_cryptography_key(self.private_key.public_key())
        credential_data = AttestedCredentialData.create(b"\0" * 16, self.credential_id, public_key)
        attestation = AttestationObject.create("none", self.authenticator_data(credential_data), {})
        client_data = CollectedClientData.create(
            "webauthn.create", creation_options["publicKey"]["challenge"], ORIGIN
        )
        return self.credential(
            {
                "clientDataJSON": websafe_encode(client_data),
                "attestationObject": websafe_encode(attestation),
            }
        )

    def sign_in(self, request_options):
        """What the browser posts after `navigator.credentials.get()`."""
        client_data = CollectedClientData.create(
            "webauthn.get", request_options["publicKey"]["challenge"], ORIGIN
        )
        authenticator_data = self.authenticator_data()
        signature = self.private_key.sign(
            authenticator_data + hashlib.sha256(client_data).digest(), ec.ECDSA(hashes.SHA256())
        )
        return self.credential(
            {
                "clientDataJSON": websafe_encode(client_data),
                "authenticatorData": websafe_encode(authenticator_data),
                "signature": websafe_encode(signature),
            }
        )

    def credential(self, response):
        credential_id = websafe_encode(self.credential_id)
        return json.dumps(
            {
                "id": credential_id,
                "rawId": credential_id,
                "type": "public-key",
                "response": response,
                "clientExtensionResults": {},
            }
        )


def page_data(html):
    """The options the page hands to allauth's script (its `json_script` "js_data")."""
    found = re.search(r'<script id="js_data" type="application/json">(.*?)</script>', html, re.S)
    assert found, "The page has no data for the security key script"
    return json.loads(found.group(1))


def main_of(html):
    return html[html.index("<main") : html.index("</main>")]


@pytest.fixture
def officer():
    user = UserFactory(verified=True, is_staff=True)
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


@pytest.fixture
def member():
    return UserFactory(verified=True)


@pytest.fixture(params=["officer", "member"])
def person(request):
    return request.getfixturevalue(request.param)


def confirm_with_password(client):
    client.post("/accounts/reauthenticate/", {"password": TEST_PASSWORD})


def add_passkey(client, passkey, name="My phone"):
    page = client.get(ADD_URL).content.decode()
    credential = passkey.register(page_data(page)["creation_options"])
    return client.post(ADD_URL, {"name": name, "credential": credential})


# Adding a key


def test_the_two_factor_page_offers_a_security_key_or_passkey(client, person):
    client.force_login(person)

    main = main_of(client.get("/accounts/2fa/").content.decode())

    assert '<h2 class="heading-l">Security keys and passkeys</h2>' in main
    assert f'<a class="button" href="{ADD_URL}">Add a security key or passkey</a>' in main


def test_the_account_area_links_to_adding_a_security_key_or_passkey(client, person):
    client.force_login(person)

    main = main_of(client.get("/account/").content.decode())

    assert f'<a href="{ADD_URL}">Add a security key or passkey</a>' in main


def test_the_add_page_asks_the_person_to_confirm_it_is_them_first(client, member):
    client.force_login(member)

    response = client.get(ADD_URL)

    assert response.status_code == 302
    assert response.url.startswith("/accounts/reauthenticate/")


def test_the_add_page_runs_under_the_content_security_policy(client, person):
    client.force_login(person)
    confirm_with_password(client)

    response = client.get(ADD_URL)
    html = response.content.decode()

    assert response.status_code == 200
    policy = dict(
        directive.split(maxsplit=1) for directive in response["Content-Security-Policy"].split("; ")
    )
    assert re.fullmatch(r"'self'( 'nonce-[^']+')?", policy["script-src"]), policy["script-src"]
    scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", html, re.S)
    sources = [
        re.search(r'src="([^"]+)"', attrs).group(1) for attrs, __ in scripts if "src=" in attrs
    ]
    # Every script that runs is a file of the site's own, which exists; every other is data.
    assert "/static/mfa/js/webauthn.js" in sources
    for source in sources:
        address = urlsplit(source)  # the officers' Wagtail user bar names the host too
        assert address.netloc in ("", "testserver"), source
        assert address.path.startswith("/static/"), source
        assert finders.find(address.path.removeprefix("/static/")), source
    for attrs, _body in scripts:
        assert "src=" in attrs or 'type="application/json"' in attrs, attrs
    assert not re.search(r"\son[a-z]+=", html), "an inline event handler"
    assert "creation_options" in page_data(html)
    main = main_of(html)
    assert '<h1 class="heading-xl">Add a security key or passkey</h1>' in main
    assert '<button class="button" id="mfa_webauthn_add" type="button">' in main
    assert "You need JavaScript turned on" in main  # inside <noscript>


def test_adding_a_passkey_keeps_it_and_tells_the_person(client, member, emails_sent):
    client.force_login(member)
    confirm_with_password(client)

    with emails_sent() as outbox:
        response = add_passkey(client, SoftPasskey())

    key = Authenticator.objects.get(user=member, type=Authenticator.Type.WEBAUTHN)
    assert key.wrap().name == "My phone"
    # The first second step comes with recovery codes, shown straight away.
    assert response.url == "/accounts/2fa/recovery-codes/"
    assert Authenticator.objects.filter(user=member, type="recovery_codes").exists()
    assert outbox[-1].subject == "You added a security key or passkey"
    listing = main_of(client.get("/accounts/2fa/webauthn/").content.decode())
    assert "<td>My phone</td>" in listing


def test_pressing_add_without_the_key_says_what_to_do(client, member):
    client.force_login(member)
    confirm_with_password(client)
    client.get(ADD_URL)

    response = client.post(ADD_URL, {"name": "My phone", "credential": ""})

    main = main_of(response.content.decode())
    assert "Use your security key or passkey when your browser asks you to." in main
    assert "(Hidden field" not in main
    assert not Authenticator.objects.filter(user=member).exists()


def test_a_key_answering_someone_elses_challenge_is_refused(client, member):
    client.force_login(member)
    confirm_with_password(client)
    client.get(ADD_URL)
    stale = {"publicKey": {"challenge": websafe_encode(secrets.token_bytes(32))}}

    response = client.post(
        ADD_URL, {"name": "My phone", "credential": SoftPasskey().register(stale)}
    )

    assert "We could not check your security key or passkey." in response.content.decode()
    assert not Authenticator.objects.filter(user=member).exists()


def test_removing_a_passkey_after_confirming_it_is_you(client, member, emails_sent):
    client.force_login(member)
    confirm_with_password(client)
    add_passkey(client, SoftPasskey(), name="Blue key")
    key = Authenticator.objects.get(user=member, type=Authenticator.Type.WEBAUTHN)
    page = main_of(client.get(f"/accounts/2fa/webauthn/keys/{key.pk}/remove/").content.decode())
    assert '<h1 class="heading-xl">Remove "Blue key"?</h1>' in page

    with emails_sent() as outbox:
        response = client.post(f"/accounts/2fa/webauthn/keys/{key.pk}/remove/")

    assert response.url == "/accounts/2fa/webauthn/"
    assert not Authenticator.objects.filter(user=member).exists()  # recovery codes go too
    assert outbox[-1].subject == "You removed a security key or passkey"


# Signing in with it


def sign_in_with_password(client, user):
    response = client.post("/accounts/login/", {"login": user.email, "password": TEST_PASSWORD})
    assert response.url == SECOND_STEP_URL
    return client.get(SECOND_STEP_URL).content.decode()


def test_the_second_step_offers_the_passkey_first_and_a_code_too(client, officer):
    client.force_login(officer)
    confirm_with_password(client)
    add_passkey(client, SoftPasskey())
    client.logout()

    html = sign_in_with_password(client, officer)

    main = main_of(html)
    assert '<h1 class="heading-xl">Use your security key or passkey</h1>' in main
    assert 'id="mfa_webauthn_authenticate" type="button">Use my security key or passkey' in main
    assert main.index("mfa_webauthn_authenticate") < main.index('name="code"')
    # With no authenticator app, the code box is for a recovery code.
    assert '<label class="label" for="id_code">Recovery code</label>' in main
    assert "request_options" in page_data(html)


def test_an_officer_signs_in_with_a_password_and_a_passkey_and_reaches_the_admin(client, officer):
    passkey = SoftPasskey()
    client.force_login(officer)
    confirm_with_password(client)
    add_passkey(client, passkey)
    client.logout()
    html = sign_in_with_password(client, officer)

    response = client.post(
        SECOND_STEP_URL, {"credential": passkey.sign_in(page_data(html)["request_options"])}
    )

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(officer.pk)
    records = client.session[AUTHENTICATION_METHODS_SESSION_KEY]
    assert [record["method"] for record in records] == ["password", "mfa"]
    assert records[-1]["type"] == Authenticator.Type.WEBAUTHN
    assert client.get("/admin/").status_code == 200


def test_a_passkey_the_account_never_added_signs_no_one_in(client, officer):
    client.force_login(officer)
    confirm_with_password(client)
    add_passkey(client, SoftPasskey())
    client.logout()
    html = sign_in_with_password(client, officer)

    response = client.post(
        SECOND_STEP_URL, {"credential": SoftPasskey().sign_in(page_data(html)["request_options"])}
    )

    assert response.status_code == 200
    assert "We could not check your security key or passkey." in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_confirming_it_is_you_with_a_passkey(client, member):
    passkey = SoftPasskey()
    client.force_login(member)
    confirm_with_password(client)
    add_passkey(client, passkey)
    client.logout()
    client.force_login(member)  # signed in, but not just now
    choices = main_of(client.get("/accounts/reauthenticate/").content.decode())
    assert (
        '<a href="/accounts/2fa/webauthn/reauthenticate/">Use your security key or passkey</a>'
        in choices
    )

    html = client.get(
        "/accounts/2fa/webauthn/reauthenticate/?next=/accounts/email/"
    ).content.decode()
    response = client.post(
        "/accounts/2fa/webauthn/reauthenticate/",
        {
            "credential": passkey.sign_in(page_data(html)["request_options"]),
            "next": "/accounts/email/",
        },
    )

    assert response.status_code == 302
    assert response.url == "/accounts/email/"
    assert client.get("/accounts/2fa/webauthn/add/").status_code == 200  # no second check


# Code boxes


def code_input(html):
    found = re.search(r'<input[^>]*name="code"[^>]*>', main_of(html))
    assert found, "no code box"
    return found.group(0)


def assert_code_box(tag, *, numeric):
    assert 'autocomplete="one-time-code"' in tag
    assert 'autocapitalize="off"' in tag
    assert 'spellcheck="false"' in tag
    assert ('inputmode="numeric"' in tag) is numeric, tag


def test_the_code_at_the_second_step_of_signing_in_brings_up_a_number_pad(client, officer):
    activate_totp(officer)

    assert_code_box(code_input(sign_in_with_password(client, officer)), numeric=True)


def test_the_code_to_turn_on_the_app_brings_up_a_number_pad(client, officer):
    client.force_login(officer)
    confirm_with_password(client)

    html = client.get("/accounts/2fa/totp/activate/").content.decode()

    assert_code_box(code_input(html), numeric=True)


def test_the_code_to_confirm_it_is_you_with_the_app_brings_up_a_number_pad(client, member):
    activate_totp(member)
    client.force_login(member)

    html = client.get("/accounts/2fa/reauthenticate/").content.decode()

    assert_code_box(code_input(html), numeric=True)


def test_the_emailed_sign_in_code_has_letters_so_it_keeps_the_keyboard(client, member, settings):
    client.post("/accounts/login/code/", {"email": member.email})

    html = client.get("/accounts/login/code/confirm/").content.decode()

    # allauth's codes by email are letters, such as BCDF-GHJK (ACCOUNT_LOGIN_BY_CODE_FORMAT).
    assert_code_box(code_input(html), numeric=False)


def test_an_emailed_code_of_digits_only_brings_up_a_number_pad(client, member, settings):
    settings.ACCOUNT_LOGIN_BY_CODE_FORMAT = {"numeric": True, "length": 6}
    client.post("/accounts/login/code/", {"email": member.email})

    html = client.get("/accounts/login/code/confirm/").content.decode()

    assert_code_box(code_input(html), numeric=True)


# "Confirm it is you" by a code we email


CODE_IN_EMAIL = re.compile(r"\n\n([A-Z0-9-]{6,})\n\n")


def emailed_code(client, emails_sent):
    """Ask for a code to confirm it is you, and read it from the email, as the person would."""
    with emails_sent() as outbox:
        client.post(BY_CODE_URL, {"action": "send"})
    return CODE_IN_EMAIL.search(outbox[-1].body).group(1)


def test_confirm_it_is_you_offers_a_code_by_email(client, member):
    client.force_login(member)

    main = main_of(client.get("/accounts/reauthenticate/?next=/accounts/email/").content.decode())

    assert f'<a href="{BY_CODE_URL}?next=%2Faccounts%2Femail%2F">Get a code by email</a>' in main


def test_confirming_it_is_you_with_a_code_from_the_email(client, member, emails_sent):
    client.force_login(member)
    page = main_of(client.get(f"{BY_CODE_URL}?next=/accounts/email/").content.decode())
    assert f"We will email a code to {member.email}." in page
    with emails_sent() as outbox:
        client.get(f"{BY_CODE_URL}?next=/accounts/email/")
    assert not outbox  # opening the page sends nothing

    with emails_sent() as outbox:
        response = client.post(BY_CODE_URL, {"action": "send", "next": "/accounts/email/"})
    assert response.url == f"{BY_CODE_URL}?next=%2Faccounts%2Femail%2F"
    email = outbox[-1]
    assert email.to == [member.email]
    assert email.subject == "Your code to confirm it is you"
    code = CODE_IN_EMAIL.search(email.body).group(1)
    html = client.get(response.url).content.decode()
    assert_code_box(code_input(html), numeric=False)

    response = client.post(BY_CODE_URL, {"code": code, "next": "/accounts/email/"})

    assert response.status_code == 302
    assert response.url == "/accounts/email/"
    records = client.session[AUTHENTICATION_METHODS_SESSION_KEY]
    assert records[-1]["method"] == "code"
    assert records[-1]["reauthenticated"] is True
    response = client.post("/accounts/email/", {"action_add": "", "email": "new@example.org"})
    assert response.status_code == 302
    assert member.emailaddress_set.filter(email="new@example.org").exists()


def test_a_wrong_emailed_code_confirms_nothing(client, member):
    client.force_login(member)
    client.post(BY_CODE_URL, {"action": "send"})

    response = client.post(BY_CODE_URL, {"code": "BCDF-GHJK"})

    assert response.status_code == 200
    assert "That code is not right." in response.content.decode()
    assert client.get("/accounts/2fa/webauthn/add/").url.startswith("/accounts/reauthenticate/")


def test_an_emailed_code_stops_working_after_three_wrong_tries(client, member, emails_sent):
    client.force_login(member)
    code = emailed_code(client, emails_sent)

    for __ in range(3):
        client.post(BY_CODE_URL, {"code": "BCDF-GHJK"})
    response = client.post(BY_CODE_URL, {"code": code}, follow=True)

    assert "That code has stopped working. Ask for a new one." in response.content.decode()
    assert client.get("/accounts/2fa/webauthn/add/").url.startswith("/accounts/reauthenticate/")


def test_the_code_only_ever_goes_to_the_persons_own_verified_address(client, member, emails_sent):
    client.force_login(member)

    with emails_sent() as outbox:
        client.post(BY_CODE_URL, {"action": "send", "email": "attacker@example.org"})

    assert [email.to for email in outbox] == [[member.email]]


def test_a_code_sent_to_one_person_confirms_nothing_for_another(client, member, emails_sent):
    client.force_login(member)
    code = emailed_code(client, emails_sent)
    other_client = SignedInClient()
    other_client.force_login(UserFactory(verified=True))
    session = other_client.session
    session[STATE_SESSION_KEY] = client.session[STATE_SESSION_KEY]
    session.save()

    response = other_client.post(BY_CODE_URL, {"code": code}, follow=True)

    assert "That code has stopped working." in response.content.decode()
    assert other_client.get(ADD_URL).url.startswith("/accounts/reauthenticate/")
