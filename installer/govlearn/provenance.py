"""Where a country repository came from: the kit version and template that generated it.

``govlearn new`` writes ``.govlearn/provenance.json`` into every repository it makes and
``govlearn upgrade`` rewrites it on the branch it creates. ``upgrade`` needs it to render
the *old* kit output again: the template commit finds that template in the kit's own git
history, and the content hash identifies the template even when the kit ran from an
installed wheel, which has no history (then the operator supplies the old template and
the hash confirms it is the right one).

A file of its own rather than a ``[tool.govlearn]`` table in ``pyproject.toml``: it is
written by machines only, so the country never has a reason to edit it, and keeping it out
of a file the country does edit keeps every upgrade's merge of ``pyproject.toml`` clean.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from govlearn import __version__
from govlearn.catalog import template_dir
from govlearn.errors import GovlearnError

PROVENANCE_FILE = ".govlearn/provenance.json"
FORMAT = 1

# Left behind by using a template in place (running its tests, serving it); never part of
# what the template generates, so never part of its identity.
_BUILD_LEFTOVERS = {"__pycache__", ".pytest_cache", ".ruff_cache", ".DS_Store", "db.sqlite3"}


@dataclass(frozen=True)
class Provenance:
    """The kit output a repository is based on."""

    kit_version: str
    template_hash: str
    template_commit: str | None
    generated_at: str

    def to_json(self) -> str:
        return json.dumps({"format": FORMAT, **asdict(self)}, indent=2, sort_keys=True) + "\n"

    def describe(self) -> str:
        """``govlearn 0.1.0 (template 1a2b3c4d5e6f)``, for messages and commit logs."""
        source = self.template_commit or self.template_hash.removeprefix("sha256:")
        return f"govlearn {self.kit_version} (template {source[:12]})"


def template_hash(template: Path) -> str:
    """A content hash of a template folder: every file's path and bytes, in a fixed order.

    A checkout, a ``git archive`` of it and a wheel's copy of the same template give the
    same hash; file modes and timestamps do not count.
    """
    digest = hashlib.sha256()
    for path in sorted(_template_files(template)):
        relative = path.relative_to(template).as_posix()
        content = path.read_bytes()
        digest.update(f"{relative}\0{len(content)}\0".encode())
        digest.update(content)
    return f"sha256:{digest.hexdigest()}"


def _template_files(template: Path):
    for path in template.rglob("*"):
        parts = path.relative_to(template).parts
        if any(part in _BUILD_LEFTOVERS for part in parts) or path.suffix == ".pyc":
            continue
        if path.is_file():
            yield path


def kit_checkout(template: Path | None = None) -> Path | None:
    """The kit's git checkout holding ``template``, or ``None`` (a wheel, or a copy).

    Only a checkout whose ``template`` folder *is* this template counts, so an installed
    kit that happens to sit inside some other git repository never borrows its commit.
    """
    template = (template or template_dir()).resolve()
    root = template.parent
    if not (root / "installer" / "govlearn").is_dir():
        return None
    toplevel = _git_output(["rev-parse", "--show-toplevel"], root)
    if toplevel is None or Path(toplevel).resolve() != root:
        return None
    return root


def template_commit(template: Path | None = None) -> str | None:
    """The kit checkout's ``HEAD`` when ``template`` is the template of a kit checkout."""
    root = kit_checkout(template)
    if root is None:
        return None
    return _git_output(["rev-parse", "--verify", "--quiet", "HEAD^{commit}"], root)


def current_provenance(template: Path | str | None = None) -> Provenance:
    """The provenance of output rendered now from ``template`` (default: the kit's own)."""
    template = Path(template) if template else template_dir()
    return Provenance(
        kit_version=__version__,
        template_hash=template_hash(template),
        template_commit=template_commit(template),
        generated_at=datetime.now(UTC).isoformat(timespec="seconds"),
    )


def record_provenance(project_dir: Path, *, template: Path | str | None = None) -> None:
    """Write ``.govlearn/provenance.json`` into a freshly generated repository.

    ``template`` is the template folder it was rendered from (default: the kit's own).
    """
    write_provenance(Path(project_dir), current_provenance(template))


def write_provenance(project_dir: Path, provenance: Provenance) -> None:
    path = project_dir / PROVENANCE_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(provenance.to_json(), encoding="utf-8")


def read_provenance(project_dir: Path) -> Provenance | None:
    """The repository's recorded provenance; ``None`` if it has none (an older repository)."""
    path = Path(project_dir) / PROVENANCE_FILE
    if not path.is_file():
        return None
    return parse_provenance(path.read_text(encoding="utf-8"), where=PROVENANCE_FILE)


def parse_provenance(text: str, *, where: str = PROVENANCE_FILE) -> Provenance:
    try:
        data = json.loads(text)
        if data.get("format") != FORMAT:
            raise ValueError(f"unknown format {data.get('format')!r} (this kit reads {FORMAT})")
        return Provenance(
            kit_version=str(data["kit_version"]),
            template_hash=str(data["template_hash"]),
            template_commit=data.get("template_commit") or None,
            generated_at=str(data["generated_at"]),
        )
    except KeyError as exc:
        problem = f"{exc.args[0]} is missing"
    except (ValueError, TypeError, AttributeError) as exc:
        problem = str(exc)
    raise GovlearnError(
        f"{where}: not a govlearn provenance record ({problem}); restore it from the "
        "repository's history, or pass --old-template"
    )


def _git_output(arguments: list[str], cwd: Path) -> str | None:
    try:
        result = subprocess.run(
            ["git", *arguments], cwd=cwd, capture_output=True, text=True, check=False
        )
    except FileNotFoundError:
        return None
    return result.stdout.strip() if result.returncode == 0 and result.stdout.strip() else None
