"""Count a completion for the campaigns running when it happened (see ``counting``)."""

from django.dispatch import receiver

from campaigns.counting import count_completion
from learning.signals import course_completed


@receiver(course_completed, dispatch_uid="campaigns.count_completion")
def count_completion_for_campaigns(sender, enrolment, **kwargs):
    count_completion(enrolment)
