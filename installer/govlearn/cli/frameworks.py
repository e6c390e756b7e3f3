"""``govlearn frameworks``: list, validate, import and export competency frameworks."""

from __future__ import annotations

import json
from pathlib import Path

import click

from govlearn.catalog import resolve_framework, shipped_frameworks
from govlearn.errors import GovlearnError, display_path
from govlearn.frameworks import load_framework
from govlearn.frameworks.case_export import export_case
from govlearn.frameworks.case_import import import_case
from govlearn.frameworks.csv_import import CsvMetadata, import_csv
from govlearn.frameworks.writer import write_framework


@click.group("frameworks")
def frameworks_group() -> None:
    """Competency frameworks: shipped ones, validation, CASE and CSV exchange."""


@frameworks_group.command("list")
def list_command() -> None:
    """List the shipped frameworks with their size and languages."""
    for name, path in shipped_frameworks().items():
        framework = load_framework(path)
        meta = framework.metadata
        click.echo(name)
        click.echo(f"    {framework.name()}, version {meta.version} ({', '.join(meta.languages)})")
        click.echo(f"    {_summary(framework)}")


@frameworks_group.command("validate")
@click.argument("framework")
def validate_command(framework: str) -> None:
    """Check a FRAMEWORK file (or shipped name); list every problem with file and line."""
    path = _resolve(framework)
    loaded = load_framework(path)  # raises ValidationFailed listing every problem
    click.echo(f"{display_path(path)}: valid ({_summary(loaded)})")


def _resolve(reference: str) -> Path:
    path = resolve_framework(reference, Path.cwd())
    if path is None:
        names = ", ".join(shipped_frameworks()) or "none"
        raise GovlearnError(f"{reference}: no such file, and not a shipped framework ({names})")
    return path


def _summary(framework) -> str:
    counts = [
        (len(framework.competencies()), "competency", "competencies"),
        (len(framework.all_groups()), "group", "groups"),
        (len(framework.levels), "level", "levels"),
        (len(framework.roles), "role profile", "role profiles"),
    ]
    return ", ".join(f"{n} {one if n == 1 else many}" for n, one, many in counts)


@frameworks_group.command("import")
@click.argument("source", type=click.Path(path_type=Path))
@click.option(
    "--from",
    "source_format",
    type=click.Choice(["case", "csv"]),
    required=True,
    help="case: a CASE 1.1 or 1.0 CFPackage JSON file; csv: a framework sheet.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="The framework YAML file to write.",
)
@click.option(
    "--scale",
    default="generic-public-service",
    show_default=True,
    help="case: framework whose proficiency levels a package without any borrows.",
)
@click.option("--code", help="csv: framework code (default: the output file's name).")
@click.option("--name", help="csv: framework name in the sheet's first language.")
@click.option("--version", "version_", default="1", show_default=True, help="csv: version.")
@click.option("--publisher", help="csv: who maintains the framework (required for csv).")
@click.option("--licence", help="csv: licence, e.g. CC-BY-4.0 (required for csv).")
@click.option("--licence-url", help="csv: the licence's URL.")
@click.option("--source-title", help="csv: title of the published source.")
@click.option("--source-url", help="csv: URL of the published source.")
@click.option("--force", is_flag=True, help="Replace OUTPUT if it exists.")
def import_command(
    source: Path, source_format: str, output: Path, scale: str, force: bool, **options
) -> None:
    """Convert a CASE package or CSV sheet in SOURCE into a framework YAML file."""
    if output.exists() and not force:
        raise GovlearnError(f"{display_path(output)} exists; pass --force to replace it")
    if source_format == "case":
        result = import_case(source, scale=load_framework(_resolve(scale)))
        framework, warnings = result.framework, result.warnings
    else:
        framework, warnings = import_csv(source, _csv_metadata(output, options)), []
    for warning in warnings:
        click.echo(f"warning: {warning}", err=True)
    write_framework(
        framework,
        output,
        header=f"Imported by govlearn from {source.name} ({source_format}).\n"
        f"Check edits with: govlearn frameworks validate {output.name}",
    )
    click.echo(f"{display_path(output)}: written ({_summary(framework)})")


@frameworks_group.command("export")
@click.argument("framework")
@click.option("--to", "target", type=click.Choice(["case"]), default="case", show_default=True)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="The CASE CFPackage JSON file to write.",
)
@click.option(
    "--base-url",
    help="Public address of the portal serving the framework (e.g. https://learn.gov.example);"
    " CASE URIs then point at its /ims/case/v1p1/ paths. Default: urn:uuid: URIs.",
)
def export_command(framework: str, target: str, output: Path, base_url: str | None) -> None:
    """Write FRAMEWORK (a shipped name or a file) as a CASE 1.1 CFPackage."""
    loaded = load_framework(_resolve(framework))
    package = export_case(loaded, base_url=base_url)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(package, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    click.echo(
        f"{display_path(output)}: CASE 1.1 package with {len(package['CFItems'])} items "
        f"and {len(package['CFAssociations'])} associations"
    )


def _csv_metadata(output: Path, options: dict) -> CsvMetadata:
    missing = [f"--{key}" for key in ("publisher", "licence") if not options.get(key)]
    if missing:
        raise GovlearnError(f"importing a CSV sheet needs {' and '.join(missing)}")
    return CsvMetadata(
        code=options.get("code") or output.stem,
        name=options.get("name"),
        version=options["version_"],
        publisher=options["publisher"],
        licence=options["licence"],
        licence_url=options.get("licence_url"),
        source_title=options.get("source_title"),
        source_url=options.get("source_url"),
    )
