"""The JSON-LD contexts this site understands, bundled with the code and never fetched."""

import json
from functools import cache
from pathlib import Path

from pyld.jsonld import JsonLdError

CONTEXTS_DIR = Path(__file__).resolve().parent.parent / "contexts"

CREDENTIALS_V2 = "https://www.w3.org/ns/credentials/v2"
OPEN_BADGES_V3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
DATA_INTEGRITY_V2 = "https://w3id.org/security/data-integrity/v2"
MULTIKEY_V1 = "https://w3id.org/security/multikey/v1"
DID_V1 = "https://www.w3.org/ns/did/v1"

BUNDLED = {
    CREDENTIALS_V2: "credentials-v2.jsonld",
    OPEN_BADGES_V3: "ob-v3p0-context-3.0.3.jsonld",
    DATA_INTEGRITY_V2: "data-integrity-v2.jsonld",
    MULTIKEY_V1: "multikey-v1.jsonld",
    DID_V1: "did-v1.jsonld",
}


@cache
def bundled_context(url: str) -> dict:
    return json.loads((CONTEXTS_DIR / BUNDLED[url]).read_text(encoding="utf-8"))


def document_loader(url, options=None):
    """Serve only the bundled contexts; anything else is an error, never a network fetch."""
    if url not in BUNDLED:
        raise JsonLdError(
            f"Context {url!r} is not bundled with this site.",
            "jsonld.LoadDocumentError",
            code="loading document failed",
        )
    return {"contextUrl": None, "documentUrl": url, "document": bundled_context(url)}
