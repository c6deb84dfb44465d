"""Seed benchmark-sized data: ~500 participants across the seven organizations and a program
year of ledger rows. Plugins extend it through ``AppConfig.seed_scale(self, stdout, participants)``.
"""

import random
from datetime import timedelta

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone

from lms.hours.models import HoursEntry, HoursKind, HoursStatus
from lms.management.demo_guard import add_force_argument, refuse_without_debug
from lms.people.demo import seed_people
from lms.people.models import Organization, Participant, User
from lms.people.roles import Role

SCALE_PREFIX = "scale."


class Command(BaseCommand):
    help = "Create about 500 participants with a program year of hours (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--participants", type=int, default=500)
        parser.add_argument("--days", type=int, default=365)
        parser.add_argument("--seed", type=int, default=2026)
        add_force_argument(parser)

    def handle(self, *args, participants, days, seed, force=False, **options):
        refuse_without_debug(force)
        rng = random.Random(seed)
        seed_people()
        partners = list(Organization.objects.filter(kind=Organization.Kind.PARTNER))
        today = timezone.localdate()
        start = today - timedelta(days=days)
        with transaction.atomic():
            created = self._participants(participants, partners, start, rng)
        self.stdout.write(f"{created} participants created")
        scale_people = list(
            Participant.objects.filter(user__username__startswith=SCALE_PREFIX).select_related(
                "case_manager"
            )
        )
        rows = self._hours(scale_people, start, today, rng)
        self.stdout.write(f"{rows} ledger rows created")
        for config in apps.get_app_configs():
            seeder = getattr(config, "seed_scale", None)
            if callable(seeder):
                seeder(self.stdout, scale_people)
        # Fresh bulk-loaded tables have no planner statistics; without them PostgreSQL picks
        # poor plans for the dashboards until autovacuum catches up.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        self.stdout.write(self.style.SUCCESS("Scale data is ready."))

    def _participants(self, count, partners, start, rng):
        existing = set(
            User.objects.filter(username__startswith=SCALE_PREFIX).values_list(
                "username", flat=True
            )
        )
        coaches = {
            org.pk: User.objects.filter(organization=org, role=Role.CASE_MANAGER).first()
            for org in partners
        }
        created = 0
        for index in range(count):
            username = f"{SCALE_PREFIX}{index:04d}"
            if username in existing:
                continue
            org = partners[index % len(partners)]
            user = User(username=username, role=Role.PARTICIPANT, organization=org)
            user.set_unusable_password()
            user.save()
            status = rng.choices(list(Participant.Status.values), weights=[70, 5, 15, 10], k=1)[0]
            Participant.objects.create(
                user=user,
                organization=org,
                case_manager=coaches[org.pk],
                preferred_name=f"Scale {index:04d}",
                legal_name=f"Scale Participant {index:04d}",
                enrollment_date=start + timedelta(days=rng.randrange(0, 180)),
                status=status,
                preferred_language=rng.choice(["en", "es"]),
            )
            created += 1
        return created

    def _hours(self, participants, start, today, rng):
        if HoursEntry.objects.filter(source__startswith="scale:").exists():
            return 0
        now = timezone.now()
        batch = []
        # Only the kinds staff record by hand: module, group-session and work-experience hours
        # come from the plugins' own seed_scale, through the records that produce them.
        kinds = [HoursKind.COACHING, HoursKind.OTHER]
        for p in participants:
            day = max(start, p.enrollment_date)
            while day <= today:
                for kind in kinds:
                    if rng.random() < 0.35:
                        status = HoursStatus.APPROVED if rng.random() < 0.9 else HoursStatus.PENDING
                        batch.append(
                            HoursEntry(
                                participant=p,
                                kind=kind,
                                minutes=rng.choice([30, 45, 60, 90, 120, 240]),
                                date=day,
                                source=f"scale:{p.pk}:{kind}:{day.isoformat()}",
                                status=status,
                                decided_by=p.case_manager
                                if status == HoursStatus.APPROVED
                                else None,
                                decided_at=now if status == HoursStatus.APPROVED else None,
                                created_by=p.case_manager,
                            )
                        )
                day += timedelta(days=rng.choice([2, 3, 4]))
        HoursEntry.objects.bulk_create(batch, batch_size=2000)
        return len(batch)
