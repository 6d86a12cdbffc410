"""An officer's passkey, end to end in Chromium: added from the account area, then used as the
second step of signing in, with no code typed (WCAG 2.2 3.3.8), all the way into the admin.

Chromium's virtual authenticator (the DevTools protocol's WebAuthn domain) stands in for a
phone's fingerprint reader: a platform authenticator ("internal") that holds passkeys
(resident keys) and always says the person was verified. The live server answers at
http://localhost, one of the few plain-HTTP addresses where browsers allow passkeys.

Every page on the way, and each page for managing keys, is checked with axe, and the first
test for any script or style the Content-Security-Policy refused.
"""

import re

from allauth.mfa.models import Authenticator
from django.contrib.auth.models import Group

from boardhub.demo.factories import TEST_PASSWORD, UserFactory

from .conftest import assert_no_failures, axe_violations, describe_violations, new_context


def add_virtual_authenticator(context, page):
    cdp = context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    authenticator = cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    return cdp, authenticator["authenticatorId"]


def stored_passkeys(cdp, authenticator_id):
    return cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator_id})["credentials"]


def watch_for_refusals(page):
    """Everything the Content-Security-Policy refuses on the page, as the console reports it."""
    refusals = []
    page.on(
        "console",
        lambda message: (
            refusals.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return refusals


def check(page, name, failures):
    violations = axe_violations(page)
    if violations:
        failures.append(f"{name} ({page.url}):\n" + describe_violations(violations))


def sign_in_with_password(page, demo_site, email):
    page.goto(demo_site["/accounts/login/"])
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name="Sign in").click()


def test_an_officer_adds_a_passkey_and_signs_in_with_it_into_the_admin(browser, demo_site):
    officer = UserFactory(verified=True, is_staff=True)
    officer.groups.add(Group.objects.get(name="Moderators"))
    context = new_context(browser, demo_site)
    page = context.new_page()
    refusals = watch_for_refusals(page)
    cdp, authenticator_id = add_virtual_authenticator(context, page)
    failures = []

    # Signed in with a password only: no second step set up yet.
    sign_in_with_password(page, demo_site, officer.email)
    page.goto(demo_site["/account/"])
    page.get_by_role("link", name="Add a security key or passkey").click()
    # allauth asks to confirm it is them first, and offers an emailed code as well.
    assert page.get_by_role("heading", level=1).inner_text() == "Confirm it is you"
    check(page, "Confirm it is you", failures)
    page.get_by_role("link", name="Get a code by email").click()
    assert page.get_by_role("button", name="Email me a code").count() == 1
    check(page, "Confirm it is you: get a code by email", failures)
    page.go_back()
    page.get_by_label("Password").fill(TEST_PASSWORD)
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name="Continue").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Add a security key or passkey"
    check(page, "Add a security key or passkey", failures)

    page.get_by_label("Name for this key").fill("My laptop")
    page.get_by_role("button", name="Add a security key or passkey").click()
    page.wait_for_url(re.compile(r"/accounts/2fa/recovery-codes/$"))
    assert len(stored_passkeys(cdp, authenticator_id)) == 1
    assert "We have added your security key or passkey." in page.locator("main").inner_text()
    page.goto(demo_site["/accounts/2fa/webauthn/"])
    assert page.get_by_role("cell", name="My laptop", exact=True).count() == 1
    check(page, "Your security keys and passkeys", failures)
    page.goto(demo_site["/accounts/2fa/"])
    check(page, "Two-factor authentication", failures)

    # Sign out, then in again: the password, then the passkey, with no code typed.
    page.goto(demo_site["/accounts/logout/"])
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name="Sign out").click()
    sign_in_with_password(page, demo_site, officer.email)
    assert page.url == demo_site["/accounts/2fa/authenticate/"]
    assert page.get_by_role("heading", level=1).inner_text() == "Use your security key or passkey"
    check(page, "Second step: your security key or passkey", failures)
    page.get_by_role("button", name="Use my security key or passkey").click()
    page.wait_for_url(demo_site["/"])

    response = page.goto(demo_site["/admin/"])

    assert response.status == 200
    assert page.url == demo_site["/admin/"], f"The admin sent the officer to {page.url}"
    assert page.locator("main").get_by_role("heading", level=1).count() == 1
    context.close()
    assert not refusals, "The Content-Security-Policy refused:\n" + "\n".join(refusals)
    assert_no_failures(failures, "axe violations")


def test_a_passkey_step_that_fails_says_what_happened_and_what_to_do(browser, demo_site):
    member = UserFactory(verified=True)
    context = new_context(browser, demo_site)
    page = context.new_page()
    add_virtual_authenticator(context, page)
    sign_in_with_password(page, demo_site, member.email)
    page.goto(demo_site["/accounts/reauthenticate/?next=/accounts/2fa/webauthn/add/"])
    page.get_by_label("Password").fill(TEST_PASSWORD)
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Add a security key or passkey").click()
    page.wait_for_url(re.compile(r"/accounts/2fa/recovery-codes/$"))
    key = Authenticator.objects.get(user=member, type=Authenticator.Type.WEBAUTHN)
    failures = []
    for name, path in [
        ("Rename a key", f"/accounts/2fa/webauthn/keys/{key.pk}/edit/"),
        ("Remove a key", f"/accounts/2fa/webauthn/keys/{key.pk}/remove/"),
        ("Confirm it is you with a passkey", "/accounts/2fa/webauthn/reauthenticate/"),
    ]:
        page.goto(demo_site[path])
        check(page, name, failures)
    page.goto(demo_site["/accounts/2fa/webauthn/add/"])

    # The browser refuses to add the same passkey twice, at once, as when someone cancels.
    page.get_by_role("button", name="Add a security key or passkey").click()

    problem = page.locator("#passkey-problem")
    problem.wait_for(state="visible")
    assert "We could not use your security key or passkey." in problem.inner_text()
    assert "already added this key" in problem.inner_text()
    assert page.evaluate("document.activeElement.id") == "passkey-problem"
    assert page.url == demo_site["/accounts/2fa/webauthn/add/"]
    check(page, "Add a security key or passkey, with a problem", failures)
    context.close()
    assert_no_failures(failures, "axe violations")
