"""``govlearn upgrade``: bring a country repository to the current kit, on a new branch.

The approach of cruft and copier: render the kit output twice from the repository's own
``country.yaml`` — once with the template that generated the repository (*old*), once
with the current kit's (*new*) — and merge the difference old → new into the repository
as a three-way merge whose base is the old output. Both renders go through the same
``generate()`` as ``govlearn new``, and both read the country's ``theme/`` and
``framework/`` from the repository, so the only differences between them are the kit's;
everything the country changed since (theme colours, templates, settings, its own apps)
is the other side of the merge and survives wherever the kit did not change the same lines.

The merge is ``git merge-tree --write-tree`` on synthetic commits, not ``git merge-file``
per file: git 2.39 has no ``merge-tree --merge-base``, so the base is made the merge base
by construction — commit B holds the old output (no parent), N the new output (parent B)
and L the repository's ``HEAD`` tree re-parented on B. One ``merge-tree`` then merges the
whole tree the way ``git merge`` would: files the kit added or deleted, renames, binary
files and executable bits included, which a per-file loop would have to reimplement. It
works on objects only, so the work tree, the index and the current branch are never
touched; the merged tree (conflict markers in the conflicted files) becomes one commit
whose parent is ``HEAD``, on a new branch the operator reviews and merges.

Where the old template comes from: the kit's own git history (``git archive`` of the
commit recorded in ``.govlearn/provenance.json``) when the kit runs from a checkout that
has that commit, otherwise a folder the operator names (``--old-template``), checked
against the recorded content hash.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import tarfile
import tempfile
import textwrap
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from govlearn.catalog import template_dir
from govlearn.errors import GovlearnError, display_path
from govlearn.generate import generate
from govlearn.provenance import (
    PROVENANCE_FILE,
    Provenance,
    current_provenance,
    kit_checkout,
    parse_provenance,
    template_hash,
)

COUNTRY_FILE = "country.yaml"
BRANCH_PREFIX = "govlearn-upgrade-"
# The folders ``git archive`` takes from the kit's history: the template, plus the data a
# plain cookiecutter run of it falls back on.
KIT_FOLDERS = ("template", "themes", "competency_frameworks")
# Synthetic commits are written by the kit, whoever runs it.
_KIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "govlearn",
    "GIT_AUTHOR_EMAIL": "govlearn@localhost",
    "GIT_COMMITTER_NAME": "govlearn",
    "GIT_COMMITTER_EMAIL": "govlearn@localhost",
}
_MIGRATION = re.compile(r"^(?P<app>.+)/migrations/\d{4}_[^/]+\.py$")


@dataclass(frozen=True)
class Conflict:
    """A file the merge could not settle, with git's account of why."""

    path: str
    messages: tuple[str, ...] = ()


