"""The people `make bench` sends at BoardHub, for locust (https://locust.io), run headless by
bench.py. Not a test module: pytest collects test_*.py only.

bench.py chooses the user classes on locust's command line and tells them what to do through
the environment:

    BENCH_TARGETS    the JSON file load_bench_data wrote: the pages and the answers to send
    BENCH_PATH       the page a Reader reads, or a MemberReader reads signed in
    BENCH_NAME       the name those requests are reported under
    BENCH_SESSIONS   a JSON list of session keys of the signed-in member, one per user
    BENCH_OFFICER_SESSIONS
                     the same for the demo officer (signed in, past two-factor), for Recorders
    BENCH_JOURNEYS   how many journeys the Senders make between them, then stop (0: no limit)
    BENCH_SENDERS, BENCH_READERS
                     how many Senders and PageMix readers to start (else locust shares the
                     users out evenly between the classes named)
    BENCH_OUTPUT     where to write the results as JSON when locust stops

Every request says it came over HTTPS and from its own visitor's address, as nginx in front of
gunicorn would tell it (X-Forwarded-Proto and X-Forwarded-For, which nginx overwrites), so none
is redirected and the per-address limits on anonymous answers count each journey as the
different person it stands for. Only the setup requests of a journey are reported as "setup"
and left out of the results.
"""

import itertools
import json
import os
import random
import re
from http.cookiejar import Cookie, DefaultCookiePolicy
from pathlib import Path
from urllib.parse import urlsplit

import gevent
from locust import FastHttpUser, constant, events, task
from locust.exception import StopUser

TARGETS = json.loads(Path(os.environ["BENCH_TARGETS"]).read_text())
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
IDEMPOTENCY_INPUT = re.compile(r'name="idempotency_key" value="([^"]+)"')
RECORD_KEY_INPUT = re.compile(r'name="record-key" value="([^"]+)"')
REFERENCE = re.compile(r"\bBH-[0-9A-Z-]+")
SETUP = "setup"
ANSWERS = "feedback POST: answers form"
SEND = "feedback POST: send answers"
RECORD = "feedback POST: record a response (admin)"
TELL_US = "feedback POST: Tell us"
# Production's name for the session cookie (boardhub/settings/production.py).
SESSION_COOKIE = "__Host-sessionid"

# Visitors' addresses in 10.0.0.0/8, each different, from a random start so that runs one after
# another are different people too (anonymous answers are limited per address).
ADDRESSES = (
    f"10.{n >> 16 & 255}.{n >> 8 & 255}.{n & 255}"
    for n in itertools.count(random.randrange(1, 1 << 23))
)
# What the Senders were told, in the order they heard it: the references of the responses
# they were told were stored, and anything else they saw.
CONFIRMATIONS = []
SEND_FAILURES = []
JOURNEYS_STARTED = itertools.count()
SENDERS = {"started": 0, "finished": 0}


def set_session_cookie(client, host, session):
    """Put an officer's session in the user's cookie jar, as their browser would hold it."""
    client.cookiejar.set_cookie(
        Cookie(
            version=0,
            name=SESSION_COOKIE,
            value=session,
            port=None,
            port_specified=False,
            domain=urlsplit(host).hostname,
            domain_specified=False,
            domain_initial_dot=False,
            path="/",
            path_specified=True,
            secure=True,
            expires=None,
            discard=True,
            comment=None,
            comment_url=None,
            rest={},
        )
    )


class BehindNginxPolicy(DefaultCookiePolicy):
    """Send the secure cookies back: nginx takes HTTPS in production; here the requests go
    straight to gunicorn over plain HTTP and only say they came over HTTPS."""

    def return_ok_secure(self, cookie, request):
        return True


class Visitor(FastHttpUser):
    """Someone with a browser of their own: cookies, and an address of their own."""

    abstract = True
    wait_time = constant(0)  # a closed loop: the next request as soon as the last is answered

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.client.cookiejar.set_policy(BehindNginxPolicy())
        self.address = next(ADDRESSES)

    def headers(self, path, form=False):
        headers = {"X-Forwarded-Proto": "https", "X-Forwarded-For": self.address}
        if form:
            origin = "https://" + self.host.split("://", 1)[1]
            headers.update({"Origin": origin, "Referer": origin + path})
        return headers

    def get(self, path, name):
        return self.client.get(path, headers=self.headers(path), name=name)

    def post(self, path, data, name):
        return self.client.post(
            path, data=data, headers=self.headers(path, form=True), name=name, allow_redirects=False
        )


