"""`manage.py load_bench_data`: the demo site topped up to the numbers `make bench` asks for,
and the pages it measures."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from boardhub.consultations.models import ConsultationPage, Feedback
from boardhub.easyread.models import EasyReadGuidePage
from boardhub.impact.models import ChangeFeedbackLink, ChangeRecord
from boardhub.members.models import User
from boardhub.services.models import Service

pytestmark = pytest.mark.django_db

# Small numbers, each above what the demo site has on its own.
WANTED = {
    "consultations": 8,
    "guides": 5,
    "members": 80,
    "responses": 200,
    "services": 6,
    "changes": 10,
    "links": 80,
}


def load_bench_data(targets):
    options = [f"--{name}={number}" for name, number in WANTED.items()]
    call_command("load_bench_data", *options, f"--targets={targets}", stdout=StringIO())


def counts():
    return {
        "consultations": ConsultationPage.objects.live().count(),
        "guides": EasyReadGuidePage.objects.live().count(),
        "members": User.objects.count(),
        "responses": Feedback.objects.count(),
        "services": Service.objects.count(),
        "changes": ChangeRecord.objects.published().count(),
        "links": ChangeFeedbackLink.objects.count(),
    }


def test_it_tops_up_to_the_numbers_asked_for_and_a_second_run_adds_nothing(tmp_path):
    load_bench_data(tmp_path / "targets.json")
    assert counts() == WANTED

    load_bench_data(tmp_path / "targets.json")
    assert counts() == WANTED


def test_every_page_the_benchmark_measures_answers(client, tmp_path):
    load_bench_data(tmp_path / "targets.json")
    targets = json.loads((tmp_path / "targets.json").read_text())

    public = ["home", "index", "consultation", "you_said_we_did", "you_said_we_did_filtered"]
    public += ["service", "guide", "open_data_csv", "open_data_json"]
    for name in public:
        assert client.get(targets[name]).status_code == 200, (name, targets[name])

    # The answers it gives are ones the form keeps: on to "Check your answers".
    response = client.post(targets["consultation"], targets["answers"])
    assert response.status_code == 302
    assert response["Location"].endswith(targets["consultation"] + "check-your-answers/")

    member = User.objects.get(email=targets["member"]["email"])
    assert member.check_password(targets["member"]["password"])
    client.force_login(member)
    assert client.get(targets["feedback_history"]).status_code == 200
