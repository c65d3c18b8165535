"""Benchmarks: accuracy against human-coded event data (GTD, ACLED) and its baselines."""

from fogofwar.benchmark.accuracy import FIELDS, AccuracyRun, run_accuracy, score_record, to_json
from fogofwar.benchmark.datasets import GoldRecord, clean_acled_notes, read_records, to_document

__all__ = [
    "FIELDS",
    "AccuracyRun",
    "GoldRecord",
    "clean_acled_notes",
    "read_records",
    "run_accuracy",
    "score_record",
    "to_document",
    "to_json",
]
