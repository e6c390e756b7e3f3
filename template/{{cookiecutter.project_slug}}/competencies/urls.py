"""CASE 1.1 REST paths, mounted at ``/ims/case/v1p1/`` outside the language prefixes."""

from django.urls import path

from competencies import views

urlpatterns = [
    path("CFDocuments", views.documents, name="case-documents"),
    path("CFDocuments/<str:identifier>", views.document, name="case-document"),
    path("CFPackages/<str:identifier>", views.package, name="case-package"),
    path("CFItems/<str:identifier>", views.item, name="case-item"),
    path("CFAssociations/<str:identifier>", views.association, name="case-association"),
]
