from django.urls import path

from campaigns import views

app_name = "campaigns"
urlpatterns = [
    path("<slug:slug>/", views.campaign_page, name="page"),
    path("<slug:slug>/standings.json", views.campaign_standings, name="standings"),
]
