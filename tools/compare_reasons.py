#!/usr/bin/env python3
"""Compare every reason and test label of a standpunkt binary with a golden file.

The golden file is a TSV, one line per country, year and criterion: year, iso3, criterion,
rating, German reason, English reason, German test labels joined ' || ' (as written by
extract_old.py from an earlier binary's JSON). This script runs

    BIN [--rules R --catalog C] --lang de|en assess --all --years FIRST..LAST --format json

once per language, takes the same columns from the JSON (schema 1: reason_de/reason_en and
step labels; schema 2: reason.text and step labels in the language asked for), and reports
every difference grouped by criterion, column and reason key, with a few examples.

    tools/compare_reasons.py GOLDEN.tsv [--bin target/release/standpunkt] [--years 2000..2026]
        [--rules DIR] [--catalog FILE]   the rule set and catalog the binary reads
        [--en-labels FILE]   write every distinct English test label per criterion (to read)
        [--examples N]       examples per group (default 3)
        [--write]            write GOLDEN.tsv from the binary instead of comparing

Before a change to rules or texts that should not change any wording:
    tools/compare_reasons.py /tmp/golden.tsv --write       # with the binary before the change
    tools/compare_reasons.py /tmp/golden.tsv                # after it: every difference

Exit status 0 when nothing differs, 1 otherwise.
"""
import argparse
import collections
import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

COLUMNS = ["rating", "reason_de", "reason_en", "labels_de"]


def run(args, lang):
    cmd = [args.bin]
    if args.rules:
        cmd += ["--rules", args.rules]
    if args.catalog:
        cmd += ["--catalog", args.catalog]
    cmd += ["--lang", lang, "assess", "--all", "--years", args.years, "--format", "json"]
    out = subprocess.run(cmd, capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({out.returncode}):\n{out.stderr}")
    return json.loads(out.stdout)


def year_of(a):
    return a["as_of"]["year"] if isinstance(a["as_of"], dict) else a["as_of"]


def rows(assessments, lang):
    """(year, iso3, criterion) → (rating, reason, labels, reason key) in one language."""
    result = {}
    for a in assessments:
        for c in a["criteria"]:
            if "reason" in c:  # schema 2
                reason, key = c["reason"]["text"], c["reason"]["key"]
            else:  # schema 1
                reason, key = c[f"reason_{lang}"], ""
            labels = " || ".join(s["label"] for s in c["trace"] if s["step"] == "test")
            keys = " ".join(s.get("key", "") for s in c["trace"] if s["step"] == "test")
            result[(str(year_of(a)), a["iso3"], str(c["number"]))] = (
                c["rating"], reason, labels, key, keys)
    return result


def first_difference(old, new):
    i = next((i for i, (a, b) in enumerate(zip(old, new)) if a != b), min(len(old), len(new)))
    return max(0, i - 30), i


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("golden")
    p.add_argument("--bin", default="target/release/standpunkt")
    p.add_argument("--rules")
    p.add_argument("--catalog")
    p.add_argument("--years", default="2000..2026")
    p.add_argument("--examples", type=int, default=3)
    p.add_argument("--en-labels")
    p.add_argument("--write", action="store_true")
    args = p.parse_args()

    if args.write:
        de, en = (rows(run(args, lang), lang) for lang in ("de", "en"))
        with open(args.golden, "w", encoding="utf-8") as out:
            for k in sorted(de, key=lambda k: (int(k[0]), k[1], int(k[2]))):
                rating, reason_de, labels_de = de[k][:3]
                out.write("\t".join([*k, rating, reason_de, en[k][1], labels_de]) + "\n")
        print(f"{len(de)} rows written to {args.golden}")
        return 0

    golden = {}
    for line in open(args.golden, encoding="utf-8"):
        f = line.rstrip("\n").split("\t")
        golden[(f[0], f[1], f[2])] = dict(zip(COLUMNS, f[3:7]))

    with ThreadPoolExecutor(2) as pool:
        de, en = pool.map(lambda lang: rows(run(args, lang), lang), ["de", "en"])

    groups = collections.defaultdict(list)
    for k in sorted(set(golden) | set(de), key=lambda k: (int(k[2]), k[0], k[1])):
        if k not in de:
            groups[(k[2], "row", "missing in new")].append((k, "", ""))
            continue
        if k not in golden:
            groups[(k[2], "row", "not in golden")].append((k, "", ""))
            continue
        rating, reason_de, labels_de, key, test_keys = de[k]
        new = {"rating": rating, "reason_de": reason_de, "reason_en": en[k][1], "labels_de": labels_de}
        for col in COLUMNS:
            if new[col] != golden[k][col]:
                group_key = test_keys if col == "labels_de" else key
                groups[(k[2], col, group_key)].append((k, golden[k][col], new[col]))

    total = sum(len(v) for v in groups.values())
    for (crit, col, key), items in sorted(groups.items(), key=lambda g: (int(g[0][0]), g[0][1], g[0][2])):
        print(f"criterion {crit} · {col} · key {key or '-'}: {len(items)} differences")
        for k, old, new in items[: args.examples]:
            start, at = first_difference(old, new)
            print(f"  {k[0]} {k[1]} (first difference at character {at})")
            print(f"    old: …{old[start:at + 60]}…")
            print(f"    new: …{new[start:at + 60]}…")
    print(f"{len(golden)} golden rows, {len(de)} new rows, {total} differences")

    if args.en_labels:
        labels = collections.defaultdict(set)
        for k, (_, _, labels_en, _, _) in en.items():
            for label in filter(None, labels_en.split(" || ")):
                labels[int(k[2])].add(label)
        with open(args.en_labels, "w", encoding="utf-8") as out:
            for crit in sorted(labels):
                out.write(f"# criterion {crit}\n")
                out.writelines(f"{label}\n" for label in sorted(labels[crit]))
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
