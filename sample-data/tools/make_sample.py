#!/usr/bin/env python3
"""Generate jib's demo data in sample-data/ from ../shared/reference-data.

Deterministic: Python 3 standard library only, fixed random seed. Run from anywhere:

    python3 sample-data/tools/make_sample.py

Real data (authorities, Ofsted ILACS history, DfE indicators) is converted from
/work/main/../shared/reference-data; everything else is SYNTHETIC (see README.md).
The build never runs this script: the CSVs it writes are committed.
"""
import calendar
import collections
import csv
import datetime as dt
import os
import random
import re
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)                      # sample-data/
REPO = os.path.dirname(OUT)                      # the repository
REF = os.path.normpath(os.path.join(REPO, '..', 'shared', 'reference-data'))

TODAY = dt.date(2026, 9, 14)                     # the demo's reference date (a Monday)
SEED = 20260914

INSPECTIONS_COLS = ['la_code', 'inspectorate', 'type', 'start_date', 'end_date', 'published',
                    'overall', 'leadership', 'help_protection', 'in_care', 'care_leavers',
                    'theme', 'lead', 'link']
GRADE_RANK = {'outstanding': 1, 'good': 2, 'requires_improvement': 3, 'inadequate': 4}
FULL_TYPES = ('ilacs_standard', 'ilacs_short', 'sif', 'cp_2012', 'slac')


# ----------------------------------------------------------------------------- helpers
def norm(name):
    """jib's name matching: case-insensitive, '&' = 'and', punctuation and spacing ignored."""
    return re.sub(r'[^0-9a-z]', '', name.lower().replace('&', ' and '))


def read_csv(name):
    with open(os.path.join(REF, name), encoding='utf-8-sig', newline='') as f:
        return list(csv.DictReader(f))


def write_csv(name, header, rows):
    path = os.path.join(OUT, name)
    with open(path, 'w', encoding='utf-8', newline='') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(header)
        for r in rows:
            w.writerow([r.get(c, '') for c in header])
    return len(rows)


def iso(d):
    return d.isoformat() if d else ''


def parse_dmy(s):
    """DD/MM/YYYY or DD/MM/YY (00-69 -> 20xx, 70-99 -> 19xx)."""
    s = s.strip()
    if not s:
        return None
    d, m, y = (int(x) for x in s.split('/'))
    if y < 100:
        y += 2000 if y <= 69 else 1900
    return dt.date(y, m, d)


def add_months(d, n):
    """Clamp to the month's last day (SPEC 8.1)."""
    y, m = divmod(d.month - 1 + n, 12)
    y += d.year
    m += 1
    return dt.date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def monday_of(d):
    return d - dt.timedelta(days=d.weekday())


def easter(year):
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def first_monday(y, m):
    d = dt.date(y, m, 1)
    return d + dt.timedelta(days=(7 - d.weekday()) % 7)


def last_monday(y, m):
    d = dt.date(y, m, calendar.monthrange(y, m)[1])
    return d - dt.timedelta(days=d.weekday())


def bank_holidays(year):
    """England and Wales bank holidays (rules as applied 2025-2027; no special one-offs in these years)."""
    out = []
    ny = dt.date(year, 1, 1)
    if ny.weekday() >= 5:
        out.append((ny + dt.timedelta(days=7 - ny.weekday()), "New Year's Day (substitute day)"))
    else:
        out.append((ny, "New Year's Day"))
    e = easter(year)
    out.append((e - dt.timedelta(days=2), 'Good Friday'))
    out.append((e + dt.timedelta(days=1), 'Easter Monday'))
    out.append((first_monday(year, 5), 'Early May bank holiday'))
    out.append((last_monday(year, 5), 'Spring bank holiday'))
    out.append((last_monday(year, 8), 'Summer bank holiday'))
    xmas, boxing = dt.date(year, 12, 25), dt.date(year, 12, 26)
    if xmas.weekday() == 5:            # Saturday: both substitutes Mon 27, Tue 28
        out += [(dt.date(year, 12, 27), 'Christmas Day (substitute day)'),
                (dt.date(year, 12, 28), 'Boxing Day (substitute day)')]
    elif xmas.weekday() == 6:          # Sunday: Boxing Day Mon 26, Christmas substitute Tue 27
        out += [(boxing, 'Boxing Day'), (dt.date(year, 12, 27), 'Christmas Day (substitute day)')]
    elif xmas.weekday() == 4:          # Friday: Boxing Day (Sat) substituted on Mon 28
        out += [(xmas, 'Christmas Day'), (dt.date(year, 12, 28), 'Boxing Day (substitute day)')]
    else:
        out += [(xmas, 'Christmas Day'), (boxing, 'Boxing Day')]
    return out


# ----------------------------------------------------------------------------- load reference data
la_list = read_csv('la-list-153.csv')
lookup = {r['la_code']: r for r in read_csv('la-lookup-childrens-services.csv')}
history = read_csv('ofsted-ilacs-history.csv')
probation = read_csv('hmi-probation-youth-justice-ratings.csv')

CODES = [a['old_la_code'] for a in la_list]
CODESET = set(CODES)
BY_CODE = {a['old_la_code']: a for a in la_list}
BY_URN = {a['ofsted_urn']: a['old_la_code'] for a in la_list}
for l in lookup.values():                         # the lookup knows the same URNs (plus 3 former LAs)
    if l['la_code'] in CODESET:
        assert BY_URN.get(l['urn'], l['la_code']) == l['la_code']
        BY_URN.setdefault(l['urn'], l['la_code'])

notes = collections.OrderedDict()                 # facts for README.md and the report

# ----------------------------------------------------------------------------- 1. authorities
WELSH = {'ceredigion', 'flintshire', 'newport', 'conwy & denbighshire - ji', 'carmarthenshire',
         'blaenau gwent and caerphilly', 'vale of glamorgan', 'bridgend', 'powys', 'swansea'}
