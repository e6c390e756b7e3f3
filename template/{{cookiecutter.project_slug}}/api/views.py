"""REST API: the catalogue (public, read-only) and the signed-in learner's learning.

Learning actions go through ``learning.services`` exactly as the HTML pages do; a refusal
becomes ``{"detail", "code"}`` with its 4xx status and changes nothing.
"""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils.dateparse import parse_datetime
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, mixins, permissions, status, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.scope import people_in_scope
from api import serializers, xapi
from catalog.catalogue import filter_courses, published_courses, search_course_ids
from catalog.models import CourseCompetency, LessonPage
from learning import services
from learning.errors import LearningError, NotAvailable
from learning.models import Enrolment, LessonCompletion
from organisations.scope import has_people_admin, is_national_admin


def refused(error: LearningError) -> Response:
    return Response({"detail": error.message, "code": error.code}, status=error.status)


def _published_lesson(lesson_id: int) -> LessonPage:
    lesson = get_object_or_404(LessonPage, pk=lesson_id)
    if not lesson.live:
        raise NotAvailable("This lesson is not available.")
    return lesson


@extend_schema(
    parameters=[
        OpenApiParameter("q", str, description="Full-text search"),
        OpenApiParameter("provider", int),
        OpenApiParameter("language", str, description="BCP 47 code"),
        OpenApiParameter("competency", int),
        OpenApiParameter("level", str),
        OpenApiParameter("duration", str, enum=["short", "medium", "long"]),
    ]
)
class CourseViewSet(viewsets.ReadOnlyModelViewSet):
    """Published courses, filterable like the catalogue page."""

    permission_classes = [permissions.AllowAny]
    lookup_value_converter = "int"

    def get_queryset(self):
        courses, selected = filter_courses(published_courses(), self.request.query_params)
        if selected["competency"]:
            courses = courses.distinct()
        query = self.request.query_params.get("q", "").strip()[:200]
        if query:
            courses = courses.filter(pk__in=search_course_ids(query))
        return (
            courses.select_related("provider")
            .prefetch_related(
                Prefetch(
                    "competencies",
                    queryset=CourseCompetency.objects.select_related(
                        "competency__framework", "target_level__framework"
                    ),
                ),
                "prerequisites",
            )
            .order_by("title")
        )

    def get_serializer_class(self):
        return (
            serializers.CourseDetailSerializer
            if self.action == "retrieve"
            else serializers.CourseSerializer
        )


class LessonDetail(generics.RetrieveAPIView):
    """A published lesson with its quizzes' questions and choices (never the answers)."""

    serializer_class = serializers.LessonSerializer
    queryset = LessonPage.objects.live()


