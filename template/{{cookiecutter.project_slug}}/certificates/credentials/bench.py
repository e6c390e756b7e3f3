"""How fast certificates sign on one core (``bench/certificates.py`` prints these)."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from decimal import Decimal

from certificates.credentials.documents import Alignment, CredentialFields
from certificates.credentials.fastpath import sign_credential
from certificates.credentials.keys import SigningKey


def typical_fields(number: int) -> CredentialFields:
    """A realistic certificate: Devanagari name, three competencies."""
    return CredentialFields(
        credential_id=f"https://learn.example.gov/verify/C{number:08d}/",
        issuer_id="did:web:learn.example.gov",
        issuer_name="National Civil Service Learning",
        issuer_url="https://learn.example.gov/",
        learner_name=f"अनन्या शर्मा {number}",
        learner_id=f"urn:uuid:00000000-0000-4000-8000-{number:012d}",
        achievement_id="https://learn.example.gov/credentials/achievements/42/",
        achievement_name="Public Procurement Essentials",
        achievement_description="Principles and practice of transparent public procurement.",
        criteria_narrative="Completed every module and passed the final assessment.",
        credited_hours=Decimal("6.5"),
        alignments=tuple(
            Alignment(
                target_url=f"https://learn.example.gov/case/items/{code}",
                target_name=f"Competency {code}",
                target_code=code,
                target_framework="National Competency Framework",
            )
            for code in ("PROC-1", "PROC-2", "ETH-1")
        ),
        valid_from=datetime(2026, 12, 1, 9, 30, tzinfo=UTC),
        status_list_credential="https://learn.example.gov/credentials/status/1/",
        status_list_index=number % 131072,
        language="en",
    )


def signing_rate(n: int = 2000, *, fast: bool = True, clock=time.perf_counter) -> float:
    """Credentials signed per second (single process, wall clock ``time.perf_counter``).

    On a shared machine pass ``clock=time.process_time`` for the rate per CPU-second,
    which other processes competing for the core do not distort.
    """
    key = SigningKey.generate()
    created = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
    batch = [typical_fields(number) for number in range(n)]
    sign_credential(batch[0], key, created, fast=fast)  # compile the shape's template
    start = clock()
    for fields in batch:
        sign_credential(fields, key, created, fast=fast)
    return n / (clock() - start)
