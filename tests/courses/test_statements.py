"""The statement endpoint: the participant's own, bounded, enrolled, and stored once."""

import json
import uuid

import pytest
from django.urls import reverse

from courses.models import ActivityProgress, Enrollment, ModuleCompletion, Statement
from courses.xapi import participant_actor
from lms import events

from .factories import (
    check_block,
    course_page,
    h5p_block,
    module_page,
)

pytestmark = pytest.mark.django_db
URL = reverse("courses:statements")
ANSWERED = "http://adlnet.gov/expapi/verbs/answered"


def statement(raw=1, max_=1, verb=ANSWERED, **extra):
    body = {
        "id": str(uuid.uuid4()),
        "verb": {"id": verb},
        "object": {"id": "http://example.org/x"},
        "result": {
            "score": {"raw": raw, "max": max_, "min": 0},
            "success": raw == max_,
            "completion": True,
        },
    }
    body.update(extra)
    return body


def post(client, module, body, activity="quiz-1"):
    return client.post(
        URL,
        json.dumps({"module": module.pk, "activity": activity, "statement": body}),
        content_type="application/json",
    )


def test_a_passing_statement_is_stored_with_the_participant_as_actor(
    client_for, participant, enrolled, h5p_module
):
    body = statement(actor=None)
    response = post(client_for(participant.user), h5p_module, body)
    assert response.status_code == 201, response.json()
    stored = Statement.objects.get()
    assert stored.participant == participant
    assert str(stored.statement_id) == body["id"]
    assert stored.payload["actor"] == participant_actor(participant)
    assert stored.score_scaled == 1
    progress = ActivityProgress.objects.get()
    assert progress.completed and progress.best_scaled == 1


def test_repeated_statement_id_changes_nothing(client_for, participant, enrolled, h5p_module):
    client = client_for(participant.user)
    body = statement(raw=0)
    assert post(client, h5p_module, body).status_code == 201
    again = post(client, h5p_module, {**body, "result": {"score": {"raw": 1, "max": 1}}})
    assert again.status_code == 200
    assert again.json()["stored"] is False
    assert Statement.objects.count() == 1
    progress = ActivityProgress.objects.get()
    assert progress.attempts == 1
    assert progress.best_scaled == 0
    assert not progress.completed


def test_statement_about_another_actor_is_refused(
    client_for, participant, other_participant, enrolled, h5p_module
):
    forged = statement(actor=participant_actor(other_participant))
    response = post(client_for(participant.user), h5p_module, forged)
    assert response.status_code == 400
    assert response.json()["error"] == "forged_actor"
    assert not Statement.objects.exists()


@pytest.mark.parametrize(
    "score, code",
    [
        ({"raw": 5, "max": 3}, "score_out_of_bounds"),
        ({"raw": -1, "max": 3}, "score_out_of_bounds"),
        ({"raw": 1, "max": 0}, "bad_score"),
        ({"scaled": 1.5}, "score_out_of_bounds"),
        ({"raw": "NaN", "max": 1}, "bad_score"),
        ({"raw": True, "max": 1}, "bad_score"),
    ],
)
def test_score_outside_its_bounds_is_refused(
    client_for, participant, enrolled, h5p_module, score, code
):
    body = statement()
    body["result"]["score"] = score
    response = post(client_for(participant.user), h5p_module, body)
    assert response.status_code == 400
    assert response.json()["error"] == code
    assert not Statement.objects.exists()


def test_activity_in_a_course_they_are_not_enrolled_in_is_refused(
    client_for, participant, h5p_module
):
    response = post(client_for(participant.user), h5p_module, statement())
    assert response.status_code == 403
    assert response.json()["error"] == "not_enrolled"
    assert not Statement.objects.exists()


def test_activity_not_in_the_module_is_refused(client_for, participant, enrolled, h5p_module):
    response = post(client_for(participant.user), h5p_module, statement(), activity="other")
    assert response.status_code == 400
    assert response.json()["error"] == "unknown_activity"


