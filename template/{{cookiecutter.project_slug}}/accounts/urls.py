"""Account pages under /accounts/, in the learner's language (inside i18n_patterns).

The names ``login`` and ``logout`` stay, so every "Sign in" link of the portal works as
before; they are allauth's views.
"""

from allauth.account import views as allauth_views
from django.urls import include, path

from accounts.views import MyDetailsView

urlpatterns = [
    path("login/", allauth_views.login, name="login"),
    path("logout/", allauth_views.logout, name="logout"),
    path("my-details/", MyDetailsView.as_view(), name="my_details"),
    path("", include("allauth.account.urls")),
    path("3rdparty/", include("allauth.socialaccount.urls")),
]
