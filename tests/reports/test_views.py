"""Who may open the reports, what each sees, and the drill-down lists behind the figures."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lms.audit.models import AuditEvent
from lms.hours.models import HoursKind
from lms.people.roles import Role
from tests.factories import ParticipantFactory, UserFactory

from .conftest import RANGE, approved

pytestmark = pytest.mark.django_db
DASHBOARD = reverse("reports:dashboard")
PEOPLE = reverse("reports:people")


def people_url(column, metric, group="", **extra):
    return {**RANGE, "column": column, "metric": metric, "group": group, **extra}


@pytest.mark.parametrize(
    "url", [DASHBOARD, PEOPLE, reverse("reports:export_xlsx"), reverse("reports:export_csv")]
)
@pytest.mark.parametrize("role", ["case_manager", "facilitator", "participant"])
def test_only_admins_may_open_reports(request, client_for, url, role):
    user = request.getfixturevalue(role)
    user = user.user if role == "participant" else user
    assert client_for(user).get(url, RANGE).status_code == 403


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(DASHBOARD)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_partner_admin_sees_only_own_partner(client_for, partner_admin, known_data):
    response = client_for(partner_admin).get(DASHBOARD, RANGE)
    assert response.status_code == 200
    report = response.context["report"]
    assert [c.label for c in report.columns] == ["North Partner"]
    assert "South Partner" not in response.content.decode()
    assert 'id="suppression-rule"' not in response.content.decode()


def test_partner_admin_cannot_ask_for_another_partner(
    client_for, partner_admin, other_org, known_data
):
    response = client_for(partner_admin).get(DASHBOARD, {**RANGE, "organization": other_org.slug})
    assert response.status_code in (400, 404)
    drill = client_for(partner_admin).get(
        PEOPLE, people_url(other_org.slug, "participants.enrolled", organization=other_org.slug)
    )
    assert drill.status_code in (400, 404)


def test_other_partner_admin_sees_none_of_north(client_for, other_partner_admin, known_data):
    response = client_for(other_partner_admin).get(DASHBOARD, RANGE)
    report = response.context["report"]
    assert [c.label for c in report.columns] == ["South Partner"]
    assert report.row("participants.enrolled").total.value == 3
    drill = client_for(other_partner_admin).get(
        PEOPLE, people_url("north", "participants.enrolled")
    )
    assert drill.status_code == 404


def test_program_admin_sees_every_partner_suppressed(client_for, program_admin, known_data):
    response = client_for(program_admin).get(DASHBOARD, RANGE)
    report = response.context["report"]
    assert [c.label for c in report.columns] == ["Whole program", "North Partner", "South Partner"]
    assert report.suppressed
    html = response.content.decode()
    assert 'id="suppression-rule"' in html
    assert "&lt;11" in html


def test_program_admin_can_look_at_one_partner(client_for, program_admin, other_org, known_data):
    response = client_for(program_admin).get(DASHBOARD, {**RANGE, "organization": other_org.slug})
    report = response.context["report"]
    assert [c.label for c in report.columns] == ["South Partner"]
    assert report.suppressed  # the county looking at a partner is outside the partner's scope
    assert response.context["form"].cleaned_data["organization"] == other_org.slug


def test_unknown_organization_is_not_found(client_for, program_admin, known_data):
    response = client_for(program_admin).get(DASHBOARD, {**RANGE, "organization": "nowhere"})
    assert response.status_code == 400
    assert "nowhere" in response.context["form"].errors["organization"][0]


def test_default_range_is_the_current_program_quarter(client_for, partner_admin, time_machine):
    time_machine.move_to("2026-02-14 12:00")
    response = client_for(partner_admin).get(DASHBOARD)
    report = response.context["report"]
    assert (report.start.isoformat(), report.end.isoformat()) == ("2026-01-01", "2026-03-31")


def test_bad_range_explains_and_shows_no_figures(client_for, partner_admin):
    response = client_for(partner_admin).get(
        DASHBOARD, {"start": "2026-03-31", "end": "2026-01-01"}
    )
    assert response.status_code == 400
    assert "The end date must be on or after the start date." in response.content.decode()
    assert 'aria-describedby="id_end-errors"' in response.content.decode()
    assert "report" not in response.context
    garbled = client_for(partner_admin).get(DASHBOARD, {"start": "soon", "end": "2026-01-01"})
    assert garbled.status_code == 400
    assert "Enter a valid date." in garbled.content.decode()


def test_drill_down_lists_the_people_behind_a_figure(client_for, partner_admin, known_data):
    response = client_for(partner_admin).get(PEOPLE, people_url("north", "participants.completed"))
    assert response.status_code == 200
    listed = {p.pk for p in response.context["page"]}
    assert listed == {p.pk for p in known_data.completed_north}
    assert "Participants whose status is Completed" in response.content.decode()


def test_drill_down_of_a_breakdown(client_for, partner_admin, known_data):
    response = client_for(partner_admin).get(
        PEOPLE, people_url("north", "services.received", "Group session")
    )
    assert {p.pk for p in response.context["page"]} == {known_data.cbi_person.pk}


def test_drill_down_ignores_ids_from_the_url(client_for, partner_admin, known_data):
    stranger = known_data.new_south[0]
    response = client_for(partner_admin).get(
        PEOPLE, people_url("north", "participants.exited", participant=stranger.pk, ids=stranger.pk)
    )
    assert {p.pk for p in response.context["page"]} == {known_data.exited_in_range.pk}


def test_drill_down_of_unknown_or_non_people_figure_is_not_found(
    client_for, partner_admin, known_data
):
    client = client_for(partner_admin)
    assert client.get(PEOPLE, people_url("north", "nothing.here")).status_code == 404
    assert client.get(PEOPLE, people_url("north", "hours.approved")).status_code == 404
    assert client.get(PEOPLE, people_url("all", "participants.enrolled")).status_code == 404


def test_program_admin_drill_down_is_allowed_where_shown_and_refused_where_hidden(
    client_for, program_admin, known_data
):
    client = client_for(program_admin)
    shown = client.get(PEOPLE, people_url("all", "participants.enrolled"))
    assert shown.status_code == 200
    assert shown.context["page"].paginator.count == 15
    hidden = client.get(PEOPLE, people_url("south", "participants.enrolled"))
    assert hidden.status_code == 403
    assert "This figure is hidden" in hidden.content.decode()
    # North has 12 (not small) but is hidden so South's 3 cannot be worked out from the total.
    complementary = client.get(PEOPLE, people_url("north", "participants.enrolled"))
    assert complementary.status_code == 403


def test_dashboard_links_figures_to_their_people(client_for, partner_admin, known_data):
    html = client_for(partner_admin).get(DASHBOARD, RANGE).content.decode()
    assert "metric=participants.completed" in html
    assert "metric=hours.approved" not in html  # hours are not people


def test_nav_item_only_for_admins(client_for, partner_admin, case_manager):
    assert DASHBOARD in client_for(partner_admin).get(reverse("staff:home")).content.decode()
    assert DASHBOARD not in client_for(case_manager).get(reverse("staff:home")).content.decode()


def test_export_is_audited(client_for, partner_admin, known_data):
    client_for(partner_admin).get(reverse("reports:export_csv"), RANGE)
    event = AuditEvent.objects.get(action="reports.exported")
    assert event.actor == partner_admin
    assert event.organization == partner_admin.organization


def _more_data(org, count):
    """More participants enrolled in the range, each with approved hours of two kinds in it."""
    coach = UserFactory(role=Role.CASE_MANAGER, organization=org)
    for person in ParticipantFactory.create_batch(
        count, organization=org, case_manager=coach, enrollment_date=date(2026, 2, 10)
    ):
        approved(person, HoursKind.MODULE, 45, date(2026, 2, 11))
        approved(person, HoursKind.COACHING, 30, date(2026, 3, 2))


def count_queries(request) -> int:
    """Queries one request runs: the baseline that more data must not raise.

    Every installed app adds its report metrics, so the baseline depends on them; what must
    hold is that it stays the same whatever the amount of data.
    """
    with CaptureQueriesContext(connection) as queries:
        assert request().status_code == 200
    assert len(queries) < 150  # a fixed handful per provider and partner column
    return len(queries)


def test_dashboard_queries_do_not_grow_with_data(
    client_for, program_admin, known_data, org, other_org, django_assert_max_num_queries
):
    client = client_for(program_admin)
    client.get(DASHBOARD, RANGE)  # warm caches (site, content types)
    baseline = count_queries(lambda: client.get(DASHBOARD, RANGE))
    _more_data(org, 30)
    _more_data(other_org, 30)
    with django_assert_max_num_queries(baseline):
        response = client.get(DASHBOARD, RANGE)
    assert response.context["report"].row("participants.enrolled").total.value == 15 + 60


def test_partner_dashboard_queries_do_not_grow_with_data(
    client_for, partner_admin, known_data, org, django_assert_max_num_queries
):
    client = client_for(partner_admin)
    client.get(DASHBOARD, RANGE)
    baseline = count_queries(lambda: client.get(DASHBOARD, RANGE))
    _more_data(org, 40)
    with django_assert_max_num_queries(baseline):
        response = client.get(DASHBOARD, RANGE)
    assert response.context["report"].row("services.received", "Online module").total.value == 40


def test_dashboard_in_spanish(client_for, partner_admin, known_data, settings):
    client = client_for(partner_admin)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    html = client.get(DASHBOARD, RANGE).content.decode()
    assert "Informes del programa" in html
    assert "Recién inscritos" in html
    assert "Cómo se cuentan estas cifras" in html


def test_a_chart_of_only_hidden_figures_is_not_drawn(client_for, program_admin, known_data):
    response = client_for(program_admin).get(DASHBOARD, RANGE)
    charts = {chart.id: chart for chart in response.context["charts"]}
    assert charts["chart-partners-participants"].svg is None
    assert charts["chart-partners-participants"].rows[0][1][0] == "<11"
    assert charts["chart-enrollment"].svg is not None
    assert "counts too few people to show" in response.content.decode()


def test_drill_down_queries_do_not_grow_with_data(
    client_for, partner_admin, known_data, org, django_assert_max_num_queries
):
    client = client_for(partner_admin)
    params = people_url("north", "participants.enrolled")
    client.get(PEOPLE, params)
    baseline = count_queries(lambda: client.get(PEOPLE, params))
    _more_data(org, 40)
    with django_assert_max_num_queries(baseline):
        response = client.get(PEOPLE, params)
    assert response.context["page"].paginator.count == 12 + 40
