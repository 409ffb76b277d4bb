"""A large catalog in the free-exercise-db format, generated: `python -m optimizer.bench.catalog
[-n 870] [--seed 0] -o FILE.json`.

The real free-exercise-db (github.com/yuhonas/free-exercise-db, dist/exercises.json) has about
870 entries; this machine has no network, so the benchmark and the tests build a stand-in of
the same format and the same shape, deterministically from a seed:

- the same fields (`id, name, force, level, mechanic, equipment, primaryMuscles,
  secondaryMuscles, instructions, category, images`) and value vocabularies;
- names built the way free-exercise-db names are ("Incline Dumbbell Curl", "Seated Cable
  Rows", "Barbell Full Squat", "Calves-SMR", "Rope Jumping", "Dips - Triceps Version"), from
  about 80 movement families, each with its real equipment and grip/stance/position
  variants — so, as in the real data, one movement comes in many interchangeable versions
  (dozens of curls, rows and presses);
- about the real mix of categories (two thirds strength; stretching, plyometrics,
  powerlifting, olympic weightlifting, strongman, a few cardio) and of equipment, including
  what the importer must skip (medicine ball, exercise ball, foam roll, `other`, forearm and
  neck work, cardio machines outside the vocabulary).

Names are the only thing made up: every combination is one a gym could plausibly list. This
is a benchmark fixture, not a coaching source. No OR-Tools import.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from models.plan import write_atomic

# Tables below: one family or value group a line reads better than one argument a line.
# fmt: off
# real category counts of free-exercise-db (dist/exercises.json, 2024), roughly
CATEGORY_SHARE = {
    "strength": 0.665, "stretching": 0.14, "plyometrics": 0.07, "powerlifting": 0.043,
    "olympic weightlifting": 0.04, "strongman": 0.024, "cardio": 0.018,
}
EQUIPMENT_WORD = {
    "barbell": "Barbell", "dumbbell": "Dumbbell", "cable": "Cable", "machine": "Machine",
    "kettlebells": "Kettlebell", "bands": "Band", "e-z curl bar": "EZ-Bar",
    "medicine ball": "Medicine Ball", "exercise ball": "Exercise Ball", "body only": "",
    "other": "", "foam roll": "", None: "",
}
LEVELS = ("beginner", "intermediate", "expert")
LEVEL_WEIGHTS = (0.5, 0.44, 0.06)


@dataclass(frozen=True)
class Family:
    """One movement: its stem name, muscles, mechanics, equipment and variants."""

    stem: str
    category: str
    primary: tuple[str, ...]
    secondary: tuple[str, ...] = ()
    mechanic: str | None = "compound"
    force: str | None = "push"
    equipment: tuple[str | None, ...] = ("body only",)
    variants: tuple[str, ...] = ("",)


def F(stem, category, primary, secondary=(), mechanic="compound", force="push",  # noqa: N802
      equipment=("body only",), variants=("",)) -> Family:
    return Family(stem, category, tuple(primary), tuple(secondary), mechanic, force,
                  tuple(equipment), tuple(variants))


Q, H, G, C = "quadriceps", "hamstrings", "glutes", "calves"
LEGS2 = (G, H, C)
S, T, B, CH, L, MB, LB, TR, AB = ("shoulders", "triceps", "biceps", "chest", "lats",
                                  "middle back", "lower back", "traps", "abdominals")
FAMILIES: tuple[Family, ...] = (
    # ------------------------------------------------------------------ legs
    F("Squat", "strength", [Q], LEGS2 + (LB,),
      equipment=("barbell", "dumbbell", "kettlebells", "body only", "bands", "machine"),
      variants=("", "Full", "Front", "Box", "Pause", "Wide-Stance", "Narrow-Stance",
                "Zercher", "Heel-Elevated")),
    F("Leg Press", "strength", [Q], LEGS2, equipment=("machine",),
      variants=("", "Narrow Stance", "Wide Stance", "Single-Leg", "Seated")),
    F("Hack Squat", "strength", [Q], LEGS2, equipment=("machine", "barbell"),
      variants=("", "Reverse")),
    F("Lunge", "strength", [Q], (G, H),
      equipment=("barbell", "dumbbell", "body only", "kettlebells", "cable"),
      variants=("", "Walking", "Reverse", "Lateral", "Forward", "Alternating", "Crossover")),
    F("Split Squat", "strength", [Q], (G, H), equipment=("barbell", "dumbbell", "body only"),
      variants=("", "Bulgarian", "Rear-Foot-Elevated", "Front-Foot-Elevated")),
    F("Step-Up", "strength", [Q], (G, H),
      equipment=("barbell", "dumbbell", "body only", "kettlebells"),
      variants=("", "Lateral", "Crossover", "High")),
    F("Deadlift", "strength", [H], (G, LB, Q, "forearms"), force="pull",
      equipment=("barbell", "dumbbell", "kettlebells", "bands"),
      variants=("", "Romanian", "Stiff-Legged", "Sumo", "Deficit", "Single-Leg",
                "Snatch-Grip", "Paused")),
    F("Good Morning", "strength", [H], (G, LB), force="pull",
      equipment=("barbell", "bands", "body only"), variants=("", "Seated", "Banded")),
    F("Hip Thrust", "strength", [G], (H, Q),
      equipment=("barbell", "dumbbell", "body only", "machine", "bands"),
      variants=("", "Single-Leg", "Paused")),
    F("Glute Bridge", "strength", [G], (H,), equipment=("body only", "barbell", "dumbbell",
                                                        "bands"),
      variants=("", "Single-Leg", "Marching", "Feet-Elevated")),
    F("Swing", "strength", [H], (G, S, LB), force="pull", equipment=("kettlebells", "dumbbell"),
      variants=("", "One-Arm", "Alternating", "Double")),
    F("Back Extension", "strength", [LB], (G, H), mechanic="isolation", force="pull",
      equipment=("machine", "body only"), variants=("", "45-Degree", "Reverse")),
    F("Leg Curl", "strength", [H], (C,), mechanic="isolation", force="pull",
      equipment=("machine", "cable", "bands", "dumbbell"),
      variants=("Lying", "Seated", "Standing", "Single-Leg")),
    F("Leg Extensions", "strength", [Q], (), mechanic="isolation",
      equipment=("machine", "bands", "cable"), variants=("", "Single-Leg")),
    F("Calf Raise", "strength", [C], (), mechanic="isolation",
      equipment=("machine", "barbell", "dumbbell", "body only", "bands"),
      variants=("Standing", "Seated", "Donkey", "Single-Leg", "Smith Machine")),
    F("Hip Adduction", "strength", ["adductors"], (), mechanic="isolation",
      equipment=("machine", "cable", "bands"), variants=("", "Standing")),
    F("Hip Abduction", "strength", ["abductors"], (G,), mechanic="isolation",
      equipment=("machine", "cable", "bands"), variants=("", "Standing", "Lying")),
    # ------------------------------------------------------------------ push
    F("Bench Press", "strength", [CH], (S, T), equipment=("barbell", "dumbbell", "machine"),
      variants=("", "Incline", "Decline", "Wide-Grip", "Neutral-Grip", "Paused",
                "Close-Grip")),
    F("Chest Press", "strength", [CH], (S, T), equipment=("machine", "cable", "bands"),
      variants=("", "Incline", "Decline", "Seated", "Standing", "Single-Arm")),
    F("Push-Ups", "strength", [CH], (S, T),
      variants=("", "Incline", "Decline", "Wide", "Close Triceps Position", "Archer",
                "Spiderman", "Feet-Elevated", "Knee", "Staggered-Hands")),
    F("Floor Press", "strength", [CH], (T, S), equipment=("barbell", "dumbbell", "kettlebells"),
      variants=("", "Alternating")),
    F("Dips", "strength", [T], (CH, S), variants=("Chest Version", "Triceps Version", "Bench",
                                                  "Weighted")),
    F("Flyes", "strength", [CH], (S,), mechanic="isolation",
      equipment=("dumbbell", "cable", "machine", "bands"),
      variants=("", "Incline", "Decline", "Flat", "Low-To-High", "High-To-Low", "Single-Arm")),
    F("Crossover", "strength", [CH], (S,), mechanic="isolation", equipment=("cable",),
      variants=("", "Low", "High")),
    F("Shoulder Press", "strength", [S], (T,),
      equipment=("barbell", "dumbbell", "machine", "kettlebells", "bands", "cable"),
      variants=("", "Seated", "Standing", "Single-Arm", "Alternating", "Neutral-Grip")),
    F("Military Press", "strength", [S], (T,), equipment=("barbell", "dumbbell"),
      variants=("Standing", "Seated", "Behind The Neck")),
    F("Push Press", "strength", [S], (T, Q), equipment=("barbell", "dumbbell", "kettlebells"),
      variants=("", "Single-Arm")),
    F("Lateral Raise", "strength", [S], (), mechanic="isolation",
      equipment=("dumbbell", "cable", "machine", "bands", "kettlebells"),
      variants=("", "Seated", "Standing", "Single-Arm", "Lean-Away", "Lying")),
    F("Front Raise", "strength", [S], (), mechanic="isolation",
      equipment=("dumbbell", "barbell", "cable", "bands", "other"),
      variants=("", "Alternating", "Single-Arm", "Incline")),
    F("Rear Delt Fly", "strength", [S], (MB,), mechanic="isolation", force="pull",
      equipment=("dumbbell", "cable", "machine", "bands"),
      variants=("", "Bent-Over", "Seated", "Lying", "Incline")),
    F("Upright Row", "strength", [S], (TR,), force="pull",
      equipment=("barbell", "dumbbell", "cable", "kettlebells")),
    F("Shrug", "strength", [TR], (), mechanic="isolation", force="pull",
      equipment=("barbell", "dumbbell", "cable", "machine", "kettlebells"),
      variants=("", "Behind The Back", "Seated")),
    F("Triceps Extension", "strength", [T], (), mechanic="isolation",
      equipment=("dumbbell", "barbell", "e-z curl bar", "cable", "bands", "kettlebells"),
      variants=("Overhead", "Lying", "Seated", "Standing", "Single-Arm", "Incline", "Decline")),
    F("Skullcrusher", "strength", [T], (), mechanic="isolation",
      equipment=("e-z curl bar", "barbell", "dumbbell")),
    F("Triceps Pushdown", "strength", [T], (), mechanic="isolation",
      equipment=("cable", "bands"),
      variants=("", "Rope Attachment", "V-Bar Attachment", "Reverse Grip", "Single-Arm")),
    F("Kickback", "strength", [T], (), mechanic="isolation", equipment=("dumbbell", "cable",
                                                                        "bands"),
      variants=("Tricep", "Single-Arm")),
    # ------------------------------------------------------------------ pull
    F("Rows", "strength", [MB], (L, B), force="pull",
      equipment=("barbell", "dumbbell", "cable", "machine", "kettlebells", "bands"),
      variants=("Bent Over", "Seated", "One-Arm", "Pendlay", "T-Bar", "Chest-Supported",
                "Reverse Grip", "Wide-Grip", "Close-Grip", "Incline", "Renegade")),
    F("Inverted Row", "strength", [MB], (L, B), force="pull",
      variants=("", "Feet-Elevated", "Wide-Grip")),
    F("Pulldown", "strength", [L], (B, MB), force="pull", equipment=("cable", "machine",
                                                                      "bands"),
      variants=("Wide-Grip Lat", "Close-Grip", "Reverse Grip", "V-Bar", "Single-Arm",
                "Underhand", "Behind The Neck")),
    F("Pullups", "strength", [L], (B, MB), force="pull",
      equipment=("body only", "bands", "machine"),
      variants=("", "Wide-Grip", "Close-Grip", "Neutral-Grip", "Weighted", "Kipping",
                "Commando", "Band-Assisted")),
    F("Chin-Up", "strength", [L], (B,), force="pull", equipment=("body only", "machine"),
      variants=("", "Weighted", "Close-Grip")),
    F("Pullover", "strength", [L], (CH, T), mechanic="isolation", force="pull",
      equipment=("dumbbell", "barbell", "cable"), variants=("", "Straight-Arm", "Bent-Arm")),
    F("Face Pull", "strength", [S], (MB, TR), force="pull", equipment=("cable", "bands")),
    F("Curl", "strength", [B], ("forearms",), mechanic="isolation", force="pull",
      equipment=("dumbbell", "barbell", "e-z curl bar", "cable", "bands", "kettlebells",
                 "machine"),
      variants=("", "Hammer", "Preacher", "Concentration", "Incline", "Spider", "Drag",
                "Reverse", "Zottman", "Alternate", "Cross-Body", "High Cable", "Standing",
                "Seated", "Wide-Grip", "Close-Grip")),
    F("Wrist Curl", "strength", ["forearms"], (), mechanic="isolation", force="pull",
      equipment=("barbell", "dumbbell", "cable"), variants=("", "Reverse", "Palms-Up Seated")),
    F("Neck Resistance", "strength", ["neck"], (), mechanic="isolation", force="pull",
      equipment=("other", "bands"), variants=("Lying Face Down Plate", "Side", "Front")),
    # ------------------------------------------------------------------ core
    F("Crunch", "strength", [AB], (), mechanic="isolation", force="pull",
      equipment=("body only", "cable", "machine", "bands", "exercise ball", "medicine ball"),
      variants=("", "Reverse", "Oblique", "Cross-Body", "Bicycle", "Decline", "Kneeling",
                "Weighted", "Frog")),
    F("Sit-Up", "strength", [AB], (), force="pull",
      equipment=("body only", "medicine ball", "exercise ball"),
      variants=("", "3/4", "Decline", "Weighted", "Butterfly")),
    F("Plank", "strength", [AB], (S,), mechanic="isolation", force="static",
      equipment=("body only", "exercise ball"),
      variants=("", "Side", "Reach", "Long-Lever", "Up-Down")),
    F("Leg Raise", "strength", [AB], (), mechanic="isolation", force="pull",
      equipment=("body only", "machine"),
      variants=("Hanging", "Lying", "Flat Bench", "Captain's Chair", "Bent-Knee Hanging")),
    F("Russian Twist", "strength", [AB], (), mechanic="isolation", force="pull",
      equipment=("body only", "medicine ball", "dumbbell", "kettlebells")),
    F("Ab Rollout", "strength", [AB], (S, L), force="pull",
      equipment=("other", "barbell", "exercise ball"), variants=("", "Kneeling", "Standing")),
    F("Pallof Press", "strength", [AB], (), mechanic="isolation", force="static",
      equipment=("cable", "bands"), variants=("", "Half-Kneeling", "Split-Stance")),
    F("Woodchop", "strength", [AB], (S,), force="pull",
      equipment=("cable", "bands", "medicine ball"), variants=("", "High-To-Low",
                                                                "Low-To-High")),
    F("Dead Bug", "strength", [AB], (), mechanic="isolation", force="static"),
    F("Pull Apart", "strength", [S], (MB,), mechanic="isolation", force="pull",
      equipment=("bands",), variants=("", "Overhead", "Diagonal")),
    F("Superman", "strength", [LB], (G,), mechanic="isolation", force="static",
      variants=("", "Alternating", "Swimmer")),
    F("Bird Dog", "strength", [LB], (AB, G), mechanic="isolation", force="static"),
    F("Pistol Squat", "strength", [Q], (G, H), variants=("", "Assisted", "Box")),
    F("Wall Sit", "strength", [Q], (G,), mechanic="isolation", force="static",
      variants=("", "Single-Leg")),
    F("Handstand Push-Ups", "strength", [S], (T,), variants=("", "Wall", "Pike")),
    F("Inchworm", "strength", [H], (AB, S), variants=("",)),
    F("Bear Crawl", "strength", [S], (Q, AB), variants=("", "Backward", "Lateral")),
    F("Hollow Hold", "strength", [AB], (), mechanic="isolation", force="static",
      variants=("", "Rock")),
    F("Nordic Hamstring Curl", "strength", [H], (G,), mechanic="isolation", force="pull",
      variants=("", "Assisted")),
    F("Single-Leg Deadlift", "strength", [H], (G, LB), force="pull",
      variants=("", "Reaching")),
    F("Jumping Jacks", "strength", [Q], (C, S), variants=("", "Seal", "Plank")),
    F("Burpee", "strength", [Q], (CH, S, AB), variants=("", "Half", "Push-Up")),
    F("Mountain Climbers", "strength", [AB], (Q, S)),
    F("Flutter Kicks", "strength", [AB], (G,), mechanic="isolation", force="pull"),
    F("Windmill", "strength", [AB], (G, H, S), mechanic="isolation",
      equipment=("kettlebells", "dumbbell", "body only"), variants=("", "Advanced")),
    # ------------------------------------------------------------------ powerlifting
    F("Board Press", "powerlifting", [T], (CH, S), equipment=("barbell",),
      variants=("", "One-Board", "Three-Board")),
    F("Bench Press With Bands", "powerlifting", [CH], (S, T), equipment=("barbell",),
      variants=("", "Reverse", "Speed")),
    F("Box Squat With Chains", "powerlifting", [Q], LEGS2, equipment=("barbell",),
      variants=("", "Speed")),
    F("Rack Pull", "powerlifting", [LB], (G, H, TR), force="pull", equipment=("barbell",),
      variants=("", "Below-Knee", "With Bands")),
    F("Deadlift With Chains", "powerlifting", [LB], (G, H), force="pull",
      equipment=("barbell",), variants=("", "Speed", "Sumo")),
    F("Pin Presses", "powerlifting", [T], (CH, S), equipment=("barbell",)),
    F("Anderson Squat", "powerlifting", [Q], LEGS2, equipment=("barbell",)),
    F("Floor Press With Chains", "powerlifting", [T], (CH,), equipment=("barbell",)),
    # ------------------------------------------------------------------ olympic
    F("Clean", "olympic weightlifting", [H], (Q, G, S, TR), force="pull",
      equipment=("barbell", "dumbbell", "kettlebells"),
      variants=("", "Power", "Hang", "Muscle", "Split", "Squat")),
    F("Snatch", "olympic weightlifting", [H], (Q, G, S, TR), force="pull",
      equipment=("barbell", "dumbbell", "kettlebells"),
      variants=("", "Power", "Hang", "Muscle", "Split", "Alternating")),
    F("Clean and Jerk", "olympic weightlifting", [S], (Q, H, G, T), equipment=("barbell",)),
    F("Jerk", "olympic weightlifting", [Q], (S, T), equipment=("barbell",),
      variants=("Split", "Push", "Power")),
    F("High Pull", "olympic weightlifting", [H], (TR, S), force="pull",
      equipment=("barbell", "kettlebells"), variants=("Clean", "Snatch")),
    F("Overhead Squat", "olympic weightlifting", [Q], (S, G, H), equipment=("barbell",)),
    F("Snatch Balance", "olympic weightlifting", [Q], (S, G), equipment=("barbell",),
      variants=("", "Heaving")),
    # ------------------------------------------------------------------ strongman
    F("Atlas Stones", "strongman", [LB], (G, H, B), force="pull", equipment=("other",)),
    F("Farmer's Walk", "strongman", ["forearms"], (AB, TR), mechanic="compound",
      force="static", equipment=("other", "dumbbell", "kettlebells")),
    F("Yoke Walk", "strongman", [Q], (AB, G), force="static", equipment=("other",)),
    F("Log Lift", "strongman", [S], (T, Q), equipment=("other",)),
    F("Tire Flip", "strongman", [Q], (G, H, S), equipment=("other",)),
    F("Sled Push", "strongman", [Q], (G, C), equipment=("other",), variants=("", "Heavy")),
    F("Sled Drag", "strongman", [Q], (G, H), force="pull", equipment=("other",),
      variants=("Harness", "Backward", "Reverse")),
    F("Suitcase Carry", "strongman", ["forearms"], (AB,), mechanic=None, force="static",
      equipment=("kettlebells", "dumbbell")),
    F("Keg Load", "strongman", [LB], (G, H), force="pull", equipment=("other",)),
    # ------------------------------------------------------------------ plyometrics
    F("Box Jump", "plyometrics", [H], (Q, G, C), equipment=("other",),
      variants=("Multiple Response", "Single-Leg", "Lateral", "Seated")),
    F("Depth Jump", "plyometrics", [Q], (H, G, C), equipment=("other",),
      variants=("", "Leap", "Single-Leg")),
    F("Broad Jump", "plyometrics", [Q], (H, G, C), variants=("Standing", "Single-Leg",
                                                             "Continuous")),
    F("Tuck Jump", "plyometrics", [Q], (H, G, C), variants=("", "Knee")),
    F("Split Jump", "plyometrics", [Q], (H, G), variants=("", "Scissor", "Alternating")),
    F("Bound", "plyometrics", [Q], (H, G, C), variants=("Alternate Leg Diagonal", "Lateral",
                                                        "Single-Leg")),
    F("Hops", "plyometrics", [C], (Q, H), variants=("Hurdle", "Single-Leg", "Side-To-Side",
                                                    "Ankle")),
    F("Jump Squat", "plyometrics", [Q], (G, H, C), equipment=("body only", "barbell",
                                                              "dumbbell", "kettlebells")),
    F("Clap Push-Up", "plyometrics", [CH], (S, T), variants=("", "Plyo", "Drop")),
    F("Slam", "plyometrics", [L], (AB, S), equipment=("medicine ball",),
      variants=("Overhead", "Rotational")),
    F("Chest Pass", "plyometrics", [CH], (S, T), equipment=("medicine ball",),
      variants=("", "Standing", "Kneeling")),
    F("Throw", "plyometrics", [S], (AB, CH), equipment=("medicine ball",),
      variants=("Overhead", "Side", "Underhand Backward")),
    F("Kettlebell Jump", "plyometrics", [Q], (G, H), equipment=("kettlebells",)),
    # ------------------------------------------------------------------ cardio
    F("Bicycling", "cardio", [Q], (G, H, C), mechanic=None,
      equipment=("machine", "other"), variants=("", "Stationary", "Recumbent")),
    F("Running", "cardio", [Q], (G, H, C), mechanic=None, equipment=("machine", "other"),
      variants=("Treadmill", "Trail")),
    F("Jogging", "cardio", [Q], (G, H, C), mechanic=None, equipment=("machine", "body only"),
      variants=("Treadmill", "")),
    F("Walking", "cardio", [Q], (G, H, C), mechanic=None, equipment=("machine",),
      variants=("Treadmill", "Incline Treadmill")),
    F("Rowing", "cardio", [Q], (MB, B, H), mechanic=None, equipment=("machine",),
      variants=("Stationary",)),
    F("Rope Jumping", "cardio", [Q], (C, H), mechanic=None),
    F("Elliptical Trainer", "cardio", [Q], (G, H), mechanic=None, equipment=("machine",)),
    F("Stairmaster", "cardio", [Q], (G, C), mechanic=None, equipment=("machine",)),
    F("Sprint Intervals", "cardio", [Q], (G, H, C), mechanic=None,
      equipment=("machine", "body only", "other"), variants=("Treadmill", "Bike", "")),
    F("Skating", "cardio", [Q], (G,), mechanic=None, equipment=("other",)),
    # ------------------------------------------------------------------ stretching
    F("Hamstring Stretch", "stretching", [H], (C,), mechanic=None, force="static",
      equipment=("body only", None, "bands", "other"),
      variants=("", "Seated", "Lying", "Standing", "90/90")),
    F("Quad Stretch", "stretching", [Q], (), mechanic=None, force="static",
      equipment=("body only", None), variants=("", "All Fours", "Lying", "Standing")),
    F("Calf Stretch", "stretching", [C], (), mechanic=None, force="static",
      equipment=("body only", None, "other"), variants=("", "Standing", "Seated",
                                                        "Elbows Back")),
    F("Chest Stretch", "stretching", [CH], (S,), mechanic=None, force="static",
      equipment=("body only", None, "other"), variants=("", "Doorway", "Dynamic",
                                                        "Behind Head")),
    F("Shoulder Stretch", "stretching", [S], (), mechanic=None, force="static",
      equipment=("body only", None, "bands"), variants=("", "Cross-Body", "Round The World",
                                                        "Behind The Back")),
    F("Triceps Stretch", "stretching", [T], (), mechanic=None, force="static",
      equipment=("body only", None), variants=("", "Overhead")),
    F("Lat Stretch", "stretching", [L], (), mechanic=None, force="static",
      equipment=("body only", None, "other"), variants=("", "Kneeling", "One Arm Against Wall")),
    F("Hip Flexor Stretch", "stretching", [Q], (G,), mechanic=None, force="static",
      equipment=("body only", None), variants=("", "Kneeling", "Lying", "Standing")),
    F("Groin Stretch", "stretching", ["adductors"], (), mechanic=None, force="static",
      equipment=("body only", None), variants=("", "Seated", "Side Lying", "Partner")),
    F("Glute Stretch", "stretching", [G], (H,), mechanic=None, force="static",
      equipment=("body only", None), variants=("", "Seated", "Lying", "Pigeon")),
    F("Lower Back Stretch", "stretching", [LB], (), mechanic=None, force="static",
      equipment=("body only", None, "exercise ball"),
      variants=("", "Cat", "Child's Pose", "Knee To Chest")),
    F("Neck Stretch", "stretching", ["neck"], (), mechanic=None, force="static",
      equipment=("body only", None), variants=("", "Side", "Chin To Chest")),
    F("Wrist Stretch", "stretching", ["forearms"], (), mechanic=None, force="static",
      equipment=("body only", None), variants=("", "Kneeling")),
    F("Abdominal Stretch", "stretching", [AB], (), mechanic=None, force="static",
      equipment=("body only", None, "exercise ball"), variants=("", "Cobra", "Standing")),
    F("Spinal Twist", "stretching", [MB], (LB,), mechanic=None, force="static",
      equipment=("body only", None), variants=("", "Seated", "Lying", "Standing")),
    F("Biceps Stretch", "stretching", [B], (), mechanic=None, force="static",
      equipment=("body only", None, "other"), variants=("", "Wall", "Seated")),
    F("Hip Circles", "stretching", ["abductors"], (G,), mechanic=None, force="pull",
      equipment=("body only", None), variants=("", "Prone", "Standing")),
    F("Leg Swings", "stretching", [H], (Q,), mechanic=None, force="pull",
      equipment=("body only", None), variants=("Front-To-Back", "Side-To-Side")),
    F("Arm Circles", "stretching", [S], (), mechanic=None, force="pull",
      equipment=("body only", None), variants=("", "Reverse", "Small")),
    F("Ankle Circles", "stretching", [C], (), mechanic=None, force="pull",
      equipment=("body only", None), variants=("", "Seated")),
    F("Upper Back Stretch", "stretching", [MB], (L,), mechanic=None, force="static",
      equipment=("body only", None), variants=("", "Kneeling", "Standing", "Partner")),
    F("IT Band Stretch", "stretching", ["abductors"], (), mechanic=None, force="static",
      equipment=("body only", None), variants=("", "Standing", "Lying")),
    F("Adductor", "stretching", ["adductors"], (), mechanic=None, force="static",
      equipment=("body only", None), variants=("Butterfly", "Frog", "Side Lunge")),
    F("SMR", "stretching", [C], (), mechanic="isolation", force="static",
      equipment=("foam roll",), variants=("Calves", "Quadriceps", "Hamstrings", "IT Band",
                                          "Lats", "Upper Back", "Glutes", "Adductors")),
)
BAND_FAMILIES = frozenset({"Pull Apart", "Face Pull", "Pallof Press", "Triceps Pushdown",
                           "Pulldown", "Pullups", "Good Morning", "Hip Abduction",
                           "Shoulder Stretch", "Hamstring Stretch", "Lateral Raise"})
SMR_MUSCLE = {"Calves": C, "Quadriceps": Q, "Hamstrings": H, "IT Band": "abductors",
              "Lats": L, "Upper Back": MB, "Glutes": G, "Adductors": "adductors"}
# fmt: on


def _name(family: Family, equipment: str | None, variant: str, rng: random.Random) -> str:
    """A name as free-exercise-db writes them: 'Incline Dumbbell Curl', 'Seated Cable Rows',
    'Dips - Triceps Version', 'Calves-SMR', 'Push-Ups - Close Triceps Position'."""
    word = EQUIPMENT_WORD.get(equipment, "")
    if family.stem == "SMR":
        return f"{variant}-SMR"
    if family.stem in ("Dips", "Push-Ups") and variant and rng.random() < 0.5:
        return f"{family.stem} - {variant}" + (" Version" if family.stem == "Dips" else "")
    if family.category == "cardio" and variant:
        return f"{family.stem}, {variant}"
    if family.category == "stretching" and word:
        word = f"With {word}"
        return " ".join(p for p in (variant, family.stem, word) if p)
    if word and word in family.stem:
        word = ""
    parts = [variant, word] if rng.random() < 0.7 else [word, variant]
    return " ".join(p for p in (*parts, family.stem) if p)


def _entry(family: Family, equipment: str | None, variant: str, rng: random.Random) -> dict:
    name = _name(family, equipment, variant, rng)
    primary = list(family.primary)
    if family.stem == "SMR":
        primary = [SMR_MUSCLE[variant]]
    if variant in ("Close-Grip", "Close Triceps Position") and family.stem in (
        "Bench Press",
        "Push-Ups",
    ):
        primary = [T]
    secondary = [m for m in family.secondary if m not in primary]
    if secondary and rng.random() < 0.25:  # real entries list secondary muscles unevenly
        secondary = secondary[: rng.randint(0, len(secondary))]
    level = rng.choices(LEVELS, LEVEL_WEIGHTS)[0]
    if family.category in ("olympic weightlifting", "powerlifting", "strongman"):
        level = rng.choice(("intermediate", "expert", "intermediate"))
    entry_id = re.sub(r"[^A-Za-z0-9\-]+", "_", name).strip("_")
    return {
        "name": name,
        "force": family.force,
        "level": level,
        "mechanic": family.mechanic,
        "equipment": equipment,
        "primaryMuscles": primary,
        "secondaryMuscles": secondary,
        "instructions": [
            f"Set up for the {name.lower()} with a neutral spine.",
            "Perform the movement under control for the prescribed repetitions.",
        ],
        "category": family.category,
        "images": [f"{entry_id}/0.jpg", f"{entry_id}/1.jpg"],
        "id": entry_id,
    }


def generate(n: int = 870, seed: int = 0) -> list[dict]:
    """`n` distinct entries in the free-exercise-db format, sorted by name like the real file;
    the categories in the real proportions as far as the families allow."""
    rng = random.Random(seed)
    pools: dict[str, list[dict]] = {}
    seen: set[str] = set()
    for family in FAMILIES:
        for equipment in family.equipment:
            if equipment == "bands" and family.stem not in BAND_FAMILIES:
                continue  # bands are rare in the real data
            for variant in family.variants:
                entry = _entry(family, equipment, variant, rng)
                if entry["id"].lower() in seen:
                    continue
                seen.add(entry["id"].lower())
                pools.setdefault(family.category, []).append(entry)
    for pool in pools.values():
        rng.shuffle(pool)
    picked: list[dict] = []
    for category, share in CATEGORY_SHARE.items():
        picked += pools.get(category, [])[: round(n * share)]
    if len(picked) < n:  # fill from what is left, strength first
        rest = [e for c in CATEGORY_SHARE for e in pools.get(c, [])[round(n * CATEGORY_SHARE[c]) :]]
        picked += rest[: n - len(picked)]
    return sorted(picked[:n], key=lambda e: e["name"].lower())


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=870, help="entries (default 870)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("-o", "--output", type=Path, help="JSON file (default: stdout)")
    args = parser.parse_args(argv)
    text = json.dumps(generate(args.n, args.seed), indent=2) + "\n"
    if args.output is None:
        sys.stdout.write(text)
    else:
        write_atomic(args.output, text)
        print(f"{args.n} entries written to {args.output}", file=sys.stderr)


if __name__ == "__main__":
    main()
