"""Foundation: seed_scale, and the staff pages that list participants and pending hours at scale."""

from setup_django import QueryCounter, setup, timed


def main():
    import io
    import time

    setup("foundation")
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from lms.hours.models import HoursEntry
    from lms.people.models import Participant, User

    started = time.perf_counter()
    call_command("seed_scale", force=True, stdout=io.StringIO())
    print(
        f"seed_scale: {time.perf_counter() - started:.1f} s "
        f"({Participant.objects.count()} participants, {HoursEntry.objects.count()} ledger rows)"
    )

    client = Client()
    client.force_login(User.objects.get(username="admin.county"))
    for path in ["/staff/participants/", "/staff/hours/", "/staff/", "/cms/hours_ledger/"]:
        with QueryCounter(connection) as queries:
            assert client.get(path).status_code == 200
        best, median = timed(lambda p=path: client.get(p), repeat=7)
        print(
            f"GET {path}: best {best * 1000:.0f} ms, median {median * 1000:.0f} ms, "
            f"{queries.count} queries"
        )


if __name__ == "__main__":
    main()
