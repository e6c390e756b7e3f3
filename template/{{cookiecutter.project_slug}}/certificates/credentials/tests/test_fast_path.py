"""The template fast path produces exactly what full JSON-LD processing produces."""

import logging
import random
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from certificates.credentials import (
    SigningKey,
    build_credential,
    fastpath,
    sign_credential,
    verify_credential,
)
from certificates.credentials.schema import schema_problems
from certificates.credentials.tests.helpers import fields, independently_verified, random_fields

CREATED = datetime(2026, 12, 1, 10, 0, 0, tzinfo=UTC)


@pytest.fixture
def fresh_fast_path(monkeypatch):
    """Compile templates anew and restore the module's state afterwards."""
    monkeypatch.setattr(fastpath, "_templates", {})
    monkeypatch.setattr(fastpath, "_state", {"enabled": True})


def test_fast_canonical_forms_equal_the_slow_ones_on_many_random_credentials(fresh_fast_path):
    rng = random.Random(20261201)
    shapes = set()
    for number in range(250):
        sample = random_fields(rng)
        method = f"{sample.issuer_id}#z6MkRandom{number}"
        templates = fastpath.templates_for((sample.learner_id is not None, len(sample.alignments)))
        assert templates is not None
        fast = fastpath.canonical_forms(sample, CREATED, method, templates)
        assert fast == fastpath.slow_canonical_forms(sample, CREATED, method), sample
        shapes.add((sample.learner_id is not None, len(sample.alignments)))
    assert len(shapes) >= 15  # with and without learner id, 0–8 alignments


def test_fast_and_slow_signatures_are_identical(fresh_fast_path):
    key = SigningKey.generate()
    rng = random.Random(7)
    for _ in range(40):
        sample = random_fields(rng)
        # Ed25519 is deterministic: same bytes signed ⇒ same signature.
        assert sign_credential(sample, key, CREATED) == sign_credential(
            sample, key, CREATED, fast=False
        )


def test_signed_credentials_verify_independently_and_in_our_verifier(fresh_fast_path):
    key = SigningKey.generate()
    rng = random.Random(99)
    for _ in range(25):
        sample = random_fields(rng)
        signed = sign_credential(sample, key, CREATED)
        assert signed["proof"][0]["verificationMethod"] == key.key_id(sample.issuer_id)
        assert independently_verified(signed, key.public_multibase)
        assert schema_problems(signed) == []
        result = verify_credential(
            signed, {key.key_id(sample.issuer_id): key.public_key}.get, now=CREATED
        )
        assert result.valid, result.problems


def test_signed_document_is_the_built_credential_plus_its_proof(fresh_fast_path):
    sample = fields()
    signed = sign_credential(sample, SigningKey.generate(), CREATED)
    proof = signed.pop("proof")
    assert signed == build_credential(sample)
    assert [set(item) for item in proof] == [
        {"type", "created", "verificationMethod", "cryptosuite", "proofPurpose", "proofValue"}
    ]
    assert proof[0]["created"] == "2026-12-01T10:00:00Z"


def test_a_template_that_disagrees_with_json_ld_is_refused_and_signing_stays_correct(
    fresh_fast_path, monkeypatch, caplog
):
    original = fastpath._escape_literal
    monkeypatch.setattr(fastpath, "_escape_literal", lambda value: original(value).upper())
    key = SigningKey.generate()
    sample = fields(alignments=())
    with caplog.at_level(logging.ERROR, logger=fastpath.__name__):
        signed = sign_credential(sample, key, CREATED)
    assert fastpath._templates[(True, 0)] is None
    assert "refused" in caplog.text
    assert independently_verified(signed, key.public_multibase)


def test_a_spot_check_mismatch_switches_the_fast_path_off(fresh_fast_path, monkeypatch, caplog):
    key = SigningKey.generate()
    sample = fields()
    sign_credential(sample, key, CREATED)  # compile the template honestly
    original = fastpath._escape_literal
    monkeypatch.setattr(fastpath, "_escape_literal", lambda value: original(value) + "!")
    monkeypatch.setattr(fastpath, "SPOT_CHECK_EVERY", 1)
    with caplog.at_level(logging.ERROR, logger=fastpath.__name__):
        signed = sign_credential(replace(sample, learner_name="Other Name"), key, CREATED)
    assert not fastpath.fast_path_enabled()
    assert "disabled" in caplog.text
    assert independently_verified(signed, key.public_multibase)


def test_canonical_literal_escaping_matches_rdfc_1_0_as_pyoxigraph_writes_it():
    import pyoxigraph as ox

    text = "".join(chr(code) for code in range(0x80)) + "é中🎓\u200f\u2028"
    quad = ox.Quad(ox.BlankNode("b"), ox.NamedNode("https://p.example/"), ox.Literal(text))
    written = ox.serialize([quad], format=ox.RdfFormat.N_QUADS).decode()
    assert f'"{fastpath._canonical_literal(text)}"' in written
