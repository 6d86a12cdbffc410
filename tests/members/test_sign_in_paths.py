"""One way to sign in: allauth's, with its rate limits, verified email and second step.

Every other sign-in view the project serves, now or after an upgrade of Wagtail, allauth or
Django, must lead to allauth's sign-in page and sign nobody in (boardhub.members.sign_in). The
first tests walk the whole URL resolver to find such views, so a new one fails the suite; the
others show, path by path, what happens to someone who signs in there.
"""

import inspect
import re
import types

import django.contrib.auth
import pytest
from django.contrib.auth import views as auth_views
from django.urls import URLResolver, get_resolver
from django.urls.resolvers import RegexPattern

from boardhub.demo.factories import TEST_PASSWORD, UserFactory, current_totp_code

pytestmark = pytest.mark.django_db

SIGN_IN_PAGE = "/accounts/login/"

# The sign-in views Wagtail serves today: the walk below must find them, or it finds nothing.
WAGTAILS_SIGN_IN_VIEWS = {"wagtailadmin_login", "wagtailcore_login"}


# Walking the URL resolver


def url_pattern_chains(patterns=None, chain=()):
    """Every URL pattern the project serves, each with the resolvers it is included through,
    Wagtail's and allauth's included. A pattern shadowed by an earlier one is listed too."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from url_pattern_chains(pattern.url_patterns, (*chain, pattern))
        else:
            yield (*chain, pattern)


EXAMPLE_ARGUMENTS = {"int": "1", "str": "x", "slug": "x", "path": "x", "uuid": "0" * 32}
REGEX_SPECIAL = re.compile(r"[.*+?()\[\]{}|\\]")
CONVERTER = re.compile(r"<(?:(\w+):)?\w+>")


def route_text(chain):
    """The address pattern of the last pattern of `chain`, as written, from the site's root."""
    return "/" + "".join(str(pattern.pattern).removeprefix("^") for pattern in chain)


def example_path(chain, *, with_arguments=True):
    """An address that reaches the last pattern of `chain`, with a made-up value for each
    argument of a path converter (or None, `with_arguments=False`); None when a regular
    expression would need one."""
    parts = []
    for pattern in chain:
        text = str(pattern.pattern)
        if isinstance(pattern.pattern, RegexPattern):
            text = text.removeprefix("^").removesuffix("$").replace(r"\.", ".")
            if REGEX_SPECIAL.search(text):
                return None
        elif CONVERTER.search(text):
            if not with_arguments:
                return None
            text = CONVERTER.sub(lambda m: EXAMPLE_ARGUMENTS[m.group(1) or "str"], text)
        parts.append(text)
    return "/" + "".join(parts)


def calls_django_login(function):
    """Whether `function`'s code (nested functions included) names django.contrib.auth.login,
    under any name or as `auth.login`."""
    function = inspect.unwrap(function)
    code = getattr(function, "__code__", None)
    if code is None:
        return False
    namespace = function.__globals__
    names = set()
    pending = [code]
    while pending:
        current = pending.pop()
        names.update(current.co_names)
        pending.extend(c for c in current.co_consts if isinstance(c, types.CodeType))
    return any(namespace.get(name) is django.contrib.auth.login for name in names) or (
        "login" in names and any(namespace.get(name) is django.contrib.auth for name in names)
    )


def class_calls_django_login(view_class):
    """Whether a method of `view_class` calls django.contrib.auth.login. Django's own auth
    views are judged by what they do as configured (`signs_in`), not by their code."""
    return any(
        calls_django_login(getattr(member, "__func__", member))
        for klass in view_class.__mro__
        if klass.__module__ not in ("builtins", auth_views.__name__)
        for member in vars(klass).values()
        if callable(getattr(member, "__func__", member))
    )


def view_class_of(callback):
    # Class-based views carry their class, through every decorator (functools.update_wrapper
    # copies it); unwrapping would lose it.
    return getattr(callback, "view_class", None)


def signs_in(callback):
    """Whether a view can sign someone in: Django's sign-in view or its password reset that
    signs in after, or any code that calls django.contrib.auth.login."""
    view_class = view_class_of(callback)
    if view_class is None:
        return calls_django_login(callback)
    return (
        issubclass(view_class, auth_views.LoginView)
        or (
            issubclass(view_class, auth_views.PasswordResetConfirmView)
            and view_class.post_reset_login
        )
        or class_calls_django_login(view_class)
    )


def view_module(callback):
    view = view_class_of(callback) or inspect.unwrap(callback)
    return view.__module__


def sign_in_views_other_than_allauths():
    """(name, address) of every pattern whose view can sign someone in, but allauth's: its
    sign-in views run the second step (tests below), so they are the one way in."""
    return sorted(
        (chain[-1].name or "", example_path(chain))
        for chain in url_pattern_chains()
        if signs_in(chain[-1].callback)
        and not view_module(chain[-1].callback).startswith("allauth.")
    )


def credentials(user, next_url="/admin/"):
    """A right email and password, under every field name a sign-in form might use."""
    return {
        "username": user.email,
        "email": user.email,
        "login": user.email,
        "password": TEST_PASSWORD,
        "next": next_url,
    }


def is_signed_in(client):
    return "_auth_user_id" in client.session


