"""A seeded suite of scenarios nobody tuned for: `python -m optimizer.bench --suite generated:100`.

`scenario(seed)` draws a realistic person: every level and goal (and two-goal mixes), 2–7
available days of 20–150 minutes, 1–3 locations among a park, a hotel room, a home set-up and
a full gym, travel and holiday exceptions, 4–52 weeks, sleep, body data and preferences. The
same seed always gives the same scenario, so figures can be tuned on one seed range and
reported on another (`--suite generated:100@1000` takes seeds 1000–1099).
"""

from __future__ import annotations

import random
import statistics
from datetime import date, timedelta

from models.errors import InputError

LOCATIONS = {
    "gym": ["barbell", "rack", "bench", "dumbbells", "kettlebell", "cable", "machine",
            "pullup_bar", "box", "bike", "rower", "treadmill"],
    "home": ["dumbbells", "bench", "bands", "pullup_bar"],
    "home_bare": ["bands"],
    "park": ["pullup_bar", "box"],
    "hotel": ["dumbbells", "treadmill", "bike"],
}
WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
GOALS = ["hypertrophy", "strength", "fat_loss", "endurance", "general"]
AVOIDABLE = ["barbell-back-squat", "conventional-deadlift", "barbell-bench-press",
             "pull-up", "burpee-circuit", "outdoor-steady-run"]
WEEK_CHOICES = [4, 6, 8, 8, 12, 12, 12, 16, 26, 52]


def scenario(seed: int) -> dict:
    """One generated scenario (data for `parse_scenario`), the same for the same seed."""
    rng = random.Random(seed)
    start = date(2027, 1, 4) + timedelta(weeks=rng.randint(0, 20))
    weeks = rng.choice(WEEK_CHOICES)
    places = _locations(rng)
    data: dict = {
        "name": f"generated #{seed}",
        "start": start.isoformat(),
        "weeks": weeks,
        "level": rng.choice(["novice", "intermediate", "intermediate", "advanced"]),
        "body_mass_kg": rng.randint(50, 115),
        "sleep_hours": rng.choice([6, 6.5, 7, 7.5, 8, 8.5]),
        "locations": {name: {"equipment": LOCATIONS[kind]} for name, kind in places.items()},
        "availability": _availability(rng, list(places)),
        "exceptions": _exceptions(rng, start, weeks),
    }
    if any(e.get("location") == "hotel" for e in data["exceptions"]):
        data["locations"]["hotel"] = {"equipment": LOCATIONS["hotel"]}
    if rng.random() < 0.25:
        a, b = rng.sample(GOALS, 2)
        weight = rng.choice([0.6, 0.7, 0.8])
        data["goal_weights"] = {a: weight, b: round(1 - weight, 1)}
    else:
        data["goal"] = rng.choice(GOALS)
    if rng.random() < 0.5:
        data["sex"] = rng.choice(["female", "male"])
        data["age"] = rng.randint(18, 65)
        data["height_cm"] = rng.randint(155, 195)
    if rng.random() < 0.3:
        data["preferences"] = {"avoid": rng.sample(AVOIDABLE, rng.randint(1, 2))}
        if rng.random() < 0.3:
            data["preferences"]["avoid_patterns"] = ["vertical_push"]
    return data


def _locations(rng: random.Random) -> dict[str, str]:
    """1–3 places, named by kind (a bare home is still called home)."""
    kinds = rng.sample(["gym", "home", "home_bare", "park", "hotel"], rng.randint(1, 3))
    if "home" in kinds and "home_bare" in kinds:
        kinds.remove("home_bare")
    return {("home" if k == "home_bare" else k): k for k in kinds if k != "hotel"} or \
        {"gym": "gym"}


def _availability(rng: random.Random, places: list[str]) -> dict:
    days = sorted(rng.sample(range(7), rng.randint(2, 7)))
    return {WEEKDAYS[d]: {"minutes": rng.choice([20, 30, 40, 45, 60, 60, 75, 90, 120, 150]),
                          "location": rng.choice(places)} for d in days}


