"""Ed25519 key pairs: generation, Multikey encoding, and encryption of private keys at rest.

Private keys are only ever held encrypted (Fernet, AES-128-CBC + HMAC-SHA256) with the key
from ``CREDENTIALS_KEY_ENCRYPTION_KEY``; they are never logged or written to fixtures.
"""

import base64
import os
from dataclasses import dataclass

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from .multibase import ED25519_PUBLIC_PREFIX, MultibaseError, decode_base58btc, encode_base58btc


class KeyDecryptionError(Exception):
    """The stored private key cannot be decrypted with the configured key-encryption key."""


@dataclass(frozen=True)
class GeneratedKey:
    public_key_multibase: str
    encrypted_private_key: str


def _key_encryption_key() -> bytes:
    configured = getattr(settings, "CREDENTIALS_KEY_ENCRYPTION_KEY", "")
    if configured:
        return configured.encode("ascii")
    # override_settings hides settings.SETTINGS_MODULE, so read the environment.
    module = os.environ.get("DJANGO_SETTINGS_MODULE", "")
    if settings.DEBUG or module.endswith(".test"):
        # Development and tests only: a throwaway key derived from SECRET_KEY.
        derived = HKDF(
            algorithm=hashes.SHA256(), length=32, salt=None, info=b"sector-credentials-kek"
        ).derive(settings.SECRET_KEY.encode())
        return base64.urlsafe_b64encode(derived)
    raise ImproperlyConfigured(
        "CREDENTIALS_KEY_ENCRYPTION_KEY is required to sign credentials "
        "(generate one with: python -c 'from cryptography.fernet import Fernet; "
        "print(Fernet.generate_key().decode())')."
    )


def _fernet() -> Fernet:
    try:
        return Fernet(_key_encryption_key())
    except ValueError as exc:
        raise ImproperlyConfigured(
            "CREDENTIALS_KEY_ENCRYPTION_KEY must be a urlsafe base64-encoded 32-byte key."
        ) from exc


def public_key_multibase(public_key: Ed25519PublicKey) -> str:
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return encode_base58btc(ED25519_PUBLIC_PREFIX + raw)


def public_key_from_multibase(value: str) -> Ed25519PublicKey:
    try:
        data = decode_base58btc(value)
    except MultibaseError as exc:
        raise ValueError("Not a Multikey public key.") from exc
    if not data.startswith(ED25519_PUBLIC_PREFIX) or len(data) != 34:
        raise ValueError("Not an Ed25519 Multikey public key.")
    return Ed25519PublicKey.from_public_bytes(data[2:])


def generate_key() -> GeneratedKey:
    private = Ed25519PrivateKey.generate()
    raw = private.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    return GeneratedKey(
        public_key_multibase=public_key_multibase(private.public_key()),
        encrypted_private_key=_fernet().encrypt(raw).decode("ascii"),
    )


def load_private_key(encrypted_private_key: str) -> Ed25519PrivateKey:
    try:
        raw = _fernet().decrypt(encrypted_private_key.encode("ascii"))
    except InvalidToken as exc:
        raise KeyDecryptionError("The signing key cannot be decrypted.") from exc
    return Ed25519PrivateKey.from_private_bytes(raw)
