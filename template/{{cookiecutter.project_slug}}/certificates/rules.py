"""What earns a course's certificate, as the course's editor chose (``CoursePage``):

- ``completion``: the enrolment is completed (every required lesson done, every quiz
  passed — learning's own completion rule);
- ``merit``: completed, and the mean of the learner's best attempt at each of the
  course's quizzes reaches ``certificate_min_score``. A merit course without quizzes has
  no score to meet, so it awards no certificate: editors see the rule beside the quizzes.
"""

from __future__ import annotations

from django.db.models import Max

from catalog.models import CoursePage
from learning.models import QuizAttempt
from learning.services import completion_requirements


def merit_score(enrolment) -> float | None:
    """Mean of the best attempt at each quiz of the course (unattempted counts 0)."""
    quizzes = [
        (lesson.pk, quiz.id)
        for lesson in completion_requirements(enrolment.course)
        for quiz in lesson.quizzes
    ]
    if not quizzes:
        return None
    best = {
        (row["lesson_id"], row["quiz_id"]): row["best"]
        for row in QuizAttempt.objects.filter(user_id=enrolment.user_id, course=enrolment.course)
        .values("lesson_id", "quiz_id")
        .annotate(best=Max("score"))
        .order_by()
    }
    return sum(best.get(key, 0) for key in quizzes) / len(quizzes)


def rule_met(enrolment) -> bool:
    if enrolment.completed_at is None:
        return False
    course = enrolment.course
    if course.certificate_rule == CoursePage.CertificateRule.MERIT:
        score = merit_score(enrolment)
        minimum = course.certificate_min_score or 100
        return score is not None and score >= minimum
    return True
