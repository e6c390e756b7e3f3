"""Signing the portal's own certificates at thousands per second per core.

Almost all the cost of an ``eddsa-rdfc-2022`` signature is turning JSON-LD into RDF
(context processing and expansion, ~1.5 ms); canonicalising the resulting N-Quads and
signing take ~0.1 ms. Every certificate the portal issues has the same structure, so
the JSON-LD work is done once per *shape* (learner id or not × number of alignments):

1. lay out a credential of that shape whose every value is a sentinel
   (``urn:x-slot:<name>``) and run it through pyld with the shipped contexts;
2. split the N-Quads pyld writes at the sentinels: each one sits either in an IRI
   (``<…>``) or as a whole literal (``"…"`` — typed as the context says, e.g.
   ``xsd:dateTime`` or ``xsd:anyURI``, since the datatype is outside the slot);
3. per credential, write the values into the slots (literals escaped as N-Quads
   strings, IRIs already validated by ``CredentialFields``), canonicalise the N-Quads
   with pyoxigraph's RDFC-1.0 (it relabels the template's blank nodes) and hash.

The proof configuration is templated the same way. Every value a template leaves out
would be unsigned data, so compiling checks that each slot appears in the RDF.

Correctness guard: a freshly compiled template is compared with full pyld processing
on a sample credential full of awkward text (quotes, backslashes, newlines, tabs,
emoji, right-to-left marks, several scripts); afterwards one signature in
``SPOT_CHECK_EVERY`` is recomputed the slow way. Any difference is logged as an error,
the fast path is switched off for good in this process, and signing carries on through
the slow path — never a wrong signature.
"""

from __future__ import annotations

import itertools
import logging
import re
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from itertools import count

from pyld import jsonld

from certificates.credentials.canonical import (
    CanonicalizationError,
    canonicalize_document,
    canonicalize_nquads,
    offline_loader,
    shipped_context,
)
from certificates.credentials.documents import (
    CONTEXT,
    IRI_SCHEMES,
    Alignment,
    CredentialFields,
    build_credential,
    credential_document,
    credential_values,
    shape_of,
    xsd_datetime,
)
from certificates.credentials.keys import SigningKey
from certificates.credentials.proofs import (
    attach,
    hash_data,
    proof_configuration,
    proof_options,
)

logger = logging.getLogger(__name__)

SLOT_PREFIX = "urn:x-slot:"
_SLOT = re.compile(r'([<"])urn:x-slot:([a-z0-9_]+)([>"])')
SPOT_CHECK_EVERY = 512


class TemplateError(RuntimeError):
    """A template could not be compiled faithfully (the slow path is used instead)."""


@dataclass(frozen=True)
class NQuadsTemplate:
    """N-Quads text with holes: ``static`` pieces around ``slots`` (name, is_iri).

    ``canonical`` templates are already in canonical form (fill escapes literals the way
    RDFC-1.0 writes them); the others are fed to the canonicaliser after filling.
    """

    static: tuple[str, ...]
    slots: tuple[tuple[str, bool], ...]
    canonical: bool = False

    @classmethod
    def compile(cls, document: dict, expected: set[str]) -> NQuadsTemplate:
        """Run a sentinel document through pyld and split its N-Quads at the sentinels."""
        nquads = jsonld.to_rdf(
            document, {"format": "application/n-quads", "documentLoader": offline_loader}
        )
        return cls.from_nquads(nquads, expected)

    @classmethod
    def from_nquads(
        cls, nquads: str, expected: set[str], *, canonical: bool = False
    ) -> NQuadsTemplate:
        static, slots, position = [], [], 0
        for match in _SLOT.finditer(nquads):
            opening, name, closing = match.groups()
            if (opening, closing) not in (("<", ">"), ('"', '"')):
                raise TemplateError(f"slot {name} is only part of an RDF term")
            static.append(nquads[position : match.start()] + opening)
            slots.append((name, opening == "<"))
            position = match.end() - 1
        static.append(nquads[position:])
        found = {name for name, _ in slots}
        if found != expected:
            raise TemplateError(
                f"values missing from the RDF: {sorted(expected - found)}; "
                f"unexpected slots: {sorted(found - expected)}"
            )
        if any(SLOT_PREFIX in part for part in static):
            raise TemplateError("a sentinel survived outside a slot")
        return cls(tuple(static), tuple(slots), canonical)

    @classmethod
    def canonical_single_node(cls, template: NQuadsTemplate, expected: set[str]):
        """A canonical-form template for a graph whose one blank node is its subject.

        Valid only when canonicalisation cannot depend on the values: one blank node
        (always labelled ``_:c14n0``) and lines whose sort order is settled before any
        slot begins. Both are checked here, or TemplateError.
        """
        sentinels = _sentinels(expected)
        text = canonicalize_nquads(template.fill(sentinels, escape=_escape_literal))
        labels = set(re.findall(r"_:[A-Za-z0-9]+", text))
        if labels != {"_:c14n0"}:
            raise TemplateError(f"needs exactly one blank node, found {sorted(labels)}")
        lines = text.splitlines()
        heads = [line.split(SLOT_PREFIX, 1)[0] for line in lines]
        for first, second in itertools.pairwise(heads):
            if not first < second or second.startswith(first):
                raise TemplateError("line order could depend on slot values")
        return cls.from_nquads(text, expected, canonical=True)

    def fill(self, values: dict[str, str], escape=None) -> str:
        escape = escape or (_canonical_literal if self.canonical else _escape_literal)
        out = [self.static[0]]
        for (name, is_iri), text in zip(self.slots, self.static[1:], strict=True):
            value = values[name]
            out.append(value if is_iri else escape(value))
            out.append(text)
        return "".join(out)


