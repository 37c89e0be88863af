#!/usr/bin/env python3
"""doubling.py - how ppsgen's cost grows with each dimension of a statement.

For each dimension (one paragraph's length, one table cell's length, table
rows, sections, list items, workforce CSV rows) a statement is generated at
the largest size the input limits allow (16 MiB of XML; 1,000,000 CSV
rows) and at its halvings, so that each step is one doubling, and rendered
(`ppsgen render`, English only, one PDF).  Each size is timed: BENCH_RUNS
rounds (default 5), each running every size of the series once, and for
each size the run of least CPU; its peak memory taken from GNU time.  The
report gives, per doubling, the ratio of the CPU time to the size before
(the goal: at most 2.2x), and the time and memory at the limit.

    python3 tests/bench/doubling.py BUILD_DIR WORK_DIR

writes its section, "Doubling series", at the end of tests/bench/results.md
(in place of the one there; bench.py keeps it when it rewrites the rest).
About 7 minutes on 2 CPUs, on a machine doing nothing else.
"""
import json
import math
import os
import re
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
FIXTURE = os.path.join(ROOT, "tests", "fixtures", "english-council.xml")
SAMPLE = os.path.join(ROOT, "data", "sample-statement.xml")
XML_LIMIT = 16 * 1024 * 1024  # generator/diag_codes.h FILE_TOO_BIG
TEXT_LIMIT = 10000000         # one text or tag at most (libxml2's XML_MAX_TEXT_LENGTH)
ELEMENT_LIMIT = 100000        # elements in a statement (xml_read.c)
CSV_ROW_LIMIT = 1000000       # generator/csv_read.h CSV_MAX_ROWS
RUNS = int(os.environ.get("BENCH_RUNS", "5"))


def words(n, start=0):
    return " ".join("w%d" % (start + i) for i in range(n))


def statement(body):
    """The English fixture with a section holding body before its appendix."""
    with open(FIXTURE, encoding="utf-8") as f:
        xml = f.read()
    at = xml.index("  <appendix")
    return xml[:at] + '<section id="bench"><title>Bench</title>\n' + body + "</section>\n" + xml[at:]


def para(n):
    return "<p>%s</p>\n" % words(n)


def cell(n):
    return ("<table><caption>Cell</caption><head><row><cell>Item</cell><cell>Text</cell></row></head>"
            "<row><cell>One</cell><cell>%s</cell></row></table>\n" % words(n))


def rows(n):
    body = "".join("<row><cell>r%d</cell><cell>Row %d text</cell></row>\n" % (i, i) for i in range(n))
    return "<table><caption>Rows</caption><head><row><cell>Id</cell><cell>Text</cell></row></head>%s</table>\n" % body


def sections(n):
    return "".join('<section id="s%d"><title>Section %d</title><p>%s</p></section>\n' % (i, i, words(12, i * 12))
                   for i in range(n))


def items(n):
    return "<list ordered=\"no\">%s</list>\n" % "".join("<item>Item %d %s</item>\n" % (i, words(6, i * 6)) for i in range(n))


# name, unit, generator, first size, whether one text grows (then that text's limit applies)
DIMENSIONS = [
    ("paragraph length", "words", para, 10000, True),
    ("cell length", "words", cell, 10000, True),
    ("table rows", "rows", rows, 1000, False),
    ("sections", "sections", sections, 250, False),
    ("list items", "items", items, 1000, False),
]


def run(cmd):
    """(wall s, cpu s, peak MB) of one run of cmd, which must succeed.  GNU
    time forks it: a child forked by this Python process would count the
    Python process's own resident set (the statement it built) as its peak."""
    stats = os.path.join(os.environ.get("TMPDIR", "/tmp"), "doubling-time.%d" % os.getpid())
    p = subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M", "-o", stats] + cmd,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if p.returncode != 0:
        sys.exit("doubling.py: %s failed: %s" % (" ".join(cmd), p.stderr.decode()))
    with open(stats) as f:
        wall, user, system, kb = f.read().split()[-4:]
    os.unlink(stats)
    return float(wall), float(user) + float(system), int(kb) / 1024


def rounds(cmds):
    """(wall, cpu, peak) per command: RUNS rounds, each running every command
    once, smallest first; per command the run of least CPU (and the largest
    peak).  Other work on a shared machine only ever adds time, and comes in
    spells of seconds: a size's runs taken one after another can all fall in
    one spell (a step of 2.96x, the next of 1.35x), rounds spread them out."""
    got = [[] for _ in cmds]
    for _ in range(RUNS):
        for i, cmd in enumerate(cmds):
            got[i].append(run(cmd))
    out = []
    for g in got:
        best = min(g, key=lambda r: r[1])  # by CPU time
        out.append((best[0], best[1], max(r[2] for r in g)))
    return out


