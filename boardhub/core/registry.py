"""What the apps tell core's mechanisms about what they own, so that core need import none of
them: each app registers its own from its AppConfig.ready(), and core reads it here.

- Models the public reads (`register_cache_model`, `register_published_model`): a change to
  one starts a new page-cache generation, so that every cached page and shared fragment
  misses at once (boardhub.core.page_cache). Pages need no entry: any page is public content.
- Moments (`register_moments`): when something next opens or closes by itself, with nobody
  saving anything, so that no page or fragment that shows it is kept past that moment.
- Ways members take part (`register_participation`): who took part in something between two
  moments, so that "active" and "who takes part" count meetings as well as answers.
- Private paths (`register_private_paths`): addresses whose pages are for one person only,
  never cached, here or by a browser or proxy.

Dashboard panels need no entry: each app adds its own with Wagtail's
`construct_homepage_panels` hook, in its wagtail_hooks.py.

Registering the same thing again keeps it once, because ready() may run more than once (in
tests). Everything is read when it is used, not when core's own ready() runs, which is before
the apps above it have registered anything.
"""

_saved_models = []
_published_models = []
_moments = []
_private_paths = []
_participation = []


def _add(registered, items):
    for item in items:
        if item not in registered:
            registered.append(item)


def register_cache_model(*models):
    """Models shown to the public as they are saved: saving or deleting one makes every
    cached page miss."""
    _add(_saved_models, models)


def register_published_model(*models):
    """Models with drafts (Wagtail's DraftStateMixin), public only once published: publishing,
    unpublishing or deleting one makes every cached page miss; saving a draft does not."""
    _add(_published_models, models)


def register_moments(next_moment):
    """`next_moment(now)` returns when something next opens or closes after `now`, or None.

    Its answer is kept until that moment or until the cache's next generation, so it must only
    change when that moment passes or when a page or a registered model is saved."""
    _add(_moments, [next_moment])


def register_private_paths(*prefixes):
    """Address prefixes ("/account/") whose pages are for one person only."""
    _add(_private_paths, prefixes)


def is_saved_model(model):
    return model in _saved_models


def is_published_model(model):
    return model in _published_models


def moments():
    return tuple(_moments)


def private_paths():
    return tuple(_private_paths)


def register_participation(took_part):
    """`took_part(since, until)` returns {how, in words: a query of the user ids who took
    part that way in that time} ({"Came to a meeting": RSVP ids}, say)."""
    _add(_participation, [took_part])


def participation():
    return tuple(_participation)
