"""What a learner has done: enrolments, finished lessons, quiz attempts, learning time.

Rows are written by ``learning.services`` only, which is where the rules live (enrolment
required, attempt limits, time caps); the HTML views and the REST API both call it.
"""

from django.conf import settings
from django.db import models
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _


class EnrolmentQuerySet(models.QuerySet):
    def with_time_spent(self):
        """Annotate ``time_spent_seconds``: the learner's measured time on the course
        (heartbeats), as one correlated subquery instead of a query per enrolment."""
        spent = (
            LearningTime.objects.filter(
                user=models.OuterRef("user"), course=models.OuterRef("course")
            )
            .order_by()
            .values("user")
            .annotate(total=models.Sum("seconds"))
            .values("total")
        )
        return self.annotate(
            time_spent_seconds=Coalesce(
                models.Subquery(spent, output_field=models.IntegerField()), 0
            )
        )


class Enrolment(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.CASCADE,
        related_name="enrolments",
    )
    course = models.ForeignKey(
        "catalog.CoursePage",
        verbose_name=_("course"),
        on_delete=models.CASCADE,
        related_name="enrolments",
    )
    enrolled_at = models.DateTimeField(_("enrolled at"), auto_now_add=True)
    last_lesson = models.ForeignKey(
        "catalog.LessonPage",
        verbose_name=_("last lesson opened"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Where “continue” takes the learner."),
    )
    last_activity_at = models.DateTimeField(_("last activity"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    completion_announced_at = models.DateTimeField(
        _("completion announced at"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Set once the course_completed signal has been sent for this enrolment."),
    )

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("enrolment")
        constraints = [
            models.UniqueConstraint(fields=["user", "course"], name="learning_enrol_once")
        ]
        indexes = [
            models.Index(fields=["user", "completed_at"]),
            # Dashboards, campaigns and the nightly sweeps read enrolments by date range.
            models.Index(fields=["enrolled_at"], name="enrolment_enrolled_at"),
            models.Index(fields=["completed_at"], name="enrolment_completed_at"),
        ]

    def __str__(self):
        return f"{self.user} → {self.course_id}"

    @property
    def is_completed(self) -> bool:
        return self.completed_at is not None

    @property
    def credited_hours(self):
        """Hours this enrolment credits: the course's declared figure, once completed."""
        return self.course.hours_credited if self.is_completed else None

    def time_spent(self) -> int:
        """Seconds measured on this course's lessons (annotated by ``with_time_spent``)."""
        annotated = getattr(self, "time_spent_seconds", None)
        if annotated is not None:
            return annotated
        return (
            LearningTime.objects.filter(user_id=self.user_id, course_id=self.course_id).aggregate(
                total=models.Sum("seconds")
            )["total"]
            or 0
        )


class LessonCompletion(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lesson_completions"
    )
    lesson = models.ForeignKey(
        "catalog.LessonPage", on_delete=models.CASCADE, related_name="completions"
    )
    course = models.ForeignKey(
        "catalog.CoursePage", on_delete=models.CASCADE, related_name="lesson_completions"
    )
    completed_at = models.DateTimeField(_("completed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("lesson completion")
        constraints = [
            models.UniqueConstraint(fields=["user", "lesson"], name="learning_lesson_done_once")
        ]
        indexes = [models.Index(fields=["user", "course"])]

    def __str__(self):
        return f"{self.user} finished lesson {self.lesson_id}"


class QuizAttempt(models.Model):
    """One graded submission. ``number`` is unique per learner and quiz, so two racing
    submissions cannot both squeeze under the attempt limit."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiz_attempts"
    )
    lesson = models.ForeignKey(
        "catalog.LessonPage", on_delete=models.CASCADE, related_name="quiz_attempts"
    )
    course = models.ForeignKey(
        "catalog.CoursePage", on_delete=models.CASCADE, related_name="quiz_attempts"
    )
    quiz_id = models.CharField(_("quiz block id"), max_length=36)
    number = models.PositiveSmallIntegerField(_("attempt number"))
    answers = models.JSONField(_("answers"), help_text=_("Question id → chosen choice ids."))
    score = models.PositiveSmallIntegerField(_("score (%)"))
    passed = models.BooleanField(_("passed"))
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    round_number = models.PositiveSmallIntegerField(
        _("set of attempts"),
        default=1,
        help_text=_("Starts at 1; a cool-down or a reset gives the learner a new set."),
    )
    questions = models.JSONField(
        _("questions asked"),
        default=list,
        blank=True,
        help_text=_("Ids of the questions this attempt drew, in the order shown (empty: all)."),
    )
    seed = models.CharField(
        _("paper seed"),
        max_length=64,
        blank=True,
        help_text=_("Orders the choices as this attempt showed them."),
    )

    class Meta:
        verbose_name = _("quiz attempt")
        ordering = ["submitted_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "lesson", "quiz_id", "number"], name="learning_attempt_number"
            )
        ]

    def __str__(self):
        return f"{self.user}: attempt {self.number} at quiz {self.quiz_id} ({self.score}%)"


class QuizAttemptReset(models.Model):
    """A reviewer or administrator gave a learner a fresh set of attempts at a quiz.

    Kept for audit: who, when, for whom, which quiz and why. The attempts themselves stay
    (certificates and xAPI read them); the reset only starts a new set."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.CASCADE,
        related_name="quiz_resets",
    )
    lesson = models.ForeignKey(
        "catalog.LessonPage",
        verbose_name=_("lesson"),
        on_delete=models.CASCADE,
        related_name="quiz_resets",
    )
    course = models.ForeignKey(
        "catalog.CoursePage",
        verbose_name=_("course"),
        on_delete=models.CASCADE,
        related_name="quiz_resets",
    )
    quiz_id = models.CharField(_("quiz block id"), max_length=36)
    quiz_title = models.CharField(_("quiz"), max_length=200)
    reset_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reset by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="quiz_resets_given",
    )
    reason = models.TextField(_("reason"))
    round_number = models.PositiveSmallIntegerField(_("new set of attempts"))
    created_at = models.DateTimeField(_("reset at"), auto_now_add=True)

    class Meta:
        verbose_name = _("quiz attempts reset")
        verbose_name_plural = _("quiz attempts resets")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "lesson", "quiz_id"])]

    def __str__(self):
        return f"{self.user}: quiz {self.quiz_title} reset by {self.reset_by}"


class LearningTime(models.Model):
    """Seconds of active learning, per learner, lesson and day (in the portal's time zone);
    summed into the learning hours shown to learners and dashboards."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="learning_time"
    )
    lesson = models.ForeignKey(
        "catalog.LessonPage", on_delete=models.CASCADE, related_name="learning_time"
    )
    course = models.ForeignKey(
        "catalog.CoursePage", on_delete=models.CASCADE, related_name="learning_time"
    )
    day = models.DateField(_("day"))
    seconds = models.PositiveIntegerField(_("seconds"), default=0)
    last_reported_at = models.DateTimeField(_("last report"))

    class Meta:
        verbose_name = _("learning time")
        constraints = [
            models.UniqueConstraint(fields=["user", "lesson", "day"], name="learning_time_per_day")
        ]
        indexes = [
            models.Index(fields=["user", "day"]),
            models.Index(fields=["day"], name="learning_time_day"),  # dashboards' ranges
        ]

    def __str__(self):
        return f"{self.user}: {self.seconds} s on lesson {self.lesson_id}, {self.day}"