def test_unknown_verb_and_missing_id_are_refused(client_for, participant, enrolled, h5p_module):
    client = client_for(participant.user)
    bad_verb = statement(verb="http://example.org/verbs/hacked")
    assert post(client, h5p_module, bad_verb).json()["error"] == "bad_verb"
    no_id = statement()
    del no_id["id"]
    assert post(client, h5p_module, no_id).json()["error"] == "bad_id"
    assert not Statement.objects.exists()


def test_statement_id_of_another_participant_is_refused(
    client_for, participant, other_participant, course, h5p_module
):
    from courses.services import enrollment_create

    enrollment_create(participant=participant, course=course)
    enrollment_create(participant=other_participant, course=course)
    body = statement()
    assert post(client_for(participant.user), h5p_module, body).status_code == 201
    response = post(client_for(other_participant.user), h5p_module, body)
    assert response.status_code == 400
    assert response.json()["error"] == "duplicate_id"


def test_staff_and_anonymous_cannot_post_statements(client, client_for, case_manager, h5p_module):
    assert post(client, h5p_module, statement()).status_code == 403
    assert post(client_for(case_manager), h5p_module, statement()).status_code == 403


def test_csrf_is_required(participant, enrolled, h5p_module):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(participant.user)
    assert post(client, h5p_module, statement()).status_code == 403
    assert not Statement.objects.exists()


def test_not_json_is_a_clear_error(client_for, participant, enrolled):
    response = client_for(participant.user).post(URL, "nope", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"] == "bad_json"


def test_low_score_does_not_complete_but_a_later_pass_does(
    client_for, participant, enrolled, h5p_module, django_capture_on_commit_callbacks, event_log
):
    client = client_for(participant.user)
    received = event_log(events.module_completed, events.course_completed)
    with django_capture_on_commit_callbacks(execute=True):
        post(client, h5p_module, statement(raw=1, max_=2))
    assert not ModuleCompletion.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        post(client, h5p_module, statement(raw=2, max_=2))
    assert ModuleCompletion.objects.filter(participant=participant, module=h5p_module).exists()
    assert Enrollment.objects.get().completed_on is not None
    names = [name for name, _ in received]
    assert names == ["module_completed", "course_completed"]
    assert received[0][1]["participant"] == participant
    assert received[0][1]["module"].pk == h5p_module.pk
    assert received[1][1]["course"].pk == enrolled.course_id


def test_course_needs_every_module(client_for, participant, enrolled, course, h5p_module):
    module_page(course, slug="second", blocks=[check_block("check-2")])
    post(client_for(participant.user), h5p_module, statement())
    assert ModuleCompletion.objects.count() == 1
    enrolled.refresh_from_db()
    assert enrolled.completed_on is None


def test_interaction_completes_an_unscored_activity(client_for, participant, package):
    from courses.services import enrollment_create

    course = course_page(slug="reading")
    module = module_page(course, blocks=[h5p_block(package, "read", completion="interact")])
    enrollment_create(participant=participant, course=course)
    body = statement(verb="http://adlnet.gov/expapi/verbs/interacted")
    del body["result"]
    response = post(client_for(participant.user), module, body, activity="read")
    assert response.status_code == 201
    assert ModuleCompletion.objects.filter(module=module).exists()


def test_statements_are_append_only(client_for, participant, enrolled, h5p_module):
    from lms.append_only import AppendOnlyError

    post(client_for(participant.user), h5p_module, statement())
    row = Statement.objects.get()
    with pytest.raises(AppendOnlyError):
        row.save()
    with pytest.raises(AppendOnlyError):
        Statement.objects.all().delete()


def test_statement_about_a_sub_question_is_refused(client_for, participant, enrolled, h5p_module):
    body = statement()
    body["object"]["definition"] = {"extensions": {"http://h5p.org/x-api/h5p-subContentId": "abc"}}
    response = post(client_for(participant.user), h5p_module, body)
    assert response.status_code == 400
    assert response.json()["error"] == "sub_content"
    assert not Statement.objects.exists()
