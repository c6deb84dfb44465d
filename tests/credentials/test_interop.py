"""Outside checks: Digital Bazaar's verifier (Node) and 1EdTech's JSON Schema.

A changed byte in a credential, or in its baked PNG, must fail both ours and theirs.
"""

import copy
import json
import struct
from pathlib import Path

import jsonschema
import pytest

from credentials.images import unbake
from credentials.services import credential_revoke, issuer_key_rotate
from credentials.verification import verify_credential

SCHEMA_FILE = Path(__file__).with_name("schema") / "ob_v3p0_achievementcredential_schema.json"


@pytest.fixture(scope="module")
def schema():
    published = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    # The OB 3.0 final / VC DM 2.0 edition: validFrom instead of issuanceDate; proof required,
    # as an array (see schema/README.md). Nothing else is changed.
    published["required"] = [r for r in published["required"] if r != "issuanceDate"] + [
        "validFrom",
        "proof",
    ]
    published["properties"]["validFrom"] = {"type": "string", "format": "date-time"}
    published["properties"]["validUntil"] = {"type": "string", "format": "date-time"}
    published["properties"]["proof"] = {
        "type": "array",
        "minItems": 1,
        "items": {"$ref": "#/$defs/Proof"},
    }
    jsonschema.Draft201909Validator.check_schema(published)
    return published


def schema_errors(schema, document) -> list[str]:
    validator = jsonschema.Draft201909Validator(
        schema, format_checker=jsonschema.Draft201909Validator.FORMAT_CHECKER
    )
    return [error.message for error in validator.iter_errors(document)]


def test_credential_matches_1edtech_schema(schema, credential):
    assert schema_errors(schema, json.loads(credential.signed_json)) == []


def test_schema_catches_a_missing_proof_or_valid_from(schema, credential):
    document = json.loads(credential.signed_json)
    for field in ("proof", "validFrom", "id"):
        broken = copy.deepcopy(document)
        del broken[field]
        assert schema_errors(schema, broken), field
    broken = copy.deepcopy(document)
    broken["proof"] = broken["proof"][0]
    assert schema_errors(schema, broken)


def test_digital_bazaar_verifies_our_credential(node_verify, credential):
    result = node_verify(json.loads(credential.signed_json))
    assert result == {"verified": True, "revoked": False, "errors": [], "exit_code": 0}


def test_digital_bazaar_rejects_a_changed_byte(node_verify, credential):
    text = credential.signed_json
    position = text.index('"Forklift') + 1
    changed = text[:position] + "G" + text[position + 1 :]
    document = json.loads(changed)
    assert verify_credential(document).status == "invalid"
    result = node_verify(document)
    assert result["verified"] is False and result["exit_code"] == 1


def test_digital_bazaar_sees_revocation(node_verify, credential, partner_admin):
    credential_revoke(actor=partner_admin, credential=credential, reason="error")
    result = node_verify(json.loads(credential.signed_json))
    assert result["verified"] is False and result["revoked"] is True


def test_digital_bazaar_verifies_after_key_rotation(
    node_verify, credential, partner_admin, participant, issue
):
    issuer_key_rotate(actor=partner_admin, issuer=credential.issuer)
    newer = issue(participant)
    assert node_verify(json.loads(credential.signed_json))["verified"] is True
    assert node_verify(json.loads(newer.signed_json))["verified"] is True


def _itxt_text(png: bytes) -> str:
    """The credential text read straight from the iTXt chunk, without checking its CRC."""
    position = 8
    while position < len(png):
        (length,) = struct.unpack(">I", png[position : position + 4])
        kind = png[position + 4 : position + 8]
        data = png[position + 8 : position + 8 + length]
        if kind == b"iTXt" and data.startswith(b"openbadgecredential\0"):
            rest = data[len(b"openbadgecredential\0") + 2 :]
            _language, _translated, text = rest.split(b"\0", 2)
            return text.decode("utf-8")
        position += 12 + length
    raise AssertionError("no openbadgecredential chunk")


def test_baked_png_verifies_and_a_changed_byte_fails_both(node_verify, credential, client, schema):
    png = client.get(f"/credentials/c/{credential.public_id}.png").content
    baked = json.loads(unbake(png))
    assert verify_credential(baked).status == "verified"
    assert schema_errors(schema, baked) == []
    assert node_verify(baked)["verified"] is True

    position = png.index(b'"Forklift') + 1
    changed = png[:position] + b"G" + png[position + 1 :]
    # Ours: the PNG's CRC no longer matches, or the signature does not.
    try:
        ours = verify_credential(json.loads(unbake(changed))).status
    except ValueError:
        ours = "unreadable"
    assert ours in {"invalid", "unreadable"}
    # Theirs: read the text without any CRC check, the signature must still fail.
    assert node_verify(json.loads(_itxt_text(changed)))["verified"] is False
