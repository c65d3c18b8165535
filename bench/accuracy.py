"""Score extraction against a GTD or ACLED CSV: the same as ``fogofwar bench accuracy``.

Example:
    python bench/accuracy.py --dataset gtd ../shared/data/gtd-2021h1/dev.csv --json out/gtd.json
"""

from fogofwar.bench_cli import accuracy

if __name__ == "__main__":
    accuracy()
