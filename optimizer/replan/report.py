"""The replan's report: per date what was kept, moved, changed, added or removed, and why;
per week a summary; what changed for the whole plan."""

from __future__ import annotations

from datetime import date

from models.horizon import Horizon
from models.plan import Plan, Session
from models.scenario import Scenario


def _layout(session: Session | None) -> tuple[str, ...]:
    return session.exercise_ids if session else ()


def scenario_changes(old_sc: Scenario, new_sc: Scenario) -> list[str]:
    """What changed for the whole plan (not a day): goal, level, rules, preferences."""
    out = []
    if old_sc.goal_mix() != new_sc.goal_mix():

        def name(sc):
            mix = sc.goal_mix()
            return "+".join(f"{g} {w:.0%}" if len(mix) > 1 else g for g, w in mix.items())

        out.append(f"goal changed ({name(old_sc)} -> {name(new_sc)})")
    if old_sc.level != new_sc.level:
        out.append(f"level changed ({old_sc.level} -> {new_sc.level})")
    if old_sc.rules != new_sc.rules:
        ids = sorted(
            k
            for k in set(old_sc.rules) | set(new_sc.rules)
            if old_sc.rules.get(k) != new_sc.rules.get(k)
        )
        out.append(f"rules changed ({', '.join(ids)})")
    if set(old_sc.preferences.favor) != set(new_sc.preferences.favor):
        out.append("favoured exercises changed")
    if (
        old_sc.sleep_hours != new_sc.sleep_hours
        and min(old_sc.sleep_hours or 99, new_sc.sleep_hours or 99) < 7
    ):
        out.append("sleep changed the volume targets")
    return out


def week_summary(full: list[dict]) -> list[dict]:
    """The diff per week: dates that stayed, moves (old -> new), changed dates (with how many
    exercises came and went: the per-date entries say which), added and removed dates."""
    weeks: dict[int, dict] = {}
    for c in full:
        w = weeks.setdefault(
            c["week"],
            {
                "week": c["week"],
                "stayed": [],
                "moved": [],
                "changed": [],
                "added": [],
                "removed": [],
            },
        )
        status = c["status"]
        if status == "kept":
            w["stayed"].append(c["date"])
        elif status == "moved":
            w["moved"].append(f"{c['date']} -> {c['to']}")
        elif status == "changed":
            n_in, n_out = len(c.get("added", [])), len(c.get("removed", []))
            what = f"+{n_in} -{n_out}" if n_in or n_out else c.get("detail", "")
            w["changed"].append(f"{c['date']} ({what})")
        elif status in ("added", "removed"):
            w[status].append(c["date"])
    return [weeks[k] for k in sorted(weeks)]


