"""Commands about a country profile: validate it, print its schema, generate a portal."""

from __future__ import annotations

import json
from pathlib import Path

import click

from govlearn.errors import ValidationFailed, display_path
from govlearn.generate import generate
from govlearn.profile import profile_schema, validate_profile
from govlearn.profile.reference import render_reference


@click.command("validate")
@click.argument("profile", type=click.Path(path_type=Path))
def validate_command(profile: Path) -> None:
    """Check a country profile, its theme and its framework; list every problem."""
    problems = validate_profile(profile)
    if problems:
        raise ValidationFailed(problems, what=f"country profile {display_path(profile)}")
    click.echo(f"{display_path(profile)}: valid")


@click.command("new")
@click.argument("profile", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Folder in which the country repository is created.",
)
@click.option("--force", is_flag=True, help="Replace an existing repository of the same name.")
@click.option("--no-git", is_flag=True, help="Do not run git init and the first commit.")
def new_command(profile: Path, output_dir: Path, force: bool, no_git: bool) -> None:
    """Generate a country's portal repository from its PROFILE."""
    result = generate(profile, output_dir, force=force, git=not no_git)
    click.echo(f"Generated {display_path(result.path)}")
    click.echo("Next steps:")
    click.echo(f"  cd {display_path(result.path)} && make dev")


@click.group("profile")
def profile_group() -> None:
    """The country profile format."""


@profile_group.command("docs")
@click.option(
    "--example",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A profile to embed as the worked example.",
)
def docs_command(example: Path | None) -> None:
    """Print the profile reference (Markdown) generated from the schema."""
    click.echo(render_reference(example), nl=False)


@profile_group.command("schema")
def schema_command() -> None:
    """Print the country profile's JSON Schema."""
    click.echo(json.dumps(profile_schema(), indent=2, ensure_ascii=False))
