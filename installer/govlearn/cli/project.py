"""Commands about a country profile: validate it, print its schema, generate a portal."""

from __future__ import annotations

import json
import secrets
import shlex
from pathlib import Path

import click

from govlearn.errors import GovlearnError, ValidationFailed, display_path
from govlearn.generate import generate
from govlearn.profile import profile_schema, validate_profile
from govlearn.profile.reference import render_reference


@click.command("validate")
@click.argument("profiles", nargs=-1, required=True, type=click.Path(path_type=Path))
def validate_command(profiles: tuple[Path, ...]) -> None:
    """Check country PROFILES, their themes and frameworks; list every problem of each."""
    if len(profiles) == 1:
        _validate_one(profiles[0])
        return
    failed = 0
    for profile in profiles:
        try:
            _validate_one(profile)
        except GovlearnError as exc:
            failed += 1
            click.echo(f"error: {exc}", err=True)
    if failed:
        raise GovlearnError(f"{failed} of {len(profiles)} profiles are not valid")


def _validate_one(profile: Path) -> None:
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
    help="Parent folder: the repository is created in a new folder inside it, named after "
    "the portal's slug.",
)
@click.option("--force", is_flag=True, help="Replace an existing repository of the same name.")
@click.option("--no-git", is_flag=True, help="Do not run git init and the first commit.")
def new_command(profile: Path, output_dir: Path, force: bool, no_git: bool) -> None:
    """Generate a country's portal repository from its PROFILE."""
    result = generate(profile, output_dir, force=force, git=not no_git)
    password = secrets.token_urlsafe(12)
    click.echo(f"Generated {display_path(result.path)}")
    click.echo(
        "Next steps: run the portal on this machine with demo content (SQLite, no services):\n"
        f"  cd {shlex.quote(display_path(result.path))}\n"
        f"  GOVLEARN_DEMO_PASSWORD={password} make dev\n"
        "Then open http://127.0.0.1:8000/ and sign in as admin (or a demo learner such as "
        f"amina) with the password {password}; the editor is at /admin/.\n"
        "Demo accounts get a password only when GOVLEARN_DEMO_PASSWORD is set."
    )


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
