"""Importing a GeoNames dump beside the packaged index."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from conftest import FIXTURES
from eventdesk.errors import GazetteerError
from eventdesk.gazetteer import IMPORT_FILE, index_path, load_gazetteer
from eventdesk.geonames_import import import_geonames
from eventdesk.settings import Options

DUMP = FIXTURES / "geonames"


@pytest.fixture()
def import_options(geo_options: Options, tmp_path: Path) -> Options:
    """A cache folder of its own that shares the session's packaged index."""
    options = dataclasses.replace(geo_options, cache_dir=tmp_path / "cache")
    index_path(options).parent.mkdir(parents=True)
    index_path(options).symlink_to(index_path(geo_options))
    return options


def test_import_counts_what_it_loaded(import_options: Options) -> None:
    counts = import_geonames([DUMP / "cities_sample.txt", DUMP / "alternateNamesV2_sample.txt",
                              DUMP / "admin1CodesASCII_sample.txt"], options=import_options)
    assert counts == {"entries": 4, "alternate_names": 1, "admin_names": 1}


def test_imported_villages_are_found_by_every_name(import_options: Options) -> None:
    import_geonames([DUMP / "cities_sample.txt", DUMP / "alternateNamesV2_sample.txt"],
                    options=import_options)
    gazetteer = load_gazetteer(import_options)
    for name in ("Qaryat Zaytunah", "Zaytouna Village", "Beer Harmaleh", "Bir Harmala"):
        assert any(e.geonameid >= 9_900_001 for e in gazetteer.candidates(name)), name
    village = next(e for e in gazetteer.candidates("Bir Harmala") if e.geonameid == 9_900_002)
    assert (village.country_code, village.admin1, village.feature_code) == ("SY", "11", "PPL")


def test_imported_entry_overrides_the_packaged_one(import_options: Options) -> None:
    import_geonames([DUMP / "cities_sample.txt"], options=import_options)
    tadmur = next(e for e in load_gazetteer(import_options).candidates("Palmyra") if e.geonameid == 163808)
    assert tadmur.feature_code == "PPLA2"


def test_link_rows_of_alternate_names_are_skipped(import_options: Options) -> None:
    import_geonames([DUMP / "cities_sample.txt", DUMP / "alternateNamesV2_sample.txt"],
                    options=import_options)
    assert not load_gazetteer(import_options).candidates("https://example.org/bir")


def test_malformed_dump_names_file_and_line_and_loads_nothing(import_options: Options) -> None:
    import_geonames([DUMP / "cities_sample.txt"], options=import_options)
    before = (index_path(import_options).parent / IMPORT_FILE).read_bytes()
    with pytest.raises(GazetteerError, match=r"cities_malformed\.txt:2: found 10 columns"):
        import_geonames([DUMP / "cities_malformed.txt"], options=import_options)
    assert (index_path(import_options).parent / IMPORT_FILE).read_bytes() == before
    assert not list(index_path(import_options).parent.glob("*.tmp"))


def test_bad_number_names_the_field(import_options: Options, tmp_path: Path) -> None:
    bad = tmp_path / "cities500.txt"
    fields = (DUMP / "cities_sample.txt").read_text(encoding="utf-8").splitlines()[0].split("\t")
    fields[4] = "north"
    bad.write_text("\t".join(fields) + "\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match=r"cities500\.txt:1: latitude 'north' is not a number"):
        import_geonames([bad], options=import_options)


@pytest.mark.parametrize("content", [b"\xff\xfe\x00binary\n", None])
def test_unreadable_dump_is_a_clear_error(import_options: Options, tmp_path: Path,
                                          content: bytes | None) -> None:
    path = tmp_path / "allCountries.txt"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(GazetteerError, match="allCountries.txt"):
        import_geonames([path], options=import_options)
    assert not (index_path(import_options).parent / IMPORT_FILE).exists()


def test_import_without_a_place_table_is_refused(import_options: Options) -> None:
    with pytest.raises(GazetteerError, match="no place table"):
        import_geonames([DUMP / "alternateNamesV2_sample.txt"], options=import_options)
