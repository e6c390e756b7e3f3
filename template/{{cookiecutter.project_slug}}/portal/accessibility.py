"""The accessibility statement, generated from the profile's ``accessibility`` section.

Public-sector bodies in many countries must publish one (EU Web Accessibility Directive,
India's GIGW). The facts that differ per country — the standard, the contact address,
the enforcement body — live in ``country.yaml``; the wording is translated UI text.
"""

from __future__ import annotations

from django.shortcuts import render

from portal.country import get_country


def accessibility_statement(request):
    country = get_country()
    facts = country.accessibility
    return render(
        request,
        "portal/accessibility_statement.html",
        {
            "standard": facts.get("standard"),
            "contact_email": facts.get("contact_email") or country.admin_email,
            "enforcement_body": facts.get("enforcement_body"),
        },
    )