class Reader(Visitor):
    """Reads one page (BENCH_PATH) over and over, anonymously."""

    @task
    def read(self):
        self.get(os.environ["BENCH_PATH"], os.environ["BENCH_NAME"])


class MemberReader(Visitor):
    """Reads one page (BENCH_PATH) over and over, signed in as the demo member. Each user has
    a session of its own (BENCH_SESSIONS), made by bench.py, as each person would."""

    sessions = iter(json.loads(os.environ.get("BENCH_SESSIONS", "[]")))

    def on_start(self):
        # Production's name for the session cookie (boardhub/settings/production.py).
        self.cookie = f"__Host-sessionid={next(self.sessions)}"

    @task
    def read(self):
        path = os.environ["BENCH_PATH"]
        headers = {**self.headers(path), "Cookie": self.cookie}
        with self.client.get(
            path, headers=headers, name=os.environ["BENCH_NAME"], catch_response=True
        ) as response:
            if "Sign out" not in response.text:
                response.failure("not signed in")


class OfficerReader(Visitor):
    """Reads one admin page (BENCH_PATH) over and over, as the demo officer in a session of
    its own (BENCH_OFFICER_SESSIONS), as Recorder signs in."""

    sessions = iter(json.loads(os.environ.get("BENCH_OFFICER_SESSIONS", "[]")))

    def on_start(self):
        set_session_cookie(self.client, self.host, next(self.sessions))

    @task
    def read(self):
        with self.client.get(
            os.environ["BENCH_PATH"],
            headers=self.headers(os.environ["BENCH_PATH"]),
            name=os.environ["BENCH_NAME"],
            catch_response=True,
            allow_redirects=False,
        ) as response:
            if response.status_code != 200:
                response.failure(f"answered {response.status_code}")


