"""The issue's proof, on this machine: `govlearn deploy` takes a freshly generated portal
to a running, TLS-served site (connection local, supervisor), converges with no change on
a second run, ships a new release, rolls back a broken one while the old one keeps
serving, and a backup restores into a fresh database with the same rows.

The steps run in order against one deployment (slug ``dpltest``, its own database and
Redis port), which the module removes before and after itself.
"""

from __future__ import annotations

import http.cookiejar
import io
import os
import re
import shutil
import ssl
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from rich.console import Console

from govlearn.catalog import playbooks_dir
from govlearn.deploy.runner import PlaybookRun, run_playbook
from govlearn.deploy.secrets import read_vault

pytestmark = pytest.mark.deploy

KIT_ROOT = Path(__file__).resolve().parents[2]
SLUG = "dpltest"
DOMAIN = "dpltest.example"
ROOT = Path("/srv") / SLUG
RESET = KIT_ROOT / "scripts" / "deploy-test-reset.sh"
GOVLEARN = Path(sys.executable).parent / "govlearn"
MARKER = "portal/static/deploy-marker.txt"
FIGURES: dict[str, float] = {}

INVENTORY = """\
all:
  hosts:
    localhost:
      ansible_connection: local
      ansible_python_interpreter: /usr/bin/python3
      govlearn_private_address: 127.0.0.1
  children:
    db: {hosts: {localhost: {}}}
    cache: {hosts: {localhost: {}}}
    web: {hosts: {localhost: {}}}
    worker: {hosts: {localhost: {}}}
  vars:
    # This machine is a container shared with other tests: no firewall or clock changes,
    # and the distribution's Redis stays as it is; the portal's own Redis uses 6391.
    common_firewall_enabled: false
    common_time_sync_enabled: false
    redis_stop_distribution_instance: false
    govlearn_redis_port: 6391
    app_extra_allowed_hosts: ["127.0.0.1"]
    app_seed_demo: true
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory, make_repo):
    if os.geteuid() != 0:
        pytest.fail("the deployment test deploys to this machine and must run as root")
    folder = tmp_path_factory.mktemp("deploy")
    subprocess.run([str(RESET), SLUG], check=True, capture_output=True)
    repo = make_repo(folder, SLUG, DOMAIN)
    (repo.path / MARKER).write_text("release 1\n")
    inventory = folder / "inventory.yml"
    inventory.write_text(INVENTORY)
    env = {
        **os.environ,
        "GOVLEARN_VAULT_PASSWORD_FILE": str(folder / "vault.pass"),
        "GOVLEARN_CACHE_DIR": str(folder / "cache"),
        "COLUMNS": "200",
    }
    yield {"repo": repo, "inventory": inventory, "env": env, "folder": folder}
    print("\ndeployment figures:", {key: round(value, 1) for key, value in FIGURES.items()})
    if not os.environ.get("GOVLEARN_KEEP_TEST_DEPLOYMENT"):
        subprocess.run([str(RESET), SLUG], check=False, capture_output=True)


def govlearn(site, *args: str, timeout: int = 1200) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(GOVLEARN), "deploy", "--repo", str(site["repo"].path), *args],
        capture_output=True,
        text=True,
        env=site["env"],
        timeout=timeout,
        check=False,
    )


def deploy(site, label: str) -> subprocess.CompletedProcess:
    started = time.monotonic()
    result = govlearn(site, "--inventory", str(site["inventory"]))
    FIGURES[label] = time.monotonic() - started
    return result


def https(path: str, opener=None, data: bytes | None = None, headers=None):
    """GET/POST https://127.0.0.1<path>, trusting only the portal's own certificate."""
    context = ssl.create_default_context(cafile=f"/etc/nginx/tls/{SLUG}/fullchain.pem")
    context.check_hostname = False  # the certificate names the domain, we dial the address
    handlers = [urllib.request.HTTPSHandler(context=context)]
    opener = opener or urllib.request.build_opener(*handlers)
    request = urllib.request.Request(f"https://127.0.0.1{path}", data=data, headers=headers or {})
    return opener.open(request, timeout=30)


def live_release() -> str:
    return (ROOT / "current").resolve().name


