"""The hostile inputs found against PostgreSQL: each gets a specific 400 (or a row error) and
nothing already saved is lost. Run on SQLite and, in CI, on PostgreSQL, which refuses NUL."""

import json
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cbi_curriculum.models import Attendance
from courses.models import Statement
from lms.inputs import BadInput, read_json
from lms.stipends.timesheet_import import timesheets_check
from tests.courses.test_statements import post, statement
from tests.hostile.json_paths import leaf_paths, replaced

pytestmark = pytest.mark.django_db

STATEMENTS = reverse("courses:statements")


# --- the JSON reader ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body, code",
    [
        (b'{"a": "x\\u0000y"}', "nul_character"),
        (b'{"a\\u0000": 1}', "nul_character"),
        (b"[" * 100_000 + b"]" * 100_000, "too_deep"),
        (b'{"a":' + b"[" * 100_000 + b"]" * 100_000 + b"}", "too_deep"),
        (b'{"a": ' + b"[" * 25 + b"]" * 25 + b"}", "too_deep"),
        (b'{"a": 1e999999}', "bad_number"),
        (b'{"a": NaN}', "bad_number"),
        (b'{"a": 123456789012345678901234567890}', "bad_number"),
        (b'{"a": "\xff"}', "bad_json"),
        (b"{" + b" " * 1_000_000 + b"}", "too_large"),
    ],
)
def test_the_json_reader_refuses_what_cannot_be_stored_or_parsed(body, code):
    with pytest.raises(BadInput) as caught:
        read_json(body, max_bytes=1_000_000)
    assert caught.value.code == code
    assert caught.value.messages[0]


def test_the_json_reader_accepts_ordinary_statements():
    data = read_json(json.dumps({"n": 3, "f": 0.5, "s": "é", "l": [[1]]}).encode(), max_bytes=99)
    assert data == {"n": 3, "f": 0.5, "s": "é", "l": [[1]]}


# --- xAPI statements -------------------------------------------------------------------------


def test_a_nul_in_a_statement_is_refused_and_the_saved_ones_stay(
    client_for, participant, enrolled, h5p_module
):
    client = client_for(participant.user)
    assert post(client, h5p_module, statement()).status_code == 201
    bad = statement(object={"id": "http://example.org/x", "definition": {"name": {"en": "a\x00"}}})
    response = post(client, h5p_module, bad)
    assert response.status_code == 400
    assert response.json()["error"] == "nul_character"
    assert Statement.objects.count() == 1


def test_a_nested_bracket_bomb_is_refused_as_json(client_for, participant, enrolled):
    body = b'{"statement": ' + b"[" * 200_000 + b"]" * 200_000 + b"}"
    response = client_for(participant.user).post(STATEMENTS, body, "application/json")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")


# --- attendance from the runner --------------------------------------------------------------


def attendance_url(session):
    return reverse("cbi_curriculum:attendance_save", args=[session.pk])


def mark(person, **extra):
    return {
        "participant": person.pk,
        "status": "present",
        "mark_id": str(uuid.uuid4()),
    } | extra


@pytest.mark.parametrize(
    "extra, message",
    [
        ({"marked_at": "2026-02-30T10:00:00"}, "not a real date"),
        ({"note": "late \x00 bus"}, "NUL"),
        ({"arrived_at": "25:99", "status": "late"}, "hours and minutes"),
        ({"minutes": "1e999999"}, "whole number"),
        ({"participant": 2**63}, "out of range"),
        ({"participant": 2**40}, "not on"),  # beyond PostgreSQL integer: no match, no error
    ],
)
def test_an_impossible_mark_is_refused_for_good_and_earlier_marks_stay(
    client_for, facilitator, open_session, member, participant, extra, message
):
    client = client_for(facilitator)
    url = attendance_url(open_session)
    good = client.post(url, json.dumps(mark(participant)), "application/json")
    assert good.status_code == 200
    response = client.post(url, json.dumps(mark(participant, **extra)), "application/json")
    assert response.status_code == 400 or response.status_code == 422, response.content
    assert message in response.json()["error"] + response.json().get("message", "")
    assert Attendance.objects.get(session=open_session, participant=participant).status == "present"


def test_a_nul_in_a_form_field_is_refused_site_wide(client_for, facilitator, open_session, member):
    response = client_for(facilitator).post(
        attendance_url(open_session), {"participant": member.pk, "note": "a\x00"}
    )
    assert response.status_code == 400
    assert "NUL" in response.content.decode()


