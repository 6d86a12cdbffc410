"""Gunicorn settings for BoardHub, behind nginx on the same machine.

Run from the checkout:  gunicorn -c site/deploy/gunicorn.conf.py
(systemd/boardhub-web.service does exactly that). Each value can be changed with an
environment variable, set in /etc/boardhub/boardhub.env:

    GUNICORN_BIND             address to listen on; default 127.0.0.1:8000 (only nginx reaches it)
    GUNICORN_WORKERS          worker processes; default 2 x CPU cores + 1
    GUNICORN_TIMEOUT          seconds before a stuck worker is restarted; default 30
    GUNICORN_MAX_REQUESTS     requests a worker serves before it is replaced; default 10000
                              (0: never, as `make bench` does to see whether memory grows)

gunicornc's control socket goes in $RUNTIME_DIRECTORY (/run/boardhub, which systemd makes for
the service) when there is one, and otherwise where gunicorn puts it by default.
"""

import os


def _cores():
    """CPU cores this process may use (respects taskset and cgroup CPU pinning)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


wsgi_app = "boardhub.wsgi:application"

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", 2 * _cores() + 1))

# A request that takes longer than this is killed and its worker restarted.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# On reload or stop, requests in flight get this long to finish.
graceful_timeout = 30
# nginx keeps connections to us alive; a little longer than nginx's own idle time is safe.
keepalive = 5
# Workers' heartbeat files on tmpfs: on a disk, a slow write can make gunicorn think a healthy
# worker is stuck and kill it.
worker_tmp_dir = "/dev/shm"  # noqa: S108 (gunicorn makes and unlinks its own files there)
# Load BoardHub once, in the master, and fork the workers from it: a replaced worker is ready
# at once, rather than spending over a second of CPU importing Django and Wagtail while
# requests wait (make bench saw every worker replaced every few seconds at a peak, and
# requests stall for seconds), and the workers share that memory. New code therefore needs a
# restart, not a reload (site/deploy/README.md).
preload_app = True
# Replace each worker now and then, so a slow leak cannot grow without bound. `make bench`
# measures memory flat over five minutes without it; this is a safety net, not a cure.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "10000"))
max_requests_jitter = max_requests // 10


def pre_fork(server, worker):
    """No database or cache connection may be shared between processes: the master closes
    any that loading the app opened (it never serves a request itself)."""
    from django.core.cache import caches
    from django.db import connections

    connections.close_all()
    caches.close_all()


# Only nginx on this machine may tell us the request came over HTTPS, and only through the
# one header nginx always overwrites (site/deploy/nginx/boardhub.conf).
forwarded_allow_ips = "127.0.0.1,::1"
secure_scheme_headers = {"X-FORWARDED-PROTO": "https"}

# Logs go to stdout and stderr, which systemd's journal keeps.
accesslog = "-"
errorlog = "-"
loglevel = "info"
# Client address (from nginx), time, request line, status, size, referrer, user agent, duration.
access_log_format = (
    '%({x-forwarded-for}i)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(M)sms'
)

# gunicornc's control socket, in the RuntimeDirectory systemd makes for the service: the
# default ($HOME/.gunicorn/) is read-only under ProtectSystem=strict.
if os.environ.get("RUNTIME_DIRECTORY"):
    control_socket = os.path.join(os.environ["RUNTIME_DIRECTORY"].split(":")[0], "gunicorn.ctl")

proc_name = "boardhub"
