"""Knowledge checks: graded on the server, recorded once per attempt, feedback shown without JS."""

import uuid

import pytest
from django.urls import reverse

from courses.models import ActivityProgress, ModuleCompletion, Statement

from .factories import check_block, module_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def check_module(course):
    return module_page(course, slug="check", blocks=[check_block("kc")])


def submit(client, module, answers, attempt=None):
    data = {"attempt_id": str(attempt or uuid.uuid4())}
    data.update({f"q{i}": str(a) for i, a in enumerate(answers)})
    return client.post(reverse("courses:knowledge_check", args=[module.pk, "kc"]), data)


def test_right_answers_pass_and_complete_the_module(
    client_for, participant, enrolled, check_module
):
    client = client_for(participant.user)
    response = submit(client, check_module, [0, 1])
    assert response.status_code == 302
    statement = Statement.objects.get()
    assert (statement.score_raw, statement.score_max, statement.score_scaled) == (2, 2, 1)
    assert ModuleCompletion.objects.filter(module=check_module, participant=participant).exists()
    page = client.get(check_module.url)
    assert "You got 2 of 2 right." in page.content.decode()
    assert "Yes, always." in page.content.decode()


def test_wrong_answer_shows_its_feedback_and_does_not_complete(
    client_for, participant, enrolled, check_module
):
    client = client_for(participant.user)
    submit(client, check_module, [1, 1])
    assert not ModuleCompletion.objects.exists()
    assert not ActivityProgress.objects.get().completed
    page = client.get(check_module.url).content.decode()
    assert "A cap does not protect you." in page
    assert "Last try: 1 of 2 right." in page


def test_same_attempt_twice_is_recorded_once(client_for, participant, enrolled, check_module):
    client = client_for(participant.user)
    attempt = uuid.uuid4()
    submit(client, check_module, [1, 1], attempt)
    submit(client, check_module, [0, 1], attempt)
    assert Statement.objects.count() == 1
    assert ActivityProgress.objects.get().attempts == 1


def test_unanswered_question_is_a_clear_error(client_for, participant, enrolled, check_module):
    client = client_for(participant.user)
    response = submit(client, check_module, [0])
    assert not Statement.objects.exists()
    page = client.get(response.url).content.decode()
    assert "Please answer question 2." in page
    assert 'name="q0" value="0" required checked' in page  # the answer given is kept
    assert 'name="q0" value="1" required >' in page


def test_out_of_range_answer_is_refused(client_for, participant, enrolled, check_module):
    submit(client_for(participant.user), check_module, [0, 7])
    assert not Statement.objects.exists()


def test_not_enrolled_cannot_answer(client_for, participant, check_module):
    submit(client_for(participant.user), check_module, [0, 1])
    assert not Statement.objects.exists()


def test_staff_cannot_answer(client_for, case_manager, check_module):
    response = submit(client_for(case_manager), check_module, [0, 1])
    assert response.status_code == 403