def test_a_nul_in_a_query_or_path_is_refused(client):
    assert client.get("/credentials/verify/?q=%00").status_code == 400
    assert client.get("/credentials/c/abc%00def").status_code == 400


# --- the public verifier ---------------------------------------------------------------------


def verify(client, content: bytes):
    upload = SimpleUploadedFile("credential.json", content, content_type="application/json")
    return client.post(reverse("credentials:verify"), {"file": upload})


def test_the_verifier_refuses_a_bracket_bomb(client):
    response = verify(client, b"[" * 100_000 + b"]" * 100_000)
    assert response.status_code == 400
    assert "nested too deeply" in response.content.decode()


@pytest.mark.parametrize("kind", [5, {"a": 1}, "VerifiableCredential", [1, 2], None])
def test_the_verifier_answers_any_type_plainly(client, kind):
    document = {"@context": [], "type": kind, "proof": {"type": 3}, "validFrom": {"x": 1}}
    response = verify(client, json.dumps(document).encode())
    assert response.status_code == 200
    assert (
        'data-status="invalid"' in response.content.decode() or "not" in response.content.decode()
    )


@pytest.mark.parametrize(
    "document",
    [
        {"type": ["VerifiableCredential", "OpenBadgeCredential"], "proof": 5},
        {"type": ["VerifiableCredential", "OpenBadgeCredential"], "proof": {"type": {}}},
        {"type": ["VerifiableCredential", "OpenBadgeCredential"], "issuer": [], "proof": []},
    ],
)
def test_the_verifier_survives_odd_shapes(client, document):
    assert verify(client, json.dumps(document).encode()).status_code == 200


# --- the timesheet import --------------------------------------------------------------------

HEADER = "participant_id,week_start,mon,tue,wed,thu,fri,sat,sun\n"


@pytest.mark.parametrize("value", ["1e999999", "1e200000", "1E5", "8,5", "٨", "Infinity", "NaN"])
def test_numbers_that_are_not_hours_are_row_errors(case_manager, participant, value):
    content = f'{HEADER}{participant.pk},2026-02-02,"{value}",,,,,,\n'.encode()
    report = timesheets_check(actor=case_manager, content=content)
    (row,) = report.error_rows
    assert any("is not a number of hours" in error for error in row.errors)


def test_a_cell_over_the_csv_limit_is_a_file_error(case_manager, participant):
    content = f'{HEADER}{participant.pk},2026-02-02,"{"8" * (128 * 1024 + 1)}",,,,,,\n'.encode()
    report = timesheets_check(actor=case_manager, content=content)
    assert report.has_errors
    assert "cannot be read" in " ".join(report.file_errors)


def test_the_import_page_reports_a_hostile_file_without_a_server_error(
    client_for, case_manager, participant
):
    content = f"{HEADER}{participant.pk},2026-02-02,1e200000,,,,,,\n".encode()
    upload = SimpleUploadedFile("t.csv", content, content_type="text/csv")
    response = client_for(case_manager).post(reverse("stipends:timesheet_import"), {"file": upload})
    assert response.status_code in (200, 400)
    assert "is not a number of hours" in response.content.decode()


# --- every value of a real request, in every shape --------------------------------------------

SHAPES = [0, -1, 2**53 + 1, 1.5, True, None, "", "x" * 5000, [], [1, [2]], {}, {"id": 5}]


def test_a_statement_with_any_value_of_any_shape_gets_an_answer_not_an_error(
    client_for, participant, enrolled, h5p_module
):
    client = client_for(participant.user)
    request = {"module": h5p_module.pk, "activity": "quiz-1", "statement": statement()}
    for path in leaf_paths(request):
        for shape in SHAPES:
            body = json.dumps(replaced(request, path, shape))
            response = client.post(STATEMENTS, body, "application/json")
            assert response.status_code < 500, (path, shape)
            assert response["Content-Type"].startswith("application/json"), (path, shape)


def test_a_mark_with_any_value_of_any_shape_gets_an_answer_not_an_error(
    client_for, facilitator, open_session, member, participant
):
    client = client_for(facilitator)
    url = attendance_url(open_session)
    request = mark(participant, arrived_at="10:15", marked_at="2026-03-02T10:00:00", note="x")
    for path in leaf_paths(request):
        for shape in SHAPES:
            response = client.post(
                url, json.dumps(replaced(request, path, shape)), "application/json"
            )
            assert response.status_code < 500, (path, shape)
