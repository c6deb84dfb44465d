"""Create a real deployment's first county program admin, with TOTP set up.

Asks for the password (never an argument: it would land in the shell history), checks it
with the site's password validators, and prints the TOTP enrollment URI (and a QR code to
scan from the terminal) and the recovery codes, once.
"""

import getpass
import io
import os

import qrcode
from allauth.mfa.adapter import get_adapter
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from lms.people.services import program_admin_create

PASSWORD_ENV = "PROGRAM_ADMIN_PASSWORD"  # noqa: S105 - the name of a variable, not a password


class Command(BaseCommand):
    help = "Create the first county program admin (asks for the password, sets up TOTP)."

    def add_arguments(self, parser):
        parser.add_argument("--username")
        parser.add_argument("--email")
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")
        parser.add_argument(
            "--no-input",
            action="store_true",
            help=f"Ask nothing: needs --username and --email, and the password in ${PASSWORD_ENV}.",
        )
        parser.add_argument("--no-qr", action="store_true", help="Do not draw the QR code.")

    def handle(self, *args, **options):
        interactive = not options["no_input"]
        username = options["username"] or (interactive and input("Username: ").strip())
        email = options["email"] or (interactive and input("E-mail: ").strip())
        if not username or not email:
            raise CommandError("A username and an e-mail address are required.")
        while True:
            password = self._password(interactive)
            try:
                user, secret, codes = program_admin_create(
                    username=username,
                    email=email,
                    password=password,
                    first_name=options["first_name"],
                    last_name=options["last_name"],
                )
            except ValidationError as error:
                messages = " ".join(error.messages)
                if interactive and not getattr(error, "error_dict", None):
                    # A weak password: ask again.
                    self.stderr.write(messages)
                    continue
                raise CommandError(messages) from error
            break
        uri = get_adapter().build_totp_url(user, secret)
        self.stdout.write(self.style.SUCCESS(f"Program admin {user.username} created."))
        self.stdout.write(
            "\nAdd this account to an authenticator app (scan the code, or open the link on "
            "the phone):\n"
        )
        self.stdout.write(uri)
        if not options["no_qr"]:
            self.stdout.write(self._qr(uri))
        self.stdout.write(f"Or type the secret: {secret}\n")
        self.stdout.write(
            "Recovery codes (each works once if the phone is lost; keep them somewhere safe):"
        )
        for code in codes:
            self.stdout.write(f"  {code}")
        login = settings.PUBLIC_BASE_URL + reverse("account_login")
        self.stdout.write(f"\nSign in at {login} with the password and a code from the app.")

    def _password(self, interactive: bool) -> str:
        if not interactive:
            password = os.environ.get(PASSWORD_ENV, "")
            if not password:
                raise CommandError(f"Set ${PASSWORD_ENV} to the password when using --no-input.")
            return password
        while True:
            password = getpass.getpass("Password: ")
            if password and password == getpass.getpass("Password (again): "):
                return password
            self.stderr.write("The passwords were empty or not the same. Try again.")

    @staticmethod
    def _qr(data: str) -> str:
        code = qrcode.QRCode(border=2)
        code.add_data(data)
        out = io.StringIO()
        code.print_ascii(out=out, invert=True)
        return "\n" + out.getvalue()
