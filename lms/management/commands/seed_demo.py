"""Seed the demo: organizations, people, hours, then every plugin's own demo content.

Idempotent: running it again finds what exists and adds only what is missing.
A plugin joins in by giving its AppConfig a ``seed_demo(self, stdout)`` method.
"""

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from lms.hours.demo import seed_hours
from lms.management.demo_guard import add_force_argument, refuse_without_debug
from lms.people.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET, seed_people


class Command(BaseCommand):
    help = "Create or complete the demo data (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--quiet-logins", action="store_true", help="Do not print logins.")
        add_force_argument(parser)

    def handle(self, *args, quiet_logins=False, force=False, **options):
        refuse_without_debug(force)
        with transaction.atomic():
            rows = seed_people(self.stdout)
            seed_hours(self.stdout)
        for config in apps.get_app_configs():
            seeder = getattr(config, "seed_demo", None)
            if callable(seeder):
                with transaction.atomic():
                    seeder(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data is ready."))
        if quiet_logins:
            return
        self.stdout.write(f"\nDemo password for every account: {DEMO_PASSWORD}")
        self.stdout.write(
            f"Staff sign-in asks for a code: use the TOTP secret {DEMO_TOTP_SECRET}"
            " in an authenticator app, or `python manage.py demo_totp`"
            " (with DEBUG on, the code 123456 is also accepted)."
        )
        width = max(len(r[0]) for r in rows)
        for username, role, org in rows:
            self.stdout.write(f"  {username.ljust(width)}  {role:<15} {org}")
