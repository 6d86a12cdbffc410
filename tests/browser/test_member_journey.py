"""A new person's whole journey, by keyboard alone, with axe and keyboard checks on every page
they pass through: apply, get approved, accept the invitation, make an account, fill in a
profile, sign out, sign in by emailed code, see and download their data, delete their account.
"""

import json
import re
from pathlib import Path

from django.contrib.auth.models import Group

from boardhub.demo.factories import UserFactory, activate_totp
from boardhub.joining.models import Application
from boardhub.members.models import User
from tests.conftest import SignedInClient

from .conftest import assert_no_axe_violations, new_context, visit
from .test_keyboard import keyboard_problems

EMAIL = "robin.new@example.org"
PASSWORD = "tea and biscuits at four"


class Journey:
    """Drives the page by keyboard, and checks each page it reaches."""

    def __init__(self, page, demo_site):
        self.page = page
        self.demo_site = demo_site
        self.checked = []

    def check(self, name):
        assert_no_axe_violations(self.page, name)
        problems = keyboard_problems(self.page)
        assert not problems, f"Keyboard problems on {name}: {problems}"
        self.checked.append(name)

    def field(self, label):
        # Labels of optional fields end in "(optional)".
        pattern = rf"^\s*{re.escape(label)}( \(optional\))?\s*$"
        return self.page.get_by_label(re.compile(pattern))

    def type_into(self, label, text):
        self.field(label).focus()
        self.page.keyboard.type(text)

    def tick(self, label):
        box = self.field(label)
        box.focus()
        self.page.keyboard.press("Space")
        assert box.is_checked(), f"Space did not tick {label!r}"

    def press(self, button):
        self.page.locator("main").get_by_role("button", name=button).focus()
        with self.page.expect_navigation():
            self.page.keyboard.press("Enter")

    def follow(self, link):
        self.page.locator("main").get_by_role("link", name=link).focus()
        with self.page.expect_navigation():
            self.page.keyboard.press("Enter")

    def heading(self):
        return self.page.locator("h1").inner_text()


def approve_as_a_moderator(application):
    moderator = UserFactory(verified=True)
    moderator.groups.add(Group.objects.get(name="Moderators"))
    activate_totp(moderator)
    officer = SignedInClient()
    officer.force_login(moderator)
    response = officer.post(f"/admin/applications/approve/{application.pk}/")
    assert response.status_code == 302


def path_in(message, pattern):
    found = re.search(pattern, message.body)
    assert found, f"No {pattern} in the email:\n{message.body}"
    return found.group(1)


def test_a_new_member_joins_and_uses_their_account_by_keyboard(browser, demo_site, mailoutbox):
    context = new_context(browser, demo_site)
    journey = Journey(context.new_page(), demo_site)
    page = journey.page

    # Apply to join. Sending the form empty first shows the error summary.
    visit(page, demo_site, "/join/")
    journey.check("Join the board")
    journey.press("Send my application")
    assert page.title().startswith("Error:")
    journey.check("Join the board, with errors")
    journey.type_into("Your name", "Robin New")
    journey.type_into("Your email address", EMAIL)
    journey.tick("Email")
    journey.tick("I look after someone (an unpaid carer)")
    journey.tick("You can keep my details so that you can think about my application")
    journey.press("Send my application")
    assert journey.heading() == "We have your application"
    journey.check("Application sent")

    # An officer approves it; the invitation arrives by email.
    approve_as_a_moderator(Application.objects.get(email=EMAIL))
    invitation = mailoutbox[-1]
    assert invitation.to == [EMAIL]
    visit(page, demo_site, path_in(invitation, r"https?://[^/\s]+(/join/invitation/\S+/)"))

    # Make the account.
    journey.check("Make your account")
    journey.type_into("Create a password", PASSWORD)
    journey.type_into("Type your password again", PASSWORD)
    journey.press("Make my account")
    member = User.objects.get(email=EMAIL)
    assert member.emailaddress_set.get().verified

    # Fill in the profile.
    visit(page, demo_site, "/account/")
    journey.check("Your account")
    journey.follow("Your profile")
    journey.check("Your profile")
    journey.type_into("Your pronouns", "they/them")
    journey.tick("Easy read")
    journey.press("Save your profile")
    assert member.profile.pronouns == "they/them"
    assert member.profile.formats == ["easy_read"]

    # Sign out, then back in with a code sent by email.
    visit(page, demo_site, "/accounts/logout/")
    journey.check("Sign out")
    journey.press("Sign out")
    visit(page, demo_site, "/accounts/login/")
    journey.follow("Send me a sign-in code instead")
    journey.check("Get a sign-in code")
    journey.type_into("Email address", EMAIL)
    journey.press("Email me a code")
    journey.check("Enter your sign-in code")
    code = path_in(mailoutbox[-1], r"(?m)^\s*([A-Z0-9]{4}-[A-Z0-9]{4})\s*$")
    journey.type_into("Sign-in code", code)
    journey.press("Continue")
    visit(page, demo_site, "/account/")
    assert journey.heading() == "Your account"

    # See and download their data, after confirming it is them.
    visit(page, demo_site, "/account/your-data/")
    journey.check("Your data")
    journey.follow("See your data")
    journey.check("Confirm it is you")
    journey.type_into("Password", PASSWORD)
    journey.press("Continue")
    journey.check("Your data on a web page")
    assert "they/them" in page.locator("main").inner_text()
    # The file is offered from the page that shows what is in it.
    with page.expect_download() as download:
        page.get_by_role("link", name="Download your data as a file").focus()
        page.keyboard.press("Enter")
    exported = json.loads(Path(download.value.path()).read_text())
    assert EMAIL in json.dumps(exported)

    # Delete the account.
    visit(page, demo_site, "/account/your-data/delete/")
    journey.check("Delete your account")
    journey.tick("I understand my account will be deleted and this cannot be undone")
    journey.press("Delete my account")
    assert journey.heading() == "Your account has been deleted"
    journey.check("Account deleted")
    member.refresh_from_db()
    assert member.email != EMAIL
    assert not member.is_active

    context.close()
    print("Pages checked on the journey:", ", ".join(journey.checked))
