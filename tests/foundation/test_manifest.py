"""chalice.json (the project manifest) agrees with each service's .chalice/config.json, its
infra/ fragment, its app's event handlers, and what is installed."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import metadata

import pytest

from infra.manifest import ROOT, fragment, manifest, services

SERVICES = sorted(services())


@pytest.mark.parametrize("service", SERVICES)
def test_chalice_config_matches_manifest(service: str) -> None:
    config = json.loads((ROOT / "services" / service / ".chalice" / "config.json").read_text())
    assert config["app_name"] == f"govportal-{service}"
    assert config["environment_variables"]["POWERTOOLS_SERVICE_NAME"] == service
    assert config["autogen_policy"] is False  # the package step writes least-privilege roles


@pytest.mark.parametrize("service", SERVICES)
def test_env_and_consumed_queues_name_resources_of_the_service(service: str) -> None:
    spec = services()[service]
    resources = fragment(service)["Resources"]
    for name, value in spec["env"].items():
        # A Ref names the service's own resource; another service's commands queue is a Fn::Sub URL.
        if isinstance(value, str):
            continue
        if "Fn::Sub" in value:
            assert value["Fn::Sub"].endswith("-commands"), f"{service}: {name} names no commands queue"
            continue
        parameters = fragment(service).get("Parameters", {})  # a secret given at deploy time
        assert value["Ref"] in resources or value["Ref"] in parameters, f"{service}: {name} refers to a missing resource"
    for logical in spec["consumes"]:
        assert resources[logical]["Type"] == "AWS::SQS::Queue"
        assert "RedrivePolicy" in resources[logical]["Properties"], "every queue has a dead-letter queue"
    assert spec["prefix"] == f"/{service}"


def test_prefixes_and_ports_are_unique() -> None:
    specs = list(services().values())
    assert len({s["prefix"] for s in specs}) == len(specs)
    ports = [s["port"] for s in specs] + [manifest()["local"]["gateway_port"], manifest()["local"]["moto_port"]]
    assert len(set(ports)) == len(ports)


@pytest.mark.parametrize("service", SERVICES)
def test_app_event_handlers_match_the_manifest(service: str) -> None:
    """Imports the app in its own interpreter (each service has its own chalicelib)."""
    code = (
        "import json, sys; sys.path[:0] = [sys.argv[1], sys.argv[2]];"
        "from chalice.app import SQSEventConfig; import app;"
        "print(json.dumps(sorted(s.queue for s in app.app.event_sources if isinstance(s, SQSEventConfig))))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(ROOT / "services" / service), str(ROOT)], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr
    queues = json.loads(result.stdout)
    resources = fragment(service)["Resources"]
    expected = sorted(resources[q]["Properties"]["QueueName"] for q in services()[service]["consumes"])
    assert queues == expected


@pytest.mark.parametrize("service", SERVICES)
def test_service_requirements_equal_what_is_tested(service: str) -> None:
    for line in (ROOT / "services" / service / "requirements.txt").read_text().splitlines():
        line = line.split("#")[0].strip()
        if not line:
            continue
        name, _, version = line.partition("==")
        assert version, f"{service}: {line} is not pinned"
        assert metadata.version(name.split("[")[0]) == version, f"{service}: {line} differs from the tested install"
