"""When Redis stops or freezes, the site keeps working without it, and signing in is paused
kindly rather than let anyone in uncounted.

Each test starts a real redis-server of its own on a free port on 127.0.0.1, with production's
cache settings (boardhub.core.redis_cache: errors ignored, half-second timeouts, and Redis
left alone for a few seconds after it fails), and kills or freezes it part way through.
Sessions stay in the database, so nobody is signed out by it.
"""

import re
import shutil
import signal
import socket
import subprocess
import time

import pytest
import redis
from django.contrib.auth.models import Group
from django.core.cache import cache
from django_redis.client import DefaultClient
from wagtail.models import Site

from boardhub.core.models import BoardSettings
from boardhub.core.redis_cache import PAUSE_SECONDS, cache_settings
from boardhub.demo.factories import (
    TEST_PASSWORD,
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
    StandardPageFactory,
    UserFactory,
    activate_totp,
)
from boardhub.members.sign_in import RETRY_AFTER_SECONDS
from home.models import HomePage
from tests.conftest import SignedInClient

pytestmark = pytest.mark.django_db

PAUSED = (
    "Sorry, signing in is paused for a few minutes because of a problem on our side. "
    "It is nothing you did. Please try again in a few minutes."
)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RedisServer:
    """A redis-server on 127.0.0.1 that keeps nothing on disk, which a test can stop and
    start again on the same port."""

    def __init__(self, folder):
        self.executable = shutil.which("redis-server")
        if self.executable is None:
            pytest.fail("redis-server is not installed (Debian: apt-get install redis-server)")
        self.folder = folder
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [
                self.executable,
                *("--port", str(self.port), "--bind", "127.0.0.1"),
                *("--save", "", "--appendonly", "no", "--dir", str(self.folder)),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        client = redis.Redis(port=self.port, socket_connect_timeout=0.2)
        give_up_at = time.monotonic() + 5
        while time.monotonic() < give_up_at:
            if self.process.poll() is not None:
                pytest.fail(f"redis-server stopped at once:\n{self.process.stdout.read().decode()}")
            try:
                if client.ping():
                    return
            except redis.ConnectionError:
                time.sleep(0.02)
        pytest.fail(f"redis-server did not answer on port {self.port} within 5 seconds")

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
            self.process.stdout.close()

    def freeze(self):
        """Stop it answering while its port stays open: a hung server, or lost packets."""
        self.process.send_signal(signal.SIGSTOP)

    def thaw(self):
        self.process.send_signal(signal.SIGCONT)

    def keys(self):
        return redis.Redis(port=self.port).dbsize()


@pytest.fixture
def redis_server(settings, tmp_path):
    """A running Redis as the site's cache, set up as production's is."""
    server = RedisServer(tmp_path)
    server.start()
    settings.CACHES = {"default": cache_settings(server.url)}
    settings.PAGE_CACHE_SECONDS = 60  # the public page cache in Redis too, as in production
    yield server
    server.thaw()
    server.stop()


@pytest.fixture
def redis_calls(monkeypatch):
    """Each time django-redis went to Redis (every call picks a connection first): with a dead
    or frozen Redis, each costs up to a timeout."""
    calls = []
    real_pick = DefaultClient.get_next_client_index

    def counting(client, *args, **kwargs):
        calls.append(kwargs)
        return real_pick(client, *args, **kwargs)

    monkeypatch.setattr(DefaultClient, "get_next_client_index", counting)
    return calls


def sign_in(client, email, password=TEST_PASSWORD):
    return client.post("/accounts/login/", {"login": email, "password": password})


def test_public_pages_and_the_admin_keep_working_when_redis_stops(
    client, redis_server, redis_calls
):
    home = HomePage.objects.get()
    about = StandardPageFactory(parent=home, title="About the board")
    index = ConsultationIndexPageFactory(parent=home, title="Consultations")
    consultation = ConsultationPageFactory(parent=index, title="Care at home")
    officer = UserFactory(verified=True, is_staff=True)
    officer.groups.add(Group.objects.get(name="Editors"))
    activate_totp(officer)
    officer_client = SignedInClient()
    officer_client.force_login(officer)  # signed in before Redis stops
    public_pages = ["/", about.url, index.url, consultation.url, "/search/?q=care"]
    admin_pages = ["/admin/", f"/admin/pages/{home.pk}/", f"/admin/pages/{about.pk}/edit/"]

    # The site's settings, made now rather than by the first page (making them empties the
    # page cache, as any change to what the public reads does).
    BoardSettings.for_site(Site.objects.get(is_default_site=True))
    client.get("/")
    assert client.get("/")["X-Page-Cache"] == "hit"  # Redis is in use
    assert redis_server.keys() > 0

    redis_server.stop()
    redis_calls.clear()

    for url in public_pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.get("X-Page-Cache") != "hit", url  # nothing comes from the cache
    assert "Care at home" in client.get(index.url).content.decode()
    for url in admin_pages:
        response = officer_client.get(url)
        assert response.status_code == 200, url
        assert response.wsgi_request.user == officer, url
    # Redis was asked once, failed, and was left alone for the rest.
    assert len(redis_calls) == 1
    # The load balancer is told, so that someone can find out why.
    ready = client.get("/health/ready/")
    assert ready.status_code == 503
    assert ready.json() == {"database": "ok", "cache": "failing"}


def test_signing_in_is_paused_with_a_kind_message_while_redis_is_down(
    client, redis_server, redis_calls
):
    member = UserFactory(email="sam.jones@example.org", verified=True)

    signed_in = sign_in(client, member.email)

    assert signed_in.status_code == 302
    assert client.session["_auth_user_id"] == str(member.pk)
    client.logout()

    redis_server.stop()
    redis_calls.clear()
    refused = sign_in(client, member.email)

    content = refused.content.decode()
    assert refused.status_code == 503
    assert refused["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert "no-store" in refused["Cache-Control"]
    assert len(redis_calls) == 1  # no waiting on allauth's lock in the dead cache
    assert "_auth_user_id" not in client.session
    assert "<title>Error: Sign in" in content
    summary = re.search(r'<div class="error-summary".*?</div>', content, re.S).group(0)
    assert 'role="alert"' in summary
    assert "There is a problem" in summary
    assert f"<li>{PAUSED}</li>" in summary
    assert "too many" not in content.lower()
    assert re.search(r'<input type="email" name="login" value="sam.jones@example.org"', content)
    assert TEST_PASSWORD not in content  # the password is never sent back

    redis_server.start()  # Redis is back, on the same address
    cache.ask_again_now()  # rather than wait out the pause

    again = sign_in(client, member.email)

    assert again.status_code == 302
    assert client.session["_auth_user_id"] == str(member.pk)


def test_asking_for_a_sign_in_code_is_paused_too_while_redis_is_down(client, redis_server):
    member = UserFactory(email="sam.jones@example.org", verified=True)
    redis_server.stop()

    response = client.post("/accounts/login/code/", {"email": member.email})

    content = response.content.decode()
    assert response.status_code == 200
    assert f'<a href="#id_email">{PAUSED}</a>' in content
    assert "too many" not in content.lower()
    assert 'value="sam.jones@example.org"' in content
    assert "_auth_user_id" not in client.session


def test_a_frozen_redis_is_asked_once_then_left_alone_until_the_pause_ends(
    client, redis_server, redis_calls
):
    home = HomePage.objects.get()
    about = StandardPageFactory(parent=home, title="About the board")
    BoardSettings.for_site(Site.objects.get(is_default_site=True))
    client.get(about.url)
    assert client.get(about.url)["X-Page-Cache"] == "hit"

    redis_server.freeze()  # the port still takes connections; nothing answers
    redis_calls.clear()
    pages = [client.get(url) for url in ("/", about.url, "/", about.url)]

    assert [page.status_code for page in pages] == [200] * 4
    assert "About the board" in pages[1].content.decode()
    assert len(redis_calls) == 1  # one timeout in all, not one for every call of every page
    assert cache.paused_until - time.monotonic() <= PAUSE_SECONDS

    redis_server.thaw()
    cache.ask_again_now()  # as when PAUSE_SECONDS have passed
    client.get(about.url)

    assert client.get(about.url)["X-Page-Cache"] == "hit"  # Redis is used again
