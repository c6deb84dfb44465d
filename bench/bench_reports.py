"""Reports: the program dashboard and the quarterly export for ~500 participants with a program
year of ledger rows (``manage.py seed_scale``), timed and with their query counts.

Run: ``.venv/bin/python bench/bench_reports.py`` (SQLite file in the temp folder, reused between
runs; ``BENCH_DATABASE_URL=postgres://...`` for PostgreSQL).
"""

import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup() -> None:
    sys.path.insert(0, str(ROOT))
    url = os.environ.get("BENCH_DATABASE_URL")
    if not url:
        folder = Path(tempfile.gettempdir()) / "sector-bench"
        folder.mkdir(exist_ok=True)
        url = f"sqlite:///{folder / 'reports.sqlite3'}"
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.test")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def measure(client, path, params, repeat=5):
    """Status, query count of one request, then best and median time of ``repeat`` more."""
    from django.db import connection

    queries = []

    def count(execute, sql, *args):
        queries.append(sql)
        return execute(sql, *args)

    with connection.execute_wrapper(count):
        response = client.get(path, params)
    assert response.status_code == 200, (path, response.status_code)
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        client.get(path, params)
        times.append(time.perf_counter() - started)
    return len(queries), min(times), statistics.median(times), len(response.content)


def main():
    setup()
    from django.core.management import call_command
    from django.test import Client
    from django.utils import timezone

    from lms.hours.models import HoursEntry
    from lms.people.models import Participant, User
    from lms.reports.periods import program_quarter, program_year

    started = time.perf_counter()
    call_command("seed_scale", force=True, stdout=io.StringIO())
    print(
        f"seed_scale: {time.perf_counter() - started:.1f} s "
        f"({Participant.objects.count()} participants, {HoursEntry.objects.count()} ledger rows)"
    )
    from django.db import connection

    # Fresh bulk-loaded tables have no planner statistics until autovacuum (PostgreSQL) or an
    # ANALYZE (SQLite) gathers them; without them PostgreSQL picks nested loops (seconds, not
    # milliseconds). A production database has them.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    today = timezone.localdate()
    quarter = program_quarter(today)
    year_ago = today.replace(year=today.year - 1)
    last_year = {"start": year_ago.isoformat(), "end": today.isoformat()}
    ranges = {
        "this quarter": {"start": quarter.start.isoformat(), "end": quarter.end.isoformat()},
        "program year": {
            "start": program_year(today).start.isoformat(),
            "end": program_year(today).end.isoformat(),
        },
        "last 12 months": last_year,
    }
    for username in ["admin.county", "admin.chrysalis"]:
        client = Client()
        client.force_login(User.objects.get(username=username))
        for label, params in ranges.items():
            queries, best, median, size = measure(client, "/staff/reports/", params)
            print(
                f"{username} dashboard ({label}): best {best * 1000:.0f} ms, "
                f"median {median * 1000:.0f} ms, {queries} queries, {size // 1024} KiB"
            )
        queries, best, median, size = measure(
            client, "/staff/reports/export.xlsx", last_year, repeat=3
        )
        print(
            f"{username} XLSX export (last 12 months): best {best * 1000:.0f} ms, "
            f"median {median * 1000:.0f} ms, {queries} queries, {size // 1024} KiB"
        )


if __name__ == "__main__":
    main()
