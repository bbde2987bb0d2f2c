#!/usr/bin/env python3
"""Fills the verdict column of jekyll_dates.tsv by asking real Jekyll (../shared/tools/jekyll-oracle).

Usage: python3 tests/data/record_jekyll_dates.py [--all] [ORACLE]
Records the rows without a verdict (all rows with --all).
Each timezone's cases are built as one site; if that build fails, each case is built alone so
that the one value that stops the build is named (Jekyll stops at the first bad date).
"""
import json, os, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
TSV = os.path.join(HERE, "jekyll_dates.tsv")
ARGS = [a for a in sys.argv[1:] if a != "--all"]
ORACLE = ARGS[0] if ARGS else os.path.join(HERE, "../../../shared/tools/jekyll-oracle")


def build(tz, cases, by_year=False):
    """{index: verdict} for the cases, built as one site; None if the build failed."""
    with tempfile.TemporaryDirectory() as d:
        open(os.path.join(d, "_config.yml"), "w").write(f"timezone: {tz}\n")
        os.mkdir(os.path.join(d, "_posts"))
        for i, raw in cases:
            open(os.path.join(d, "_posts", f"2000-01-01-case{i}.md"), "w").write(f"---\ndate: {raw}\n---\nbody\n")
        started = time.time()
        p = subprocess.run([ORACLE, d], capture_output=True, text=True)
        finished = time.time()
        if p.returncode != 0:
            return None
        out = {}
        for line in p.stdout.splitlines():
            v = json.loads(line)
            if "path" not in v:
                continue
            i = int(v["path"].split("case")[1].split(".")[0])
            # A date Ruby completed from the clock has the build's year (`July 20`) or is
            # the build's moment (front matter Jekyll could not read).
            from_clock = started - 2 <= v["epoch"] <= finished + 2
            if from_clock or (by_year and v["date"][:4] == time.strftime("%Y")):
                out[i] = "build time"
            else:
                out[i] = v["date"]
        return out


def main():
    lines = open(TSV).read().splitlines()
    redo = "--all" in sys.argv
    rows = [(n, l.split("\t")) for n, l in enumerate(lines) if l and not l.startswith("#")]
    rows = [(n, c) for n, c in rows if redo or len(c) < 4]
    by_tz = {}
    for n, cols in rows:
        by_tz.setdefault(cols[2], []).append((n, cols[1]))
    verdict = {}
    for tz, cases in by_tz.items():
        got = build(tz, cases)
        # Cases marked `build time` by hand are checked by year.
        if got is not None:
            for n, cols in rows:
                if n in got and len(cols) > 3 and cols[3] == "build time":
                    got[n] = build(tz, [(n, cols[1])], by_year=True).get(n, "not published")
        if got is None:
            got = {}
            for case in cases:
                one = build(tz, [case])
                got[case[0]] = "build fails" if one is None else one.get(case[0], "not published")
        for n, _ in cases:
            verdict[n] = got.get(n, "not published")
    for n, cols in rows:
        lines[n] = "\t".join(cols[:3] + [verdict[n]])
    open(TSV, "w").write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
