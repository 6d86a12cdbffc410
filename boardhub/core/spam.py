"""Keeping programs from flooding public forms, without a puzzle for people to solve: a
honeypot box that people never see, and limits on how often one browser and one internet
address may send.

Why two limits. Everyone in a library, a day centre or a care home reaches us from the same
internet address, so a limit per address alone stops a group answering a consultation
together. The limit that stops one sender is per browser session: it is counted in the
session itself, so it never touches anyone else. A program can throw its session away and
start a fresh one for each send, so a ceiling per address, set well above what a group sends,
stops a flood of fresh sessions. Each limit's numbers live in settings.BOARDHUB_RATE_LIMITS.

A refusal says which limit it was (this browser, or this internet address) and when the
oldest send counted leaves the hour, so a person knows what happened and when to try again.
`sign_in_refusal` finds out the same for allauth's limit on failed sign-ins, which only says
"too many".
"""

import math
import time
from dataclasses import dataclass
from datetime import UTC, datetime

from allauth.account.adapter import get_adapter
from allauth.core.internal import ratelimit as allauth_ratelimit
from django import forms
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied

HONEYPOT_LABEL = "Leave this empty"
WINDOW_SECONDS = 60 * 60
SESSION_KEY = "rate_limited_sends"


def honeypot_field():
    """A box people never see or reach (render it in an aria-hidden wrapper): only programs
    that fill in every box type in it."""
    return forms.CharField(
        label=HONEYPOT_LABEL,
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )


@dataclass(frozen=True)
class Refusal:
    """A send turned away: `by` "session" (this browser sent too many) or "address" (too many
    came from this internet address), and the moment it may try again."""

    by: str  # "session" or "address"; for sign-in, "address" or "account"
    retry_at: float  # a Unix time

    @property
    def by_address(self):
        return self.by == "address"

    @property
    def retry_after_seconds(self):
        return max(int(self.retry_at - time.time()) + 1, 1)

    @property
    def retry_moment(self):
        """When to try again, rounded up to the minute, as people read a clock."""
        return datetime.fromtimestamp(math.ceil(self.retry_at / 60) * 60, tz=UTC)


def client_address(request):
    try:
        return get_adapter(request).get_client_ip(request)
    except PermissionDenied:  # no address at all: count these together
        return "unknown"


class RateLimit:
    """At most BOARDHUB_RATE_LIMITS[name]["per_session"] sends an hour from one browser
    session, and ["per_address"] from one internet address: `RateLimit("joining:applications")`.
    Ask `refusal(request)` before taking a send, and `count(request)` once it is taken."""

    def __init__(self, name):
        self.name = name

    @property
    def per_session(self):
        return settings.BOARDHUB_RATE_LIMITS[self.name]["per_session"]

    @property
    def per_address(self):
        return settings.BOARDHUB_RATE_LIMITS[self.name]["per_address"]

    # The session's sends: their times, in the session itself

    def session_sends(self, request, now):
        sends = request.session.get(SESSION_KEY, {}).get(self.name, [])
        return [moment for moment in sends if moment > now - WINDOW_SECONDS]

    def count_in_session(self, request, now):
        counted = request.session.get(SESSION_KEY, {})
        counted[self.name] = [*self.session_sends(request, now), now][-self.per_session :]
        request.session[SESSION_KEY] = counted

    # The address's sends: a count in the cache for the hour since its first send

    def address_keys(self, request):
        key = f"{self.name}:{client_address(request)}"
        return key, f"{key}:since"

    def count_at_address(self, request, now):
        count_key, since_key = self.address_keys(request)
        cache.add(since_key, now, WINDOW_SECONDS)
        cache.add(count_key, 0, WINDOW_SECONDS)
        try:
            cache.incr(count_key)
        except ValueError:  # the entry ran out between add() and incr()
            cache.set(count_key, 1, WINDOW_SECONDS)

    # Asking and counting

    def refusal(self, request):
        """Why this request may not send now, as a Refusal, or None when it may."""
        now = time.time()
        count_key, since_key = self.address_keys(request)
        if (cache.get(count_key) or 0) >= self.per_address:
            return Refusal("address", (cache.get(since_key) or now) + WINDOW_SECONDS)
        sends = self.session_sends(request, now)
        if len(sends) >= self.per_session:
            return Refusal("session", sends[-self.per_session] + WINDOW_SECONDS)
        return None

    def count(self, request):
        now = time.time()
        self.count_in_session(request, now)
        self.count_at_address(request, now)


# allauth's limit on failed sign-ins (ACCOUNT_RATE_LIMITS["login_failed"])


def sign_in_refusal(request, email):
    """Which of allauth's limits on failed sign-ins turned this one away, as a Refusal ("address"
    for the internet address, "account" for the email address typed), or None.

    allauth raises the same "too many" for either and keeps its counts to itself, so this reads
    them the way allauth's own check does (allauth.core.internal.ratelimit): each rate's list of
    attempt times, newest first, in the cache under allauth's key. Sign-in may try again once
    the oldest attempt that keeps the count at the limit is out of the rate's time.
    """
    app, action = "allauth.account", "login_failed"
    key = get_adapter(request)._get_login_attempts_cache_key(request, email=email)
    now = time.time()
    for rate in allauth_ratelimit.get_rates(app=app, action=action):
        cache_key = allauth_ratelimit.get_cache_key(
            request, app=app, action=action, rate=rate, key=key
        )
        history = [moment for moment in cache.get(cache_key, []) if moment > now - rate.duration]
        if len(history) >= rate.amount:
            by = "address" if rate.per == "ip" else "account"
            return Refusal(by, history[rate.amount - 1] + rate.duration)
    return None
