"""Stipend pages: who may open them, what they show, exports that match the screen."""

import csv
import io
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse
from openpyxl import load_workbook

from lms.people.roles import Role
from lms.stipends import employment, services
from lms.stipends.models import (
    JobPlacement,
    MilestoneKind,
    MilestoneReached,
    RetentionCheck,
    StipendPolicy,
    StipendStatement,
)
from tests.factories import ParticipantFactory, UserFactory
from tests.submissions import submitted

from .factories import credit

pytestmark = pytest.mark.django_db
TODAY = date(2026, 2, 12)


@pytest.fixture(autouse=True)
def _today():
    noon = datetime.combine(TODAY, time(12), tzinfo=ZoneInfo(settings.TIME_ZONE))
    with time_machine.travel(noon, tick=False):
        yield


@pytest.fixture
def computed(participant, case_manager, period, org, incentive_rules):
    credit(participant, 185, date(2026, 2, 3), approved_by=case_manager)
    services.milestone_reach(
        participant=participant,
        milestone=MilestoneKind.ORIENTATION,
        on=date(2026, 2, 4),
        source="t",
    )
    services.statement_run(period=period, organization=org, actor=case_manager)
    return StipendStatement.objects.get(participant=participant)


@pytest.fixture
def approved(computed, case_manager, partner_admin):
    services.statement_review(actor=case_manager, statement=computed)
    return services.statement_approve(actor=partner_admin, statement=computed)


def staff_urls(statement, participant):
    org = statement.organization.slug
    return [
        reverse("stipends:periods"),
        reverse("stipends:period_detail", args=[statement.period_id, org]),
        reverse("stipends:statement_detail", args=[statement.pk]),
        reverse("stipends:period_export", args=[statement.period_id, org, "csv"]),
        reverse("stipends:period_export", args=[statement.period_id, org, "xlsx"]),
        reverse("stipends:employment", args=[participant.pk]),
        reverse("stipends:timesheet_import"),
        reverse("stipends:policy"),
    ]


def test_partner_staff_open_every_stipend_page(client_for, case_manager, computed, participant):
    client = client_for(case_manager)
    for url in staff_urls(computed, participant):
        assert client.get(url).status_code == 200, url


def test_other_partner_staff_get_404_on_another_partners_records(
    client_for, other_case_manager, other_partner_admin, computed, participant
):
    for user in (other_case_manager, other_partner_admin):
        client = client_for(user)
        for url in staff_urls(computed, participant)[1:6]:
            assert client.get(url).status_code == 404, url
        post = reverse("stipends:statement_decide", args=[computed.pk])
        assert client.post(post, {"action": "review"}).status_code == 404
        for name in ("period_run", "period_review_all", "period_approve_all"):
            url = reverse(f"stipends:{name}", args=[computed.period_id, "north"])
            assert client.post(url).status_code in (403, 404), name
        assert (
            client.post(reverse("stipends:current_period_run", args=["north"])).status_code == 404
        )
    computed.refresh_from_db()
    assert computed.status == "draft"


def test_participants_and_facilitators_are_refused(client_for, participant, facilitator, computed):
    for user in (participant.user, facilitator):
        client = client_for(user)
        for url in staff_urls(computed, participant):
            assert client.get(url).status_code == 403, url


def test_anonymous_visitors_are_sent_to_sign_in(client, computed, participant):
    for url in staff_urls(computed, participant) + [reverse("stipends:my_stipend")]:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response.url


def test_case_manager_runs_reviews_and_partner_admin_approves_through_pages(
    client, client_for, case_manager, partner_admin, participant, period, org
):
    credit(participant, 240, date(2026, 2, 3), approved_by=case_manager)
    c = client_for(case_manager)
    response = c.post(reverse("stipends:current_period_run", args=[org.slug]))
    assert response.status_code == 302
    statement = StipendStatement.objects.get()
    assert statement.total == Decimal("72.00")
    c.post(reverse("stipends:period_review_all", args=[period.pk, org.slug]))
    # A case manager cannot approve.
    assert (
        c.post(reverse("stipends:period_approve_all", args=[period.pk, org.slug])).status_code
        == 403
    )
    client.logout()
    a = client_for(partner_admin)
    a.post(reverse("stipends:period_approve_all", args=[period.pk, org.slug]))
    statement.refresh_from_db()
    assert statement.is_locked and statement.approved_by == partner_admin


def test_exports_match_the_screen_to_the_cent(
    client_for, partner_admin, approved, participant, period, org, case_manager
):
    extra = ParticipantFactory(organization=org)
    credit(extra, 301, date(2026, 2, 4), kind="cbi_session", approved_by=case_manager)
    services.statement_run(period=period, organization=org, actor=case_manager)
    second = StipendStatement.objects.get(participant=extra)
    services.statement_review(actor=case_manager, statement=second)
    services.statement_approve(actor=partner_admin, statement=second)
    client = client_for(partner_admin)
    page = client.get(reverse("stipends:period_detail", args=[period.pk, org.slug]))
    screen_total = page.context["totals"]["total"]
    assert screen_total == Decimal("55.50") + Decimal("25.00") + Decimal("82.78")
    assert f"${screen_total}" in page.content.decode()
    body = client.get(reverse("stipends:period_export", args=[period.pk, org.slug, "csv"]))
    rows = list(csv.reader(io.StringIO(body.content.decode())))
    assert rows[-1][0] == "Total" and Decimal(rows[-1][8]) == screen_total
    assert sum(Decimal(r[8]) for r in rows[1:-1]) == screen_total
    xlsx = client.get(reverse("stipends:period_export", args=[period.pk, org.slug, "xlsx"]))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert Decimal(str(values[-1][8])) == screen_total


