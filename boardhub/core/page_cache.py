"""Public pages served from the shared cache (Redis in production) to people who are not
signed in, so that the peak on the day a consultation opens or closes costs the database
nothing.

What is safe to share is decided by looking at each response, not by a list of pages:

- Only a GET or HEAD whose cookies are all known to be safe (the reader preferences, which
  are part of the key, and the CSRF cookie) is looked up or stored. Any other cookie, such
  as a session (anyone signed in, or with answers waiting) or a message to show, means the
  page may be personal, so it is neither served from nor put into the cache.
- Addresses for one person (each app registers its own: boardhub.core.registry) are never
  cached.
- Only a 200 text/html response that sets no cookie and carries no private, no-store or
  no-cache instruction is stored. A page with a form sets the CSRF cookie, so it is never
  stored and its form keeps working.
- Every page says `Vary: Cookie`, because it reads the session to find out that nobody is
  signed in. The key answers that: only requests whose cookies are all in the key (the
  reader preferences) or never shape a stored page (the CSRF cookie: a page that uses it
  sets it again, so is never stored) reach the cache. A page that varies on anything else
  is not stored.

Each entry carries the site-wide generation number it was stored under, which any change an
officer makes to public content bumps (`connect_signals`), so that every entry at once stops
being served: any page, and the models the apps register as public. The number and the entry
are read in one round trip to the cache.
Pages behind sign-in are marked `Cache-Control: private, no-store` here too, so that no
browser or proxy keeps them either.
"""

import hashlib
import time
from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import cc_delim_re, patch_cache_control
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

from . import registry
from .models import BoardSettings
from .reader_preferences import CONTRAST_COOKIE, TEXT_SIZE_COOKIE

GENERATION_KEY = "page-cache:generation"
HEADER = "X-Page-Cache"
SAFE_METHODS = ("GET", "HEAD")
# Headers a stored page must not carry: the cookies are someone's, and the length is
# recalculated from the content.
UNSTORED_HEADERS = {"set-cookie", "content-length"}
NEVER_SHARED = ("private", "no-store", "no-cache", "max-age=0")
ONE_DAY = 60 * 60 * 24


def shareable_cookies():
    return {TEXT_SIZE_COOKIE, CONTRAST_COOKIE, settings.CSRF_COOKIE_NAME}


# The generation number


