"""The learner's competency page: passport, gaps against their role, recommended courses."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from certificates.evidence import evidence_for
from recommendations.passport import competency_passport, role_status
from recommendations.ranking import recommend_courses


@login_required
def my_competencies(request):
    passport = competency_passport(request.user)
    status = role_status(request.user, passport)
    # Certificates offer the evidence (a seam: certificates never imports this app).
    evidence = evidence_for(request.user)
    for entry in passport.values():
        entry.certificate = evidence.get(entry.competency.pk)
    context = {
        "passport": sorted(passport.values(), key=lambda entry: entry.competency.position),
        "role": status.role,
        "gaps": status.gaps,
        "met": status.met,
        "recommendations": recommend_courses(request.user),
    }
    return render(request, "recommendations/my_competencies.html", context)
