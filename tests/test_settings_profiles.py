"""The production profile passes Django's deployment checks; missing secrets are refused."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def new_key_pem():
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    return Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()).decode()


PRODUCTION_ENV = {
    "ACADEMY_BADGE_KEY_PEM": new_key_pem(),
    "DJANGO_SETTINGS_MODULE": "demo_site.settings.production",
    "SECRET_KEY": "k" * 20 + "production-secret-for-the-check-only-0123456789",
    "ALLOWED_HOSTS": "academy.example.org",
    "EMAIL_HOST": "smtp.example.org",
    # The isolated H5P player (without it: sse_courses.W003, tested below).
    "ACADEMY_H5P_PLAYER_ORIGIN": "https://h5p.example.org",
    "ACADEMY_H5P_SITE_ORIGIN": "https://academy.example.org",
    "ACADEMY_H5P_URL": "https://h5p.example.org/media/h5p",
}


def manage(*args, **env):
    clean = {k: v for k, v in os.environ.items()
             if k not in PRODUCTION_ENV and k not in {"DJANGO_ALLOW_ASYNC_UNSAFE",
                                                      "ACADEMY_BADGE_KEY_PATH"}}
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, capture_output=True,
                          text=True, env={**clean, **env}, timeout=120)


def test_production_profile_passes_check_deploy_without_warnings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_profile_warns_when_the_h5p_player_is_not_isolated():
    result = manage("check", "--deploy", **{**PRODUCTION_ENV, "ACADEMY_H5P_PLAYER_ORIGIN": ""})
    assert "sse_courses.W003" in result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    env = {**PRODUCTION_ENV, "SECRET_KEY": ""}
    result = manage("check", **env)
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_a_mail_server():
    result = manage("check", **{**PRODUCTION_ENV, "EMAIL_HOST": ""})
    assert result.returncode != 0
    assert "Set EMAIL_HOST" in result.stderr


def test_production_refuses_to_start_without_a_badge_signing_key(tmp_path):
    result = manage("check", **{**PRODUCTION_ENV, "ACADEMY_BADGE_KEY_PEM": ""})
    assert result.returncode != 0 and "Set ACADEMY_BADGE_KEY_PATH" in result.stderr
    missing = tmp_path / "nowhere.pem"
    result = manage("check", **{**PRODUCTION_ENV, "ACADEMY_BADGE_KEY_PEM": "",
                                "ACADEMY_BADGE_KEY_PATH": str(missing)})
    assert result.returncode != 0 and "names no file" in result.stderr
    assert not missing.exists()  # never created in production


def test_production_refuses_a_key_that_is_not_an_ed25519_key():
    result = manage("check", **{**PRODUCTION_ENV, "ACADEMY_BADGE_KEY_PEM": "not a key"})
    assert result.returncode != 0 and "sse_credentials.E001" in result.stderr


def test_every_process_given_the_key_file_signs_with_that_one_key(tmp_path):
    key_file = tmp_path / "badge.pem"
    created = manage("create_badge_key", str(key_file), DJANGO_SETTINGS_MODULE="demo_site.settings.base")
    assert created.returncode == 0, created.stderr
    env = {**PRODUCTION_ENV, "ACADEMY_BADGE_KEY_PEM": "", "ACADEMY_BADGE_KEY_PATH": str(key_file)}
    show_kid = "from credentials.keys import public_jwk; print(public_jwk()['kid'])"
    kids = {manage("shell", "-c", show_kid, **env).stdout.split()[-1] for _process in range(2)}
    as_text = manage("shell", "-c", show_kid,
                     **{**PRODUCTION_ENV, "ACADEMY_BADGE_KEY_PEM": key_file.read_text()})
    assert len(kids) == 1 and kids == {as_text.stdout.split()[-1]}
    again = manage("create_badge_key", str(key_file), DJANGO_SETTINGS_MODULE="demo_site.settings.base")
    assert again.returncode != 0 and "exists already" in again.stderr  # never replaced


def test_gunicorn_serves_the_production_profile_with_the_configured_key(tmp_path):
    """What `make serve` runs: gunicorn on demo_site.wsgi with the production profile. The
    issuer's keys it publishes are those of the key it was given."""
    import socket
    import time

    import requests

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    pem = PRODUCTION_ENV["ACADEMY_BADGE_KEY_PEM"]
    env = {**{k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "CELERY_BROKER_URL",
                                                                 "ACADEMY_BADGE_KEY_PATH"}},
           **PRODUCTION_ENV, "ALLOWED_HOSTS": "127.0.0.1", "SECURE_SSL_REDIRECT": "false"}
    log = tmp_path / "gunicorn.log"
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "demo_site.wsgi:application",
                               "--bind", f"127.0.0.1:{port}", "--workers", "1"],
                              cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)
    try:
        deadline, answer = time.monotonic() + 60, None
        while answer is None and time.monotonic() < deadline and server.poll() is None:
            try:
                answer = requests.get(f"http://127.0.0.1:{port}/badges/issuer/jwks.json", timeout=5)
            except requests.ConnectionError:
                time.sleep(0.5)
        assert answer is not None and answer.status_code == 200, log.read_text()
        shown = manage("shell", "-c", "from credentials.keys import public_jwk; "
                       "print(public_jwk()['x'])", **{**PRODUCTION_ENV, "ACADEMY_BADGE_KEY_PEM": pem})
        assert [key["x"] for key in answer.json()["keys"]] == [shown.stdout.split()[-1]]
    finally:
        server.terminate()
        server.wait(timeout=30)
