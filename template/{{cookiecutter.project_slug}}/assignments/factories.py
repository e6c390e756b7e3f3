"""Factories for assignments. ``courses``, ``designations`` and ``people`` are lists
given at creation: ``AssignmentFactory(courses=[course], people=[person])``."""

from datetime import timedelta

import factory
from django.utils import timezone

from assignments.models import AssignedDesignation, AssignedPerson, Assignment
from assignments.targets import normalise_designation


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assignment
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Assignment {n}")
    kind = Assignment.Kind.MANDATORY
    due_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=14))
    target = Assignment.Target.ORGANISATION
    include_subtree = True

    @factory.post_generation
    def courses(self, create, extracted, **kwargs):
        if create and extracted:
            self.courses.set(extracted)

    @factory.post_generation
    def designations(self, create, extracted, **kwargs):
        if create and extracted:
            AssignedDesignation.objects.bulk_create(
                AssignedDesignation(assignment=self, designation=normalise_designation(d))
                for d in extracted
            )

    @factory.post_generation
    def people(self, create, extracted, **kwargs):
        if create and extracted:
            AssignedPerson.objects.bulk_create(
                AssignedPerson(assignment=self, user=person) for person in extracted
            )
