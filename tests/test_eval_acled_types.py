"""The ACLED evaluator's type-name mapping on rows of our own (stop 13)."""

from __future__ import annotations

from pathlib import Path

from eventdesk.eval_acled import read_acled

HEADER = "event_date,event_type,sub_event_type,notes,fatalities\n"


def test_read_acled_current_name_with_a_sub_type_is_not_mapped(tmp_path: Path) -> None:
    csv_path = tmp_path / "export.csv"
    csv_path.write_text(HEADER + '2025-05-02,Violence against civilians,Attack,"On 2 May 2025, gunmen shot a trader.",1\n'
                        + '2012-05-02,Violence against civilians,,"On 2 May 2012, gunmen shot a trader.",1\n'
                        + '2012-05-03,Remote violence,,"On 3 May 2012, a mortar hit a market.",0\n', "utf-8")
    rows = read_acled(csv_path)
    assert [(r.event_type, r.sub_event_type, r.mapped_from) for r in rows] == [
        ("Violence against civilians", "Attack", ""),
        ("Violence against civilians", "", "Violence against civilians"),
        ("Explosions/Remote violence", "", "Remote violence")]
