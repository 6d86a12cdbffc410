"""`manage.py load_demo_site`: the demo site a developer sees after `make run`."""

from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.images import get_image_model
from wagtail.models import GroupPagePermission, Page, Revision, Site

from boardhub.consultations.models import Feedback, FeedbackStatus
from boardhub.core.models import BoardSettings, StandardPage
from boardhub.demo.factories import UserFactory
from boardhub.demo.management.commands.load_demo_site import DEMO_ACCOUNTS
from boardhub.impact.models import ChangeFeedbackLink, ChangeRecord
from home.models import HomePage

pytestmark = pytest.mark.django_db

ACCOUNTS = {account.email: account for account in DEMO_ACCOUNTS}


def load_demo_site(*args):
    out = StringIO()
    call_command("load_demo_site", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def demo_site():
    return load_demo_site()


def database_counts():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "images": get_image_model().objects.count(),
        "users": get_user_model().objects.count(),
        "email addresses": EmailAddress.objects.count(),
        "groups": Group.objects.count(),
        "page permissions": GroupPagePermission.objects.count(),
        "two-factor authenticators": Authenticator.objects.count(),
        "changes": ChangeRecord.objects.count(),
        "responses": Feedback.objects.count(),
        "responses linked to changes": ChangeFeedbackLink.objects.count(),
    }


# The pages


@pytest.mark.parametrize(
    ("url", "title", "headings"),
    [
        (
            "/",
            "Welcome to the Larkfield Making it Real Board",
            ["What the board does", "Who is on the board", "How you can get involved"],
        ),
        ("/about-the-board/", "About the board", ["Who we are", "What has changed because of us"]),
        (
            "/accessibility-statement/",
            "Accessibility statement",
            [
                "What you can do on this website",
                "Ask for information in a different format",
                "Report a problem with this website",
                "Enforcement procedure",
            ],
        ),
        (
            "/privacy-notice/",
            "Privacy notice",
            ["What information we collect", "How long we keep it", "Your rights"],
        ),
    ],
)
def test_each_page_is_published_with_its_headings(client, demo_site, url, title, headings):
    response = client.get(url)

    assert response.status_code == 200
    html = response.content.decode()
    assert f'<h1 class="heading-xl">{title}</h1>' in html
    for heading in headings:
        assert f">{heading}</h2>" in html


def test_pages_are_live_with_a_published_revision(demo_site):
    home = HomePage.objects.get()
    pages = [home, *StandardPage.objects.child_of(home)]

    assert sorted(page.slug for page in pages) == [
        "about-the-board",
        "accessibility-statement",
        "care-assessments",
        "home",
        "privacy-notice",
    ]
    for page in pages:
        assert page.live
        assert page.live_revision is not None
        assert not page.has_unpublished_changes
    assert home.introduction.startswith("We are people who use adult social care")


def test_the_main_menu_leads_to_about_the_board_and_have_your_say(client, demo_site):
    html = client.get("/").content.decode()
    menu = html[html.index('aria-label="Main"') :]
    menu = menu[: menu.index("</nav>")]

    assert 'href="/about-the-board/"' in menu
    assert 'href="/have-your-say/"' in menu
    assert 'href="/you-said-we-did/"' in menu
    assert "/accessibility-statement/" not in menu
    assert "/privacy-notice/" not in menu


def test_pictures_are_in_the_image_library_and_on_the_pages_with_alt_text(client, demo_site):
    images = get_image_model().objects.order_by("title")

    assert images.count() == 24
    for image in images:
        # The easy read guides' pictures are square, to sit beside each row's words.
        easy_read = image.title.startswith("Easy read: ")
        assert (image.width, image.height) == ((400, 400) if easy_read else (800, 500))
        with image.open_file() as file:
            assert file.read(8) == b"\x89PNG\r\n\x1a\n"
    for url in ("/", "/about-the-board/"):
        html = client.get(url).content.decode()
        assert 'alt="Five people talking round a table' in html


def test_footer_shows_the_council_and_links_to_accessibility_and_privacy(client, demo_site):
    board = BoardSettings.for_site(Site.objects.get(is_default_site=True))

    assert board.council_name == "Larkfield Council"
    assert board.accessibility_page.slug == "accessibility-statement"
    assert board.privacy_page.slug == "privacy-notice"
    html = client.get("/about-the-board/").content.decode()
    assert "Run by Larkfield Council" in html
    assert '<a href="/accessibility-statement/">Accessibility statement</a>' in html
    assert '<a href="/privacy-notice/">Privacy notice</a>' in html
    assert "01632 960 000" in html


