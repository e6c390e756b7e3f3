"""Fixtures for the certificates tests: a course a learner has completed for real
(through learning's services, the completion event and the issuing task), and the
portal's features switch."""

import pytest

from catalog.factories import CourseCompetencyFactory, course_tree
from competencies.models import Competency, ProficiencyLevel
from learning import services


@pytest.fixture(autouse=True)
def _source_strings(source_strings):
    """These tests read the interface's words as written in the code (see the root conftest)."""


@pytest.fixture(autouse=True)
def _fresh_status_lists():
    """Signed status lists are cached across requests; test databases roll back, so a
    list cached by one test must not answer for another test's certificates."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def certificates_off(monkeypatch):
    """``features: {certificates: false}`` in the profile."""
    from portal.country import get_country

    country = get_country()
    features = {**country.features, "certificates": False}
    monkeypatch.setattr(type(country), "features", property(lambda self: features))


@pytest.fixture
def aligned_tree(tree, framework):
    """The test course aligned to two competencies of the country's framework."""
    competencies = list(Competency.objects.filter(is_retired=False).order_by("position")[:2])
    top = ProficiencyLevel.objects.filter(framework=framework).order_by("-rank").first()
    CourseCompetencyFactory(course=tree.course, competency=competencies[0], target_level=top)
    CourseCompetencyFactory(course=tree.course, competency=competencies[1])
    tree.competencies = competencies
    return tree


def finish(user, tree, *, first_try=True):
    """The learner does every lesson and passes the quiz (after a failure if not
    ``first_try``), as the pages would make them."""
    services.enrol(user, tree.course)
    for lesson in tree.lessons:
        services.complete_lesson(user, lesson)
    if not first_try:
        services.submit_quiz(user, tree.quiz_lesson, tree.quiz.id, tree.quiz.wrong)
    services.submit_quiz(user, tree.quiz_lesson, tree.quiz.id, tree.quiz.right)


@pytest.fixture
def issued(aligned_tree, learner, django_capture_on_commit_callbacks):
    """The learner's certificate, issued by the real chain: completion → announcement
    task → ``course_completed`` → issuing task (tasks run inline in tests)."""
    from certificates.models import Certificate

    learner.first_name, learner.last_name = "Mere", "Tane"
    learner.save()
    with django_capture_on_commit_callbacks(execute=True):
        finish(learner, aligned_tree)
    return Certificate.objects.get(user=learner)


def another_course(provider=None, **fields):
    return course_tree(provider=provider, **fields)


@pytest.fixture(scope="session")
def _compiled_locale(tmp_path_factory):
    """The portal's catalogues compiled into a scratch directory (``.mo`` files are build
    output, never in the repository), as ``make translations`` would compile them."""
    import shutil
    import subprocess

    from django.conf import settings

    target = tmp_path_factory.mktemp("locale")
    for po in (settings.BASE_DIR / "locale").glob("*/LC_MESSAGES/django.po"):
        out = target / po.relative_to(settings.BASE_DIR / "locale")
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(po, out)
        subprocess.run(
            ["msgfmt", "--check", "-o", str(out.with_suffix(".mo")), str(po)], check=True
        )
    return target


@pytest.fixture
def translated(settings, _compiled_locale):
    """The interface in the portal's shipped translations, with French and Arabic (RTL)
    enabled even where the profile does not enable them."""
    settings.LOCALE_PATHS = [_compiled_locale]
    enabled = dict(settings.LANGUAGES)
    settings.LANGUAGES = [
        *settings.LANGUAGES,
        *[
            (code, name)
            for code, name in (("fr", "Français"), ("ar", "العربية"))
            if code not in enabled
        ],
    ]
    settings.LANGUAGES_BIDI = [*settings.LANGUAGES_BIDI, "ar"]
    return settings
