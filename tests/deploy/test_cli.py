"""`govlearn deploy` and `govlearn bundle` as an operator meets them when something is
missing: one readable message, exit code 1, nothing half-done."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from govlearn.cli import cli

pytestmark = pytest.mark.deploy


def test_deploy_outside_a_country_repository_says_where_to_run_it(tmp_path, deploy_env):
    result = CliRunner().invoke(cli, ["deploy", "--repo", str(tmp_path)])
    assert result.exit_code == 1
    assert "is not inside a country repository" in result.output
    assert "Traceback" not in result.output


def test_deploy_without_an_inventory_names_the_examples(small_repo, deploy_env):
    result = CliRunner().invoke(cli, ["deploy", "--repo", str(small_repo.path)])
    assert result.exit_code == 1
    assert "no inventory" in result.output
    assert "deploy/inventory.yml" in result.output
    assert not small_repo.vault_file.exists(), "nothing is written before the inventory exists"


def test_status_without_an_inventory_fails_the_same_way(small_repo, deploy_env):
    result = CliRunner().invoke(cli, ["deploy", "--repo", str(small_repo.path), "status"])
    assert result.exit_code == 1
    assert "no inventory" in result.output


def test_country_yaml_without_a_slug_is_refused(small_repo, deploy_env):
    (small_repo.path / "country.yaml").write_text("portal:\n  domain: x.example\n")
    result = CliRunner().invoke(cli, ["bundle", "--repo", str(small_repo.path)])
    assert result.exit_code == 1
    assert "portal.slug" in result.output and "portal.admin_email" in result.output
