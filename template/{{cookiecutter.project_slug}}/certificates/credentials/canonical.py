"""JSON-LD to RDF and RDF Dataset Canonicalization (RDFC-1.0), offline.

Two libraries, one job each: pyld is the JSON-LD 1.1 processor (the reference-grade
expansion and JSON-LD-to-RDF algorithm), pyoxigraph canonicalises the resulting dataset
with RDFC-1.0 and writes canonical N-Quads. pyld's own serialiser predates RDFC-1.0 and
writes some control characters raw where RDFC-1.0 escapes them; pyoxigraph follows the
recommendation, so the signed bytes are the standard's whatever the text holds.

Nothing here touches the network: the document loader serves the contexts shipped in
``contexts/`` and refuses every other URL. A credential naming another context is not
verifiable offline, and is refused with a message saying so.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pyoxigraph as ox
from pyld import jsonld

CONTEXTS_DIR = Path(__file__).resolve().parent / "contexts"

VC_V2 = "https://www.w3.org/ns/credentials/v2"
OB_V3P0 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
DID_V1 = "https://www.w3.org/ns/did/v1"
MULTIKEY_V1 = "https://w3id.org/security/multikey/v1"

# URL → file in contexts/ (see contexts/README.md for where each copy comes from).
SHIPPED_CONTEXTS = {
    VC_V2: "credentials-v2.jsonld",
    OB_V3P0: "ob-context-3.0.3.jsonld",
    DID_V1: "did-v1.jsonld",
    MULTIKEY_V1: "multikey-v1.jsonld",
}

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


class CanonicalizationError(ValueError):
    """The document cannot be turned into canonical RDF (bad JSON-LD, unknown context…)."""


@cache
def shipped_context(url: str) -> dict:
    """The parsed context document for a shipped context URL (KeyError otherwise)."""
    return json.loads((CONTEXTS_DIR / SHIPPED_CONTEXTS[url]).read_text(encoding="utf-8"))


def offline_loader(url: str, options: dict | None = None) -> dict:
    """pyld document loader serving only the shipped contexts; never the network."""
    if url not in SHIPPED_CONTEXTS:
        raise jsonld.JsonLdError(
            f"context {url!r} is not shipped with this portal",
            "jsonld.LoadDocumentError",
            code="loading remote context failed",
        )
    return {"contextUrl": None, "documentUrl": url, "document": shipped_context(url)}


def _options(**extra) -> dict:
    return {"documentLoader": offline_loader, "base": None, **extra}


def expand(document: dict) -> list:
    """pyld expansion with the offline loader (raises CanonicalizationError)."""
    try:
        return jsonld.expand(document, _options())
    except jsonld.JsonLdError as error:
        raise CanonicalizationError(_describe(error)) from None


def to_dataset(document: dict | list) -> ox.Dataset:
    """The RDF dataset a JSON-LD document denotes (pyld's JSON-LD-to-RDF algorithm)."""
    try:
        rdf = jsonld.to_rdf(document, _options(produceGeneralizedRdf=False))
    except jsonld.JsonLdError as error:
        raise CanonicalizationError(_describe(error)) from None
    dataset = ox.Dataset()
    try:
        for graph_name, triples in rdf.items():
            graph = ox.DefaultGraph() if graph_name == "@default" else _term(graph_name)
            for triple in triples:
                dataset.add(
                    ox.Quad(
                        _node(triple["subject"]),
                        ox.NamedNode(triple["predicate"]["value"]),
                        _object(triple["object"]),
                        graph,
                    )
                )
    except ValueError as error:
        raise CanonicalizationError(f"the document does not denote valid RDF: {error}") from None
    return dataset


def canonical_nquads(dataset: ox.Dataset) -> str:
    """RDFC-1.0 canonical N-Quads: canonical blank-node labels, lines in code-point order."""
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    lines = ox.serialize(dataset, format=ox.RdfFormat.N_QUADS).decode("utf-8").splitlines()
    lines.sort()
    return "\n".join(lines) + "\n" if lines else ""


def canonicalize_document(document: dict) -> str:
    """The slow, general path: any JSON-LD document using only the shipped contexts."""
    return canonical_nquads(to_dataset(document))


def canonicalize_nquads(nquads: str) -> str:
    """Canonical form of an N-Quads text (the fast path's filled templates)."""
    try:
        dataset = ox.Dataset(ox.parse(nquads, format=ox.RdfFormat.N_QUADS))
    except SyntaxError as error:
        raise CanonicalizationError(f"malformed N-Quads: {error}") from None
    return canonical_nquads(dataset)


def _term(name: str):
    return ox.BlankNode(name[2:]) if name.startswith("_:") else ox.NamedNode(name)


def _node(node: dict):
    if node["type"] == "blank node":
        return ox.BlankNode(node["value"][2:])
    return ox.NamedNode(node["value"])


def _object(node: dict):
    if node["type"] != "literal":
        return _node(node)
    language = node.get("language")
    if language:
        return ox.Literal(node["value"], language=language)
    datatype = node.get("datatype") or XSD_STRING
    return ox.Literal(node["value"], datatype=ox.NamedNode(datatype))


def _describe(error: Exception) -> str:
    """The innermost message of a pyld error chain (pyld nests causes several deep)."""
    messages = []
    current = error
    while current is not None and len(messages) < 6:
        text = str(getattr(current, "message", "") or "").strip()
        if text and text not in messages:
            messages.append(text)
        current = getattr(current, "cause", None) or current.__cause__
    for text in messages:
        if "not shipped with this portal" in text:
            return text
    return "; ".join(messages) or "invalid JSON-LD"
