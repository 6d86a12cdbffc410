"""Health checks for the load balancer and for systemd or a monitor.

/health/live/   the process is up and answering: touches nothing else, so a database outage
                never gets every app server restarted at once.
/health/ready/  this app server can do its work: the database answers a query and the cache
                keeps what is put in it. 503 names what failed, so take it out of rotation.

Neither is ever cached, by us or by anything in between.
"""

import logging
import secrets

from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

# A key of its own, so the check never reads or overwrites anything the site keeps.
CACHE_PROBE_KEY = "boardhub:health:probe"


def database_works():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        logger.exception("Readiness check: the database failed")
        return False


def cache_works():
    # With IGNORE_EXCEPTIONS (production's Redis), a dead cache raises nothing: it just forgets.
    # So the check is that a fresh value comes back, not that nothing was raised.
    token = secrets.token_hex(8)
    try:
        cache.set(CACHE_PROBE_KEY, token, timeout=10)
        works = cache.get(CACHE_PROBE_KEY) == token
    except Exception:
        logger.exception("Readiness check: the cache failed")
        return False
    if not works:
        logger.error("Readiness check: the cache did not keep a value")
    return works


@require_safe
@never_cache
def live(request):
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


@require_safe
@never_cache
def ready(request):
    checks = {"database": database_works(), "cache": cache_works()}
    body = {name: "ok" if works else "failing" for name, works in checks.items()}
    return JsonResponse(body, status=200 if all(checks.values()) else 503)
