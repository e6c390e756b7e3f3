"""Write a framework as the YAML an integrator would have written by hand.

Imports end here. The data is validated before anything touches the disk, and the file
is written to a temporary name and renamed, so a failed import never leaves a half
file or replaces a good one.
"""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from govlearn.errors import ValidationFailed, display_path
from govlearn.frameworks.model import Framework
from govlearn.frameworks.validation import InMemoryDocument, framework_problems

# Texts up to this length stay on one line: {en: Beginner, fr: Débutant}.
_SHORT_TEXT = 40


def dump_framework(framework: Framework, header: str = "") -> str:
    yaml = YAML(typ="rt")
    yaml.width = 4096  # no folding: ruamel leaves trailing spaces where it wraps
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.allow_unicode = True
    buffer = io.StringIO()
    for line in header.splitlines():
        buffer.write(f"# {line}".rstrip() + "\n")
    yaml.dump(_styled(framework.to_data(), key=None), buffer)
    return buffer.getvalue()


def write_framework(framework: Framework, destination: Path, header: str = "") -> None:
    """Validate, then write atomically; raises :class:`ValidationFailed` and writes nothing."""
    name = display_path(destination)
    problems = framework_problems(InMemoryDocument(name, framework.to_data()))
    if problems:
        raise ValidationFailed(problems, what=f"the imported framework for {name}")
    text = dump_framework(framework, header)
    destination.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".import-", dir=destination.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, destination)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _styled(value, key):
    """Short texts and role requirements in flow style; everything else as blocks."""
    if isinstance(value, dict):
        styled = CommentedMap((k, _styled(v, k)) for k, v in value.items())
        is_short_text = all(isinstance(v, str) and len(v) <= _SHORT_TEXT for v in value.values())
        if (key in ("name", "licence") and is_short_text) or _is_requirement(value):
            styled.fa.set_flow_style()
        return styled
    if isinstance(value, list):
        styled = CommentedSeq(_styled(item, None) for item in value)
        if key == "languages":
            styled.fa.set_flow_style()
        return styled
    return value


def _is_requirement(value: dict) -> bool:
    return set(value) == {"competency", "level"}
