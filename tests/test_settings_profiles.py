"""The production profile passes Django's deployment checks; missing secrets are refused."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PRODUCTION_ENV = {
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
             if k not in PRODUCTION_ENV and k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
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
