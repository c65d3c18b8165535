"""Shared fixtures: bundled resources loaded once per session, paths to ../shared."""

from __future__ import annotations

from pathlib import Path

import pytest

from fogofwar.resources import Resources, load_resources

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SAMPLES = ROOT / "src" / "fogofwar" / "data" / "samples"


@pytest.fixture(scope="session")
def res() -> Resources:
    """The real bundled resources (gazetteer, actor dictionary, event lexicon)."""
    return load_resources()


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    path = SHARED / "seeds"
    if not path.is_dir():
        pytest.skip(f"{path} is absent: put the project's shared/ folder beside the repo")
    return path


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return SAMPLES