def test_first_deployment_from_scratch_serves_the_home_page_over_tls(site):
    result = deploy(site, "first_deploy_seconds")
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "Secrets created" in result.stdout
    vault_file = site["repo"].path / "deploy" / "secrets.vault.yml"
    assert vault_file.read_bytes().startswith(b"$ANSIBLE_VAULT")

    response = https("/")
    body = response.read().decode()
    assert response.status == 200
    assert "Seychelles Public Service Academy" in body
    assert "max-age=31536000" in response.headers["Strict-Transport-Security"]
    assert https("/static/deploy-marker.txt").read().decode() == "release 1\n"


def test_the_administrator_can_log_in(site):
    secrets = read_vault(
        site["repo"].path / "deploy" / "secrets.vault.yml",
        Path(site["env"]["GOVLEARN_VAULT_PASSWORD_FILE"]),
    )
    context = ssl.create_default_context(cafile=f"/etc/nginx/tls/{SLUG}/fullchain.pem")
    context.check_hostname = False
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(
        urllib.request.HTTPSHandler(context=context), urllib.request.HTTPCookieProcessor(jar)
    )
    https("/admin/login/", opener).read()
    token = next(cookie.value for cookie in jar if cookie.name == "csrftoken")
    form = urllib.parse.urlencode(
        {
            "username": "admin",
            "password": secrets["govlearn_admin_password"],
            "csrfmiddlewaretoken": token,
            "next": "/admin/",
        }
    ).encode()
    response = https(
        "/admin/login/",
        opener,
        data=form,
        headers={"Referer": "https://127.0.0.1/admin/login/"},
    )
    page = response.read().decode()
    assert response.geturl().endswith("/admin/"), "login did not lead to the dashboard"
    assert 'name="password"' not in page
    assert any(cookie.name == "sessionid" for cookie in jar)


