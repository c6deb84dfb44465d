"""A program admin opens the reports on a laptop, and prints them."""

import os
from pathlib import Path

import pytest

from tests.e2e.conftest import LAPTOP, sign_in
from tests.factories import TEST_TOTP_SECRET
from tests.reports.conftest import build_known_data

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def known_data(org, other_org, case_manager):
    return build_known_data(org, other_org, case_manager)


def screenshot_dir(tmp_path) -> Path:
    """Screenshots go to $E2E_SCREENSHOTS_DIR when set (to look at them), else a temp dir."""
    folder = Path(os.environ.get("E2E_SCREENSHOTS_DIR", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def open_dashboard(live_server, new_page, user):
    page = new_page(viewport=LAPTOP)
    sign_in(page, live_server, user.username, totp_secret=TEST_TOTP_SECRET)
    page.wait_for_url("**/staff/")
    page.click("text=Reports")
    page.wait_for_url("**/staff/reports/")
    page.fill("#id_start", "2026-01-01")
    page.fill("#id_end", "2026-03-31")
    page.click("text=Show figures")
    page.wait_for_url("**/staff/reports/?*")
    return page


def test_dashboard_on_a_laptop_and_in_print(
    live_server, new_page, program_admin, known_data, tmp_path
):
    page = open_dashboard(live_server, new_page, program_admin)
    folder = screenshot_dir(tmp_path)
    assert page.locator("h1").inner_text() == "Program reports"
    # Charts are drawn, each with its figures in a table beside it.
    charts = page.locator("figure.report-chart")
    assert charts.count() >= 4
    for index in range(charts.count()):
        figure = charts.nth(index)
        drawn = (
            figure.locator("svg[role=img]").count() + figure.locator(".report-chart-empty").count()
        )
        assert drawn == 1
        assert figure.locator("table tbody tr").count() >= 1
    assert page.locator("#chart-enrollment rect.bar").count() == 1  # Feb; Jan and Mar hidden
    assert page.locator("table.report-table").count() >= 3  # core sections, then plugins
    assert page.get_by_text("To protect privacy").is_visible()
    assert page.locator("[data-print]").is_visible()  # shown by JavaScript
    assert page.evaluate("document.documentElement.scrollWidth") <= LAPTOP["width"]
    page.screenshot(path=folder / "reports-dashboard-laptop.png", full_page=True)

    page.emulate_media(media="print")
    assert not page.locator("form.report-range").is_visible()
    assert not page.locator(".site-nav").is_visible()
    assert page.locator("figure.report-chart svg").first.is_visible()
    assert page.locator("table.report-table").first.is_visible()
    assert page.locator(".definitions dd").first.is_visible()
    page.screenshot(path=folder / "reports-dashboard-print.png", full_page=True)
    assert page.pdf(format="A4", landscape=True)[:4] == b"%PDF"
    assert (folder / "reports-dashboard-print.png").stat().st_size > 10_000


def test_partner_admin_follows_a_figure_to_its_people(
    live_server, new_page, partner_admin, known_data
):
    page = open_dashboard(live_server, new_page, partner_admin)
    assert page.get_by_text("To protect privacy").count() == 0
    page.locator(".report-table tr", has_text="Completed the program").get_by_role("link").click()
    page.wait_for_url("**/staff/reports/people/?*")
    assert page.locator("h1").inner_text() == "Completed the program"
    assert page.locator("tbody tr").count() == 2
