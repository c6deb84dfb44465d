"""Shared fixtures: two partner organizations, the county office, and a person of each role."""

import os

import pytest

from lms.people.models import Organization
from lms.people.roles import Role
from tests.factories import OrganizationFactory, ParticipantFactory, UserFactory

# Playwright's sync API runs an event loop in the test thread; Django's ORM is used beside it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def county(db):
    return Organization.objects.get(slug="county")


@pytest.fixture
def org(db):
    return OrganizationFactory(name="North Partner", slug="north")


@pytest.fixture
def other_org(db):
    return OrganizationFactory(name="South Partner", slug="south")


@pytest.fixture
def program_admin(county):
    return UserFactory(username="county.admin", role=Role.PROGRAM_ADMIN, organization=county)


@pytest.fixture
def partner_admin(org):
    return UserFactory(username="north.admin", role=Role.PARTNER_ADMIN, organization=org)


@pytest.fixture
def case_manager(org):
    return UserFactory(username="north.coach", role=Role.CASE_MANAGER, organization=org)


@pytest.fixture
def facilitator(org):
    return UserFactory(username="north.facilitator", role=Role.FACILITATOR, organization=org)


@pytest.fixture
def other_case_manager(other_org):
    return UserFactory(username="south.coach", role=Role.CASE_MANAGER, organization=other_org)


@pytest.fixture
def other_partner_admin(other_org):
    return UserFactory(username="south.admin", role=Role.PARTNER_ADMIN, organization=other_org)


@pytest.fixture
def participant(org, case_manager):
    return ParticipantFactory(
        organization=org,
        case_manager=case_manager,
        preferred_name="Alex",
        user__username="alex.1001",
    )


@pytest.fixture
def other_participant(other_org, other_case_manager):
    return ParticipantFactory(
        organization=other_org,
        case_manager=other_case_manager,
        preferred_name="Blake",
        user__username="blake.2002",
    )


@pytest.fixture
def client_for(client):
    """Return a test client signed in as the given user (staff with TOTP passed the code)."""
    from tests.totp import force_login_with_mfa

    def sign_in(user):
        return force_login_with_mfa(client, user)

    return sign_in


@pytest.fixture
def event_log():
    """``record(*events)`` subscribes to those events; returns the (name, payload) delivered."""
    subscribed, log = [], []

    def record(*events):
        for event in events:
            uid = f"test-log-{event.name}"
            event.subscribe(
                lambda sender, _name=event.name, **payload: log.append((_name, payload)), uid
            )
            subscribed.append((event, uid))
        return log

    yield record
    for event, uid in subscribed:
        event.unsubscribe(uid)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits and cached values must not leak from one test into the next."""
    from django.core.cache import cache

    from credentials import public_cache

    cache.clear()
    public_cache._recent.clear()
    yield
    cache.clear()
    public_cache._recent.clear()


@pytest.fixture(autouse=True)
def _migrated_baseline(request):
    """Put back what migrations made before each transactional test (see tests/baseline.py)."""
    marker = request.node.get_closest_marker("django_db")
    if marker and marker.kwargs.get("transaction"):
        from tests.baseline import ensure_baseline

        request.getfixturevalue("transactional_db")
        ensure_baseline()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the site's default language.

    LocaleMiddleware activates the request's language in the thread and leaves it there, so a
    Spanish request in one test would otherwise make the next test's service messages Spanish.
    """
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
