"""Data Integrity proofs with the eddsa-rdfc-2022 cryptosuite (W3C VC Data Integrity EdDSA).

hashData = SHA-256(canonical proof options) || SHA-256(canonical document without proof);
the proof value is the Ed25519 signature of hashData, multibase base58btc.
"""

import copy
import hashlib
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from .canonical import CanonicalizationError, canonicalize
from .multibase import MultibaseError, decode_base58btc, encode_base58btc

CRYPTOSUITE = "eddsa-rdfc-2022"
PROOF_TYPE = "DataIntegrityProof"


class ProofError(ValueError):
    """The proof is missing, malformed or does not match the document."""


@dataclass(frozen=True)
class ProofCheck:
    verification_method: str
    proof_purpose: str
    created: str


def _hash_data(document: dict, proof_options: dict) -> bytes:
    options = dict(proof_options)
    options["@context"] = document["@context"]
    return (
        hashlib.sha256(canonicalize(options).encode("utf-8")).digest()
        + hashlib.sha256(canonicalize(document).encode("utf-8")).digest()
    )


def sign(
    document: dict,
    *,
    private_key: Ed25519PrivateKey,
    verification_method: str,
    created: str,
    proof_purpose: str = "assertionMethod",
) -> dict:
    """A copy of ``document`` with an eddsa-rdfc-2022 proof appended to its ``proof`` array."""
    if "proof" in document:
        raise ProofError("The document already carries a proof.")
    options = {
        "type": PROOF_TYPE,
        "cryptosuite": CRYPTOSUITE,
        "created": created,
        "verificationMethod": verification_method,
        "proofPurpose": proof_purpose,
    }
    signature = private_key.sign(_hash_data(document, options))
    signed = copy.deepcopy(document)
    signed["proof"] = [{**options, "proofValue": encode_base58btc(signature)}]
    return signed


def proof_of(document: dict) -> dict:
    """The single eddsa-rdfc-2022 proof of ``document`` (we issue exactly one)."""
    proofs = document.get("proof")
    if isinstance(proofs, dict):
        proofs = [proofs]
    if not isinstance(proofs, list) or len(proofs) != 1 or not isinstance(proofs[0], dict):
        raise ProofError("Expected exactly one proof.")
    proof = proofs[0]
    if proof.get("type") != PROOF_TYPE or proof.get("cryptosuite") != CRYPTOSUITE:
        raise ProofError("Unsupported proof type or cryptosuite.")
    for field in ("verificationMethod", "proofPurpose", "proofValue", "created"):
        if not isinstance(proof.get(field), str):
            raise ProofError(f"The proof has no {field}.")
    if "@context" in proof and proof["@context"] != document.get("@context"):
        raise ProofError("The proof's context differs from the document's.")
    return proof


def verify(document: dict, public_key: Ed25519PublicKey) -> ProofCheck:
    """Check the document's proof with ``public_key``; raises ProofError when it fails."""
    if not isinstance(document, dict) or "@context" not in document:
        raise ProofError("Not a JSON-LD document.")
    proof = proof_of(document)
    unsigned = {key: value for key, value in document.items() if key != "proof"}
    options = {key: value for key, value in proof.items() if key not in ("proofValue", "@context")}
    try:
        signature = decode_base58btc(proof["proofValue"])
        public_key.verify(signature, _hash_data(unsigned, options))
    except (MultibaseError, InvalidSignature) as exc:
        raise ProofError("The signature does not match the document.") from exc
    except CanonicalizationError as exc:
        raise ProofError(str(exc)) from exc
    return ProofCheck(
        verification_method=proof["verificationMethod"],
        proof_purpose=proof["proofPurpose"],
        created=proof["created"],
    )
