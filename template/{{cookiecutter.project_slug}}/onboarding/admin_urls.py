from django.urls import path

from onboarding import views

app_name = "onboarding"
urlpatterns = [
    path("", views.UploadView.as_view(), name="index"),
    path("schema.json", views.schema_view, name="schema"),
    path("runs/<uuid:uuid>/", views.RunView.as_view(), name="run"),
    path("runs/<uuid:uuid>/progress.json", views.RunProgressView.as_view(), name="progress"),
    path("runs/<uuid:uuid>/rejected.csv", views.ReportView.as_view(), name="report"),
]
