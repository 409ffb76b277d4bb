# ruff: noqa: E501  (a table of corpus files, one per line)
"""Regenerates the hostile corpus (run from the repository root): python tests/hostile/make_corpus.py

The plan files are hand edits of tests/data/hostile-base.plan.json (a 2-week plan of BASE).
The 5 MB junk files are not here: tests/test_hostile.py makes them in a temporary folder.
"""

import copy
import datetime
import json
import random
from pathlib import Path

D = Path("tests/hostile")
BASE = """name = "hostile base"
start = 2027-01-04
weeks = 2
goal = "general"
level = "novice"
body_mass_kg = 70
[locations.home]
equipment = ["dumbbells", "bench"]
[availability]
mon = 40
wed = 40
fri = 40
[rules.variation]
block_weeks = 2
"""


def w(name, text):
    p = D / name
    if isinstance(text, bytes):
        p.write_bytes(text)
    else:
        p.write_text(text, encoding="utf-8")


def sub(old, new, base=BASE):
    assert old in base, old
    return base.replace(old, new, 1)


# --- scenarios
w("scenario-empty.toml", "")
w("scenario-empty.json", "")
rnd = random.Random(8)
w(
    "scenario-binary.toml",
    bytes([0x89, 0x50, 0x4E, 0x47, 0xFF, 0xFE, 0x00])
    + bytes(rnd.randrange(256) for _ in range(500)),
)
w("scenario-nul-bytes.json", "\x00\x01\x02{}")
js = json.dumps(
    {
        "name": "x",
        "start": "2027-01-04",
        "weeks": 2,
        "body_mass_kg": 70,
        "locations": {"home": {"equipment": []}},
        "availability": {"mon": 40, "wed": 40},
    }
)
w("scenario-truncated.json", js[: len(js) // 2])
w("scenario-toml-syntax.toml", sub("weeks = 2", "weeks = = 2"))
w("scenario-top-level-array.json", "[1, 2, 3]\n")
w("scenario-weeks-string.json", js.replace('"weeks": 2', '"weeks": "2"'))
w("scenario-weeks-bool.toml", sub("weeks = 2", "weeks = true"))
w("scenario-unknown-key.toml", sub("weeks = 2", "weeks = 2\nwekes = 3"))
w(
    "scenario-unknown-nested-key.toml",
    sub('equipment = ["dumbbells", "bench"]', 'equipmnet = ["dumbbells", "bench"]'),
)
w("scenario-unknown-weekday.toml", sub("fri = 40", "funday = 40"))
w("scenario-unknown-equipment.toml", sub('"bench"]', '"smith_machine"]'))
w("scenario-unknown-exercise.toml", BASE + '[preferences]\navoid = ["no-such-exercise"]\n')
w("scenario-weeks-100000.toml", sub("weeks = 2", "weeks = 100000"))
w("scenario-minutes-1e9.toml", sub("mon = 40", "mon = 1000000000"))
w("scenario-minutes-negative.toml", sub("wed = 40", "wed = -40"))
w("scenario-minutes-float.toml", sub("wed = 40", "wed = { minutes = 40.5 }"))
w(
    "scenario-exception-reversed.toml",
    BASE + "[[exceptions]]\nfrom = 2027-01-14\nto = 2027-01-10\navailability = {}\n",
)
w(
    "scenario-exceptions-overlap.toml",
    BASE
    + "[[exceptions]]\nfrom = 2027-01-04\nto = 2027-01-10\navailability = {}\n[[exceptions]]\nfrom = 2027-01-08\nto = 2027-01-12\navailability = { mon = 20 }\n",
)
w(
    "scenario-exception-bad-location.toml",
    BASE
    + '[[exceptions]]\nfrom = 2027-01-04\nto = 2027-01-10\navailability = { mon = 30 }\nlocation = "hotel"\n',
)
day = datetime.date(2030, 1, 1)
many = [
    {
        "from": (day + datetime.timedelta(days=i)).isoformat(),
        "to": (day + datetime.timedelta(days=i)).isoformat(),
        "availability": {},
    }
    for i in range(1001)
]
w("scenario-too-many-exceptions.json", json.dumps({**json.loads(js), "exceptions": many}))
NO_GOAL = sub('goal = "general"\n', "")
w(
    "scenario-goal-weights-negative.toml",
    NO_GOAL.replace(
        "[locations.home]", "[goal_weights]\nhypertrophy = -1\nstrength = 2\n[locations.home]"
    ),
)
w(
    "scenario-goal-weights-zero.toml",
    NO_GOAL.replace(
        "[locations.home]", "[goal_weights]\nhypertrophy = 0\nstrength = 0\n[locations.home]"
    ),
)
w(
    "scenario-goal-weights-nan.toml",
    NO_GOAL.replace("[locations.home]", "[goal_weights]\nhypertrophy = nan\n[locations.home]"),
)
w(
    "scenario-goal-and-weights.toml",
    BASE.replace("[locations.home]", "[goal_weights]\nhypertrophy = 1\n[locations.home]"),
)
w("scenario-unknown-goal.toml", sub('goal = "general"', 'goal = "bulk"'))
w("scenario-bad-date.toml", sub("start = 2027-01-04", 'start = "2027-02-30"'))
w("scenario-start-year-9999.toml", sub("start = 2027-01-04", "start = 9999-12-20"))
w(
    "scenario-no-available-day.toml",
    BASE.replace("mon = 40", "mon = 0")
    .replace("wed = 40", "wed = 0")
    .replace("fri = 40", "fri = 0"),
)
w("scenario-location-without-equipment.toml", sub('equipment = ["dumbbells", "bench"]\n', ""))
w("scenario-unknown-location.toml", sub("mon = 40", 'mon = { minutes = 40, location = "gym" }'))
w("scenario-body-mass-string.toml", sub("body_mass_kg = 70", 'body_mass_kg = "seventy"'))
w("scenario-body-mass-inf.toml", sub("body_mass_kg = 70", "body_mass_kg = inf"))
w("scenario-rule-unknown.toml", BASE + "[rules.naps]\nenabled = true\n")
w("scenario-rule-out-of-range.toml", BASE + "[rules.rest_days]\nmin_per_week = 99\n")
w("scenario-rule-enabled-string.toml", BASE + '[rules.legs]\nenabled = "yes"\n')
w(
    "scenario-timezone.toml",
    sub("body_mass_kg = 70", 'body_mass_kg = 70\ntimezone = "Mars/Olympus_Mons"'),
)
w("scenario-start-time.toml", sub("mon = 40", 'mon = { minutes = 40, start = "25:00" }'))
w("scenario-avoid-squat-pattern.toml", BASE + '[preferences]\navoid_patterns = ["squat"]\n')
w(
    "scenario-favor-and-avoid.toml",
    BASE + '[preferences]\navoid = ["goblet-squat"]\nfavor = ["goblet-squat"]\n',
)
w(
    "scenario-name-control-chars.toml",
    sub('name = "hostile base"', 'name = "\\u001b[2Jgone\\u0007"'),
)
w("scenario-name-too-long.toml", sub('name = "hostile base"', f'name = "{"x" * 5000}"'))
w("scenario-huge-int.json", js.replace('"weeks": 2', '"weeks": 1' + "0" * 5000))
w("scenario-deep-nesting.json", '{"name": ' + "[" * 5000 + "]" * 5000 + "}")
w("scenario-catalog-missing.toml", 'catalog = "no-such-catalog.toml"\n' + BASE)
w("scenario-catalog-bad-entries.toml", 'catalog = "catalog-bad-entries.toml"\n' + BASE)
w("scenario-catalog-binary.toml", 'catalog = "scenario-binary.toml"\n' + BASE)
w("scenario-wrong-suffix.yaml", BASE)
# --- catalogs
ENTRY = '[[exercise]]\nid = "{id}"\nname = "X"\nkind = "strength"\npattern = "{pattern}"\nprimary = [{muscles}]\nequipment = []\n'
w("catalog-bad-entries.toml", ENTRY.format(id="neck-curl", pattern="isolation", muscles='"neck"'))
w("catalog-duplicate-ids.toml", ENTRY.format(id="squat-a", pattern="squat", muscles='"quads"') * 2)
w("catalog-empty.toml", "# nothing here\n")
w("catalog-bad-id.toml", ENTRY.format(id="Bad Id!", pattern="squat", muscles='"quads"'))
w(
    "catalog-unknown-pattern.toml",
    ENTRY.format(id="moonwalk", pattern="moonwalk", muscles='"quads"'),
)
# --- imports (free-exercise-db)
w("import-not-a-list.json", '{"exercises": 1}\n')
w("import-wrong-types.json", '[{"name": 5, "primaryMuscles": "chest", "equipment": 3}]\n')
w("import-empty-list.json", "[]\n")
w("import-truncated.json", '[{"name": "Push-up", "primaryMuscles": ["ch')
# --- plans
base = json.loads(Path("tests/data/hostile-base.plan.json").read_text())


def plan(name, f):
    d = copy.deepcopy(base)
    r = f(d)
    w(name, json.dumps(r if r is not None else d, indent=None, allow_nan=True))


pj = json.dumps(base)
w("plan-empty.json", "")
w("plan-truncated.json", pj[: len(pj) // 3])
w("plan-binary.json", bytes(rnd.randrange(256) for _ in range(300)))
w("plan-not-json.toml", BASE)
w("plan-is-a-scenario.json", js)
plan("plan-format-version.json", lambda d: d.__setitem__("format", "periodize-plan/9"))
plan("plan-missing-sessions.json", lambda d: d.__delitem__("sessions"))
plan(
    "plan-wrong-types.json", lambda d: d["sessions"][0]["exercises"][0].__setitem__("sets", "four")
)
plan("plan-sets-zero.json", lambda d: d["sessions"][0]["exercises"][0].__setitem__("sets", 0))
plan("plan-embedded-scenario-invalid.json", lambda d: d["scenario"].__setitem__("weeks", 0))
plan(
    "plan-embedded-scenario-unknown-key.json", lambda d: d["scenario"].__setitem__("colour", "red")
)
plan("plan-embedded-scenario-not-a-table.json", lambda d: d.__setitem__("scenario", [1, 2]))
plan("plan-objective-nan.json", lambda d: d["solver"].__setitem__("objective", float("nan")))
# edited by hand into inconsistency (structure): refused by show/export/replan, check exit 1
plan("plan-session-outside.json", lambda d: d["sessions"][0].__setitem__("date", "2030-01-07"))
plan("plan-session-wrong-week.json", lambda d: d["sessions"][0].__setitem__("week", 7))
plan(
    "plan-unknown-exercise.json",
    lambda d: d["sessions"][0]["exercises"][0].__setitem__("id", "no-such-exercise"),
)
plan("plan-days-duplicated.json", lambda d: d["days"].append(d["days"][0]))
plan("plan-days-missing.json", lambda d: d.__setitem__("days", d["days"][:3]))
plan(
    "plan-weeks-extra.json",
    lambda d: d["weeks"].append({"week": 99, "block": 9, "deload": False, "is_break": False}),
)
plan("plan-embedded-start-moved.json", lambda d: d["scenario"].__setitem__("start", "2027-01-05"))
# breaks a hard rule but is consistent: check exit 1, others render it
plan("plan-breaks-session-time.json", lambda d: d["sessions"][0].__setitem__("minutes", 10**9))
