"""Every page of the account area, the joining pages a link can lead to, and the two-factor
set-up an officer is sent to: zero axe violations, in standard and high-contrast colours."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from boardhub.demo.factories import InvitationFactory

from .conftest import assert_no_failures, axe_violations, describe_violations, new_context, sign_in

MEMBER_PAGES = [
    ("Your account", "/account/"),
    ("Your profile", "/account/profile/"),
    ("What your feedback changed", "/account/what-my-feedback-changed/"),
    ("Equality monitoring", "/account/equality-monitoring/"),
    ("Email address", "/accounts/email/"),
    ("Change password", "/accounts/password/change/"),
    ("Two-factor authentication", "/accounts/2fa/"),
    ("Set up two-factor", "/accounts/2fa/totp/activate/"),
    ("Your data", "/account/your-data/"),
    ("Delete your account", "/account/your-data/delete/"),
]


def problems_on(page, demo_site, pages):
    """axe's findings on each (name, path[, expected status]) page."""
    failures = []
    for name, path, *expected in pages:
        response = page.goto(demo_site[path])
        status = expected[0] if expected else 200
        if response.status != status:
            failures.append(f"{name} ({path}) answered {response.status}, not {status}")
            continue
        violations = axe_violations(page)
        if violations:
            failures.append(f"{name} ({path}, at {page.url}):\n" + describe_violations(violations))
    return failures


@pytest.mark.parametrize("mode", ["standard", "high-contrast"])
def test_account_pages_have_no_axe_violations(browser, demo_site, mode):
    context = new_context(browser, demo_site, mode)
    page = context.new_page()
    sign_in(page, demo_site)

    failures = problems_on(page, demo_site, MEMBER_PAGES)

    context.close()
    assert_no_failures(failures, f"axe violations ({mode})")


@pytest.mark.parametrize("mode", ["standard", "high-contrast"])
def test_invitation_pages_have_no_axe_violations(browser, demo_site, mode):
    fresh = InvitationFactory()
    used = InvitationFactory(accepted_at=timezone.now())
    with time_machine.travel(timezone.now() - datetime.timedelta(days=30)):
        expired = InvitationFactory()
    context = new_context(browser, demo_site, mode)
    page = context.new_page()

    failures = problems_on(
        page,
        demo_site,
        [
            ("Make your account", f"/join/invitation/{fresh.token}/"),
            # Links that no longer work answer "410 Gone", or "404" when there never was one.
            ("Invitation used", f"/join/invitation/{used.token}/", 410),
            ("Invitation expired", f"/join/invitation/{expired.token}/", 410),
            ("Invitation not found", "/join/invitation/not-a-real-token/", 404),
        ],
    )

    context.close()
    assert_no_failures(failures, f"axe violations ({mode})")
