"""The bundled gazetteer: lookups, country/admin1 tables and the name matcher."""

from __future__ import annotations

import gzip
import time

import pytest

from fogofwar.errors import ResourceError
from fogofwar.geo.gazetteer import DATA_DIR, GazEntry, Gazetteer, load_gazetteer
from fogofwar.geo.normalize import fold_text, name_key


@pytest.fixture(scope="module")
def gaz(res) -> Gazetteer:  # noqa: ANN001 - the session fixture from conftest
    return res.gazetteer


def countries_of(gaz: Gazetteer, name: str) -> set[str]:
    return {e.country_code for e in gaz.candidates(name)}


def test_fold_text_keeps_length_and_offsets() -> None:
    for text in ["al-Raqqa, Syria", "Ḩamāh’s “old” town", "İstanbul", "Misrātah — مدينة"]:
        assert len(fold_text(text)) == len(text)
    assert fold_text("Deir ez-Zor") == "deir ez zor"


def test_name_key_ignores_case_diacritics_hyphens_and_article() -> None:
    assert name_key("al-Raqqa") == name_key("Ar Raqqa") == name_key("RAQQA") == "raqqa"
    assert name_key("Ḩamāh") == "hamah"
    assert name_key("el-Fasher") == "fasher"
    assert name_key("El Salvador") == "el salvador"  # a name, not an Arabic article


@pytest.mark.parametrize(
    ("name", "cc"),
    [
        ("Raqqa", "SY"),
        ("al-Raqqa", "SY"),
        ("Manbij", "SY"),
        ("Aleppo", "SY"),
        ("Idlib", "SY"),
        ("Idleb", "SY"),
        ("Fallujah", "IQ"),
        ("Falluja", "IQ"),
        ("Mosul", "IQ"),
        ("Baghdad", "IQ"),
        ("Sirte", "LY"),
        ("Misrata", "LY"),
        ("Tobruk", "LY"),
    ],
)
def test_conflict_towns_are_known(gaz: Gazetteer, name: str, cc: str) -> None:
    assert cc in countries_of(gaz, name)


def test_ambiguous_name_has_several_candidates(gaz: Gazetteer) -> None:
    assert {"LY", "LB"} <= countries_of(gaz, "Tripoli")


def test_entries_are_typed_records(gaz: Gazetteer) -> None:
    mosul = next(e for e in gaz.candidates("Mosul") if e.feature == "city")
    assert isinstance(mosul, GazEntry)
    assert mosul.id.startswith("geonames:")
    assert mosul.admin1 and gaz.admin1_code("IQ", "Nineveh") == mosul.admin1_code
    assert 36 < mosul.lat < 37 and 42 < mosul.lon < 44
    assert mosul.population > 500_000


def test_countries_use_acled_names_aliases_and_demonyms(gaz: Gazetteer) -> None:
    assert gaz.country_name("SY") == "Syria"
    assert gaz.country_name("IR") == "Iran"
    assert gaz.country_name("CD") == "Democratic Republic of Congo"
    assert gaz.country_code("Syrian Arab Republic") == "SY"
    assert gaz.country_code("DRC") == "CD"
    assert gaz.country_code("Iraqi") == "IQ"
    assert gaz.country_code("Libyan") == "LY"
    assert gaz.country_code("Narnia") is None
    assert gaz.country_by_code("iq").iso3 == "IRQ"


def test_admin1_spellings_resolve_to_one_unit(gaz: Gazetteer) -> None:
    for a, b in [
        ("Raqqa", "Ar Raqqah"),
        ("Ninawa", "Nineveh"),
        ("Al Anbar", "Anbar"),
        ("Saladin", "Salah ad Din"),
        ("Deir ez-Zor", "Dayr az Zawr"),
    ]:
        cc = "SY" if a in ("Raqqa", "Deir ez-Zor") else "IQ"
        assert gaz.admin1_code(cc, a) is not None
        assert gaz.admin1_code(cc, a) == gaz.admin1_code(cc, b)
    code = gaz.admin1_code("SY", "Idlib")
    assert gaz.admin1_name("SY", code) == "Idlib"


