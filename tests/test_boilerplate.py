"""Boilerplate removal: kinds of line go, headlines and body sentences stay."""

from __future__ import annotations

import pytest

from eventdesk.boilerplate import boilerplate_kind, load_rules, strip_boilerplate

BODY = (
    "Rescue teams reached the flooded villages on Thursday, officials said.\n\n"
    "At least 14 people were killed and hundreds more were forced from their homes."
)


@pytest.mark.parametrize("line,kind", [
    ("This story is over 5 years old.", "age notice"),
    ("This article is more than 2 years old", "age notice"),
    ("Follow Marta Lindgren on Twitter: @mlindgren", "social follow"),
    ("Follow us on Facebook", "social follow"),
    ("You can follow Omar Said on X", "social follow"),
    ("@northernledger", "social follow"),
    ("Related: Ten years of flooding in the valley", "related link"),
    ("READ MORE: How the dam was built", "related link"),
    ("See also: The river's long history", "related link"),
    ("Related stories", "related link"),
    ("Photo via Regional Agency/AFP", "photo credit"),
    ("Image: Harbour Post", "photo credit"),
    ("(Photo by Jane Roe/Getty Images)", "photo credit"),
    ("Credit: Valley Courier", "photo credit"),
    ("Photograph: Tomas Lindqvist/Reuters", "photo credit"),
    ("Image caption, Volunteers fill sandbags", "photo credit"),
    ("Rescuers carry a woman from a flooded house. (Northern Ledger / Reuters)", "caption with a credit"),
    ("Firefighters at the scene on Thursday. REUTERS/Jane Roe", "caption with a credit"),
    ("Share this article", "share or subscribe"),
    ("Share on WhatsApp", "share or subscribe"),
    ("Subscribe to our daily newsletter", "share or subscribe"),
    ("Sign up for breaking news alerts", "share or subscribe"),
    ("By Marta Lindgren", "byline"),
    ("By MARTA LINDGREN and Omar al-Said", "byline"),
    ("By Marta Lindgren, Reuters", "byline"),
    ("By Marta Lindgren | 16 July 2021", "byline"),
    ("By Priya Nandakumar, Middle East correspondent", "byline"),
    ("(Reporting by Jane Roe; Editing by John Doe)", "byline"),
    ("Advertisement", "advertisement"),
    ("Story continues below advertisement", "advertisement"),
    ("Copyright 2021 Northern Ledger. All rights reserved.", "copyright"),
    ("© 2022 Valley Courier", "copyright"),
    ("Click here to get the latest updates", "click here"),
    ("Published: 16 July 2021", "date stamp"),
    ("Last updated on 17 July 2021 10:02 GMT", "date stamp"),
    ("Tags: floods, weather, rescue", "tags"),
])
def test_boilerplate_kind_recognises_line(line: str, kind: str) -> None:
    assert boilerplate_kind(line) == kind


@pytest.mark.parametrize("line", [
    "Floodwaters cut off river towns",
    "By Sunday, troops had entered the town and raised the flag.",
    "Photographs by residents showed the damage to the old bridge.",
    "Share prices fell sharply after the company warned on profits.",
    "Follow-up talks are planned for next week in Geneva.",
    "The army said on Thursday that 45 soldiers had been killed.",
    "Related talks between the two sides broke down in May.",
    "Credit agencies downgraded the country last year.",
    "Subscribers to the service were told of the outage by text message.",
    "The photo agency said its reporter had been detained by police.",
    "Updated figures from the ministry showed 40 people had died.",
    '"We have never seen the water rise this fast," said a volunteer.',
])
def test_boilerplate_kind_keeps_content_line(line: str) -> None:
    assert boilerplate_kind(line) is None


def test_strip_boilerplate_removes_lines_and_collapses_blanks() -> None:
    text = (
        "This story is over 3 years old.\n\n\n"
        "Floodwaters cut off river towns\n\n"
        "By Marta Lindgren\n\n"
        f"{BODY}\n\n"
        "Related: How the dam was built\n\n\n"
        "Follow Marta Lindgren on Twitter: @mlindgren\n"
    )
    cleaned, removed = strip_boilerplate(text)
    assert cleaned == f"Floodwaters cut off river towns\n\n{BODY}"
    assert removed == ("This story is over 3 years old.", "By Marta Lindgren",
                       "Related: How the dam was built",
                       "Follow Marta Lindgren on Twitter: @mlindgren")


def test_strip_boilerplate_keeps_headline_that_looks_like_byline() -> None:
    cleaned, removed = strip_boilerplate(f"By Land and Sea\n\n{BODY}")
    assert cleaned.startswith("By Land and Sea")
    assert removed == ()


def test_strip_boilerplate_drops_repeated_pull_quote() -> None:
    text = (
        "Town counts the cost\n\n"
        '"We lost everything in one night," said Anna Berg, whose shop was flooded.\n\n'
        "'We lost everything in one night.'\n\n"
        "Insurers said claims would take months to settle."
    )
    cleaned, removed = strip_boilerplate(text)
    assert removed == ("'We lost everything in one night.'",)
    assert "Anna Berg" in cleaned
    assert "Insurers said" in cleaned


def test_strip_boilerplate_keeps_quote_said_only_once() -> None:
    text = f"Town counts the cost\n\n\u201cWe will rebuild the bridge before winter.\u201d\n\n{BODY}"
    cleaned, removed = strip_boilerplate(text)
    assert removed == ()
    assert "We will rebuild the bridge" in cleaned


def test_strip_boilerplate_clean_text_unchanged() -> None:
    text = f"Floodwaters cut off river towns\n\n{BODY}"
    assert strip_boilerplate(text) == (text, ())


def test_load_rules_every_rule_has_patterns() -> None:
    rules = load_rules()
    assert len(rules) >= 10
    assert all(rule.patterns for rule in rules)
    assert len({rule.name for rule in rules}) == len(rules)


def test_strip_boilerplate_seeds_lose_their_boilerplate(seeds_dir) -> None:  # type: ignore[no-untyped-def]
    """On the seed reports (read from disk): the age notice, follow and related lines go."""
    for path in sorted(seeds_dir.glob("*.txt")):
        cleaned, removed = strip_boilerplate(path.read_text(encoding="utf-8"))
        assert removed, f"{path.name}: no boilerplate found"
        for line in cleaned.splitlines():
            assert boilerplate_kind(line) is None
            assert not line.startswith(("Related:", "Follow ", "This story is over", "Photo via"))
        assert len(cleaned) > 0.8 * sum(len(line) for line in path.read_text().splitlines()) - 2000


def test_strip_boilerplate_keeps_headline_that_looks_like_a_link() -> None:
    cleaned, removed = strip_boilerplate(f"Watch: Rescue boats reach the valley\n\n{BODY}\n\nWatch: Our video")
    assert cleaned.startswith("Watch: Rescue boats reach the valley")
    assert removed == ("Watch: Our video",)


def test_strip_boilerplate_repeated_quote_lines_keep_the_first() -> None:
    quote = "'Nobody expected the river to rise so fast.'"
    cleaned, removed = strip_boilerplate(f"Town counts the cost\n\n{quote}\n\n{BODY}\n\n{quote}")
    assert removed == (quote,)
    assert cleaned.count("Nobody expected") == 1
