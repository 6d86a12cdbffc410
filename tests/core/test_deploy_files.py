"""site/deploy/ and the production settings agree: nginx, gunicorn, systemd, the env example."""

import json
import re
import runpy
import secrets
import shlex
from pathlib import Path

import pytest
from django.conf import settings

from boardhub.settings import base
from tests.core.test_security import run_with_production_settings

DEPLOY = Path(__file__).resolve().parents[2] / "site" / "deploy"
ENV_NAME = re.compile(r"\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b")


# nginx: the file read as nested blocks, so a rule is checked where it applies.


def nginx_tokens(text):
    text = re.sub(r"#[^\n]*", "", text)
    lexer = shlex.shlex(text, posix=True, punctuation_chars="{};")
    lexer.whitespace_split = True
    return list(lexer)


def nginx_block(tokens):
    """[(directive, [arguments], children or None)] up to the closing brace."""
    entries, words = [], []
    while tokens:
        token = tokens.pop(0)
        if token == ";":
            entries.append((words[0], words[1:], None))
            words = []
        elif token == "{":
            entries.append((words[0], words[1:], nginx_block(tokens)))
            words = []
        elif token == "}":
            return entries
        else:
            words.append(token)
    return entries


def directives(block, name):
    return [arguments for directive, arguments, _ in block if directive == name]


def location(server, *path):
    for directive, arguments, children in server:
        if directive == "location" and arguments == list(path):
            return children
    raise AssertionError(f"no `location {' '.join(path)}` in the HTTPS server")


@pytest.fixture(scope="module")
def https_server():
    config = nginx_block(nginx_tokens((DEPLOY / "nginx" / "boardhub.conf").read_text()))
    for directive, _, children in config:
        if directive == "server" and ["443", "ssl", "http2"] in directives(children, "listen"):
            return children
    raise AssertionError("no HTTPS server block in nginx/boardhub.conf")


def size_in_bytes(value):
    number, unit = re.fullmatch(r"(\d+)([kKmM]?)", value).groups()
    return int(number) * {"": 1, "k": 1024, "m": 1024 * 1024}[unit.lower()]


def test_nginx_offers_only_modern_tls(https_server):
    assert directives(https_server, "ssl_protocols") == [["TLSv1.2", "TLSv1.3"]]


def test_nginx_takes_the_largest_upload_wagtail_allows_but_not_much_more(https_server):
    [[limit]] = directives(https_server, "client_max_body_size")
    largest_upload = max(
        settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE, settings.WAGTAILDOCS_MAX_UPLOAD_SIZE
    )

    assert largest_upload < size_in_bytes(limit) <= 2 * largest_upload


@pytest.mark.parametrize("folder", ["/media/original_images/", "/media/documents/"])
def test_nginx_never_serves_original_images_or_documents_itself(https_server, folder):
    # ^~ wins over every other location, so no later rule can serve these files.
    assert directives(location(https_server, "^~", folder), "return") == [["404"]]


def test_nginx_serves_image_renditions_and_static_files(https_server):
    static = location(https_server, "/static/")
    media = location(https_server, "/media/")

    assert directives(static, "alias") == [["/srv/boardhub/var/static/"]]
    assert ["Cache-Control", "public, max-age=31536000, immutable", "always"] in directives(
        static, "add_header"
    )
    assert directives(media, "alias") == [["/var/lib/boardhub/media/"]]


def test_nginx_overwrites_the_forwarded_headers_django_and_gunicorn_trust(https_server):
    proxied = location(https_server, "/")
    headers = dict(directives(proxied, "proxy_set_header"))

    assert headers["Host"] == "$host"
    assert headers["X-Forwarded-For"] == "$remote_addr"
    assert headers["X-Forwarded-Proto"] == "$scheme"


def test_nginx_does_not_add_a_second_hsts_header_to_django_pages(https_server):
    # Django sets HSTS on its own responses; nginx adds it only to the files it serves itself.
    def sets_hsts(block):
        return any(
            args[0] == "Strict-Transport-Security" for args in directives(block, "add_header")
        )

    assert not sets_hsts(https_server)
    assert not sets_hsts(location(https_server, "/"))
    assert sets_hsts(location(https_server, "/static/"))


def test_django_and_gunicorn_trust_exactly_the_headers_nginx_sets():
    result = run_with_production_settings(
        [
            "-c",
            "import django, json; django.setup(); from django.conf import settings as s; "
            "print(json.dumps([s.SECURE_PROXY_SSL_HEADER, s.USE_X_FORWARDED_HOST]))",
        ],
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="testserver",
    )
    proxy_ssl_header, use_forwarded_host = json.loads(result.stdout)
    gunicorn = runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))

    assert proxy_ssl_header == ["HTTP_X_FORWARDED_PROTO", "https"]
    # Django reads the host from Host, which nginx sets, never from X-Forwarded-Host.
    assert use_forwarded_host is False
    assert gunicorn["secure_scheme_headers"] == {"X-FORWARDED-PROTO": "https"}
    assert gunicorn["forwarded_allow_ips"] == "127.0.0.1,::1"


