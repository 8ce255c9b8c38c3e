"""The guidance corpus and everything derived from it (passages, topics, answers)."""
