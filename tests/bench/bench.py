#!/usr/bin/env python3
"""bench.py - the benchmark's cases, measurements and report (run it with tests/bench/run.sh).

Every case runs once untimed (it must succeed), then RUNS times (BENCH_RUNS, 5 by default);
wall time, CPU time (user + system) and peak resident memory come from wait4()'s rusage
of the child, and the report gives the median of each.  Results go to tests/bench/results.md.

    python3 tests/bench/bench.py ROOT BUILD_DIR WORK_DIR
"""
import datetime
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time

ROOT, BUILD, WORK = (os.path.abspath(a) for a in sys.argv[1:4])
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
PEER_RUNS = int(os.environ.get("BENCH_PEER_RUNS", "3"))
PPSGEN = os.path.join(BUILD, "ppsgen")
FLOOR = os.path.join(WORK, "floor")
RECORD = os.path.join(WORK, "record")
FIGBENCH = os.path.join(WORK, "figbench")
FONTS = os.path.join(ROOT, "fonts")
BASE_ENV = dict(os.environ, SOURCE_DATE_EPOCH="1519776000", LC_ALL="C.UTF-8")
BASE_ENV.pop("PPSGEN_TIMING", None)


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def run_once(cmd, env=None, cwd=None):
    """(wall s, cpu s, peak KiB, returncode, stderr text) of one run."""
    errf = open(os.path.join(WORK, "stderr.txt"), "w+b")
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, env=env or BASE_ENV, cwd=cwd or WORK, stdout=subprocess.DEVNULL, stderr=errf)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    errf.seek(0)
    err = errf.read().decode("utf-8", "replace")
    errf.close()
    return wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss, p.returncode, err


def run_ok(cmd, env=None):
    """(wall s, cpu s, peak KiB) of one run, which must succeed (else the benchmark stops)."""
    w, c, m, rc, err = run_once(cmd, env)
    if rc != 0:
        log("FAILED (%d): %s\n%s" % (rc, " ".join(cmd), err))
        sys.exit(1)
    return w, c, m


def medians(got):
    """Median wall, CPU and peak memory (MB) of (wall, cpu, KiB) runs."""
    return {"wall": statistics.median(x[0] for x in got), "cpu": statistics.median(x[1] for x in got),
            "mem": statistics.median(x[2] for x in got) / 1024.0}


def measure(name, cmd, runs=RUNS, env=None):
    """Median wall, CPU and peak memory of `runs` runs.  The first run must succeed; it is
    not timed (caches, first use of the fonts) unless it took over 2 s, where that matters
    little and a run more would cost a lot."""
    first = run_ok(cmd, env)
    got = [first] if first[0] > 2 else []
    if not got:
        runs = 2 * runs + 1  # short runs: more of them, as other load comes and goes
    while len(got) < runs:
        got.append(run_ok(cmd, env))
    r = medians(got)
    r.update(wall_min=min(x[0] for x in got), wall_max=max(x[0] for x in got))
    log("%-22s wall %.3f s  cpu %.3f s  peak %.1f MB" % (name, r["wall"], r["cpu"], r["mem"]))
    return r


def measure_pair(name, cmd_a, cmd_b, runs=RUNS):
    """A (ppsgen) and B (the floor, or a peer) in turn, A B A B ..., after one untimed run of each:
    the medians of each, and the median of the pairs' ratios A/B, which a drift in the machine's
    speed (other work coming and going) disturbs far less than two series taken minutes apart."""
    if max(run_ok(cmd_a)[0], run_ok(cmd_b)[0]) <= 2:
        runs = 2 * runs + 1  # short runs: more of them
    pairs = [(run_ok(cmd_a), run_ok(cmd_b)) for _ in range(runs)]
    a = medians([x for x, _ in pairs])
    b = medians([y for _, y in pairs])
    b["ratio_wall"] = statistics.median(x[0] / y[0] for x, y in pairs)
    b["ratio_cpu"] = statistics.median(x[1] / y[1] for x, y in pairs)
    log("%-22s CPU %.3f s against %.3f s, paired ratio %.2f (wall %.2f)" % (
        name, a["cpu"], b["cpu"], b["ratio_cpu"], b["ratio_wall"]))
    return a, b


