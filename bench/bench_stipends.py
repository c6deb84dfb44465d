"""Benchmark: compute one pay period for ~500 participants with a program year of history.

Seeds with ``manage.py seed_scale`` (500 participants, a year of ledger rows, and through the
stipends hook a year of approved statements), then times ``statement_run`` for the current
period across every partner organization. Each timed run is rolled back, so every repeat does
the full work (drafts created from nothing); a last run times the refresh of existing drafts.

    .venv/bin/python bench/bench_stipends.py [--repeat 3]

Uses ``DATABASE_URL`` when set; otherwise a SQLite file in the system temp folder, kept between
runs so the seeding is paid once.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


class Rollback(Exception):
    pass


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--participants", type=int, default=500)
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.dev")
    os.environ.setdefault(
        "DATABASE_URL", f"sqlite:///{Path(tempfile.gettempdir()) / 'sector-bench-stipends.sqlite3'}"
    )
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, reset_queries, transaction
    from django.utils import timezone

    from lms.people.models import Organization, User
    from lms.people.roles import Role
    from lms.stipends import services
    from lms.stipends.models import StipendStatement

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    call_command("seed_scale", participants=args.participants, verbosity=0)
    seeded = time.perf_counter() - started

    period = services.pay_period_for(timezone.localdate())
    orgs = list(
        Organization.objects.filter(
            kind=Organization.Kind.PARTNER, participants__isnull=False
        ).distinct()
    )
    coaches = {
        org.pk: User.objects.filter(organization=org, role=Role.CASE_MANAGER).first()
        for org in orgs
    }
    StipendStatement.objects.filter(period=period).delete()  # a clean current period

    def run_all():
        counts = {}
        for org in orgs:
            result = services.statement_run(period=period, organization=org, actor=coaches[org.pk])
            for key, value in result.items():
                counts[key] = counts.get(key, 0) + value
        return counts

    timings, counts, queries = [], {}, 0
    for _ in range(args.repeat):
        reset_queries()
        connection.force_debug_cursor = True
        start = time.perf_counter()
        try:
            with transaction.atomic():
                counts = run_all()
                timings.append(time.perf_counter() - start)
                queries = len(connection.queries)
                raise Rollback
        except Rollback:
            pass
        finally:
            connection.force_debug_cursor = False
    run_all()  # keep drafts, then time a refresh where nothing changed
    start = time.perf_counter()
    refresh_counts = run_all()
    refresh = time.perf_counter() - start

    from lms.hours.models import HoursEntry

    print(f"database: {connection.vendor}")
    print(f"seed (incl. history, skipped when present): {seeded:.1f} s")
    print(
        f"history: {HoursEntry.objects.count()} ledger rows, "
        f"{StipendStatement.objects.filter(status='approved').count()} approved statements"
    )
    print(f"period {period.start}..{period.end}, {len(orgs)} organizations: {counts}")
    print(
        f"compute drafts: median {statistics.median(timings):.3f} s "
        f"(min {min(timings):.3f}, max {max(timings):.3f}, {queries} queries)"
    )
    print(f"refresh unchanged drafts: {refresh:.3f} s {refresh_counts}")
    return statistics.median(timings)


if __name__ == "__main__":
    main()
