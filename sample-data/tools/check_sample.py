#!/usr/bin/env python3
"""Check sample-data/: references, natural keys, dates, encodings; and that joint teams are findable
(SPEC section 6 with the default policy: ofsted 3, cqc 2, hmicfrs 2, hmi_probation 1, 5 on-site days,
4-week windows). Python 3 standard library only."""
import collections
import csv
import datetime as dt
import glob
import os
import sys

OUT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TODAY = dt.date(2026, 9, 14)
errors = []


def load(name):
    path = os.path.join(OUT, name)
    raw = open(path, 'rb').read()
    if name != 'dfe-cla-rate-per-10k-2020-2024.csv':
        assert not raw.startswith(b'\xef\xbb\xbf'), name + ': BOM'
        assert b'\r' not in raw, name + ': CR'
    raw.decode('utf-8')
    with open(path, encoding='utf-8-sig', newline='') as f:
        return list(csv.DictReader(f))


def date(s, where, blank=False):
    if s == '' and blank:
        return None
    try:
        d = dt.date.fromisoformat(s)
        assert len(s) == 10
        return d
    except Exception:
        errors.append('%s: bad date %r' % (where, s))


auth = load('authorities.csv')
codes = {a['la_code'] for a in auth}
assert len(auth) == 153 == len(codes)
for a in auth:
    for n in filter(None, a['stat_neighbours'].split(';')):
        if n not in codes:
            errors.append('stat neighbour %s of %s' % (n, a['la_code']))
GRADES = {'', 'outstanding', 'good', 'requires_improvement', 'inadequate'}
TYPES = {'ilacs_standard', 'ilacs_short', 'sif', 'cp_2012', 'slac', 'focused_visit', 'monitoring_visit', 'jtai', 'other'}
INSPS = {'ofsted', 'cqc', 'hmicfrs', 'hmi_probation', 'hmi_prisons'}
keys = collections.Counter()
for f in ('ofsted-inspections.csv', 'other-inspectorates.csv', 'monitoring-visits.csv'):
    for i, r in enumerate(load(f), 2):
        w = '%s:%d' % (f, i)
        if r['la_code'] not in codes:
            errors.append(w + ': la_code')
        if r['inspectorate'] not in INSPS or r['type'] not in TYPES:
            errors.append(w + ': inspectorate/type')
        for g in ('overall', 'leadership', 'help_protection', 'in_care', 'care_leavers'):
            if r[g] not in GRADES:
                errors.append(w + ': grade ' + r[g])
        s = date(r['start_date'], w)
        e = date(r['end_date'], w, True)
        p = date(r['published'], w, True)
        if s and s > TODAY:
            errors.append(w + ': start after today')
        if s and e and e < s:
            errors.append(w + ': end before start')
        if r['type'] == 'jtai' and any(r[g] for g in ('overall', 'leadership', 'help_protection', 'in_care', 'care_leavers')):
            errors.append(w + ': jtai with judgements')
        keys[(r['la_code'], r['inspectorate'], r['type'], r['start_date'])] += 1
errors += ['duplicate inspection %s' % (k,) for k, v in keys.items() if v > 1]
con = load('concerns.csv')
ck = collections.Counter()
for i, r in enumerate(con, 2):
    w = 'concerns.csv:%d' % i
    if r['la_code'] not in codes or r['raised_by'] not in INSPS or r['severity'] not in ('low', 'medium', 'high'):
        errors.append(w)
    d, c = date(r['date'], w), date(r['closed'], w, True)
    if d and c and c < d:
        errors.append(w + ': closed before raised')
    ck[(r['la_code'], r['raised_by'], r['date'], r['summary'])] += 1
errors += ['duplicate concern %s' % (k,) for k, v in ck.items() if v > 1]
insp = load('inspectors.csv')
ids = {p['inspector_id']: p for p in insp}
assert len(ids) == len(insp)
regions = {a['region_code'] for a in auth}
for p in insp:
    if p['inspectorate'] not in INSPS or p['region'] not in regions:
        errors.append('inspector ' + p['inspector_id'])
hol = load('holidays.csv')
hols = {date(h['date'], 'holidays') for h in hol}
assert len(hols) == len(hol)
ab = load('absences.csv')
ak = collections.Counter()
busy = collections.defaultdict(set)
for i, r in enumerate(ab, 2):
    w = 'absences.csv:%d' % i
    if r['inspector_id'] not in ids or r['kind'] not in ('leave', 'training', 'booked', 'other'):
        errors.append(w)
    a, b = date(r['from'], w), date(r['to'], w)
    if a and b:
        if b < a:
            errors.append(w + ': to before from')
        d = a
        while d <= b:
            if d in busy[r['inspector_id']]:
                errors.append(w + ': overlaps another absence on %s' % d)
            busy[r['inspector_id']].add(d)
            d += dt.timedelta(days=1)
    ak[(r['inspector_id'], r['from'], r['to'], r['kind'])] += 1
errors += ['duplicate absence %s' % (k,) for k, v in ak.items() if v > 1]

# leave per person in the leave year 2026-03-02 .. 2027-02-28
def working(d):
    return d.weekday() < 5 and d not in hols
leave = collections.Counter()
for r in ab:
    if r['kind'] == 'leave':
        d = dt.date.fromisoformat(r['from'])
        while d <= dt.date.fromisoformat(r['to']):
            if working(d) and d < dt.date(2027, 3, 1):
                leave[r['inspector_id']] += 1
            d += dt.timedelta(days=1)

# joint-team feasibility
TEAM = {'ofsted': 3, 'cqc': 2, 'hmicfrs': 2, 'hmi_probation': 1}
by_insp = collections.defaultdict(list)
for p in insp:
    by_insp[p['inspectorate']].append(p['inspector_id'])


def feasible(w0):
    days = [w0 + dt.timedelta(days=k) for k in range(28)]
    wd = [d for d in days if working(d)]
    bad = []
    for ins, need in TEAM.items():
        ok = any(sum(1 for iid in by_insp[ins] if not (set(wd[i:i + 5]) & busy[iid])) >= need
                 for i in range(len(wd) - 4))
        if not ok:
            bad.append(ins)
    return bad


infeasible = []
nwin = 0
w = TODAY
while w <= dt.date(2027, 2, 22):
    nwin += 1
    bad = feasible(w)
    if bad:
        infeasible.append((w.isoformat(), bad))
    w += dt.timedelta(weeks=1)


def avail(w0):
    wd = [w0 + dt.timedelta(days=k) for k in range(5) if working(w0 + dt.timedelta(days=k))]
    return {ins: sum(1 for iid in by_insp[ins] if not (set(wd) & busy[iid])) for ins in sorted(by_insp)}


if errors:
    print('\n'.join(errors[:50]))
    sys.exit(1)
print('OK: all references, keys and dates valid')
print('leave days per person (12 months): min %d max %d mean %.1f' % (min(leave.values()), max(leave.values()),
      sum(leave.values()) / len(leave)))
print('joint windows from %s to 2027-02-22: %d, infeasible: %s' % (TODAY, nwin, infeasible))
for w in ('2026-09-14', '2026-10-05', '2026-12-07', '2026-12-21'):
    print('availability week', w, avail(dt.date.fromisoformat(w)))