def fits(make, n, one_text):
    if one_text and len(words(n).encode()) > TEXT_LIMIT - 1000:
        return False
    xml = statement(make(n))
    return len(xml.encode()) <= XML_LIMIT and len(re.findall(r"<[A-Za-z]", xml)) <= ELEMENT_LIMIT


def limit_size(make, base, one_text):
    """The most the limit allows: doubling from base, then halving the gap
    to within 1%."""
    n = base
    while fits(make, n * 2, one_text):
        n *= 2
    lo, hi = n, n * 2
    while hi - lo > max(1, lo // 100):
        mid = (lo + hi) // 2
        if fits(make, mid, one_text):
            lo = mid
        else:
            hi = mid
    return lo


def series(ppsgen, work, name, unit, make, base, one_text):
    """Rows (size, bytes, wall, cpu, peak MB, note): the largest size the
    limit allows and its halvings down to about base, smallest first, so that
    every step is an exact doubling (a last, partial step up to the limit,
    scaled to a doubling, magnifies the runs' noise many times)."""
    out = []
    limit = "one text's 10,000,000-byte limit" if one_text else "the 16 MiB / 100,000-element limit"
    done = os.path.join(work, "doubling-%s.json" % name.replace(" ", "-"))
    if os.path.exists(done):  # measured by an earlier, interrupted run in this work dir
        with open(done) as f:
            return [tuple(r) for r in json.load(f)]
    top = limit_size(make, base, one_text)
    sizes = [top]
    while sizes[-1] // 2 >= base * 3 // 4:
        sizes.append(sizes[-1] // 2)
    sizes.reverse()
    paths, nbytes = [], []
    for n in sizes:
        xml = statement(make(n))
        paths.append(os.path.join(work, "doubling-%d.xml" % n))
        nbytes.append(len(xml.encode()))
        with open(paths[-1], "w", encoding="utf-8") as f:
            f.write(xml)
    got = rounds([[ppsgen, "render", "-o", work, p] for p in paths])
    for n, size, (wall, cpu, peak) in zip(sizes, nbytes, got):
        out.append((n, size, wall, cpu, peak, limit if n == top else ""))
        print("  %s: %d %s, %.2f s CPU, %.0f MB" % (name, n, unit, cpu, peak), file=sys.stderr)
    for p in paths:
        os.unlink(p)
    with open(done, "w") as f:
        json.dump(out, f)
    return out


def csv_series(ppsgen, work):
    """The sample, English, with a workforce of 8,000 x 2^k records up to the row limit."""
    gen = os.path.join(ROOT, "tests", "gen_workforce.py")
    with open(SAMPLE, encoding="utf-8") as f:
        xml = f.read()
    scales = (1, 2, 4, 8, 16, 32, 64, 125)
    cmds = []
    for scale in scales:
        # a statement per size, each beside its own workforce CSV
        d = os.path.join(work, "csv-%d" % scale)
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "csvbench.xml"), "w", encoding="utf-8") as f:
            f.write(xml)
        subprocess.run([sys.executable, gen, "--scale", str(scale), "-o", os.path.join(d, "sample-workforce.csv")],
                       check=True)
        cmds.append([ppsgen, "render", "--lang", "en", "-o", d, os.path.join(d, "csvbench.xml")])
    out = []
    for scale, (wall, cpu, peak) in zip(scales, rounds(cmds)):
        n = 8000 * scale
        csv = os.path.join(work, "csv-%d" % scale, "sample-workforce.csv")
        out.append((n, os.path.getsize(csv), wall, cpu, peak, "the 1,000,000-row limit" if n == CSV_ROW_LIMIT else ""))
        print("  CSV rows: %d, %.2f s CPU, %.0f MB" % (n, cpu, peak), file=sys.stderr)
    return out


