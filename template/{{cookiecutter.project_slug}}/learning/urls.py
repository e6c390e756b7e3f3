from django.urls import path

from learning import views

app_name = "learning"

urlpatterns = [
    path("", views.my_learning_view, name="my_learning"),
    path("courses/<int:course_id>/enrol/", views.enrol, name="enrol"),
    path("courses/<int:course_id>/unenrol/", views.unenrol, name="unenrol"),
    path("lessons/<int:lesson_id>/complete/", views.complete_lesson, name="complete_lesson"),
    path("lessons/<int:lesson_id>/quizzes/<str:quiz_id>/", views.submit_quiz, name="submit_quiz"),
    path(
        "lessons/<int:lesson_id>/quizzes/<str:quiz_id>/attempts/<int:number>/",
        views.quiz_attempt,
        name="quiz_attempt",
    ),
    path("lessons/<int:lesson_id>/opened/", views.lesson_opened, name="lesson_opened"),
    path("lessons/<int:lesson_id>/time/", views.record_time, name="record_time"),
]
