"""Test helpers: random certificates over many scripts, and an independent verifier.

The independent verifier shares no code with the library: pyld's own URDNA2015
normalisation (not pyoxigraph), contexts read straight from the shipped files, and
``cryptography`` for Ed25519 — so a signature it accepts is one another implementation
of the specification would accept.
"""

from __future__ import annotations

import copy
import hashlib
import json
import random
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import base58
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from pyld import jsonld

from certificates.credentials import Alignment, CredentialFields

PACKAGE = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
_CONTEXT_FILES = {
    "https://www.w3.org/ns/credentials/v2": "credentials-v2.jsonld",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json": "ob-context-3.0.3.jsonld",
}

NAMES = {
    "latin": ["Amélie Dubois", "Jean-Luc O'Brien", "Zoë Łukasiewicz", "Ngozi Okonjo"],
    "devanagari": ["अनन्या शर्मा", "राजेश कुमार", "श्रीनिवास रामानुजन्"],
    "arabic": ["فاطمة الزهراء", "محمد بن راشد", "ليلى عبد الله"],
    "cjk": ["王小明", "山田太郎", "김민준", "陳美玲"],
}
EDGES = [
    '"',
    "\\",
    "\n",
    "\r\n",
    "\t",
    "🎓",
    "\u200f",
    "\u202e",
    "'",
    "<>",
    "&",
    " ",
    "\u00a0",
    "ﷺ",
]


def official_example() -> dict:
    return json.loads((DATA / "signed-credential.json").read_text(encoding="utf-8"))


def fields(**overrides) -> CredentialFields:
    """A plain, valid certificate; override any field."""
    values = {
        "credential_id": "https://learn.example.gov/verify/ABC123/",
        "issuer_id": "did:web:learn.example.gov",
        "issuer_name": "National Civil Service Learning",
        "issuer_url": "https://learn.example.gov/",
        "learner_name": "अनन्या शर्मा",
        "learner_id": "urn:uuid:6f1c2a4e-0000-4000-8000-000000000001",
        "achievement_id": "https://learn.example.gov/credentials/achievements/42/",
        "achievement_name": "Public Procurement Essentials",
        "achievement_description": "Principles of transparent public procurement.",
        "criteria_narrative": "Completed every module and passed the final assessment.",
        "credited_hours": Decimal("6.5"),
        "alignments": (
            Alignment(
                target_url="https://learn.example.gov/case/items/1f0e-procurement",
                target_name="Procurement",
                target_code="PROC-1",
                target_framework="National Competency Framework",
            ),
        ),
        "valid_from": datetime(2026, 12, 1, 9, 30, tzinfo=UTC),
        "status_list_credential": "https://learn.example.gov/credentials/status/1/",
        "status_list_index": 7,
        "language": "en",
    }
    values.update(overrides)
    return CredentialFields(**values)


def _text(rng: random.Random, script: str, minimum: int = 1) -> str:
    parts = [rng.choice(NAMES[script])]
    for _ in range(rng.randint(0, 4)):
        parts.append(rng.choice([*EDGES, rng.choice(NAMES[rng.choice(list(NAMES))])]))
    text = "".join(parts)
    if rng.random() < 0.1:
        text = text * rng.randint(5, 40)  # long
    return text if len(text.strip()) >= minimum else text + "x"


def random_fields(rng: random.Random) -> CredentialFields:
    """A random valid certificate: scripts, lengths, 0–8 alignments, odd hours."""
    script = rng.choice(list(NAMES))
    number = rng.randrange(10**9)
    odd_hours = Decimal(rng.randrange(0, 100000)) / Decimal(100)
    hours = rng.choice([Decimal("0"), Decimal("0.5"), Decimal("1.25"), Decimal("5.0"), odd_hours])
    return CredentialFields(
        credential_id=f"https://learn.example.gov/verify/{number:x}{rng.choice(['', 'é', '証'])}/",
        issuer_id=rng.choice(["did:web:learn.example.gov", "did:web:portal.gov.example%3A8443"]),
        issuer_name=_text(rng, script),
        issuer_url="https://learn.example.gov/",
        learner_name=_text(rng, script),
        learner_id=rng.choice([None, f"urn:uuid:00000000-0000-4000-8000-{number:012d}"]),
        achievement_id=f"https://learn.example.gov/credentials/achievements/{number % 997}/",
        achievement_name=_text(rng, script),
        achievement_description=rng.choice(["", _text(rng, script)]),
        criteria_narrative=rng.choice(["", _text(rng, script)]),
        credited_hours=hours,
        alignments=tuple(
            Alignment(
                target_url=f"https://learn.example.gov/case/items/{rng.randrange(10**6)}-é",
                target_name=_text(rng, rng.choice(list(NAMES))),
                target_code=rng.choice(["", f"C.{rng.randrange(100)}"]),
                target_framework=_text(rng, script),
            )
            for _ in range(rng.randint(0, 8))
        ),
        valid_from=datetime(2020, 1, 1, tzinfo=UTC)
        + timedelta(seconds=rng.randrange(10**8), microseconds=rng.choice([0, 0, 123000])),
        status_list_credential=f"https://learn.example.gov/credentials/status/{rng.randrange(50)}/",
        status_list_index=rng.randrange(131072),
        language=rng.choice(["en", "fr", "hi", "ar", "zh-Hans", "pt-BR"]),
    )


def _loader(url, options=None):
    name = _CONTEXT_FILES.get(url)
    if name is None:
        raise jsonld.JsonLdError("not offline", "jsonld.LoadDocumentError", code="loading failed")
    document = json.loads((PACKAGE / "contexts" / name).read_text(encoding="utf-8"))
    return {"contextUrl": None, "documentUrl": url, "document": document}


def urdna2015(document: dict) -> str:
    return jsonld.normalize(
        document,
        {"algorithm": "URDNA2015", "format": "application/n-quads", "documentLoader": _loader},
    )


def independent_canonical_forms(credential: dict) -> tuple[str, str]:
    document = copy.deepcopy(credential)
    proof = document.pop("proof")
    proof = proof[0] if isinstance(proof, list) else proof
    config = {key: value for key, value in proof.items() if key != "proofValue"}
    config["@context"] = document["@context"]
    return urdna2015(document), urdna2015(config)


def independently_verified(credential: dict, public_multibase: str) -> bool:
    """eddsa-rdfc-2022 verification with pyld alone."""
    document_form, proof_form = independent_canonical_forms(credential)
    proof = credential["proof"]
    proof = proof[0] if isinstance(proof, list) else proof
    signature = base58.b58decode(proof["proofValue"][1:])
    raw = base58.b58decode(public_multibase[1:])
    assert raw[:2] == b"\xed\x01"
    data = (
        hashlib.sha256(proof_form.encode()).digest()
        + hashlib.sha256(document_form.encode()).digest()
    )
    try:
        Ed25519PublicKey.from_public_bytes(raw[2:]).verify(signature, data)
    except InvalidSignature:
        return False
    return True
