"""URLs of the organisation tree, mounted under the Wagtail admin by ``wagtail_hooks``."""

from django.urls import path

from organisations import views

app_name = "organisations_admin"
urlpatterns = [
    path("", views.TreeView.as_view(), name="index"),
    path("add/", views.AddView.as_view(), name="add"),
    path("<int:pk>/edit/", views.EditView.as_view(), name="edit"),
    path("<int:pk>/move/", views.MoveView.as_view(), name="move"),
    path("<int:pk>/deactivate/", views.SetActiveView.as_view(active=False), name="deactivate"),
    path("<int:pk>/reactivate/", views.SetActiveView.as_view(active=True), name="reactivate"),
    path("<int:pk>/delete/", views.DeleteView.as_view(), name="delete"),
]
