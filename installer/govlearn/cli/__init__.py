"""The ``govlearn`` command: a thin layer of Click commands over the library.

Each command group lives in its own module; this one only assembles them and turns a
:class:`~govlearn.errors.GovlearnError` into one readable message and exit code 1.
"""

from __future__ import annotations

import click

from govlearn import __version__
from govlearn.cli.deploy import bundle_command, deploy_group
from govlearn.cli.frameworks import frameworks_group
from govlearn.cli.project import new_command, profile_group, validate_command
from govlearn.cli.themes import themes_group
from govlearn.cli.upgrade import upgrade_command
from govlearn.errors import GovlearnError


class _GovlearnGroup(click.Group):
    """Turns a GovlearnError anywhere below into one message and exit code 1."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except GovlearnError as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(1)


@click.group(cls=_GovlearnGroup)
@click.version_option(__version__, prog_name="govlearn")
def cli() -> None:
    """Generate and deploy a national learning portal from a country profile."""


cli.add_command(validate_command)
cli.add_command(new_command)
cli.add_command(profile_group)
cli.add_command(themes_group)
cli.add_command(frameworks_group)
cli.add_command(deploy_group)
cli.add_command(bundle_command)
cli.add_command(upgrade_command)


def main() -> None:
    cli(prog_name="govlearn")