def pdf_pages(paths):
    n = 0
    for p in paths:
        out = subprocess.run(["pdfinfo", p], capture_output=True, text=True).stdout
        m = re.search(r"^Pages:\s+(\d+)", out, re.M)
        n += int(m.group(1)) if m else 0
    return n


def outputs(d, ext):
    return sorted(os.path.join(d, f) for f in os.listdir(d) if f.endswith(ext)) if os.path.isdir(d) else []


def version(cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True).stdout.strip()
    except OSError:
        return ""


# The sources measured: read now, before the (long) run.
commit = version(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"])
dirty = version(["git", "-C", ROOT, "status", "--porcelain", "--untracked-files=no", "generator"])

# ---- inputs -------------------------------------------------------------

sample = os.path.join(ROOT, "data", "sample-statement.xml")
with open(sample, encoding="utf-8") as f:
    m = re.search(r'<workforce[^>]*\bcsv="([^"]+)"', f.read())
if m and not os.path.exists(os.path.join(ROOT, "data", m.group(1))):
    # The sample's workforce CSV is generated (tests/gen_workforce.py): make a
    # copy of the sample with its CSV beside it, data/ untouched.
    d = os.path.join(WORK, "sample")
    os.makedirs(d, exist_ok=True)
    shutil.copy(sample, d)
    subprocess.run([sys.executable, os.path.join(ROOT, "tests", "gen_workforce.py"), "-o", os.path.join(d, m.group(1))],
                   check=True)
    sample = os.path.join(d, "sample-statement.xml")
    log("data/%s is missing: generated a copy in %s" % (m.group(1), d))

statements = {1: sample}
for n in (4, 16):
    out = subprocess.run([sys.executable, os.path.join(ROOT, "tests", "bench", "scale_statement.py"), "--scale", str(n),
                          "-o", os.path.join(WORK, "scaled")], check=True, capture_output=True, text=True).stdout
    statements[n] = out.strip()

wf20k = os.path.join(WORK, "workforce-20000.csv")
text = subprocess.run([sys.executable, os.path.join(ROOT, "tests", "gen_workforce.py"), "--scale", "3", "-o", "-"],
                      check=True, capture_output=True, text=True).stdout
with open(wf20k, "w", newline="", encoding="utf-8") as f:
    f.write("".join(text.splitlines(keepends=True)[:20001]))

# ---- ppsgen cases ---------------------------------------------------------

CASES = [
    # name, scale, extra options, what
    ("sample-both", 1, [], "sample, both languages, separate PDFs (two threads)"),
    ("sample-en", 1, ["--lang", "en"], "sample, English PDF only"),
    ("sample-cy", 1, ["--lang", "cy"], "sample, Welsh PDF only"),
    ("sample-parallel", 1, ["--layout", "parallel"], "sample, one PDF, Welsh and English side by side"),
    ("sample-sequential", 1, ["--layout", "sequential"], "sample, one PDF, Welsh then English"),
    ("sample-html", 1, ["--format", "html"], "sample, HTML, both languages"),
    ("sample-csv", 1, ["--format", "csv"], "sample, open-data CSV"),
    ("x4-both", 4, [], "4x statement, both languages, separate PDFs"),
    ("x16-both", 16, [], "16x statement, both languages, separate PDFs"),
]
# One language (one thread), with PPSGEN_TIMING=1: where the time goes.
STAGE_CASES = [("sample-en", 1), ("x4-en", 4), ("x16-en", 16)]
FLOOR_CASES = ["sample-both", "sample-en", "sample-cy", "sample-parallel", "sample-sequential", "x4-both", "x16-both"]

load_before = os.getloadavg()
results = {}
for name, scale, opts, what in CASES:
    out = os.path.join(WORK, "out", name)
    shutil.rmtree(out, ignore_errors=True)
    cmd = [PPSGEN, "render", "-o", out] + opts + [statements[scale]]
    r = measure(name, cmd)
    r.update(what=what, scale=scale, cmd=cmd, out=out)
    r["pages"] = pdf_pages(outputs(out, ".pdf"))
    r["files"] = len(os.listdir(out))
    results[name] = r

# Where the time goes inside ppsgen: PPSGEN_TIMING=1, one language, the
# median of 3 runs of each stage (and of those runs' own wall and CPU time).
stages = {}
for name, scale in STAGE_CASES:
    out = os.path.join(WORK, "out", name + "-timing")
    cmd = [PPSGEN, "render", "-o", out, "--lang", "en", statements[scale]]
    env = dict(BASE_ENV, PPSGEN_TIMING="1")
    got = {"layout": [], "pdf": [], "post": [], "wall": [], "cpu": [], "mem": []}
    for _ in range(3):
        w, c, mem, rc, err = run_once(cmd, env)
        m = re.search(r"(\d+) pages, layout ([\d.]+) ms, pdf ([\d.]+) ms", err)
        p = re.search(r"post-processing ([\d.]+) ms", err)
        if rc != 0 or not m or not p:
            log("no PPSGEN_TIMING figures from %s\n%s" % (" ".join(cmd), err))
            break
        got["layout"].append(float(m.group(2)))
        got["pdf"].append(float(m.group(3)))
        got["post"].append(float(p.group(1)))
        got["wall"].append(w * 1000)
        got["cpu"].append(c * 1000)
        got["mem"].append(mem / 1024.0)
    if got["wall"]:
        stages[name] = {k: statistics.median(v) for k, v in got.items()}
        stages[name]["pages"] = pdf_pages(outputs(out, ".pdf"))
        log("%-22s wall %.3f s  cpu %.3f s  peak %.1f MB (PPSGEN_TIMING)" % (
            name, stages[name]["wall"] / 1000, stages[name]["cpu"] / 1000, stages[name]["mem"]))

# ---- the floor ------------------------------------------------------------

floor = {}
for name in FLOOR_CASES:
    r = results[name]
    dd = os.path.join(WORK, "dump", name)
    shutil.rmtree(dd, ignore_errors=True)
    os.makedirs(dd)
    opts = r["cmd"][4:-1]
    layout = opts[opts.index("--layout") + 1] if "--layout" in opts else "separate"
    lang = opts[opts.index("--lang") + 1] if "--lang" in opts else "both"
    w, c, m, rc, err = run_once([RECORD, dd, r["cmd"][-1], layout, lang], BASE_ENV)
    dumps = outputs(dd, ".dump")
    if rc != 0 or not dumps:
        log("recording the floor's text failed for %s\n%s" % (name, err))
        sys.exit(1)
    fo = os.path.join(WORK, "floor-out", name)
    shutil.rmtree(fo, ignore_errors=True)
    os.makedirs(fo)
    cmd = [FLOOR, FONTS]
    for i, dp in enumerate(dumps):
        cmd += [os.path.join(fo, "floor-%d.pdf" % (i + 1)), dp]
    a, f = measure_pair("floor " + name, r["cmd"], cmd)
    r.update(a)  # ppsgen's figures from the same, interleaved, runs
    f["pages"] = pdf_pages(outputs(fo, ".pdf"))
    f["cmd"] = cmd
    floor[name] = f

# Instructions executed (callgrind): exact and repeatable, unlike times on a
# shared machine.  The English sample only: about a minute under valgrind.
instr = {}
if shutil.which("valgrind") and os.environ.get("BENCH_INSTRUCTIONS", "1") != "0":
    def instructions(cmd):
        p = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"] + cmd, env=BASE_ENV,
                           cwd=WORK, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        m = re.search(r"Collected : (\d+)", p.stderr)
        return int(m.group(1)) if p.returncode == 0 and m else None
    a = instructions(results["sample-en"]["cmd"])
    b = instructions(floor["sample-en"]["cmd"])
    if a and b:
        instr = {"ppsgen": a, "floor": b}
        log("instructions sample-en: ppsgen %.0f M, floor %.0f M, %.3f" % (a / 1e6, b / 1e6, a / b))

# ---- the workforce through the figures (in-process) -------------------------

out = subprocess.run([FIGBENCH, ROOT, sample, wf20k, str(max(RUNS, 7))], capture_output=True, text=True)
if out.returncode != 0:
    log("figbench failed\n" + out.stderr)
    sys.exit(1)
fb = dict(zip(out.stdout.split()[0::2], (float(x) for x in out.stdout.split()[1::2])))
log("figures 20,000 rows: read %.2f ms, compute %.2f ms, total %.2f ms" % (fb["read_ms"], fb["compute_ms"],
                                                                            fb["total_ms"]))

# ---- the peers ---------------------------------------------------------------

peers = {}
weasy = shutil.which("weasyprint")
htmls = outputs(results["sample-html"]["out"], ".html")
if weasy and htmls:
    for h in htmls:
        lang = "cy" if h.endswith("-cy.html") else "en" if h.endswith("-en.html") else os.path.basename(h)
        pdf = os.path.join(WORK, "weasy-%s.pdf" % lang)
        mine = results.get("sample-" + lang)
        if not mine:
            continue
        # In turn with ppsgen writing the same language's PDF, as for the floor.
        r, p = measure_pair("weasyprint " + lang, [weasy, "--quiet", h, pdf], mine["cmd"], runs=PEER_RUNS)
        r["pages"] = pdf_pages([pdf])
        r["ppsgen"] = p
        peers[lang] = r

load_after = os.getloadavg()

# ---- report ------------------------------------------------------------------


def ms(x):
    return "%.0f" % (x * 1000)


def yes(ok):
    return "**met**" if ok else "**not met**"


cpu_model = ""
try:
    with open("/proc/cpuinfo") as f:
        m = re.search(r"model name\s*:\s*(.*)", f.read())
        cpu_model = m.group(1) if m else ""
except OSError:
    pass
pc = lambda mod: version(["pkg-config", "--modversion", mod])

L = []
L.append("# ppsgen benchmark results")
L.append("")
build_type = "?"
try:
    with open(os.path.join(BUILD, "CMakeCache.txt")) as f:
        m = re.search(r"^CMAKE_BUILD_TYPE:\w+=(.*)$", f.read(), re.M)
        build_type = m.group(1) if m else "?"
except OSError:
    pass
L.append("Written by `bash tests/bench/run.sh` (%s; ppsgen built %s). Median of %d runs (%d, after one untimed "
         "run, for the cases under 2 s); wall = elapsed, CPU = user + system of the process, peak = maximum resident "
         "set (from `wait4`)." % (datetime.datetime.now().strftime("%Y-%m-%d %H:%M"), build_type, RUNS, 2 * RUNS + 1))
L.append("")
L.append("Machine: %d CPUs (%s), %s; commit %s%s. Pango %s, cairo %s, HarfBuzz %s, qpdf %s. "
         "Load average %.2f before, %.2f after%s." %
         (os.cpu_count(), cpu_model, platform.platform(terse=True), commit or "?",
          " with uncommitted changes in generator/" if dirty else "", pc("pango"), pc("cairo"), pc("harfbuzz"),
          pc("libqpdf"), load_before[0], load_after[0],
          " (**other work was running: wall times are inflated and noisy, and the two language threads seldom "
          "got two CPUs; CPU times are the steadier figures**)" if max(load_before[0], load_after[0]) > 0.7
          else ""))
L.append("")
L.append("## Cases")
L.append("")
L.append("| case | what | pages | wall ms | CPU ms | peak MB | floor wall ms | floor CPU ms | ppsgen ÷ floor (wall) | (CPU) |")
L.append("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|")
for name, scale, opts, what in CASES:
    r = results[name]
    f = floor.get(name)
    pages = str(r["pages"]) if r["pages"] else "–"
    if f:
        fl = "%s | %s | %.2f× | %.2f×" % (ms(f["wall"]), ms(f["cpu"]), f["ratio_wall"], f["ratio_cpu"])
    else:
        fl = "– | – | – | –"
    L.append("| `%s` | %s | %s | %s | %s | %.0f | %s |" % (name, what, pages, ms(r["wall"]), ms(r["cpu"]), r["mem"], fl))
L.append("")
L.append("The floor (`floor.c`) lays out the very text ppsgen draws (taken from ppsgen's own layout by "
         "`record.c`: every paragraph, heading, cell and chart label, with its font, size, width and attributes) "
         "with PangoLayout in the same bundled fonts, as a generator that hands its paragraphs to Pango does, "
         "draws each line where ppsgen drew it on the same pages and writes the PDF with cairo: no tags, links, "
         "rules or post-processing. ppsgen ÷ floor is what our own code costs against that plain Pango/cairo "
         "generator; it can fall below 1, because ppsgen shapes each paragraph once and breaks its lines itself "
         "(`generator/text.c`) where PangoLayout 1.50 shapes the same text about 2.45 times over. "
         "For these cases ppsgen and the floor run in turn (ppsgen, floor, ppsgen, floor ...) and ppsgen ÷ floor "
         "is the median of the pairs' ratios; ppsgen's columns come from those same runs.")
L.append("")
if stages:
    L.append("Where the time goes: the English PDF alone (one thread), `PPSGEN_TIMING=1`, median of 3 runs. "
             "*Other* is the rest of the process: start-up, reading and validating the XML, the workforce CSV, "
             "the figures, writing the file, exit.")
    L.append("")
    L.append("| case | pages | layout ms | cairo drawing ms | post-processing (qpdf) ms | other ms | process wall ms | process CPU ms | peak MB |")
    L.append("|---|--:|--:|--:|--:|--:|--:|--:|--:|")
    for name, s in stages.items():
        other = s["wall"] - s["layout"] - s["pdf"]
        L.append("| `%s` | %d | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f |" % (
            name, s["pages"], s["layout"], s["pdf"] - s["post"], s["post"], other, s["wall"], s["cpu"], s["mem"]))
    L.append("")

L.append("## Targets (this %d-CPU machine)" % os.cpu_count())
L.append("")
L.append("| target | measured | |")
L.append("|---|---|---|")
b = results["sample-both"]
slow = max(results["sample-en"]["cpu"], results["sample-cy"]["cpu"])
L.append("| whole bilingual sample (separate PDFs, both languages) under 0.5 s wall | %s ms (CPU %s ms; the slower "
         "language alone takes %s ms of CPU, the least the two threads can take on two free CPUs) | %s |" %
         (ms(b["wall"]), ms(b["cpu"]), ms(slow), yes(b["wall"] < 0.5)))
fb1 = floor["sample-both"]
worst = max(floor[n]["ratio_cpu"] for n in FLOOR_CASES)
L.append("| ppsgen within 1.3× the floor on the same text (bilingual sample, CPU time: the work done, which other "
         "load on the machine disturbs least) | %.2f× (wall %.2f×; worst case above %.2f×, 16×: %.2f×) | %s |" %
         (fb1["ratio_cpu"], fb1["ratio_wall"], worst, floor["x16-both"]["ratio_cpu"],
          yes(fb1["ratio_cpu"] <= 1.3)))
if instr:
    L.append("| … the same, counted in instructions executed (callgrind: exact, and no other load can move it), "
             "English sample | %.3f× (ppsgen %s M, floor %s M) | %s |" %
             (instr["ppsgen"] / instr["floor"], format(round(instr["ppsgen"] / 1e6), ","),
              format(round(instr["floor"] / 1e6), ","), yes(instr["ppsgen"] / instr["floor"] <= 1.3)))
g = results["x16-both"]["wall"] / b["wall"]
gc = results["x16-both"]["cpu"] / b["cpu"]
L.append("| linear growth: the 16× statement in at most 17× the 1× time (both languages, CPU time, which other load "
         "disturbs least) | %.1f× (wall %.1f×; pages %.1f×; 4×: %.1f× the CPU time, %.1f× the pages) | %s |" %
         (gc, g, results["x16-both"]["pages"] / b["pages"], results["x4-both"]["cpu"] / b["cpu"],
          results["x4-both"]["pages"] / b["pages"], yes(gc <= 17)))
L.append("| peak memory under 100 MB at 4× | %.0f MB | %s |" % (results["x4-both"]["mem"], yes(results["x4-both"]["mem"] < 100)))
L.append("| peak memory under 300 MB at 16× | %.0f MB | %s |" % (results["x16-both"]["mem"], yes(results["x16-both"]["mem"] < 300)))
L.append("| 20,000 workforce records through the figures under 50 ms (in-process: `csv_read_workforce` + `fig_compute`) | %.1f ms (read %.1f + compute %.1f) | %s |" %
         (fb["total_ms"], fb["read_ms"], fb["compute_ms"], yes(fb["total_ms"] < 50)))
if peers:
    langs = sorted(peers)
    L.append("| at least 20× faster than WeasyPrint on the sample's HTML export, each language (CPU time; below) | %s "
             "(wall %s) | %s |" % (", ".join("%s %.1f×" % (l, peers[l]["ppsgen"]["ratio_cpu"]) for l in langs),
                                  ", ".join("%.1f×" % peers[l]["ppsgen"]["ratio_wall"] for l in langs),
                                  yes(min(peers[l]["ppsgen"]["ratio_cpu"] for l in langs) >= 20)))
L.append("")
L.append("## Against the peers")
L.append("")
if peers:
    L.append("WeasyPrint %s rendering ppsgen's own HTML export of the sample (`ppsgen render --format html`), "
             "median of %d runs, in turn with ppsgen writing the same language's PDF (the ratio is the median of "
             "the pairs' ratios):" %
             (version([weasy, "--version"]).replace("WeasyPrint version ", "").strip(), PEER_RUNS))
    L.append("")
    L.append("| language | WeasyPrint pages | wall ms | CPU ms | peak MB | ppsgen wall ms | WeasyPrint ÷ ppsgen (wall) | (CPU) |")
    L.append("|---|--:|--:|--:|--:|--:|--:|--:|")
    for lang, r in sorted(peers.items()):
        p = r["ppsgen"]
        L.append("| %s | %d | %s | %s | %.0f | %s | %.1f× | %.1f× |" % (lang, r["pages"], ms(r["wall"]), ms(r["cpu"]),
                                                                   r["mem"], ms(p["wall"]), p["ratio_wall"],
                                                                   p["ratio_cpu"]))
elif not weasy:
    L.append("WeasyPrint not installed (Debian: `apt-get install weasyprint`).")
else:
    L.append("WeasyPrint is installed, but ppsgen wrote no HTML to give it.")
L.append("")
L.append("Inputs: `data/sample-statement.xml` (its workforce CSV: 8,000 records); the 4× and 16× statements are "
         "written by `tests/bench/scale_statement.py`: sections and appendices 2× / 4× (copies with their own ids), "
         "paragraphs, notes and list items 3× / 6× longer, table rows and pay scale points 2× / 4×, and a workforce "
         "of 32,000 / 128,000 records (`tests/gen_workforce.py --scale 4 / 16`). "
         "Where the time goes, by stage and by library, and what to do about it: [PROFILE.md](PROFILE.md).")
# The doubling series (doubling.py, run apart: it takes longer) is kept.
results_md = os.path.join(ROOT, "tests", "bench", "results.md")
kept = ""
if os.path.exists(results_md):
    with open(results_md, encoding="utf-8") as f:
        old = f.read()
    if "\n## Doubling series" in old:
        kept = "\n" + old[old.index("\n## Doubling series") + 1:]
with open(results_md, "w", encoding="utf-8") as f:
    f.write("\n".join(L) + "\n" + kept)
with open(os.path.join(WORK, "results.json"), "w") as f:
    json.dump({"results": {k: {x: y for x, y in v.items() if x != "cmd"} for k, v in results.items()},
               "floor": {k: {x: y for x, y in v.items() if x != "cmd"} for k, v in floor.items()},
               "stages": stages, "figures": fb, "peers": peers, "instructions": instr}, f, indent=1)
print("\n".join(L))
