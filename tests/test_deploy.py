"""deploy/: the systemd units and the cron entry for the nightly crawl. They must be valid
(systemd-analyze verify), run on the right days, map the exit codes as deploy/README.md says,
and their command lines must run as written (the install directory, /opt/mipcrawl, replaced
by this checkout) against the offline replica."""

from __future__ import annotations

import datetime as dt
import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
INSTALL = "/opt/mipcrawl"
SYSTEMD_ANALYZE = shutil.which("systemd-analyze")
needs_systemd = pytest.mark.skipif(SYSTEMD_ANALYZE is None, reason="systemd-analyze not installed here")


def unit(name: str) -> dict[str, list[str]]:
    """The settings of a unit file, every value of each key in order."""
    out: dict[str, list[str]] = {}
    for line in (DEPLOY / name).read_text().splitlines():
        if "=" in line and not line.startswith(("#", "[")):
            key, _, value = line.partition("=")
            out.setdefault(key.strip(), []).append(value.strip())
    return out


def cron_file() -> tuple[dict[str, str], list[tuple[list[str], str, str]]]:
    """(its variables, its entries as (five time fields, user, command))."""
    env, entries = {}, []
    for line in (DEPLOY / "mipcrawl.cron").read_text().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if re.match(r"^[A-Z_]+=", line):
            name, _, value = line.partition("=")
            env[name] = value
        else:
            fields = line.split(None, 6)
            entries.append((fields[:5], fields[5], fields[6]))
    return env, entries


def local(text: str) -> str:
    return text.replace(INSTALL, str(ROOT))


# -- systemd ----------------------------------------------------------------------------