def test_site_is_named_for_the_board(demo_site):
    assert Site.objects.get(is_default_site=True).site_name == "Larkfield Making it Real Board"


# The accounts


@pytest.mark.parametrize("email", list(ACCOUNTS))
def test_each_demo_account_can_sign_in_with_its_printed_password(
    client, settings, demo_site, email
):
    # As on a developer's machine (boardhub.settings.dev): allauth accepts the bypass code only
    # with DEBUG on.
    settings.DEBUG = True
    settings.MFA_TOTP_INSECURE_BYPASS_CODE = "123456"
    account = ACCOUNTS[email]
    assert f"{email}" in demo_site
    assert account.password in demo_site

    response = client.post("/accounts/login/", {"login": email, "password": account.password})

    assert response.status_code == 302
    if account.is_staff:
        # Officers and admins have two-factor on: the printed code finishes signing in.
        assert response.url == "/accounts/2fa/authenticate/"
        response = client.post("/accounts/2fa/authenticate/", {"code": "123456"})
        assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(get_user_model().objects.get(email=email).pk)
    assert EmailAddress.objects.filter(email=email, verified=True, primary=True).exists()


def test_staff_demo_accounts_have_two_factor_and_the_members_does_not(demo_site):
    for account in DEMO_ACCOUNTS:
        user = get_user_model().objects.get(email=account.email)
        has_totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        assert has_totp == account.is_staff, account.email


def test_the_output_names_the_two_factor_code_when_the_settings_have_one(settings):
    settings.DEBUG = True
    settings.MFA_TOTP_INSECURE_BYPASS_CODE = "123456"

    assert "Two-factor code on this machine: 123456" in load_demo_site()


def test_the_dev_settings_have_the_two_factor_code_the_readme_names():
    from boardhub.settings import dev

    assert dev.DEBUG
    assert dev.MFA_TOTP_INSECURE_BYPASS_CODE == "123456"


@pytest.mark.parametrize("account", DEMO_ACCOUNTS, ids=lambda account: account.email)
def test_demo_passwords_pass_the_sites_own_password_rules(account):
    user = get_user_model()(email=account.email, display_name=account.display_name)

    validate_password(account.password, user)


def test_officer_can_use_the_admin_publish_pages_and_handle_feedback(client, demo_site):
    officer = get_user_model().objects.get(email="officer@example.org")
    home = HomePage.objects.get()
    about = StandardPage.objects.get(slug="about-the-board")
    client.force_login(officer)

    assert client.get("/admin/").status_code == 200
    assert client.get(f"/admin/pages/{about.pk}/edit/").status_code == 200
    assert not officer.is_superuser
    assert set(officer.groups.values_list("name", flat=True)) == {
        "Moderators",
        "Feedback handlers",
        "Meeting organisers",
    }
    assert client.get("/admin/feedback/").status_code == 200
    assert not Group.objects.filter(name="Officers").exists()
    assert home.permissions_for_user(officer).can_add_subpage()
    assert about.permissions_for_user(officer).can_publish()
    # Their rights stop at the home page: nothing above it.
    assert not Page.get_first_root_node().permissions_for_user(officer).can_add_subpage()


def test_member_cannot_use_the_admin(client, demo_site):
    member = get_user_model().objects.get(email="member@example.org")
    client.force_login(member)

    response = client.get("/admin/")

    assert response.status_code == 403
    assert "This area is for council officers" in response.content.decode()
    assert not member.is_staff
    assert not member.groups.exists()


def test_admin_is_a_superuser(client, demo_site):
    admin = get_user_model().objects.get(email="admin@example.org")
    client.force_login(admin)

    assert admin.is_superuser
    assert admin.is_staff
    assert client.get("/admin/users/").status_code == 200


# Running it again


def test_a_second_run_changes_nothing_and_says_so(demo_site):
    before = database_counts()

    output = load_demo_site()

    assert database_counts() == before
    assert "The demo site is already loaded: nothing changed." in output
    assert "Loaded the demo site" not in output


