"""Shapes of the REST API. Quiz answers never appear in any of them before submission,
nor per-question marks before the quiz's feedback policy allows them."""

from django.utils.translation import get_language
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from catalog.languages import language_name
from catalog.models import CoursePage, LessonPage
from learning.models import Enrolment
from learning.quiz_policy import quiz_states_for


class ProviderSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()


class CourseCompetencySerializer(serializers.Serializer):
    code = serializers.SerializerMethodField()
    name = serializers.SerializerMethodField()
    target_level = serializers.SerializerMethodField()

    def get_code(self, link) -> str:
        return link.competency.code

    def get_name(self, link) -> str:
        return link.competency.label()

    def get_target_level(self, link) -> str | None:
        return link.target_level.label() if link.target_level else None


class CourseSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    provider = ProviderSerializer(allow_null=True)
    language_name = serializers.SerializerMethodField()
    competencies = CourseCompetencySerializer(many=True)

    class Meta:
        model = CoursePage
        fields = [
            "id",
            "title",
            "url",
            "summary",
            "language",
            "language_name",
            "duration_hours",
            "level",
            "provider",
            "competencies",
        ]

    def get_url(self, course) -> str:
        return course.get_full_url(self.context.get("request"))

    def get_language_name(self, course) -> str:
        return language_name(course.language, get_language())


class LessonSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    estimated_minutes = serializers.IntegerField()
    counts_for_completion = serializers.BooleanField()


class ModuleSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    lessons = LessonSummarySerializer(many=True)


class CourseDetailSerializer(CourseSerializer):
    modules = serializers.SerializerMethodField()
    prerequisites = serializers.SerializerMethodField()

    class Meta(CourseSerializer.Meta):
        fields = [*CourseSerializer.Meta.fields, "modules", "prerequisites"]

    @extend_schema_field(ModuleSerializer(many=True))
    def get_modules(self, course):
        return [
            {
                "id": module.pk,
                "title": module.title,
                "lessons": LessonSummarySerializer(lessons, many=True).data,
            }
            for module, lessons in course.outline()
        ]

    def get_prerequisites(self, course) -> list[int]:
        return [link.required_course_id for link in course.prerequisites.all()]


class ChoiceSerializer(serializers.Serializer):
    id = serializers.CharField()
    text = serializers.CharField()


class QuestionSerializer(serializers.Serializer):
    id = serializers.CharField()
    prompt = serializers.CharField()
    kind = serializers.ChoiceField(choices=["single", "multiple"])
    choices = ChoiceSerializer(many=True)


class QuizSerializer(serializers.Serializer):
    """The quiz as the signed-in learner's next attempt asks it: the questions drawn for
    it and the choices in its order, with where the learner stands."""

    id = serializers.CharField()
    title = serializers.CharField()
    pass_mark = serializers.IntegerField()
    max_attempts = serializers.IntegerField()
    cooldown_hours = serializers.IntegerField()
    questions_per_attempt = serializers.IntegerField()
    feedback = serializers.ChoiceField(
        choices=["final", "always", "never"],
        help_text="When results mark questions right or wrong: once passed or every attempt "
        "is used (final), after every attempt, or never.",
    )
    passed = serializers.BooleanField()
    attempts_left = serializers.IntegerField()
    can_submit = serializers.BooleanField()
    retry_at = serializers.DateTimeField(
        allow_null=True, help_text="When a used-up set of attempts gives way to a fresh one."
    )
    questions = QuestionSerializer(many=True)


class LessonSerializer(serializers.ModelSerializer):
    course = serializers.IntegerField(source="course.pk")
    url = serializers.SerializerMethodField()
    quizzes = serializers.SerializerMethodField()

    class Meta:
        model = LessonPage
        fields = ["id", "title", "url", "course", "estimated_minutes", "required", "quizzes"]

    def get_url(self, lesson) -> str:
        return lesson.get_full_url(self.context.get("request"))

    @extend_schema_field(QuizSerializer(many=True))
    def get_quizzes(self, lesson):
        user = self.context["request"].user
        enrolled = Enrolment.objects.filter(user=user, course=lesson.course).exists()
        return [
            {
                **state.paper.public_dict(),
                "passed": state.passed,
                "attempts_left": state.attempts_left,
                "can_submit": enrolled and state.can_submit,
                "retry_at": state.retry_at,
            }
            for state in quiz_states_for(user, lesson, enrolled=enrolled).values()
        ]


class EnrolmentSerializer(serializers.ModelSerializer):
    """Two hour figures, never mixed: ``credited_hours`` is what the course declares and a
    completion credits (null until completed); ``time_spent_hours`` is the time measured
    on the course's lesson pages."""

    course_title = serializers.CharField(source="course.title", read_only=True)
    course = serializers.PrimaryKeyRelatedField(queryset=CoursePage.objects.all())
    credited_hours = serializers.DecimalField(
        max_digits=5, decimal_places=1, read_only=True, allow_null=True
    )
    time_spent_hours = serializers.SerializerMethodField()

    class Meta:
        model = Enrolment
        fields = [
            "id",
            "course",
            "course_title",
            "enrolled_at",
            "completed_at",
            "last_lesson",
            "credited_hours",
            "time_spent_hours",
        ]
        read_only_fields = ["enrolled_at", "completed_at", "last_lesson"]

    def get_time_spent_hours(self, enrolment) -> float:
        return round(enrolment.time_spent() / 3600, 2)


class QuizSubmissionSerializer(serializers.Serializer):
    answers = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField(max_length=36), max_length=50),
        help_text="Question id → list of chosen choice ids.",
    )


class QuestionResultSerializer(serializers.Serializer):
    question = serializers.CharField()
    correct = serializers.BooleanField()
    feedback = serializers.CharField()


class QuizResultSerializer(serializers.Serializer):
    attempt = serializers.IntegerField()
    score = serializers.IntegerField()
    passed = serializers.BooleanField()
    attempts_left = serializers.IntegerField()
    retry_at = serializers.DateTimeField(allow_null=True)
    lesson_completed = serializers.BooleanField()
    course_completed = serializers.BooleanField()
    answers = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="The learner's own answers: question id → chosen choice ids.",
    )
    feedback_shown = serializers.BooleanField(
        help_text="Whether ``results`` marks each question (the quiz's feedback policy)."
    )
    results = QuestionResultSerializer(
        many=True, help_text="Empty until the quiz's feedback policy allows it."
    )


class TimeReportSerializer(serializers.Serializer):
    seconds = serializers.IntegerField(help_text="Active seconds since the previous report.")


class TimeCreditSerializer(serializers.Serializer):
    credited_seconds = serializers.IntegerField()


class CompletionSerializer(serializers.Serializer):
    lesson = serializers.IntegerField()
    completed_at = serializers.DateTimeField()
    course_completed = serializers.BooleanField()


class StatementResultSerializer(serializers.Serializer):
    statements = serializers.ListField(child=serializers.DictField())
    more = serializers.CharField(allow_blank=True)
