"""The evaluation gate: run Marsad's eval and bench commands and check their figures against floors.

Each check runs one `marsad ... --json` command, reads one figure from its output by a dotted path
and compares it with a pinned floor (or ceiling). Checks that need ../shared are skipped with a
message when it is absent. Exit status 1 when any figure misses its floor.

    .venv/bin/python .ci/eval_gate.py            # every check
    .venv/bin/python .ci/eval_gate.py --fast     # only the checks on the project's own dev sets
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
MARSAD = str(ROOT / ".venv" / "bin" / "marsad")
ANT = SHARED / "news" / "ant_v2.1_multisource.jsonl.gz"
NER_HELD_OUT = Path("/tmp/marsad-gate-ner.crfsuite")


@dataclass(frozen=True)
class Check:
    name: str
    command: list[str]
    figures: dict[str, tuple[str, float]]  # dotted path -> (">=" or "<=", bound)
    needs_shared: bool = False


CHECKS = [
    Check(
        "timex (dev set)",
        ["eval", "timex", "evalsets/timex_dev.jsonl"],
        {"marsad.overall.accuracy": (">=", 95.0)},
    ),
    Check(
        "quantities (dev set)",
        ["eval", "quantities", "evalsets/quantities_dev.jsonl"],
        {"marsad.overall.accuracy": (">=", 95.0), "numbers.accuracy": (">=", 95.0)},
    ),
    Check(
        "quotes (dev set)",
        ["eval", "quotes", "evalsets/quotes_dev.jsonl"],
        {
            "direct.found": (">=", 90.0),
            "direct.precision": (">=", 90.0),
            "speaker.accuracy": (">=", 90.0),
        },
    ),
    Check(
        "events (dev set)",
        ["eval", "events", "evalsets/events_dev.jsonl"],
        {
            "per_type.ASSAULT.recall": (">=", 85.0),
            "per_type.PROTEST.recall": (">=", 85.0),
            "target_country.accuracy": (">=", 70.0),
            "no_event_sentences.false_event_rate": ("<=", 10.0),
        },
    ),
    Check(
        # The shipped model also learns the dev split (marsad train ner --final), so the recipe
        # is checked: a model trained here on the first 90% of train.conll, scored on the rest.
        "NER on the ANERcorp dev split (last 10% of train.conll, held out of this model)",
        ["train", "ner", "--no-final", "--out", str(NER_HELD_OUT)],
        {"dev.micro.f1": (">=", 74.0)},
        needs_shared=True,
    ),
    Check(
        # A regression guard, not the target: the target (>= 50 articles/s) is measured on the
        # whole corpus, where caches of words and names are warm (51.9 on a machine that gives
        # 37.5-40.6 here; 58-67 here on faster machines). The floor leaves room for slow CI hosts.
        "full pipeline speed (1,000 ANT articles, one process)",
        ["bench", str(ANT), "--limit", "1000"],
        {"articles_per_s": (">=", 30.0)},
        needs_shared=True,
    ),
]


def figure(data: object, path: str) -> float:
    for key in path.split("."):
        if not isinstance(data, dict) or key not in data:
            raise KeyError(path)
        data = data[key]
    return float(data)  # type: ignore[arg-type]


def run(check: Check) -> bool:
    if check.needs_shared and not SHARED.is_dir():
        print(f"SKIP {check.name}: needs ../shared/data beside the checkout")
        return True
    proc = subprocess.run(
        [MARSAD, *check.command, "--json"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    if proc.returncode not in (0, 1) or not proc.stdout.strip():
        print(f"FAIL {check.name}: exit {proc.returncode}\n{proc.stderr[-2000:]}")
        return False
    data = json.loads(proc.stdout)
    ok = True
    for path, (op, bound) in check.figures.items():
        value = figure(data, path)
        passed = value >= bound if op == ">=" else value <= bound
        ok &= passed
        mark = "ok  " if passed else "FAIL"
        print(f"{mark} {check.name}: {path} = {value:g} (floor {op} {bound:g})")
    return ok


def main() -> int:
    fast = "--fast" in sys.argv[1:]
    results = [run(c) for c in CHECKS if not (fast and c.needs_shared)]
    print(f"eval gate: {sum(results)} passed, {len(results) - sum(results)} failed")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
