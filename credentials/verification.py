"""Verifying a credential from its JSON: signature, issuer key, status list and dates.

The page for a stored credential runs this on the stored JSON, so a row edited behind the
application's back, or a key that was never published, shows as "cannot be verified".
"""

import hashlib
import json
import logging
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from urllib.parse import urlsplit

from django.core.cache import cache
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from .app_settings import app_settings
from .documents import bit_is_set, issuer_url
from .models import IssuerKey, StatusList
from .signing.keys import public_key_from_multibase
from .signing.proofs import ProofError, proof_of, verify

VERIFIED = "verified"
REVOKED = "revoked"
EXPIRED = "expired"
NOT_YET_VALID = "not_yet_valid"
INVALID = "invalid"

CREDENTIAL_TYPES = {"AchievementCredential", "OpenBadgeCredential"}

logger = logging.getLogger(__name__)


@dataclass
class VerificationResult:
    status: str
    reason: str = ""
    document: dict = field(default_factory=dict)
    issuer: object = None
    valid_from: datetime | None = None
    valid_until: datetime | None = None

    @property
    def is_verified(self) -> bool:
        return self.status == VERIFIED

    @property
    def display_name(self) -> str:
        subject = self.document.get("credentialSubject") or {}
        for item in subject.get("identifier") or []:
            if isinstance(item, dict) and item.get("identityType") == "name":
                return str(item.get("identityHash", ""))
        return ""

    @property
    def issuer_name(self) -> str:
        issuer = self.document.get("issuer")
        return str(issuer.get("name", "")) if isinstance(issuer, dict) else ""

    @property
    def issuer_website(self) -> str:
        issuer = self.document.get("issuer")
        url = issuer.get("url", "") if isinstance(issuer, dict) else ""
        return url if isinstance(url, str) and url.startswith(("https://", "http://")) else ""

    @property
    def achievement(self) -> dict:
        subject = self.document.get("credentialSubject") or {}
        return subject.get("achievement") or {}


class _Invalid(Exception):
    pass


def _local_route(url: str):
    """Resolve one of this site's absolute URLs to (view name, kwargs), or fail."""
    base = app_settings.PUBLIC_BASE_URL
    if not isinstance(url, str) or not url.startswith(base + "/"):
        raise _Invalid(_("It was not issued by this site."))
    path = urlsplit(url[len(base) :]).path
    try:
        match = resolve(path)
    except Resolver404 as exc:
        raise _Invalid(_("It names a key or list this site does not publish.")) from exc
    return match.view_name, match.kwargs


def _key_for(verification_method: str) -> IssuerKey:
    name, kwargs = _local_route(verification_method)
    if name != "credentials:key":
        raise _Invalid(_("Its proof does not name a published key."))
    key = (
        IssuerKey.objects.select_related("issuer")
        .filter(issuer__slug=kwargs["slug"], key_id=kwargs["key_id"])
        .first()
    )
    if key is None:
        raise _Invalid(_("Its proof names a key this site never published."))
    return key


def _check_signature(document: dict) -> IssuerKey:
    try:
        proof = proof_of(document)
    except ProofError as exc:
        raise _Invalid(_("Its proof is missing or malformed.")) from exc
    if proof["proofPurpose"] != "assertionMethod":
        raise _Invalid(_("Its proof was not made to assert a credential."))
    key = _key_for(proof["verificationMethod"])
    memo = _signature_memo_key(document, key)
    if memo in _verified_here or cache.get(memo):
        _verified_here[memo] = True
        return key
    try:
        verify(document, public_key_from_multibase(key.public_key_multibase))
    except (ProofError, ValueError) as exc:
        raise _Invalid(_("Its signature does not match its content.")) from exc
    _remember(memo)
    return key


# A signature check is a pure function of the document and the public key, and costs two
# RDFC canonicalizations; a good result is remembered per content digest and key, here and
# in the shared cache. Only the signature is remembered: the key's own state, the status
# list and the dates are read on every check.
_verified_here: dict[str, bool] = {}
_VERIFIED_HERE_MAX = 4096
_SIGNATURE_TTL = 30 * 24 * 3600


