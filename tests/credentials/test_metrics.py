from datetime import timedelta

from django.utils import timezone

from credentials.metrics import credential_metrics
from credentials.services import credential_revoke
from lms.people.models import Participant
from tests.credentials.factories import AchievementFactory, IndustryAchievementFactory


def test_metrics_count_issued_by_sector_and_type_with_revoked_apart(
    participant, other_participant, issue, partner_admin, django_assert_max_num_queries
):
    issue(participant, AchievementFactory(sector="it", achievement_type="Course"))
    revoked = issue(participant, IndustryAchievementFactory())
    issue(other_participant, AchievementFactory(sector="it", achievement_type="Course"))
    credential_revoke(actor=partner_admin, credential=revoked, reason="error")
    today = timezone.localdate()
    scope = Participant.objects.filter(pk=participant.pk)
    with django_assert_max_num_queries(1):
        metrics = credential_metrics(scope, today - timedelta(days=1), today)
    by_key = {(m.key, m.group): m for m in metrics}
    assert by_key[("credentials.issued", "")].value == 1
    assert by_key[("credentials.revoked", "")].value == 1
    assert by_key[("credentials.issued.sector", "Information technology")].value == 1
    assert by_key[("credentials.issued.type", "Course")].value == 1
    assert by_key[("credentials.issued", "")].participant_ids == frozenset({participant.pk})
    later = credential_metrics(scope, today + timedelta(days=1), today + timedelta(days=2))
    assert {m.key: m.value for m in later if not m.group} == {
        "credentials.issued": 0,
        "credentials.revoked": 0,
    }
