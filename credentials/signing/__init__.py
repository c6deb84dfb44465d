"""Ed25519 keys, JSON-LD canonicalization over bundled contexts, and eddsa-rdfc-2022 proofs."""
