"""Issuing: one certificate per completion, its snapshot, its rule, the feature switch."""

import re
from decimal import Decimal

import pytest
from django.core.management import call_command

from catalog.models import CoursePage
from certificates.issuance import issue_for_enrolment
from certificates.models import Certificate
from certificates.receivers import issue_certificate_on_completion
from certificates.tasks import issue_certificate
from certificates.tests.conftest import finish
from learning.models import Enrolment
from portal.country import get_country

pytestmark = pytest.mark.django_db


def test_completing_a_course_issues_one_signed_certificate_with_a_snapshot(issued, aligned_tree):
    domain = get_country().domain
    assert issued.learner_name == "Mere Tane"
    assert issued.course_title == aligned_tree.course.title
    assert issued.provider_name == aligned_tree.provider.title
    assert issued.credited_hours == aligned_tree.course.duration_hours
    assert [item["code"] for item in issued.competencies] == [
        c.code for c in aligned_tree.competencies
    ]
    assert all(item["level"] for item in issued.competencies)  # target or lowest level
    credential = issued.credential
    assert credential["id"] == f"https://{domain}/verify/{issued.public_id}/"
    assert credential["issuer"]["id"] == f"did:web:{domain}"
    assert credential["proof"][0]["verificationMethod"].startswith(f"did:web:{domain}#")
    status = credential["credentialStatus"]
    assert status["statusListCredential"] == f"https://{domain}/credentials/status/1/"
    assert int(status["statusListIndex"]) == issued.status_list_index
    targets = [a["targetUrl"] for a in credential["credentialSubject"]["achievement"]["alignment"]]
    assert targets == [
        f"https://{domain}/ims/case/v1p1/CFItems/{c.uuid}" for c in aligned_tree.competencies
    ]


def test_public_ids_are_random_unambiguous_and_not_sequential(aligned_tree, learner, other_learner):
    ids = []
    for user in (learner, other_learner):
        finish(user, aligned_tree)
        ids.append(issue_for_enrolment(Enrolment.objects.get(user=user).pk).public_id)
    # Upper-case base32: no 0/O, 1/l or lower case to mistype, never a leading "-".
    assert all(re.fullmatch(r"[A-Z2-7]{24}", public_id) for public_id in ids)
    assert ids[0] != ids[1] and not ids[1].startswith(ids[0][:6])


def test_duplicate_and_retried_events_leave_exactly_one_certificate(issued):
    enrolment = issued.enrolment
    issue_certificate_on_completion(sender=Enrolment, enrolment=enrolment)
    issue_certificate.delay(enrolment.pk)
    issue_certificate.apply(args=[enrolment.pk])
    assert issue_for_enrolment(enrolment.pk) == issued
    assert Certificate.objects.filter(enrolment=enrolment).count() == 1


def test_editing_the_course_later_leaves_an_issued_certificate_unchanged(issued, aligned_tree):
    before = (issued.course_title, issued.credited_hours, issued.competencies, issued.credential)
    course = CoursePage.objects.get(pk=aligned_tree.course.pk)
    course.title, course.duration_hours = "Renamed", Decimal("9.0")
    course.save()
    course.competencies.all().delete()
    after = Certificate.objects.get(pk=issued.pk)
    assert (
        after.course_title,
        after.credited_hours,
        after.competencies,
        after.credential,
    ) == before


def test_credited_hours_are_the_courses_declared_credit_when_set(aligned_tree, learner):
    CoursePage.objects.filter(pk=aligned_tree.course.pk).update(credited_hours=Decimal("5.0"))
    finish(learner, aligned_tree)
    certificate = issue_for_enrolment(Enrolment.objects.get(user=learner).pk)
    assert certificate.credited_hours == Decimal("5.0")
    assert certificate.credential["credentialSubject"]["result"]  # hours in the credential


@pytest.mark.parametrize(
    ("best_score", "minimum", "issued"), [(100, 90, True), (60, 60, True), (55, 60, False)]
)
def test_merit_rule_needs_the_mean_of_best_attempts(
    aligned_tree, learner, best_score, minimum, issued
):
    from learning.models import QuizAttempt

    CoursePage.objects.filter(pk=aligned_tree.course.pk).update(
        certificate_rule=CoursePage.CertificateRule.MERIT, certificate_min_score=minimum
    )
    finish(learner, aligned_tree, first_try=False)  # attempts scoring 0 then 100
    QuizAttempt.objects.filter(user=learner, passed=True).update(score=best_score)
    enrolment = Enrolment.objects.get(user=learner)
    assert enrolment.completed_at is not None
    assert (issue_for_enrolment(enrolment.pk) is not None) is issued


def test_a_merit_course_needs_a_minimum_score(aligned_tree):
    from django.core.exceptions import ValidationError

    course = CoursePage.objects.get(pk=aligned_tree.course.pk)
    course.certificate_rule = CoursePage.CertificateRule.MERIT
    with pytest.raises(ValidationError, match="minimum score"):
        course.full_clean()


def test_nothing_is_issued_when_certificates_are_switched_off(
    aligned_tree, learner, certificates_off, django_capture_on_commit_callbacks, client
):
    with django_capture_on_commit_callbacks(execute=True):
        finish(learner, aligned_tree)
    assert Enrolment.objects.get(user=learner).completed_at is not None
    assert not Certificate.objects.exists()
    call_command("issue_missing", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert not Certificate.objects.exists()
    client.force_login(learner)
    assert client.get("/my-certificates/").status_code == 404
    assert client.get("/verify/").status_code == 404
    assert 'data-nav="my-certificates"' not in client.get("/learning/").content.decode()


def test_issue_missing_issues_lost_completions_and_counts_what_is_not_due(
    aligned_tree, learner, other_learner, capsys
):
    finish(learner, aligned_tree)  # no on-commit: the issuing event is "lost"
    finish(other_learner, aligned_tree)
    CoursePage.objects.filter(pk=aligned_tree.course.pk).update(
        certificate_rule=CoursePage.CertificateRule.MERIT, certificate_min_score=100
    )
    from learning.models import QuizAttempt

    QuizAttempt.objects.filter(user=other_learner).update(score=70)
    call_command("issue_missing")
    out = capsys.readouterr().out
    assert "2 completions without a certificate checked: 1 issued, 1 not due" in out
    assert list(Certificate.objects.values_list("user__username", flat=True)) == ["learner"]
    call_command("issue_missing")
    assert "1 completions without a certificate checked: 0 issued" in capsys.readouterr().out
