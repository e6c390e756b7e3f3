"""Demo certificates: a few demo learners finish a course (through ``learning``'s
services, like a real learner), then whatever is due is issued — the same path as the
nightly ``issue_missing`` — so certificates exist even when no worker is running.

The completions are data (``demo_data/completions.json``). Idempotent.
"""

import json
from pathlib import Path

from accounts.models import User
from catalog.models import CoursePage
from certificates.features import certificates_enabled
from certificates.tasks import issue_missing
from learning.demo import walk_course
from learning.errors import LearningError

COMPLETIONS_FILE = Path(__file__).with_name("demo_data") / "completions.json"


def seed(country, stdout) -> None:
    if not certificates_enabled():
        stdout.write("certificates are switched off: none issued")
        return
    walked = 0
    for row in json.loads(COMPLETIONS_FILE.read_text(encoding="utf-8"))["completions"]:
        user = User.objects.filter(username=row["learner"]).first()
        course = CoursePage.objects.live().filter(slug=row["course"]).first()
        if user is None or course is None:
            continue
        enrolment = course.enrolments.filter(user=user).first()
        if enrolment is not None and enrolment.is_completed:
            continue
        try:
            walk_course(user, course, "completed")
        except LearningError as error:  # content edited since the demo was written
            stdout.write(
                f"skipped {row['learner']} on {row['course']}: {error.message}; ", ending=""
            )
            continue
        walked += 1
    counts = issue_missing()
    stdout.write(f"{walked} demo courses completed, {counts['issued']} certificates issued")
