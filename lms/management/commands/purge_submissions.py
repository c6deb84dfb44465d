"""``manage.py purge_submissions [--days 30]``: forget old one-time form tokens (daily)."""

from django.core.management.base import BaseCommand

from lms.submissions import submissions_purge


class Command(BaseCommand):
    help = "Delete form-submission tokens older than --days (default 30)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=30)

    def handle(self, *args, days, **options):
        self.stdout.write(f"Forgot {submissions_purge(days=days)} form submissions.")