def _exceptions(rng: random.Random, start: date, weeks: int) -> list[dict]:
    out = []
    if weeks >= 6 and rng.random() < 0.4:  # a travel week in a hotel room
        week = rng.randint(2, weeks - 1)
        first = start + timedelta(weeks=week - 1)
        out.append({"from": first.isoformat(), "to": (first + timedelta(days=6)).isoformat(),
                    "availability": {"tue": 30, "thu": 30}, "location": "hotel"})
    if weeks >= 8 and rng.random() < 0.4:  # a holiday week
        week = rng.randint(3, weeks - 1)
        first = start + timedelta(weeks=week - 1)
        if all(e["from"] != first.isoformat() for e in out):
            out.append({"from": first.isoformat(),
                        "to": (first + timedelta(days=6)).isoformat(), "availability": {}})
    return out


def valid_scenarios(count: int, first_seed: int = 0) -> list[tuple[int, dict]]:
    """`count` generated scenarios that validate (a draw the validator refuses, e.g. an
    `avoid` that removes every squat at every location, is replaced by the next seed)."""
    from models import parse_scenario

    out: list[tuple[int, dict]] = []
    seed = first_seed
    while len(out) < count:
        data = scenario(seed)
        try:
            parse_scenario(data, f"generated #{seed}")
            out.append((seed, data))
        except InputError:
            pass
        seed += 1
    return out


def shape(data: dict) -> str:
    """A case's shape in a few words, for the hardest-cases list."""
    goal = data.get("goal") or "+".join(f"{g} {w}" for g, w in data["goal_weights"].items())
    days = ", ".join(f"{d} {v['minutes']}" for d, v in data["availability"].items())
    return (f"{data['weeks']} wk, {data['level']}, {goal}, {len(data['locations'])} "
            f"location(s) ({', '.join(data['locations'])}), days: {days}, "
            f"{len(data['exceptions'])} exception(s)")


def percentile(values: list[float], share: float) -> float | None:
    if not values:
        return None
    values = sorted(values)
    return values[min(len(values) - 1, int(round(share * (len(values) - 1))))]


def summary(rows: list[dict]) -> list[str]:
    """The suite's figures: share proven optimal, time to proof and first plan, gaps, memory."""
    n = len(rows)
    optimal = [r for r in rows if r.get("status") == "optimal"]
    planned = [r for r in rows if r.get("status") in ("optimal", "feasible")]
    proofs = [r["seconds"] for r in optimal]
    firsts = [r["first"] for r in planned if r.get("first") is not None]
    gaps = [r["gap"] for r in planned if r.get("gap")]
    mems = [r["peak_mb"] for r in rows if r.get("peak_mb")]
    infeasible = [r for r in rows if r.get("status") == "infeasible"]

    def fmt(x, unit=" s"):
        return "-" if x is None else f"{x:.2f}{unit}"

    return [
        f"cases {n}: proven optimal {len(optimal)} ({100 * len(optimal) / max(n, 1):.0f}%), "
        f"with a plan {len(planned)}, no plan possible {len(infeasible)}, "
        f"no plan in time {n - len(planned) - len(infeasible)}",
        f"time to proof (optimal cases): median {fmt(percentile(proofs, 0.5))}, "
        f"p95 {fmt(percentile(proofs, 0.95))}",
        f"time to first plan: median {fmt(percentile(firsts, 0.5))}, "
        f"p95 {fmt(percentile(firsts, 0.95))}",
        f"gap at the limit (cases not proven): median "
        f"{fmt(statistics.median(gaps) * 100 if gaps else None, '%')}, "
        f"max {fmt(max(gaps) * 100 if gaps else None, '%')}",
        f"peak memory: median {fmt(percentile(mems, 0.5), ' MB')}, "
        f"max {fmt(max(mems) if mems else None, ' MB')}",
    ]
