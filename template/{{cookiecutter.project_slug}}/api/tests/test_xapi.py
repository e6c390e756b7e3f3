"""xAPI 1.0.3: the statements export, and forwarding to a (real, local) LRS."""

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.test import override_settings
from rest_framework.test import APIClient

from learning import services

ADL = "http://adlnet.gov/expapi/verbs/"


@pytest.fixture
def finished(tree, learner):
    """The learner enrolled, read every lesson, failed the quiz once, then passed."""
    services.enrol(learner, tree.course)
    for lesson in tree.lessons:
        services.complete_lesson(learner, lesson)
    services.submit_quiz(learner, tree.quiz_lesson, tree.quiz.id, tree.quiz.wrong)
    services.submit_quiz(learner, tree.quiz_lesson, tree.quiz.id, tree.quiz.right)
    return tree


def export(user, **params):
    client = APIClient()
    client.force_authenticate(user)
    response = client.get("/api/xapi/statements/", params)
    assert response.status_code == 200
    assert response["X-Experience-API-Version"] == "1.0.3"
    return response.json()


def test_statements_use_adl_verbs_and_the_employee_id(finished, learner):
    statements = export(learner)["statements"]
    verbs = [s["verb"]["id"].removeprefix(ADL) for s in statements]
    assert verbs.count("attempted") == 1  # enrolment
    assert verbs.count("failed") == 1 and verbs.count("passed") == 1
    # four lessons and the quiz lesson, then the course itself
    assert verbs.count("completed") == len(finished.lessons) + 2
    for statement in statements:
        assert statement["actor"]["account"]["name"] == "EMP-0042"
        assert statement["version"] == "1.0.3"
    passed = next(s for s in statements if s["verb"]["id"] == ADL + "passed")
    assert passed["result"]["score"]["scaled"] == 1.0
    assert passed["object"]["definition"]["type"].endswith("/assessment")
    assert statements == export(learner)["statements"]  # same ids on every export


def test_learners_export_only_their_own_statements(finished, other_learner):
    assert export(other_learner)["statements"] == []


def test_national_administrators_export_everyone_and_page_with_more(
    finished, other_learner, learner
):
    from organisations.scope import ensure_role_groups

    other_learner.groups.add(ensure_role_groups()[0])
    first = export(other_learner, limit=3)
    assert len(first["statements"]) == 3 and first["more"]
    assert {s["actor"]["account"]["name"] for s in first["statements"]} == {"EMP-0042"}
    everything = export(other_learner, limit=500)["statements"]
    assert len(everything) == 1 + 2 + len(finished.lessons) + 2


class _LRS(BaseHTTPRequestHandler):
    received: list = []

    def do_POST(self):  # http.server's naming
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).received.append(
            (self.path, self.headers["X-Experience-API-Version"], json.loads(body))
        )
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"[]")

    def log_message(self, *args):
        pass


@pytest.fixture
def lrs():
    _LRS.received = []
    server = HTTPServer(("127.0.0.1", 0), _LRS)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/xapi", _LRS.received
    server.shutdown()


def test_learning_events_are_forwarded_to_the_lrs(
    tree, learner, lrs, django_capture_on_commit_callbacks
):
    endpoint, received = lrs
    with (
        override_settings(XAPI_LRS_ENDPOINT=endpoint),
        django_capture_on_commit_callbacks(execute=True),
    ):
        services.enrol(learner, tree.course)
        services.submit_quiz(learner, tree.quiz_lesson, tree.quiz.id, tree.quiz.wrong)
    paths = {path for path, _version, _body in received}
    assert paths == {"/xapi/statements"}
    assert {version for _path, version, _body in received} == {"1.0.3"}
    verbs = [body[0]["verb"]["id"].removeprefix(ADL) for _path, _version, body in received]
    assert verbs == ["attempted", "failed"]


def test_nothing_is_forwarded_without_an_lrs(
    tree, learner, lrs, django_capture_on_commit_callbacks
):
    _endpoint, received = lrs
    with override_settings(XAPI_LRS_ENDPOINT=""), django_capture_on_commit_callbacks(execute=True):
        services.enrol(learner, tree.course)
    assert received == []
