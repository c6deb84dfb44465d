"""Text that goes to a participant's own phone: neutral wording, in their language."""

import re
from urllib.parse import quote

from django.utils import translation
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _


def invitation_text(participant, url: str, expires_at) -> str:
    """The sign-in link message. It never names the program: others may read a phone."""
    with translation.override(participant.preferred_language or "en"):
        return _(
            "Hi %(name)s, here is your link to set up your learning account: %(url)s "
            "It works once, until %(date)s."
        ) % {
            "name": participant.preferred_name,
            "url": url,
            "date": date_format(localtime(expires_at), "DATE_FORMAT"),
        }


def sms_uri(phone: str, body: str) -> str | None:
    """An ``sms:`` link that opens the phone's messages app with ``body`` filled in.

    ``?&body=`` is read by both Android and iOS. None when the number is not usable.
    """
    digits = re.sub(r"\D", "", phone or "")
    if len(digits) < 7 or len(digits) > 15:
        return None
    number = ("+" if phone.strip().startswith("+") else "") + digits
    return f"sms:{number}?&body={quote(body, safe='')}"
