"""The README's embedding steps, read from README.md and applied to a host site.

Each block of the README marked `<!-- embed: ACTION [PATH] -->` is one step:
`run` (shell commands, in the host's folder, one line at a time), `append PATH` and
`create PATH` (a file of a site made by `wagtail start host`). So the README can never
drift from what the embedding test runs.
"""

import re
import shlex
import subprocess
from dataclasses import dataclass
from pathlib import Path

README = Path(__file__).resolve().parents[2] / "README.md"
STEP = re.compile(r"<!-- embed: (run|append|create) ?(\S*) -->\n```\w*\n(.*?)```", re.S)


@dataclass
class Step:
    action: str
    path: str
    text: str


def readme_steps(readme=README):
    return [Step(*match.groups()) for match in STEP.finditer(readme.read_text())]


def apply_steps(steps, host_dir, env, log):
    for step in steps:
        if step.action == "run":
            for line in step.text.splitlines():
                if line.strip() and not line.lstrip().startswith("#"):
                    log(f"$ {line}")
                    run(shlex.split(line), host_dir, env, log)
            continue
        target = host_dir / step.path
        if step.action == "append":
            target.write_text(target.read_text() + "\n" + step.text)
        else:
            target.write_text(step.text)
        log(f"{step.action} {target.relative_to(host_dir)}")


def run(command, cwd, env, log, timeout=900):
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=timeout)
    if done.returncode != 0:
        log(done.stdout[-4000:] + done.stderr[-4000:])
        raise AssertionError(f"`{' '.join(command)}` failed with exit code {done.returncode}")
    return done.stdout
