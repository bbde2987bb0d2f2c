#!/usr/bin/env python3
"""The benchmark's measuring half (bench/run.sh installs the tools, then runs this).

Times fmlint and the tools a user would reach for instead, side by side on the same files:
generated archives (../shared/tools/gen_corpus.py) and the real sites in ../shared/corpus/.
Wall and CPU time and peak memory come from GNU time; the median of the runs is kept. The
stable number is callgrind's instruction count per post on 1,000 generated posts: wall time
on a shared machine is noise, instructions are not.

Writes bench/results/bench.json and bench/results/bench.md, and with --readme puts the table
into README.md between the `bench:start` and `bench:end` markers.
"""

import argparse
import datetime
import json
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
GEN = SHARED / "tools" / "gen_corpus.py"
TOOLS = ROOT / "bench" / ".tools"
BIN = ROOT / "target" / "release" / "fmlint"
SCHEMA = ROOT / "bench" / "peers" / "post.schema.yaml"
TIME = "/usr/bin/time"


def node_bin(name):
    p = TOOLS / "node_modules" / ".bin" / name
    return str(p) if p.exists() else None


def find_tool(name):
    for d in (TOOLS / "pypi" / "bin",):
        if (d / name).exists():
            return str(d / name)
    return shutil.which(name)


class Corpus:
    def __init__(self, name, path, posts, glob, kind):
        self.name, self.path, self.posts, self.glob, self.kind = name, path, posts, glob, kind


def peers(c):
    """(tool, argv, cwd, slow) for one corpus; argv None when the tool is missing. Every tool is
    pointed at the same posts: a glob under the corpus, or the folder where the tool has no glob."""
    md = node_bin("markdownlint-cli2")
    pr = node_bin("prettier")
    rm = node_bin("remark")
    rg = shutil.which("rg")
    rumdl = find_tool("rumdl")
    rc = TOOLS / "remarkrc.mjs"
    posts_dir = str(c.path)
    return [
        ("fmlint", [str(BIN), "-q", "--color", "never", posts_dir], None, False),
        ("rg -c '^---$'", rg and [rg, "-c", "^---$", "-g", "**/_posts/**", posts_dir], None, False),
        (
            "rumdl check --no-cache --enable MD071,MD072",
            rumdl and [rumdl, "check", "--no-cache", "--enable", "MD071,MD072", "--color", "never", posts_dir],
            None,
            False,
        ),
        ("markdownlint-cli2", md and [md, c.glob], c.path, True),
        ("prettier --check", pr and [pr, "--check", "--no-color", c.glob], c.path, True),
        (
            "remark + remark-lint-frontmatter-schema",
            rm and rc.exists() and [rm, "--rc-path", str(rc), "--no-stdout", "--quiet", "--frail", "--no-color", c.glob],
            c.path,
            True,
        ),
    ]


