"""Send each learning event to the LRS as it happens, when one is configured."""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from api import xapi
from learning.models import Enrolment
from learning.signals import course_completed, lesson_completed, quiz_attempted


def _forward(statement: dict) -> None:
    if not xapi.lrs_configured():
        return
    from api.tasks import forward_statements

    transaction.on_commit(lambda: forward_statements.delay([statement]))


@receiver(post_save, sender=Enrolment)
def forward_enrolment(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        _forward(xapi.enrolment_statement(instance))


@receiver(lesson_completed)
def forward_lesson_completion(sender, completion, **kwargs):
    _forward(xapi.lesson_completion_statement(completion))


@receiver(quiz_attempted)
def forward_quiz_attempt(sender, attempt, **kwargs):
    _forward(xapi.quiz_attempt_statement(attempt))


@receiver(course_completed)
def forward_course_completion(sender, enrolment, **kwargs):
    _forward(xapi.course_completion_statement(enrolment))
