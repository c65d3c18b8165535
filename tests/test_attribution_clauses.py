"""A subordinate clause opens before its own subject: the claimant starts after it."""

from __future__ import annotations

from datetime import date

import pytest

from fogofwar.extract.pipeline import extract_text


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        (
            "The minister declared the town liberated, after the commander of the operation "
            "announced that the last district had been cleared.",
            "commander of the operation",
        ),
        ("Shelling resumed once the ministry said the truce was over.", "ministry"),
        ("Families fled before the governor said 40 houses had burned.", "governor"),
    ],
)
def test_claimant_starts_after_the_subordinator(res, text: str, claimant: str) -> None:
    ad = extract_text(text, published=date(2016, 6, 1), res=res)
    assert [a.claimant for a in ad.attributions] == [claimant]


def test_a_plain_subject_is_kept_whole(res) -> None:
    ad = extract_text("Local officials said 12 people died.", published=date(2016, 6, 1), res=res)
    assert [a.claimant.lower() for a in ad.attributions] == ["local officials"]
