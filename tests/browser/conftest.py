"""Browser tests: the demo site served by a live server, driven by Debian's Chromium.

How these tests run, and why:

- Playwright's sync API keeps an event loop running in the test thread, and Django's ORM
  refuses to run beside one unless DJANGO_ALLOW_ASYNC_UNSAFE is set (only during these tests:
  see `pytest_runtest_protocol`).
- pytest-django's `live_server` makes every test transactional, and a transactional test
  FLUSHES the database when it ends: the root page, home page and Site that the migrations
  made would be gone for the next test. `serialized_rollback=True` puts them back at the start
  of each test (with a workaround, see `_migration_data`), and the `demo_site` fixture then
  loads the demo site on top.
- Restoring the database and loading the demo site take about half a second a test (the
  demo itself 0.2 s on SQLite), so each test loops over every page and reports all of its
  failures in one message, rather than one test per page.
- The browser is Debian's Chromium at /usr/bin/chromium (`playwright install` cannot reach
  the internet here). Without it every browser test FAILS, never skips.
"""

import importlib.resources
import io
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections
from wagtail.models import Page, Site

from boardhub.demo.management.commands.load_demo_site import DEMO_ACCOUNTS
from boardhub.impact.models import ChangeRecord
from boardhub.meetings.models import ActionsPage, Partner
from boardhub.reports.models import AnnualReportPage
from boardhub.representation.models import WhoIsOnTheBoardPage

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # Without these Chromium keeps trying to reach the internet, which is closed here.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_JS = importlib.resources.files("axe_playwright_python") / "axe.min.js"

# The cookies the reader controls set (boardhub/core/reader_preferences.py).
TEXT_SIZE_COOKIE = "boardhub_text_size"
CONTRAST_COOKIE = "boardhub_contrast"
READER_MODES = {
    "standard": {},
    "high-contrast": {CONTRAST_COOKIE: "high"},
    "large-text": {TEXT_SIZE_COOKIE: "large"},
}

SERVER_ERROR_PATH = "/test-only/server-error/"
NOT_FOUND_PATH = "/no-such-page/"
MEMBER_EMAIL = "member@example.org"


def is_browser_test(item):
    return Path(__file__).parent in item.path.parents


# With pytest-xdist (`make test` runs `-n 2 --dist loadgroup`) each group runs whole in one
# process: the browser tests in one, everything else in the other, side by side.
BROWSER_GROUP = pytest.mark.xdist_group("browser")
OTHER_GROUP = pytest.mark.xdist_group("not-browser")


@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups
def pytest_collection_modifyitems(items):
    """Every browser test gets a live server, so it needs a transactional database.

    Browser tests also run last, and apart from the others when the run is split between
    processes. Playwright's event loop stays in the test thread until the session ends, and
    after it starts the ORM refuses to run in that thread outside a browser test (see
    `pytest_runtest_protocol`), which broke transactional tests that came after it.
    """
    for item in items:
        if is_browser_test(item):
            item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))
            item.add_marker(BROWSER_GROUP)
        else:
            item.add_marker(OTHER_GROUP)
    items.sort(key=is_browser_test)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not CHROMIUM.exists():
        pytest.fail(
            f"The browser tests need Debian's Chromium at {CHROMIUM}, and it is missing. "
            "Install it as root with `apt-get update && apt-get install -y "
            "--no-install-recommends chromium`, or run `make test`, which installs it.",
            pytrace=False,
        )
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(autouse=True)
def _chromium_required(request):
    """Fail, never skip, when Chromium is missing, even in a test that does not ask for a page."""
    request.getfixturevalue("browser_type_launch_args")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item, nextitem):
    """Let the ORM run in the test thread, where Playwright's event loop runs.

    Set for each browser test's setup, call and teardown, and no other test's (this hook sees
    every test in the session). Set for the whole session, the variable would also reach the
    subprocesses other tests start, and `manage.py check --deploy` fails on it.
    """
    if not is_browser_test(item):
        return (yield)
    previous = os.environ.get(ASYNC_UNSAFE)
    os.environ[ASYNC_UNSAFE] = "true"
    try:
        return (yield)
    finally:
        if previous is None:
            del os.environ[ASYNC_UNSAFE]
        else:
            os.environ[ASYNC_UNSAFE] = previous


