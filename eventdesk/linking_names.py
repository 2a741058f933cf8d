"""Name keys for entity linking: spelling- and transliteration-blind forms of a name.

`light_key` folds case, accents and punctuation; `person_tokens` drops titles
and particles and fuses Abdel-/Abu- prefixes; `skeleton` and `same_token`
tell one name spelled two ways (Mamoun Abdelkarim = Maamoun Abdulkarim);
`acronym` gives an organisation's initials and `actor_alias` the armed group
the actor table names by a phrase. The tables they read (titles, particles,
organisation aliases, role nouns) come from `data/linking_aliases.toml`.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from unidecode import unidecode

FUZZY_RATIO = 0.8


@dataclass(frozen=True)
class _Tables:
    org_alias: dict[str, str]  # light key of an alias -> canonical name
    short_acronyms: dict[str, str]  # two-letter acronyms, matched in capitals only
    titles: frozenset[str]
    particles: frozenset[str]
    fusing: frozenset[str]
    org_stop: frozenset[str]
    org_designators: frozenset[str]
    org_kind_words: frozenset[str]
    org_role_words: frozenset[str]
    role_heads: frozenset[str]
    generic: frozenset[str]
    person_pronouns: frozenset[str]
    org_nouns: frozenset[str]
    org_pronouns: frozenset[str]
    reference_reach: int  # sentences back a pronoun or "the company" looks for its antecedent


@lru_cache(maxsize=1)
def name_tables() -> _Tables:
    """Load data/linking_aliases.toml: organisation aliases, name words and role nouns."""
    raw = tomllib.loads(
        resources.files("eventdesk.data").joinpath("linking_aliases.toml").read_text("utf-8"))
    alias: dict[str, str] = {}
    short: dict[str, str] = {}
    for canonical, others in raw["organisations"].items():
        for name in (canonical, *others):
            if len(name) <= 2 and name.isupper():
                short[name] = canonical
            else:
                alias[light_key(name)] = canonical
    names, roles, refs = raw["names"], raw["roles"], raw["references"]
    return _Tables(alias, short, frozenset(names["titles"]), frozenset(names["particles"]),
                   frozenset(names["fusing"]), frozenset(names["org_stopwords"]),
                   frozenset(names["org_designators"]), frozenset(names["org_kind_words"]),
                   frozenset(names["org_role_words"]),
                   frozenset(roles["heads"]), frozenset(roles["generic"]),
                   frozenset(refs["person_pronouns"]), frozenset(refs["org_nouns"]),
                   frozenset(refs["org_pronouns"]), int(refs["reach"]))


def ascii_words(text: str) -> list[str]:
    """Lower-case ASCII words of a name; apostrophes vanish, hyphens split."""
    folded = unidecode(text).lower().replace("'", "").replace("`", "")
    return re.findall(r"[a-z0-9]+", folded)


@lru_cache(maxsize=1 << 16)
def light_key(text: str) -> str:
    """A spelling-insensitive key: ASCII, lower case, no punctuation, no leading 'the'."""
    words = ascii_words(text)
    if words[:1] == ["the"]:
        words = words[1:]
    return " ".join(words)


@lru_cache(maxsize=1 << 16)
def org_key(text: str) -> str:
    """An organisation's light key without trailing legal forms ("Apple Inc." -> "apple")."""
    tables = name_tables()
    words = light_key(text).split()
    while len(words) > 1 and words[-1] in tables.org_designators:
        words.pop()
    # "Ford Motors" is "Ford Motor", "General Motor" is "General Motors": kind words in the singular.
    return " ".join(w[:-1] if w.endswith("s") and w[:-1] in tables.org_kind_words else w for w in words)


def is_title_phrase(text: str) -> bool:
    """Whether an organisation-like name is a person's title ("Apple CEO", "Ford chief executive")."""
    words = ascii_words(text.replace("-", ""))
    roles = name_tables().org_role_words
    return len(words) > 1 and (words[-1] in roles or " ".join(words[-2:]) in roles)


