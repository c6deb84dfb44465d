"""Fair chance: public credential text never reveals justice involvement, a reentry or
diversion program as such, or health information (California Fair Chance Act; 42 CFR Part 2).
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

FORBIDDEN_TERMS = (
    "reentry",
    "re-entry",
    "diversion",
    "recidivism",
    "justice",
    "incarcerat",
    "prison",
    "jail",
    "parole",
    "probation",
    "convict",
    "offender",
    "offense",
    "offending",
    "arrest",
    "criminal",
    "felon",
    "inmate",
    "custody",
    "court",
    "mental health",
    "substance",
    "addiction",
    "recovery",
    "sobriety",
    "behavioral intervention",
    "cognitive behavioral",
    "therapy",
    "diagnos",
)
_PATTERN = re.compile("|".join(re.escape(term) for term in FORBIDDEN_TERMS), re.IGNORECASE)


def forbidden_terms_in(text: str) -> list[str]:
    """The forbidden terms found in ``text`` (lower case, in order of appearance)."""
    return [match.group(0).lower() for match in _PATTERN.finditer(text or "")]


def check_public_text(**fields: str) -> None:
    """Raise ValidationError naming each public field that contains a forbidden term."""
    errors = {}
    for name, value in fields.items():
        found = forbidden_terms_in(value)
        if found:
            errors[name] = _(
                "Public credential text must not mention %(terms)s: employers see it, and it "
                "could reveal a person's history or health."
            ) % {"terms": ", ".join(sorted(set(found)))}
    if errors:
        raise ValidationError(errors)
