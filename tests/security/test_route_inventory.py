"""Every address BoardHub serves is in the route inventory, and answers exactly its audience.

The inventory (route_inventory.py) cannot go stale: the URL patterns are read from Django's
resolver, so a route added by an upgrade of Wagtail or allauth, or by a new view, fails here
until someone writes down who may use it; a route that goes away fails until its entry does.

Each route is then asked for, with its sample address, by the public, a member, officers in
every combination of a page group (none, Editors, Moderators, both) with Feedback handlers and
Safeguarding, each with two-factor set up and passed, Feedback deleters (with and without
Feedback handlers) and a superuser. It must serve exactly its audience. Two more people must be
refused every admin address whatever its audience: a superuser whose session skipped the
second step, and an officer with no second factor set up.

"Served" and "refused" follow how the views refuse: a 401, 403, 404, 405 or 410; a redirect to
the sign-in page, to the second step of signing in or to setting two-factor up; or Wagtail's
own refusal, a redirect to the admin dashboard with "Sorry, you do not have permission". Any
other answer is served: a page, a download, a redirect onwards, or a form sent back with its
errors (400). A route for NOBODY must give nobody a page (2xx, or a form with errors).
"""

from dataclasses import dataclass

import pytest
from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.template.response import SimpleTemplateResponse
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse

from .route_inventory import HANDLERS, NOBODY, OFFICERS, ROUTES, Route

pytestmark = pytest.mark.django_db

INVENTORY = "tests/security/route_inventory.py"
REFUSAL_STATUSES = {401, 403, 404, 405, 410}


def served_patterns(resolver=None, prefix=""):
    """The full pattern of every URL the project serves, e.g. "admin/pages/<int:page_id>/"."""
    resolver = resolver or get_resolver()
    patterns = set()
    for entry in resolver.url_patterns:
        pattern = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            patterns |= served_patterns(entry, pattern)
        else:
            patterns.add(pattern)
    return patterns


def test_every_served_address_is_in_the_route_inventory():
    missing = sorted(served_patterns() - ROUTES.keys())

    assert not missing, (
        f"These URL patterns are served but not listed in {INVENTORY}:\n  "
        + "\n  ".join(missing)
        + "\nAdd each one to ROUTES. Read its view first and decide who may use it (ANYONE, "
        "MEMBER, an officer group, SUPERUSER or NOBODY), and give a sample address to test "
        "it with. If nobody should use it, close it (boardhub/urls.py) and say NOBODY."
    )


def test_the_route_inventory_lists_nothing_that_is_no_longer_served():
    gone = sorted(ROUTES.keys() - served_patterns())

    assert not gone, (
        f"{INVENTORY} lists URL patterns that nothing serves any more:\n  "
        + "\n  ".join(gone)
        + "\nTake them out of ROUTES (or, if one was renamed, move its entry to the new pattern)."
    )


# Who is served


@dataclass
class Answer:
    served: bool
    is_a_page: bool
    description: str


def refusal_addresses():
    """Where a refused request is sent: to sign in, to the second step, to set two-factor up."""
    return {
        reverse("account_login"),
        reverse("wagtailadmin_login"),
        reverse("mfa_authenticate"),
        reverse("mfa_activate_totp"),
    }


def wagtail_refusal(response):
    """Wagtail's "permission denied": back to the dashboard, with an error message."""
    if response.headers["Location"].split("?")[0] != reverse("wagtailadmin_home"):
        return None
    errors = [
        str(message)
        for message in messages.get_messages(response.wsgi_request)
        if message.level == messages.ERROR
    ]
    return errors[0].strip() if errors else None


def answer(response, route):
    status = response.status_code
    if status in route.also_served:
        return Answer(True, True, f"served with {status}")
    if status in REFUSAL_STATUSES:
        return Answer(False, False, f"refused with {status}")
    if 300 <= status < 400:
        location = response.headers["Location"]
        if location.split("?")[0] in refusal_addresses():
            return Answer(False, False, f"refused: sent to {location}")
        refusal = wagtail_refusal(response)
        if refusal:
            return Answer(False, False, f"refused: sent to the dashboard with “{refusal}”")
        return Answer(True, False, f"served: {status} to {location}")
    return Answer(True, True, f"served with {status}")


