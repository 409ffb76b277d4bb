"""`replan(plan, new_scenario, from_date) -> Result`: a new plan from a date, the past pinned.

Design:

- Sessions dated before `from_date` are *pinned*: the old plan's Session objects are copied
  into the new plan unchanged (byte-identical JSON).
- Days before `from_date` keep the OLD availability (`keep_past`: dated exceptions added to the
  new scenario when it changed them, e.g. `--set availability.mon.minutes=0`), so the pinned
  sessions stay on available days and the rules see every one of them.
- The blocks from the one holding `from_date` to the end are solved one after the other
  (`blocks.solve_block`, one `BlockTask` each), each as `cpsat.model.build(..., blocks={b},
  boundary=..., split_date=from_date)`; what lies before a block (the pinned past, then the blocks
  already re-decided) reaches it through a `Boundary`, as in `cpsat.warmstart`. In the first block
  the weeks before `from_date` are fixed to the old sessions (`pin`; the split keeps weeks before,
  across and after the date in separate templates, `link_repeats` re-links those of one
  availability, as `check` requires). A pinned session the new scenario cannot express is not fixed
  but still copied, and reported in `changes`.
- Per block: if nothing it depends on changed (`block_unchanged`) its old decisions are kept
  when they still hold, else repaired (least disruption, then quality). Otherwise templates
  whose days did not change are fixed to their old sessions when that stays feasible, and
  `BIG·quality + disruption` is minimized (`BIG` = the largest disruption + 1, so the order is
  provably lexicographic) from the old plan as a complete hint; after a proven step 1, step 2
  minimizes disruption with quality ≤ q* + max(3, 3% q*). When the next block did not change,
  step 1 first runs with `respect_next` on (the next block's old sessions stay valid).
  Solving a block alone is what makes the 12-week benchmark fit 2 s (one model for all
  remaining blocks needed 2 s for the quality step alone).
- Disruption (`cpsat.replan_model.disruption`): per calendar day on/after `from_date`, a
  Hamming distance to the old session, plus `SESSION_WEIGHT` per changed session when a block
  has time for it.
- The new plan: pinned sessions + the blocks' sessions from `from_date` on; days, weeks and
  objective terms recomputed on the combined plan for the new scenario. `solver.objective` is
  the sum of those terms (so `check`'s "objective recomputed = solver" holds); `best_bound`
  subtracts each block's remaining quality gap (given the blocks before it).
- Ctrl-C stops the block being solved at its best solution so far; later blocks are not
  solved, so a plan (marked `interrupted`) comes back only when that was the last block.

Modules: `calendar` (dates, the old week kept before `from_date`, what changed), `blocks` (the
block loop and the new plan), `report` (the diff); the constraints a block's model gets are
`optimizer.cpsat.replan_model`'s.
"""

from .blocks import BlockOutcome, BlockTask, default_catalog, replan, solve_block
from .report import diff, scenario_changes, week_summary

__all__ = [
    "BlockOutcome", "BlockTask", "default_catalog", "diff", "replan", "scenario_changes",
    "solve_block", "week_summary",
]
