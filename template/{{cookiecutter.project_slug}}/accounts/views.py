"""The learner's own account pages (sign-in, registration and reset come from allauth)."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import UpdateView

from accounts.forms import MyDetailsForm
from portal.language_preference import continue_in_language


class MyDetailsView(LoginRequiredMixin, UpdateView):
    form_class = MyDetailsForm
    template_name = "accounts/my_details.html"

    def get_object(self, queryset=None):
        return self.request.user

    def form_valid(self, form):
        user = form.save()
        messages.success(self.request, _("Your details are saved."))
        response = HttpResponseRedirect(reverse("my_details"))
        return continue_in_language(response, user.preferred_language)
