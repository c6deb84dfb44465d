"""Pay-period runs, review and approval, locks, late corrections and incentives."""

import contextlib
from datetime import date, timedelta
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, IntegrityError, connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from lms import events
from lms.append_only import AppendOnlyError
from lms.hours.models import HoursKind
from lms.hours.services import hours_correct, hours_decide
from lms.people.roles import Role
from lms.stipends import services
from lms.stipends.models import (
    LineKind,
    MilestoneKind,
    MilestoneReached,
    PaidIncentive,
    SettledHours,
    StatementLine,
    StatementStatus,
    StipendStatement,
)
from tests.factories import ParticipantFactory, UserFactory

from .factories import credit, make_policy

pytestmark = pytest.mark.django_db


def run(period, org, actor):
    return services.statement_run(period=period, organization=org, actor=actor)


def approve(statement, reviewer, approver):
    services.statement_review(actor=reviewer, statement=statement)
    return services.statement_approve(actor=approver, statement=statement)


def statement_of(participant, period):
    return StipendStatement.objects.get(participant=participant, period=period)


def test_run_computes_hours_by_kind_traced_to_ledger_rows(participant, case_manager, period, org):
    a = credit(participant, 90, date(2026, 2, 3), approved_by=case_manager)
    b = credit(participant, 60, date(2026, 2, 5), kind=HoursKind.MODULE, approved_by=case_manager)
    credit(participant, 60, date(2026, 2, 6))  # pending: not paid
    credit(
        participant, 600, date(2026, 2, 6), kind=HoursKind.WORK_EXPERIENCE, approved_by=case_manager
    )  # wages, no stipend
    credit(participant, 60, date(2026, 2, 16), approved_by=case_manager)  # next period
    counts = run(period, org, case_manager)
    assert counts["created"] == 1
    statement = statement_of(participant, period)
    lines = {ln.hours_kind: ln for ln in statement.lines.all()}
    assert lines["coaching"].amount == Decimal("27.00")
    assert lines["module"].amount == Decimal("15.00")
    assert [t.entry_id for t in lines["coaching"].trace.all()] == [a.pk]
    assert [t.entry_id for t in lines["module"].trace.all()] == [b.pk]
    assert statement.total == Decimal("42.00") == sum(ln.amount for ln in statement.lines.all())
    assert statement.approved_minutes == 150


def test_running_again_gives_the_same_result_and_keeps_the_review(
    participant, case_manager, period, org
):
    credit(participant, 180, date(2026, 2, 3), approved_by=case_manager)
    run(period, org, case_manager)
    statement = statement_of(participant, period)
    services.statement_review(actor=case_manager, statement=statement)
    counts = run(period, org, case_manager)
    assert counts == {"created": 0, "updated": 0, "unchanged": 1, "removed": 0, "locked": 0}
    again = statement_of(participant, period)
    assert again.pk == statement.pk and again.status == StatementStatus.REVIEWED


def test_new_hours_send_a_reviewed_statement_back_to_draft(participant, case_manager, period, org):
    credit(participant, 180, date(2026, 2, 3), approved_by=case_manager)
    run(period, org, case_manager)
    services.statement_review(actor=case_manager, statement=statement_of(participant, period))
    credit(participant, 60, date(2026, 2, 4), approved_by=case_manager)
    assert run(period, org, case_manager)["updated"] == 1
    statement = statement_of(participant, period)
    assert statement.status == StatementStatus.DRAFT and statement.reviewed_by is None
    assert statement.total == Decimal("72.00")


def test_approval_needs_a_second_person_and_a_partner_admin(
    participant, case_manager, partner_admin, period, org
):
    credit(participant, 180, date(2026, 2, 3), approved_by=case_manager)
    run(period, org, case_manager)
    statement = statement_of(participant, period)
    with pytest.raises(ValidationError):
        services.statement_approve(actor=partner_admin, statement=statement)  # not reviewed
    services.statement_review(actor=partner_admin, statement=statement)
    with pytest.raises(ValidationError, match="second person"):
        services.statement_approve(actor=partner_admin, statement=statement)
    with pytest.raises(PermissionDenied):
        services.statement_approve(actor=case_manager, statement=statement)
    other_admin = UserFactory(role=Role.PARTNER_ADMIN, organization=org)
    services.statement_approve(actor=other_admin, statement=statement)
    assert statement_of(participant, period).is_locked


def test_database_refuses_an_approver_who_reviewed(participant, case_manager, period, org):
    credit(participant, 180, date(2026, 2, 3), approved_by=case_manager)
    run(period, org, case_manager)
    statement = statement_of(participant, period)
    statement.reviewed_by = statement.approved_by = case_manager
    with pytest.raises(IntegrityError), transaction.atomic():
        statement.save()


