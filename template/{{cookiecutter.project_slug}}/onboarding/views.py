"""The HRMS import in the Wagtail admin: upload, follow a run, download its report.

For national and organisation administrators (``has_people_admin``); an organisation
administrator's file may only touch their own subtrees, which the importer enforces row
by row. A run is seen only by the person who uploaded it and by national administrators;
anyone else asking for it is told it does not exist.

The upload's size is checked from the request's ``Content-Length`` before the body is
read (CSRF is checked after that, by hand, so the middleware does not parse a 2 GB body
to look for its token).
"""

from __future__ import annotations

import json
from pathlib import PurePath

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.generic import TemplateView, View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from onboarding import tasks
from onboarding.forms import PeopleFileForm
from onboarding.models import ImportRun
from onboarding.rows import FORBIDDEN
from onboarding.schema import SCHEMA_FILE, people_schema, published_schema
from onboarding.uploads import max_upload_bytes
from organisations.scope import administered_roots, has_people_admin, is_national_admin

RECENT_RUNS = 20
FORM_OVERHEAD = 64 * 1024  # multipart boundaries and the CSRF field around the file


def runs_visible_to(user):
    """Every run for a national administrator; one's own runs for anyone else."""
    if is_national_admin(user):
        return ImportRun.objects.all()
    return ImportRun.objects.filter(uploaded_by=user)


class ImportAdminMixin(WagtailAdminTemplateMixin):
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        if not has_people_admin(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


@method_decorator(csrf_exempt, name="dispatch")
class UploadView(ImportAdminMixin, TemplateView):
    page_title = gettext_lazy("Import people")
    template_name = "onboarding/upload.html"

    def get_context_data(self, form=None, **kwargs):
        user = self.request.user
        return super().get_context_data(
            form=form or PeopleFileForm(),
            runs=runs_visible_to(user).select_related("uploaded_by")[:RECENT_RUNS],
            header=",".join(people_schema().header),
            limit=max_upload_bytes(),
            national=is_national_admin(user),
            roots=administered_roots(user),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
        if declared > max_upload_bytes() + FORM_OVERHEAD:
            message = _(
                "The file is %(size)s; files up to %(limit)s can be imported. Split it "
                "into parts and upload each."
            ) % {"size": filesizeformat(declared), "limit": filesizeformat(max_upload_bytes())}
            context = self.get_context_data(refused=message)
            return self.render_to_response(context, status=413)
        return csrf_protect(self._upload)(request)

    def _upload(self, request):
        form = PeopleFileForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        uploaded = form.cleaned_data["file"]
        run = ImportRun(
            uploaded_by=request.user,
            file_name=FORBIDDEN.sub("", PurePath(uploaded.name).name)[:255] or "people.csv",
            file_size=uploaded.size,
        )
        run.upload.save("upload.csv", uploaded, save=False)
        run.save()
        transaction.on_commit(lambda: tasks.import_people.delay(run.pk))
        messages.success(request, _("The file was received; the import starts shortly."))
        return redirect("onboarding:run", run.uuid)


class RunView(ImportAdminMixin, TemplateView):
    page_title = gettext_lazy("People import")
    template_name = "onboarding/run.html"

    def get(self, request, *args, uuid, **kwargs):
        self.run = get_object_or_404(runs_visible_to(request.user), uuid=uuid)
        return super().get(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.run.file_name

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("onboarding:index"), "label": _("Import people")},
            {"url": "", "label": self.run.file_name},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            run=self.run,
            progress_url=reverse("onboarding:progress", args=[self.run.uuid]),
            **kwargs,
        )


class RunProgressView(View):
    """The run page's numbers as JSON, polled every second or two while it runs."""

    def get(self, request, uuid):
        if not has_people_admin(request.user):
            raise PermissionDenied
        run = get_object_or_404(runs_visible_to(request.user), uuid=uuid)
        response = JsonResponse(run.progress())
        response["Cache-Control"] = "no-store"
        return response


class ReportView(View):
    """The rejected rows of a run, for its uploader and national administrators."""

    def get(self, request, uuid):
        if not has_people_admin(request.user):
            raise PermissionDenied
        run = get_object_or_404(runs_visible_to(request.user), uuid=uuid)
        if not run.report:
            raise Http404
        stem = PurePath(run.file_name).stem or "people"
        response = FileResponse(
            run.report.open("rb"),
            as_attachment=True,
            filename=f"{stem}-rejected.csv",
            content_type="text/csv; charset=utf-8",
        )
        response["Cache-Control"] = "private, no-store"
        return response


def schema_view(request):
    """The Table Schema as this portal applies it (its languages written in)."""
    if not has_people_admin(request.user):
        raise PermissionDenied
    response = HttpResponse(
        json.dumps(published_schema(), ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{SCHEMA_FILE.name}"'
    return response
