"""Keeping programs from flooding public forms, without a puzzle for people to solve: a
honeypot box that people never see, and a limit on how often one internet address may send."""

from allauth.account.adapter import get_adapter
from django import forms
from django.core.cache import cache
from django.core.exceptions import PermissionDenied

HONEYPOT_LABEL = "Leave this empty"


def honeypot_field():
    """A box people never see or reach (render it in an aria-hidden wrapper): only programs
    that fill in every box type in it."""
    return forms.CharField(
        label=HONEYPOT_LABEL,
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )


class RateLimit:
    """At most `limit` sends from one internet address in `window` seconds, counted in the
    cache: `RateLimit("joining:applications", 5)`."""

    def __init__(self, name, limit, window=60 * 60):
        self.name = name
        self.limit = limit
        self.window = window

    def key(self, request):
        try:
            ip = get_adapter(request).get_client_ip(request)
        except PermissionDenied:  # no address at all: count these together
            ip = "unknown"
        return f"{self.name}:{ip}"

    def is_exceeded(self, request):
        return (cache.get(self.key(request)) or 0) >= self.limit

    def count(self, request):
        key = self.key(request)
        cache.add(key, 0, self.window)
        try:
            cache.incr(key)
        except ValueError:  # the entry ran out between add() and incr()
            cache.set(key, 1, self.window)