def table(name, unit, rows_):
    lines = ["### %s" % name.capitalize(), "",
             "| %s | input MB | wall s | CPU s | peak MB | CPU x the size before | |" % unit,
             "|--:|--:|--:|--:|--:|--:|---|"]
    worst = 0
    for i, (n, size, wall, cpu, peak, note) in enumerate(rows_):
        if i:
            pn, pcpu = rows_[i - 1][0], rows_[i - 1][3]
            # per doubling: the ratio scaled to an exact doubling of the size
            r = (cpu / pcpu) ** (1 / math.log2(n / pn)) if pcpu > 0 and n > pn else 0
            ratio = "%.2fx" % r
            worst = max(worst, r) if cpu > 0.5 else worst  # under half a second start-up dominates
        else:
            ratio = "-"
        lines.append("| {:,} | {:.1f} | {:.2f} | {:.2f} | {:.0f} | {} | {} |".format(n, size / 1048576, wall, cpu, peak,
                                                                                 ratio, note))
    lines.append("")
    return lines, worst


def fitted(rows_, col):
    """The ratio per doubling of column col (3 CPU, 4 peak memory) that fits
    the sizes whose run takes over half a second best (least squares on
    log2 size and log2 value): one step's ratio swings with the machine's
    other work, the slope over the whole series much less."""
    pts = [(math.log2(r[0]), math.log2(r[col])) for r in rows_ if r[3] > 0.5 and r[col] > 0]
    if len(pts) < 2:
        return None
    mx = sum(x for x, _ in pts) / len(pts)
    my = sum(y for _, y in pts) / len(pts)
    sxx = sum((x - mx) ** 2 for x, _ in pts)
    return 2 ** (sum((x - mx) * (y - my) for x, y in pts) / sxx) if sxx else None


def times(r):
    """A fitted ratio as "1.97x", or "-" where fewer than two runs take over half a second."""
    return "%.2fx" % r if r else "-"


def main():
    build, work = sys.argv[1], sys.argv[2]
    ppsgen = os.path.join(build, "ppsgen")
    os.makedirs(work, exist_ok=True)
    md = ["## Doubling series", "",
          "`tests/bench/doubling.py`: one dimension grows, doubling, up to the input limit (16 MiB of "
          "XML, one text at most 10,000,000 bytes, 1,000,000 CSV rows); `ppsgen render`, English, one PDF; CPU = user + system, peak = "
          "maximum resident set (GNU time); each size the least CPU of %d runs, taken in rounds "
          "(each round runs every size once, so that a spell of other work on the machine, which only adds time, "
          "does not fall on all of one size's runs). Each series is the largest size the limit allows and its halvings, so "
          "*CPU x the size before* is the ratio of one doubling (for the CSV's last step, 64 to 125 times the "
          "sample's 8,000 records, scaled to a doubling); the goal is at most 2.2x wherever the run takes more "
          "than half a second (below that, start-up and the fixed part of the statement dominate)." % RUNS, ""]
    summary = []
    for name, unit, make, base, one_text in DIMENSIONS:
        rows_ = series(ppsgen, work, name, unit, make, base, one_text)
        lines, worst = table(name, unit, rows_)
        md += lines
        last = rows_[-1]
        summary.append("| %s | %s | %.2fx | %s | {:,} %s: %.1f s CPU, %.0f MB%s |".format(last[0]) %
                       (name, times(fitted(rows_, 3)), worst, times(fitted(rows_, 4)), unit, last[3], last[4],
                        " (" + last[5] + ")"))
    rows_ = csv_series(ppsgen, work)
    lines, worst = table("workforce CSV rows", "rows", rows_)
    md += lines
    last = rows_[-1]
    summary.append("| workforce CSV rows | %s | %.2fx | %s | {:,} rows: %.1f s CPU, %.0f MB |".format(last[0]) %
                   (times(fitted(rows_, 3)), worst, times(fitted(rows_, 4)), last[3], last[4]))
    md += ["### Summary", "",
           "*CPU per doubling* is the ratio that fits the whole series best (runs over half a second, least squares "
           "on the logarithms); *worst step* the largest single ratio of the tables above, which swings with other "
           "work on the machine; *memory per doubling* the same fit for the peak.", "",
           "| dimension | CPU per doubling | worst step | memory per doubling | at the limit |",
           "|---|--:|--:|--:|---|"] + summary + [""]
    results_md = os.path.join(ROOT, "tests", "bench", "results.md")
    with open(results_md, encoding="utf-8") as f:
        old = f.read()
    if "\n## Doubling series" in old:
        old = old[:old.index("\n## Doubling series") + 1]
    with open(results_md, "w", encoding="utf-8") as f:
        f.write(old.rstrip("\n") + "\n\n" + "\n".join(md) + "\n")


if __name__ == "__main__":
    main()
