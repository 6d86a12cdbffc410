"""The health checks a load balancer probes, and the site carrying on when Redis is gone."""

import json
import secrets
import socket
from unittest import mock

import pytest
from django.db import OperationalError, connection

from tests.core.test_security import run_with_production_settings

pytestmark = pytest.mark.django_db


def closed_port():
    """A port on 127.0.0.1 that nothing listens on: connecting to it is refused at once."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_settings(*names, **env):
    """Settings exactly as production builds them, with the given environment."""
    result = run_with_production_settings(
        [
            "-c",
            "import django, json, sys; django.setup(); from django.conf import settings as s; "
            "print(json.dumps({name: getattr(s, name) for name in sys.argv[1:]}))",
            *names,
        ],
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="testserver",
        **env,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_live_says_ok_without_touching_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/health/live/")

    assert response.status_code == 200
    assert response.content == b"ok"
    assert "no-store" in response["Cache-Control"]


def test_ready_is_ok_when_the_database_and_cache_work(client):
    response = client.get("/health/ready/")

    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "ok"}
    assert "no-store" in response["Cache-Control"]


def test_ready_is_503_and_names_the_database_when_it_fails(client):
    with mock.patch.object(
        connection, "cursor", side_effect=OperationalError("server closed the connection")
    ):
        response = client.get("/health/ready/")

    assert response.status_code == 503
    assert response.json() == {"database": "failing", "cache": "ok"}
    assert "no-store" in response["Cache-Control"]


def test_ready_is_503_and_names_the_cache_when_it_raises(client):
    with mock.patch(
        "django.core.cache.backends.locmem.LocMemCache.set",
        side_effect=ConnectionError("cache unreachable"),
    ):
        response = client.get("/health/ready/")

    assert response.status_code == 503
    assert response.json() == {"database": "ok", "cache": "failing"}


def test_with_redis_unreachable_pages_still_render_and_ready_names_the_cache(client, settings):
    # Production's own cache settings (django-redis), pointed at a port nothing listens on.
    redis_url = f"redis://127.0.0.1:{closed_port()}/0"
    settings.CACHES = production_settings("CACHES", REDIS_URL=redis_url)["CACHES"]
    assert settings.CACHES["default"]["BACKEND"] == "boardhub.core.redis_cache.FailFastRedisCache"

    home = client.get("/")
    ready = client.get("/health/ready/")

    assert home.status_code == 200
    assert "<main" in home.text
    assert ready.status_code == 503
    assert ready.json() == {"database": "ok", "cache": "failing"}


def test_health_checks_answer_over_plain_http_while_pages_redirect_to_https(client, settings):
    # The load balancer probes each app server directly, without TLS.
    production = production_settings("SECURE_SSL_REDIRECT", "SECURE_REDIRECT_EXEMPT")
    settings.SECURE_SSL_REDIRECT = production["SECURE_SSL_REDIRECT"]
    settings.SECURE_REDIRECT_EXEMPT = production["SECURE_REDIRECT_EXEMPT"]

    assert client.get("/").status_code == 301
    assert client.get("/health/live/").status_code == 200
    assert client.get("/health/ready/").status_code == 200
