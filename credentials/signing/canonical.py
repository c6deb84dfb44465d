"""RDF Dataset Canonicalization (RDFC-1.0, the URDNA2015 algorithm) in strict mode.

A property that the active contexts do not define would silently vanish from the signed
statements, so here it is an error, as are relative type IRIs.
"""

from pyld import jsonld
from pyld.jsonld import JsonLdError

from .contexts import document_loader


class CanonicalizationError(ValueError):
    """The document cannot be canonicalized safely."""


def _refuse_dropped(term):
    raise CanonicalizationError(f"The term {term!r} is not defined by the document's contexts.")


def canonicalize(document: dict) -> str:
    """Canonical N-Quads of ``document``; raises CanonicalizationError for undefined terms."""
    processor = jsonld.JsonLdProcessor(on_property_dropped=_refuse_dropped)
    options = {
        "algorithm": "URDNA2015",
        "format": "application/n-quads",
        "documentLoader": document_loader,
        "base": "",
    }
    try:
        nquads = processor.normalize(document, options)
    except JsonLdError as exc:
        cause = exc
        while cause is not None:
            if isinstance(cause, CanonicalizationError):
                raise cause from exc
            cause = cause.__cause__ or getattr(cause, "cause", None)
            if not isinstance(cause, BaseException):
                cause = None
        raise CanonicalizationError(f"The document is not valid JSON-LD: {exc}") from exc
    _refuse_relative_iris(nquads)
    return nquads


# VC 2.0's @vocab maps every undefined term here instead of dropping it.
ISSUER_DEPENDENT = "<https://www.w3.org/ns/credentials/issuer-dependent#"


def _refuse_relative_iris(nquads: str) -> None:
    if ISSUER_DEPENDENT in nquads:
        term = nquads.split(ISSUER_DEPENDENT, 1)[1].split(">", 1)[0]
        raise CanonicalizationError(f"The term {term!r} is not defined by the document's contexts.")
    for line in nquads.splitlines():
        for part in line.split(" "):
            if part.startswith("<") and part.endswith(">") and ":" not in part:
                raise CanonicalizationError(f"Relative IRI {part} in the document.")
