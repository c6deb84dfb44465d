"""A case manager runs a pay period and reviews it; a partner admin approves and downloads
the CSV; the participant sees the approved amount on a phone."""

import csv
import io
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone

from lms.hours.models import HoursKind
from lms.hours.services import hours_credit
from lms.people.roles import Role
from lms.stipends.models import StipendStatement
from tests.e2e.conftest import LAPTOP, PHONE, sign_in
from tests.factories import TEST_PASSWORD, TEST_TOTP_SECRET, OrganizationFactory, UserFactory
from tests.stipends.factories import make_policy

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_period_run_review_approve_export_and_participant_view(
    live_server, new_page, participant, case_manager, partner_admin, org
):
    # Earlier transactional tests may have flushed the county office seeded by a migration.
    office = OrganizationFactory(name="County office", slug="county", kind="county")
    program_admin = UserFactory(role=Role.PROGRAM_ADMIN, organization=office)
    today = timezone.localdate()
    monday = today - timedelta(days=today.weekday())
    make_policy(
        program_admin,
        effective_from=monday - timedelta(weeks=8),
        period_anchor=monday - timedelta(weeks=8),
    )
    hours_credit(
        participant=participant,
        kind=HoursKind.COACHING,
        minutes=150,
        date=today,
        source="e2e:stipend:1",
        approved_by=case_manager,
    )

    page = new_page(viewport=LAPTOP)
    sign_in(page, live_server, case_manager.username, TEST_PASSWORD, totp_secret=TEST_TOTP_SECRET)
    page.goto(f"{live_server.url}/staff/stipends/")
    page.get_by_role("button", name="Compute statements for North Partner").click()
    page.wait_for_url("**/staff/stipends/periods/**")
    assert page.get_by_test_id("total").inner_text() == "$45.00"
    page.get_by_role("button", name="Mark all drafts reviewed").click()
    page.wait_for_load_state()
    assert "1 statement reviewed." in page.content()
    assert page.get_by_role("button", name="Approve all reviewed").count() == 0

    admin = new_page(viewport=LAPTOP)
    sign_in(admin, live_server, partner_admin.username, TEST_PASSWORD, totp_secret=TEST_TOTP_SECRET)
    admin.goto(page.url)
    admin.get_by_role("button", name="Approve all reviewed").click()
    admin.wait_for_load_state()
    assert "1 statement approved and locked." in admin.content()
    with admin.expect_download() as download_info:
        admin.get_by_role("link", name="Download approved (CSV)").click()
    text = Path(download_info.value.path()).read_text()
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[1][2] == participant.legal_name
    assert Decimal(rows[-1][8]) == Decimal("45.00") == StipendStatement.objects.get().total

    phone = new_page(viewport=PHONE)
    sign_in(phone, live_server, participant.user.username, TEST_PASSWORD)
    phone.wait_for_url("**/me/")
    assert phone.get_by_test_id("approved-amount").first.inner_text() == "$45.00"
    phone.get_by_role("link", name="See my stipend and bonuses").click()
    phone.wait_for_url("**/me/stipend/")
    assert phone.get_by_test_id("approved-amount").inner_text() == "$45.00"
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