def diff(old: Plan, new: Plan, from_date: date, old_sc: Scenario, new_sc: Scenario) -> list[dict]:
    """Per date on/after from_date: kept, moved, changed, added or removed (with a reason)."""
    old_h, new_h = Horizon(old_sc), Horizon(new_sc)
    old_by = {s.date: s for s in old.sessions if s.date >= from_date}
    new_by = {s.date: s for s in new.sessions if s.date >= from_date}

    def equipment(sc):
        return lambda loc: set(sc.locations[loc].equipment) if loc in sc.locations else set()

    old_eq, new_eq = equipment(old_sc), equipment(new_sc)

    general = scenario_changes(old_sc, new_sc)
    avoided = set(new_sc.preferences.avoid) - set(old_sc.preferences.avoid)
    avoided_patterns = set(new_sc.preferences.avoid_patterns) - set(
        old_sc.preferences.avoid_patterns
    )

    def day_change(d) -> str:
        od, nd = old_h.by_date.get(d), new_h.by_date.get(d)
        if od is None or nd is None:
            return ""
        if od.available and not nd.available:
            return "the day is no longer available"
        if not od.available and nd.available:
            return "the day became available"
        parts = []
        if od.minutes != nd.minutes:
            parts.append(f"minutes {od.minutes} -> {nd.minutes}")
        if od.location != nd.location:
            parts.append(f"location {od.location} -> {nd.location}")
        return "; ".join(parts)

    changed_weeks = sorted(
        {
            old_h.by_date[d].week
            for d in old_h.by_date
            if d >= from_date and d in new_h.by_date and day_change(d)
        }
    )

    def reason(d, removed):
        """Why a date's session changed: its day first, then what its exercises lost, then
        what changed for the whole plan; else what it follows from."""
        parts = [day_change(d)] if day_change(d) else []
        od, nd = old_h.by_date.get(d), new_h.by_date.get(d)
        if parts and parts[0].startswith("the day"):
            return parts[0]
        if od is not None and nd is not None and od.location and nd.location:
            lost = old_eq(od.location) - new_eq(nd.location)
            need = {q for e in removed for q in e.equipment}
            if lost & need:
                parts.append(f"{nd.location} lost {', '.join(sorted(lost & need))}")
        now_avoided = sorted(
            e.id for e in removed if e.id in avoided or e.pattern in avoided_patterns
        )
        if now_avoided:
            parts.append(f"now avoided: {', '.join(now_avoided)}")
        parts += general
        if parts:
            return "; ".join(parts)
        causes = []
        if changed_weeks:
            weeks = ", ".join(str(w) for w in changed_weeks[:6])
            more = ", ..." if len(changed_weeks) > 6 else ""
            causes.append(f"the changed days (week {weeks}{more})")
        if avoided or avoided_patterns:
            causes.append("the new avoid list")
        if causes:
            return f"rebalanced: follows from {' and '.join(causes)}"
        return "rebalanced"

    def same(a: Session, b: Session) -> bool:
        return [(e.id, e.sets, e.seconds_per_set) for e in a.exercises] == [
            (e.id, e.sets, e.seconds_per_set) for e in b.exercises
        ]

    out: list[dict] = []
    kept = {d for d in old_by if d in new_by and same(old_by[d], new_by[d])}
    moved_from: dict[date, date] = {}
    taken: set[date] = set()
    for d in sorted(old_by):
        if d in kept:
            continue
        for d2 in sorted(new_by):
            if (
                d2 != d
                and d2 not in kept
                and d2 not in taken
                and new_by[d2].week == old_by[d].week
                and _layout(new_by[d2]) == _layout(old_by[d])
                and _layout(old_by.get(d2)) != _layout(old_by[d])
            ):
                moved_from[d] = d2
                taken.add(d2)
                break
    for d in sorted(set(old_by) | set(new_by)):
        o, n = old_by.get(d), new_by.get(d)
        week = (o or n).week
        entry: dict = {"date": d.isoformat(), "week": week}
        if d in kept:
            out.append({**entry, "status": "kept"})
            continue
        if o is not None and d in moved_from:
            out.append(
                {
                    **entry,
                    "status": "moved",
                    "to": moved_from[d].isoformat(),
                    "reason": reason(d, o.exercises) or "rebalanced",
                }
            )
            o = None  # the old session went elsewhere
        if n is not None and d in taken:
            n = None  # the moved session arrived here (reported on its old date)
        if o is None and n is None:
            continue
        if o is not None and n is not None:
            old_ids, new_ids = set(_layout(o)), set(_layout(n))
            removed = [e for e in o.exercises if e.id not in new_ids]
            entry.update(
                status="changed", added=sorted(new_ids - old_ids), removed=sorted(old_ids - new_ids)
            )
            if old_ids == new_ids:
                entry["detail"] = "doses changed"
            entry["reason"] = reason(d, removed) or "rebalanced"
        elif o is not None:
            entry.update(
                status="removed",
                removed=list(_layout(o)),
                reason=reason(d, o.exercises) or "rebalanced",
            )
        else:
            entry.update(
                status="added", added=list(_layout(n)), reason=reason(d, []) or "rebalanced"
            )
        out.append(entry)
    return out
