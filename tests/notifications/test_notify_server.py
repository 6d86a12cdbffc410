"""The local Notify test server refuses what Notify refuses, so the other tests mean something."""

import time
import uuid

import jwt
import pytest
import requests
from notifications_python_client.errors import HTTPError
from notifications_python_client.notifications import NotificationsAPIClient

from tests.conftest import NOTIFY_TEMPLATES

TEXT_TEMPLATE = NOTIFY_TEMPLATES["NOTIFY_TEXT_TEMPLATE_ID"][0]
LETTER_TEMPLATE = NOTIFY_TEMPLATES["NOTIFY_LETTER_TEMPLATE_ID"][0]


def post_with_token(server, token):
    return requests.post(
        f"{server.url}/v2/notifications/sms",
        json={"phone_number": "07700900123", "template_id": TEXT_TEMPLATE},
        headers={"Authorization": f"Bearer {token}"},
        timeout=5,
    )


def test_it_accepts_the_official_clients_requests(notify_server):
    api = NotificationsAPIClient(notify_server.api_key, base_url=notify_server.url)
    answer = api.send_sms_notification("07700 900123", TEXT_TEMPLATE, {"body": "Hi"}, "ref-1")
    [request] = notify_server.requests
    assert answer["id"] == request["id"]
    assert request["json"]["reference"] == "ref-1"


@pytest.mark.parametrize(
    "age_seconds, other_secret, other_service",
    [
        pytest.param(60, False, False, id="too-old"),
        pytest.param(0, True, False, id="not-signed-with-the-key"),
        pytest.param(0, False, True, id="another-service"),
    ],
)
def test_it_refuses_tokens_notify_would_refuse(
    notify_server, age_seconds, other_secret, other_service
):
    claims = {
        "iss": str(uuid.uuid4()) if other_service else notify_server.service_id,
        "iat": int(time.time()) - age_seconds,
    }
    secret = str(uuid.uuid4()) if other_secret else notify_server.secret
    token = jwt.encode(claims, secret, algorithm="HS256")
    response = post_with_token(notify_server, token)
    assert response.status_code == 403
    assert response.json()["errors"][0]["error"] == "AuthError"
    assert requests.post(f"{notify_server.url}/v2/notifications/sms", timeout=5).status_code == 403
    assert notify_server.requests == []


@pytest.mark.parametrize(
    "personalisation, message",
    [
        ({"address_line_1": "Sam", "address_line_2": "LA1 1AA"}, "at least 3 lines"),
        (
            {"address_line_1": "Sam", "address_line_2": "1 High St", "address_line_3": "Nowhere"},
            "real UK postcode",
        ),
    ],
)
def test_it_refuses_letters_notify_would_refuse(notify_server, personalisation, message):
    api = NotificationsAPIClient(notify_server.api_key, base_url=notify_server.url)
    with pytest.raises(HTTPError) as refused:
        api.send_letter_notification(LETTER_TEMPLATE, personalisation)
    assert refused.value.status_code == 400
    assert message in str(refused.value.message)


def test_it_refuses_an_unknown_template_and_a_landline(notify_server):
    api = NotificationsAPIClient(notify_server.api_key, base_url=notify_server.url)
    with pytest.raises(HTTPError, match="Template not found"):
        api.send_sms_notification("07700900123", str(uuid.uuid4()))
    with pytest.raises(HTTPError, match="Not a UK mobile number"):
        api.send_sms_notification("01632 960001", TEXT_TEMPLATE)
    assert notify_server.requests == []


def test_it_can_be_told_to_fail(notify_server):
    api = NotificationsAPIClient(notify_server.api_key, base_url=notify_server.url)
    notify_server.fail_next(1, "rate_limit")
    notify_server.fail_next(1, "server_error")
    with pytest.raises(HTTPError) as limited:
        api.send_sms_notification("07700900123", TEXT_TEMPLATE)
    with pytest.raises(HTTPError) as broken:
        api.send_sms_notification("07700900123", TEXT_TEMPLATE)
    api.send_sms_notification("07700900123", TEXT_TEMPLATE)
    assert (limited.value.status_code, broken.value.status_code) == (429, 500)
    assert len(notify_server.requests) == 1
