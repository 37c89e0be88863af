#!/usr/bin/env python3
"""scale_statement.py - writes a synthetic statement N times the size of the sample.

From data/sample-statement.xml (standard library only), with A x B = N,
A = floor(sqrt(N)) (N = 4 is 2 x 2, N = 16 is 4 x 4):

* more sections: the top-level <section>s and <appendix>es are there A times,
  each copy's ids (sections, appendices, tables) given a suffix ("-x2"), each
  appendix copy's letter too ("A2"), and the <ref to> links inside a copy
  renumbered to the copy's own ids; copies cover no statutory topic (the
  originals do);
* longer text: every paragraph, list item and note (each language) is its
  text round(1.6 B) times (3 for N = 4, 6 for N = 16: headings, spacing and
  generated tables do not grow with the text, and this brings the PDFs to
  about N times the sample's pages: 4.2x and 15.3x);
* longer tables: every body row of every <table> appears B times, and every
  pay scale has B times its points (new points above the top one, each
  column 1% of the top salary above the point below);
* a bigger workforce: tests/gen_workforce.py --scale N (N x 8,000 records).

    python3 tests/bench/scale_statement.py --scale 4 -o /tmp/bench
        # writes /tmp/bench/statement-x4.xml and /tmp/bench/workforce-x4.csv
"""
import argparse
import copy
import importlib.util
import math
import os
import sys
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))


def load_gen_workforce():
    spec = importlib.util.spec_from_file_location("gen_workforce", os.path.join(ROOT, "tests", "gen_workforce.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def repeat_content(el, times):
    """el's mixed content (text, children, tails) written `times` times, a space between."""
    if times <= 1:
        return
    text = el.text or ""
    kids = list(el)
    if not text.strip() and not kids:
        return
    for _ in range(times - 1):
        sep_then_text = " " + text.strip()
        last = el[-1] if len(el) else None
        if last is None:
            el.text = (el.text or "").rstrip() + sep_then_text
        else:
            last.tail = (last.tail or "").rstrip() + sep_then_text
        for k in kids:
            el.append(copy.deepcopy(k))


def lengthen_text(root, times):
    for tag in ("p", "note", "item"):
        for el in root.iter(tag):
            langs = [c for c in el if c.tag in ("cy", "en")]
            if tag == "item" and any(c.tag == "list" for c in el):
                continue  # an item holding a sub-list: its own text only would need splitting
            if langs:
                for c in langs:
                    repeat_content(c, times)
            else:
                repeat_content(el, times)


def lengthen_tables(root, times):
    for table in root.iter("table"):
        rows = [c for c in table if c.tag == "row"]
        if not rows:
            continue
        last = list(table).index(rows[-1])
        extra = [copy.deepcopy(r) for _ in range(times - 1) for r in rows]
        for i, r in enumerate(extra):
            table.insert(last + 1 + i, r)


def lengthen_scales(root, times):
    for scale in root.iter("scale"):
        points = [c for c in scale if c.tag == "point"]
        if not points:
            continue
        top = max(points, key=lambda p: int(p.get("n")))
        n = int(top.get("n"))
        salaries = [int(s) for s in top.get("salary").split()]
        steps = [max(1, s // 100) for s in salaries]
        at = list(scale).index(points[-1]) + 1
        for _ in range(len(points) * (times - 1)):
            n += 1
            salaries = [s + d for s, d in zip(salaries, steps)]
            p = ET.Element("point", {"n": str(n), "salary": " ".join(str(s) for s in salaries)})
            p.tail = points[-1].tail
            scale.insert(at, p)
            at += 1


def copy_parts(root, copies):
    """Sections and appendices `copies` times in all (schema order: sections, then appendices)."""
    if copies <= 1:
        return
    for tag in ("section", "appendix"):
        parts = [c for c in root if c.tag == tag]
        if not parts:
            continue
        at = list(root).index(parts[-1]) + 1
        for k in range(2, copies + 1):
            for s in parts:
                c = copy.deepcopy(s)
                ids = {}
                for el in c.iter():
                    if el.get("id"):
                        ids[el.get("id")] = "%s-x%d" % (el.get("id"), k)
                        el.set("id", ids[el.get("id")])
                    if el.get("covers") is not None:
                        del el.attrib["covers"]
                if c.get("letter"):
                    c.set("letter", "%s%d" % (c.get("letter"), k))
                for el in c.iter("ref"):
                    if el.get("to") in ids:
                        el.set("to", ids[el.get("to")])
                c.tail = s.tail
                root.insert(at, c)
                at += 1


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--scale", type=int, required=True, help="N: the size, in samples")
    ap.add_argument("--input", default=os.path.join(ROOT, "data", "sample-statement.xml"))
    ap.add_argument("-o", "--outdir", required=True)
    a = ap.parse_args()
    if a.scale < 1:
        ap.error("--scale must be at least 1")
    n = a.scale
    copies = int(math.isqrt(n))
    times = max(1, round(n / copies))

    tree = ET.parse(a.input)
    root = tree.getroot()
    lengthen_text(root, round(1.6 * times))
    lengthen_tables(root, times)
    lengthen_scales(root, times)
    copy_parts(root, copies)

    os.makedirs(a.outdir, exist_ok=True)
    csv_name = "workforce-x%d.csv" % n
    wf = root.find("pay/workforce")
    if wf is not None:
        for k in ("csv", "median"):
            wf.attrib.pop(k, None)
        for e in list(wf):
            if e.tag == "employee":
                wf.remove(e)
        wf.set("csv", csv_name)
        gen = load_gen_workforce()
        with open(os.path.join(a.outdir, csv_name), "w", newline="", encoding="utf-8") as f:
            f.write(gen.generate(n))
    out = os.path.join(a.outdir, "statement-x%d.xml" % n)
    tree.write(out, encoding="UTF-8", xml_declaration=True)
    print(out)


if __name__ == "__main__":
    sys.exit(main())
