"""The accuracy harness: readers, normalisation and scoring rules, on invented records."""

from __future__ import annotations

import csv
import json
from dataclasses import replace
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest

from fogofwar.benchmark import baselines as bl
from fogofwar.benchmark.accuracy import (
    FIELDS,
    confusions,
    records_path,
    run_accuracy,
    score_record,
    to_json,
)
from fogofwar.benchmark.datasets import (
    GTD_COLUMNS,
    GoldRecord,
    clean_acled_notes,
    read_records,
    to_document,
)
from fogofwar.benchmark.names import (
    actor_key,
    admin1_key,
    country_key,
    haversine_km,
    is_unidentified,
    same_admin1,
    strip_acled_period,
)
from fogofwar.benchmark.prediction import PredActor, Prediction, from_event
from fogofwar.model import DateMention, EventMention, Figure
from fogofwar.resources import Resources

# ---- small fakes ----------------------------------------------------------------------


class FakeActors:
    """A two-entry dictionary: any spelling of these names maps to one id."""

    ids = {
        "islamic state": "isis",
        "isil": "isis",
        "islamic state of iraq and the levant isil": "isis",
        "military forces of iraq": "military_forces_of_iraq",
        "iraqi army": "military_forces_of_iraq",
    }

    def country_code(self, name: str) -> str | None:
        return "IQ" if name == "Iraq" else None

    def canonicalise(self, name: str, country: str | None = None) -> SimpleNamespace | None:
        key = actor_key(name)
        return SimpleNamespace(id=self.ids[key]) if key in self.ids else None


class FakeGazetteer:
    def country_code(self, name: str) -> str | None:
        return {"iraq": "IQ", "syria": "SY", "republic of iraq": "IQ"}.get(name.lower())

    def admin1_code(self, cc: str, name: str) -> str | None:
        # GeoNames lists "Nineveh" and "Ninawa" as names of one Iraqi governorate.
        return "15" if cc == "IQ" and admin1_key(name) in ("nineveh", "ninawa") else None


RES = Resources(gazetteer=FakeGazetteer(), actors=FakeActors(), lexicon=None)  # type: ignore[arg-type]

GOLD = GoldRecord(
    dataset="gtd",
    id="x1",
    text="06/02/2019: Invented text.",
    event_date=date(2019, 6, 2),
    country="Iraq",
    admin1="Nineveh",
    location="Mosul",
    lat=36.34,
    lon=43.13,
    town_precision=True,
    attack_type="Bombing/Explosion",
    actor1="Islamic State of Iraq and the Levant (ISIL)",
    fatalities=4,
    wounded=None,
)
RIGHT = Prediction(
    country="Iraq",
    admin1="Ninawa",
    place="Mosul",
    lat=36.35,
    lon=43.12,
    event_type="Explosions/Remote violence",
    sub_event_type="Remote explosive/landmine/IED",
    actor1=PredActor("Islamic State", "isis"),
    fatalities=4,
    wounded=3,
    date=date(2019, 6, 2),
)


def _correct(gold: GoldRecord, pred: Prediction) -> dict[str, bool | None]:
    return {k: v.correct for k, v in score_record(gold, pred, RES).items()}


# ---- names ----------------------------------------------------------------------------


def test_admin1_spellings_that_are_the_same_unit_match():
    assert same_admin1("Ninawa Governorate", "Ninawa")
    assert same_admin1("Al-Anbar", "Anbar Province")
    assert same_admin1("Salah ad Din", "Salah ad-Din")
    assert same_admin1("Hérat", "herat")
    assert same_admin1("Nangarhar", "Nangahar")  # ratio >= 90 on the folded names


def test_admin1_different_units_do_not_match():
    assert not same_admin1("Kunduz", "Kunar")
    assert not same_admin1("Anbar", "Babil")
    assert not same_admin1("Niger State", "Nigeria")
    assert not same_admin1("Aleppo", None)


def test_country_spellings():
    assert country_key("Democratic Republic of the Congo") == country_key("DR Congo")
    assert country_key("Democratic Republic of Congo") == country_key("DR Congo")
    assert country_key("Côte d'Ivoire") == country_key("Ivory Coast")
    assert country_key("West Bank and Gaza Strip") == country_key("Palestine")
    assert country_key("Niger") != country_key("Nigeria")
    assert country_key("Republic of Congo") != country_key("Democratic Republic of Congo")
    assert country_key("") is None


