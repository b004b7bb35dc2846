"""Scrapyd for real: a Scrapyd daemon on loopback with a temporary configuration, the project
deployed as an egg with ``scrapyd-deploy`` (as the README says), and jobs scheduled on it —
two editions of the programme at once, the labs, and a second job for an edition already
running — against the shared PostgreSQL and the offline replica.

Skips where Scrapyd is not installed (it is in the dev extra, so never after ``make setup``),
and fails instead when MIPCRAWL_REQUIRE_SCRAPYD is set (CI)."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
EGG_VERSION = "0.1.0+scrapyd.test"   # the deployed copy's version: its User-Agent names it

pytestmark = [pytest.mark.e2e, pytest.mark.postgres, pytest.mark.slow]


@pytest.fixture(scope="module")
def scrapyd_bin() -> Path:
    found = BIN / "scrapyd"
    if not (found.exists() and (BIN / "scrapyd-deploy").exists()):
        if os.environ.get("MIPCRAWL_REQUIRE_SCRAPYD"):
            pytest.fail(f"scrapyd and scrapyd-deploy are required here, not in {BIN} (`make setup`)")
        pytest.skip(f"scrapyd not installed in {BIN} (the dev extra has it: `make setup`)")
    return found


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read())


@contextmanager
def scrapyd(workdir: Path, env: dict[str, str], scrapyd_bin: Path) -> Iterator[tuple[str, Path]]:
    """(URL, its directory) of a Scrapyd daemon on an ephemeral loopback port (Scrapyd takes no
    port 0: a free one is picked, and another if it was taken meanwhile)."""
    workdir.mkdir()
    for _ in range(3):
        port = _free_port()
        (workdir / "scrapyd.conf").write_text(
            f"[scrapyd]\nbind_address = 127.0.0.1\nhttp_port = {port}\nmax_proc = 6\n"
            "poll_interval = 0.2\njobs_to_keep = 10\nlogs_dir = logs\neggs_dir = eggs\ndbs_dir = dbs\n")
        log = (workdir / "scrapyd.log").open("w")
        proc = subprocess.Popen([str(scrapyd_bin)], cwd=workdir, env=env, stdout=log, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}/"
        if _wait_up(url, proc):
            break
        proc.kill()
        proc.wait()
    else:
        pytest.fail(f"scrapyd did not start: {(workdir / 'scrapyd.log').read_text()[-2000:]}")
    try:
        yield url, workdir
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()


def _wait_up(url: str, proc: subprocess.Popen) -> bool:
    for _ in range(100):
        if proc.poll() is not None:
            return False
        try:
            return _get(url + "daemonstatus.json")["status"] == "ok"
        except OSError:
            time.sleep(0.1)
    return False


def project_copy(dest: Path, target_url: str) -> Path:
    """The project as a team deploys it: its files (tracked or new, not ignored), with one
    deploy target for this Scrapyd and a version of its own."""
    files = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                           capture_output=True, text=True, check=True).stdout.splitlines()
    for name in files:
        if (ROOT / name).is_file() and not name.startswith(("tests/", "bench/")):
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, dest / name)
    init = dest / "mipcrawl" / "__init__.py"
    init.write_text(re.sub(r'__version__ = "[^"]+"', f'__version__ = "{EGG_VERSION}"', init.read_text()))
    with (dest / "scrapy.cfg").open("a") as cfg:
        cfg.write(f"\n[deploy:here]\nurl = {target_url}\nproject = mipcrawl\n")
    return dest


def schedule(url: str, spider: str, **args: str) -> str:
    data = urllib.parse.urlencode({"project": "mipcrawl", "spider": spider, **args}).encode()
    with urllib.request.urlopen(url + "schedule.json", data, timeout=10) as response:
        answer = json.loads(response.read())
    assert answer["status"] == "ok", answer
    return answer["jobid"]


def wait_finished(url: str, jobs: list[str], timeout: float = 300) -> dict[str, dict]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        listed = _get(url + "listjobs.json?project=mipcrawl")
        finished = {job["id"]: job for job in listed["finished"]}
        if all(job in finished for job in jobs):
            return finished
        time.sleep(0.5)
    pytest.fail(f"jobs not finished after {timeout} s: {listed}")


def rows(db_url: str, sql: str) -> list[dict]:
    engine = create_engine(db_url)
    try:
        with engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(text(sql))]
    finally:
        engine.dispose()


def wait_running(db_url: str, scope: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if rows(db_url, f"select id from crawl_run where scope = '{scope}' and status = 'running'"):
                return
        except Exception:  # noqa: BLE001 - the schema is not there until the first job makes it
            pass
        time.sleep(0.2)
    pytest.fail(f"no running crawl of {scope} after {timeout} s")


def job_stats(logs: Path, spider: str, job: str) -> str:
    return (logs / "mipcrawl" / spider / f"{job}.log").read_text()


def test_scrapyd_runs_every_job_into_one_database(scrapyd_bin, replica_small, pg_schema_url, tmp_path):
    base_url, _ = replica_small
    env = {**os.environ, "MIPCRAWL_DATABASE_URL": pg_schema_url, "MIPCRAWL_BASE_URL": base_url,
           "MIPCRAWL_DATA_DIR": str(tmp_path / "data")}
    with scrapyd(tmp_path / "scrapyd", env, scrapyd_bin) as (url, home):
        src = project_copy(tmp_path / "src", url)
        deployed = subprocess.run([str(BIN / "scrapyd-deploy"), "here", "-v", "r1"], cwd=src,
                                  capture_output=True, text=True, timeout=300, env=env)
        assert deployed.returncode == 0, deployed.stderr
        assert json.loads(deployed.stdout)["spiders"] == 2
        egg_files = set(zipfile.ZipFile(home / "eggs" / "mipcrawl" / "r1.egg").namelist())
        for needed in ("parsers/data/geo.json.gz", "parsers/data/place_aliases.json", "migrations/alembic.ini",
                       "migrations/script.py.mako", "migrations/env.py", "migrations/versions/0001_initial.py"):
            assert needed in egg_files
        # the 2024 job is slowed down so that it is still running when its duplicate comes: at
        # 0.15 s a page it could end before the duplicate's process had started on a loaded machine
        slow = schedule(url, "programme", edition="2024", setting="DOWNLOAD_DELAY=0.5")
        other, labs = schedule(url, "programme", edition="2025"), schedule(url, "labs")
        wait_running(pg_schema_url, "2024")
        duplicate = schedule(url, "programme", edition="2024")
        wait_finished(url, [slow, other, labs, duplicate])
        logs = {job: job_stats(home / "logs", spider, job) for job, spider in
                ((slow, "programme"), (other, "programme"), (labs, "labs"), (duplicate, "programme"))}

    runs = rows(pg_schema_url, "select * from crawl_run order by id")
    by_scope = {(r["scope"], r["status"]): r for r in runs}
    assert sorted(by_scope) == [("2024", "healthy"), ("2024", "locked"), ("2025", "healthy"), ("labs", "healthy")]
    locked = by_scope[("2024", "locked")]
    assert "edition:2024" in locked["reason"] and locked["new"] == 0 and locked["finished_at"] is not None
    for key, job in ((("2024", "healthy"), slow), (("2025", "healthy"), other), (("2024", "locked"), duplicate)):
        assert f"_job={job}" in by_scope[key]["command"]      # the run record names its Scrapyd job
        assert by_scope[key]["errors"] == 0 and (by_scope[key]["new"] > 0) is (key[1] == "healthy")
    assert by_scope[("labs", "healthy")]["new"] > 0
    stored = rows(pg_schema_url, "select edition, count(*) as n, count(distinct url) as urls from event group by edition")
    assert {r["edition"]: (r["n"], r["urls"]) for r in stored} == {
        2024: (by_scope[("2024", "healthy")]["new"],) * 2, 2025: (by_scope[("2025", "healthy")]["new"],) * 2}
    # each job ran the deployed egg, and says in its stats what `mipcrawl crawl` would exit with
    assert all(f"mipcrawl/{EGG_VERSION}" in log for log in logs.values())
    assert [("'mipcrawl/exit_code': 4" in log) for log in logs.values()] == [False, False, False, True]
    assert all("'mipcrawl/exit_code': 0" in logs[job] for job in (slow, other, labs))
    listed = subprocess.run([sys.executable, "-m", "mipcrawl.cli", "runs", "--db", pg_schema_url],
                            capture_output=True, text=True, timeout=60)
    assert listed.returncode == 0, listed.stderr
    lines = {int(line.split()[0]): line for line in listed.stdout.splitlines()[1:]}
    assert {run_id: line.split()[3] for run_id, line in lines.items()} == {r["id"]: r["status"] for r in runs}
