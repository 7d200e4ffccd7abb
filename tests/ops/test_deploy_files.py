"""The container and systemd files start civicdesk with the entry points the production smoke test
runs, name only settings that exist, and hold together (compose structure, non-root image). Images
cannot be built here; `docker compose config` is used when the machine has it."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
WEB = "gunicorn -c python:civicdesk.ops.gunicorn_conf civicdesk.wsgi"
WORKER = "celery -A civicdesk.celery_app worker"
BEAT = "celery -A civicdesk.celery_app beat"


def _compose() -> dict:
    return yaml.safe_load((DEPLOY / "compose.yaml").read_text())


def _known_settings() -> set[str]:
    """Every CIVICDESK_* variable the code reads (env_str("NAME"), os.environ["CIVICDESK_NAME"], …)."""
    names: set[str] = set()
    for path in (ROOT / "civicdesk").rglob("*.py"):
        text = path.read_text()
        names |= {f"CIVICDESK_{n}" for n in re.findall(r"env_[a-z]+\(\s*\"([A-Z0-9_]+)\"", text)}
        names |= set(re.findall(r"\"(CIVICDESK_[A-Z0-9_]+)\"", text))
    return names


def test_compose_has_the_production_services_with_the_smoke_entry_points():
    services = _compose()["services"]
    assert {"web", "worker", "beat", "db", "redis", "proxy", "migrate"} <= set(services)
    assert " ".join(services["web"]["command"]) == WEB
    assert " ".join(services["worker"]["command"]).startswith(WORKER)
    assert " ".join(services["beat"]["command"]).startswith(BEAT)
    assert services["migrate"]["command"] == ["civicdesk", "migrate", "--noinput"]
    for name in ("web", "worker", "beat"):
        assert services[name]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
        assert services[name]["image"] == "civicdesk:latest"
    assert services["proxy"]["ports"] == ["80:80", "443:443"]
    assert "web" not in {p.split(":")[0] for p in services["web"].get("ports", [])}  # only through the proxy
    assert services["db"]["image"].startswith("postgres:15")  # pg_dump in the image is 15
    assert "--appendonly" in services["redis"]["command"]


def test_the_smoke_test_and_systemd_start_the_same_commands():
    smoke = (ROOT / "scripts" / "production_smoke.py").read_text()
    assert '"-c", "python:civicdesk.ops.gunicorn_conf", "civicdesk.wsgi"' in smoke
    assert '"-A", "civicdesk.celery_app"' in smoke and '"worker"' in smoke and '"beat"' in smoke
    units = {path.name: path.read_text() for path in (DEPLOY / "systemd").glob("*.service")}
    starts = {name: re.search(r"^ExecStart=(\S+) (.*)$", text, re.M) for name, text in units.items()}
    assert starts["civicdesk-web.service"].group(2) == WEB.split(" ", 1)[1]
    assert starts["civicdesk-worker.service"].group(2).startswith(WORKER.split(" ", 1)[1])
    assert starts["civicdesk-beat.service"].group(2).startswith(BEAT.split(" ", 1)[1])
    assert starts["civicdesk-backup.service"].group(2).startswith("backup --keep")
    for name, text in units.items():
        assert re.search(r"^User=civicdesk$", text, re.M), f"{name} must not run as root"
        assert "EnvironmentFile=/etc/civicdesk/civicdesk.env" in text
    timer = (DEPLOY / "systemd" / "civicdesk-backup.timer").read_text()
    assert "OnCalendar=" in timer and "Persistent=true" in timer


def test_the_image_is_slim_non_root_with_static_files_built_in():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert re.search(r"^FROM python:3\.\d+-slim", dockerfile, re.M)
    user = re.findall(r"^USER (\S+)$", dockerfile, re.M)
    assert user and user[-1] not in ("root", "0")
    collect = dockerfile.index("collectstatic")
    assert collect < dockerfile.rindex("USER ")  # collected at build time, into the image
    assert "CIVICDESK_STATIC_ROOT=/opt/civicdesk/static" in dockerfile
    cmd = re.search(r"^CMD (\[.*\])$", dockerfile, re.M)
    assert cmd and " ".join(yaml.safe_load(cmd.group(1))) == WEB
    assert "/healthz" in dockerfile  # HEALTHCHECK


def test_deploy_files_name_only_settings_that_exist():
    known = _known_settings()
    assert {"CIVICDESK_SECRET_KEY", "CIVICDESK_METRICS_TOKEN", "CIVICDESK_BIND"} <= known
    texts = [(path, path.read_text()) for path in DEPLOY.rglob("*") if path.is_file()]
    texts.append((ROOT / "Dockerfile", (ROOT / "Dockerfile").read_text()))
    used = {(path.name, name) for path, text in texts for name in re.findall(r"\bCIVICDESK_[A-Z0-9_]+", text)}
    unknown = sorted(f"{file}: {name}" for file, name in used if name not in known)
    assert not unknown, f"settings that nothing reads: {unknown}"


def test_the_proxies_keep_metrics_inside_and_pass_the_client_on():
    nginx = (DEPLOY / "nginx" / "civicdesk.conf").read_text()
    assert "location = /metrics { return 404; }" in nginx
    for header in ("X-Forwarded-For", "X-Forwarded-Proto", "X-Request-ID"):
        assert f"proxy_set_header {header}" in nginx
    caddy = (DEPLOY / "Caddyfile").read_text()
    assert "respond /metrics 404" in caddy and "reverse_proxy web:8000" in caddy


def test_docker_compose_config_accepts_the_file(tmp_path):
    docker = shutil.which("docker")
    if not docker or subprocess.run([docker, "compose", "version"], capture_output=True).returncode != 0:
        pytest.skip("docker compose is not installed here; the structure is checked by the tests above")
    env = tmp_path / ".env"
    env.write_text("POSTGRES_PASSWORD=x\nPUBLIC_HOST=example.vn\nCIVICDESK_SECRET_KEY=x\n")
    done = subprocess.run([docker, "compose", "-f", str(DEPLOY / "compose.yaml"), "--env-file", str(env),
                           "config", "--quiet"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
