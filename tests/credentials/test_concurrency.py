"""Double clicks and retries: concurrent awards of the same achievement issue one credential."""

import threading

import pytest
from django.db import connection, connections

from credentials.models import Credential, Issuer
from credentials.services import credential_issue
from tests.credentials.factories import AchievementFactory


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_awards_issue_one_credential(participant):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    achievement = AchievementFactory()
    barrier = threading.Barrier(3)
    errors = []

    def award():
        try:
            barrier.wait()
            credential_issue(participant=participant, achievement=achievement)
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=award) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Credential.objects.filter(participant=participant).count() == 1
    assert Issuer.objects.filter(organization=participant.organization).count() == 1
    assert Issuer.objects.get(organization=participant.organization).keys.count() == 1
