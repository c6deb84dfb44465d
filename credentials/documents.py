"""The JSON-LD documents the site publishes: credentials, status lists, keys and controllers.

Every URL inside them is absolute, built from PUBLIC_BASE_URL, so they verify anywhere.
"""

import gzip
import hashlib
import secrets
from datetime import UTC, datetime

from django.urls import reverse

from .app_settings import app_settings
from .signing.contexts import CREDENTIALS_V2, DID_V1, MULTIKEY_V1, OPEN_BADGES_V3
from .signing.multibase import decode_base64url, encode_base64url

CREDENTIAL_CONTEXT = [CREDENTIALS_V2, OPEN_BADGES_V3]
CONTROLLER_CONTEXT = [DID_V1, MULTIKEY_V1]


def absolute(path: str) -> str:
    return app_settings.PUBLIC_BASE_URL + path


def credential_url(public_id: str) -> str:
    return absolute(reverse("credentials:public", args=[public_id]))


def issuer_url(issuer) -> str:
    return absolute(reverse("credentials:issuer", args=[issuer.slug]))


def key_url(key) -> str:
    return absolute(reverse("credentials:key", args=[key.issuer.slug, key.key_id]))


def status_list_url(status_list) -> str:
    return absolute(reverse("credentials:status_list", args=[status_list.public_id]))


def achievement_url(achievement) -> str:
    return absolute(reverse("credentials:achievement", args=[achievement.slug]))


def achievement_image_url(achievement) -> str:
    return absolute(reverse("credentials:achievement_image", args=[achievement.slug]))


def xsd_datetime(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def identity_hash(identity: str, salt: str) -> str:
    """OB 3.0 IdentityHash: 'sha256$' + hex SHA-256 of the identity followed by the salt."""
    return "sha256$" + hashlib.sha256((identity + salt).encode("utf-8")).hexdigest()


def recipient_identifiers(participant, display_name: str) -> list[dict]:
    """A salted hash of the e-mail (or account id) and the name the participant chose."""
    salt = secrets.token_hex(8)
    email = (participant.email or participant.user.email or "").strip().lower()
    if email:
        identity, identity_type = email, "emailAddress"
    else:
        identity, identity_type = f"{participant.user.username}", "userName"
    return [
        {
            "type": "IdentityObject",
            "identityHash": identity_hash(identity, salt),
            "identityType": identity_type,
            "hashed": True,
            "salt": salt,
        },
        {
            "type": "IdentityObject",
            "identityHash": display_name,
            "identityType": "name",
            "hashed": False,
        },
    ]


def issuer_profile(issuer) -> dict:
    profile = {
        "id": issuer_url(issuer),
        "type": ["Profile"],
        "name": issuer.name,
        "url": issuer.url,
    }
    if issuer.email:
        profile["email"] = issuer.email
    return profile


def achievement_document(achievement) -> dict:
    document = {
        "id": achievement_url(achievement),
        "type": ["Achievement"],
        "achievementType": achievement.achievement_type,
        "name": achievement.name,
        "description": achievement.description,
        "criteria": {"narrative": achievement.criteria},
        "image": {
            "id": achievement_image_url(achievement),
            "type": "Image",
            "caption": achievement.name,
        },
    }
    if achievement.field_of_study:
        document["fieldOfStudy"] = achievement.field_of_study
    alignments = [
        {
            "type": ["Alignment"],
            "targetName": a.target_name,
            "targetUrl": a.target_url,
            **({"targetFramework": a.target_framework} if a.target_framework else {}),
            **({"targetCode": a.target_code} if a.target_code else {}),
        }
        for a in achievement.alignments.all()
    ]
    if alignments:
        document["alignment"] = alignments
    return document


def achievement_credential(
    *,
    public_id: str,
    issuer,
    achievement,
    participant,
    display_name: str,
    valid_from: datetime,
    valid_until: datetime | None,
    status_list,
    status_index: int,
) -> dict:
    """An unsigned OB 3.0 AchievementCredential (VC Data Model 2.0)."""
    url = credential_url(public_id)
    document = {
        "@context": list(CREDENTIAL_CONTEXT),
        "id": url,
        "type": ["VerifiableCredential", "AchievementCredential"],
        "name": achievement.name,
        "issuer": issuer_profile(issuer),
        "validFrom": xsd_datetime(valid_from),
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": recipient_identifiers(participant, display_name),
            "achievement": achievement_document(achievement),
        },
        "credentialStatus": {
            "id": f"{status_list_url(status_list)}#{status_index}",
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": str(status_index),
            "statusListCredential": status_list_url(status_list),
        },
    }
    if valid_until is not None:
        document["validUntil"] = xsd_datetime(valid_until)
    return document


def encode_bitstring(revoked_indexes, size: int) -> str:
    """GZIP-compressed bitstring, multibase base64url; index 0 is the left-most bit."""
    bits = bytearray(size // 8)
    for index in revoked_indexes:
        bits[index // 8] |= 0x80 >> (index % 8)
    return encode_base64url(gzip.compress(bytes(bits), mtime=0))


def bit_is_set(encoded_list: str, index: int) -> bool:
    bits = gzip.decompress(decode_base64url(encoded_list))
    if index < 0 or index // 8 >= len(bits):
        raise ValueError("Status index outside the list.")
    return bool(bits[index // 8] & (0x80 >> (index % 8)))


def status_list_credential(*, status_list, issuer, revoked_indexes, valid_from: datetime) -> dict:
    url = status_list_url(status_list)
    return {
        "@context": [CREDENTIALS_V2],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer_url(issuer),
        "validFrom": xsd_datetime(valid_from),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": encode_bitstring(revoked_indexes, status_list.size),
        },
    }


def key_document(key) -> dict:
    return {
        "@context": MULTIKEY_V1,
        "id": key_url(key),
        "type": "Multikey",
        "controller": issuer_url(key.issuer),
        "publicKeyMultibase": key.public_key_multibase,
    }


def controller_document(issuer, keys) -> dict:
    """The issuer's controller document: every published key may assert credentials."""
    methods = [{k: v for k, v in key_document(key).items() if k != "@context"} for key in keys]
    return {
        "@context": list(CONTROLLER_CONTEXT),
        "id": issuer_url(issuer),
        "verificationMethod": methods,
        "assertionMethod": [method["id"] for method in methods],
    }