def test_other_partner_staff_cannot_review_or_approve(
    participant, case_manager, other_case_manager, other_partner_admin, period, org
):
    credit(participant, 180, date(2026, 2, 3), approved_by=case_manager)
    run(period, org, case_manager)
    statement = statement_of(participant, period)
    with pytest.raises(PermissionDenied):
        services.statement_review(actor=other_case_manager, statement=statement)
    with pytest.raises(PermissionDenied):
        run(period, org, other_case_manager)
    services.statement_review(actor=case_manager, statement=statement)
    with pytest.raises(PermissionDenied):
        services.statement_approve(actor=other_partner_admin, statement=statement)


def test_a_locked_statement_is_immutable_in_python_and_in_the_database(
    participant, case_manager, partner_admin, period, org
):
    credit(participant, 180, date(2026, 2, 3), approved_by=case_manager)
    run(period, org, case_manager)
    statement = approve(statement_of(participant, period), case_manager, partner_admin)
    statement.total = Decimal("999.00")
    with pytest.raises(AppendOnlyError):
        statement.save()
    with pytest.raises(AppendOnlyError):
        statement.delete()
    line = statement.lines.first()
    with pytest.raises(AppendOnlyError):
        line.save()
    with pytest.raises(AppendOnlyError):
        StipendStatement.objects.filter(pk=statement.pk).update(total=Decimal("1.00"))
    with pytest.raises(AppendOnlyError):
        StatementLine.objects.filter(pk=line.pk).update(amount=Decimal("1.00"))
    with pytest.raises(AppendOnlyError):
        StatementLine.objects.filter(pk=line.pk).delete()
    # Past the Python guards: the database refuses too.
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE stipends_stipendstatement SET status = 'draft' WHERE id = %s", [statement.pk]
        )
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE stipends_statementline SET amount = 1 WHERE id = %s", [line.pk])
    with pytest.raises(DatabaseError), transaction.atomic():
        StatementLine.objects.bulk_create(
            [StatementLine(statement=statement, kind="hours", amount=Decimal("1.00"))]
        )
    # Running the period again leaves it alone.
    credit(participant, 60, date(2026, 2, 4), approved_by=case_manager)
    assert run(period, org, case_manager)["locked"] == 1
    assert statement_of(participant, period).total == Decimal("54.00")


def test_late_approval_in_a_locked_period_becomes_an_adjustment_next_period(
    participant, case_manager, partner_admin, period, next_period, org
):
    credit(participant, 180, date(2026, 2, 3), approved_by=case_manager)
    late = credit(participant, 60, date(2026, 2, 10))  # pending while the period is approved
    run(period, org, case_manager)
    approve(statement_of(participant, period), case_manager, partner_admin)
    hours_decide(actor=case_manager, entry=late, approve=True)
    run(next_period, org, case_manager)
    statement = statement_of(participant, next_period)
    (line,) = statement.lines.all()
    assert line.kind == LineKind.ADJUSTMENT and line.is_adjustment
    assert line.adjusts_period_id == period.pk
    assert line.amount == Decimal("18.00")
    assert [t.entry_id for t in line.trace.all()] == [late.pk]
    assert statement_of(participant, period).total == Decimal("54.00")  # unchanged
    approve(statement, case_manager, partner_admin)
    # Settled: a third period does not pay it again.
    third = services.pay_period_for(date(2026, 3, 2))
    run(third, org, case_manager)
    assert not StipendStatement.objects.filter(period=third).exists()


def test_a_correction_of_a_locked_row_reverses_in_the_next_period(
    participant, case_manager, partner_admin, period, next_period, org
):
    row = credit(participant, 240, date(2026, 2, 3), approved_by=case_manager)
    run(period, org, case_manager)
    approve(statement_of(participant, period), case_manager, partner_admin)
    hours_correct(actor=case_manager, entry=row, minutes=-60, note="Left early")
    run(next_period, org, case_manager)
    (line,) = statement_of(participant, next_period).lines.all()
    assert line.kind == LineKind.ADJUSTMENT and line.amount == Decimal("-18.00")


def test_a_late_row_that_reaches_the_minimum_pays_the_whole_period(
    participant, case_manager, partner_admin, period, next_period, org
):
    credit(participant, 100, date(2026, 2, 3), approved_by=case_manager)  # below 120
    late = credit(participant, 30, date(2026, 2, 4))
    run(period, org, case_manager)
    first = statement_of(participant, period)
    assert first.total == 0
    approve(first, case_manager, partner_admin)
    hours_decide(actor=case_manager, entry=late, approve=True)
    run(next_period, org, case_manager)
    (line,) = statement_of(participant, next_period).lines.all()
    assert line.amount == Decimal("39.00")  # 130 min × 18/h


