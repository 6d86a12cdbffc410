"""Chromium understands every feature the Permissions-Policy names: a misspelt or retired
feature is ignored by the browser (so not turned off) and logged as an error."""

from .conftest import visit


def test_chromium_accepts_the_whole_permissions_policy(page, demo_site):
    complaints = []
    page.on(
        "console",
        lambda message: (
            "permissions-policy" in message.text.lower() and complaints.append(message.text)
        ),
    )

    visit(page, demo_site, "/")
    visit(page, demo_site, "/accounts/login/")

    assert complaints == []
    # Off for the page itself: the browser reports the camera as not allowed.
    assert page.evaluate("document.featurePolicy.allowsFeature('camera')") is False
    assert page.evaluate("document.featurePolicy.allowsFeature('publickey-credentials-get')")