class AnswersPoster(Visitor):
    """Posts the consultation's answers form, which keeps the answers and goes on to "Check
    your answers" (a 302). The same person, over and over."""

    def on_start(self):
        page = self.get(TARGETS["consultation"], SETUP)
        self.form = {"csrfmiddlewaretoken": CSRF_INPUT.search(page.text)[1], **TARGETS["answers"]}

    @task
    def post_answers(self):
        with self.client.post(
            TARGETS["consultation"],
            data=self.form,
            headers=self.headers(TARGETS["consultation"], form=True),
            name=ANSWERS,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302 or "check-your-answers" not in response.headers.get(
                "Location", ""
            ):
                response.failure(f"answers not kept: {response.status_code}")


class Sender(Visitor):
    """A new person each time: reads the consultation, answers, checks, and sends. Only
    "Send my answers" is reported; a response counts as confirmed when the page after it
    gives its reference. Stops once BENCH_JOURNEYS journeys have started, so that no journey
    is cut off half way."""

    fixed_count = int(os.environ.get("BENCH_SENDERS", "0"))

    def on_start(self):
        SENDERS["started"] += 1

    @task
    def journey(self):
        limit = int(os.environ.get("BENCH_JOURNEYS", "0"))
        if limit and next(JOURNEYS_STARTED) >= limit:
            SENDERS["finished"] += 1
            raise StopUser
        self.address = next(ADDRESSES)
        self.client.cookiejar.clear()
        page = TARGETS["consultation"]
        check = page + "check-your-answers/"
        token = CSRF_INPUT.search(self.get(page, SETUP).text)[1]
        answers = {"csrfmiddlewaretoken": token, **TARGETS["answers"]}
        self.post(page, answers, SETUP)
        key = IDEMPOTENCY_INPUT.search(self.get(check, SETUP).text)
        if key is None:
            SEND_FAILURES.append("no idempotency key on Check your answers")
            return
        send = {"csrfmiddlewaretoken": token, "idempotency_key": key[1]}
        with self.client.post(
            check,
            data=send,
            headers=self.headers(check, form=True),
            name=SEND,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            reference = REFERENCE.search(response.text or "")
            if response.status_code == 200 and reference:
                CONFIRMATIONS.append(reference[0])
            else:
                SEND_FAILURES.append(f"{response.status_code} without a reference")
                response.failure(f"not confirmed: {response.status_code}")


class Recorder(Visitor):
    """An officer recording paper forms in the admin, one after another: opens the recording
    form (its own key each time), fills in the consultation's questions and how the response
    was gathered, and saves it, which goes on to "Response recorded" (a 302). Each user is
    the demo officer in a session of their own (BENCH_OFFICER_SESSIONS). Only the save is
    reported."""

    sessions = iter(json.loads(os.environ.get("BENCH_OFFICER_SESSIONS", "[]")))

    def on_start(self):
        set_session_cookie(self.client, self.host, next(self.sessions))

    @task
    def record(self):
        path = TARGETS["record_response"]
        page = self.get(path, SETUP).text or ""
        token, key = CSRF_INPUT.search(page), RECORD_KEY_INPUT.search(page)
        if token is None or key is None:
            SEND_FAILURES.append("no recording form (not signed in?)")
            return
        data = {
            "csrfmiddlewaretoken": token[1],
            **TARGETS["record_answers"],
            "record-key": key[1],
        }
        with self.client.post(
            path,
            data=data,
            headers=self.headers(path, form=True),
            name=RECORD,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302 or "/recorded/" not in response.headers.get(
                "Location", ""
            ):
                response.failure(f"not recorded: {response.status_code}")


class TellUsSender(Visitor):
    """A new visitor each time: opens "Tell us" and sends it (a concern about a service,
    asking for a text message back). The page after it gives the reference. Only the send
    is reported."""

    @task
    def send(self):
        self.address = next(ADDRESSES)
        self.client.cookiejar.clear()
        path = TARGETS["tell_us"]
        page = self.get(path, SETUP).text or ""
        token, key = CSRF_INPUT.search(page), IDEMPOTENCY_INPUT.search(page)
        if token is None or key is None:
            SEND_FAILURES.append("no Tell us form")
            return
        data = {
            "csrfmiddlewaretoken": token[1],
            **TARGETS["tell_us_answers"],
            "idempotency_key": key[1],
        }
        with self.client.post(
            path,
            data=data,
            headers=self.headers(path, form=True),
            name=TELL_US,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 200 or not REFERENCE.search(response.text or ""):
                response.failure(f"not confirmed: {response.status_code}")


class PageMix(Visitor):
    """Reads every public page in turn, anonymously: the reading beside the Senders."""

    fixed_count = int(os.environ.get("BENCH_READERS", "0"))

    def on_start(self):
        keys = ("home", "index", "consultation", "you_said_we_did", "service", "guide")
        self.pages = itertools.cycle([TARGETS[key] for key in keys])

    @task
    def read(self):
        self.get(next(self.pages), "reading")


@events.test_start.add_listener
def stop_when_the_senders_are_done(environment, **kwargs):
    """With BENCH_JOURNEYS, end the run once every Sender has stopped (the readers with it)."""
    if not int(os.environ.get("BENCH_JOURNEYS", "0")):
        return

    def watch():
        while not SENDERS["started"] or SENDERS["finished"] < SENDERS["started"]:
            gevent.sleep(0.2)
        environment.runner.quit()

    gevent.spawn(watch)


@events.quitting.add_listener
def write_results(environment, **kwargs):
    """Each request name's figures, and what the Senders were told, to BENCH_OUTPUT."""
    stats = environment.stats
    results = {
        "requests": [
            {
                "name": entry.name,
                "method": entry.method,
                "requests": entry.num_requests,
                "failures": entry.num_failures,
                "requests_per_second": round(entry.total_rps, 1),
                "median_ms": entry.median_response_time,
                "p95_ms": entry.get_response_time_percentile(0.95),
                "p99_ms": entry.get_response_time_percentile(0.99),
                "average_bytes": round(entry.avg_content_length),
            }
            for entry in stats.entries.values()
            if entry.name != SETUP and entry.num_requests
        ],
        "setup_failures": sum(
            entry.num_failures for entry in stats.entries.values() if entry.name == SETUP
        ),
        "errors": [
            f"{error.name}: {error.error} ({error.occurrences})" for error in stats.errors.values()
        ],
        "confirmations": CONFIRMATIONS,
        "send_failures": SEND_FAILURES,
    }
    Path(os.environ["BENCH_OUTPUT"]).write_text(json.dumps(results, indent=2))
