"""Factories for issued certificates.

A certificate is only ever made the way the portal makes one — a completed enrolment
passed to ``issue_for_enrolment`` — so a test's certificate is signed, has a status slot
and verifies exactly like a learner's.
"""

import factory

from certificates.issuance import issue_for_enrolment
from certificates.models import Certificate
from learning.factories import EnrolmentFactory


class CertificateFactory(factory.django.DjangoModelFactory):
    """``CertificateFactory(enrolment__user=learner, enrolment__course=course)``."""

    class Meta:
        model = Certificate

    enrolment = factory.SubFactory(EnrolmentFactory, completed=True)

    @classmethod
    def _create(cls, model_class, enrolment, **kwargs):
        certificate = issue_for_enrolment(enrolment.pk)
        if certificate is None:
            raise ValueError(f"enrolment {enrolment.pk}: its course's certificate rule is not met")
        return certificate