@needs_systemd
def test_units_pass_systemd_analyze_verify(tmp_path):
    for name in ("mipcrawl-crawl.service", "mipcrawl-crawl.timer"):   # verify wants the binary to exist
        (tmp_path / name).write_text(local((DEPLOY / name).read_text()))
    done = subprocess.run([SYSTEMD_ANALYZE, "verify", "mipcrawl-crawl.service", "mipcrawl-crawl.timer"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and not done.stderr.strip(), done.stderr


def _nightly_in_november_weekly_otherwise(days: list[dt.date], first: dt.date, last: dt.date) -> None:
    """``days`` (one entry per start) are exactly the nights of November and the Mondays
    of the other months between ``first`` and ``last``."""
    window = [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
    assert sorted(d for d in days if first <= d <= last) == [d for d in window if d.month == 11 or d.weekday() == 0]


@needs_systemd
def test_timer_runs_every_night_of_november_and_on_mondays_otherwise():
    elapses = []
    for spec in unit("mipcrawl-crawl.timer")["OnCalendar"]:
        done = subprocess.run([SYSTEMD_ANALYZE, "calendar", "--iterations=400", spec],
                              capture_output=True, text=True, timeout=60, env={**os.environ, "TZ": "UTC"})
        assert done.returncode == 0, done.stderr
        elapses += re.findall(r"(?:Next elapse|Iter\. #\d+): \w+ (\d{4}-\d\d-\d\d) 02:30:00", done.stdout)
    days = [dt.date.fromisoformat(d) for d in elapses]
    first = min(days)
    _nightly_in_november_weekly_otherwise(days, first, first + dt.timedelta(days=730))


def test_service_maps_exit_codes():
    service = unit("mipcrawl-crawl.service")
    assert service["SuccessExitStatus"] == ["4"] and service["RestartForceExitStatus"] == ["4"]
    assert "3" not in " ".join(service["SuccessExitStatus"])   # partial stays an alarm


# -- cron -------------------------------------------------------------------------------

def _cron_matches(field: str, value: int) -> bool:
    if field == "*":
        return True
    for part in field.split(","):
        low, _, high = part.partition("-")
        if int(low) <= value <= int(high or low):
            return True
    return False


def test_cron_runs_every_night_of_november_and_on_mondays_otherwise():
    _, entries = cron_file()
    days = [dt.date(2026, 1, 1) + dt.timedelta(days=n) for n in range(365)]
    matched: list[dt.date] = []
    for day in days:
        cron_dow = (day.weekday() + 1) % 7   # cron: 0 = Sunday
        hits = [fields for fields, _, _ in entries
                if _cron_matches(fields[2], day.day) and _cron_matches(fields[3], day.month)
                and _cron_matches(fields[4], cron_dow)]
        assert len(hits) <= 1, day
        matched += [day] * len(hits)
    _nightly_in_november_weekly_otherwise(matched, days[0], days[-1])
    assert all((fields[0], fields[1]) == ("30", "2") for fields, _, _ in entries)


def _stub(tmp_path: Path, codes: list[int]) -> Path:
    """A stand-in for mipcrawl that exits with the given codes in turn, counting its calls."""
    script = tmp_path / "mipcrawl"
    script.write_text("#!/bin/sh\n"
                      f'n=$(cat "{tmp_path}/calls" 2>/dev/null || echo 0); n=$((n + 1)); echo $n > "{tmp_path}/calls"\n'
                      f'set -- {" ".join(map(str, codes))}\nshift $((n - 1))\necho "crawl output $n"\nexit $1\n')
    script.chmod(0o755)
    return script


@pytest.mark.parametrize(("codes", "exit_code", "calls", "mails"), [
    ([0], 0, 1, False),
    ([3], 3, 1, True),                 # partial: the output, mailed
    ([1], 1, 1, True),
    ([2], 2, 1, True),
    ([4, 0], 0, 2, False),             # locked, then the lock was free
    ([4, 4, 4, 4], 0, 3, False),       # still locked after 3 tries: quietly left to the next night
    ([4, 3], 3, 2, True),
])
def test_cron_wrapper_maps_exit_codes(tmp_path, codes, exit_code, calls, mails):
    env = {**os.environ, "MIPCRAWL_BIN": str(_stub(tmp_path, codes)), "MIPCRAWL_LOCKED_WAIT": "0"}
    done = subprocess.run([str(DEPLOY / "mipcrawl-cron"), "crawl", "all"], capture_output=True, text=True,
                          env=env, timeout=60)
    assert done.returncode == exit_code
    assert int((tmp_path / "calls").read_text()) == calls
    assert bool(done.stdout + done.stderr) is mails
    if mails:
        assert f"crawl output {calls}" in done.stdout


# -- the command lines as written ---------------------------------------------------------

@pytest.mark.e2e
def test_documented_command_lines_run(replica_small, tmp_path):
    """The cron entry's command (through /bin/sh, as cron runs it), then the service's
    ExecStart (its ${VARIABLES} expanded as systemd does), into one database."""
    base_url, _ = replica_small
    env_vars, entries = cron_file()
    prom = tmp_path / "textfile" / "mipcrawl.prom"
    env = {**os.environ, **env_vars, "MIPCRAWL_DATA_DIR": str(tmp_path / "data"), "MIPCRAWL_BASE_URL": base_url,
           "MIPCRAWL_DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite'}", "MIPCRAWL_METRICS_FILE": str(prom)}
    commands = {command for _, _, command in entries}
    assert len(commands) == 1
    by_cron = subprocess.run(["/bin/sh", "-c", local(commands.pop())], env=env, capture_output=True,
                             text=True, timeout=900)
    assert by_cron.returncode == 0 and by_cron.stdout == by_cron.stderr == ""   # nothing to mail
    assert "mipcrawl_crawl_exit_code 0.0" in prom.read_text()
    prom.unlink()
    [exec_start] = unit("mipcrawl-crawl.service")["ExecStart"]
    argv = [re.sub(r"\$\{(\w+)\}", lambda m: env[m.group(1)], word) for word in shlex.split(local(exec_start))]
    by_systemd = subprocess.run(argv, env=env, cwd=tmp_path, capture_output=True, text=True, timeout=900)
    assert by_systemd.returncode == 0, by_systemd.stderr[-3000:]
    assert "mipcrawl_crawl_exit_code 0.0" in prom.read_text()
