"""Keys, canonicalization and eddsa-rdfc-2022 proofs, independent of the database."""

import copy

import pytest
from django.core.exceptions import ImproperlyConfigured

from credentials.signing import keys
from credentials.signing.canonical import CanonicalizationError, canonicalize
from credentials.signing.contexts import CREDENTIALS_V2, OPEN_BADGES_V3
from credentials.signing.multibase import b58decode, b58encode
from credentials.signing.proofs import ProofError, sign, verify

DOCUMENT = {
    "@context": [CREDENTIALS_V2, OPEN_BADGES_V3],
    "id": "https://learn.example.org/credentials/c/abc",
    "type": ["VerifiableCredential", "AchievementCredential"],
    "name": "Forklift Safety",
    "issuer": {
        "id": "https://learn.example.org/credentials/issuers/north",
        "type": ["Profile"],
        "name": "North",
        "url": "https://north.example.org",
    },
    "validFrom": "2026-01-01T00:00:00Z",
    "credentialSubject": {
        "type": ["AchievementSubject"],
        "achievement": {
            "id": "https://learn.example.org/credentials/achievements/forklift",
            "type": ["Achievement"],
            "name": "Forklift Safety",
            "description": "Operates a forklift safely.",
            "criteria": {"narrative": "Passed the tests."},
        },
    },
}
KEY_URL = "https://learn.example.org/credentials/issuers/north/keys/key-1"


@pytest.fixture
def private_key():
    return keys.load_private_key(keys.generate_key().encrypted_private_key)


def test_base58_round_trip_keeps_leading_zero_bytes():
    for data in (b"", b"\0\0abc", bytes(range(40))):
        assert b58decode(b58encode(data)) == data


def test_multikey_encodes_an_ed25519_public_key(private_key):
    encoded = keys.public_key_multibase(private_key.public_key())
    assert encoded.startswith("z6Mk")
    assert keys.public_key_from_multibase(encoded).public_bytes_raw() == (
        private_key.public_key().public_bytes_raw()
    )


def test_private_keys_are_stored_encrypted_only():
    generated = keys.generate_key()
    private = keys.load_private_key(generated.encrypted_private_key)
    raw = private.private_bytes_raw()
    assert raw.hex() not in generated.encrypted_private_key
    assert raw not in generated.encrypted_private_key.encode()


def test_a_different_key_encryption_key_cannot_decrypt(settings):
    generated = keys.generate_key()
    settings.CREDENTIALS_KEY_ENCRYPTION_KEY = "A" * 43 + "="
    with pytest.raises(keys.KeyDecryptionError):
        keys.load_private_key(generated.encrypted_private_key)


def test_production_requires_a_key_encryption_key(settings, monkeypatch):
    settings.CREDENTIALS_KEY_ENCRYPTION_KEY = ""
    settings.DEBUG = False
    monkeypatch.setenv("DJANGO_SETTINGS_MODULE", "lms.settings.production")
    with pytest.raises(ImproperlyConfigured):
        keys.generate_key()


def test_signed_document_verifies_and_proof_is_an_array(private_key):
    signed = sign(
        DOCUMENT,
        private_key=private_key,
        verification_method=KEY_URL,
        created="2026-01-01T00:00:00Z",
    )
    assert isinstance(signed["proof"], list)
    assert signed["proof"][0]["cryptosuite"] == "eddsa-rdfc-2022"
    assert signed["proof"][0]["proofValue"].startswith("z")
    assert verify(signed, private_key.public_key()).verification_method == KEY_URL


@pytest.mark.parametrize(
    "edit",
    [
        lambda d: d.__setitem__("name", "Forklift Safety!"),
        lambda d: d["credentialSubject"]["achievement"].__setitem__("name", "Crane Operator"),
        lambda d: d.__setitem__("validFrom", "2025-01-01T00:00:00Z"),
        lambda d: d["proof"][0].__setitem__("created", "2026-01-02T00:00:00Z"),
    ],
)
def test_any_edit_breaks_the_signature(private_key, edit):
    signed = sign(
        DOCUMENT,
        private_key=private_key,
        verification_method=KEY_URL,
        created="2026-01-01T00:00:00Z",
    )
    edited = copy.deepcopy(signed)
    edit(edited)
    with pytest.raises(ProofError):
        verify(edited, private_key.public_key())


def test_another_key_does_not_verify(private_key):
    signed = sign(
        DOCUMENT,
        private_key=private_key,
        verification_method=KEY_URL,
        created="2026-01-01T00:00:00Z",
    )
    other = keys.load_private_key(keys.generate_key().encrypted_private_key)
    with pytest.raises(ProofError):
        verify(signed, other.public_key())


def test_an_undefined_term_is_an_error_not_silently_dropped():
    document = copy.deepcopy(DOCUMENT)
    document["credentialSubject"]["achievement"]["favouriteColour"] = "blue"
    with pytest.raises(CanonicalizationError, match="favouriteColour"):
        canonicalize(document)
    document = copy.deepcopy(DOCUMENT)
    document["nickname"] = "x"
    with pytest.raises(CanonicalizationError, match="nickname"):
        canonicalize(document)


def test_contexts_are_never_fetched():
    document = copy.deepcopy(DOCUMENT)
    document["@context"] = [*DOCUMENT["@context"], "https://example.org/evil-context.json"]
    with pytest.raises(CanonicalizationError, match="not valid JSON-LD"):
        canonicalize(document)


def test_canonical_form_is_independent_of_key_order():
    reordered = dict(reversed(list(DOCUMENT.items())))
    assert canonicalize(reordered) == canonicalize(DOCUMENT)
