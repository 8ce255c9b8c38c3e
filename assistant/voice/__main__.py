"""``python -m assistant.voice [OUT_DIR]``: build the voice model (``make setup`` writes build/voice)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional, Sequence

from assistant.voice.language_model import DEFAULT_DIR, build_voice_model


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    model = build_voice_model(Path(args[0]) if args else DEFAULT_DIR)
    print(f"Voice model: {len(model.vocabulary)} words -> {model.lm_path}, {model.dict_path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
