"""The portal's Django project package, also installed as an app for its commands,
base templates and static files. Importing it loads Celery so `@shared_task` binds."""

from portal.celery_app import app as celery_app

__all__ = ["celery_app"]