def timed(argv, cwd=None, env=None):
    """One run: (wall s, user CPU s, system CPU s, peak KiB). GNU time gives the peak memory of
    the tool (`%M`); its own 10 ms clock is too coarse for the fast tools, so wall time is taken
    here and CPU time (the tool's threads and children included) from wait4. User and system
    are kept apart: the system time is what opening and reading the files costs, the floor
    `rg` pays too; the user time is the tool's own work."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as t:
        start = time.perf_counter()
        p = subprocess.Popen(
            [TIME, "-f", "%M", "-o", t.name] + argv,
            cwd=cwd,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        _, _, usage = os.wait4(p.pid, 0)
        wall = time.perf_counter() - start
        p.returncode = 0  # reaped by wait4
        rss = int(t.read().strip().splitlines()[-1])
    return wall, usage.ru_utime, usage.ru_stime, rss


def measure(argv, runs, cwd=None, env=None, prepare=None):
    samples = []
    for _ in range(runs):
        if prepare:
            prepare()
        samples.append(timed(argv, cwd, env))
    return {
        "wall_s": statistics.median(s[0] for s in samples),
        "user_s": statistics.median(s[1] for s in samples),
        "system_s": statistics.median(s[2] for s in samples),
        "peak_kib": max(s[3] for s in samples),
        "runs": runs,
    }


def hyperfine_median(argv, runs):
    """Median wall time of `runs` runs by hyperfine, without a shell: for the one-file rows, where
    starting GNU time and Python's child (several ms on this machine) would be most of what
    `timed` measures. None when hyperfine is missing."""
    hf = shutil.which("hyperfine")
    if not hf:
        return None
    with tempfile.NamedTemporaryFile("r", suffix=".json") as j:
        subprocess.run(
            [hf, "-N", "-w", "5", "-r", str(runs), "--export-json", j.name, shlex.join(argv)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=True,
        )
        return json.load(j)["results"][0]["median"]


def tmpfs_dir():
    """A tmpfs folder (files in memory, no disk) with room for two copies of an archive, or
    None: `--fix` run there shows fmlint's own cost of fixing, apart from the disk's."""
    try:
        mounts = [line.split() for line in open("/proc/mounts")]
    except OSError:
        return None
    for m in mounts:
        if len(m) > 2 and m[1] == "/dev/shm" and m[2] == "tmpfs" and os.access(m[1], os.W_OK):
            return Path(m[1])
    return None


def changed_files(src, fixed):
    """(path relative to the archive, new bytes) of every file `--fix` changed."""
    out = []
    for dirpath, _, files in os.walk(fixed):
        for f in sorted(files):
            p = Path(dirpath) / f
            rel = p.relative_to(fixed)
            new = p.read_bytes()
            old = src / rel
            if not old.is_file() or old.read_bytes() != new:
                out.append((rel, new))
    return out


def replace_alone(root, changed, threads=4):
    """The floor under `--fix`'s writes: the files it changed replaced as it replaces them (a
    temporary file beside each, written, flushed, renamed over it; each folder flushed once at
    the end), by as many threads as fmlint has writers, and nothing else: no reading, no
    checking, no comparing. (wall s, user s, system s) of this process, its threads included."""
    from concurrent.futures import ThreadPoolExecutor

    def one(item):
        rel, new = item
        target = root / rel
        tmp = target.with_name(f".{target.name}.bench-tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        try:
            os.write(fd, new)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.rename(tmp, target)
        return target.parent

    t0, c0 = time.perf_counter(), os.times()
    with ThreadPoolExecutor(threads) as pool:
        folders = set(pool.map(one, changed))
    for d in sorted(folders):
        fd = os.open(d, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    wall, c1 = time.perf_counter() - t0, os.times()
    return wall, c1.user - c0.user, c1.system - c0.system


def count_posts(path):
    n = 0
    for dirpath, _, files in os.walk(path):
        if "/_posts" in dirpath or dirpath.endswith("_posts"):
            n += sum(f.endswith((".md", ".markdown")) for f in files)
    return n


def callgrind_per_post(corpus_dir, posts):
    if not shutil.which("valgrind"):
        return None
    with tempfile.TemporaryDirectory() as d:
        out = subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={d}/cg.out", str(BIN), "-q", str(corpus_dir)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        ).stderr
    m = re.search(r"Collected : (\d+)", out)
    return int(m.group(1)) // posts if m else None


def machine():
    cpu = ""
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "os": f"{platform.system()} {platform.release()}",
        "load_average_at_start": os.getloadavg()[0],
    }


def fmt_s(s):
    return f"{s * 1000:.1f} ms" if s < 1 else f"{s:.2f} s"


def table(results):
    rows = [
        "| corpus | tool | files | median wall | user CPU | system CPU | files/s | peak memory | wall vs fmlint |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        if r.get("missing"):
            rows.append(f"| {r['corpus']} | {r['tool']} | {r['files']:,} | {r['missing']} | | | | | |")
            continue
        rate = r["files"] / r["wall_s"] if r["wall_s"] > 0 else float("inf")
        ratio = r.get("ratio")
        peak = "" if r.get("peak_kib") is None else f"{r['peak_kib'] / 1024:.1f} MB"
        rows.append(
            f"| {r['corpus']} | {r['tool']} | {r['files']:,} | {fmt_s(r['wall_s'])} | {fmt_s(r['user_s'])} | {fmt_s(r['system_s'])} "
            f"| {rate:,.0f} | {peak} | {'' if ratio is None else f'{ratio:.2f}×'} |"
        )
    return "\n".join(rows)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="1,000 posts, one run each: for development")
    ap.add_argument("--readme", action="store_true", help="put the table into README.md")
    args = ap.parse_args()

    sizes = [1000] if args.quick else [1000, 10000, 100000]
    runs = 1 if args.quick else 3
    # The Node tools take 20-60 ms a post: minutes past a thousand posts on a shared machine.
    slow_max = 1000
    work = Path(tempfile.mkdtemp(prefix="fmlint-bench-"))
    results, notes, singles_rows = [], [], []
    started = datetime.datetime.now(datetime.timezone.utc)
    info = machine()
    try:
        corpora = []
        for n in sizes:
            d = work / f"gen-{n}"
            subprocess.run(
                [sys.executable, str(GEN), str(d), "--posts", str(n), "--defect-rate", "0.05", "--seed", "1"],
                check=True,
                stdout=subprocess.DEVNULL,
            )
            corpora.append(Corpus(f"generated {n:,}", d, n, "_posts/*.md", "generated"))
        for site in sorted((SHARED / "corpus").iterdir()) if (SHARED / "corpus").is_dir() else []:
            if site.is_dir():
                corpora.append(
                    Corpus(site.name, site, count_posts(site), "**/_posts/**/*.{md,markdown}", "site")
                )

        # One file, the pre-commit case, first and after a sync: the archives just generated
        # (600 MB) and the `--fix` runs below leave the disk writing back for seconds, and a
        # hook runs after no such burst. Many runs, the median.
        os.sync()
        one = sorted((work / "gen-1000" / "_posts").iterdir())[0]
        n = 30 if not args.quick else 10
        singles = [
            ("one post", "fmlint", 1, [str(BIN), "-q", str(one)]),
            ("one post", "rg -c '^---$'", 1, ["rg", "-c", "^---$", str(one)]),
            ("no post", "fmlint --version", 0, [str(BIN), "--version"]),
        ]
        for corpus, tool, files, argv in singles:
            row = {"corpus": corpus, "kind": "single", "tool": tool, "files": files, "ratio": None}
            row.update(measure(argv, n))
            hf = hyperfine_median(argv, 10 * n)
            if hf is not None:
                row["wall_s"], row["wall_by"] = hf, "hyperfine"
            singles_rows.append(row)

        cg = callgrind_per_post(work / "gen-1000", 1000)

        for c in corpora:
            # Warm the page cache so every tool reads from memory.
            subprocess.run(["rg", "-c", "^---$", str(c.path)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            env = dict(os.environ, NO_COLOR="1", FMLINT_BENCH_SCHEMA=os.path.relpath(SCHEMA, c.path))
            base = None
            for tool, argv, cwd, slow in peers(c):
                row = {"corpus": c.name, "kind": c.kind, "tool": tool, "files": c.posts}
                if not argv:
                    row["missing"] = "missing: bench/run.sh could not install it"
                    results.append(row)
                    continue
                if slow and (c.posts > slow_max or (args.quick and c.kind == "site")):
                    row["missing"] = f"not run: over {slow_max:,} posts" if c.posts > slow_max else "not run in --quick"
                    results.append(row)
                    continue
                row.update(measure(argv, 1 if slow else runs, cwd=cwd, env=env))
                if tool == "fmlint":
                    base = row["wall_s"]
                row["ratio"] = row["wall_s"] / base if base else None
                results.append(row)
            if c.kind == "generated":
                # --fix on a fresh copy each run (5% of the posts need fixing); the copy is not timed.
                fixdir = work / "fix"

                def fresh(src=c.path):
                    shutil.rmtree(fixdir, ignore_errors=True)
                    shutil.copytree(src, fixdir)
                    # On disk before the run, as an archive is: else the run's own flushes wait
                    # behind the write-back of the whole copy.
                    os.sync()

                fix_argv = [str(BIN), "--fix", "-q", "--color", "never", str(fixdir)]
                row = {"corpus": c.name, "kind": c.kind, "tool": "fmlint --fix", "files": c.posts}
                row.update(measure(fix_argv, runs, env=env, prepare=fresh))
                row["ratio"] = row["wall_s"] / base if base else None
                results.append(row)
                # The same files written with nothing else to do: what the disk alone asks of
                # `--fix` (this machine's disk is mounted with `discard`: replacing a file costs
                # the kernel a few hundred microseconds).
                changed = changed_files(c.path, fixdir)
                samples = []
                for _ in range(runs):
                    fresh()
                    samples.append(replace_alone(fixdir, changed))
                results.append(
                    {
                        "corpus": c.name,
                        "kind": c.kind,
                        "tool": f"the {len(changed):,} fixed files written alone (tmp, fsync, rename; 4 threads)",
                        "files": len(changed),
                        "wall_s": statistics.median(x[0] for x in samples),
                        "user_s": statistics.median(x[1] for x in samples),
                        "system_s": statistics.median(x[2] for x in samples),
                        "peak_kib": None,
                        "runs": runs,
                        "ratio": statistics.median(x[0] for x in samples) / base if base else None,
                    }
                )
                shutil.rmtree(fixdir, ignore_errors=True)
                shm = tmpfs_dir()
                size = sum(f.stat().st_size for f in c.path.rglob("*") if f.is_file())
                if shm and shutil.disk_usage(shm).free > 3 * size:
                    # The check and `--fix` on a copy in memory: fmlint's own cost of fixing,
                    # without the disk's.
                    mem = Path(tempfile.mkdtemp(prefix="fmlint-bench-", dir=shm))
                    try:
                        memsrc, memfix = mem / "src", mem / "fix"
                        shutil.copytree(c.path, memsrc)
                        row = {"corpus": c.name, "kind": c.kind, "tool": "fmlint, files in memory (tmpfs)", "files": c.posts}
                        row.update(measure([str(BIN), "-q", "--color", "never", str(memsrc)], runs, env=env))
                        mem_base = row["wall_s"]
                        row["ratio"] = 1.0
                        results.append(row)

                        def fresh_mem(src=memsrc, dst=memfix):
                            shutil.rmtree(dst, ignore_errors=True)
                            shutil.copytree(src, dst)

                        row = {"corpus": c.name, "kind": c.kind, "tool": "fmlint --fix, files in memory (tmpfs)", "files": c.posts}
                        row.update(measure([str(BIN), "--fix", "-q", "--color", "never", str(memfix)], runs, env=env, prepare=fresh_mem))
                        row["ratio"] = row["wall_s"] / mem_base
                        results.append(row)
                    finally:
                        shutil.rmtree(mem, ignore_errors=True)
                else:
                    results.append(
                        {"corpus": c.name, "kind": c.kind, "tool": "fmlint --fix, files in memory (tmpfs)", "files": c.posts,
                         "missing": "not run: no writable tmpfs at /dev/shm with room for two copies"}
                    )
        results.extend(singles_rows)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    info["load_average_at_end"] = os.getloadavg()[0]
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    doc = {
        "date": started.strftime("%Y-%m-%d %H:%M UTC"),
        "commit": commit,
        "quick": args.quick,
        "machine": info,
        "callgrind_instructions_per_post": cg,
        "results": results,
    }
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "bench.json").write_text(json.dumps(doc, indent=2) + "\n")
    md = (
        f"Measured {doc['date']} at {commit} on {info['cpu'] or 'an unknown CPU'}, {info['cores']} cores, "
        f"{info['os']} (load average {info['load_average_at_start']:.1f} at the start, "
        f"{info['load_average_at_end']:.1f} at the end"
        # The load at the end includes the benchmark's own; at the start, only other work's.
        f"{': the machine was shared' if info['load_average_at_start'] > 1.0 else ''}). "
        f"Callgrind: **{cg:,} instructions a post** (1,000 generated posts, `fmlint -q`).\n\n"
        + table(results)
        + "\n"
        + (
            "\nThe one-post and no-post rows' wall time is hyperfine's median (no shell, ten times "
            "the runs): timing them as the others are would add the start of GNU time and of "
            "Python's child process, several milliseconds here, to each run.\n"
            if any(r.get("wall_by") == "hyperfine" for r in results)
            else ""
        )
        + (
            "\nThe rows \"written alone\" replace the files `--fix` changed, as it replaces them, "
            "with nothing else to do: the disk's share of `--fix`, its ratio to the check above it. "
            "The rows \"in memory\" run on a copy in tmpfs, where a write costs no disk: their "
            "ratio is to the check in memory.\n"
            if any("written alone" in r["tool"] for r in results)
            else ""
        )
    )
    (out / "bench.md").write_text(md)
    print(md)
    if args.readme:
        readme = ROOT / "README.md"
        text = readme.read_text()
        new, n = re.subn(
            r"(<!-- bench:start -->\n).*?(<!-- bench:end -->)", lambda m: m.group(1) + md + m.group(2), text, flags=re.S
        )
        if n:
            readme.write_text(new)


if __name__ == "__main__":
    main()
