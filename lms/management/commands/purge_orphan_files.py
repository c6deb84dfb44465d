"""Report (and with --delete remove) stored files that no row owns: see lms/orphans.py."""

from datetime import timedelta

from django.core.management.base import BaseCommand

from lms.orphans import delete_orphan, find_orphans


class Command(BaseCommand):
    help = "List stored files that no database row owns; --delete removes them."

    def add_arguments(self, parser):
        parser.add_argument("--delete", action="store_true", help="Delete them (default: list).")
        parser.add_argument(
            "--min-age-minutes",
            type=int,
            default=60,
            help="Leave files younger than this alone: they may belong to an open transaction.",
        )

    def handle(self, *args, delete=False, min_age_minutes=60, **options):
        count = size = 0
        for orphan in find_orphans(min_age=timedelta(minutes=max(min_age_minutes, 0))):
            count += 1
            size += orphan.size
            self.stdout.write(f"{orphan.alias}:{orphan.name}  ({orphan.label}, {orphan.size} B)")
            if delete:
                delete_orphan(orphan)
        verb = "Deleted" if delete else "Found"
        self.stdout.write(self.style.SUCCESS(f"{verb} {count} orphaned files ({size} bytes)."))
        if count and not delete:
            self.stdout.write("Run again with --delete to remove them.")
