import pytest

from boardhub.demo.factories import ConsultationIndexPageFactory
from home.models import HomePage

XSS = '<script>alert(1)</script> "><img src=x onerror=alert(1)>'


@pytest.fixture
def home():
    return HomePage.objects.get()


@pytest.fixture
def index(home):
    return ConsultationIndexPageFactory(parent=home, title="Consultations")


@pytest.fixture(autouse=True)
def _empty_cache():
    """The limit on answers from one address lives in the cache."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def check_answers(client, page, answers):
    """Post the answers to the form and follow it to "Check your answers"."""
    response = client.post(page.url, {**answers, "action": "continue"})
    assert response.status_code == 302, response.content.decode()
    return client.get(response["Location"])


def idempotency_key(client, page):
    return client.session["consultation_answers"][str(page.pk)]["key"]


def send_answers(client, page, answers):
    """Answer, check and send: the whole journey, ending on the confirmation page."""
    check_answers(client, page, answers)
    return client.post(
        page.url + "check-your-answers/", {"idempotency_key": idempotency_key(client, page)}
    )
