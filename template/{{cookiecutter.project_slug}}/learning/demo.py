"""Demo learning records, so "My learning" and the course pages show progress at once.

Goes through ``learning.services`` like a real learner would (completions and the
completion event included). Idempotent: what is already done is skipped.
"""

from datetime import timedelta

from django.utils import timezone

from accounts.models import User
from catalog.models import CoursePage, LessonPage
from learning import services
from learning.errors import LearningError
from learning.models import LearningTime

# learner → (course slug, how far: "completed", a number of lessons done, or "failed-quiz")
JOURNEYS = [
    ("amina", "ethics-and-integrity-in-public-service", "completed"),
    ("amina", "writing-clear-briefings-for-ministers", 2),
    ("rahul", "budget-preparation-basics", 3),
    ("sofia", "gestion-budgetaire-et-comptable-publique", "failed-quiz"),
    ("jean", "accueil-et-qualite-du-service-aux-usagers", "completed"),
    ("leila", "data-literacy-for-public-servants", 1),
]


def _wrong_answers(quiz):
    return {q.id: [next(c.id for c in q.choices if not c.correct)] for q in quiz.questions}


def _right_answers(quiz):
    return {q.id: sorted(q.correct_ids) for q in quiz.questions}


def walk_course(user, course, progress) -> None:
    """Enrol and go as far as ``progress`` through the course, through the services."""
    services.enrol(user, course)
    lessons = list(LessonPage.objects.descendant_of(course).live().order_by("path"))
    reading = [lesson for lesson in lessons if not lesson.quizzes]
    quiz_lessons = [lesson for lesson in lessons if lesson.quizzes]
    count = len(reading) if progress in ("completed", "failed-quiz") else progress
    for day, lesson in enumerate(reading[:count]):
        services.complete_lesson(user, lesson)
        LearningTime.objects.get_or_create(
            user=user,
            lesson=lesson,
            day=timezone.localdate() - timedelta(days=count - day),
            defaults={
                "course": course,
                "seconds": lesson.estimated_minutes * 60,
                "last_reported_at": timezone.now() - timedelta(days=count - day),
            },
        )
    for lesson in quiz_lessons if progress in ("completed", "failed-quiz") else []:
        for quiz in lesson.quizzes:
            services.submit_quiz(user, lesson, quiz.id, _wrong_answers(quiz))
            if progress == "completed":
                services.submit_quiz(user, lesson, quiz.id, _right_answers(quiz))


def seed(country, stdout) -> None:
    walked = 0
    for username, slug, progress in JOURNEYS:
        user = User.objects.filter(username=username).first()
        course = CoursePage.objects.live().filter(slug=slug).first()
        if user is None or course is None or course.enrolments.filter(user=user).exists():
            continue
        try:
            walk_course(user, course, progress)
        except LearningError as error:  # content edited since the demo was written
            stdout.write(f"skipped {username} on {slug}: {error.message}; ", ending="")
            continue
        walked += 1
    stdout.write(f"{walked} demo learning journeys recorded")
