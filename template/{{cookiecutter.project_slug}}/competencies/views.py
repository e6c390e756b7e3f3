"""Read-only CASE 1.1 REST endpoints (1EdTech Competencies and Academic Standards Exchange).

Other systems (HR, other portals, Open Badges issuers) read the country's framework here;
Open Badges alignments point at the ``CFItems/<id>`` URIs. Everything is public data, so
there is no authentication, and only GET is served.
"""

from __future__ import annotations

import uuid

from django.http import JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from competencies.case import document_json, item_json, package_json
from competencies.models import Competency, CompetencyGroup, Framework

JSON = {"ensure_ascii": False}


def _uri_for(request):
    names = {
        "CFDocuments": "case-document",
        "CFItems": "case-item",
        "CFPackages": "case-package",
        "CFAssociations": "case-association",
    }

    def uri_for(kind: str, identifier: str) -> str:
        return request.build_absolute_uri(reverse(names[kind], args=[identifier]))

    return uri_for


def _not_found(description: str) -> JsonResponse:
    """CASE reports errors as an imsx_StatusInfo object."""
    status = {
        "imsx_codeMajor": "failure",
        "imsx_severity": "error",
        "imsx_description": description,
        "imsx_codeMinor": {
            "imsx_codeMinorField": [
                {
                    "imsx_codeMinorFieldName": "sourcedId",
                    "imsx_codeMinorFieldValue": "unknownobject",
                }
            ]
        },
    }
    return JsonResponse(status, status=404, json_dumps_params=JSON)


def _framework(identifier: str) -> Framework | None:
    try:
        return Framework.objects.filter(uuid=uuid.UUID(identifier)).first()
    except ValueError:
        return None


@require_GET
def documents(request):
    uri_for = _uri_for(request)
    listed = [document_json(framework, uri_for) for framework in Framework.objects.all()]
    return JsonResponse({"CFDocuments": listed}, json_dumps_params=JSON)


@require_GET
def document(request, identifier: str):
    framework = _framework(identifier)
    if framework is None:
        return _not_found(f"no CFDocument {identifier}")
    return JsonResponse(document_json(framework, _uri_for(request)), json_dumps_params=JSON)


@require_GET
def package(request, identifier: str):
    framework = _framework(identifier)
    if framework is None:
        return _not_found(f"no CFPackage {identifier}")
    return JsonResponse(package_json(framework, _uri_for(request)), json_dumps_params=JSON)


@require_GET
def item(request, identifier: str):
    try:
        wanted = uuid.UUID(identifier)
    except ValueError:
        return _not_found(f"no CFItem {identifier}")
    for model in (Competency, CompetencyGroup):
        node = (
            model.objects.select_related("framework").filter(uuid=wanted, is_retired=False).first()
        )
        if node is not None:
            return JsonResponse(
                item_json(node, node.framework, _uri_for(request)), json_dumps_params=JSON
            )
    return _not_found(f"no CFItem {identifier}")


@require_GET
def association(request, identifier: str):
    """Associations have no table: find the one with this derived identifier."""
    uri_for = _uri_for(request)
    for framework in Framework.objects.all():
        for found in package_json(framework, uri_for)["CFAssociations"]:
            if found["identifier"] == identifier.lower():
                return JsonResponse(found, json_dumps_params=JSON)
    return _not_found(f"no CFAssociation {identifier}")
