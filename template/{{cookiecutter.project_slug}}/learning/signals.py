"""Learning events other apps hook into.

``course_completed``
    Sent exactly once per enrolment when a learner completes a course (all required
    lessons done, every quiz passed). It is sent from the Celery task
    ``learning.tasks.announce_course_completion``, queued after the completing transaction
    commits, so receivers run in a worker and may be slow (a certificate PDF, an LRS call)
    without delaying the learner's request. Arguments::

        sender      learning.models.Enrolment
        enrolment   the completed Enrolment (``completed_at`` set)
        user        the learner
        course      the catalog.CoursePage

    The task retries if a receiver raises, and a nightly sweep re-announces completions
    whose announcement never ran (broker down): receivers must therefore be idempotent —
    key whatever they create on the enrolment (e.g. one certificate per enrolment).

    Example (a certificates app)::

        from django.dispatch import receiver
        from learning.signals import course_completed

        @receiver(course_completed)
        def issue_certificate_on_completion(sender, enrolment, **kwargs):
            Certificate.objects.get_or_create(enrolment=enrolment, ...)

``lesson_completed`` and ``quiz_attempted``
    Sent inside the request, after commit, for each finished lesson and each graded quiz
    attempt (``sender`` = the model, ``completion`` / ``attempt`` = the row). The ``api``
    app forwards them to an external LRS as xAPI statements.
"""

from django.dispatch import Signal

course_completed = Signal()
lesson_completed = Signal()
quiz_attempted = Signal()