def test_find_returns_exact_spans_longest_first(gaz: Gazetteer) -> None:
    text = "Fighting near al-Raqqa and Deir ez-Zor, Syria, spread to Al Fallujah."
    hits = gaz.find(text)
    assert [h[2] for h in hits] == ["al-Raqqa", "Deir ez-Zor", "Syria", "Al Fallujah"]
    assert all(text[s:e] == surface for s, e, surface in hits)


def test_find_skips_lower_case_and_common_words(gaz: Gazetteer) -> None:
    text = "On Monday the police said they will march. Police in Homs said so."
    surfaces = [h[2] for h in gaz.find(text)]
    assert surfaces == ["Homs"]  # not "On", "Monday", "Police" (a town in Poland), "will"


def test_find_ignores_acronyms_that_are_not_countries(gaz: Gazetteer) -> None:
    surfaces = [h[2] for h in gaz.find("ISIS and the SDF fought near the US base.")]
    assert surfaces == ["US"]


def test_find_matches_multiword_country_names(gaz: Gazetteer) -> None:
    hits = gaz.find("in North Kivu, Democratic Republic of the Congo.")
    assert [h[2] for h in hits][-1] == "Democratic Republic of the Congo"


def test_load_is_fast_and_missing_data_is_a_resource_error(tmp_path) -> None:  # noqa: ANN001
    t0 = time.perf_counter()
    load_gazetteer()
    assert time.perf_counter() - t0 < 5.0  # ~1 s on the reference machine
    with pytest.raises(ResourceError):
        load_gazetteer(tmp_path)


def test_bundled_files_are_small_and_attributed() -> None:
    total = sum(p.stat().st_size for p in DATA_DIR.iterdir())
    assert total < 25_000_000
    with gzip.open(DATA_DIR / "places.tsv.gz", "rt", encoding="utf-8") as fh:
        assert fh.readline().startswith("geonameid\tname")
    assert "CC BY 4.0" in (DATA_DIR / "manifest.json").read_text(encoding="utf-8")


def test_admin1_code_strips_unit_words_and_matches_close_spellings(gaz: Gazetteer) -> None:
    idlib = gaz.admin1_code("SY", "Idlib")
    assert gaz.admin1_code("SY", "Idlib Governorate") == idlib
    assert gaz.admin1_code("SY", "Idlebb") is None  # exact by default
    assert gaz.admin1_code("SY", "Idlebb", fuzzy=True) == idlib
    assert gaz.admin1_code("SY", "Kandahar", fuzzy=True) is None


@pytest.mark.parametrize(
    ("cc", "spellings"),
    [
        ("AF", ["Ghōr", "Ghowr", "Ghor"]),  # ISO with diacritics, GeoNames, English
        ("SY", ["Ḩalab", "Aleppo"]),
        ("IT", ["Lazio", "Latium"]),  # ISO's Italian name, paired through its provinces
        ("ET", ["Oromia", "Oromiya"]),  # a close spelling
        ("NG", ["Nasarawa", "Nassarawa"]),
    ],
)
def test_iso_and_geonames_names_of_a_unit_are_one_unit(
    gaz: Gazetteer, cc: str, spellings: list[str]
) -> None:
    units = {
        (e.country_code, e.admin1_code)
        for name in spellings
        for e in gaz.candidates(name)
        if e.feature == "admin1" and e.country_code == cc
    }
    assert len(units) == 1
    (code,) = {c for _, c in units}
    assert not code.startswith("iso")  # the unit with towns, not an empty ISO copy
    # and its point lies among its towns, not at the country's mean
    unit = gaz.admin1(cc, code)
    country = gaz.country_by_code(cc)
    assert unit is not None and country is not None
    assert (unit.lat, unit.lon) != (country.lat, country.lon)


def test_distinct_units_stay_apart(gaz: Gazetteer) -> None:
    # "Middle" and "Lower" Shabelle differ by one word: no spelling rule may merge them
    mid = {e.admin1_code for e in gaz.candidates("Middle Shabelle") if e.feature == "admin1"}
    low = {e.admin1_code for e in gaz.candidates("Lower Shabelle") if e.feature == "admin1"}
    assert mid and low and not mid & low
