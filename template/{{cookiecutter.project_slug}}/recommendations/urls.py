from django.urls import path

from recommendations import views

app_name = "recommendations"

urlpatterns = [
    path("", views.my_competencies, name="my_competencies"),
]
