from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from api import views

app_name = "api"

# Path converters (``<int:pk>``) rather than regexes, so the schema types ids as integers.
router = DefaultRouter(use_regex_path=False)
router.register("courses", views.CourseViewSet, basename="course")
router.register("enrolments", views.EnrolmentViewSet, basename="enrolment")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("lessons/<int:pk>/", views.LessonDetail.as_view(), name="lesson"),
    path(
        "lessons/<int:lesson_id>/complete/",
        views.LessonCompletionView.as_view(),
        name="lesson-complete",
    ),
    path(
        "lessons/<int:lesson_id>/quizzes/<str:quiz_id>/attempts/",
        views.QuizAttemptView.as_view(),
        name="quiz-attempts",
    ),
    path("lessons/<int:lesson_id>/time/", views.LearningTimeView.as_view(), name="lesson-time"),
    path("xapi/statements/", views.StatementsView.as_view(), name="xapi-statements"),
    path("", include(router.urls)),
]