def test_acled_actor_names():
    assert strip_acled_period("Military Forces of Syria (2000-)") == "Military Forces of Syria"
    assert (
        strip_acled_period("Military Forces of Yemen (2016-) Supreme Political Council")
        == "Military Forces of Yemen Supreme Political Council"
    )
    assert strip_acled_period("Police Forces of Iraq (2014-2018)") == "Police Forces of Iraq"
    assert is_unidentified("Unidentified Armed Group (Afghanistan)")
    assert is_unidentified("Unknown")
    assert not is_unidentified("Taliban")


def test_haversine():
    assert haversine_km(36.34, 43.13, 36.34, 43.13) == 0
    # Baghdad to Mosul is about 340 km as the crow flies.
    assert 330 < haversine_km(33.31, 44.37, 36.34, 43.13) < 360


# ---- ACLED notes cleaning ---------------------------------------------------------------


def test_clean_acled_notes_drops_coding_remarks_only():
    notes = (
        "Looting: On 3 May 2019, men looted a market in Townville. Two traders were killed; "
        "fatalities coded as 2. Fatalities coded as 2 (Local Radio reported 3). "
        "Police arrived later. [size=dozens]"
    )
    assert clean_acled_notes(notes) == (
        "On 3 May 2019, men looted a market in Townville. Two traders were killed. "
        "Police arrived later."
    )


def test_clean_acled_notes_drops_coding_asides_but_keeps_the_sentence():
    notes = (
        "On 2 May 2019, allied forces (coded as Hill Brigade) attacked a camp 20km north of "
        "Townville, coded at approximate location as Rivertown (East Bank), and killed 4."
    )
    assert clean_acled_notes(notes) == (
        "On 2 May 2019, allied forces attacked a camp 20km north of Townville, and killed 4."
    )


def test_clean_acled_notes_keeps_ordinary_sentences():
    notes = "On 4 May 2019, a crowd protested in Townville. No fatalities were reported."
    assert clean_acled_notes(notes) == notes
    assert clean_acled_notes("On 5 May 2019, 3 soldiers died. 3 fatalities.") == (
        "On 5 May 2019, 3 soldiers died."
    )
    assert "split" not in clean_acled_notes(
        "On 5 May 2019, shelling hit two villages. Fatalities split between 2 events."
    )


# ---- readers ---------------------------------------------------------------------------


def _write_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def _gtd_row(**kw: str) -> dict[str, str]:
    row = {c: "" for c in (*GTD_COLUMNS, "approxdate")}
    row |= {
        "eventid": "201906020001",
        "event_date": "2019-06-02",
        "country_txt": "Iraq",
        "provstate": "Nineveh",
        "city": "Mosul",
        "latitude": "36.34",
        "longitude": "43.13",
        "specificity": "1",
        "summary": "06/02/2019: A bomb exploded near a market in Mosul, killing four people.",
        "attacktype1_txt": "Bombing/Explosion",
        "gname": "Unknown",
        "nkill": "4",
        "nwound": "-99",
    }
    return row | kw


def test_gtd_reader_turns_unknown_codes_into_none(tmp_path):
    path = _write_csv(
        tmp_path / "g.csv",
        [
            _gtd_row(),
            _gtd_row(eventid="2", nkill="", provstate="Unknown", specificity="4"),
            _gtd_row(eventid="3", summary=""),
            _gtd_row(eventid="4", attacktype1_txt="Unknown", nkill="-9"),
            _gtd_row(eventid="5", approxdate="June 1-3, 2019"),
            _gtd_row(eventid="6", approxdate="06/02/2019"),
        ],
    )
    recs = list(read_records("gtd", path))
    assert [r.id for r in recs] == ["201906020001", "2", "4", "5", "6"]  # "3" has no text
    first, second, fourth, ranged, approx_day = recs
    assert ranged.event_date is None  # a date range is not an exact day: not scored
    assert approx_day.event_date == date(2019, 6, 2)
    assert (first.fatalities, first.wounded, first.town_precision) == (4, None, True)
    assert (second.fatalities, second.admin1, second.town_precision) == (None, None, False)
    assert (fourth.attack_type, fourth.fatalities) == (None, None)
    assert read_records("gtd", path, limit=1).__next__().id == "201906020001"


def test_reader_rejects_a_csv_with_other_columns(tmp_path):
    from fogofwar.errors import IngestError

    path = _write_csv(tmp_path / "x.csv", [{"a": "1", "b": "2"}])
    with pytest.raises(IngestError, match="missing columns"):
        list(read_records("acled", path))


def test_document_is_published_the_day_after_the_event():
    doc = to_document(GOLD)
    assert doc.published == date(2019, 6, 3)
    assert doc.text == GOLD.text


