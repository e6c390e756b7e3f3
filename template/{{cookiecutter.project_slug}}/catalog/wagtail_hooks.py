"""Admin behaviour of the catalogue.

Modules and lessons are submitted with their course (``catalog.course_review``): their
editing pages offer no "Submit for moderation" of their own, which would start a separate
review per module and per lesson; the editor submits the course. The competency chooser
of the course form (``catalog.choosers``) is registered here.
"""

from wagtail import hooks

from catalog.choosers import competency_chooser_viewset
from catalog.course_review import ReviewedWithCourse


def _is_course_part(context) -> bool:
    page = context.get("page")
    if page is not None:
        return isinstance(page, ReviewedWithCourse)
    # The create view has no page yet: modules are created under courses, lessons under
    # modules, so the parent says whether the new page is a part of a course.
    parent = context.get("parent_page")
    child_types = parent.specific_class.allowed_subpage_models() if parent else []
    return any(issubclass(model, ReviewedWithCourse) for model in child_types)


@hooks.register("construct_page_action_menu")
def no_separate_submission_for_course_parts(menu_items, request, context):
    if _is_course_part(context):
        menu_items[:] = [item for item in menu_items if item.name != "action-submit"]


@hooks.register("before_create_page")
def create_course_parts_as_drafts(request, parent_page, page_class):
    # A hand-made "submit" for a new module would reach a page without a workflow:
    # it is saved as a draft, like the form the editor is shown.
    if issubclass(page_class, ReviewedWithCourse) and "action-submit" in request.POST:
        request.POST = request.POST.copy()
        request.POST.pop("action-submit")


@hooks.register("register_admin_viewset")
def register_competency_chooser():
    return competency_chooser_viewset