def test_export_leaves_out_statements_not_approved(
    client_for, partner_admin, computed, period, org
):
    body = client_for(partner_admin).get(
        reverse("stipends:period_export", args=[period.pk, org.slug, "csv"])
    )
    rows = list(csv.reader(io.StringIO(body.content.decode())))
    assert len(rows) == 2 and Decimal(rows[-1][8]) == 0


def test_period_page_query_count_does_not_grow(
    client_for, case_manager, period, org, django_assert_max_num_queries
):
    people = ParticipantFactory.create_batch(2, organization=org)
    for p in people:
        credit(p, 200, date(2026, 2, 3), approved_by=case_manager)
    services.statement_run(period=period, organization=org, actor=case_manager)
    client = client_for(case_manager)
    url = reverse("stipends:period_detail", args=[period.pk, org.slug])
    client.get(url)
    with django_assert_max_num_queries(40) as few:
        client.get(url)
    for p in ParticipantFactory.create_batch(10, organization=org):
        credit(p, 200, date(2026, 2, 3), approved_by=case_manager)
    services.statement_run(period=period, organization=org, actor=case_manager)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


def test_participant_sees_period_estimate_approved_amount_and_incentives(
    client_for, participant, approved, case_manager, django_assert_max_num_queries
):
    credit(participant, 60, date(2026, 2, 10), approved_by=case_manager)
    client = client_for(participant.user)
    with django_assert_max_num_queries(30):
        page = client.get(reverse("stipends:my_stipend"))
    html = page.content.decode()
    assert "$80.50" in html  # last approved statement: 55.50 + 25.00
    assert "$73.50" in html and "4.1" in html  # this period so far: 245 min × $18/h
    assert "Orientation done" in html and "$25.00 paid" in html
    assert "Started a job" in html  # still ahead, with its amount
    dashboard = client.get(reverse("participant:dashboard")).content.decode()
    assert "This pay period" in dashboard and "$80.50" in dashboard


def test_participant_page_shows_only_their_own_money(client_for, other_participant, approved):
    html = client_for(other_participant.user).get(reverse("stipends:my_stipend")).content.decode()
    assert "$80.50" not in html


def test_staff_cannot_open_the_participant_page(client_for, case_manager):
    assert client_for(case_manager).get(reverse("stipends:my_stipend")).status_code == 403


def test_only_program_admins_save_a_policy(client_for, partner_admin, program_admin, policy):
    data = {
        "policy-effective_from": "2026-08-03",
        "policy-module_rate": "16.00",
        "policy-cbi_session_rate": "17.00",
        "policy-coaching_rate": "19.00",
        "policy-minimum_minutes": "120",
        "policy-period_cap": "400.00",
        "policy-year_cap": "3000.00",
        "policy-year_start_month": "7",
        "policy-year_start_day": "1",
        "policy-period_days": "14",
        "policy-period_anchor": "2026-01-05",
    }
    url = reverse("stipends:policy")
    data = submitted(data, prefix="policy")
    assert client_for(partner_admin).post(url, data).status_code == 403
    assert client_for(program_admin).post(url, data).status_code == 302
    assert StipendPolicy.objects.count() == 2


def test_recording_a_job_and_retention_creates_milestones(
    client_for, case_manager, participant, django_capture_on_commit_callbacks
):
    client = client_for(case_manager)
    url = reverse("stipends:employment", args=[participant.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            submitted(prefix="job")
            | {
                "form": "job",
                "job-employer": "Solar Co",
                "job-job_title": "Installer",
                "job-sector": "green",
                "job-start_date": (TODAY - timedelta(days=40)).isoformat(),
                "job-hourly_wage": "24.50",
                "job-schedule": "full_time",
            },
        )
    assert response.status_code == 302
    job = JobPlacement.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            submitted(prefix="retention")
            | {
                "form": "retention",
                "placement": job.pk,
                "retention-days": "30",
                "retention-checked_on": TODAY.isoformat(),
                "retention-still_employed": "on",
                "retention-method": "pay_stub",
            },
        )
    assert response.status_code == 302, response.context["forms"]["retention"].errors
    assert set(MilestoneReached.objects.values_list("milestone", flat=True)) == {
        MilestoneKind.JOB_PLACEMENT,
        MilestoneKind.RETENTION_30,
    }
    # The 90-day check cannot be recorded before it is due.
    response = client.post(
        url,
        submitted(prefix="retention")
        | {
            "form": "retention",
            "placement": job.pk,
            "retention-days": "90",
            "retention-checked_on": TODAY.isoformat(),
            "retention-method": "employer_call",
        },
    )
    assert response.status_code == 200 and "due on" in response.content.decode()
    assert RetentionCheck.objects.count() == 1


