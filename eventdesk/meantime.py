"""Read MEANTIME (NewsReader) documents: text, creation time and gold entity mentions.

MEANTIME's English section is 120 Wikinews articles in four topic corpora
(`intra_cross-doc_annotation/corpus_<topic>/*.xml`). Each file holds its
tokens (`<token t_id sentence>`), `ENTITY_MENTION` markables anchored on
tokens, `ENTITY` elements that carry the type (PER, ORG, LOC, PRO, FIN, MIX)
and the cross-document `instance_id`, and `REFERS_TO` relations from mentions
to entities. The text is rebuilt from the tokens, one line per sentence, so
every mention gets character offsets into it.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from eventdesk.ecb import detokenise
from eventdesk.errors import EvalDataError

CORPUS_PREFIX = "corpus_"


@dataclass(frozen=True)
class GoldEntityMention:
    """One annotated entity mention and the entity it refers to."""

    doc_id: str
    m_id: str
    start: int
    end: int
    text: str
    type: str  # PER, ORG, LOC, PRO, FIN, MIX; "" when the mention refers to no entity
    instance: str  # cross-document instance id; a document-local id, or "" (a singleton)
    syntactic_type: str = ""  # NAM, NOM, PRO, PRE.NAM, ... where annotated

    @property
    def key(self) -> tuple[str, str]:
        """Unique within a corpus: the document and the markable id."""
        return (self.doc_id, self.m_id)


@dataclass(frozen=True)
class MeantimeDocument:
    """A MEANTIME article: its rebuilt text, creation time and gold entity mentions."""

    id: str
    name: str
    corpus: str
    text: str
    dct: dt.date | None
    mentions: tuple[GoldEntityMention, ...]


def _tokens(root: ET.Element) -> tuple[str, dict[str, tuple[int, int]]]:
    """The text (one line per sentence) and each token id's character span in it."""
    sentences: dict[int, list[ET.Element]] = defaultdict(list)
    for token in root.iter("token"):
        sentences[int(token.get("sentence", "0"))].append(token)
    lines, spans, start = [], {}, 0
    for number in sorted(sentences):
        tokens = sentences[number]
        line, offsets = detokenise([t.text or "" for t in tokens])
        for token, offset in zip(tokens, offsets, strict=True):
            spans[token.get("t_id", "")] = (start + offset, start + offset + len(token.text or ""))
        lines.append(line)
        start += len(line) + 1
    return "\n".join(lines), spans


def _creation_date(root: ET.Element) -> dt.date | None:
    for timex in root.iter("TIMEX3"):
        if timex.get("functionInDocument") == "CREATION_TIME":
            try:
                return dt.date.fromisoformat((timex.get("value") or "")[:10])
            except ValueError:
                return None
    return None


def _referents(root: ET.Element) -> dict[str, str]:
    """Mention m_id -> the m_id of the ENTITY it refers to."""
    return {source.get("m_id", ""): target.get("m_id", "")
            for relation in root.iter("REFERS_TO") if (target := relation.find("target")) is not None
            for source in relation.findall("source")}


def _mentions(root: ET.Element, doc_id: str, text: str,
              spans: dict[str, tuple[int, int]]) -> tuple[GoldEntityMention, ...]:
    entities = {e.get("m_id", ""): e for e in root.iter("ENTITY")}
    referents = _referents(root)
    found = []
    for markable in root.iter("ENTITY_MENTION"):
        anchored = [spans[a.get("t_id", "")] for a in markable.findall("token_anchor")
                    if a.get("t_id", "") in spans]
        if not anchored:
            continue
        m_id = markable.get("m_id", "")
        start, end = min(s for s, _ in anchored), max(e for _, e in anchored)
        entity = entities.get(referents.get(m_id, ""))
        instance = ""
        if entity is not None:
            # An entity with no cross-document instance still groups its mentions in this document.
            instance = entity.get("instance_id") or f"{doc_id}#{entity.get('m_id')}"
        found.append(GoldEntityMention(
            doc_id=doc_id, m_id=m_id, start=start, end=end, text=text[start:end],
            type=(entity.get("ent_type") or "") if entity is not None else "", instance=instance,
            syntactic_type=markable.get("syntactic_type") or ""))
    return tuple(sorted(found, key=lambda m: (m.start, m.end, m.m_id)))


def read_document(path: Path, *, corpus: str = "") -> MeantimeDocument:
    """One MEANTIME XML file; raises EvalDataError when it is not one."""
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as error:
        raise EvalDataError(f"cannot read MEANTIME file {path}: {error}") from error
    if root.tag != "Document":
        raise EvalDataError(f"{path} is not a MEANTIME document (root <{root.tag}>, expected <Document>)")
    doc_id = root.get("doc_id") or path.stem
    text, spans = _tokens(root)
    return MeantimeDocument(
        id=doc_id, name=root.get("doc_name") or path.stem, corpus=corpus or path.parent.name,
        text=text, dct=_creation_date(root), mentions=_mentions(root, doc_id, text, spans))


def corpus_folders(data_dir: Path, corpus: str | None = None) -> list[Path]:
    """The corpus folders under a MEANTIME folder (or the one named), sorted by name.

    `data_dir` may be the MEANTIME root, its `intra_cross-doc_annotation`
    folder, or one corpus folder; `corpus` is `gm` or `corpus_gm`.
    """
    base = data_dir / "intra_cross-doc_annotation" if (data_dir / "intra_cross-doc_annotation").is_dir() \
        else data_dir
    folders = sorted(p for p in base.glob(f"{CORPUS_PREFIX}*") if p.is_dir())
    if not folders and any(base.glob("*.xml")):
        folders = [base]
    if not folders:
        raise EvalDataError(f"no MEANTIME corpus folder under {data_dir}: expected "
                            f"intra_cross-doc_annotation/corpus_*/ with .xml files")
    if corpus is not None:
        chosen = [p for p in folders if p.name in {corpus, f"{CORPUS_PREFIX}{corpus}"}]
        if not chosen:
            known = ", ".join(corpus_name(p) for p in folders)
            raise EvalDataError(f"no MEANTIME corpus {corpus!r} under {data_dir}; it holds: {known}")
        folders = chosen
    return folders


def corpus_name(folder: Path) -> str:
    """`corpus_gm` -> `gm`."""
    return folder.name.removeprefix(CORPUS_PREFIX)


def read_corpus(folder: Path) -> list[MeantimeDocument]:
    """Every document of one corpus folder, in creation-date order (then by id)."""
    documents = [read_document(p, corpus=corpus_name(folder)) for p in sorted(folder.glob("*.xml"))]
    return sorted(documents, key=lambda d: (d.dct or dt.date.min, d.id))