def test_production_keeps_sessions_in_the_database_and_emails_in_a_queue():
    result = run_with_production_settings(
        [
            "-c",
            "import django, json; django.setup(); from django.conf import settings as s; "
            "print(json.dumps([s.SESSION_ENGINE, s.TASKS, s.INSTALLED_APPS, s.CACHES]))",
        ],
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="testserver",
        REDIS_URL="redis://127.0.0.1:6379/0",
    )
    session_engine, tasks, installed_apps, caches = json.loads(result.stdout)
    redis_options = caches["default"]["OPTIONS"]

    assert session_engine == "django.contrib.sessions.backends.db"
    assert tasks["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"
    assert "django_tasks_db" in installed_apps
    assert redis_options["IGNORE_EXCEPTIONS"] is True
    assert redis_options["SOCKET_CONNECT_TIMEOUT"] <= 1
    assert redis_options["SOCKET_TIMEOUT"] <= 1


@pytest.mark.parametrize(
    ("environment", "expected"), [({}, 5000), ({"DATABASE_STATEMENT_TIMEOUT_MS": "250"}, 250)]
)
def test_production_cancels_slow_queries_on_postgresql(environment, expected):
    result = run_with_production_settings(
        [
            "-c",
            "import django; django.setup(); from django.conf import settings as s; "
            "print(s.DATABASES['default']['OPTIONS']['options'])",
        ],
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="testserver",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/boardhub",
        **environment,
    )

    assert result.stdout.strip() == f"-c jit=off -c statement_timeout={expected}"


def test_rate_limits_count_the_address_nginx_forwards_not_the_proxys():
    result = run_with_production_settings(
        [
            "-c",
            "import django; django.setup(); from django.test import RequestFactory; "
            "from allauth.account.adapter import get_adapter; "
            "request = RequestFactory().get('/', REMOTE_ADDR='127.0.0.1', "
            "HTTP_X_FORWARDED_FOR='203.0.113.9'); "
            "print(get_adapter(request).get_client_ip(request))",
        ],
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="testserver",
    )

    assert result.stdout.strip() == "203.0.113.9", result.stderr


def test_gunicorn_settings_follow_the_environment(monkeypatch):
    monkeypatch.setenv("GUNICORN_WORKERS", "3")

    gunicorn = runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))

    assert gunicorn["workers"] == 3
    assert gunicorn["timeout"] == 30
    assert gunicorn["worker_tmp_dir"] == "/dev/shm"  # noqa: S108
    assert gunicorn["max_requests"] > 0
    assert gunicorn["max_requests_jitter"] > 0
    assert gunicorn["preload_app"] is True


def test_gunicorn_can_keep_its_workers_for_a_memory_run(monkeypatch):
    monkeypatch.setenv("GUNICORN_MAX_REQUESTS", "0")

    gunicorn = runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))

    assert (gunicorn["max_requests"], gunicorn["max_requests_jitter"]) == (0, 0)


@pytest.mark.parametrize(
    ("unit", "command"),
    [
        ("boardhub-web.service", "gunicorn -c site/deploy/gunicorn.conf.py"),
        ("boardhub-worker.service", "manage.py db_worker"),
    ],
)
def test_a_systemd_unit_runs_each_process_with_production_settings(unit, command):
    text = (DEPLOY / "systemd" / unit).read_text()

    assert "EnvironmentFile=/etc/boardhub/boardhub.env" in text
    assert "Environment=DJANGO_SETTINGS_MODULE=boardhub.settings.production" in text
    assert re.search(
        rf"^ExecStart=/srv/boardhub/\.venv/bin/.*{re.escape(command)}$", text, re.MULTILINE
    )


def test_the_env_example_names_every_variable_the_settings_read():
    documented = set(ENV_NAME.findall(base.__doc__))
    example = (DEPLOY / "boardhub.env.example").read_text()
    in_example = set(re.findall(r"^#?([A-Z][A-Z0-9_]+)=", example, re.MULTILINE))
    gunicorn_variables = set(
        ENV_NAME.findall(runpy.run_path(DEPLOY / "gunicorn.conf.py")["__doc__"])
    )

    assert {"SECRET_KEY", "DATABASE_URL", "REDIS_URL", "EMAIL_HOST"} <= documented
    assert documented - in_example == set()
    # And nothing in the example that BoardHub does not read.
    assert in_example - documented - gunicorn_variables == set()
