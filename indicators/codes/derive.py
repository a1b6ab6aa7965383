#!/usr/bin/env python3
"""Derives gleditsch-ward.csv and correlates-of-war.csv from the published files in
../shared/data/raw (see README.md here). Run from the repository root:
    python3 indicators/codes/derive.py ../shared/data/raw
The result is committed; tests/codes.rs checks it against the raw files."""
import csv, re, sys

raw = sys.argv[1] if len(sys.argv) > 1 else '../shared/data/raw'
reg = {}
for r in csv.DictReader(open('indicators/countries.csv', encoding='utf-8')):
    for n in [r['iso3'], r['name_en'], r['name_de']] + [v for v in r['variants'].split('|') if v]:
        reg[n.lower()] = r['iso3']
iso = lambda n: reg.get(n.lower(), '')
split = lambda s: [x.strip() for x in s.split(',') if x.strip()]
govs = lambda s: [n.replace('Government of ', '').strip() for n in re.split(r',\s*(?=Government of )', s) if n.strip()]

# 1. UCDP's own government names beside their GW numbers: a row whose names and codes
#    are all known but one gives that one (repeated until nothing changes).
rows = []
acd = f'{raw}/ucdp/UcdpPrioConflict_v25_1.csv'
for r in csv.DictReader(open(acd, encoding='utf-8-sig'), delimiter=';'):
    for side, code in (('side_a', 'gwno_a'), ('side_b', 'gwno_b'), ('side_a_2nd', 'gwno_a_2nd'), ('side_b_2nd', 'gwno_b_2nd')):
        parts = [x for x in re.split(r',\s*(?=Government of )', r[side]) if x.strip()]
        if parts and all(p.strip().startswith('Government of') for p in parts):
            rows.append((govs(r[side]), split(r[code]), f'UCDP ACD 25.1 {side}/{code}'))
for f, lab in [('ucdp-onesided/OneSided_v25_1.DERIVED-from-rds.csv', 'OSV 25.1'), ('ucdp-onesided/OneSided_v23_1.csv', 'OSV 23.1')]:
    for r in csv.DictReader(open(f'{raw}/{f}', encoding='utf-8-sig')):
        if r['is_government_actor'] == '1' and r['gwnoa']:
            rows.append((govs(r['actor_name']), split(r['gwnoa']), f'UCDP {lab} actor_name/gwnoa'))
known, source = {}, {}
changed = True
while changed:
    changed = False
    for names, codes, s in rows:
        if len(names) != len(codes):
            continue
        rn = [n for n in names if n not in known.values()]
        rc = [c for c in codes if c not in known]
        if len(rn) == 1 and len(rc) == 1:
            known[rc[0]], source[rc[0]] = rn[0], s
            changed = True
gw = {int(c): [iso(n), n, source[c]] for c, n in known.items()}
# 2. UCDP locations with one country and one code.
for f, lab, col, d in [(acd, 'ACD 25.1', 'gwno_loc', ';'),
                       (f'{raw}/ucdp-onesided/OneSided_v25_1.DERIVED-from-rds.csv', 'OSV 25.1', 'gwno_location', ','),
                       (f'{raw}/ucdp-nonstate/Nonstate_v23_1.csv', 'NSC 23.1', 'gwno_location', ',')]:
    for r in csv.DictReader(open(f, encoding='utf-8-sig'), delimiter=d):
        if ',' not in r['location'] and r[col] and ',' not in r[col]:
            gw.setdefault(int(r[col]), [iso(r['location']), r['location'], f'UCDP {lab} location/{col}'])
# 3. Powell & Thyne's country-year panel, which numbers states by Gleditsch-Ward
#    (260 Germany 1950-2020, 340 Serbia from 2006, 678 Yemen to 2020, 970-973 Kiribati,
#    Nauru, Tonga, Tuvalu), for the states UCDP does not name.
cow = {}
for r in csv.DictReader(open(f'{raw}/us-troops/troopdata-rebuild-country-year.csv', encoding='utf-8')):
    c = int(r['ccode'])
    cow.setdefault(c, [r['iso3c'] if r['iso3c'] != 'NA' else '', r['countryname'], 'troopdata country-year ccode/iso3c'])
for line in open(f'{raw}/coups-powell-thyne/powell_thyne_ccode_year.txt', encoding='latin-1').read().splitlines()[1:]:
    f = line.split('\t')
    c, name = int(f[0]), f[2].strip('"')
    if c in gw:
        continue
    code = iso(name)
    if not code and c in cow and c < 900:
        code = cow[c][0]  # same number, same state in both schemes (name checked by hand)
    gw[c] = [code, name, 'Powell & Thyne ccode_year ccode/country']

# Former states without a successor in the registry keep an empty ISO code; states the
# registry names differently get theirs (each checked by hand).
MANUAL_GW = {572: 'SWZ', 340: 'SRB', 347: 'XKX', 970: 'KIR', 971: 'NRU', 972: 'TON', 973: 'TUV',
             403: 'STP', 990: 'WSM', 817: '', 680: '', 751: '', 265: '', 315: '', 511: '', 396: '', 397: '', 711: ''}
for c, code in MANUAL_GW.items():
    if c in gw:
        gw[c][0] = code
# COW: troopdata's ccode/iso3c pairs (codes >= 1000 are troopdata's own, not COW), with
# its NA rows filled where the registry has the state.
MANUAL_COW = {345: 'SRB', 347: 'XKX'}
cow = {c: v for c, v in cow.items() if c < 1000 and c != 6}
for c, code in MANUAL_COW.items():
    cow[c][0] = code
def write(path, table, head):
    with open(path, 'w', newline='', encoding='utf-8') as out:
        w = csv.writer(out, lineterminator='\n')
        w.writerow(head)
        for c in sorted(table):
            w.writerow([c] + table[c])

write('indicators/codes/gleditsch-ward.csv', gw, ['gwno', 'iso3', 'name', 'derived_from'])
write('indicators/codes/correlates-of-war.csv', cow, ['ccode', 'iso3', 'name', 'derived_from'])
