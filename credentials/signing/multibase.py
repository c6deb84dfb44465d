"""Multibase base58btc ('z') and base64url ('u') encodings used by Data Integrity and Multikey."""

import base64

_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_INDEX = {char: i for i, char in enumerate(_ALPHABET)}

ED25519_PUBLIC_PREFIX = b"\xed\x01"  # multicodec ed25519-pub, varint-encoded


class MultibaseError(ValueError):
    """A value is not valid multibase for the expected encoding."""


def b58encode(data: bytes) -> str:
    number = int.from_bytes(data, "big")
    out = []
    while number:
        number, rem = divmod(number, 58)
        out.append(_ALPHABET[rem])
    leading = len(data) - len(data.lstrip(b"\0"))
    return "1" * leading + "".join(reversed(out))


def b58decode(text: str) -> bytes:
    number = 0
    for char in text:
        if char not in _INDEX:
            raise MultibaseError("Invalid base58btc character.")
        number = number * 58 + _INDEX[char]
    leading = len(text) - len(text.lstrip("1"))
    body = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    return b"\0" * leading + body


def encode_base58btc(data: bytes) -> str:
    return "z" + b58encode(data)


def decode_base58btc(value: str) -> bytes:
    if not isinstance(value, str) or not value.startswith("z"):
        raise MultibaseError("Expected a base58btc multibase value (prefix 'z').")
    return b58decode(value[1:])


def encode_base64url(data: bytes) -> str:
    return "u" + base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def decode_base64url(value: str) -> bytes:
    if not isinstance(value, str) or not value.startswith("u"):
        raise MultibaseError("Expected a base64url multibase value (prefix 'u').")
    body = value[1:]
    try:
        return base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
    except ValueError as exc:
        raise MultibaseError("Invalid base64url value.") from exc
