#!/usr/bin/env python3
"""gen_workforce.py - writes a plausible, deterministic workforce CSV for ppsgen.

Salaries are on the NJC points of the seed statement's Appendix A (April 2017,
SCP 9-61: basic, basic + 8% weekend, basic + 4% term-time), mostly low grades,
plus the 21 chief officer post holders of the sample statement.  About 30% of
records are school staff.  The records that are not school staff are an odd
number whose median full-time-equivalent salary is exactly 18,793.00 (SCP 18
plus 4%), the figure the seed statement publishes: the generator draws exactly
half of the others below it and half above, and puts some at 18,793 itself.

    python3 tests/gen_workforce.py                     # data/sample-workforce.csv
    python3 tests/gen_workforce.py --scale 10 -o -     # 80,000 records to stdout
"""
import argparse
import csv
import io
import os
import random
import sys

# Appendix A, basic annual salary in pounds for SCP 9..61.
BASIC = [15375, 15613, 15807, 16123, 16491, 16781, 17072, 17419, 17772, 18070,
         18746, 19430, 20138, 20661, 21268, 21962, 22658, 23398, 24174, 24964,
         25951, 26822, 27668, 28485, 29323, 30153, 30785, 31601, 32486, 33437,
         34538, 35444, 36379, 37306, 38237, 39177, 40057, 41025, 41967, 42899,
         43821, 44708, 45632, 46532, 47436, 49220, 51749, 54267, 56791, 61032,
         64163, 67456, 70916]
POINTS = list(range(9, 62))
assert len(BASIC) == len(POINTS)

# The first point of each grade (Appendix A's "Grade" column).
GRADE_START = [(9, "A"), (10, "B"), (11, "C"), (14, "D"), (17, "E"), (20, "F"),
               (23, "G"), (26, "H"), (29, "I"), (32, "J"), (35, "K"), (38, "L"),
               (41, "M"), (44, "N"), (47, "O"), (50, "P"), (53, "Q"), (56, "R"),
               (59, "S")]

# The sample statement's chief officer post holders (pounds).
CHIEF_OFFICERS = ([("Chief Executive", 171539)] +
                  [("Director", s) for s in (123218, 123218, 123218, 121045, 118873)] +
                  [("Assistant Chief Executive", 102917)] +
                  [("Head of Service", s) for s in (90709, 90709, 89290, 89290) +
                   (87875,) * 5 + (85042,) * 5])

MEDIAN = 18793
BASE_COUNT = 8000

# Council (not school) posts by salary band: (below this many pounds, posts).
COUNCIL_POSTS = [
    (18000, ["Care Assistant", "Cleaner", "Refuse Collector", "Clerical Assistant",
             "Library Assistant", "Cook, Day Centre", "Highways Operative"]),
    (30000, ["Customer Services Adviser", "Housing Officer", "Social Worker",
             "Planning Officer", "ICT Analyst", "Occupational Therapist"]),
    (10 ** 9, ["Accountant", "Engineer", "Team Manager", "Solicitor", "Surveyor",
               "Environmental Health Officer"]),
]
SCHOOL_POSTS = ["Teaching Assistant", "Cook, School Meals", "Cleaner", "Midday Supervisor",
                "School Administrator", "Caretaker", "Higher Level Teaching Assistant",
                "Business Manager, \"Federated\" Schools"]


def half_up_pct(pounds, percent):
    """pounds x (100 + percent) / 100, half up to whole pounds (the seed's rule)."""
    return (pounds * (100 + percent) * 2 + 100) // 200


def council_post(rng, salary):
    for limit, posts in COUNCIL_POSTS:
        if salary < limit:
            return rng.choice(posts)


def grade_of(point):
    g = "A"
    for start, name in GRADE_START:
        if point >= start:
            g = name
    return "Grade " + g


# Every (salary, point, column) a record can have.
CHOICES = []
for n, b in zip(POINTS, BASIC):
    CHOICES.append((b, n, "basic"))
    CHOICES.append((half_up_pct(b, 8), n, "weekend"))
    CHOICES.append((half_up_pct(b, 4), n, "term-time"))


def weight(point, column, school):
    """Mostly lower grades; schools more so; supplements less common."""
    w = 0.86 ** (point - 9) if not school else 0.75 ** (point - 9)
    if point <= 12:
        w *= 1.5
    return w * {"basic": 0.75, "weekend": 0.10, "term-time": 0.15}[column] * (1.6 if school and column == "term-time" else 1)


def draw(rng, pool, school, k):
    weights = [weight(n, c, school) for _, n, c in pool]
    return rng.choices(pool, weights=weights, k=k)


def p_female(salary):
    return 0.82 if salary < 20000 else 0.68 if salary < 30000 else 0.55 if salary < 50000 else 0.42


def fte_for(rng, school):
    if school:
        return rng.choice(["0.5", "0.6", "0.5405", "0.4", "0.75", "1", "0.8", "0.6757"])
    return rng.choice(["1"] * 6 + ["0.5", "0.6", "0.8", "0.4", "0.75"])


def generate(scale):
    rng = random.Random(2018 * 1000 + scale)
    total = BASE_COUNT * scale
    ns = round(total * 0.7) | 1            # odd: one middle record
    nsch = total - ns
    k = (ns - 1) // 2                      # records below the median
    at = max(1, ns // 140)                 # records at exactly the median
    above = ns - k - at                    # includes the chief officers
    below_pool = [c for c in CHOICES if c[0] < MEDIAN]
    above_pool = [c for c in CHOICES if c[0] > MEDIAN]
    at_choice = [c for c in CHOICES if c[0] == MEDIAN]
    assert at_choice, "18,793 must be on the table (SCP 18 + 4%)"

    records = []  # (post, grade, salary, school)
    for s, n, c in draw(rng, below_pool, False, k):
        records.append((council_post(rng, s), grade_of(n), s, False))
    for _ in range(at):
        records.append((council_post(rng, MEDIAN), grade_of(18), MEDIAN, False))
    chiefs = CHIEF_OFFICERS * scale
    for title, s in chiefs:
        records.append((title, "JNC", s, False))
    for s, n, c in draw(rng, above_pool, False, above - len(chiefs)):
        records.append((council_post(rng, s), grade_of(n), s, False))
    for s, n, c in draw(rng, CHOICES, True, nsch):
        records.append((rng.choice(SCHOOL_POSTS), grade_of(n), s, True))
    rng.shuffle(records)

    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(["id", "post", "grade", "salary", "fte", "gender", "school"])
    for i, (post, grade, s, school) in enumerate(records, 1):
        gender = "F" if rng.random() < p_female(s) else "M"
        if rng.random() < 0.01:
            gender = ""                    # not recorded
        w.writerow(["E%06d" % i, post, grade, "%d.00" % s, fte_for(rng, school), gender,
                    "yes" if school else "no"])

    # Check the promise before writing.
    ftes = sorted(s for _, _, s, school in records if not school)
    assert len(ftes) % 2 == 1 and ftes[len(ftes) // 2] == MEDIAN, "median is not 18,793"
    return out.getvalue()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--scale", type=int, default=1, help="N times the 8,000 records")
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("-o", "--output", default=os.path.join(here, "..", "data", "sample-workforce.csv"),
                    help="path, or - for stdout")
    a = ap.parse_args()
    if a.scale < 1:
        ap.error("--scale must be at least 1")
    text = generate(a.scale)
    if a.output == "-":
        sys.stdout.write(text)
    else:
        with open(a.output, "w", newline="", encoding="utf-8") as f:
            f.write(text)


if __name__ == "__main__":
    main()
