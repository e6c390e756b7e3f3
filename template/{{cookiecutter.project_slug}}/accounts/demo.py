"""Demo people: an administrator and learners spread over the seeded organisations.

Passwords are only set when ``GOVLEARN_DEMO_PASSWORD`` is given (``make demo`` prints
it); otherwise the accounts exist but cannot log in, which keeps a production database
that ran seed_demo by mistake safe.
"""

import os

from accounts.models import User
from organisations.models import Organisation

DEMO_LEARNERS = [
    ("amina", "Amina", "Okafor", "Policy Officer", "G7"),
    ("rahul", "Rahul", "Verma", "Section Officer", "G6"),
    ("sofia", "Sofía", "Núñez", "Finance Analyst", "G7"),
    ("jean", "Jean-Baptiste", "Duval", "HR Manager", "G8"),
    ("leila", "Leïla", "Haddad", "Digital Services Lead", "G9"),
    ("kofi", "Kofi", "Mensah", "Procurement Officer", "G6"),
    ("mere", "Mere", "Tane", "Policy Officer", "G7"),
    ("ana", "Ana", "Silva", "Section Officer", "G5"),
]


def _set_password(user: User, password: str | None) -> None:
    if password:
        user.set_password(password)
    elif not user.password:
        user.set_unusable_password()


def seed(country, stdout) -> None:
    password = os.environ.get("GOVLEARN_DEMO_PASSWORD") or None
    organisations = list(Organisation.objects.filter(is_active=True).order_by("path"))
    admin, _ = User.objects.get_or_create(
        username="admin", defaults={"email": country.admin_email, "first_name": "Portal"}
    )
    admin.is_staff = admin.is_superuser = True
    _set_password(admin, password)
    admin.save()
    for index, (username, first, last, designation, grade) in enumerate(DEMO_LEARNERS):
        user, _ = User.objects.get_or_create(username=username)
        user.first_name, user.last_name = first, last
        user.email = f"{username}@{country.domain}"
        user.employee_id = f"{country.code}-{1000 + index}"
        user.designation, user.grade = designation, grade
        user.organisation = organisations[index % len(organisations)] if organisations else None
        _set_password(user, password)
        user.save()
    state = "with the demo password" if password else "without passwords"
    stdout.write(f"admin and {len(DEMO_LEARNERS)} learners ready {state}")
