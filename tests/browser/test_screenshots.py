"""Every kind of page at a phone's, a tablet's and a desktop's width: a full-page screenshot of
each in var/screenshots/<page>-<width>.png (for people to look at; CI keeps them), and the
layout checks a person would notice first. At 320 px the page's heading is on the first
screen, below the closed menu; no page scrolls sideways; at 1280 px the main navigation is one
row."""

from pathlib import Path

from boardhub.consultations.models import ConsultationIndexPage
from boardhub.core.models import StandardPage
from boardhub.easyread.models import EasyReadGuidePage, EasyReadIndexPage
from boardhub.impact.models import YouSaidWeDidPage
from boardhub.reports.models import AnnualReportPage
from boardhub.representation.models import WhoIsOnTheBoardPage

from .conftest import (
    NOT_FOUND_PATH,
    assert_no_failures,
    new_context,
    sign_in,
    visit,
    you_said_we_did_routes,
)

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
VIEWPORTS = [(320, 568), (768, 1024), (1280, 800)]
PUBLIC_CONSULTATION = "/have-your-say/plan-for-unpaid-carers/"

LAYOUT = """() => {
    const heading = document.querySelector("h1");
    const menu = document.querySelector(".site-header__menu");
    const items = Array.from(document.querySelectorAll(".main-nav__item"));
    const tops = items.map((item) => Math.round(item.getBoundingClientRect().top));
    return {
        headingTop: heading ? heading.getBoundingClientRect().top + window.scrollY : null,
        menuOpen: menu ? menu.open : null,
        scrollWidth: document.documentElement.scrollWidth,
        navigationRows: new Set(tops).size,
        headerHeight: document.querySelector(".site-header").getBoundingClientRect().height,
    };
}"""


def url_of(model):
    return model.objects.live().public().first().url


def answer_the_public_consultation(page):
    page.get_by_label("5 \N{EN DASH} Strongly agree").check()
    page.get_by_label("What would help you most as a carer?").fill("A carers' cafe near me.")
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name="Continue").click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Check your answers")


def page_types(demo_site):
    """One page of every kind, as (file name, path, action); `action` brings it to the state
    to show, and the last ones are seen signed in as the demo member."""
    _, change, service = (path for _, path, _ in you_said_we_did_routes())
    visitor = [
        ("home", "/", None),
        ("consultation-index", url_of(ConsultationIndexPage), None),
        ("consultation", PUBLIC_CONSULTATION, None),
        ("check-answers", PUBLIC_CONSULTATION, answer_the_public_consultation),
        ("you-said-we-did", url_of(YouSaidWeDidPage), None),
        ("change", change, None),
        ("service", service, None),
        ("easy-read-index", url_of(EasyReadIndexPage), None),
        ("easy-read-guide", url_of(EasyReadGuidePage), None),
        ("standard-page", url_of(StandardPage), None),
        ("who-is-on-the-board", url_of(WhoIsOnTheBoardPage), None),
        ("what-the-board-did", url_of(AnnualReportPage), None),
        ("search-results", "/search/?query=board", None),
        ("sign-in", "/accounts/login/", None),
        ("join", "/join/", None),
        ("not-found", NOT_FOUND_PATH, None),
    ]
    member = [("account-dashboard", "/account/", None)]
    return visitor, member


def layout_problems(layout, width, height):
    problems = []
    if layout["scrollWidth"] > width:
        problems.append(f"scrolls sideways: {layout['scrollWidth']}px wide")
    if width < 640:
        if layout["menuOpen"]:
            problems.append("the menu is open when the page loads")
        if layout["headingTop"] is None:
            problems.append("has no h1")
        elif layout["headingTop"] >= height:
            problems.append(
                f"the h1 starts {layout['headingTop']:.0f}px down, below the first "
                f"{height}px (the header is {layout['headerHeight']:.0f}px high)"
            )
    if width >= 1280 and layout["navigationRows"] != 1:
        problems.append(
            f"the main navigation takes {layout['navigationRows']} rows (the header is "
            f"{layout['headerHeight']:.0f}px high)"
        )
    return problems


def test_every_page_type_at_phone_tablet_and_desktop_widths(browser, demo_site):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    visitor, member = page_types(demo_site)
    failures = []
    for width, height in VIEWPORTS:
        context = new_context(browser, demo_site, viewport={"width": width, "height": height})
        page = context.new_page()
        for pages in (visitor, member):
            if pages is member:
                sign_in(page, demo_site)
            for name, path, action in pages:
                visit(page, demo_site, path, action)
                page.evaluate("window.scrollTo(0, 0)")
                layout = page.evaluate(LAYOUT)
                page.screenshot(path=SCREENSHOTS / f"{name}-{width}.png", full_page=True)
                problems = layout_problems(layout, width, height)
                if problems:
                    failures.append(
                        f"{name} ({path}) at {width}x{height}:\n"
                        + "\n".join(f"  - {problem}" for problem in problems)
                    )
        context.close()
    assert_no_failures(failures, "Layout problems")
