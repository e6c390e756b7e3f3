"""Public verification, the issuer's DID document and status lists, learners' pages.

Verification pages answer anonymous visitors in their own language; the JSON forms
(``?format=json`` or ``Accept: application/json``) say the same for machines.
"""

from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_http_methods

from catalog.models import CoursePage
from certificates.credentials import PublicKey, did_document
from certificates.documents import certificate_pdf, credential_bytes
from certificates.features import certificates_enabled
from certificates.issuance import achievement_url, certificate_language
from certificates.models import Certificate, IssuerKey
from certificates.revocation import published_status_list
from certificates.signing import current_key, issuer_did
from certificates.verification import (
    MAX_UPLOAD_BYTES,
    Outcome,
    credential_from_upload,
    verify_document,
)


def when_enabled(view):
    """Certificates switched off in the profile: every certificate URL is a 404."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not certificates_enabled():
            raise Http404(_("Certificates are not offered on this portal."))
        return view(request, *args, **kwargs)

    return wrapper


def _wants_json(request) -> bool:
    if request.GET.get("format") == "json":
        return True
    accept = request.headers.get("Accept", "")
    return "json" in accept and "text/html" not in accept


def _outcome_json(outcome: Outcome) -> dict:
    certificate = outcome.certificate
    data = {
        "valid": outcome.valid,
        "status": outcome.status,
        "issuer": outcome.issuer,
        "problems": outcome.problems,
    }
    if certificate is not None:
        data["certificate"] = {
            "id": certificate.credential_url,
            "public_id": certificate.public_id,
            "learner_name": certificate.learner_name,
            "course": certificate.course_title,
            "provider": certificate.provider_name,
            "issued_at": certificate.issued_at.isoformat(),
            "credited_hours": str(certificate.credited_hours),
            "competencies": [
                {
                    "code": item["code"],
                    "name": item["name"],
                    "level": item["level"],
                    "uri": item["uri"],
                }
                for item in certificate.competencies
            ],
            "revoked_at": certificate.revoked_at.isoformat() if certificate.revoked_at else None,
            "revocation_reason": certificate.revocation_reason or None,
        }
    return data


@when_enabled
@require_GET
def verify_certificate(request, public_id: str):
    certificate = Certificate.objects.filter(public_id=public_id).first()
    if certificate is None:
        if _wants_json(request):
            return JsonResponse(
                {"valid": False, "status": "unknown", "problems": ["no such certificate"]},
                status=404,
            )
        return render(
            request, "certificates/verify_unknown.html", {"public_id": public_id}, status=404
        )
    outcome = verify_document(certificate.credential)
    outcome.certificate = certificate
    if certificate.is_revoked:  # the database knows at once; the cached list follows
        outcome.status, outcome.valid = "revoked", False
    if _wants_json(request):
        return JsonResponse(_outcome_json(outcome), json_dumps_params={"ensure_ascii": False})
    return render(
        request, "certificates/verify.html", {"outcome": outcome, "certificate": certificate}
    )


@when_enabled
@require_http_methods(["GET", "POST"])
def verify_submitted(request):
    """A form (and JSON API) to check a credential: pasted, uploaded, or inside a PDF."""
    context = {"max_upload_mb": MAX_UPLOAD_BYTES // (1024 * 1024)}
    if request.method == "GET":
        return render(request, "certificates/verify_form.html", context)
    document, error = _submitted_document(request)
    if error:
        if _wants_json(request) or request.content_type == "application/json":
            return JsonResponse(
                {"valid": False, "status": "unknown", "problems": [error]}, status=400
            )
        context["error"] = error
        context["pasted"] = request.POST.get("credential", "")
        return render(request, "certificates/verify_form.html", context, status=400)
    outcome = verify_document(document)
    if _wants_json(request) or request.content_type == "application/json":
        return JsonResponse(_outcome_json(outcome), json_dumps_params={"ensure_ascii": False})
    context.update(outcome=outcome, certificate=outcome.certificate, checked=True)
    return render(request, "certificates/verify_form.html", context)


UPLOAD_ERRORS = {
    "too-large": lambda: (
        _("The file is larger than %(mb)d MB.") % {"mb": MAX_UPLOAD_BYTES // 2**20}
    ),
    "not-json": lambda: _("This is not a credential: it is not valid JSON."),
    "bad-pdf": lambda: _("This PDF cannot be read."),
    "no-attachment": lambda: _("This PDF carries no credential (no credential.json attachment)."),
}


def _submitted_document(request) -> tuple[dict | None, str | None]:
    try:
        if request.content_type == "application/json":
            document = credential_from_upload(request.body)
        elif request.FILES.get("file"):
            upload = request.FILES["file"]
            if upload.size > MAX_UPLOAD_BYTES:
                raise ValueError("too-large")
            document = credential_from_upload(upload.read())
        elif request.POST.get("credential", "").strip():
            document = credential_from_upload(request.POST["credential"].encode("utf-8"))
        else:
            return None, _("Paste a credential or choose a file.")
    except ValueError as error:
        return None, UPLOAD_ERRORS.get(str(error), UPLOAD_ERRORS["not-json"])()
    if not isinstance(document, dict):
        return None, _("This is not a credential: a JSON object is expected.")
    return document, None


@require_GET
@cache_control(public=True, max_age=3600)
def did_json(request):
    """``did:web`` resolution: every key the portal has signed with, current and retired."""
    if certificates_enabled():
        current_key()  # registers the key in use before anyone asks about it
    keys = [
        PublicKey.from_multibase(multibase)
        for multibase in IssuerKey.objects.order_by("first_used_at", "pk").values_list(
            "public_multibase", flat=True
        )
    ]
    if not keys:
        raise Http404(_("This portal has not signed anything yet."))
    return JsonResponse(did_document(issuer_did(), keys), content_type="application/did+json")


@when_enabled
@require_GET
@cache_control(public=True, max_age=300)
def status_list(request, number: int):
    document = published_status_list(number)
    if document is None:
        raise Http404(_("No such status list."))
    return JsonResponse(document, content_type="application/vc+ld+json")


@when_enabled
@require_GET
@cache_control(public=True, max_age=3600)
def achievement(request, course_id: int):
    """The Achievement a course's certificates point at, in machine-readable form."""
    course = get_object_or_404(CoursePage.objects.live().public(), pk=course_id)
    return JsonResponse(
        {
            "@context": ["https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
            "id": achievement_url(course.pk),
            "type": ["Achievement"],
            "name": course.title,
            "description": course.summary,
            "inLanguage": course.language,
            "criteria": {"id": course.get_full_url(request)},
        },
        json_dumps_params={"ensure_ascii": False},
    )


@when_enabled
@login_required
@require_GET
def my_certificates(request):
    certificates = Certificate.objects.filter(user=request.user).order_by("-issued_at", "-pk")
    return render(request, "certificates/my_certificates.html", {"certificates": certificates})


def _own_certificate(request, public_id: str) -> Certificate:
    return get_object_or_404(Certificate, public_id=public_id, user=request.user)


@when_enabled
@login_required
@require_GET
def download_pdf(request, public_id: str):
    certificate = _own_certificate(request, public_id)
    # The learner's language (preferred, else the portal's default); ?language= may ask
    # for another of the portal's languages.
    language = request.GET.get("language", "")
    if language not in {code for code, _name in settings.LANGUAGES}:
        language = certificate_language(request.user)
    data = certificate_pdf(certificate, language)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="certificate-{certificate.public_id}.pdf"'
    )
    return response


@when_enabled
@login_required
@require_GET
def download_credential(request, public_id: str):
    certificate = _own_certificate(request, public_id)
    response = HttpResponse(credential_bytes(certificate), content_type="application/ld+json")
    response["Content-Disposition"] = (
        f'attachment; filename="credential-{certificate.public_id}.json"'
    )
    return response