def shortens_org(word: str, tokens: tuple[str, ...]) -> bool:
    """Whether one word is a short form of the organisation named by `tokens`.

    The word must be the name's head (its last word, or the word before its
    first "of"/"for": "Observatory" of "Syrian Observatory for Human Rights"),
    or its first word followed only by legal forms and kind words ("Ford" of
    "Ford Motor Company"). A first word followed by other names is a parent
    of a division or a product line ("Boeing" of "Boeing Commercial Airplanes").
    """
    if word not in tokens or word in name_tables().org_stop:
        return False
    tables = name_tables()
    cut = next((i for i, t in enumerate(tokens) if t in {"of", "for"} and i > 0), len(tokens))
    if word == tokens[cut - 1]:
        return True
    return tokens[0] == word and all(t in tables.org_designators or t in tables.org_kind_words
                                     for t in tokens[1:])


@lru_cache(maxsize=1 << 16)
def person_tokens(text: str) -> tuple[str, ...]:
    """Name words without titles or articles, Abdel-/Abu- prefixes fused to the next word."""
    tables = name_tables()
    words = ascii_words(text)
    while len(words) > 1 and words[0] in tables.titles:
        words = words[1:]
    tokens: list[str] = []
    fuse = ""
    for word in words:
        if word in tables.particles and (fuse or len(words) > 1):
            continue
        if word in tables.fusing:
            fuse = "abu" if word.startswith(("abu", "abou")) else "abd"
            continue
        for prefix in ("abdel", "abdul", "abdal", "abdol"):
            if word.startswith(prefix) and len(word) > len(prefix) + 2:
                word = "abd" + word[len(prefix):]
        tokens.append(fuse + word)
        fuse = ""
    if fuse:
        tokens.append(fuse)
    return tuple(tokens)


_TRANSLIT = (("kh", "h"), ("ou", "u"), ("oo", "u"), ("ee", "i"), ("ph", "f"), ("dh", "d"),
             ("gh", "g"), ("q", "k"), ("ck", "k"), ("dj", "j"), ("ei", "i"))


@lru_cache(maxsize=1 << 16)
def skeleton(token: str) -> str:
    """A transliteration-blind key: common digraphs folded, doubles and inner vowels dropped."""
    for old, new in _TRANSLIT:
        token = token.replace(old, new)
    token = re.sub(r"(.)\1+", r"\1", token)
    return token[:1] + re.sub(r"[aeiouy]", "", token[1:])


def same_token(a: str, b: str) -> bool:
    """Whether two name words are one name spelled two ways."""
    if a == b:
        return True
    ratio = difflib.SequenceMatcher(None, a, b).ratio()
    if skeleton(a) == skeleton(b) and len(skeleton(a)) >= 3 and ratio >= 0.7:  # not Hassan/Hussein
        return True
    return min(len(a), len(b)) >= 5 and ratio >= FUZZY_RATIO + 0.05


def same_person(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether two full names (two or more words each) name one person."""
    return same_token(a[0], b[0]) and same_token(a[-1], b[-1])


@lru_cache(maxsize=1 << 16)
def acronym(text: str) -> str:
    """Initials of an organisation's significant words ("SOHR")."""
    stop = name_tables().org_stop
    return "".join(w[0] for w in ascii_words(text) if w not in stop).upper()


@lru_cache(maxsize=1 << 14)
def actor_alias(text: str) -> str:
    """The armed group the events stage's actor table names by exactly this phrase, or ''."""
    try:
        from eventdesk.actors import named_group, words_of
    except ImportError:  # the actor table is optional: linking keeps its own aliases
        return ""
    words = words_of(text)
    group = named_group(words, text.split()) if words else None
    if group is None or (tuple(words) not in group.aliases and text not in group.acronyms):
        return ""
    return re.sub(r"\s*\(\{?\w*\}?\)", "", group.name).strip()