# Services in the probation file that are not one current English authority: not aliased.
NOT_ONE_LA = {'west mercia': 'covers Herefordshire, Shropshire, Telford and Wrekin, Worcestershire',
              'bedfordshire': 'covers Bedford Borough and Central Bedfordshire',
              'northamptonshire': 'former county (928), now North and West Northamptonshire',
              'an inspection of tower hamlets and city of london': 'joint service of Tower Hamlets and City of London'}
JOINT_SERVICE = {'an inspection of tower hamlets and city of london': ['211', '201']}

aliases = {c: [] for c in CODES}                  # ordered, deduplicated under norm()
known = {c: {norm(BY_CODE[c]['la_name'])} for c in CODES}


def add_alias(code, name):
    name = name.strip()
    if not name or name.isdigit():                # ofsted_ilacs_scrape_la_name holds LA codes
        return
    if norm(name) in known[code]:
        return
    known[code].add(norm(name))
    aliases[code].append(name)


def split_aka(code, text):
    """'[BCP, Bournemouth, Christchurch & Poole]' is a list of 'BCP' and the full name: re-join
    comma fragments that together spell a known name of the authority."""
    items = [x.strip() for x in text.strip().strip('[]').split(',') if x.strip()]
    names = {norm(BY_CODE[code]['la_name']), norm(lookup[code]['local_authority_ons_name'])}
    out, i = [], 0
    while i < len(items):
        for j in range(len(items), i, -1):
            if j - i > 1 and norm(', '.join(items[i:j])) in names:
                out.append(', '.join(items[i:j]))
                i = j
                break
        else:
            out.append(items[i])
            i += 1
    return out


for c in CODES:
    l = lookup[c]
    for n in split_aka(c, l['also_known_as']):
        add_alias(c, n)
    add_alias(c, l['local_authority_ons_name'])
    add_alias(c, l['ofsted_ilacs_scrape_la_name'])
    add_alias(c, l['utla23nm'])
    add_alias(c, l['ltla23nm'])

# Ofsted history spellings, by URN
for r in history:
    add_alias(BY_URN[r['urn']], r['local_authority'])

# HMI Probation la_name: English authorities only
name_index = {}


def rebuild_index():
    name_index.clear()
    for c in CODES:
        for k in known[c]:
            assert name_index.get(k, c) == c, ('alias collision', k, c, name_index.get(k))
            name_index[k] = c


rebuild_index()
# Probation names that are not (yet) an exact name: resolved by hand, then checked.
PROBATION_MANUAL = {'newcastle': '391', 'hull': '810', 'royal borough of greenwich': '203',
                    'county durham': '840', 'hackney - ji': '204', 'nottinghamshire - ji': '891',
                    'suffolk - ji': '935', 'dorset - ji': '838'}
probation_rows = []                               # (codes, row)
skipped_probation = collections.Counter()
for r in probation:
    key = r['la_name'].strip().lower()
    if key in WELSH:
        skipped_probation['Welsh youth justice service'] += 1
        continue
    if key in JOINT_SERVICE:
        probation_rows.append((JOINT_SERVICE[key], r))
        continue
    if key in NOT_ONE_LA:
        skipped_probation['not one current English authority (%s)' % r['la_name']] += 1
        continue
    c = name_index.get(norm(r['la_name'])) or PROBATION_MANUAL.get(key)
    assert c, ('unresolved probation name', r['la_name'])
    if key in PROBATION_MANUAL:
        assert PROBATION_MANUAL[key] in CODESET
        add_alias(c, r['la_name'])
    probation_rows.append(([c], r))
rebuild_index()
for c in CODES:
    for a in aliases[c]:
        assert ',' not in a and ';' not in a, ('list separator inside alias', c, a)

# statistical neighbours
dropped_neigh = collections.Counter()
authorities = []
for a in la_list:
    c = a['old_la_code']
    neigh = [x.strip() for x in lookup[c]['stat_neighbours'].split(',') if x.strip()]
    keep = [x for x in neigh if x in CODESET and x != c]
    for x in neigh:
        if x not in keep:
            dropped_neigh[x] += 1
    authorities.append({'la_code': c, 'ons_code': a['ons_code'], 'ofsted_urn': a['ofsted_urn'],
                        'name': a['la_name'], 'region_code': a['region_code'],
                        'region_name': a['region_name'], 'la_type': a['la_type'],
                        'aliases': ';'.join(aliases[c]), 'stat_neighbours': ';'.join(keep)})
notes['dropped_neighbours'] = dict(dropped_neigh)
notes['probation_skipped'] = dict(skipped_probation)

# every history row resolves by name/alias, to the authority its URN names
for r in history:
    assert name_index[norm(r['local_authority'])] == BY_URN[r['urn']], r['local_authority']

# ----------------------------------------------------------------------------- 2. Ofsted history
GRADE_MAP = {'outstanding': 'outstanding', 'good': 'good', 'requires improvement': 'requires_improvement',
             'to requires improvement': 'requires_improvement',    # scraper cut "requires improvement to be good"
             'inadequate': 'inadequate', '': '', 'data_unreadable': '', 'not_reported_post_reform': '',
             'inspection_pre_dates_judgement': ''}
TYPE_MAP = {'standard': 'ilacs_standard', 'short': 'ilacs_short',
            'inspection duration longer than standard framework': 'ilacs_standard'}
