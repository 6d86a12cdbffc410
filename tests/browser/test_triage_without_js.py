"""An officer's triage in the real admin in Chromium: with JavaScript off, find a response from
the listing's search box and filters and decide on it in the response's one form; with it on,
no axe violations in the parts BoardHub adds (the dashboard's "Waiting for you", the listing's
search and filters, the response's linked changes and its form)."""

from allauth.mfa.models import Authenticator

from boardhub.consultations.models import ConsultationPage, FeedbackStatus
from boardhub.demo.factories import FeedbackFactory, activate_totp, current_totp_code
from boardhub.demo.management.commands.load_demo_site import DEMO_ACCOUNTS
from boardhub.members.models import User

from .conftest import AXE_JS, WCAG_AA, describe_violations, new_context

OFFICER = next(account for account in DEMO_ACCOUNTS if account.email == "officer@example.org")
ANSWER = "The minibus to the day centre comes late most mornings."


def sign_in_as_the_demo_officer(page, demo_site):
    officer = User.objects.get(email=OFFICER.email)
    Authenticator.objects.filter(user=officer, type=Authenticator.Type.TOTP).delete()
    secret = activate_totp(officer)
    page.goto(demo_site["/admin/"])
    page.get_by_label("Email").fill(OFFICER.email)
    page.get_by_label("Password").fill(OFFICER.password)
    # Each form's answer waited for: wait_for_load_state alone can return before the
    # navigation has begun, and read the page the form was on.
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name="Sign in").click()
    page.get_by_label("Code from your authenticator app").fill(current_totp_code(secret))
    with page.expect_navigation(url=demo_site["/admin/"]):
        page.locator("main").get_by_role("button", name="Sign in").click()
    assert page.url == demo_site["/admin/"], page.url


def a_new_response():
    consultation = ConsultationPage.objects.live().first()
    field = consultation.get_form_fields()[0]
    return FeedbackFactory(page=consultation, form_data={field.clean_name: ANSWER})


def assert_no_axe_violations_in(page, selectors, where):
    page.evaluate(AXE_JS.read_text())
    options = {"runOnly": {"type": "tag", "values": WCAG_AA}, "resultTypes": ["violations"]}
    context = {"include": [[selector] for selector in selectors]}
    violations = page.evaluate("([c, o]) => axe.run(c, o)", [context, options])["violations"]
    assert not violations, f"axe on {where}:\n" + describe_violations(violations)


def test_an_officer_triages_a_response_without_javascript(browser, demo_site):
    feedback = a_new_response()
    context = new_context(browser, demo_site, java_script_enabled=False)
    page = context.new_page()
    sign_in_as_the_demo_officer(page, demo_site)

    page.goto(demo_site["/admin/feedback/"])
    search = page.get_by_label("Reference, or words in the answers")
    search.fill("minibus late")
    page.get_by_label("Status").select_option(label="Received")
    with page.expect_navigation():
        page.get_by_role("button", name="Show responses").click()
    main = page.locator("main")
    assert "1 response matches. 1 filter applied." in " ".join(main.inner_text().split())
    with page.expect_navigation():
        page.get_by_role("link", name=feedback.reference).click()

    assert ANSWER in main.inner_text()
    page.get_by_label("Status").select_option(label="Being thought about")
    page.get_by_label("Add a theme").select_option(label="Waiting times")
    page.get_by_label("Internal note").fill("Ask the transport team.")
    main.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_load_state()

    feedback.refresh_from_db()
    assert feedback.status == FeedbackStatus.BEING_CONSIDERED
    assert [link.theme.name for link in feedback.theme_links.all()] == ["Waiting times"]
    assert feedback.internal_notes.get().text == "Ask the transport team."
    context.close()


def test_boardhubs_parts_of_the_admin_have_no_axe_violations(browser, demo_site):
    feedback = a_new_response()
    context = new_context(browser, demo_site)
    page = context.new_page()
    sign_in_as_the_demo_officer(page, demo_site)

    assert_no_axe_violations_in(page, ["#waiting-for-you-section"], "the dashboard")
    page.goto(demo_site["/admin/feedback/?consultation=day&status=received"])
    assert_no_axe_violations_in(
        page, ["form.triage-filters", ".triage-summary"], "the triage listing"
    )
    page.goto(demo_site[f"/admin/feedback/inspect/{feedback.pk}/"])
    assert_no_axe_violations_in(
        page, ["#section-linked-changes", "form[action$='#decide']"], "a response's page"
    )
    context.close()