def filled_in(text, person, objects):
    return text.format(me=person.own, **vars(objects))


def sample_address(route, person, objects):
    return filled_in(route.sample, person, objects)


def ask(person, route, objects):
    """The answer `person` gets for `route`'s sample, in a savepoint rolled back afterwards,
    so that no request (a POST above all) changes what the next one sees."""
    client = Client(raise_request_exception=500 not in route.also_served)
    if person.session_key:
        client.cookies[settings.SESSION_COOKIE_NAME] = person.session_key
    address = sample_address(route, person, objects)
    with transaction.atomic():
        try:
            if route.method == "POST":
                data = {
                    filled_in(key, person, objects): filled_in(value, person, objects)
                    for key, value in route.data.items()
                }
                response = client.post(address, data)
            else:
                response = client.get(address)
        except Exception as error:
            error.add_note(f"{person.label} asked for {route.method} {address}")
            raise
        finally:
            transaction.set_rollback(True)
    # Never response.close(): its "request finished" signal closes the database connection.
    return answer(response, route)


def expectation(person, pattern, audience):
    """True (served), False (refused) or None (not checked) for `person`."""
    if person.admin_refused:
        return False if pattern.startswith("admin/") else None
    if audience is NOBODY:
        return False
    return audience.includes(
        signed_in=person.signed_in, superuser=person.superuser, groups=person.groups
    )


def wrong_answers(pattern, route, people, objects):
    wrong = []
    for person in people:
        expected = expectation(person, pattern, route.audience)
        if expected is None:
            continue
        got = ask(person, route, objects)
        right = not got.is_a_page if route.audience is NOBODY else got.served == expected
        if not right:
            should = "be served" if expected else "be refused"
            wrong.append(f"{person.label} should {should}, but was {got.description}")
    return wrong


@pytest.fixture
def templates_not_rendered(monkeypatch):
    """Served pages come back with their status and headers but an empty body.

    Who is let in is decided before a template is rendered (the views answer a refusal, or
    return a TemplateResponse to render later), and rendering every admin page for two dozen
    people would take minutes; what the pages show is tested beside each app.
    """
    monkeypatch.setattr(SimpleTemplateResponse, "rendered_content", property(lambda self: ""))


@pytest.mark.parametrize("pattern", sorted(ROUTES))
@pytest.mark.usefixtures("templates_not_rendered")
def test_each_route_serves_its_audience_and_refuses_everyone_else(pattern, route_world):
    people, objects = route_world
    routes = ROUTES[pattern] if isinstance(ROUTES[pattern], tuple) else (ROUTES[pattern],)
    failures = []
    for route in routes:
        wrong = wrong_answers(pattern, route, people, objects)
        if wrong:
            address = sample_address(route, people[0], objects)
            why = f" ({route.why})" if route.why else ""
            failures.append(
                f"{route.method} {address} is for {route.audience}{why}:\n  " + "\n  ".join(wrong)
            )

    assert not failures, (
        f"{pattern}\n"
        + "\n".join(failures)
        + f"\nIf the view is right, change who the route is for in {INVENTORY}; if not, fix "
        "the view."
    )


@pytest.mark.usefixtures("templates_not_rendered")
def test_the_check_tells_a_refusal_from_a_page(route_world):
    """The check itself: the triage listing, said to be for every officer, is found refusing
    Editors; the dashboard, said to be for feedback handlers, is found serving them."""
    people, objects = route_world

    listing = wrong_answers("admin/feedback/", Route(OFFICERS, "/admin/feedback/"), people, objects)
    dashboard = wrong_answers("admin/", Route(HANDLERS, "/admin/"), people, objects)

    assert (
        "Editors should be served, but was refused: sent to the dashboard with “Sorry, you do "
        "not have permission to access this area.”"
    ) in listing
    assert "Editors should be refused, but was served with 200" in dashboard