def test_policy_changes_do_not_alter_past_periods(
    participant, case_manager, partner_admin, program_admin, period, next_period, org
):
    credit(participant, 120, date(2026, 2, 3), approved_by=case_manager)
    run(period, org, case_manager)
    approve(statement_of(participant, period), case_manager, partner_admin)
    with pytest.raises(ValidationError):  # cannot reach back into a computed period
        make_policy(program_admin, effective_from=date(2026, 2, 9))
    make_policy(program_admin, effective_from=next_period.start, coaching_rate=Decimal("20.00"))
    credit(participant, 120, date(2026, 2, 17), approved_by=case_manager)
    run(period, org, case_manager)
    run(next_period, org, case_manager)
    assert statement_of(participant, period).total == Decimal("36.00")
    assert statement_of(participant, next_period).total == Decimal("40.00")


def test_partner_staff_cannot_set_the_policy(partner_admin):
    with pytest.raises(PermissionDenied):
        make_policy(partner_admin, effective_from=date(2027, 1, 4))


def test_the_year_cap_counts_approved_statements_of_the_program_year(
    participant, case_manager, partner_admin, program_admin, org
):
    make_policy(program_admin, year_cap=Decimal("500.00"), period_cap=Decimal("1000.00"))
    first = services.pay_period_for(date(2026, 2, 2))
    second = services.pay_period_for(date(2026, 2, 16))
    for day in range(2, 14):
        credit(participant, 120, date(2026, 2, day), approved_by=case_manager)  # 12 × 36
    for day in range(16, 20):
        credit(participant, 120, date(2026, 2, day), approved_by=case_manager)  # 4 × 36
    run(first, org, case_manager)
    approve(statement_of(participant, first), case_manager, partner_admin)
    run(second, org, case_manager)
    assert statement_of(participant, first).stipend_total == Decimal("432.00")
    assert statement_of(participant, second).stipend_total == Decimal("68.00")


def test_incentive_paid_once_and_listed_in_the_period_reached(
    participant, case_manager, partner_admin, period, next_period, org, incentive_rules
):
    events.orientation_completed.send(sender=None, participant=participant, on=date(2026, 2, 4))
    events.orientation_completed.send(sender=None, participant=participant, on=date(2026, 2, 5))
    run(period, org, case_manager)
    statement = statement_of(participant, period)
    (line,) = statement.lines.all()
    assert line.kind == LineKind.INCENTIVE and line.amount == Decimal("25.00")
    assert statement.incentive_total == Decimal("25.00")
    approve(statement, case_manager, partner_admin)
    run(next_period, org, case_manager)
    assert not StipendStatement.objects.filter(period=next_period).exists()
    assert PaidIncentive.objects.filter(participant=participant).count() == 1


def test_a_milestone_is_not_on_two_open_statements(
    participant, case_manager, period, next_period, org, incentive_rules
):
    events.orientation_completed.send(sender=None, participant=participant, on=date(2026, 2, 4))
    run(period, org, case_manager)
    run(next_period, org, case_manager)
    assert StatementLine.objects.filter(kind=LineKind.INCENTIVE).count() == 1


def test_database_refuses_a_second_payment_of_the_same_milestone(
    participant, case_manager, partner_admin, period, org, incentive_rules
):
    events.orientation_completed.send(sender=None, participant=participant, on=date(2026, 2, 4))
    run(period, org, case_manager)
    statement = approve(statement_of(participant, period), case_manager, partner_admin)
    reached = MilestoneReached.objects.get(participant=participant)
    with pytest.raises(IntegrityError), transaction.atomic():
        PaidIncentive.objects.create(
            participant=participant,
            milestone=reached.milestone,
            reached=reached,
            statement=statement,
            amount=Decimal("25.00"),
        )
    entry = SettledHours.objects.model._meta.get_field("entry")
    assert entry.unique


def test_industry_credential_event_only_counts_industry_credentials(participant):
    events.credential_issued.send(
        sender=None,
        participant=participant,
        credential=_stand_in(7),
        industry=False,
        on=date(2026, 2, 4),
    )
    assert not MilestoneReached.objects.exists()
    events.credential_issued.send(
        sender=None,
        participant=participant,
        credential=_stand_in(8),
        industry=True,
        on=date(2026, 2, 4),
    )
    assert MilestoneReached.objects.get().milestone == MilestoneKind.INDUSTRY_CREDENTIAL