@pytest.fixture(scope="session", autouse=True)
def _migration_data(django_db_setup):
    """The database as the migrations left it, as Django saved it for `serialized_rollback`.

    Django keeps that copy on the thread's database connection. Once Playwright's event loop
    runs in this thread, Django's connection handler becomes per-context instead of
    per-thread, so later tests get a fresh connection without the copy, and nothing is
    restored after a flush. Autouse and session-scoped, this fixture runs before the browser
    starts, while the original connection is still the one we see.
    """
    return getattr(connections[DEFAULT_DB_ALIAS], "_test_serialized_contents", None)


def restore_migration_data(data):
    """Make sure the root page, home page and Site the migrations made are there."""
    connection = connections[DEFAULT_DB_ALIAS]
    if data is None:
        return
    if not hasattr(connection, "_test_serialized_contents"):
        # So that Django's own flush and restore work for the tests after this one.
        connection._test_serialized_contents = data
    if not Site.objects.exists():
        connection.creation.deserialize_db_from_string(data)


# A page that does not answer in this time has failed: no need to wait Playwright's 30 s.
TIMEOUT_MS = 10_000


@pytest.fixture
def page(page):
    page.set_default_timeout(TIMEOUT_MS)
    return page


def load_demo_site():
    call_command("load_demo_site", stdout=io.StringIO())


@dataclass
class DemoSite:
    """The live server's address and the pages worth visiting on it."""

    url: str
    pages: list = field(default_factory=list)  # (name, path) pairs
    member_email: str = MEMBER_EMAIL
    member_password: str = ""

    def __getitem__(self, path):
        return self.url + path


@pytest.fixture
def demo_site(live_server, settings, _migration_data):
    """A live server with the demo site loaded, the test URLs added and DEBUG off."""
    restore_migration_data(_migration_data)
    settings.ROOT_URLCONF = "tests.browser.urls"
    settings.DEBUG = False
    settings.DEBUG_PROPAGATE_EXCEPTIONS = False
    cache.clear()  # allauth's rate limits live in the cache
    load_demo_site()

    pages = [
        (page.title, page.url)
        for page in Page.objects.live().public().specific().filter(depth__gt=1).order_by("path")
    ]
    password = next(a.password for a in DEMO_ACCOUNTS if a.email == MEMBER_EMAIL)
    return DemoSite(url=live_server.url, pages=pages, member_password=password)


def every_page(demo_site):
    """Every kind of page a visitor can reach without signing in, as (name, path, action).

    `action` is None, or a function of the page that brings it to the state to check.
    """

    def submit_sign_in_empty(page):
        with page.expect_navigation():
            page.locator("main").get_by_role("button", name="Sign in").click()

    def submit_sign_in_wrong(page):
        page.get_by_label("Email").fill(MEMBER_EMAIL)
        page.get_by_label("Password").fill("not-the-password")
        with page.expect_navigation():
            page.locator("main").get_by_role("button", name="Sign in").click()

    return [
        *((name, path, None) for name, path in demo_site.pages),
        *you_said_we_did_routes(),
        *meetings_routes(),
        *representation_routes(),
        *annual_report_routes(),
        ("Search, empty", "/search/", None),
        ("Search with results", "/search/?query=board", None),
        ("Search with no results", "/search/?query=zzxqjv", None),
        ("Display options", "/reader-preferences/", None),
        ("Join the board", "/join/", None),
        ("Sign in with a code", "/accounts/login/code/", None),
        ("Sign in", "/accounts/login/", None),
        ("Sign in, submitted empty", "/accounts/login/", submit_sign_in_empty),
        ("Sign in, wrong password", "/accounts/login/", submit_sign_in_wrong),
        ("Password reset", "/accounts/password/reset/", None),
        ("Sign up (closed)", "/accounts/signup/", None),
        ("Page not found (404)", NOT_FOUND_PATH, None),
        ("Server error (500)", SERVER_ERROR_PATH, None),
    ]