def _escape_literal(value: str) -> str:
    """A string as N-Quads STRING_LITERAL_QUOTE content (tab stays raw: that is allowed)."""
    if "\\" in value:
        value = value.replace("\\", "\\\\")
    if '"' in value:
        value = value.replace('"', '\\"')
    if "\n" in value:
        value = value.replace("\n", "\\n")
    if "\r" in value:
        value = value.replace("\r", "\\r")
    return value


_CANONICAL_ESCAPES = {
    **{code: f"\\u{code:04X}" for code in [*range(0x20), 0x7F]},
    0x08: "\\b",
    0x09: "\\t",
    0x0A: "\\n",
    0x0C: "\\f",
    0x0D: "\\r",
    0x22: '\\"',
    0x5C: "\\\\",
}


def _canonical_literal(value: str) -> str:
    """A string as RDFC-1.0 canonical N-Quads writes it."""
    return value.translate(_CANONICAL_ESCAPES)


@dataclass(frozen=True)
class ShapeTemplates:
    document: NQuadsTemplate
    proof: NQuadsTemplate


_PROOF_SLOTS = {"created", "verification_method"}

_lock = threading.Lock()
_templates: dict[tuple[bool, int], ShapeTemplates | None] = {}
_state = {"enabled": True}
_signatures = count(1)


def fast_path_enabled() -> bool:
    return _state["enabled"]


def _disable(reason: str) -> None:
    _state["enabled"] = False
    logger.error("credential fast path disabled, signing the slow way: %s", reason)


def _sentinels(names) -> dict[str, str]:
    return {name: SLOT_PREFIX + name for name in names}


def _terms(context) -> set[str]:
    """Every term a context defines, scoped contexts included."""
    found: set[str] = set()
    if isinstance(context, dict):
        for key, value in context.items():
            found.add(key)
            if isinstance(value, dict):
                found |= _terms(value.get("@context"))
    elif isinstance(context, list):
        for item in context:
            found |= _terms(item)
    return found


def _check_iri_schemes_are_not_terms() -> None:
    """An IRI ``x:…`` is a compact IRI if ``x`` is a term; the slots assume it is not."""
    terms = set().union(*(_terms(shipped_context(url)["@context"]) for url in CONTEXT))
    clashes = terms & {scheme.rstrip(":/") for scheme in IRI_SCHEMES}
    if clashes:
        raise TemplateError(f"IRI schemes are defined as terms: {sorted(clashes)}")


def _compile(shape: tuple[bool, int]) -> ShapeTemplates:
    has_learner_id, alignments = shape
    _check_iri_schemes_are_not_terms()
    sample = sample_fields(has_learner_id, alignments)
    names = set(credential_values(sample))
    document = NQuadsTemplate.compile(
        credential_document(_sentinels(names), has_learner_id, alignments), names
    )
    proof_values = _sentinels(_PROOF_SLOTS)
    proof = NQuadsTemplate.canonical_single_node(
        NQuadsTemplate.compile(
            {
                "@context": list(CONTEXT),
                **_proof_layout(proof_values["created"], proof_values["verification_method"]),
            },
            _PROOF_SLOTS,
        ),
        _PROOF_SLOTS,
    )
    templates = ShapeTemplates(document, proof)
    created = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    method = f"{sample.issuer_id}#z6MkSelfCheck"
    fast = canonical_forms(sample, created, method, templates)
    slow = slow_canonical_forms(sample, created, method)
    if fast != slow:
        raise TemplateError(f"template output differs from full JSON-LD processing for {shape}")
    return templates


