"""Malformed framework files fail with every problem, located by file, line and path."""

from __future__ import annotations

import pytest
import yaml
from framework_files import editable_framework

from govlearn.catalog import shipped_frameworks
from govlearn.errors import GovlearnError, ValidationFailed
from govlearn.frameworks import load_framework, validate_framework_file


def messages(path) -> list[str]:
    return [str(problem) for problem in validate_framework_file(path)]


def test_several_semantic_problems_are_reported_together_with_lines(tmp_path):
    framework = editable_framework(tmp_path)
    framework.replace("code: BEH-COM\n", "code: BEH-INT\n")
    framework.replace(
        "{competency: FUN-FIN, level: advanced}", "{competency: FUN-XXX, level: guru}"
    )
    framework.replace(
        "{competency: FUN-HRM, level: developing}", "{competency: FUN, level: developing}"
    )
    problems = validate_framework_file(framework.path)
    located = {(p.line, p.path, p.message) for p in problems}
    assert located == {
        (
            framework.line_of("code: BEH-INT", occurrence=2),
            "groups[0].competencies[3].code",
            "group or competency code 'BEH-INT' is already used at groups[0].competencies[0]",
        ),
        (
            framework.line_of("FUN-XXX"),
            "roles[2].requirements[1].competency",
            "competency 'FUN-XXX' is not defined in this framework",
        ),
        (
            framework.line_of("FUN-XXX"),
            "roles[2].requirements[1].level",
            "level 'guru' is not a level code "
            "(levels are beginner, developing, proficient, advanced, expert)",
        ),
        (
            framework.line_of("{competency: FUN, level"),
            "roles[3].requirements[3].competency",
            "'FUN' is a group; a role requires competencies",
        ),
        # BEH-COM no longer exists, and two roles still require it
        (
            framework.line_of("{competency: BEH-COM", occurrence=1),
            "roles[0].requirements[2].competency",
            "competency 'BEH-COM' is not defined in this framework",
        ),
        (
            framework.line_of("{competency: BEH-COM", occurrence=2),
            "roles[1].requirements[2].competency",
            "competency 'BEH-COM' is not defined in this framework",
        ),
    }
    assert {p.file for p in problems} == {framework.path.name} or all(
        p.file.endswith("generic-public-service.yaml") for p in problems
    )


def test_schema_problems_name_the_field_and_say_what_to_write(tmp_path):
    framework = editable_framework(tmp_path)
    framework.replace("  code: generic-public-service\n", "  code: generic public service\n")
    framework.replace("  publisher: govlearn contributors\n", "")
    text = framework.path.read_text(encoding="utf-8")
    level_uuid = text.split("uuid: ", 2)[2].split("\n")[0]  # the second UUID: levels[0]
    framework.replace(f"uuid: {level_uuid}", f"uuid: {level_uuid.upper()}")
    problems = {p.path: p for p in validate_framework_file(framework.path)}
    code = problems["metadata.code"]
    assert code.line == framework.line_of("generic public service")
    assert code.message.startswith("'generic public service' is not valid: letters, digits")
    assert problems["metadata"].message == "'publisher' is required"
    assert problems["levels[0].uuid"].message.startswith(
        f"'{level_uuid.upper()}' is not valid: a lower-case UUID"
    )
    assert len(problems) == 3


def test_same_uuid_twice_is_refused(tmp_path):
    framework = editable_framework(tmp_path)
    text = framework.path.read_text(encoding="utf-8")
    uuids = [line.split("uuid: ")[1] for line in text.splitlines() if "uuid: " in line]
    framework.replace(f"uuid: {uuids[2]}", f"uuid: {uuids[1]}")
    (problem,) = validate_framework_file(framework.path)
    assert problem.path == "levels[1].uuid"
    assert problem.message == f"UUID {uuids[1]} is already used by levels[0]"
    assert problem.line == framework.line_of(f"uuid: {uuids[1]}", occurrence=2)


def test_texts_need_the_default_language_and_only_declared_languages(tmp_path):
    framework = editable_framework(tmp_path)
    framework.replace("name: {en: Beginner, fr: Débutant}", "name: {fr: Débutant, de: Anfänger}")
    framework.replace("languages: [en, fr]", "languages: [en, fr, xx-nonsense]")
    found = messages(framework.path)
    assert any("levels[0].name: has no text in the default language 'en'" in m for m in found)
    assert any(
        "levels[0].name.de: language 'de' is not listed in metadata.languages" in m for m in found
    )
    assert any(
        "metadata.languages[2]: 'xx-nonsense' is not a known language code" in m for m in found
    )


def test_indicator_for_an_unknown_level_is_refused(tmp_path):
    framework = editable_framework(tmp_path)
    framework.replace("          expert: {en:", "          guru: {en:")
    (problem,) = validate_framework_file(framework.path)
    assert problem.path == "groups[0].competencies[0].indicators.guru"
    assert problem.message.startswith("level 'guru' is not a level code")


def test_load_raises_with_every_problem_in_one_message(tmp_path):
    framework = editable_framework(tmp_path)
    framework.replace(
        "{competency: BEH-INT, level: proficient}", "{competency: NOPE, level: proficient}"
    )
    framework.replace(
        "{competency: BEH-CIT, level: advanced}", "{competency: BEH-CIT, level: nope}"
    )
    with pytest.raises(ValidationFailed) as caught:
        load_framework(framework.path)
    text = str(caught.value)
    assert "is not valid (2 problems)" in text
    assert "competency 'NOPE' is not defined" in text and "level 'nope'" in text


def test_unreadable_files_raise_a_readable_error(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: 1\nmetadata: {name: [unclosed\n", encoding="utf-8")
    with pytest.raises(GovlearnError, match=r"broken.yaml:\d+: invalid YAML"):
        validate_framework_file(broken)
    with pytest.raises(GovlearnError, match="file not found"):
        validate_framework_file(tmp_path / "absent.yaml")
    listing = tmp_path / "list.yaml"
    listing.write_text("- just\n- a list\n", encoding="utf-8")
    assert [p.message for p in validate_framework_file(listing)] == [
        "a framework file must be a YAML mapping (key: value lines)"
    ]


def test_yaml_aliases_cannot_make_the_tree_loop_or_repeat(tmp_path):
    """A tree written with &anchor/*alias is still checked: no cycle, no node twice."""
    looping = tmp_path / "loop.yaml"
    looping.write_text(
        "format: 1\ngroups:\n  - &top\n    code: A\n    groups:\n      - *top\n",
        encoding="utf-8",
    )
    with pytest.raises(GovlearnError, match=r"loop.yaml:6: the alias \*top refers to a collection"):
        validate_framework_file(looping)

    framework = editable_framework(tmp_path)
    framework.replace("  - code: BEH\n", "  - &behavioural\n    code: BEH\n")
    framework.replace("\nroles:\n", "\n  - *behavioural\nroles:\n")
    found = messages(framework.path)
    assert any("groups[3].code: group or competency code 'BEH' is already used" in m for m in found)
    assert any("groups[3].uuid: UUID" in m for m in found)


def test_an_empty_group_is_refused(tmp_path):
    data = load_framework(shipped_frameworks()["generic-public-service"]).to_data()
    assert data["groups"][2]["code"] == "DOM"  # no role requires a domain competency
    data["groups"][2].pop("competencies")
    path = tmp_path / "empty-group.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert messages(path) == [f"{path}: groups[2]: group holds no competencies and no groups"] or [
        p.message for p in validate_framework_file(path)
    ] == ["group holds no competencies and no groups"]
