"""Who may author and who may publish courses.

Each provider gets an editors group with add/edit rights on its own ``ProviderPage``
subtree and on its own collection of documents and images — never publish rights. The
catalogue gets a "Course review" workflow whose reviewers publish, so every course change
a provider makes waits for review before learners see it.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

REVIEWERS_GROUP = "Catalogue reviewers"
REVIEW_WORKFLOW = "Course review"

_MEDIA_PERMISSIONS = [
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
]


def _admin_access() -> Permission:
    return Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")


def _grant_pages(group: Group, page, permission_types: list[str]) -> None:
    for permission_type in permission_types:
        permission = Permission.objects.get(
            content_type__app_label="wagtailcore", codename=f"{permission_type}_page"
        )
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


@transaction.atomic
def ensure_provider_editors(provider) -> Group:
    """Create (or repair) the provider's editors group, page rights and media collection."""
    group = provider.editors_group
    if group is None:
        name = f"{provider.title} editors"[:150]
        group, _created = Group.objects.get_or_create(name=name)
        type(provider).objects.filter(pk=provider.pk).update(editors_group=group)
        provider.editors_group = group
    group.permissions.add(_admin_access())
    _grant_pages(group, provider, ["add", "change"])

    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=provider.title).first()
    if collection is None:
        collection = root.add_child(name=provider.title)
    for app_label, codename in _MEDIA_PERMISSIONS:
        permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=collection, permission=permission
        )
    return group


@transaction.atomic
def ensure_course_review(catalogue) -> Workflow:
    """Assign the "Course review" workflow to the catalogue, approved by its reviewers."""
    reviewers, _created = Group.objects.get_or_create(name=REVIEWERS_GROUP)
    reviewers.permissions.add(_admin_access())
    _grant_pages(reviewers, catalogue, ["add", "change", "publish", "lock", "unlock"])

    task = GroupApprovalTask.objects.filter(name=REVIEW_WORKFLOW).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=REVIEW_WORKFLOW)
    task.groups.add(reviewers)
    workflow, _created = Workflow.objects.get_or_create(name=REVIEW_WORKFLOW)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=catalogue, defaults={"workflow": workflow})
    return workflow
