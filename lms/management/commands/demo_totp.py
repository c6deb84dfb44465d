"""Print the current sign-in code for the demo staff accounts (demo secret only)."""

import time

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core.management.base import BaseCommand

from lms.people.demo import DEMO_TOTP_SECRET


class Command(BaseCommand):
    help = "Show the current six-digit code for the demo staff TOTP secret."

    def handle(self, *args, **options):
        counter = int(time.time()) // 30
        self.stdout.write(format_hotp_value(hotp_value(DEMO_TOTP_SECRET, counter)))
