"""``govlearn upgrade``: a thin Click wrapper over :func:`govlearn.upgrade.upgrade`."""

from __future__ import annotations

from pathlib import Path

import click

from govlearn.upgrade import Conflict, repository_name, upgrade


@click.command("upgrade")
@click.option(
    "--repo",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=None,
    help="The country repository (default: the one containing the current folder).",
)
@click.option(
    "--old-template",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=None,
    help="The template that generated the repository: a template folder, a kit checkout "
    "at that version, or an unpacked kit wheel (default: from the kit's git history).",
)
@click.option(
    "--branch",
    default=None,
    help="Name of the branch to create (default: govlearn-upgrade-VERSION).",
)
@click.pass_context
def upgrade_command(
    ctx: click.Context, repo: Path | None, old_template: Path | None, branch: str | None
) -> None:
    """Bring the country repository to this kit's version, on a new branch.

    Renders the kit output twice from the repository's country.yaml, with the template
    that generated the repository and with this kit's, and merges the difference into a
    new branch (three-way, as git merge does): the country's own edits to its theme,
    framework, templates and code stay. The current branch and the work tree are not
    touched; review the branch, then merge it.

    The old template is found from .govlearn/provenance.json: when this kit runs from a
    git checkout that has the recorded commit, it is taken from that history; otherwise
    (an installed kit, or a repository from before provenance was recorded) pass
    --old-template. Files both sides changed keep conflict markers on the branch; they
    are listed and the command exits with status 1.
    """
    result = upgrade(repo, old_template=old_template, branch=branch)
    where = repository_name(result.repo)
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    if result.up_to_date:
        based_on = result.old.describe() if result.old else "the given old template"
        click.echo(f"Up to date: this kit generates the same files as {based_on}")
        return
    click.echo(f"Created branch {result.branch} in {where}")
    click.echo(f"  from {result.old.describe() if result.old else 'the given old template'}")
    click.echo(f"  to   {result.new.describe()}")
    click.echo("Changed files:")
    for status, path in result.changed:
        click.echo(f"  {status} {path}")
    if result.conflicts:
        click.echo(
            f"{len(result.conflicts)} file(s) changed by both the kit and the country; "
            "they keep <<<<<<< markers on the branch:"
        )
        for conflict in result.conflicts:
            click.echo(f"  CONFLICT {conflict.path}{_explain(conflict)}")
        click.echo("Resolve them, then merge:")
        click.echo(f"  git switch {result.branch}    # edit the files listed, then")
        click.echo("  git commit -a -m 'Resolve the upgrade conflicts'")
        click.echo(f"  git switch - && git merge {result.branch}")
        ctx.exit(1)
    click.echo("Next steps:")
    click.echo(f"  git diff HEAD {result.branch}    # review the kit's changes")
    click.echo(f"  git merge {result.branch}")


def _explain(conflict: Conflict) -> str:
    """Git's words for a conflict, unless they only repeat that the lines conflict."""
    reasons = [m for m in conflict.messages if not m.startswith("CONFLICT (content)")]
    return f": {'; '.join(reasons)}" if reasons else " (both changed the same lines)"