left_out = collections.Counter()
ofsted_rows = {}
undated = []                                        # rows without a start date: completed below?
for r in history:
    start = parse_dmy(r['inspection_start_date'])
    fw = r['inspection_framework'].strip().lower()
    if not start:
        undated.append(r)
        continue
    if fw in TYPE_MAP:
        typ = TYPE_MAP[fw]
    elif fw == '' and start < dt.date(2018, 1, 1):
        typ = 'sif'
    elif fw == '':
        left_out['blank framework and start date on or after 2018-01-01'] += 1
        continue
    else:
        raise SystemExit('unknown framework %r' % fw)
    if start > TODAY:
        left_out['start date after the reference date'] += 1
        continue
    code = BY_URN[r['urn']]
    key = (code, typ, start)
    if key in ofsted_rows:
        left_out['duplicate la_code+type+start_date'] += 1
        continue
    g = {k: GRADE_MAP[r[src].strip().lower()] for k, src in
         [('overall', 'overall_effectiveness_grade'), ('leadership', 'impact_of_leaders_grade'),
          ('help_protection', 'help_and_protection_grade'), ('in_care', 'in_care_grade'),
          ('care_leavers', 'care_leavers_grade')]}
    ofsted_rows[key] = dict(la_code=code, inspectorate='ofsted', type=typ, start_date=iso(start),
                            end_date=iso(parse_dmy(r['inspection_end_date'])),
                            published=iso(parse_dmy(r['publication_date'])),
                            theme='', lead=r['inspector_name'].strip(), link=r['inspection_link'].strip(), **g)
# Completed reports (ESTIMATED): a report with grades and a publication date but no start date or
# framework that is newer than every kept inspection of its authority would leave the demo's first rows
# wrong (issue 8). Its start date is estimated from the publication date with the median lag of the real
# history (publication - start), moved back to that week's Monday (inspections start on Mondays); its
# framework from the grades given: a care leavers judgement is ILACS (2018-), short after a good or
# outstanding judgement, standard otherwise. Everything else is kept as published; end_date stays blank.
LAGS = sorted((parse_dmy(r['publication_date']) - parse_dmy(r['inspection_start_date'])).days
              for r in history if parse_dmy(r['inspection_start_date']) and parse_dmy(r['publication_date']))