def _proof_layout(created: str, verification_method: str) -> dict:
    options = proof_options(created=datetime(2000, 1, 1, tzinfo=UTC), verification_method="")
    return {**options, "created": created, "verificationMethod": verification_method}


def templates_for(shape: tuple[bool, int]) -> ShapeTemplates | None:
    """The compiled templates of a shape, or None when the fast path must not be used."""
    if not _state["enabled"]:
        return None
    try:
        return _templates[shape]
    except KeyError:
        pass
    with _lock:
        if shape not in _templates:
            try:
                _templates[shape] = _compile(shape)
            except (TemplateError, CanonicalizationError, jsonld.JsonLdError) as error:
                logger.error("credential template for shape %s refused: %s", shape, error)
                _templates[shape] = None
        return _templates[shape]


def canonical_forms(
    fields: CredentialFields,
    created: datetime,
    verification_method: str,
    templates: ShapeTemplates,
) -> tuple[str, str]:
    """(document, proof configuration) canonical N-Quads from the templates."""
    document = canonicalize_nquads(templates.document.fill(credential_values(fields)))
    proof = templates.proof.fill(
        {"created": xsd_datetime(created), "verification_method": verification_method}
    )
    return document, proof


def slow_canonical_forms(
    fields: CredentialFields, created: datetime, verification_method: str
) -> tuple[str, str]:
    """The same pair through full JSON-LD processing (the baseline and the referee)."""
    document = build_credential(fields)
    options = proof_options(created=created, verification_method=verification_method)
    return (
        canonicalize_document(document),
        canonicalize_document(proof_configuration(document, options)),
    )


def sign_credential(
    fields: CredentialFields,
    key: SigningKey,
    created: datetime,
    *,
    verification_method: str | None = None,
    fast: bool = True,
) -> dict:
    """The signed ``OpenBadgeCredential`` (``eddsa-rdfc-2022``), fast path when allowed.

    ``verification_method`` defaults to ``<issuer_id>#<key's multikey>``. ``fast=False``
    forces full JSON-LD processing (the benchmark's baseline).
    """
    method = verification_method or key.key_id(fields.issuer_id)
    has_learner_id, alignments = shape_of(fields)
    document = credential_document(credential_values(fields), has_learner_id, alignments)
    options = proof_options(created=created, verification_method=method)
    templates = templates_for((has_learner_id, alignments)) if fast else None
    if templates is None:
        forms = slow_canonical_forms(fields, created, method)
    else:
        forms = canonical_forms(fields, created, method, templates)
        if next(_signatures) % SPOT_CHECK_EVERY == 0:
            slow = slow_canonical_forms(fields, created, method)
            if slow != forms:
                _disable(f"spot check differed for {fields.credential_id}")
                forms = slow
    canonical_document, canonical_proof = forms
    signature = key.sign(hash_data(canonical_proof, canonical_document))
    return attach(document, options, signature)


def sample_fields(has_learner_id: bool, alignments: int) -> CredentialFields:
    """A credential of the given shape whose texts exercise every escaping rule."""
    arabic = "\u200f\u0645\u0631\u062d\u0628\u0627\u200f"  # "marhaba" between RTL marks
    awkward = f'Ada "Quote" \\back\\slash\nnew line\ttab\r — 🎓 {arabic} हिन्दी 中文'
    return CredentialFields(
        credential_id="https://portal.example/verify/SELFCHECK/",
        issuer_id="did:web:portal.example",
        issuer_name='Portal "Self" Check \' \\',
        issuer_url="https://portal.example/",
        learner_name=awkward,
        learner_id="urn:uuid:00000000-0000-4000-8000-000000000000" if has_learner_id else None,
        achievement_id="https://portal.example/credentials/achievements/1/",
        achievement_name="Name " + awkward,
        achievement_description="Description " + awkward,
        criteria_narrative="",
        credited_hours=Decimal("12.50"),
        alignments=tuple(
            Alignment(
                target_url=f"https://portal.example/case/items/{number}",
                target_name=f"Competency {number} {awkward}",
                target_code=f"C-{number}",
                target_framework='Framework "F"',
            )
            for number in range(alignments)
        ),
        valid_from=datetime(2026, 1, 2, 3, 4, 5, 678000, tzinfo=UTC),
        status_list_credential="https://portal.example/credentials/status/1/",
        status_list_index=131071,
        language="en",
    )