# ---- scoring rules ---------------------------------------------------------------------


def test_a_fully_right_prediction_scores_every_known_field():
    got = _correct(GOLD, RIGHT)
    assert set(got) == set(FIELDS["gtd"])
    assert got["wounded"] is None  # gold unknown (-99): not scored, however we answer
    assert all(v for k, v in got.items() if k != "wounded")


def test_wrong_answers_are_wrong():
    wrong = replace(
        RIGHT,
        country="Syria",
        admin1="Anbar",
        lat=33.42,
        lon=43.30,
        event_type="Battles",
        actor1=PredActor("Iraqi army", "military_forces_of_iraq"),
        fatalities=6,
        date=date(2019, 6, 1),
    )
    got = _correct(GOLD, wrong)
    assert not any(got[k] for k in ("country", "admin1", "location_25km", "attack_type"))
    assert not any(got[k] for k in ("actor1", "fatalities", "fatalities_pm1", "date"))


def test_country_by_gazetteer_code():
    assert _correct(GOLD, replace(RIGHT, country="Republic of Iraq"))["country"] is True
    assert _correct(GOLD, replace(RIGHT, country=None))["country"] is False


def test_fatalities_within_one():
    got = _correct(GOLD, replace(RIGHT, fatalities=5))
    assert (got["fatalities"], got["fatalities_pm1"]) == (False, True)


def test_location_is_only_scored_at_town_precision():
    vague = replace(GOLD, town_precision=False)
    assert _correct(vague, RIGHT)["location_25km"] is None
    assert _correct(GOLD, replace(RIGHT, lat=None, lon=None))["location_25km"] is False
    result = score_record(GOLD, RIGHT, RES)["location_25km"]
    assert result.km is not None and result.km < 2


def test_unknown_perpetrator_is_right_only_when_we_name_none():
    unknown = replace(GOLD, actor1="Unknown")
    assert _correct(unknown, replace(RIGHT, actor1=None))["actor1"] is True
    assert _correct(unknown, RIGHT)["actor1"] is False
    unidentified = PredActor("Unidentified Armed Group (Iraq)", "unidentified_armed_group")
    assert _correct(unknown, replace(RIGHT, actor1=unidentified))["actor1"] is True


def test_actor_matches_through_the_dictionary_or_the_same_name():
    acled = replace(GOLD, dataset="acled", actor1="Military Forces of Iraq (2003-)")
    army = PredActor("Iraqi army", None)
    assert _correct(acled, replace(RIGHT, actor1=army))["actor1"] is True
    other = replace(acled, actor1="Protesters (Iraq)")
    assert _correct(other, replace(RIGHT, actor1=PredActor("Protesters (Iraq)")))["actor1"]
    assert _correct(other, replace(RIGHT, actor1=army))["actor1"] is False


def test_acled_fields_and_empty_actor2_is_not_scored():
    acled = replace(GOLD, dataset="acled", event_type="Battles", sub_event_type="Armed clash")
    got = _correct(acled, replace(RIGHT, event_type="Battles", sub_event_type="Armed clash"))
    assert set(got) == set(FIELDS["acled"])
    assert got["event_type"] and got["sub_event_type"]
    assert got["actor2"] is None


def test_gtd_attack_type_uses_the_mapping_table():
    assault = replace(GOLD, attack_type="Armed Assault")
    clash = replace(RIGHT, event_type="Battles", sub_event_type="Armed clash")
    assert _correct(assault, clash)["attack_type"] is True
    protest = replace(RIGHT, event_type="Protests", sub_event_type="Peaceful protest")
    assert _correct(assault, protest)["attack_type"] is False
    assert _correct(replace(GOLD, attack_type=None), clash)["attack_type"] is None


# ---- baselines -------------------------------------------------------------------------


def test_naive_number_before_killed():
    assert bl.first_number_before("Gunmen killed 3 people.", bl._KILLED) == 0
    assert bl.first_number_before("On 2 May, 3 people were killed.", bl._KILLED) == 3
    assert bl.first_number_before("Five soldiers were killed. 9 hurt.", bl._KILLED) == 5
    assert bl.first_number_before("A bomb went off in a market.", bl._KILLED) == 0
    assert bl.first_number_before("Some 12 people were injured.", bl._WOUNDED) == 12


# ---- the whole run and its JSON ----------------------------------------------------------


