"""Refusals of the learning rules, each with the HTTP status the views and the API return.

Raised before anything is written, so a refused request changes nothing.
"""


class LearningError(Exception):
    status = 400
    code = "invalid"

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class InvalidSubmission(LearningError):
    status = 400
    code = "invalid_submission"


class InvalidTimeReport(LearningError):
    status = 400
    code = "invalid_time_report"


class NotEnrolled(LearningError):
    status = 403
    code = "not_enrolled"


class NotPermitted(LearningError):
    """The person acting may not do this (a reset of someone else's quiz, for one)."""

    status = 403
    code = "forbidden"


class NotAvailable(LearningError):
    """The course, lesson or quiz is not published (or does not exist)."""

    status = 404
    code = "not_found"


class RuleConflict(LearningError):
    """Allowed input, wrong moment: no attempts left, already passed, completed course."""

    status = 409
    code = "conflict"
