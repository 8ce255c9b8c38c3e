"""Five-fold cross-validation of the NLU (`cin-assistant nlu-cv`, `make nlu-cv`).

Runs ``rasa test nlu --nlu data/nlu --config config.yml --cross-validation
--folds N --out results/cv`` and prints the intent F1 (and entity F1 when the
pipeline extracts entities) from what Rasa 3.6 writes there: with
``--cross-validation`` the reports under ``--out`` (``intent_report.json``,
``<extractor>_report.json``) cover the test predictions of all folds together,
and the per-fold means and standard deviations are logged as
``test f1_score: 0.912 (0.013)``, which this module also picks up.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional

from assistant.config import PROJECT_ROOT

DEFAULT_OUT = PROJECT_ROOT / "results" / "cv"
_FOLD_LINE = re.compile(
    r"(?P<set>train|test) (?P<metric>f1_score|precision|accuracy): (?P<mean>[0-9.]+) \((?P<std>[0-9.]+)\)"
)
_SKIP_REPORTS = {"intent_report.json", "response_selection_report.json"}


@dataclass
class CvFigures:
    intent: Dict[str, float] = field(default_factory=dict)  # macro_f1, weighted_f1, accuracy
    entities: Dict[str, Dict[str, float]] = field(default_factory=dict)  # extractor -> figures
    folds: Dict[str, Dict[str, tuple]] = field(default_factory=dict)  # section -> "test f1_score" -> (mean, std)

    def render(self, folds: int, out: Path) -> str:
        lines = [f"NLU {folds}-fold cross-validation (reports in {out}):"]
        if self.intent:
            lines.append(
                f"  intents:  macro F1 {self.intent.get('macro_f1', float('nan')):.3f}, weighted F1 "
                f"{self.intent.get('weighted_f1', float('nan')):.3f}, accuracy {self.intent.get('accuracy', float('nan')):.3f}"
                " (all folds' test predictions pooled)"
            )
        for name, figs in sorted(self.entities.items()):
            lines.append(
                f"  entities ({name}): macro F1 {figs.get('macro_f1', float('nan')):.3f}, weighted F1 "
                f"{figs.get('weighted_f1', float('nan')):.3f}, micro F1 {figs.get('micro_f1', float('nan')):.3f}"
            )
        for section, metrics in self.folds.items():
            if "test f1_score" in metrics:
                mean, std = metrics["test f1_score"]
                lines.append(f"  {section} per-fold test F1 (weighted): mean {mean:.3f}, std {std:.3f}")
        if len(lines) == 1:
            lines.append("  no report found: did `rasa test nlu` fail? (see its output above)")
        return "\n".join(lines)


def _figures(report: Dict) -> Dict[str, float]:
    out: Dict[str, float] = {}
    for key, name in (("macro avg", "macro_f1"), ("weighted avg", "weighted_f1"), ("micro avg", "micro_f1")):
        if isinstance(report.get(key), dict) and "f1-score" in report[key]:
            out[name] = float(report[key]["f1-score"])
    if isinstance(report.get("accuracy"), (int, float)):
        out["accuracy"] = float(report["accuracy"])
    return out


def parse_reports(out: Path, log_text: str = "") -> CvFigures:
    """The F1 figures from the report files Rasa wrote under ``out`` (and its log, if given)."""
    figs = CvFigures()
    intent = out / "intent_report.json"
    if intent.is_file():
        figs.intent = _figures(json.loads(intent.read_text(encoding="utf-8")))
    for path in sorted(out.glob("*_report.json")):
        if path.name in _SKIP_REPORTS:
            continue
        figs.entities[path.name[: -len("_report.json")]] = _figures(json.loads(path.read_text(encoding="utf-8")))
    section = "intent"
    for line in log_text.splitlines():
        if "Entity evaluation results" in line or "Entity extractor:" in line:
            section = (
                "entity" if "Entity extractor:" not in line else "entity " + line.split("Entity extractor:")[1].strip()
            )
        elif "Intent evaluation results" in line:
            section = "intent"
        m = _FOLD_LINE.search(line)
        if m:
            figs.folds.setdefault(section, {})[f"{m['set']} {m['metric']}"] = (float(m["mean"]), float(m["std"]))
    return figs


def run_cv(
    folds: int = 5, out: Path = DEFAULT_OUT, nlu: Optional[Path] = None, config: Optional[Path] = None
) -> CvFigures:
    """Run Rasa's cross-validation (its output streamed) and return the parsed figures."""
    out = Path(out)
    command: List[str] = [
        sys.executable,
        "-m",
        "rasa",
        "test",
        "nlu",
        "--nlu",
        str(nlu or PROJECT_ROOT / "data" / "nlu"),
        "--config",
        str(config or PROJECT_ROOT / "config.yml"),
        "--cross-validation",
        "--folds",
        str(folds),
        "--out",
        str(out),
        "--no-plot",
    ]
    out.mkdir(parents=True, exist_ok=True)
    proc = subprocess.Popen(command, cwd=PROJECT_ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    captured: List[str] = []
    assert proc.stdout is not None
    try:
        for line in proc.stdout:
            captured.append(line)
            sys.stdout.write(line)
        proc.wait()
    except KeyboardInterrupt:
        proc.terminate()
        proc.wait()
        raise
    text = "".join(captured)
    (out / "cv.log").write_text(text, encoding="utf-8")
    if proc.returncode != 0:
        print(f"rasa test nlu exited with {proc.returncode}", file=sys.stderr)
    return parse_reports(out, text)


__all__ = ["CvFigures", "DEFAULT_OUT", "parse_reports", "run_cv"]