def _signature_memo_key(document: dict, key: IssuerKey) -> str:
    content = json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    digest = hashlib.sha256(content.encode()).hexdigest()
    public = hashlib.sha256(key.public_key_multibase.encode()).hexdigest()[:16]
    return f"credentials:signature:{digest}:{key.pk}:{public}"


def _remember(memo: str) -> None:
    if len(_verified_here) >= _VERIFIED_HERE_MAX:
        _verified_here.clear()
    _verified_here[memo] = True
    cache.set(memo, True, _SIGNATURE_TTL)


def _issuer_id(document: dict) -> str:
    issuer = document.get("issuer")
    return issuer.get("id") if isinstance(issuer, dict) else issuer


@lru_cache(maxsize=256)
def _status_list_signer(signed_text: str) -> int:
    """The issuer whose key signed this exact status-list text (memoized per process by
    content, so an edited list is verified afresh; the list changes only on revocation)."""
    return _check_signature(json.loads(signed_text)).issuer_id


def _is_revoked(document: dict, issuer) -> bool:
    entry = document.get("credentialStatus")
    if entry is None:
        return False
    if not isinstance(entry, dict) or entry.get("type") != "BitstringStatusListEntry":
        raise _Invalid(_("Its status entry is not understood."))
    name, kwargs = _local_route(entry.get("statusListCredential"))
    if name != "credentials:status_list":
        raise _Invalid(_("Its status list is not published by this site."))
    status_list = StatusList.objects.filter(public_id=kwargs["public_id"]).first()
    if status_list is None or not status_list.signed_json:
        raise _Invalid(_("Its status list is not published by this site."))
    list_document = json.loads(status_list.signed_json)
    list_issuer_id = _status_list_signer(status_list.signed_json)
    if list_issuer_id != issuer.pk or _issuer_id(list_document) != issuer_url(issuer):
        raise _Invalid(_("Its status list belongs to another issuer."))
    try:
        index = int(entry.get("statusListIndex"))
        return bit_is_set(list_document["credentialSubject"]["encodedList"], index)
    except (TypeError, ValueError, KeyError, OSError) as exc:
        raise _Invalid(_("Its status could not be read.")) from exc


def _parse_date(value) -> datetime | None:
    if value is None:
        return None
    parsed = parse_datetime(value) if isinstance(value, str) else None
    if parsed is None or parsed.tzinfo is None:
        raise _Invalid(_("Its dates are not valid."))
    return parsed


def verify_credential(document, *, now: datetime | None = None) -> VerificationResult:
    """Verify an AchievementCredential issued by this site; never raises for bad input."""
    if not isinstance(document, dict):
        return VerificationResult(INVALID, str(_("This is not a credential.")))
    try:
        types = document.get("type") or []
        if isinstance(types, str):
            types = [types]
        if not isinstance(types, list) or not all(isinstance(t, str) for t in types):
            raise _Invalid(_("Its type is not a list of names."))
        if "VerifiableCredential" not in types or not CREDENTIAL_TYPES & set(types):
            raise _Invalid(_("This is not an Open Badges credential."))
        key = _check_signature(document)
        if _issuer_id(document) != issuer_url(key.issuer):
            raise _Invalid(_("It was signed by a key of another issuer."))
        valid_from = _parse_date(document.get("validFrom"))
        valid_until = _parse_date(document.get("validUntil"))
        result = VerificationResult(
            VERIFIED,
            document=document,
            issuer=key.issuer,
            valid_from=valid_from,
            valid_until=valid_until,
        )
        now = now or timezone.now()
        if _is_revoked(document, key.issuer):
            result.status = REVOKED
        elif valid_until is not None and valid_until <= now:
            result.status = EXPIRED
        elif valid_from is not None and valid_from > now:
            result.status = NOT_YET_VALID
        return result
    except _Invalid as exc:
        return VerificationResult(INVALID, str(exc.args[0]), document=document)
    except (TypeError, ValueError, KeyError, AttributeError, IndexError, RecursionError):
        # A field of an unexpected shape deep inside (a proof or date that is an object...).
        logger.info("A credential of unexpected shape could not be read", exc_info=True)
        return VerificationResult(
            INVALID, str(_("Its content has an unexpected shape.")), document=document
        )