@dataclass(frozen=True)
class UpgradeResult:
    repo: Path
    old: Provenance | None
    new: Provenance
    branch: str | None = None
    commit: str | None = None
    changed: tuple[tuple[str, str], ...] = ()  # (git status letter, path) against HEAD
    conflicts: tuple[Conflict, ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def up_to_date(self) -> bool:
        return self.branch is None


def upgrade(
    repo: Path | str | None = None,
    *,
    old_template: Path | str | None = None,
    new_template: Path | str | None = None,
    branch: str | None = None,
) -> UpgradeResult:
    """Merge the kit's changes since the repository was generated into a new branch.

    ``repo`` is the country repository or any folder inside it (default: the current
    folder). ``old_template`` overrides where the old template comes from; ``new_template``
    replaces the current kit's template (for testing a template change before release).
    """
    git = _Git(find_country_repo(repo))
    _require_clean(git)
    head = git.output("rev-parse", "HEAD")
    head_tree = git.output("rev-parse", f"{head}^{{tree}}")
    recorded = _recorded_provenance(git)
    new_dir = Path(new_template).resolve() if new_template else template_dir()
    _require_template(new_dir, "the new template")
    new = current_provenance(new_dir)
    if old_template is None and recorded and recorded.template_hash == new.template_hash:
        return UpgradeResult(repo=git.root, old=recorded, new=new)
    branch = branch or f"{BRANCH_PREFIX}{new.kit_version}"
    _require_new_branch(git, branch)

    warnings: list[str] = []
    with tempfile.TemporaryDirectory(prefix="govlearn-upgrade-") as scratch_name:
        scratch = Path(scratch_name)
        old_dir = _old_template(git, recorded, old_template, new_dir, scratch / "kit", warnings)
        old_tree = _render_tree(git, old_dir, scratch / "old")
        new_tree = _render_tree(git, new_dir, scratch / "new")
        if old_tree == new_tree:
            return UpgradeResult(repo=git.root, old=recorded, new=new, warnings=tuple(warnings))
        merged_tree, conflicts = _merge(git, old_tree, head_tree, new_tree, new)
        final_tree = _with_provenance(git, merged_tree, new, scratch / "index")
        old_label = recorded.describe() if recorded else _given_template_label(old_dir)
    warnings += _migration_warnings(git, old_tree, head_tree, new_tree)
    message = _commit_message(old_label, new, conflicts)
    commit = git.output("commit-tree", final_tree, "-p", head, input=message, env=_identity(git))
    git.run("update-ref", "-m", "govlearn upgrade", f"refs/heads/{branch}", commit, "")
    return UpgradeResult(
        repo=git.root,
        old=recorded,
        new=new,
        branch=branch,
        commit=commit,
        changed=_changed_files(git, head_tree, final_tree),
        conflicts=tuple(conflicts),
        warnings=tuple(warnings),
    )


def find_country_repo(start: Path | str | None = None) -> Path:
    """The top of the git repository holding ``start``, which must be a country repository."""
    start = Path(start or Path.cwd()).resolve()
    if not start.is_dir():
        raise GovlearnError(f"{display_path(start)}: no such folder")
    top = _run_git(["rev-parse", "--show-toplevel"], start, check=False)
    if top.returncode != 0:
        raise GovlearnError(
            f"{display_path(start)} is not inside a git repository; govlearn upgrade works "
            "on the country repository govlearn new made"
        )
    root = Path(top.stdout.strip())
    if not ((root / COUNTRY_FILE).is_file() and (root / "manage.py").is_file()):
        raise GovlearnError(
            f"{repository_name(root)} is not a country repository (no {COUNTRY_FILE} beside "
            "manage.py at its top)"
        )
    return root


def repository_name(path: Path) -> str:
    """How messages name the repository: its path, or "this repository" when it is here."""
    shown = display_path(path)
    return "this repository" if shown == "." else shown


def _require_clean(git: _Git) -> None:
    if git.run("rev-parse", "--verify", "--quiet", "HEAD^{commit}", check=False).returncode:
        raise GovlearnError(f"{repository_name(git.root)} has no commit yet; commit it first")
    status = git.output("status", "--porcelain", "--untracked-files=normal", strip=False)
    if status.strip():
        paths = [line[3:] for line in status.splitlines() if line.strip()]
        shown = ", ".join(paths[:8]) + (f" and {len(paths) - 8} more" if len(paths) > 8 else "")
        raise GovlearnError(
            f"{repository_name(git.root)} has uncommitted changes ({shown}); commit or stash "
            "them, then run govlearn upgrade again (it merges into what is committed)"
        )


def _recorded_provenance(git: _Git) -> Provenance | None:
    spec = f"HEAD:{PROVENANCE_FILE}"
    if git.run("cat-file", "-e", spec, check=False).returncode:
        return None
    return parse_provenance(git.output("cat-file", "blob", spec, strip=False))


def _require_template(template: Path, what: str) -> None:
    if not (template / "cookiecutter.json").is_file():
        raise GovlearnError(f"{what} {display_path(template)} has no cookiecutter.json")


def _require_new_branch(git: _Git, branch: str) -> None:
    if git.run("check-ref-format", "--branch", branch, check=False).returncode:
        raise GovlearnError(f"{branch!r} is not a valid branch name")
    ref = f"refs/heads/{branch}"
    if git.run("rev-parse", "--verify", "--quiet", ref, check=False).returncode == 0:
        raise GovlearnError(
            f"branch {branch} already exists; merge or delete it (git branch -D {branch}), "
            "or name another with --branch"
        )


def _old_template(
    git: _Git,
    recorded: Provenance | None,
    given: Path | str | None,
    new_dir: Path,
    destination: Path,
    warnings: list[str],
) -> Path:
    """The template that generated the repository: the operator's, or from kit history."""
    if given is not None:
        template = _template_in(Path(given))
        if recorded and template_hash(template) != recorded.template_hash:
            warnings.append(
                f"{display_path(template)} is not the template this repository records "
                f"({recorded.describe()}): the difference between the two is merged as if "
                "the kit had made it"
            )
        return template
    if recorded is None:
        raise GovlearnError(
            f"{repository_name(git.root)} does not record which kit generated it "
            f"({PROVENANCE_FILE} is missing); pass --old-template with the template folder "
            "of that kit version"
        )
    checkout = kit_checkout(new_dir)
    commit = recorded.template_commit
    if commit is None or checkout is None or not _has_commit(checkout, commit):
        if commit is None:
            why = "it records no template commit"
        elif checkout is None:
            why = "this kit is installed without its git history"
        else:
            why = f"the kit checkout {display_path(checkout)} does not have commit {commit[:12]}"
        raise GovlearnError(
            f"this repository was generated by {recorded.describe()} and {why}; pass "
            f"--old-template with the template folder of govlearn {recorded.kit_version} "
            "(from a kit checkout at that commit, or an unpacked release)"
        )
    template = _archive_template(checkout, commit, destination)
    if template_hash(template) != recorded.template_hash:
        warnings.append(
            f"the template at kit commit {commit[:12]} is not byte for byte the one that "
            "generated this repository (the kit had uncommitted template changes then): "
            "those changes are merged as if the kit had made them"
        )
    return template


def _template_in(folder: Path) -> Path:
    """A template folder itself, a kit checkout holding one, or an unpacked kit wheel."""
    folder = folder.resolve()
    for candidate in (folder, folder / "template", folder / "govlearn" / "_data" / "template"):
        if (candidate / "cookiecutter.json").is_file():
            return candidate
    raise GovlearnError(
        f"{display_path(folder)} is not a govlearn template: no cookiecutter.json in it, "
        "in its template/ folder, or in govlearn/_data/template/"
    )


def _has_commit(checkout: Path, commit: str) -> bool:
    probe = _run_git(["cat-file", "-e", f"{commit}^{{commit}}"], checkout, check=False)
    return probe.returncode == 0


def _archive_template(checkout: Path, commit: str, destination: Path) -> Path:
    """Extract the kit folders at ``commit`` into ``destination``; return its template."""
    present = _run_git(["ls-tree", "--name-only", commit], checkout).stdout.split()
    folders = [name for name in KIT_FOLDERS if name in present]
    if "template" not in folders:
        raise GovlearnError(f"kit commit {commit[:12]} has no template folder")
    archive = subprocess.run(
        ["git", "archive", "--format=tar", commit, "--", *folders],
        cwd=checkout,
        capture_output=True,
        check=False,
    )
    if archive.returncode:
        raise GovlearnError(
            f"git archive of kit commit {commit[:12]} failed: {archive.stderr.decode().strip()}"
        )
    destination.mkdir(parents=True)
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        if hasattr(tarfile, "data_filter"):
            tar.extractall(destination, filter="data")
        else:  # Python before 3.11.4; the archive is git's own output
            tar.extractall(destination)
    return destination / "template"


def _render_tree(git: _Git, template: Path, output_dir: Path) -> str:
    """Render the kit output for the repository's country.yaml; return it as a git tree."""
    generated = generate(git.root / COUNTRY_FILE, output_dir, git=False, template=template)
    (generated.path / PROVENANCE_FILE).unlink(missing_ok=True)
    index = output_dir / "index"
    env = {"GIT_INDEX_FILE": str(index), "GIT_WORK_TREE": str(generated.path)}
    git.run("add", "--all", cwd=generated.path, env=env)  # .gitignore applies, as for `new`
    return git.output("write-tree", env=env)


def _merge(
    git: _Git, base: str, ours: str, theirs: str, new: Provenance
) -> tuple[str, list[Conflict]]:
    """Three-way merge of the trees with ``base`` as the merge base, as described above."""
    identity = _KIT_IDENTITY
    base_commit = git.output("commit-tree", base, "-m", "Old kit output", env=identity)
    kit_commit = git.output(
        "commit-tree", theirs, "-p", base_commit, "-m", "New kit output", env=identity
    )
    country_commit = git.output(
        "commit-tree", ours, "-p", base_commit, "-m", "Country repository", env=identity
    )
    # The names given to merge-tree label the conflict markers in the files.
    country_label, kit_label = "govlearn/country", f"govlearn/kit-{new.kit_version}"
    labels = {country_label: country_commit, kit_label: kit_commit}
    try:
        for label, commit in labels.items():
            git.run("update-ref", "--no-deref", f"refs/{label}", commit)
        merged = git.run(
            "merge-tree",
            "--write-tree",
            "-z",
            "--name-only",
            "--messages",
            country_label,
            kit_label,
            check=False,
        )
    finally:
        for label in labels:
            git.run("update-ref", "--no-deref", "-d", f"refs/{label}", check=False)
    if merged.returncode not in (0, 1):
        raise GovlearnError(f"git merge-tree failed: {merged.stderr.strip()}")
    return _parse_merge_tree(merged.stdout, conflicted=merged.returncode == 1)


def _parse_merge_tree(output: str, *, conflicted: bool) -> tuple[str, list[Conflict]]:
    """``merge-tree -z --name-only --messages``: tree, NUL, conflicted paths, NUL, messages."""
    parts = output.split("\0")
    tree = parts[0]
    if not conflicted:
        return tree, []
    position = 1
    paths = []
    while position < len(parts) and parts[position]:
        paths.append(parts[position])
        position += 1
    position += 1
    messages: dict[str, list[str]] = defaultdict(list)
    while position < len(parts) and parts[position]:
        count = int(parts[position])
        involved = parts[position + 1 : position + 1 + count]
        kind, text = parts[position + 1 + count], parts[position + 2 + count]
        if kind.startswith("CONFLICT"):
            for path in involved:
                messages[path].append(text.strip())
        position += 3 + count
    return tree, [Conflict(path, tuple(messages.get(path, ()))) for path in paths]


def _with_provenance(git: _Git, tree: str, provenance: Provenance, index: Path) -> str:
    """``tree`` with ``.govlearn/provenance.json`` saying which kit output it is now based on."""
    env = {"GIT_INDEX_FILE": str(index)}
    blob = git.output("hash-object", "-w", "--stdin", input=provenance.to_json())
    git.run("read-tree", tree, env=env)
    git.run("update-index", "--add", "--cacheinfo", f"100644,{blob},{PROVENANCE_FILE}", env=env)
    return git.output("write-tree", env=env)


def _migration_warnings(git: _Git, old_tree: str, head_tree: str, new_tree: str) -> list[str]:
    """Apps in which the kit adds migrations and the country has migrations of its own.

    Both sides' new migrations then follow the same parent, and Django refuses to migrate
    until a merge migration joins them.
    """
    old, head, new = (set(git.files(tree)) for tree in (old_tree, head_tree, new_tree))
    kit_added = _migrations_by_app(new - old)
    country_own = _migrations_by_app(head - old)
    return [
        f"{app}: the kit adds migrations ({', '.join(sorted(kit_added[app]))}) beside the "
        f"country's own ({', '.join(sorted(country_own[app]))}); on the upgrade branch run "
        "`python manage.py makemigrations --merge` and commit the merge migration"
        for app in sorted(kit_added.keys() & country_own.keys())
    ]


def _migrations_by_app(paths: set[str]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for path in paths:
        if match := _MIGRATION.match(path):
            found[match["app"]].add(path.rsplit("/", 1)[1])
    return found


def _changed_files(git: _Git, head_tree: str, final_tree: str) -> tuple[tuple[str, str], ...]:
    parts = git.output("diff-tree", "-r", "--name-status", "-z", head_tree, final_tree).split("\0")
    parts = [part for part in parts if part]
    return tuple(zip(parts[0::2], parts[1::2], strict=True))


def _given_template_label(template: Path) -> str:
    digest = template_hash(template).removeprefix("sha256:")
    return f"the template given with --old-template ({digest[:12]})"


def _commit_message(old_label: str, new: Provenance, conflicts: list[Conflict]) -> str:
    body = (
        f"govlearn upgrade rendered country.yaml with the kit this repository was based on, "
        f"{old_label}, and with {new.describe()}, and merged the difference into this "
        "repository."
    )
    lines = [f"Upgrade to {new.describe()}", "", textwrap.fill(body, width=72)]
    if conflicts:
        lines += ["", "Conflicts to resolve (marked <<<<<<< in each file):"]
        lines += [f"    {conflict.path}" for conflict in conflicts]
    return "\n".join(lines) + "\n"


def _identity(git: _Git) -> dict[str, str]:
    """The operator's own git identity when configured, else the kit's."""
    configured = all(
        git.run("config", "--get", key, check=False).stdout.strip() or os.environ.get(variable)
        for key, variable in (("user.name", "GIT_AUTHOR_NAME"), ("user.email", "GIT_AUTHOR_EMAIL"))
    )
    return {} if configured else _KIT_IDENTITY


class _Git:
    """git commands against one repository; objects and refs only, never its work tree."""

    def __init__(self, root: Path):
        self.root = root
        self.git_dir = Path(_run_git(["rev-parse", "--absolute-git-dir"], root).stdout.strip())

    def run(
        self,
        *arguments: str,
        cwd: Path | None = None,
        env: dict[str, str] | None = None,
        input: str | None = None,
        check: bool = True,
    ) -> subprocess.CompletedProcess:
        extra = {"GIT_DIR": str(self.git_dir), **(env or {})}
        return _run_git(list(arguments), cwd or self.root, env=extra, input=input, check=check)

    def output(self, *arguments: str, strip: bool = True, **options) -> str:
        stdout = self.run(*arguments, **options).stdout
        return stdout.strip() if strip else stdout

    def files(self, tree: str) -> list[str]:
        return [
            path
            for path in self.output("ls-tree", "-r", "-z", "--name-only", tree).split("\0")
            if path
        ]


def _run_git(
    arguments: list[str],
    cwd: Path,
    *,
    env: dict[str, str] | None = None,
    input: str | None = None,
    check: bool = True,
) -> subprocess.CompletedProcess:
    try:
        result = subprocess.run(
            ["git", *arguments],
            cwd=cwd,
            env={**os.environ, **(env or {})},
            input=input,
            capture_output=True,
            text=True,
            check=False,
        )
    except FileNotFoundError:
        raise GovlearnError("git is not installed; govlearn upgrade needs it") from None
    if check and result.returncode:
        raise GovlearnError(f"git {arguments[0]} failed: {result.stderr.strip()}")
    return result