def test_the_walk_finds_wagtails_sign_in_views():
    """The search below is only as good as this: it must find the views we know of."""
    names = {name for name, __ in sign_in_views_other_than_allauths()}

    assert names >= WAGTAILS_SIGN_IN_VIEWS


def test_the_walk_leaves_out_allauths_own_sign_in():
    addresses = {address for __, address in sign_in_views_other_than_allauths()}

    assert SIGN_IN_PAGE not in addresses
    assert "/accounts/login/code/confirm/" not in addresses


@pytest.mark.parametrize(("name", "address"), sign_in_views_other_than_allauths())
def test_no_sign_in_view_but_allauths_signs_anyone_in(client, officer, name, address):
    """A new sign-in view from an upgrade fails here until boardhub/urls.py routes its address
    to boardhub.members.sign_in.redirect_to_sign_in."""
    assert address is not None, f"Give {name!r} an example address in example_path"

    response = client.post(address, credentials(officer))

    assert not is_signed_in(client)
    assert response.status_code == 302
    assert response.url.startswith(SIGN_IN_PAGE)


# Path by path: Wagtail's sign-in forms


@pytest.mark.parametrize("address", ["/_util/login/", "/admin/login/"])
def test_wagtails_sign_in_pages_lead_to_allauths_and_keep_the_page_asked_for(client, address):
    response = client.get(f"{address}?next=/admin/pages/")

    assert response.status_code == 302
    assert response.url == "/accounts/login/?next=/admin/pages/"


@pytest.mark.parametrize("address", ["/_util/login/", "/admin/login/"])
def test_a_right_password_sent_to_wagtails_sign_in_signs_nobody_in(client, officer, address):
    response = client.post(address, credentials(officer, next_url="/admin/pages/"))

    assert not is_signed_in(client)
    assert response.status_code == 302
    assert response.url == "/accounts/login/?next=/admin/pages/"
    # And the admin still asks them to sign in.
    assert client.get("/admin/").url == "/accounts/login/?next=/admin/"


@pytest.mark.parametrize("address", ["/_util/login/", "/admin/login/"])
def test_wagtails_sign_in_without_a_next_page_leads_to_allauths_sign_in(client, address):
    response = client.post(address, {"username": "someone@example.org", "password": "x"})

    assert response.status_code == 302
    assert response.url == SIGN_IN_PAGE


# Path by path: allauth's sign-in, the one way in


def test_signing_in_by_password_asks_for_the_second_step_before_anyone_is_signed_in(
    client, officer
):
    response = client.post(SIGN_IN_PAGE, {"login": officer.email, "password": TEST_PASSWORD})

    assert response.url == "/accounts/2fa/authenticate/"
    assert not is_signed_in(client)
    assert client.get("/admin/").url == "/accounts/login/?next=/admin/"

    response = client.post(
        "/accounts/2fa/authenticate/", {"code": current_totp_code(officer.totp_secret)}
    )

    assert client.session["_auth_user_id"] == str(officer.pk)
    assert client.get("/admin/").status_code == 200


def code_from(email):
    return re.search(r"sign in to Coproduction Board:\s+(\S+)", email.body).group(1)


def test_signing_in_by_emailed_code_asks_for_the_second_step_too(client, officer, emails_sent):
    with emails_sent() as outbox:
        client.post("/accounts/login/code/", {"email": officer.email})

    response = client.post("/accounts/login/code/confirm/", {"code": code_from(outbox[-1])})

    assert response.url == "/accounts/2fa/authenticate/"
    assert not is_signed_in(client)

    client.post("/accounts/2fa/authenticate/", {"code": current_totp_code(officer.totp_secret)})

    assert client.session["_auth_user_id"] == str(officer.pk)
    assert client.get("/admin/").status_code == 200


def test_a_member_without_two_factor_signs_in_with_a_password_alone(client):
    member = UserFactory(verified=True)

    response = client.post(SIGN_IN_PAGE, {"login": member.email, "password": TEST_PASSWORD})

    assert response.url == "/"
    assert client.session["_auth_user_id"] == str(member.pk)


def test_a_passkey_is_never_a_sign_in_on_its_own(client, settings, officer):
    """A passkey is a second step, not a way to sign in without the password or code (see
    MFA_PASSKEY_LOGIN_ENABLED): allauth serves no passkey sign-in. Turning it on is a decision
    to make here; the admin's gate would accept it (test_admin_gate.py)."""
    assert settings.MFA_PASSKEY_LOGIN_ENABLED is False

    response = client.post("/accounts/2fa/webauthn/login/", credentials(officer))

    assert response.status_code == 404
    assert not is_signed_in(client)


def test_choosing_a_new_password_from_a_reset_link_signs_nobody_in(client, officer, emails_sent):
    """After a password reset, people sign in as usual, with the second step."""
    with emails_sent() as outbox:
        client.post("/accounts/password/reset/", {"email": officer.email})
    link = re.search(r"http://testserver(/accounts/password/reset/key/\S+)", outbox[-1].body)
    page = client.get(link.group(1), follow=True)
    form_url = page.redirect_chain[-1][0] if page.redirect_chain else link.group(1)

    response = client.post(
        form_url, {"password1": "a brand new passphrase", "password2": "a brand new passphrase"}
    )

    officer.refresh_from_db()
    assert officer.check_password("a brand new passphrase")
    assert response.status_code == 302
    assert not is_signed_in(client)