def test_other_partner_cannot_record_employment(client_for, other_case_manager, participant):
    url = reverse("stipends:employment", args=[participant.pk])
    assert client_for(other_case_manager).post(url, {"form": "job"}).status_code == 404
    with pytest.raises(Exception, match="cannot record"):
        employment.job_placement_record(
            actor=other_case_manager,
            participant=participant,
            employer="X",
            job_title="Y",
            sector="it",
            start_date=TODAY,
            hourly_wage="20",
            schedule="part_time",
        )


def test_program_admin_sees_every_partner_in_the_picker(client_for, program_admin, org, other_org):
    UserFactory(role=Role.CASE_MANAGER, organization=other_org)
    page = client_for(program_admin).get(reverse("stipends:periods"))
    names = [o.slug for o in page.context["organizations"]]
    assert "north" in names and "south" in names


def test_participant_page_speaks_spanish(client_for, participant, policy):
    participant.user.preferred_language = "es"  # as enrolled; the browser may say otherwise
    participant.user.save(update_fields=["preferred_language"])
    client = client_for(participant.user)
    html = client.get(reverse("stipends:my_stipend"), HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Mi estipendio" in html and "Este periodo de pago" in html


def test_staff_participant_page_shows_the_stipend_panel_to_case_managers_only(
    client_for, case_manager, facilitator, participant, approved
):
    url = reverse("staff:participant_detail", args=[participant.pk])
    html = client_for(case_manager).get(url).content.decode()
    assert "Stipends and work" in html and "$80.50" in html
    html = client_for(facilitator).get(url).content.decode()
    assert "Stipends and work" not in html


def test_participant_dashboard_queries_do_not_grow_with_history(
    client_for, participant, case_manager, policy, incentive_rules, django_assert_max_num_queries
):
    client = client_for(participant.user)
    url = reverse("participant:dashboard")
    client.get(url)
    with django_assert_max_num_queries(60) as few:
        client.get(url)
    for day in range(2, 12):
        credit(participant, 30, date(2026, 2, day), approved_by=case_manager)
    for milestone in (MilestoneKind.ORIENTATION, MilestoneKind.COURSE_COMPLETED):
        services.milestone_reach(
            participant=participant, milestone=milestone, on=date(2026, 2, 3), source="t"
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_payroll_exports_neutralize_formulas_in_every_cell(
    client_for, partner_admin, approved, participant, period, org, fmt
):
    from lms.exports import FORMULA_STARTS

    participant.legal_name = '=HYPERLINK("https://evil.example","pay")'
    participant.save()
    response = client_for(partner_admin).get(
        reverse("stipends:period_export", args=[period.pk, org.slug, fmt])
    )
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(response.content.decode())))
    else:
        sheet = load_workbook(io.BytesIO(response.content)).active
        assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
        rows = [[v for v in row if v is not None] for row in sheet.iter_rows(values_only=True)]
    cells = [cell for row in rows for cell in row if isinstance(cell, str)]
    assert "'" + participant.legal_name in cells
    assert not any(cell.startswith(FORMULA_STARTS) for cell in cells)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_payroll_exports_are_audited(client_for, partner_admin, approved, period, org, fmt):
    from lms.audit.models import AuditEvent

    client_for(partner_admin).get(
        reverse("stipends:period_export", args=[period.pk, org.slug, fmt])
    )
    event = AuditEvent.objects.get(action="stipends.exported")
    assert event.actor == partner_admin and event.organization == org
    assert event.object_type == "PayPeriod" and event.object_id == str(period.pk)
    assert event.changes == {"format": fmt, "rows": 1}


def test_payroll_export_refused_to_other_partner_is_not_audited(
    client_for, other_partner_admin, approved, period, org
):
    from lms.audit.models import AuditEvent

    response = client_for(other_partner_admin).get(
        reverse("stipends:period_export", args=[period.pk, org.slug, "csv"])
    )
    assert response.status_code in (403, 404)
    assert not AuditEvent.objects.filter(action="stipends.exported").exists()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_payroll_export_queries_do_not_grow_with_statements(
    client_for, partner_admin, case_manager, approved, period, org, fmt,
    django_assert_max_num_queries,
):  # fmt: skip
    url = reverse("stipends:period_export", args=[period.pk, org.slug, fmt])
    client = client_for(partner_admin)
    with django_assert_max_num_queries(12) as one:
        assert client.get(url).status_code == 200
    for n in range(4):
        person = ParticipantFactory(organization=org, case_manager=case_manager)
        credit(person, 120 + n, date(2026, 2, 3), approved_by=case_manager)
    services.statement_run(period=period, organization=org, actor=case_manager)
    for statement in StipendStatement.objects.exclude(pk=approved.pk):
        services.statement_review(actor=case_manager, statement=statement)
        services.statement_approve(actor=partner_admin, statement=statement)
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(url)
    assert response.status_code == 200
