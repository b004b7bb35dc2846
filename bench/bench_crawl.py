"""Crawl throughput: the full pipeline vs the fetch-and-extract floor vs a naive loop.

    .venv/bin/python bench/bench_crawl.py [--events-per-edition 2000] [--naive-sample 2000]
                                          [--latency-ms 20] [--chrome plain|full]

Builds a replica with N events per edition, serves it on loopback (in this process), then
runs, each in its own child process so peak memory is its own:

1. full   — `mipcrawl crawl all` with normalize → validate → store into a fresh SQLite file;
2. floor  — the same crawl with the item pipelines switched off (fetch + extract only);
3. naive  — what a user would otherwise write: a sequential `requests` + BeautifulSoup loop
            over event pages, extracting the same fields (sampled: its pages/s is steady);
4. ceiling — Scrapy itself with the crawl's concurrency and nothing of ours: a bare spider
            that fetches the same event pages and reads only the <h1>. No Scrapy-based crawl
            can be faster on this machine.

Prints pages/s, wall time, CPU time and peak RSS for each, the ratios full/floor (also on CPU
time, which other processes on a shared machine do not skew), full/naive,
full/ceiling and ceiling/naive, and the targets where they mean something:

- ``--latency-ms 20`` (the replica answers after 20 ms, as a real server does): full ≥ 5x
  naive. Concurrency is what a crawler buys over a loop, and it only shows when answers take
  time: on bare loopback a sequential loop waits for nothing (there even a bare Scrapy
  spider is only ~4.5x the naive loop).
- bare loopback (``--latency-ms 0``): full ≥ 0.75 of the floor (what extraction costs beyond
  it is ours to keep small), and full / ceiling as the figure to improve.

``--chrome full`` builds the replica with a real DSFR page's weight around every page
(header, mega-menu, footer, scripts: ~95 KB instead of ~7.5 KB; same truth): that is where
a loop parsing whole documents with BeautifulSoup pays its real price.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def child_crawl(base_url: str, db: str, data_dir: str, pipelines: bool) -> dict:
    from mipcrawl.cli import jobs as crawljobs
    from mipcrawl.cli import runner

    extra = {"LOG_LEVEL": "WARNING"}
    if not pipelines:
        extra["ITEM_PIPELINES"] = {}
    settings = runner.crawl_settings(base_url=base_url, db_url=db, data_dir=Path(data_dir),
                                     log_file=Path(data_dir) / "bench.log", extra=extra, argv=["bench"])
    started = time.perf_counter()
    outcomes = runner.run_crawls(crawljobs.jobs_for("all", "all"), settings, progress=False)
    seconds = time.perf_counter() - started
    pages = sum(o.stats.get("response_received_count", 0) for o in outcomes)
    return {"pages": pages, "seconds": seconds,
            "statuses": sorted({o.status for o in outcomes})}


LABELS = {
    "date": "when", "date et horaires": "when", "quand": "when", "horaires": "when",
    "lieu": "place", "adresse": "place", "où": "place", "organisateur": "organiser",
    "organisé par": "organiser", "format": "formats", "type": "formats", "public": "audience",
    "accès": "access", "modalités": "access", "inscription": "registration", "parcours": "parcours",
}


def _label_value(tag) -> tuple[str | None, str | None]:
    """(field, value) when ``tag`` is a label this loop knows, in any of the usual markups."""
    text = tag.get_text(" ", strip=True)
    label, sep, rest = text.partition(":")
    field = LABELS.get(label.strip().lower())
    if field is None:
        return None, None
    if rest.strip():
        return field, rest.strip()
    sibling = tag.find_next_sibling()
    return field, sibling.get_text(" ", strip=True) if sibling else None


def naive_extract(html: str) -> dict:
    """What a user would write: BeautifulSoup over the whole page, the same fields as the
    spider (title, when, place, organiser, formats, audience, access, registration link,
    clean description text), and dateparser for the date, as a user normalising dates would."""
    import dateparser
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    out: dict = {"title": soup.h1.get_text(" ", strip=True) if soup.h1 else None}
    for tag in soup.find_all(["dt", "th", "strong", "div", "p", "li", "span"]):
        field, value = _label_value(tag)
        if field and field not in out:
            out[field] = value
    link = soup.find("a", string=lambda s: s and "inscri" in s.lower())
    out["registration"] = link.get("href") if link else out.get("registration")
    desc = soup.find(class_=lambda c: c and "description" in c)
    out["description"] = desc.get_text("\n", strip=True) if desc else None
    when = out.get("when")
    out["start"] = dateparser.parse(when, languages=["fr"]) if when else None
    return out


def naive_paths(site: str, sample: int) -> list[str]:
    """The first ``sample`` listed event pages of the replica, the same for naive and ceiling."""
    paths = []
    for line in (Path(site) / "_truth" / "events.jsonl").open():
        record = json.loads(line)
        if record["listed"]:
            paths.append(record["path"])
        if len(paths) >= sample:
            break
    return paths


def child_naive(base_url: str, site: str, sample: int) -> dict:
    import requests

    paths = naive_paths(site, sample)
    session = requests.Session()
    started = time.perf_counter()
    for path in paths:
        response = session.get(base_url + path, timeout=30)
        naive_extract(response.text)
    seconds = time.perf_counter() - started
    return {"pages": len(paths), "seconds": seconds}


def child_ceiling(base_url: str, site: str, sample: int) -> dict:
    import scrapy
    from scrapy.crawler import CrawlerProcess

    from mipcrawl import settings as project

    paths = naive_paths(site, sample)

    class Bare(scrapy.Spider):
        name = "bare"

        async def start(self):
            for path in paths:
                yield scrapy.Request(base_url + path)

        def parse(self, response):
            yield {"title": response.css("h1::text").get()}

    process = CrawlerProcess({
        "LOG_LEVEL": "WARNING", "TELNETCONSOLE_ENABLED": False, "ROBOTSTXT_OBEY": False,
        "CONCURRENT_REQUESTS": project.CONCURRENT_REQUESTS, "CONCURRENT_ITEMS": project.CONCURRENT_ITEMS,
        "CONCURRENT_REQUESTS_PER_DOMAIN": project.CONCURRENT_REQUESTS,
    })
    crawler = process.create_crawler(Bare)
    process.crawl(crawler)
    started = time.perf_counter()
    process.start()
    seconds = time.perf_counter() - started
    return {"pages": crawler.stats.get_value("response_received_count", 0), "seconds": seconds}


def peak_rss_mb() -> float:
    """This process's own peak RSS. Linux keeps ru_maxrss across exec, so a child spawned by
    the bench (which serves the replica and caches its pages) would report the bench's peak:
    VmHWM belongs to the process's own address space."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_child(*args: str) -> dict:
    proc = subprocess.run([sys.executable, __file__, "--child", *args], capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"child {args[0]} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def run_child_mode(kind: str, rest: list[str]) -> None:
    """One measured run, in its own process (``--child KIND …``): prints its figures as JSON."""
    if kind in ("naive", "ceiling"):
        sampled = child_naive if kind == "naive" else child_ceiling
        result = sampled(rest[0], rest[1], int(rest[2]))
    else:
        result = child_crawl(rest[0], rest[1], rest[2], pipelines=kind == "full")
    result["max_rss_mb"] = peak_rss_mb()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    result["cpu_seconds"] = usage.ru_utime + usage.ru_stime   # the crawl's own; the replica serves from the parent
    print(json.dumps(result))


def measure(events_per_edition: int, naive_sample: int, latency_ms: int, chrome: str) -> dict[str, dict]:
    """The four runs against one replica: full, floor, naive, ceiling."""
    import replica

    with tempfile.TemporaryDirectory(prefix="bench-crawl-") as tmp:
        started = time.perf_counter()
        site = replica.build_site(Path(tmp) / "site", events_per_edition=events_per_edition, chrome=chrome)
        pages = list(site.rglob("*.html"))
        weight = sum(p.stat().st_size for p in pages) / len(pages) / 1024
        print(f"replica: {events_per_edition} events/edition, chrome {chrome} ({weight:.1f} KB a page on"
              f" average), built in {time.perf_counter() - started:.1f} s; served with {latency_ms} ms"
              " latency per answer")
        with replica.serve(site, slow_ms=latency_ms) as base_url:
            return {
                "full": run_child("full", base_url, f"sqlite:///{tmp}/full.sqlite", f"{tmp}/full"),
                "floor": run_child("floor", base_url, f"sqlite:///{tmp}/floor.sqlite", f"{tmp}/floor"),
                "naive": run_child("naive", base_url, str(site), str(naive_sample)),
                "ceiling": run_child("ceiling", base_url, str(site), str(naive_sample)),
            }


def report(results: dict[str, dict], latency_ms: int) -> None:
    print(f"\n{'run':<7} {'pages':>7} {'seconds':>8} {'pages/s':>8} {'CPU s':>7} {'pages/CPU s':>12} "
          f"{'peak RSS MB':>12}")
    for name, r in results.items():
        r["rate"], r["cpu_rate"] = r["pages"] / r["seconds"], r["pages"] / r["cpu_seconds"]
        print(f"{name:<7} {r['pages']:>7} {r['seconds']:>8.1f} {r['rate']:>8.1f} {r['cpu_seconds']:>7.1f} "
              f"{r['cpu_rate']:>12.1f} {r['max_rss_mb']:>12.0f}")
    full, floor, naive, ceiling = (results[k]["rate"] for k in ("full", "floor", "naive", "ceiling"))
    print()
    for line in ratio_lines(full=full, floor=floor, naive=naive, ceiling=ceiling, latency_ms=latency_ms):
        print(line)
    cpu = results["full"]["cpu_rate"] / results["floor"]["cpu_rate"]
    verdict = f"target ≥ 0.75: {_verdict(cpu, 0.75)}" if latency_ms == 0 else "(target on bare loopback only)"
    print(f"full / floor on CPU time: {cpu:.2f}  {verdict} (pages per CPU second of each crawl process: "
          "what other processes on a shared machine cannot skew)")
    print(f"run statuses: full {results['full']['statuses']}, floor {results['floor']['statuses']}")
    print(f"command: {' '.join([Path(sys.executable).name, *sys.argv])}")


def _verdict(value: float, target: float) -> str:
    return "met" if value >= target else "NOT MET"


def ratio_lines(*, full: float, floor: float, naive: float, ceiling: float, latency_ms: int) -> list[str]:
    """The ratios, each with its target where the conditions make it meaningful."""
    lines = []
    if latency_ms >= 20:
        lines.append(f"full / naive:   {full / naive:5.1f}x  target ≥ 5x with ≥ 20 ms per answer: "
                     f"{_verdict(full / naive, 5.0)}")
    else:
        lines.append(f"full / naive:   {full / naive:5.1f}x  (no target under 20 ms per answer: a sequential "
                     "loop waits for nothing there)")
    if latency_ms == 0:
        lines.append(f"full / floor:   {full / floor:5.2f}   target ≥ 0.75 on bare loopback: "
                     f"{_verdict(full / floor, 0.75)}")
    else:
        lines.append(f"full / floor:   {full / floor:5.2f}   (target on bare loopback only)")
    lines.append(f"full / ceiling: {full / ceiling:5.2f}   the figure to improve (Scrapy doing nothing "
                 "on the same pages)")
    lines.append(f"ceiling / naive:{ceiling / naive:5.1f}x  (no Scrapy crawl can beat this)")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events-per-edition", type=int, default=2000)
    parser.add_argument("--naive-sample", type=int, default=2000)
    parser.add_argument("--latency-ms", type=int, default=0,
                        help="delay the replica adds to every answer (a stand-in for the network)")
    parser.add_argument("--chrome", choices=["plain", "full"], default="plain",
                        help="full: a real DSFR page's weight around every page (same truth)")
    parser.add_argument("--child", nargs="+")
    args = parser.parse_args()
    if args.child:
        run_child_mode(args.child[0], args.child[1:])
        return
    report(measure(args.events_per_edition, args.naive_sample, args.latency_ms, args.chrome), args.latency_ms)


if __name__ == "__main__":
    main()
