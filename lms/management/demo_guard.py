"""Demo data carries a public password and a shared TOTP secret: never in production."""

from django.conf import settings
from django.core.management.base import CommandError


def add_force_argument(parser) -> None:
    parser.add_argument(
        "--force",
        action="store_true",
        help="Seed even though DEBUG is off (a throwaway test or benchmark database only).",
    )


def refuse_without_debug(force: bool) -> None:
    """Stop unless DEBUG is on or the caller said ``--force``."""
    if settings.DEBUG or force:
        return
    raise CommandError(
        "DEBUG is off, so this looks like a real deployment. Demo accounts share a public "
        "password and TOTP secret and must never exist there. Create the first program "
        "admin with `manage.py create_program_admin` instead, or pass --force on a "
        "throwaway database."
    )
