"""Report figures: credentials issued in a range by sector and by type; revocations apart."""

from collections import defaultdict

from django.utils.translation import gettext as _

from lms.reports.metrics import Metric

from .models import AchievementType, Credential, Sector


def credential_metrics(participants, start, end):
    """One query: credentials issued to these participants between start and end (inclusive)."""
    rows = list(
        Credential.objects.filter(
            participant__in=participants,
            issued_at__date__gte=start,
            issued_at__date__lte=end,
        ).values_list(
            "participant_id", "achievement__sector", "achievement__achievement_type", "revoked_at"
        )
    )
    section = _("Credentials")
    issued = [r for r in rows if r[3] is None]
    revoked = [r for r in rows if r[3] is not None]
    metrics = [
        Metric(
            section=section,
            key="credentials.issued",
            label=_("Credentials issued and not revoked"),
            definition=_(
                "Signed credentials issued in the period to participants in scope, "
                "excluding those revoked since."
            ),
            value=len(issued),
            participant_ids=frozenset(r[0] for r in issued),
        ),
        Metric(
            section=section,
            key="credentials.revoked",
            label=_("Credentials revoked"),
            definition=_("Credentials issued in the period that have since been revoked."),
            value=len(revoked),
            participant_ids=frozenset(r[0] for r in revoked),
        ),
    ]
    by_sector = defaultdict(set)
    by_sector_count = defaultdict(int)
    by_type = defaultdict(set)
    by_type_count = defaultdict(int)
    for participant_id, sector, kind, _revoked in issued:
        by_sector[sector].add(participant_id)
        by_sector_count[sector] += 1
        by_type[kind].add(participant_id)
        by_type_count[kind] += 1
    sectors = dict(Sector.choices)
    for sector, count in sorted(by_sector_count.items()):
        metrics.append(
            Metric(
                section=section,
                key="credentials.issued.sector",
                label=_("Credentials issued by sector"),
                definition=_("Issued and not revoked, grouped by the achievement's sector."),
                value=count,
                group=str(sectors.get(sector, sector)),
                participant_ids=frozenset(by_sector[sector]),
            )
        )
    kinds = dict(AchievementType.choices)
    for kind, count in sorted(by_type_count.items()):
        metrics.append(
            Metric(
                section=section,
                key="credentials.issued.type",
                label=_("Credentials issued by type"),
                definition=_("Issued and not revoked, grouped by the achievement type."),
                value=count,
                group=str(kinds.get(kind, kind)),
                participant_ids=frozenset(by_type[kind]),
            )
        )
    return metrics
