"""The worked examples in docs/frameworks.md are real: they validate and import."""

from __future__ import annotations

import re
from pathlib import Path

from govlearn.frameworks import load_framework, validate_framework_file
from govlearn.frameworks.csv_import import CsvMetadata, import_csv

DOC = Path(__file__).resolve().parents[2] / "docs" / "frameworks.md"


def block(language: str) -> str:
    text = DOC.read_text(encoding="utf-8")
    return re.search(rf"```{language}\n(.*?)```", text, re.DOTALL).group(1)


def test_worked_yaml_example_is_a_valid_framework(tmp_path):
    path = tmp_path / "ministry-model.yaml"
    path.write_text(block("yaml"), encoding="utf-8")
    assert validate_framework_file(path) == []
    framework = load_framework(path)
    assert [c.code for c in framework.competencies()] == ["LEAD-1", "LEAD-2"]
    assert framework.metadata.group_type == "Cluster"


def test_documented_errors_are_what_validate_says(tmp_path):
    path = tmp_path / "ministry-model.yaml"
    path.write_text(
        block("yaml")
        .replace("{competency: LEAD-1, level: advanced}", "{competency: LEAD-9, level: advanced}")
        .replace("{competency: LEAD-2, level: basic}", "{competency: LEAD-2, level: expert}"),
        encoding="utf-8",
    )
    text = DOC.read_text(encoding="utf-8")
    documented = text.split("$ govlearn frameworks validate ministry-model.yaml", 1)[1]
    documented = documented.split("```", 1)[0]
    assert "(2 problems)" in documented
    problems = validate_framework_file(path)
    assert len(problems) == 2
    for problem in problems:
        assert f": {problem.path}: {problem.message}" in documented


def test_worked_csv_example_imports(tmp_path):
    sheet = tmp_path / "digital.csv"
    sheet.write_text(block("csv"), encoding="utf-8")
    meta = CsvMetadata(code="digital-skills", publisher="Digital Academy", licence="CC-BY-4.0")
    framework = import_csv(sheet, meta)
    assert [level.code for level in framework.levels] == ["basic", "skilled"]
    assert framework.roles[0].requirements[0].competency == "DIG-2"