MEDIAN_LAG = LAGS[len(LAGS) // 2] if len(LAGS) % 2 else (LAGS[len(LAGS) // 2 - 1] + LAGS[len(LAGS) // 2]) // 2
completed = []
for r in undated:
    pub = parse_dmy(r['publication_date'])
    code = BY_URN[r['urn']]
    newest = max((k[2] for k in ofsted_rows if k[0] == code), default=None)
    newest_pub = max((dt.date.fromisoformat(v['published']) for k, v in ofsted_rows.items()
                      if k[0] == code and v['published']), default=None)
    grades = {k: GRADE_MAP[r[src].strip().lower()] for k, src in
              [('overall', 'overall_effectiveness_grade'), ('leadership', 'impact_of_leaders_grade'),
               ('help_protection', 'help_and_protection_grade'), ('in_care', 'in_care_grade'),
               ('care_leavers', 'care_leavers_grade')]}
    if not (pub and grades['care_leavers'] and (newest_pub is None or pub > newest_pub)):
        left_out['no start date (framework also blank)'] += 1
        continue
    start = monday_of(pub - dt.timedelta(days=MEDIAN_LAG))
    prev = ofsted_rows.get(max(((k[0], k[1], k[2]) for k in ofsted_rows if k[0] == code),
                               key=lambda k: k[2], default=None)) if newest else None
    typ = 'ilacs_short' if prev and (prev['overall'] in ('good', 'outstanding')) else 'ilacs_standard'
    ofsted_rows[(code, typ, start)] = dict(la_code=code, inspectorate='ofsted', type=typ,
                                           start_date=iso(start), end_date='', published=iso(pub),
                                           theme='', lead=r['inspector_name'].strip(),
                                           link=r['inspection_link'].strip(), **grades)
    completed.append((code, iso(start), typ, iso(pub)))
notes['median_lag_days'] = MEDIAN_LAG
notes['completed'] = completed
notes['history_rows'] = len(history)
notes['history_kept'] = len(ofsted_rows)
notes['left_out'] = dict(left_out)
# The synthetic data below is drawn from the history as it was before the completed reports (so that
# completing a report changes no other synthetic row); the completed reports' own consequences (monitoring
# visits after an inadequate judgement) are drawn last, in section 7.
COMPLETED_KEYS = {(c, t, dt.date.fromisoformat(s)) for c, s, t, _ in completed}
ofsted_out = sorted(ofsted_rows.values(), key=lambda r: (r['la_code'], r['start_date'], r['type']))
ofsted_list = [r for r in ofsted_out
               if (r['la_code'], r['type'], dt.date.fromisoformat(r['start_date'])) not in COMPLETED_KEYS]


def cadence_grade(r):
    if r['overall']:
        return r['overall']
    areas = [r[k] for k in ('leadership', 'help_protection', 'in_care', 'care_leavers') if r[k]]
    return max(areas, key=lambda g: GRADE_RANK[g]) if areas else ''


latest_full = {}
for r in ofsted_list:
    if r['type'] not in FULL_TYPES or r['start_date'] > iso(TODAY):
        continue
    cur = latest_full.get(r['la_code'])
    if (cur is None or r['start_date'] > cur['start_date'] or
            (r['start_date'] == cur['start_date'] and
             GRADE_RANK.get(cadence_grade(r), 0) > GRADE_RANK.get(cadence_grade(cur), 0))):
        latest_full[r['la_code']] = r
assert set(latest_full) == CODESET, 'an authority has no full inspection'
LATEST = {c: (dt.date.fromisoformat(r['start_date']), r['type'], cadence_grade(r)) for c, r in latest_full.items()}
by_grade = collections.defaultdict(list)
for c in CODES:
    by_grade[LATEST[c][2]].append(c)

# ----------------------------------------------------------------------------- 7. inspectors (fictional)
rng = random.Random(SEED)
history_leads = {norm(r['inspector_name']) for r in history if r['inspector_name'].strip()}
FIRST = ['Ada', 'Barnaby', 'Clementine', 'Digby', 'Euphemia', 'Fergus', 'Gwendolyn', 'Horatio', 'Imogen',
         'Jasper', 'Kestrel', 'Lavinia', 'Montague', 'Nettie', 'Octavia', 'Percival', 'Quentin', 'Rosalind',
         'Septimus', 'Tabitha', 'Ulysses', 'Verity', 'Wilfred', 'Xanthe', 'Yorick', 'Zinnia', 'Bartholomew',
         'Cordelia', 'Ephraim', 'Florizel', 'Griselda', 'Hortense', 'Ignatius', 'Jemima', 'Lysander', 'Marigold',
         'Ottoline', 'Peregrine', 'Rupertina', 'Theodora', 'Valentine', 'Winifred', 'Aurelius', 'Bellamy',
         'Calliope', 'Drusilla', 'Evander', 'Philippa', 'Cosmo', 'Persephone', 'Ambrose', 'Hyacinth',
         'Leopold', 'Primrose', 'Sylvester', 'Araminta', 'Crispin', 'Delphine', 'Erasmus', 'Fenella',
         'Gideon', 'Honoria']
SURNAME = ['Clipboard', 'Rubricks', 'Docketson', 'Tallyworth', 'Marginalia', 'Footnote', 'Checkmark',
           'Inkwell', 'Quillfeather', 'Stampwell', 'Paperclip', 'Binderby', 'Foliowick', 'Memoranda',
           'Indexley', 'Appendix', 'Lanyard', 'Minutebook', 'Agendasmith', 'Ledgerwood', 'Pennibble',
           'Staplethorpe', 'Dossierly', 'Fieldnote', 'Rosterby', 'Casefile', 'Auditmore', 'Highlighter',
           'Postnote', 'Spreadsheet', 'Tickbox', 'Formfiller', 'Crosscheck', 'Draftwell', 'Redpenny',
           'Blotterby', 'Timesheet', 'Workbookes', 'Benchmark', 'Filingham', 'Rulebrook', 'Stationery',
           'Cardindex', 'Typewright', 'Briefcase', 'Pigeonhole', 'Sealingwax', 'Ribbonfield', 'Carbonpage',
           'Letterhead', 'Noteworthy', 'Deskdrawer', 'Protractor', 'Inkblotter', 'Hole-Punch', 'Ringbinder',
           'Envelope', 'Paperweight', 'Pencilcase', 'Scribbleton', 'Margins', 'Sharpener']
TEAMS = [('ofsted', 'OF', 20, ['HMI'] * 12 + ['Lead inspector'] * 5 + ['Inspector'] * 3),
         ('cqc', 'CQ', 12, ['Lead inspector'] * 4 + ['Inspector'] * 8),
         ('hmicfrs', 'HC', 12, ['Lead inspector'] * 4 + ['Inspector'] * 8),
         ('hmi_probation', 'HP', 8, ['Lead inspector'] * 3 + ['Inspector'] * 5),
         ('hmi_prisons', 'PR', 8, ['Lead inspector'] * 3 + ['Inspector'] * 5)]
REGIONS = ['GL', 'SE', 'SW', 'E', 'EM', 'WM', 'YH', 'NW', 'NE']
firsts, surnames = FIRST[:], SURNAME[:]
rng.shuffle(firsts)
rng.shuffle(surnames)
inspectors = []
n = 0
for insp, prefix, count, roles in TEAMS:
    for i in range(count):
        name = '%s %s' % (firsts[n], surnames[n])
        assert norm(name) not in history_leads
        inspectors.append(dict(inspector_id='%s%03d' % (prefix, i + 1), name=name, inspectorate=insp,
                               role=roles[i], region=REGIONS[(i + len(prefix) * 3 + n) % len(REGIONS)]))
        n += 1
ROSTER = collections.defaultdict(list)
for p in inspectors:
    ROSTER[p['inspectorate']].append(p)
NAME_OF = {p['inspector_id']: p['name'] for p in inspectors}

# ----------------------------------------------------------------------------- 9. holidays
holidays = []
for y in (2025, 2026, 2027):
    holidays += bank_holidays(y)
EXPECTED = ['2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25',
            '2025-12-26', '2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31',
            '2026-12-25', '2026-12-28', '2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31',
            '2027-08-30', '2027-12-27', '2027-12-28']
assert [iso(d) for d, _ in holidays] == EXPECTED, [iso(d) for d, _ in holidays]
HOLS = {d for d, _ in holidays}


def is_working(d):
    return d.weekday() < 5 and d not in HOLS


def working_days(a, b):
    return sum(1 for i in range((b - a).days + 1) if is_working(a + dt.timedelta(days=i)))


# ----------------------------------------------------------------------------- 8. absences calendar
CAL_START, CAL_END = dt.date(2026, 3, 2), dt.date(2027, 3, 22)      # Mondays; last week ends 2027-03-26
WEEKS = [CAL_START + dt.timedelta(weeks=i) for i in range((CAL_END - CAL_START).days // 7 + 1)]
week_state = {p['inspector_id']: {w: None for w in WEEKS} for p in inspectors}   # None = free
absences = []                                     # (id, from, to, kind, note)
day_absences = collections.defaultdict(list)      # id -> [(from, to)] single-day items inside weeks


def set_weeks(iid, start, nweeks, state):
    for k in range(nweeks):
        week_state[iid][start + dt.timedelta(weeks=k)] = state


def weeks_free(iid, start, nweeks):
    ws = [start + dt.timedelta(weeks=k) for k in range(nweeks)]
    return all(w in week_state[iid] and week_state[iid][w] is None for w in ws)


# (a) HMI Probation: everybody on a national thematic in late November-December, then Christmas leave:
#     joint windows starting 2026-11-30, 12-07 and 12-14 cannot field a probation inspector.
THEMATIC = dt.date(2026, 11, 30)
XMAS1, XMAS2 = dt.date(2026, 12, 21), dt.date(2026, 12, 28)
for p in ROSTER['hmi_probation']:
    set_weeks(p['inspector_id'], THEMATIC, 3, ('booked', 'Booked: national youth justice thematic (fieldwork)'))
    set_weeks(p['inspector_id'], XMAS1, 2, ('leave', 'Annual leave'))

# (b) annual leave, ~25 working days each
SCHOOL_WEEKS = [dt.date(2026, 4, 6), dt.date(2026, 4, 13), dt.date(2026, 5, 25), dt.date(2026, 10, 26),
                dt.date(2027, 2, 15), dt.date(2026, 6, 1), dt.date(2026, 10, 19), dt.date(2027, 2, 22)]


LEAVE_YEAR = (dt.date(2026, 3, 2), dt.date(2027, 2, 22))   # week starts of the leave year to 2027-02-28


def leave_days(iid, extra=()):
    weeks = [w for w, s in week_state[iid].items() if s and s[0] == 'leave'] + list(extra)
    return sum(working_days(w, w + dt.timedelta(days=4)) for w in weeks if LEAVE_YEAR[0] <= w <= LEAVE_YEAR[1])


for p in inspectors:
    iid = p['inspector_id']
    target = rng.randint(24, 26)
    summer = [dt.date(2026, 7, 20) + dt.timedelta(weeks=k) for k in range(6)]
    s = rng.choice(summer)
    if weeks_free(iid, s, 2):
        set_weeks(iid, s, 2, ('leave', 'Annual leave'))
    if p['inspectorate'] != 'hmi_probation' and rng.random() < 0.75:
        w = rng.choice([XMAS1, XMAS2])
        if weeks_free(iid, w, 1):
            set_weeks(iid, w, 1, ('leave', 'Annual leave'))
    tries = 0
    year_weeks = [w for w in WEEKS if w <= LEAVE_YEAR[1]]
    while leave_days(iid) < target - 1 and tries < 500:
        tries += 1
        w = rng.choice(SCHOOL_WEEKS) if rng.random() < 0.5 else rng.choice(year_weeks)
        k = 2 if rng.random() < 0.2 else 1
        new = [w + dt.timedelta(weeks=j) for j in range(k)]
        if weeks_free(iid, w, k) and leave_days(iid, new) <= target + 1:
            set_weeks(iid, w, k, ('leave', 'Annual leave'))
    if rng.random() < 0.3:                        # next leave year: a week in March 2027
        w = rng.choice([w for w in WEEKS if w > LEAVE_YEAR[1]])
        if weeks_free(iid, w, 1):
            set_weeks(iid, w, 1, ('leave', 'Annual leave'))

# (c) training and other single days (kept out of booked weeks)
OFSTED_CONF = dt.date(2026, 10, 7)     # a Wednesday: no Ofsted inspector is free all that week
TRAINING_NOTES = ['Training: safeguarding update', 'Training: joint inspection methodology',
                  'Training: new framework briefing', 'Training: quality assurance', 'Training: data protection']
OTHER_NOTES = ['Other: jury service', 'Other: sick leave', 'Other: special leave', 'Other: union duties']
for p in ROSTER['ofsted']:
    iid = p['inspector_id']
    if week_state[iid][monday_of(OFSTED_CONF)] is None:
        week_state[iid][monday_of(OFSTED_CONF)] = ('day', '')
        absences.append((iid, OFSTED_CONF, OFSTED_CONF, 'training', 'Training: Ofsted HMI conference'))
for p in inspectors:
    iid = p['inspector_id']
    for _ in range(rng.randint(2, 4)):
        w = rng.choice(WEEKS)
        if week_state[iid][w] in (None,):
            d = w + dt.timedelta(days=rng.randint(1, 3))
            if is_working(d):
                week_state[iid][w] = ('day', '')
                absences.append((iid, d, d, 'training', rng.choice(TRAINING_NOTES)))
other_people = rng.sample(inspectors, 9)
for p in other_people:
    iid = p['inspector_id']
    for _ in range(10):
        w = rng.choice(WEEKS)
        if week_state[iid][w] is None:
            d0 = w + dt.timedelta(days=rng.randint(0, 2))
            d1 = d0 + dt.timedelta(days=rng.randint(0, 2))
            week_state[iid][w] = ('day', '')
            absences.append((iid, d0, d1, 'other', rng.choice(OTHER_NOTES)))
            break

# (d) booked inspection weeks (other programmes: the busy background joint planning has to fit around)
P_BOOKED = {'ofsted': 0.58, 'cqc': 0.5, 'hmicfrs': 0.5, 'hmi_probation': 0.45, 'hmi_prisons': 0.5}
BOOK_NOTES = {'ofsted': ['Booked: ILACS inspection', 'Booked: focused visit', 'Booked: monitoring visit',
                         'Booked: ILACS inspection (2 weeks)'],
              'cqc': ['Booked: CLAS review', 'Booked: provider inspection'],
              'hmicfrs': ['Booked: police force inspection', 'Booked: national child protection inspection'],
              'hmi_probation': ['Booked: youth justice inspection', 'Booked: probation service inspection'],
              'hmi_prisons': ['Booked: youth custody inspection', 'Booked: police custody inspection']}
for p in inspectors:
    iid, insp = p['inspector_id'], p['inspectorate']
    i = 0
    while i < len(WEEKS):
        w = WEEKS[i]
        if week_state[iid][w] is None and w not in (XMAS1, XMAS2) and rng.random() < P_BOOKED[insp]:
            two = (insp == 'ofsted' and rng.random() < 0.35 and weeks_free(iid, w, 2) and
                   w + dt.timedelta(weeks=1) not in (XMAS1, XMAS2))
            note = BOOK_NOTES[insp][3] if two else rng.choice(BOOK_NOTES[insp][:3 if insp == 'ofsted' else 2])
            set_weeks(iid, w, 2 if two else 1, ('booked', note))
            i += 2 if two else 1
        else:
            i += 1

# ----------------------------------------------------------------------------- leads for synthetic events


def pick_lead(insp, start):
    """A fictional inspector of that inspectorate; inside the absence calendar, one whose week is booked
    (or becomes booked), so rosters and events agree."""
    w = monday_of(start)
    people = ROSTER[insp]
    if w in WEEKS:
        booked = [p for p in people if week_state[p['inspector_id']][w] and
                  week_state[p['inspector_id']][w][0] == 'booked']
        if booked:
            return rng.choice(booked)['name']
        free = [p for p in people if week_state[p['inspector_id']][w] is None]
        if free:
            p = rng.choice(free)
            week_state[p['inspector_id']][w] = ('booked', 'Booked: %s' % EVENT_NOTE.get(insp, 'inspection'))
            return p['name']
    return rng.choice(people)['name']


EVENT_NOTE = {'ofsted': 'monitoring visit', 'cqc': 'joint inspection', 'hmicfrs': 'joint inspection',
              'hmi_probation': 'joint inspection', 'hmi_prisons': 'custody inspection'}


def next_weekday(d, wd):
    return d + dt.timedelta(days=(wd - d.weekday()) % 7)


def published_after(end, days):
    p = end + dt.timedelta(days=days)
    while not is_working(p):
        p += dt.timedelta(days=1)
    return p if p <= TODAY else None


# ----------------------------------------------------------------------------- 5. monitoring visits
# status plan per authority under monitoring: last visit chosen to give the wanted status on TODAY.
under = sorted(c for c in CODES if LATEST[c][2] == 'inadequate')
MON_PLAN = {}
order = ['on_track', 'visit_due', 'on_track', 'visit_overdue', 'on_track', 'visit_due', 'visit_overdue',
         'on_track', 'visit_due', 'on_track', 'on_track', 'visit_overdue']
for i, c in enumerate(under):
    MON_PLAN[c] = order[i % len(order)]
monitoring = []
mon_summary = []
for c in under:
    judged = LATEST[c][0]
    want = MON_PLAN[c]
    # next_visit_due = last + 3 months; visit_due: within 30 days; overdue: before TODAY
    if add_months(judged, 3) >= TODAY - dt.timedelta(days=14) and want == 'visit_overdue':
        last = None                               # judged recently, first visit not yet made
    else:
        if want == 'on_track':
            lo, hi = dt.date(2026, 7, 20), dt.date(2026, 9, 9)
        elif want == 'visit_due':
            lo, hi = dt.date(2026, 6, 16), dt.date(2026, 7, 10)
        else:
            lo, hi = dt.date(2026, 2, 2), dt.date(2026, 5, 29)
        last = next_weekday(lo + dt.timedelta(days=rng.randint(0, (hi - lo).days - 6)), 1)   # a Tuesday
        assert lo <= last <= hi
    visits = []
    d = last
    k = 0
    while d and d >= judged + dt.timedelta(days=75):
        visits.append(d)
        k += 1
        d = next_weekday(add_months(last, -3 * k) + dt.timedelta(days=rng.randint(-6, 6)) - dt.timedelta(days=3), 1)
    for v in sorted(visits):
        monitoring.append(dict(la_code=c, inspectorate='ofsted', type='monitoring_visit', start_date=iso(v),
                               end_date=iso(v + dt.timedelta(days=1)),
                               published=iso(published_after(v + dt.timedelta(days=1), 33)),
                               lead=pick_lead('ofsted', v)))
    nxt = add_months(visits[0] if visits else judged, 3)
    status = 'visit_overdue' if nxt < TODAY else ('visit_due' if (nxt - TODAY).days <= 30 else 'on_track')
    mon_summary.append((c, BY_CODE[c]['la_name'], iso(judged), len(visits), iso(visits[0]) if visits else '',
                        iso(nxt), status, iso(add_months(judged, 24))))
monitoring.sort(key=lambda r: (r['la_code'], r['start_date']))

# ----------------------------------------------------------------------------- 4. other inspectorates
THEMES = [  # (from, to, theme, how many JTAIs)
    (dt.date(2019, 1, 7), dt.date(2019, 7, 8), 'criminal exploitation', 6),
    (dt.date(2019, 9, 9), dt.date(2020, 3, 2), 'child sexual abuse in the family environment', 7),
    (dt.date(2021, 10, 4), dt.date(2021, 12, 6), 'child sexual abuse in the family environment', 2),
    (dt.date(2022, 4, 25), dt.date(2023, 6, 26), 'identification of initial need and risk', 8),
    (dt.date(2023, 9, 11), dt.date(2024, 6, 24), 'domestic abuse', 6),
    (dt.date(2024, 9, 9), dt.date(2025, 7, 7), 'neglect', 6),
    (dt.date(2025, 9, 8), dt.date(2026, 7, 6), 'child sexual exploitation and missing children', 5)]
assert sum(t[3] for t in THEMES) == 40
ofsted_dates = collections.defaultdict(list)
for r in ofsted_list:
    ofsted_dates[r['la_code']].append(dt.date.fromisoformat(r['start_date']))
jtai_las = rng.sample(CODES, 40)
other = []
used_weeks = set()
jtai_list = []
li = 0
for lo, hi, theme, count in THEMES:
    mondays = [lo + dt.timedelta(weeks=k) for k in range((hi - lo).days // 7 + 1)]
    picked = 0
    while picked < count:
        start = rng.choice(mondays)
        c = jtai_las[li]
        if start in used_weeks or any(abs((start - d).days) < 42 for d in ofsted_dates[c]):
            continue
        if start + dt.timedelta(days=11) > TODAY:
            continue
        used_weeks.add(start)
        li += 1
        picked += 1
        jtai_list.append((c, start, theme))
        insps = ['ofsted', 'cqc', 'hmicfrs'] + (['hmi_probation'] if start < dt.date(2022, 4, 1) else [])
        end = start + dt.timedelta(days=11)
        pub = published_after(end, 49)
        for insp in insps:
            other.append(dict(la_code=c, inspectorate=insp, type='jtai', start_date=iso(start), end_date=iso(end),
                              published=iso(pub), theme=theme, lead=pick_lead(insp, start)))

OTHER_VISITS = [('cqc', 'CLAS review (health services for children looked after and safeguarding)', 9),
                ('hmicfrs', 'national child protection inspection (police force)', 8),
                ('hmi_prisons', 'police custody inspection (children in custody), with HMICFRS', 6)]
for insp, what, count in OTHER_VISITS:
    for _ in range(count):
        while True:
            c = rng.choice(CODES)
            start = next_weekday(dt.date(2020, 1, 6) + dt.timedelta(days=rng.randint(0, (TODAY - dt.date(2020, 1, 6)).days - 30)), 0)
            if dt.date(2020, 3, 23) <= start <= dt.date(2021, 6, 28):
                continue                          # no fieldwork in the pandemic pause
            if any(r['la_code'] == c and r['inspectorate'] == insp and r['start_date'] == iso(start) for r in other):
                continue
            break
        end = start + dt.timedelta(days=4)
        other.append(dict(la_code=c, inspectorate=insp, type='other', start_date=iso(start), end_date=iso(end),
                          published=iso(published_after(end, 56)), theme=what, lead=pick_lead(insp, start)))

PROB_GRADE = {'outstanding': 'outstanding', 'good': 'good', 'requiresimprovement': 'requires_improvement',
              'inadequate': 'inadequate'}
prob_count = 0
for codes, r in probation_rows:
    pub = parse_dmy(r['publication_date'])
    g = PROB_GRADE.get(re.sub(r'[^a-z]', '', r['overall_rating'].lower()), '')   # footnote row -> blank
    # the file has no fieldwork date: SYNTHETIC start = the Monday about 10 weeks before publication
    start = monday_of(pub - dt.timedelta(days=70))
    for c in codes:
        other.append(dict(la_code=c, inspectorate='hmi_probation', type='other', start_date=iso(start),
                          end_date=iso(start + dt.timedelta(days=4)), published=iso(pub), overall=g,
                          theme='youth justice service inspection', lead='', link=r['report_url'].strip()))
        prob_count += 1
other.sort(key=lambda r: (r['la_code'], r['start_date'], r['inspectorate'], r['type']))
notes['probation_rows'] = prob_count

# ----------------------------------------------------------------------------- 6. concerns
SUMMARIES = {
    'ofsted': ['Demo: backlog of unallocated assessments', 'Demo: delays in initial child protection conferences',
               'Demo: care leavers pathway plans out of date', 'Demo: high agency staffing at the front door',
               'Demo: missing-from-care return interviews not done', 'Demo: rise in re-referrals within 12 months',
               'Demo: supervision records missing on sampled cases', 'Demo: placement moves for children in care up'],
    'cqc': ['Demo: initial health assessments for children in care late', 'Demo: health visitors not at strategy meetings',
            'Demo: long waits for child mental health assessments'],
    'hmicfrs': ['Demo: police referrals not shared within 24 hours', 'Demo: repeat missing episodes not flagged by police',
                'Demo: domestic abuse notifications to schools delayed'],
    'hmi_probation': ['Demo: youth justice caseloads above agreed levels', 'Demo: out-of-court disposals not reviewed',
                      'Demo: risk plans for children on bail not updated'],
    'hmi_prisons': ['Demo: children held overnight in police custody', 'Demo: appropriate adults not available at night',
                    'Demo: resettlement plans missing on release from custody']}
concerns = []


def concern(c, by, d, sev, closed=None, summary=None):
    s = summary or rng.choice(SUMMARIES[by])
    concerns.append(dict(la_code=c, raised_by=by, date=iso(d), severity=sev, summary=s, closed=iso(closed)))


# inspected 2024-2025 (so not yet due): an open high concern in 2026 brings them forward
good_recent = sorted(c for c in by_grade['good'] if dt.date(2024, 6, 1) <= LATEST[c][0] <= dt.date(2025, 12, 31))
outstanding_recent = sorted(c for c in by_grade['outstanding']
                            if dt.date(2024, 1, 1) <= LATEST[c][0] <= dt.date(2025, 12, 31))
ri = sorted(by_grade['requires_improvement'])
bf = rng.sample(good_recent, 4) + rng.sample(outstanding_recent, 1)
bf_dates = [dt.date(2026, 5, 18), dt.date(2026, 6, 30), dt.date(2026, 7, 21), dt.date(2026, 8, 12), dt.date(2026, 8, 27)]
bf_by = ['ofsted', 'hmicfrs', 'cqc', 'ofsted', 'hmi_probation']
for c, d, by in zip(bf, bf_dates, bf_by):
    concern(c, by, d, 'high')
notes['bring_forward'] = list(zip(bf, [iso(d) for d in bf_dates]))
# a closed high concern on a good authority: must NOT bring it forward
closed_good = [c for c in good_recent if c not in bf][0]
concern(closed_good, 'ofsted', dt.date(2026, 2, 10), 'high', closed=dt.date(2026, 6, 1))
notes['closed_high'] = (closed_good, '2026-02-10', '2026-06-01')
# open high concerns on authorities already under monitoring or RI
for c in rng.sample([c for c in under if LATEST[c][0] < dt.date(2025, 1, 1)], 2):
    concern(c, rng.choice(['ofsted', 'cqc']), dt.date(2026, 4, 1) + dt.timedelta(days=rng.randint(0, 120)), 'high')
for c in rng.sample(ri, 2):
    concern(c, rng.choice(['hmicfrs', 'ofsted']), dt.date(2026, 3, 1) + dt.timedelta(days=rng.randint(0, 150)), 'high')
# medium and low, a mix of open and closed, 2025-2026
pool = [c for c in CODES if c not in bf and c != closed_good]
for i in range(19):
    c = rng.choice(pool)
    by = rng.choice(['ofsted', 'ofsted', 'cqc', 'hmicfrs', 'hmi_probation', 'hmi_prisons'])
    d = dt.date(2025, 1, 6) + dt.timedelta(days=rng.randint(0, (TODAY - dt.date(2025, 1, 6)).days - 7))
    sev = 'medium' if i % 2 == 0 else 'low'
    closed = None
    if rng.random() < 0.5:
        closed = d + dt.timedelta(days=rng.randint(20, 200))
        if closed > TODAY - dt.timedelta(days=1):
            closed = None
    concern(c, by, d, sev, closed)
seen = set()
uniq = []
for r in concerns:
    k = (r['la_code'], r['raised_by'], r['date'], r['summary'])
    if k not in seen:
        seen.add(k)
        uniq.append(r)
concerns = sorted(uniq, key=lambda r: (r['date'], r['la_code'], r['raised_by']))

# ----------------------------------------------------------------------------- absences from the calendar
for p in inspectors:
    iid = p['inspector_id']
    run = None
    for w in WEEKS + [None]:
        s = week_state[iid][w] if w else None
        s = s if s and s[0] in ('leave', 'booked') else None
        if run and (s != run[1] or w is None):
            absences.append((iid, run[0], run[2] + dt.timedelta(days=4), run[1][0], run[1][1]))
            run = None
        if s:
            if run and s == run[1]:
                run = (run[0], s, w)
            elif not run:
                run = (w, s, w)
absences.sort(key=lambda a: (a[0], a[1], a[3]))
absence_rows = [dict(inspector_id=a[0], **{'from': iso(a[1]), 'to': iso(a[2])}, kind=a[3], note=a[4])
                for a in absences]

# ----------------------------------------------------------------------------- write
os.makedirs(OUT, exist_ok=True)
counts = collections.OrderedDict()
# ----------------------------------------------------------------------------- 7. completed reports
# Monitoring visits after a completed report's inadequate judgement (Nottingham 2022), drawn after every
# other random choice so that nothing else moves: about every 3 months, the last in the on_track range.
for c, start_s, typ, _ in completed:
    r = ofsted_rows[(c, typ, dt.date.fromisoformat(start_s))]
    if cadence_grade(r) != 'inadequate':
        continue
    judged = dt.date.fromisoformat(start_s)
    lo, hi = dt.date(2026, 7, 20), dt.date(2026, 9, 9)
    last = next_weekday(lo + dt.timedelta(days=rng.randint(0, (hi - lo).days - 6)), 1)
    visits, d, k = [], last, 0
    while d >= judged + dt.timedelta(days=75):
        visits.append(d)
        k += 1
        d = next_weekday(add_months(last, -3 * k) + dt.timedelta(days=rng.randint(-6, 6)) - dt.timedelta(days=3), 1)
    for v in sorted(visits):
        monitoring.append(dict(la_code=c, inspectorate='ofsted', type='monitoring_visit', start_date=iso(v),
                               end_date=iso(v + dt.timedelta(days=1)),
                               published=iso(published_after(v + dt.timedelta(days=1), 33)),
                               lead=pick_lead('ofsted', v)))
    nxt = add_months(max(visits), 3)
    mon_summary.append((c, BY_CODE[c]['la_name'], iso(judged), len(visits), iso(max(visits)), iso(nxt),
                        'visit_overdue' if nxt < TODAY else ('visit_due' if (nxt - TODAY).days <= 30 else 'on_track'),
                        iso(add_months(judged, 24))))
monitoring.sort(key=lambda r: (r['la_code'], r['start_date']))
mon_summary.sort()

counts['authorities.csv'] = write_csv('authorities.csv', ['la_code', 'ons_code', 'ofsted_urn', 'name', 'region_code',
                                                          'region_name', 'la_type', 'aliases', 'stat_neighbours'],
                                      authorities)
counts['ofsted-inspections.csv'] = write_csv('ofsted-inspections.csv', INSPECTIONS_COLS, ofsted_out)
shutil.copyfile(os.path.join(REF, 'dfe-cla-rate-per-10k-2020-2024.csv'),
                os.path.join(OUT, 'dfe-cla-rate-per-10k-2020-2024.csv'))
counts['other-inspectorates.csv'] = write_csv('other-inspectorates.csv', INSPECTIONS_COLS, other)
counts['monitoring-visits.csv'] = write_csv('monitoring-visits.csv', INSPECTIONS_COLS, monitoring)
counts['concerns.csv'] = write_csv('concerns.csv', ['la_code', 'raised_by', 'date', 'severity', 'summary', 'closed'],
                                   concerns)
counts['inspectors.csv'] = write_csv('inspectors.csv', ['inspector_id', 'name', 'inspectorate', 'role', 'region'],
                                     inspectors)
counts['absences.csv'] = write_csv('absences.csv', ['inspector_id', 'from', 'to', 'kind', 'note'], absence_rows)
counts['holidays.csv'] = write_csv('holidays.csv', ['date', 'name'], [dict(date=iso(d), name=n) for d, n in holidays])

# ----------------------------------------------------------------------------- report
if __name__ == '__main__':
    print('reference data:', REF)
    for k, v in counts.items():
        print('%-28s %4d rows' % (k, v))
    print('history rows %d, kept %d, left out %s' % (notes['history_rows'], notes['history_kept'], notes['left_out']))
    print('stat neighbour codes dropped:', notes['dropped_neighbours'] or 'none')
    print('probation rows skipped:', notes['probation_skipped'], '-> other rows', notes['probation_rows'])
    print('under monitoring:')
    for m in mon_summary:
        print('  %s %-16s judged %s visits %d last %s next %s %s reinspection %s' % m)
    print('open high concerns (bring forward):', notes['bring_forward'], 'closed high:', notes['closed_high'])
