"""``govlearn themes``: list shipped themes, validate a pack, start a new one."""

from __future__ import annotations

from pathlib import Path

import click

from govlearn.catalog import resolve_theme, shipped_themes
from govlearn.errors import GovlearnError, ValidationFailed, display_path
from govlearn.themes import contrast_ratio, load_theme, validate_theme_dir
from govlearn.themes.contrast import AA_MINIMUM, format_ratio
from govlearn.themes.scaffold import new_theme


@click.group("themes")
def themes_group() -> None:
    """Theme packs: colours, fonts, logo and favicon of a portal."""


@themes_group.command("list")
def list_command() -> None:
    """List the themes shipped with the kit."""
    for name, path in shipped_themes().items():
        try:
            theme = load_theme(path)
        except ValidationFailed:
            click.echo(f"{name:<12} (invalid: run govlearn themes validate {name})")
            continue
        direction = "ltr+rtl" if theme.supports_rtl else "ltr"
        click.echo(f"{name:<12} {direction:<8} {theme.description}")


@themes_group.command("validate")
@click.argument("theme")
def validate_command(theme: str) -> None:
    """Check THEME (a shipped name or a pack folder): schema, files and WCAG 2.1 AA contrast."""
    path = resolve_theme(theme, Path.cwd())
    if path is None:
        path = Path(theme)
        if not path.is_dir():
            raise GovlearnError(f"{theme}: neither a shipped theme nor a folder")
    problems = validate_theme_dir(path)
    if problems:
        raise ValidationFailed(problems, what=f"theme pack {display_path(path)}")
    loaded = load_theme(path)
    click.echo(f"{display_path(path)}: valid")
    for pair in loaded.contrast_pairs:
        ratio = contrast_ratio(loaded.color(pair.foreground), loaded.color(pair.background))
        click.echo(
            f"  {pair.foreground:>12} on {pair.background:<12} {format_ratio(ratio):>8}"
            f"  (needs {AA_MINIMUM[pair.size]:g}:1, {pair.size})"
        )


@themes_group.command("new")
@click.argument("name")
@click.option("--from", "source", required=True, help="Shipped theme name or pack folder.")
@click.option(
    "-o",
    "--output-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Folder in which the new theme folder is created.",
)
def new_command(name: str, source: str, output_dir: Path) -> None:
    """Create theme NAME as a copy of an existing theme, ready to edit."""
    target = new_theme(name, source, output_dir)
    click.echo(f"Created {display_path(target)} from {source}")
    click.echo(f"Edit {display_path(target / 'theme.yaml')}, then run:")
    click.echo(f"  govlearn themes validate {display_path(target)}")