def test_a_celery_task_runs_through_the_real_worker(site):
    result = subprocess.run(
        [str(ROOT / "bin" / "manage"), "check_worker", "--timeout", "60"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert re.search(r"worker \S+ answered in \d+ ms", result.stdout)
    supervisor = subprocess.run(
        ["supervisorctl", "status"], capture_output=True, text=True, check=False
    ).stdout
    for program in ("web", "worker", "beat", "redis"):
        assert re.search(rf"{SLUG}-{program}\s+RUNNING", supervisor), supervisor


def test_a_second_run_changes_nothing(site):
    release_before = live_release()
    result = deploy(site, "second_run_seconds")
    assert result.returncode == 0, result.stdout[-4000:]
    changed = int(re.search(r"(\d+) task\(s\) changed", result.stdout).group(1))
    FIGURES["second_run_changed"] = changed
    assert changed == 0, result.stdout[-6000:]
    assert live_release() == release_before


def test_a_dry_run_of_the_converged_site_would_change_nothing(site):
    release_before = live_release()
    result = govlearn(site, "--inventory", str(site["inventory"]), "--check")
    assert result.returncode == 0, result.stdout[-4000:]
    assert "Dry run of dpltest" in result.stdout
    assert re.search(r"\b0 task\(s\) would change", result.stdout), result.stdout[-4000:]
    assert live_release() == release_before


def test_a_code_change_becomes_a_new_live_release(site):
    previous = live_release()
    (site["repo"].path / MARKER).write_text("release 2\n")
    time.sleep(1)  # release ids have one-second resolution
    result = deploy(site, "new_release_seconds")
    assert result.returncode == 0, result.stdout[-4000:]
    assert live_release() != previous
    assert https("/static/deploy-marker.txt").read().decode() == "release 2\n"

    status = govlearn(site, "--inventory", str(site["inventory"]), "status")
    assert status.returncode == 0, status.stdout + status.stderr
    assert live_release() in status.stdout
    assert previous in status.stdout, "the previous release is kept for rollback"


def test_a_broken_release_is_rolled_back_and_the_old_one_keeps_serving(site):
    good = live_release()
    urls = site["repo"].path / "portal" / "urls.py"
    original = urls.read_text()
    urls.write_text(original + '\nraise RuntimeError("deliberately broken release")\n')
    try:
        started = time.monotonic()
        result = deploy(site, "broken_release_seconds")
        FIGURES["rollback_seconds"] = time.monotonic() - started
    finally:
        urls.write_text(original)

    assert result.returncode == 1
    assert "deliberately broken release" in result.stdout
    assert "Rolled back" in result.stdout and f"{good} is still live" in result.stdout
    assert "error: deployment failed on localhost" in result.stderr
    assert live_release() == good
    assert sorted(p.name for p in (ROOT / "releases").iterdir())[-1] == good, (
        "the failed release was left behind"
    )
    assert https("/healthz/").status == 200
    assert https("/static/deploy-marker.txt").read().decode() == "release 2\n"


def test_a_release_that_fails_after_going_live_is_switched_back(site):
    """The worker check runs after the switch: a release whose Celery tasks misbehave
    goes live, fails that check, and the previous release is put back and restarted."""
    good = live_release()
    tasks = site["repo"].path / "portal" / "tasks.py"
    original = tasks.read_text()
    tasks.write_text(original.replace('{"nonce": nonce,', '{"nonce": "not-" + nonce,'))
    assert tasks.read_text() != original
    try:
        started = time.monotonic()
        result = deploy(site, "after_switch_rollback_seconds")
        FIGURES["after_switch_rollback_seconds"] = time.monotonic() - started
    finally:
        tasks.write_text(original)

    assert result.returncode == 1
    assert 'failed at "Check that a Celery worker runs tasks for the new release"' in (
        result.stdout.replace("\n", " ")
    ), result.stdout[-4000:]
    assert f"{good} is still live" in result.stdout
    assert live_release() == good
    worker = subprocess.run(
        [str(ROOT / "bin" / "manage"), "check_worker", "--timeout", "60"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert worker.returncode == 0, "the worker was not restarted on the previous release"
    assert https("/static/deploy-marker.txt").read().decode() == "release 2\n"


def _row_counts(database: str) -> dict[str, int]:
    query = (
        "SELECT table_name, (xpath('/row/c/text()', query_to_xml(format("
        "'SELECT count(*) AS c FROM public.%I', table_name), false, true, '')))[1]::text "
        "FROM information_schema.tables WHERE table_schema = 'public' "
        "AND table_type = 'BASE TABLE' ORDER BY table_name"
    )
    output = subprocess.run(
        ["runuser", "-u", "postgres", "--", "psql", "-d", database, "-tAF", "|", "-c", query],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return {name: int(count) for name, count in (line.split("|") for line in output.splitlines())}


def test_a_backup_restores_into_a_fresh_database_with_equal_row_counts(site):
    repo = site["repo"]
    vault = repo.path / "deploy" / "secrets.vault.yml"
    password_file = Path(site["env"]["GOVLEARN_VAULT_PASSWORD_FILE"])
    base_vars = {"govlearn_slug": SLUG, "govlearn_domain": DOMAIN}
    console = Console(file=io.StringIO(), width=200)

    backup = run_playbook(
        PlaybookRun("backup.yml", site["inventory"], base_vars, vault, password_file),
        console,
        "Backup",
    )
    assert not backup.failed_hosts, console.file.getvalue()
    dumps = sorted(Path(f"/var/backups/govlearn/{SLUG}").glob("db-*.dump"))
    assert dumps, "the backup wrote no database dump"
    assert sorted(Path(f"/var/backups/govlearn/{SLUG}").glob("media-*.tar.gz"))

    target = f"{SLUG}_restore_test"
    started = time.monotonic()
    restore = run_playbook(
        PlaybookRun(
            "restore.yml",
            site["inventory"],
            {**base_vars, "restore_dump": str(dumps[-1]), "restore_database": target},
            vault,
            password_file,
        ),
        console,
        "Restore",
    )
    FIGURES["restore_seconds"] = time.monotonic() - started
    assert not restore.failed_hosts, console.file.getvalue()

    live, restored = _row_counts(SLUG), _row_counts(target)
    FIGURES["restored_tables"] = len(restored)
    FIGURES["restored_rows"] = sum(restored.values())
    assert live == restored
    assert sum(restored.values()) > 100, "the demo content should make a non-trivial backup"
    assert restored.get("wagtailcore_page", 0) > 1


def test_the_cron_job_and_retention_are_installed(site):
    cron = Path(f"/etc/cron.d/govlearn-backup-{SLUG}").read_text()
    assert f"/usr/local/sbin/govlearn-backup-{SLUG}" in cron
    script = Path(f"/usr/local/sbin/govlearn-backup-{SLUG}").read_text()
    assert "-mtime +14 -delete" in script
    assert shutil.which("pg_restore")
    assert (playbooks_dir() / "restore.yml").is_file()
