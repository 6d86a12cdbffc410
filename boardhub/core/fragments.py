"""Pieces of public pages that are the same for everyone who reads them, kept in the shared
cache, so that a page rendered for someone signed in, or after the page cache missed, need not
work them out again: the menu, the footer, the running totals of "you said, we did", a list
of changes.

What makes this safe:

- Only public content goes in: what anyone may read on the public site, worked out from
  published pages and records alone. Never anything about the person asking (who they are,
  their session, a form with its CSRF token, a message), which is why the callers, not this
  module, choose what is shared; each says why its fragment is public.
- Every entry is keyed by the page cache's generation (boardhub.core.page_cache), so the
  change that makes every cached page miss (any change an officer makes to public content:
  see its connect_signals) makes every fragment miss at the same moment. Entries of an old
  generation are never read again, and expire (KEEP_SECONDS).
- A fragment that depends on the time ("Open, 5 days left") is kept no later than the next
  moment something opens or closes, and midnight, as a cached page is (`time_sensitive`,
  page_cache.seconds_to_keep).
- Previews of drafts are never served from it, nor stored in it: they show what is not
  published yet.
"""

import hashlib

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from wagtail.models import Site

from . import page_cache

# How long an entry is kept at most. It is found only while its generation is current, so
# this mostly bounds how long an unused one stays in Redis; it also bounds, as the page
# cache's own time limit does for pages, how long a change made without the signals that
# start a new generation (rows written in bulk by a command) takes to show.
KEEP_SECONDS = 5 * 60
KEY_PREFIX = "fragment"


def may_share(request):
    """Shared fragments are for pages served to a visitor, never for previews of drafts (or
    code that renders without a request)."""
    return request is not None and not getattr(request, "is_preview", False)


def generation(request):
    """The page cache's generation, read once for each request: one cache lookup however many
    fragments a page has."""
    try:
        return request._fragment_generation
    except AttributeError:
        request._fragment_generation = page_cache.generation()
        return request._fragment_generation


def site_pk(request):
    """The site `request` is for, as a part of a fragment's key: the addresses of pages on the
    same site are written without the domain, and those on another site with it."""
    site = Site.find_for_request(request)
    return site.pk if site else None


def fragment_key(request, name, parts=()):
    digest = hashlib.sha256(repr(tuple(parts)).encode()).hexdigest()[:32]
    return f"{KEY_PREFIX}:{generation(request)}:{name}:{digest}"


def shared(request, name, parts, compute, *, time_sensitive=False):
    """`compute()`, or what it gave before for this `name` and `parts` (a tuple of what the
    answer depends on besides published content, such as the site or the query string) in
    this generation. `compute` must return public content only, and something the cache can
    keep (text, numbers, lists and dicts of them: not model instances, which would outlive a
    change to their class)."""
    if not may_share(request):
        return compute()
    key = fragment_key(request, name, parts)
    kept = cache.get(key)  # a 1-tuple, so that None and empty answers are kept too
    if kept is not None:
        return kept[0]
    value = compute()
    keep_for = page_cache.seconds_to_keep(KEEP_SECONDS) if time_sensitive else KEEP_SECONDS
    cache.set(key, (value,), keep_for)
    return value


def shared_html(request, name, parts, template_name, get_context, *, time_sensitive=False):
    """`template_name` rendered with `get_context()`, or the HTML it gave before: `shared` for
    a piece of a page. It is rendered with the request, for page addresses and page links
    ({% pageurl %}, {% querystring %}): such a template must read nothing else from the
    request, or from what context processors add (the user, messages, permissions), but what
    `parts` names (such as the query string)."""

    def render():
        return render_to_string(template_name, get_context(), request)

    html = shared(request, name, parts, render, time_sensitive=time_sensitive)
    return mark_safe(html)  # noqa: S308 - a template's own output, escaped as it rendered
