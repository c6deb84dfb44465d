"""``manage.py reconcile [--dry-run]``: make the consequences of recorded facts complete."""

from django.core.management.base import BaseCommand

from lms.audit.services import audit_record
from lms.reconcile import reconcile


class Command(BaseCommand):
    help = (
        "Replay completions, placements and credentials to their subscribers (milestones, "
        "incentives, credentials); what is missing is made once, what exists stays."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would be added; keep nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        report = reconcile(dry_run=dry_run)
        verb = "Would add" if dry_run else "Added"
        facts = ", ".join(f"{name} {count}" for name, count in sorted(report.replayed.items()))
        self.stdout.write(f"Facts replayed: {facts or 'none'}.")
        self.stdout.write(
            f"{verb} {report.milestones_added} milestones and "
            f"{report.credentials_added} credentials."
        )
        for failure in report.failed:
            self.stderr.write(f"Failed: {failure}")
        if not dry_run:
            audit_record(
                None,
                "events.reconcile",
                message=(
                    f"Reconcile added {report.milestones_added} milestones, "
                    f"{report.credentials_added} credentials; {len(report.failed)} failed"
                ),
            )
        if report.failed:
            raise SystemExit(1)
