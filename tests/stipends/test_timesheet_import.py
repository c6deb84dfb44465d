"""CSV timesheets: every bad row reported by its line, nothing saved, re-import adds nothing."""

from datetime import date
from decimal import Decimal

import pytest

from lms.hours.models import HoursEntry, HoursKind
from lms.stipends import employment
from lms.stipends.models import Timesheet
from lms.stipends.timesheet_import import timesheets_import

pytestmark = pytest.mark.django_db

HEADER = "participant_id,week_start,mon,tue,wed,thu,fri,sat,sun\n"


@pytest.fixture
def placement(participant, case_manager):
    return employment.worksite_placement_record(
        actor=case_manager,
        participant=participant,
        worksite="Green Roofs LA",
        supervisor="Dana",
        start=date(2026, 1, 5),
        end=date(2026, 3, 29),
        hourly_wage=Decimal("20.00"),
        paid_by="partner",
    )


def csv_of(*rows):
    return (HEADER + "".join(r + "\n" for r in rows)).encode()


def test_a_good_file_saves_timesheets_and_credits_the_ledger(participant, case_manager, placement):
    content = csv_of(
        f"{participant.pk},2026-02-02,8,8,7.5,0,4,,",
        f"{participant.pk},2026-02-09,6,,,,,,",
    )
    report = timesheets_import(actor=case_manager, content=content)
    assert not report.has_errors and report.saved == 2
    rows = HoursEntry.objects.filter(participant=participant, kind=HoursKind.WORK_EXPERIENCE)
    assert sorted(rows.values_list("minutes", flat=True)) == [240, 360, 450, 480, 480]
    assert all(r.status == "approved" and r.source.startswith("timesheet:") for r in rows)
    again = timesheets_import(actor=case_manager, content=content)
    assert not again.has_errors and again.saved == 0 and again.duplicate_count == 2
    assert Timesheet.objects.count() == 2 and rows.count() == 5


@pytest.mark.parametrize(
    "row, message",
    [
        ("999999,2026-02-02,8,,,,,,", "Unknown participant"),
        ("{pk},2026-02-31,8,,,,,,", "not a date"),
        ("{pk},2026-02-03,8,,,,,,", "Monday"),
        ("{pk},2026-02-02,-2,,,,,,", "negative"),
        ("{pk},2026-02-02,25,,,,,,", "more than 24 hours"),
        ("{pk},2026-02-02,eight,,,,,,", "not a number"),
        ("{pk},2026-04-06,8,,,,,,", "outside the placement"),
        ("{pk},2026-02-02,,,,,,,", "no hours"),
        ("{pk},2026-02-09,5,,,,,,", "also on line 2"),
    ],
)
def test_each_bad_row_is_reported_by_line_and_nothing_is_saved(
    participant, case_manager, placement, row, message
):
    good = f"{participant.pk},2026-02-09,8,,,,,,"
    content = csv_of(good, row.format(pk=participant.pk))
    report = timesheets_import(actor=case_manager, content=content)
    assert report.has_errors and report.saved == 0
    (bad,) = report.error_rows
    assert bad.number == 3
    assert message in " ".join(bad.errors)
    assert not Timesheet.objects.exists()
    assert not HoursEntry.objects.filter(kind=HoursKind.WORK_EXPERIENCE).exists()


def test_a_different_timesheet_for_a_saved_week_is_an_overlap(participant, case_manager, placement):
    timesheets_import(actor=case_manager, content=csv_of(f"{participant.pk},2026-02-02,8,,,,,,"))
    report = timesheets_import(
        actor=case_manager, content=csv_of(f"{participant.pk},2026-02-02,6,,,,,,")
    )
    assert report.error_rows[0].number == 2
    assert "already saved" in report.error_rows[0].errors[0]
    assert Timesheet.objects.get().mon == 480


def test_other_partners_participants_are_unknown(
    other_participant, case_manager, participant, placement
):
    report = timesheets_import(
        actor=case_manager, content=csv_of(f"{other_participant.pk},2026-02-02,8,,,,,,")
    )
    assert "Unknown participant" in report.error_rows[0].errors[0]


@pytest.mark.parametrize(
    "content, message",
    [
        (b"name,week\nx,y\n", "columns are missing"),
        (HEADER.encode(), "no rows"),
        (b"\xff\xfe\x00bad", "not UTF-8"),
    ],
)
def test_bad_files_are_refused_whole(case_manager, content, message):
    report = timesheets_import(actor=case_manager, content=content)
    assert report.has_errors and message in " ".join(report.file_errors)


def test_import_page_checks_then_saves(client_for, case_manager, participant, placement):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    client = client_for(case_manager)
    url = reverse("stipends:timesheet_import")
    bad = csv_of(f"{participant.pk},2026-02-02,8,,,,,,", "42424242,2026-02-02,8,,,,,,")
    page = client.post(url, {"file": SimpleUploadedFile("t.csv", bad), "commit": "yes"})
    html = page.content.decode()
    assert "1 row has a problem. Nothing was saved." in html and "Unknown participant" in html
    assert not Timesheet.objects.exists()
    good = csv_of(f"{participant.pk},2026-02-02,8,,,,,,")
    client.post(url, {"file": SimpleUploadedFile("t.csv", good), "commit": "no"})
    assert not Timesheet.objects.exists()  # checking saves nothing
    page = client.post(url, {"file": SimpleUploadedFile("t.csv", good), "commit": "yes"})
    assert Timesheet.objects.count() == 1
    assert "1 timesheet saved" in page.content.decode()