def test_run_uses_a_fixed_number_of_queries(
    org, case_manager, period, incentive_rules, django_assert_max_num_queries
):
    people = ParticipantFactory.create_batch(3, organization=org)
    for p in people:
        credit(p, 180, date(2026, 2, 3), approved_by=case_manager)
    with django_assert_max_num_queries(40) as small:
        run(period, org, case_manager)
    more = ParticipantFactory.create_batch(12, organization=org)
    for p in more:
        credit(p, 180, date(2026, 2, 3), approved_by=case_manager)
        events.orientation_completed.send(sender=None, participant=p, on=date(2026, 2, 4))
    with django_assert_max_num_queries(len(small.captured_queries) + 6):
        run(period, org, case_manager)


def _stand_in(pk):
    """Events carry pages and records; listeners here only read their primary key."""
    return SimpleNamespace(pk=pk, id=pk)


EVENTS = [
    ("orientation_completed", {}),
    ("curriculum_completed", {"curriculum": _stand_in(3)}),
    ("course_completed", {"course": _stand_in(4)}),
    ("course_completed", {"course": _stand_in(5)}),
    ("credential_issued", {"credential": _stand_in(6), "industry": True}),
    ("placement_recorded", {"placement": _stand_in(9)}),
    ("retention_verified", {"placement": _stand_in(9), "days": 30}),
    ("retention_verified", {"placement": _stand_in(9), "days": 90}),
]


class IncentiveOncePropertyTest(HypothesisTestCase):
    """Whatever the order and repetition of events and runs, each milestone is paid once."""

    @classmethod
    def setUpTestData(cls):
        from tests.factories import OrganizationFactory

        cls.org = OrganizationFactory(slug="prop")
        cls.admin = UserFactory(role=Role.PROGRAM_ADMIN, organization=cls.org)
        cls.coach = UserFactory(role=Role.CASE_MANAGER, organization=cls.org)
        cls.approver = UserFactory(role=Role.PARTNER_ADMIN, organization=cls.org)
        make_policy(cls.admin)
        for milestone in MilestoneKind.values:
            services.incentive_rule_create(
                actor=cls.admin,
                milestone=milestone,
                amount=Decimal("10.00"),
                effective_from=date(2025, 7, 1),
            )

    @settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        steps=st.lists(
            st.one_of(
                st.tuples(
                    st.just("event"), st.sampled_from(range(len(EVENTS))), st.integers(0, 40)
                ),
                st.tuples(st.just("run"), st.integers(0, 2), st.booleans()),
            ),
            min_size=1,
            max_size=25,
        )
    )
    def test_each_milestone_paid_at_most_once(self, steps):
        participant = ParticipantFactory(organization=self.org)
        base = date(2026, 2, 2)
        for step in steps:
            if step[0] == "event":
                name, kwargs = EVENTS[step[1]]
                getattr(events, name).send(
                    sender=None,
                    participant=participant,
                    on=base + timedelta(days=step[2]),
                    **kwargs,
                )
            else:
                period = services.pay_period_for(base + timedelta(days=14 * step[1]))
                services.statement_run(period=period, organization=self.org, actor=self.coach)
                if step[2]:
                    for s in StipendStatement.objects.filter(
                        participant=participant, status=StatementStatus.DRAFT
                    ):
                        with contextlib.suppress(ValidationError):
                            approve(s, self.coach, self.approver)
        lines = StatementLine.objects.filter(
            statement__participant=participant,
            statement__status=StatementStatus.APPROVED,
            kind=LineKind.INCENTIVE,
        )
        milestones = list(lines.values_list("milestone__milestone", flat=True))
        assert len(milestones) == len(set(milestones))
        assert PaidIncentive.objects.filter(participant=participant).count() == len(milestones)
        reached = MilestoneReached.objects.filter(participant=participant)
        assert reached.count() == len(set(reached.values_list("milestone", flat=True)))


def test_a_new_policy_cannot_split_a_pay_period(program_admin, policy):
    with pytest.raises(ValidationError, match="first day of a pay period"):
        make_policy(program_admin, effective_from=date(2026, 8, 4))  # a Tuesday mid-period
    make_policy(program_admin, effective_from=date(2026, 8, 3))


def test_approving_a_whole_period_skips_what_the_admin_reviewed(
    participant, case_manager, partner_admin, period, org
):
    other = ParticipantFactory(organization=org)
    credit(participant, 180, date(2026, 2, 3), approved_by=case_manager)
    credit(other, 180, date(2026, 2, 3), approved_by=case_manager)
    run(period, org, case_manager)
    services.statement_review(actor=partner_admin, statement=statement_of(other, period))
    services.statement_review(actor=case_manager, statement=statement_of(participant, period))
    done, problems = services.statements_approve_all(
        actor=partner_admin, period=period, organization=org
    )
    assert done == 1 and len(problems) == 1 and "second person" in problems[0]
    assert statement_of(participant, period).is_locked
    assert statement_of(other, period).status == StatementStatus.REVIEWED
    assert SettledHours.objects.filter(statement__participant=participant).count() == 1
