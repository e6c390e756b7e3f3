"""``govlearn frameworks``: list, validate, import and export competency frameworks."""

from __future__ import annotations

from pathlib import Path

import click

from govlearn.catalog import resolve_framework, shipped_frameworks
from govlearn.errors import GovlearnError, ValidationFailed, display_path
from govlearn.frameworks import load_framework, validate_framework_file


@click.group("frameworks")
def frameworks_group() -> None:
    """Competency frameworks: shipped ones, validation, CASE and CSV exchange."""


@frameworks_group.command("list")
def list_command() -> None:
    """List the shipped frameworks with their size and languages."""
    for name, path in shipped_frameworks().items():
        framework = load_framework(path)
        meta = framework.metadata
        click.echo(
            f"{name:<28} {_summary(framework)}; {', '.join(meta.languages)}\n"
            f"{'':<28} {framework.name()} (version {meta.version})"
        )


@frameworks_group.command("validate")
@click.argument("framework")
def validate_command(framework: str) -> None:
    """Check a FRAMEWORK file (or shipped name); list every problem with file and line."""
    path = _resolve(framework)
    problems = validate_framework_file(path)
    if problems:
        raise ValidationFailed(problems, what=f"competency framework {display_path(path)}")
    click.echo(f"{display_path(path)}: valid ({_summary(load_framework(path))})")


def _resolve(reference: str) -> Path:
    path = resolve_framework(reference, Path.cwd())
    if path is None:
        names = ", ".join(shipped_frameworks()) or "none"
        raise GovlearnError(
            f"{reference}: no such file, and not a shipped framework ({names})"
        )
    return path


def _summary(framework) -> str:
    counts = [
        (len(framework.competencies()), "competency", "competencies"),
        (len(framework.all_groups()), "group", "groups"),
        (len(framework.levels), "level", "levels"),
        (len(framework.roles), "role profile", "role profiles"),
    ]
    return ", ".join(f"{n} {one if n == 1 else many}" for n, one, many in counts)