class EnrolmentViewSet(
    mixins.ListModelMixin,
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """The signed-in learner's enrolments: list, enrol (POST), leave (DELETE)."""

    serializer_class = serializers.EnrolmentSerializer
    lookup_value_converter = "int"

    def get_queryset(self):
        return (
            Enrolment.objects.filter(user=self.request.user)
            .select_related("course")
            .with_time_spent()
            .order_by("-enrolled_at")
        )

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            enrolment, created = services.enrol(request.user, serializer.validated_data["course"])
        except LearningError as error:
            return refused(error)
        return Response(
            self.get_serializer(enrolment).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )

    def destroy(self, request, *args, **kwargs):
        enrolment = self.get_object()
        try:
            services.unenrol(request.user, enrolment.course)
        except LearningError as error:
            return refused(error)
        return Response(status=status.HTTP_204_NO_CONTENT)


class LessonCompletionView(APIView):
    @extend_schema(request=None, responses=serializers.CompletionSerializer)
    def post(self, request, lesson_id: int):
        """Mark a lesson without a quiz as done (idempotent)."""
        try:
            lesson = _published_lesson(lesson_id)
            completion, _created = services.complete_lesson(request.user, lesson)
        except LearningError as error:
            return refused(error)
        completed = Enrolment.objects.filter(
            user=request.user, course=completion.course, completed_at__isnull=False
        ).exists()
        return Response(
            {
                "lesson": lesson.pk,
                "completed_at": completion.completed_at,
                "course_completed": completed,
            }
        )


class QuizAttemptView(APIView):
    @extend_schema(
        request=serializers.QuizSubmissionSerializer, responses=serializers.QuizResultSerializer
    )
    def post(self, request, lesson_id: int, quiz_id: str):
        """Submit answers to the questions drawn for this attempt (as the lesson lists
        them); graded on the server. 400 tampered (including a question not drawn), 403 not
        enrolled, 409 no attempts left (cool-down running) or already passed."""
        submission = serializers.QuizSubmissionSerializer(data=request.data)
        submission.is_valid(raise_exception=True)
        try:
            lesson = _published_lesson(lesson_id)
            outcome = services.submit_quiz(
                request.user, lesson, quiz_id, submission.validated_data["answers"]
            )
        except LearningError as error:
            return refused(error)
        lesson_done = LessonCompletion.objects.filter(user=request.user, lesson=lesson).exists()
        course_done = Enrolment.objects.filter(
            user=request.user, course_id=outcome.attempt.course_id, completed_at__isnull=False
        ).exists()
        return Response(
            {
                "attempt": outcome.attempt.number,
                "score": outcome.grade.score,
                "passed": outcome.grade.passed,
                "attempts_left": outcome.attempts_left,
                "retry_at": outcome.retry_at,
                "lesson_completed": lesson_done,
                "course_completed": course_done,
                "answers": {
                    result.question.id: sorted(result.chosen) for result in outcome.grade.results
                },
                "feedback_shown": outcome.feedback_shown,
                # Per-question marks only when the policy allows: otherwise a script could
                # find the answers by elimination over the attempts.
                "results": [
                    {
                        "question": result.question.id,
                        "correct": result.correct,
                        "feedback": result.question.feedback,
                    }
                    for result in outcome.grade.results
                ]
                if outcome.feedback_shown
                else [],
            }
        )


class LearningTimeView(APIView):
    @extend_schema(
        request=serializers.TimeReportSerializer, responses=serializers.TimeCreditSerializer
    )
    def post(self, request, lesson_id: int):
        """Report active seconds on a lesson (1–120 per report; capped per day)."""
        report = serializers.TimeReportSerializer(data=request.data)
        report.is_valid(raise_exception=True)
        try:
            lesson = _published_lesson(lesson_id)
            credited = services.record_time(request.user, lesson, report.validated_data["seconds"])
        except LearningError as error:
            return refused(error)
        return Response({"credited_seconds": credited})


def _statement_scope(user, employee_id: str | None) -> dict:
    """Whose statements ``user`` may read: everyone's (national administrators), their
    subtrees' people (organisation administrators), or only their own."""
    if not has_people_admin(user):
        return {"user": user}
    users_filter = {} if is_national_admin(user) else {"user__in": people_in_scope(user)}
    if employee_id:
        users_filter["user__employee_id"] = employee_id
    return users_filter


class StatementsView(APIView):
    """xAPI 1.0.3 statements of the learner's activity (administrators: the people they
    manage — everyone for a national administrator, a subtree for an organisation one)."""

    @extend_schema(
        parameters=[
            OpenApiParameter("since", str, description="ISO 8601; only statements after it"),
            OpenApiParameter("limit", int, description="At most 500; default 100"),
            OpenApiParameter("employee_id", str, description="Administrators only: one learner"),
        ],
        responses=serializers.StatementResultSerializer,
    )
    def get(self, request):
        since = request.query_params.get("since")
        since_dt = parse_datetime(since) if since else None
        if since and since_dt is None:
            raise ValidationError({"since": "Use an ISO 8601 date-time."})
        try:
            limit = min(500, max(1, int(request.query_params.get("limit", 100))))
        except ValueError as exc:
            raise ValidationError({"limit": "Use a whole number."}) from exc
        users_filter = _statement_scope(request.user, request.query_params.get("employee_id"))
        statements = xapi.statements_for(users_filter, since=since_dt, limit=limit)
        more = ""
        if len(statements) == limit:
            params = request.query_params.copy()
            params["since"] = statements[-1]["timestamp"]
            more = f"{request.path}?{params.urlencode()}"
        response = Response({"statements": statements, "more": more})
        response["X-Experience-API-Version"] = xapi.XAPI_VERSION
        return response