def test_a_second_run_keeps_what_a_developer_edited(demo_site):
    site = Site.objects.get(is_default_site=True)
    board = BoardSettings.for_site(site)
    board.council_name = "Northby Council"
    board.save()
    home = HomePage.objects.get()
    home.introduction = "Our own words."
    home.save_revision().publish()
    StandardPage.objects.get(slug="privacy-notice").delete()

    output = load_demo_site()

    assert BoardSettings.for_site(site).council_name == "Northby Council"
    assert HomePage.objects.get().introduction == "Our own words."
    # A page that was deleted comes back; nothing else is made twice.
    assert StandardPage.objects.filter(slug="privacy-notice").count() == 1
    assert StandardPage.objects.count() == 4
    assert "Privacy notice" in output


def test_first_run_reports_what_it_made(demo_site):
    assert "Loaded the demo site" in demo_site
    assert "/about-the-board/" in demo_site
    assert "nothing changed" not in demo_site


# --if-empty


def test_if_empty_loads_a_database_that_only_has_what_migrations_make(client):
    output = load_demo_site("--if-empty")

    assert "Loaded the demo site" in output
    assert client.get("/about-the-board/").status_code == 200


def test_if_empty_leaves_a_database_with_content_alone():
    UserFactory(email="developer@example.org")
    before = database_counts()

    output = load_demo_site("--if-empty")

    assert "The database already has content, so the demo site was not loaded" in output
    assert database_counts() == before
    assert not StandardPage.objects.exists()
    assert HomePage.objects.get().introduction == ""


# Production


@pytest.mark.parametrize(
    "settings_module", ["boardhub.settings.production", "boardhub.settings.staging"]
)
def test_refuses_to_run_with_any_settings_but_dev_and_test(settings, settings_module):
    settings.SETTINGS_MODULE = settings_module
    before = database_counts()

    with pytest.raises(CommandError, match="must never run on a live site"):
        load_demo_site()

    assert database_counts() == before


def test_refuses_when_django_was_started_with_production_settings(settings, monkeypatch):
    # While a test overrides settings, Django reports no settings module; the command then
    # goes by the DJANGO_SETTINGS_MODULE that Django started with.
    settings.SETTINGS_MODULE = None
    monkeypatch.setenv("DJANGO_SETTINGS_MODULE", "boardhub.settings.production")

    with pytest.raises(CommandError, match=r"boardhub\.settings\.production"):
        load_demo_site()

    assert not get_user_model().objects.exists()


def test_the_demo_has_open_members_only_and_closed_consultations(client, demo_site):
    index = client.get("/have-your-say/").content.decode()
    carers = client.get("/have-your-say/plan-for-unpaid-carers/").content.decode()
    members_only = client.get("/have-your-say/easy-read-direct-payments/").content.decode()
    closed = client.get("/have-your-say/weekend-care-visits/").content.decode()

    assert "Our plan for unpaid carers, 2027 to 2030" in index
    assert "The plan will make life better for carers" in carers
    assert "Sign in to answer" in members_only
    # Closed, with its outcome out, and no questions left to answer.
    assert "Outcome published" in closed
    assert "Send my answers" not in closed


def test_the_demo_has_published_changes_some_shaped_by_answers(client, demo_site):
    index = client.get("/you-said-we-did/").content.decode()
    change = ChangeRecord.objects.get(title="Weekend visits at the times you were told")
    closed = client.get("/have-your-say/weekend-care-visits/").content.decode()
    service = client.get("/you-said-we-did/services/care-at-home/").content.decode()

    # Four from the weekend visits and carers' breaks, two from earlier in the year.
    assert ChangeRecord.objects.filter(live=True, has_unpublished_changes=False).count() == 6
    assert "6 changes. The newest is first." in index
    # Each card says what was done; why it was not possible is on the change's own page.
    assert "We asked the care companies if they could send the same carer" in index
    not_possible = ChangeRecord.objects.get(status="not_possible")
    reason = client.get(f"/you-said-we-did/changes/{not_possible.pk}/").content.decode()
    assert "The care companies do not have enough staff at weekends" in reason
    assert "What happened" in closed
    assert f'href="/you-said-we-did/changes/{change.pk}/"' in closed
    assert "Outcome published" in closed and 'href="#what-happened">See what happened' in closed
    # One in progress and one not possible: neither is counted as a change made.
    assert "1</strong> change made</li>" in service  # wheelchair taxis
    assert "1</strong> change in progress</li>" in service
    assert "1</strong> change we could not make</li>" in service
    assert change.feedback_links.count() == 3
    # Their answer to the consultation (they also sent something through "Tell us").
    member_answer = Feedback.objects.get(member__email="member@example.org", general__isnull=True)
    assert member_answer.status == FeedbackStatus.SHAPED_A_CHANGE
    assert member_answer.change_links.count() == 2
