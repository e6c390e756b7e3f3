"""Keep permissions and denormalised columns in step with the page tree."""

from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.signals import page_published

from catalog import course_review  # noqa: F401  (publishes a course's parts on approval)
from catalog.models import CatalogPage, CoursePage, ProviderPage
from catalog.providers import ensure_course_review, ensure_provider_editors


@receiver(post_save, sender=ProviderPage)
def set_up_provider_editors(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        ensure_provider_editors(instance)


@receiver(post_save, sender=CatalogPage)
def set_up_course_review(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        ensure_course_review(instance)


@receiver(page_published, sender=CoursePage)
def refresh_course_provider(sender, instance, **kwargs):
    # A course moved to another provider keeps a stale provider column until its next
    # save; publishing is that save's natural moment.
    parent_path = instance.path[: -instance.steplen]
    provider_id = ProviderPage.objects.filter(path=parent_path).values_list("pk", flat=True).first()
    if provider_id != instance.provider_id:
        CoursePage.objects.filter(pk=instance.pk).update(provider_id=provider_id)
