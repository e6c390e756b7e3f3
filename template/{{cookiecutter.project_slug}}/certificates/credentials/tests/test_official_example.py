"""The specification's own signed example: our canonical forms and verifier agree with it."""

import copy

from certificates.credentials import PublicKey, verify_credential
from certificates.credentials.canonical import canonicalize_document
from certificates.credentials.proofs import proof_configuration, unsecured
from certificates.credentials.tests.helpers import (
    DATA,
    independent_canonical_forms,
    independently_verified,
    official_example,
)

EXAMPLE_METHOD = (
    "https://example.edu/issuers/565049#z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi"
)


def example_key(method: str):
    """The example publishes its key as the method's fragment (a Multikey)."""
    return PublicKey.from_multibase(method.split("#", 1)[1]) if method == EXAMPLE_METHOD else None


def test_document_canonical_form_matches_the_test_vector_byte_for_byte():
    expected = (DATA / "document-canon.nq").read_bytes()
    assert canonicalize_document(unsecured(official_example())).encode() == expected


def test_proof_canonical_form_matches_the_test_vector_byte_for_byte():
    example = official_example()
    config = proof_configuration(unsecured(example), example["proof"])
    assert canonicalize_document(config).encode() == (DATA / "proof-canon.nq").read_bytes()


def test_independent_pyld_forms_match_the_test_vectors_too():
    document_form, proof_form = independent_canonical_forms(official_example())
    assert document_form == (DATA / "document-canon.nq").read_text(encoding="utf-8")
    assert proof_form == (DATA / "proof-canon.nq").read_text(encoding="utf-8")


def test_official_example_verifies():
    result = verify_credential(official_example(), example_key)
    assert result.valid, result.problems
    assert result.issuer == "https://example.edu/issuers/565049"
    assert result.verification_method == EXAMPLE_METHOD
    assert result.status == "unknown"  # the example has no status entry
    assert independently_verified(official_example(), EXAMPLE_METHOD.split("#")[1])


def test_official_example_with_a_changed_name_fails():
    example = copy.deepcopy(official_example())
    example["credentialSubject"]["achievement"]["name"] = "Teamwork!"
    result = verify_credential(example, example_key)
    assert not result.valid
    assert result.codes == ("proof-bad",)


def test_official_example_with_a_key_it_does_not_publish_is_unknown():
    result = verify_credential(official_example(), lambda method: None)
    assert not result.valid
    assert result.codes == ("key-unknown",)