def generation():
    """The current generation. If the cache lost it (evicted, or Redis restarted), start from
    the clock, so that the new number is past any that entries still in the cache were
    stored under."""
    current = cache.get(GENERATION_KEY)
    if current is None:
        cache.add(GENERATION_KEY, time.time_ns() // 1000, timeout=None)
        current = cache.get(GENERATION_KEY) or time.time_ns() // 1000
    return current


def forget_every_page(**kwargs):
    """Make every cached page miss from now on (a signal receiver, so it takes any arguments),
    and again once the change commits: a page rendered in between, from the database as it
    was before the change, would otherwise be stored under the new generation."""
    new_generation()
    transaction.on_commit(new_generation)


def new_generation():
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # the number was lost: any fresh one will do
        generation()


# Deciding what may be shared


def may_use_cache(request):
    if request.method not in SAFE_METHODS or is_private_path(request.path):
        return False
    return set(request.COOKIES) <= shareable_cookies()


def may_store(request, response):
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if response.cookies or varies_on_more_than_cookies(response):
        return False
    if not response.get("Content-Type", "").startswith("text/html"):
        return False
    cache_control = response.get("Cache-Control", "").lower()
    return not any(word in cache_control for word in NEVER_SHARED)


def varies_on_more_than_cookies(response):
    if not response.has_header("Vary"):
        return False
    return {name.lower() for name in cc_delim_re.split(response["Vary"])} != {"cookie"}


def is_private_path(path):
    """Whether `path` is for one person only (someone's account, signing in, the admin: each
    app registers its own), so never cached, whoever asks for it."""
    return path.startswith(registry.private_paths())


def is_private(request):
    return settings.SESSION_COOKIE_NAME in request.COOKIES or is_private_path(request.path)


def cache_key(request):
    parts = [
        request.scheme,
        request.get_host(),
        request.get_full_path(),
        request.COOKIES.get(TEXT_SIZE_COOKIE, ""),
        request.COOKIES.get(CONTRAST_COOKIE, ""),
    ]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"page-cache:page:{digest}"


# How long a page may be kept


def seconds_to_keep(at_most, now=None):
    """`at_most` seconds, cut short at the next moment something opens or closes and at
    midnight (when "5 days left" becomes "4 days left"). Those changes happen without anyone
    saving anything, so no signal can announce them: a cached page, or a fragment that
    depends on the time, must simply expire in time."""
    now = now or timezone.now()
    tomorrow = timezone.localdate(now) + timedelta(days=1)
    moments = [
        now + timedelta(seconds=at_most),
        timezone.make_aware(datetime.combine(tomorrow, datetime.min.time())),
    ]
    next_change = next_moment(now)
    if next_change is not None:
        moments.append(next_change)
    return max(1, int((min(moments) - now).total_seconds()))


def next_moment(now):
    """The soonest moment after `now` that something opens or closes, as the apps that own such
    things say (registry.register_moments), or None. The answer only changes when a page or
    a public model is saved (a new generation) or that moment passes, so it is kept until
    then, and a page stored costs no query for it."""
    key = f"page-cache:{generation()}:next-moment"
    kept = cache.get(key)  # a 1-tuple, since None is an answer too
    if kept is not None and (kept[0] is None or kept[0] > now):
        return kept[0]
    found = (when_next(now) for when_next in registry.moments())
    moment = min((m for m in found if m is not None), default=None)
    keep_for = ONE_DAY if moment is None else min(ONE_DAY, (moment - now).total_seconds())
    cache.set(key, (moment,), max(1, int(keep_for)))
    return moment


# Serving


def stored_page(response, generation):
    headers = [(k, v) for k, v in response.items() if k.lower() not in UNSTORED_HEADERS]
    return {
        "generation": generation,
        "status": response.status_code,
        "content": response.content,
        "headers": headers,
    }


def page_from_store(stored):
    response = HttpResponse(stored["content"], status=stored["status"])
    for name, value in stored["headers"]:
        response[name] = value
    response[HEADER] = "hit"
    return response


class PageCacheMiddleware:
    """Serve and store public pages for people who are not signed in (see the module's
    docstring). Sits after WhiteNoise and before the session middleware, so that it sees
    every cookie and `Vary` the rest of the stack adds, and a hit costs no database query."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.PAGE_CACHE_SECONDS <= 0 or not may_use_cache(request):
            return self.mark_private(request, self.get_response(request))
        key = cache_key(request)
        found = cache.get_many([GENERATION_KEY, key])
        current = found.get(GENERATION_KEY) or generation()
        stored = found.get(key)
        if stored is not None and stored["generation"] == current:
            return page_from_store(stored)
        # A change published while this page renders bumps the generation: the entry is then
        # stored under the old one and never served.
        response = self.get_response(request)
        if may_store(request, response):
            keep_for = seconds_to_keep(settings.PAGE_CACHE_SECONDS)
            cache.set(key, stored_page(response, current), keep_for)
            response[HEADER] = "miss"
        return self.mark_private(request, response)

    @staticmethod
    def mark_private(request, response):
        if is_private(request):
            patch_cache_control(response, private=True, no_store=True)
        return response


# What makes every page miss


def connect_signals():
    """Forget every cached page when an officer changes anything the public reads: any page,
    core's own models below, and the models each app registers in its AppConfig.ready()."""
    # Settings are shown on pages as they are saved; pictures and documents carry alt text
    # and titles; a page made private must stop being served to everyone at once.
    registry.register_cache_model(
        PageViewRestriction, BoardSettings, Site, get_image_model(), get_document_model()
    )
    # A receiver connected twice with the same dispatch_uid is kept once, so this may run
    # again. They listen to every sender and ask the registry, which the apps fill in after
    # this has run.
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(forget_every_page, dispatch_uid="page_cache_pages")
    post_save.connect(forget_when_saved, dispatch_uid="page_cache_saved")
    post_delete.connect(forget_when_deleted, dispatch_uid="page_cache_deleted")
    for signal in (published, unpublished):
        signal.connect(forget_when_published, dispatch_uid="page_cache_published")


def forget_when_saved(sender, **kwargs):
    """A registered model saved, or any page: not only a published one, because a page made or
    changed in code (the demo site command, a data migration) is live at once, and an
    officer's draft costs one round of misses at most."""
    if issubclass(sender, Page) or registry.is_saved_model(sender):
        forget_every_page()


def forget_when_deleted(sender, **kwargs):
    # Deleting a page of any type deletes its row in Page too: one receiver call, not two.
    if sender is Page or registry.is_saved_model(sender) or registry.is_published_model(sender):
        forget_every_page()


def forget_when_published(sender, **kwargs):
    if registry.is_published_model(sender):
        forget_every_page()
