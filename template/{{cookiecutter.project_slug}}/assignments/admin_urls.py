"""Assigned learning's admin URLs, mounted under the Wagtail admin by ``wagtail_hooks``."""

from django.urls import path

from assignments import views

app_name = "assignments_admin"
urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    path("add/", views.AddView.as_view(), name="add"),
    path("<int:pk>/edit/", views.EditView.as_view(), name="edit"),
    path("<int:pk>/delete/", views.DeleteView.as_view(), name="delete"),
    path("compliance/", views.ComplianceView.as_view(), name="compliance"),
]
