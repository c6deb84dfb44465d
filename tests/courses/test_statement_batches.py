"""A batch of statements per request: each checked and answered, stored once, constant queries."""

import json

import pytest
from django.db import IntegrityError

from courses import statement_batches
from courses.models import ActivityProgress, ModuleCompletion, Statement
from tests.courses.test_statements import URL, statement

pytestmark = pytest.mark.django_db


def send(client, module, items):
    body = {"module": module.pk, "statements": items}
    return client.post(URL, json.dumps(body), content_type="application/json")


def items(*bodies, activity="quiz-1"):
    return [{"activity": activity, "statement": body} for body in bodies]


def test_a_batch_is_stored_once_and_a_retry_changes_nothing(
    client_for, participant, enrolled, h5p_module
):
    client = client_for(participant.user)
    batch = items(statement(raw=0, max_=2), statement(raw=1, max_=2), statement(raw=2, max_=2))
    response = send(client, h5p_module, batch)
    assert response.status_code == 200
    assert [r["stored"] for r in response.json()["results"]] == [True, True, True]
    progress = ActivityProgress.objects.get(participant=participant, activity_key="quiz-1")
    assert progress.attempts == 3 and progress.best_scaled == 1 and progress.completed
    assert ModuleCompletion.objects.filter(participant=participant, module=h5p_module).exists()
    again = send(client, h5p_module, batch)
    assert [r["stored"] for r in again.json()["results"]] == [False, False, False]
    assert Statement.objects.count() == 3
    progress.refresh_from_db()
    assert progress.attempts == 3


def test_each_statement_gets_its_own_answer(
    client_for, participant, other_participant, enrolled, h5p_module
):
    client = client_for(participant.user)
    good, twice = statement(), statement()
    taken = statement()
    Statement.objects.create(
        statement_id=taken["id"], participant=other_participant, module=h5p_module,
        activity_key="quiz-1", kind="h5p", verb="answered", payload={},
    )  # fmt: skip
    batch = [
        *items(good, twice, twice),
        *items(statement(raw=5, max_=2)),
        *items(statement(), activity="nope"),
        {"statement": "not an object"},
        7,
        *items(taken),
    ]
    results = send(client, h5p_module, batch).json()["results"]
    assert [r.get("stored") for r in results[:3]] == [True, True, False]
    assert [r.get("error") for r in results[3:]] == [
        "score_out_of_bounds", "unknown_activity", "bad_statement", "bad_item", "duplicate_id",
    ]  # fmt: skip
    assert all(r["message"] for r in results[3:])
    assert Statement.objects.filter(participant=participant).count() == 2


@pytest.mark.parametrize("size", [0, 51])
def test_a_batch_is_between_one_and_fifty(client_for, participant, enrolled, h5p_module, size):
    response = send(client_for(participant.user), h5p_module, items(*[statement()] * size))
    assert response.status_code == 400
    assert response.json()["error"] == "bad_batch"


def test_not_enrolled_is_refused_whole(client_for, other_participant, h5p_module):
    response = send(client_for(other_participant.user), h5p_module, items(statement()))
    assert response.status_code == 403


def test_queries_do_not_grow_with_the_batch(
    client_for, participant, enrolled, h5p_module, django_assert_max_num_queries
):
    client = client_for(participant.user)
    send(client, h5p_module, items(statement(raw=0)))  # first progress row exists
    with django_assert_max_num_queries(16):
        response = send(client, h5p_module, items(*[statement(raw=0) for _ in range(40)]))
    assert all(r["stored"] for r in response.json()["results"])


def test_a_race_on_the_same_ids_falls_back_to_one_by_one(
    client_for, participant, enrolled, h5p_module, monkeypatch
):
    def lost_race(*args):
        raise IntegrityError("another request stored one of these ids")

    monkeypatch.setattr(statement_batches, "_store_together", lost_race)
    batch = items(statement(raw=1), statement(raw=0))
    results = send(client_for(participant.user), h5p_module, batch).json()["results"]
    assert [r["stored"] for r in results] == [True, True]
    assert ActivityProgress.objects.get(participant=participant).attempts == 2
