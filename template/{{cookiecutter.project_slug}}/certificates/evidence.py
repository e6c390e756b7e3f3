"""The seam other apps use to point at certificates: which certificate evidences what.

``recommendations`` (same layer) calls ``evidence_for`` to link its competency passport
to certificates; certificates never imports recommendations, so the arrow stays one-way.
"""

from __future__ import annotations

from certificates.features import certificates_enabled
from certificates.models import Certificate


def evidence_for(user) -> dict[int, Certificate]:
    """Competency id → the learner's valid certificate evidencing it at the highest
    level (the most recent among equals). One query, whatever the number held."""
    if not certificates_enabled() or not user.is_authenticated:
        return {}
    best: dict[int, tuple[int, Certificate]] = {}
    certificates = (
        Certificate.objects.valid()
        .filter(user=user)
        .only("public_id", "course_title", "competencies", "issued_at", "credential")
        .order_by("issued_at", "pk")
    )
    for certificate in certificates:
        for item in certificate.competencies:
            rank = item.get("level_rank") or 0
            held = best.get(item["id"])
            if held is None or rank >= held[0]:
                best[item["id"]] = (rank, certificate)
    return {competency_id: certificate for competency_id, (_rank, certificate) in best.items()}