def test_run_writes_the_documented_json_shape(tmp_path):
    path = _write_csv(tmp_path / "g.csv", [_gtd_row(), _gtd_row(eventid="2", country_txt="Chad")])
    systems = {
        "ours": lambda ad, res, ds: RIGHT,
        "naive": lambda ad, res, ds: Prediction(country="Iraq"),
    }
    lines: list[dict] = []

    def identity(ad, *, res):
        return ad

    run = run_accuracy(
        "gtd", path, res=RES, pipeline=identity, systems=systems, on_record=lines.append
    )  # type: ignore[arg-type]
    summary = json.loads(json.dumps(to_json(run)))
    assert set(summary) == {"dataset", "records", "records_per_s", "fields", "subsets", "baselines"}
    assert summary["dataset"] == "gtd" and summary["records"] == 2
    assert set(summary["fields"]) == set(FIELDS["gtd"])
    assert summary["fields"]["country"] == {"correct": 1, "scored": 2, "share": 0.5}
    isl = summary["subsets"]["iraq_syria_libya"]["fields"]
    assert isl["country"] == {"correct": 1, "scored": 1, "share": 1.0}
    assert summary["baselines"]["naive"]["fields"]["country"]["correct"] == 1
    assert len(lines) == 2 and lines[0]["fields"]["fatalities"]["gold"] == 4
    assert lines[0]["baselines"]["naive"]["country"] is True
    assert records_path(tmp_path / "o.json") == tmp_path / "o.records.jsonl"
    assert confusions(lines, "attack_type") == []
    assert confusions(lines, "wounded") == []  # unknown gold: never an error


# ---- our prediction from the main event ------------------------------------------------


def _figure(kind: str, best: int | None, low: int | None = None) -> Figure:
    return Figure("d", 0, 1, "x", 0, kind, low, best, None, None)  # type: ignore[arg-type]


def _event(**kw: object) -> EventMention:
    base = dict(
        id="d:0:0", doc_id="d", start=0, end=6, text="killed", sentence=0,
        sentence_text="", plover_type="ASSAULT", event_type="Battles",
        sub_event_type="Armed clash",
    )  # fmt: skip
    return EventMention(**(base | kw))  # type: ignore[arg-type]


def test_prediction_sums_killed_figures_of_the_main_event():
    figures = (_figure("killed", 3), _figure("killed", None, low=2), _figure("injured", 5))
    pred = from_event(_event(figures=figures), None)
    assert (pred.fatalities, pred.wounded, pred.event_type) == (5, 5, "Battles")
    assert from_event(_event(), None).fatalities == 0  # no figure stated: coders write 0


def test_prediction_falls_back_to_the_lead_date_and_main_place():
    day = date(2019, 6, 2)
    assert from_event(None, None, day).date == day
    assert from_event(_event(), None, day).date == day
    week = DateMention("d", 0, 4, "last week", 0, date(2019, 5, 20), date(2019, 5, 26), "week")
    assert from_event(_event(date=week), None, day).date is None  # the event says a week


def test_errors_command_lists_confusions(tmp_path):
    from click.testing import CliRunner

    from fogofwar.bench_cli import bench

    line = {"fields": {"admin1": {"gold": "Anbar", "ours": "Babil", "correct": False}}}
    path = tmp_path / "r.records.jsonl"
    path.write_text(json.dumps(line) + "\n" + json.dumps(line) + "\n", encoding="utf-8")
    out = CliRunner().invoke(bench, ["errors", str(path), "--field", "admin1"])
    assert out.exit_code == 0, out.output
    assert "Anbar" in out.output and "Babil" in out.output and "2" in out.output


def test_real_pipeline_on_invented_records(tmp_path, res):
    """The harness runs the bundled pipeline and baselines end to end (texts are ours)."""
    rows = [
        _gtd_row(),
        _gtd_row(
            eventid="2",
            country_txt="Syria",
            provstate="Aleppo",
            city="Manbij",
            latitude="36.53",
            longitude="37.95",
            summary="06/02/2019: Gunmen shot dead two farmers near Manbij, Aleppo, Syria. "
            "No group claimed responsibility for the incident.",
            attacktype1_txt="Armed Assault",
            nkill="2",
        ),
    ]
    lines: list[dict] = []
    run = run_accuracy("gtd", _write_csv(tmp_path / "g.csv", rows), res=res, on_record=lines.append)
    summary = to_json(run)
    assert summary["records"] == 2 and summary["records_per_s"] > 0
    assert set(summary["baselines"]) == {"naive", "geotext"}
    assert summary["fields"]["country"]["scored"] == 2
    assert [line["fields"]["country"]["ours"] for line in lines] == ["Iraq", "Syria"]