def you_said_we_did_routes():
    """The pages under "You said, we did" that are routes, not pages of their own."""
    change = ChangeRecord.objects.published().filter(service_links__isnull=False).first()
    service = change.service_links.first().service
    return [
        ("You said, we did, filtered", f"/you-said-we-did/?service={service.slug}", None),
        ("One change (you said, we did)", f"/you-said-we-did/changes/{change.pk}/", None),
        ("A service and what changed", f"/you-said-we-did/services/{service.slug}/", None),
    ]


def meetings_routes():
    """The action log's pages that are routes: a partner's page, and the actions filtered."""
    partner = Partner.objects.filter(actions__isnull=False).order_by("pk").first()
    actions = ActionsPage.objects.live().get().url
    return [
        ("A partner's page", f"{actions}partners/{partner.slug}/", None),
        ("Actions, overdue", f"{actions}?status=overdue", None),
    ]


def representation_routes():
    """ "Who is on the board" in easy read: a route of the page, not a page of its own."""
    page = WhoIsOnTheBoardPage.objects.live().get()
    return [("Who is on the board, easy read", f"{page.url}easy-read/", None)]


def annual_report_routes():
    """ "What the board did this year" in easy read, and last year's page: routes."""
    page = AnnualReportPage.objects.live().get()
    return [
        ("What the board did this year, easy read", f"{page.url}easy-read/", None),
    ]


def published(title):
    """What Wagtail says when a new page is published. Its editor autosaves every half second,
    so by the time the officer presses Publish the page may already exist as a draft, and the
    message is the edit view's rather than the create view's."""
    return re.compile(rf"'{re.escape(title)}' (created and published|has been published)")


def new_context(browser, demo_site, mode="standard", **kwargs):
    """A fresh browser context with the reader-preference cookies of one mode."""
    context = browser.new_context(**kwargs)
    context.set_default_timeout(TIMEOUT_MS)
    cookies = READER_MODES[mode]
    if cookies:
        context.add_cookies(
            [
                {"name": name, "value": value, "url": demo_site.url}
                for name, value in cookies.items()
            ]
        )
    return context


def visit(page, demo_site, path, action=None):
    """Go to a page (and do what `action` does there), checking it answered as it should."""
    response = page.goto(demo_site[path])
    expected = {NOT_FOUND_PATH: 404, SERVER_ERROR_PATH: 500}.get(path, 200)
    assert response.status == expected, f"{path} answered {response.status}, not {expected}"
    if action:
        action(page)


# axe-core


def axe_violations(page, tags=WCAG_AA):
    """axe-core's violations of the given WCAG tags on the page, iframes included.

    axe is injected with evaluate() (not a script tag, which the Content-Security-Policy
    would block) into every frame, or axe silently skips what is inside iframes.
    """
    source = AXE_JS.read_text()
    for frame in page.frames:
        frame.evaluate(source)
    options = {"runOnly": {"type": "tag", "values": tags}, "resultTypes": ["violations"]}
    return page.evaluate("([c, o]) => axe.run(c || document, o)", [None, options])["violations"]


def describe_violations(violations):
    lines = []
    for violation in violations:
        lines.append(f"  {violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"    {violation['helpUrl']}")
        for node in violation["nodes"]:
            lines.append(f"    - {node['html'][:300]}")
            summary = node.get("failureSummary", "").replace("\n", " ")
            if summary:
                lines.append(f"      {summary[:400]}")
    return "\n".join(lines)


def assert_no_axe_violations(page, where=""):
    violations = axe_violations(page)
    assert not violations, (
        f"axe found {len(violations)} WCAG 2.2 A/AA violation(s) on {where or page.url}:\n"
        + describe_violations(violations)
    )


def assert_no_failures(failures, what):
    assert not failures, f"{what} on {len(failures)} page(s):\n\n" + "\n\n".join(failures)


def sign_in(page, demo_site):
    """Sign in as the demo member through the real sign-in form."""
    page.goto(demo_site["/accounts/login/"])
    page.get_by_label("Email").fill(demo_site.member_email)
    page.get_by_label("Password").fill(demo_site.member_password)
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name="Sign in").click()
    signed_in = page.url == demo_site["/"] and page.get_by_text("Successfully signed in").count()
    assert signed_in, (
        f"Signing in as {demo_site.member_email} did not work: at {page.url}, the page says\n"
        + page.locator("main").inner_text()
    )
