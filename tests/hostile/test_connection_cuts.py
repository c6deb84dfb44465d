"""The database connection cut at every point of the writes that matter leaves nothing
half-written, and the retry that follows is applied exactly once.

Each operation is first run once to count its queries and record the state it leaves. Then,
for each query position (all of them, or an even sample of 40), the connection "drops" at that
query (``OperationalError``, as psycopg raises for a closed connection, before the query
reaches the server); the operation is retried, and retried again; the state must equal the
reference. An operation that is one transaction must leave, right after the cut, either the
state before or the reference (a cut after its commit), never something in between.
"""

from contextlib import contextmanager, suppress
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import OperationalError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from courses import services as course_services
from courses.models import ActivityProgress, Enrollment, ModuleCompletion, Statement
from credentials.models import AwardRequest, Credential
from credentials.services import award_request_approve, award_request_create
from lms.audit.models import AuditEvent
from lms.hours.models import HoursEntry
from lms.stipends import services as stipend_services
from lms.stipends.models import StatementLine, StipendStatement, Timesheet
from lms.stipends.timesheet_import import timesheets_import
from tests.courses.test_statements import statement
from tests.credentials.conftest import png_upload
from tests.stipends.factories import credit

pytestmark = pytest.mark.django_db

MAX_POSITIONS = 40


@contextmanager
def cut_at(position: int):
    """The connection drops at the ``position``-th query from here on; yields whether it
    did (a later run can make fewer queries than the first: caches are warm)."""
    seen, fired = 0, []

    def wrapper(execute, sql, params, many, context):
        nonlocal seen
        seen += 1
        if seen == position:
            fired.append(sql)
            raise OperationalError("server closed the connection unexpectedly")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        yield fired


def attempt(operation):
    """Run it as a caller would, which may be refused (already done) but never half-done."""
    with suppress(ValidationError, PermissionDenied):
        operation()


def assert_cut_anywhere_is_safe(operation, state, *, one_transaction: bool):
    with CaptureQueriesContext(connection) as queries, transaction.atomic():
        operation()
        reference = state()
        transaction.set_rollback(True)
    before = state()
    count = len(queries)
    step = max(1, count // MAX_POSITIONS)
    for position in range(1, count + 1, step):
        with transaction.atomic():
            with cut_at(position) as fired, suppress(OperationalError):
                operation()
            if not fired:
                transaction.set_rollback(True)
                break  # past the last query this run makes
            if one_transaction:  # all or nothing (a cut after its commit leaves it all)
                assert state() in (before, reference), f"half-written: cut at query {position}"
            attempt(operation)
            assert state() == reference, f"retry after a cut at query {position}"
            attempt(operation)
            assert state() == reference, f"second retry after a cut at query {position}"
            transaction.set_rollback(True)
    assert count > 3 and position > 3


def test_an_xapi_burst(participant, enrolled, h5p_module):
    first, second = statement(raw=0), statement(raw=1)
    bodies = [first, second, first]  # the player resends one it was not sure of

    def burst():
        for body in bodies:
            course_services.statement_record(
                participant=participant, module=h5p_module, activity_key="quiz-1", body=body
            )

    def state():
        return (
            sorted(str(s) for s in Statement.objects.values_list("statement_id", flat=True)),
            list(ActivityProgress.objects.values_list("activity_key", "completed", "best_scaled")),
            list(ModuleCompletion.objects.values_list("participant_id", "module_id")),
            list(Enrollment.objects.values_list("pk", "completed_on")),
        )

    assert_cut_anywhere_is_safe(burst, state, one_transaction=False)


def test_a_timesheet_import(participant, case_manager, placement):
    content = (
        "participant_id,week_start,mon,tue,wed,thu,fri,sat,sun\n"
        f"{participant.pk},2026-02-02,8,8,7.5,0,4,,\n"
        f"{participant.pk},2026-02-09,6,,,,,,\n"
    ).encode()

    def state():
        return (
            sorted(Timesheet.objects.values_list("participant_id", "week_start")),
            sorted(  # sources name the timesheet's id, which PostgreSQL never hands out twice
                (source.split(":")[0], source.split(":")[-1], minutes, status)
                for source, minutes, status in HoursEntry.objects.values_list(
                    "source", "minutes", "status"
                )
            ),
            AuditEvent.objects.count(),
        )

    assert_cut_anywhere_is_safe(
        lambda: timesheets_import(actor=case_manager, content=content), state, one_transaction=True
    )


def test_a_pay_period_run(participant, case_manager, period, org):
    credit(participant, 90, date(2026, 2, 3), approved_by=case_manager)
    credit(participant, 60, date(2026, 2, 5), kind="module", approved_by=case_manager)

    def state():
        return (
            sorted(StipendStatement.objects.values_list("participant_id", "status", "total")),
            sorted(StatementLine.objects.values_list("hours_kind", "amount")),
        )

    assert_cut_anywhere_is_safe(
        lambda: stipend_services.statement_run(period=period, organization=org, actor=case_manager),
        state,
        one_transaction=True,
    )


def test_a_credential_award(participant, case_manager, partner_admin, industry_achievement):
    request = award_request_create(
        actor=case_manager,
        participant=participant,
        achievement=industry_achievement,
        certificate_number="OSHA-10-77",
        earned_on=timezone.localdate(),
        evidence=png_upload(),
    )

    def state():
        return (
            list(Credential.objects.values_list("participant_id", "achievement_id")),
            list(AwardRequest.objects.values_list("status", "credential__participant_id")),
            AuditEvent.objects.count(),
        )

    assert_cut_anywhere_is_safe(
        lambda: award_request_approve(actor=partner_admin, request_pk=request.pk),
        state,
        one_transaction=True,
    )
