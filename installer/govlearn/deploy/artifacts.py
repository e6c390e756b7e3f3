"""What a deployment ships: the repository's code and a wheelhouse of its requirements.

Both are tar.gz archives built reproducibly (sorted names, fixed times and owners), so the
same code always gives the same checksum and the playbooks can tell "nothing changed"
from "new release" by comparing checksums. The wheelhouse is built once per
``requirements.lock`` and kept in the cache; targets install from it with no index.

The wheelhouse holds exactly what the lock names: binary wheels downloaded with their
hashes checked against the lock, so production runs the versions the country tested,
byte for byte, and the targets check the same hashes again when they install.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from govlearn.deploy.repo import DEPLOY_DIR, CountryRepo, cache_dir
from govlearn.errors import GovlearnError, display_path

# Never shipped to servers: secrets and inventories, local environments, build output.
EXCLUDED_PARTS = {
    ".git",
    ".venv",
    "venv",
    "__pycache__",
    ".pytest_cache",
    ".ruff_cache",
    "node_modules",
    "media",
    "static_collected",
    "test-artifacts",
}
EXCLUDED_TOP = {DEPLOY_DIR, "db.sqlite3", ".env"}
LOCK_MEMBER = "requirements.lock"  # the lock's name inside a wheelhouse archive


@dataclass(frozen=True)
class Archive:
    path: Path
    checksum: str


@dataclass(frozen=True)
class Wheelhouse:
    archive: Path
    requirements_checksum: str
    wheels: int
    build_seconds: float | None  # None when reused from the cache


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def requirements_checksum(repo: CountryRepo) -> str:
    if not repo.requirements_file.is_file():
        raise GovlearnError(
            f"{display_path(repo.requirements_file)} is missing; run `make lock` in the "
            "repository (or `govlearn upgrade`, which brings it) and commit it"
        )
    return hashlib.sha256(repo.requirements_file.read_bytes()).hexdigest()


def _source_files(root: Path) -> list[Path]:
    """Files to ship: git's view (tracked and untracked-but-not-ignored) when a git
    repository, otherwise a walk; always without the excluded names."""
    names: list[str] | None = None
    if (root / ".git").exists():
        result = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=root,
            capture_output=True,
            check=False,
        )
        if result.returncode == 0:
            names = [name for name in result.stdout.decode().split("\0") if name]
    if names is None:
        names = [str(path.relative_to(root)) for path in root.rglob("*") if not path.is_dir()]
    files = []
    for name in sorted(set(names)):
        parts = Path(name).parts
        if parts[0] in EXCLUDED_TOP or EXCLUDED_PARTS.intersection(parts):
            continue
        if name.endswith((".pyc", ".pyo")) or not (root / name).is_file():
            continue
        files.append(Path(name))
    return files


def _reproducible_tar(entries: list[tuple[str, Path]], target: Path) -> str:
    """Write (archive name, file) pairs as a reproducible tar.gz; return its sha256."""
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for name, path in sorted(entries):
            info = tarfile.TarInfo(name)
            info.size = path.stat().st_size
            info.mode = 0o755 if path.stat().st_mode & 0o111 else 0o644
            info.mtime = 0
            info.uid = info.gid = 0
            info.uname = info.gname = "root"
            with path.open("rb") as stream:
                tar.addfile(info, stream)
    target.parent.mkdir(parents=True, exist_ok=True)
    scratch = target.with_name(target.name + ".partial")
    with scratch.open("wb") as out, gzip.GzipFile(fileobj=out, mode="wb", mtime=0) as gz:
        gz.write(raw.getvalue())
    scratch.replace(target)
    return sha256_file(target)


def build_source_archive(repo: CountryRepo) -> Archive:
    """Pack the repository's code; the checksum names the release's content."""
    files = _source_files(repo.path)
    if not files:
        raise GovlearnError(f"{display_path(repo.path)}: no files to deploy")
    scratch = cache_dir(repo) / "source.tar.gz"
    checksum = _reproducible_tar([(str(name), repo.path / name) for name in files], scratch)
    final = scratch.with_name(f"source-{checksum[:16]}.tar.gz")
    scratch.replace(final)
    return Archive(path=final, checksum=checksum)


def wheelhouse_archive_path(repo: CountryRepo, checksum: str) -> Path:
    return cache_dir(repo) / f"wheelhouse-{checksum[:16]}.tar.gz"


def build_wheelhouse(
    repo: CountryRepo,
    *,
    python: str | None = None,
    python_version: str | None = None,
    platform: str | None = None,
    rebuild: bool = False,
) -> Wheelhouse:
    """Wheels for every package of the lock, hash-checked, packed with the lock.

    Wheels are resolved by ``python`` (default: the OS's ``/usr/bin/python3``, the one the
    playbooks build virtual environments with), because requirements carry environment
    markers down to the patch release (redis needs async-timeout only before 3.11.3): a
    wheelhouse resolved by another Python can miss a package the target needs. Build on
    the same OS release as the targets, or point ``python`` at a matching interpreter.
    ``python_version`` (e.g. ``3.12``) and ``platform`` (e.g. ``manylinux2014_x86_64``)
    fetch binary wheels for another target instead.
    """
    checksum = requirements_checksum(repo)
    archive = wheelhouse_archive_path(repo, checksum)
    if archive.is_file() and not rebuild:
        with tarfile.open(archive) as tar:
            wheels = sum(1 for name in tar.getnames() if name.endswith(".whl"))
        return Wheelhouse(archive, checksum, wheels, None)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="govlearn-wheelhouse-") as scratch:
        wheel_dir = Path(scratch) / "wheels"
        builder = _builder_python(Path(scratch) / "builder", python)
        # Binary wheels only: a wheel built here from a source archive would not match
        # the lock's hashes, and the targets refuse what does not match.
        command = [builder, "-m", "pip", "download", "--only-binary=:all:", "--require-hashes"]
        if python_version:
            command += ["--python-version", python_version, "--implementation", "cp"]
        if platform:
            command += ["--platform", platform]
        command += [
            "--dest",
            str(wheel_dir),
            "--disable-pip-version-check",
            "--quiet",
            "-r",
            str(repo.requirements_file),
        ]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            tail = "\n".join(result.stderr.strip().splitlines()[-15:])
            raise GovlearnError(f"building the wheelhouse failed:\n{tail}")
        wheels = sorted(wheel_dir.glob("*.whl"))
        entries = [(path.name, path) for path in wheels]
        entries.append((LOCK_MEMBER, repo.requirements_file))
        _reproducible_tar(entries, archive)
    return Wheelhouse(archive, checksum, len(wheels), time.monotonic() - started)


def default_build_python() -> str:
    system = Path("/usr/bin/python3")
    return str(system) if system.is_file() else sys.executable


def _builder_python(venv_dir: Path, python: str | None) -> str:
    """A throwaway virtual environment of ``python``, so pip is there and current."""
    interpreter = python or default_build_python()
    result = subprocess.run(
        [interpreter, "-m", "venv", str(venv_dir)], capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise GovlearnError(
            f"cannot make a build environment with {interpreter} (on Debian/Ubuntu install "
            f"python3-venv): {result.stderr.strip()}"
        )
    return str(venv_dir / "bin" / "python")


def export_bundle(source: Archive, wheelhouse: Wheelhouse, output_dir: Path) -> list[Path]:
    """Copy the built archives to ``output_dir`` (e.g. removable media for an air gap)."""
    output_dir.mkdir(parents=True, exist_ok=True)
    copied = []
    for path in (source.path, wheelhouse.archive):
        target = output_dir / path.name
        shutil.copy2(path, target)
        copied.append(target)
    return copied


def import_wheelhouse(repo: CountryRepo, archive: Path) -> Wheelhouse:
    """Use a wheelhouse built elsewhere (``govlearn bundle`` on a connected machine)."""
    checksum = requirements_checksum(repo)
    try:
        with tarfile.open(archive) as tar:
            member = tar.extractfile(LOCK_MEMBER)
            shipped = member.read() if member else b""
            wheels = sum(1 for name in tar.getnames() if name.endswith(".whl"))
    except (OSError, tarfile.TarError, KeyError) as exc:
        raise GovlearnError(f"{display_path(archive)} is not a govlearn wheelhouse: {exc}") from exc
    if hashlib.sha256(shipped).hexdigest() != checksum:
        raise GovlearnError(
            f"{display_path(archive)} was built for a different requirements.lock; "
            "run govlearn bundle again"
        )
    target = wheelhouse_archive_path(repo, checksum)
    if archive.resolve() != target.resolve():
        shutil.copy2(archive, target)
    return Wheelhouse(target, checksum, wheels, None)
