"""Proposing the pledges in a source's text, for a person to review (``gt extract``).

Rules, not a model: no network and nothing to download. The text is read paragraph by
paragraph (a paragraph without final punctuation is a heading), each paragraph sentence
by sentence, and a sentence holding an enumeration (``...: First, ...; Second, ...``)
clause by clause. A sentence or clause is

* a *pledge* when it commits to future action: ``will`` (not after ``this``/``it``),
  ``shall``, ``plans to``, ``aims to``, ``strive to``, ``continue to``, ``seeks to``,
  ``is committed to``, ``is expected to``, ``is going to``, ``our goal is to``, ``is
  working to``, ``are continuously ...ing``, a deadline ahead (``by 2030``, ``this
  year``), or a clause of an enumeration whose introduction is such a sentence. A
  heading is one only when it also states a deadline or a target; a sentence making two
  such commitments (``..., and ... will ...``) gives one candidate per clause;
* *evidence* when it says what was already done (``we have fulfilled``, ``has garnered``)
  and commits to nothing.

For each pledge: the agency (named before the commitment word in the sentence, else the
one in context: set by headings, by a speaker's introduction ``Name, post at the
Ministry of ...,`` and by a speaker's name in a heading), matched against the codes,
names and aliases of the ledger's agencies; the speaker in context; the deadline (``by
2030``, ``before the end of 2027``, ``by June 2027``); and a numeric target where the
sentence states one (``to 40%``, ``below 5%``, ``about 15 trillion yuan``: value, unit,
direction, and the metric where it can be read off).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from greentrade_cli.model.agency import Agency
from greentrade_cli.model.target import Direction


class Kind(StrEnum):
    """What a candidate is offered as."""

    PLEDGE = "pledge"
    EVIDENCE = "evidence"


@dataclass(frozen=True, slots=True)
class TargetGuess:
    """A numeric target read from a sentence: ``value`` in ``unit`` (``%`` for percent),
    which way it counts and what it measures (``metric``, empty when not found)."""

    value: float
    unit: str
    direction: Direction
    metric: str


@dataclass(frozen=True, slots=True)
class Candidate:
    """A proposed pledge (or evidence): its verbatim ``quote``, which spans ``start`` to
    ``end`` in the text; the agency codes (lead first; empty when none was found), the
    speaker and post in context, the deadline as ``YYYY`` or ``YYYY-MM``, the target,
    and a suggested one-line ``title``."""

    kind: Kind
    quote: str
    start: int
    end: int
    agencies: tuple[str, ...] = ()
    speaker: str = ""
    speaker_role: str = ""
    deadline: str | None = None
    target: TargetGuess | None = None
    title: str = ""


MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]

_CUE = re.compile(
    r"(?<![\w-])(?:(?P<will>will|shall)\s+(?!help\b|be\s+able\b)"
    r"|plans?\s+to|aims?\s+to|striv(?:e|es|ing)\s+to|seeks?\s+to|intends?\s+to"
    r"|pledged?\s+to|committed\s+to|vows?\s+to|continues?\s+to|(?:is|are)\s+set\s+to"
    r"|(?:is|are)\s+expected\s+to|(?:is|are)\s+to\s+be|(?:am|is|are)\s+going\s+to"
    r"|(?:goal|target|aim|objective)\s+is\s+to"
    r"|(?:is|are)\s+working\s+(?:[^.;:]{0,80}?\s)?to\s"
    r"|(?:we|it|they)\s+are\s+(?:continuously|actively|steadily|further|now)\s+\w+ing)",
    re.IGNORECASE,
)
"""Words that commit to future action."""
_NOT_AFTER = {"this", "it", "that", "these", "which", "there", "what", "who"}
"""Subjects after which ``will`` predicts rather than pledges (``This will help ...``)."""
_DONE = re.compile(
    r"\b(?:has|have|had)\s+(?:(?:already|faithfully|successfully|consistently|recently|"
    r"now|also|fully|largely|basically)\s+)?(?:\w+ed|been|garnered|made|built|met|set|won|"
    r"done|grown|risen|fallen|become|seen|taken|begun|undertaken|kept)\b"
    r"|\b(?:was|were)\s+\w+ed\b",
    re.IGNORECASE,
)
"""What was already done."""
_ORDINAL = (
    r"(?:First(?:ly)?|Second(?:ly)?|Third(?:ly)?|Fourth(?:ly)?|Fifth(?:ly)?|Sixth|Finally|Lastly)"
)
_ENUM_START = re.compile(r":\s*(?=" + _ORDINAL + r",)")
_ENUM_NEXT = re.compile(r";\s*(?:and\s+)?(?=" + _ORDINAL + r",)")
_CJK_STOPS = "\u3002\uff01\uff1f"  # Chinese full stop, exclamation and question marks
_CJK_CLOSING = "”’\u300d\u300f\uff09"  # closing quotes, corner brackets, parenthesis
_SENTENCE_END = re.compile(
    r"(?:(?<=[.!?][”\"’)])|(?<=[.!?]))\s+(?=[A-Z“\"‘(0-9])"
    # a Chinese stop needs no space after it
    f"|(?:(?<=[{_CJK_STOPS}][{_CJK_CLOSING}])|(?<=[{_CJK_STOPS}])(?![{_CJK_CLOSING}]))"
    r"\s*(?=\S)"
)
_YEAR = r"(20\d\d)"
_DEADLINE = re.compile(
    r"\b(?:by|before|no\s+later\s+than|in|within|until)\s+(?:the\s+end\s+of\s+|end-|the\s+end\s+of\s+the\s+year\s+)?"
    r"(?:(?P<month>" + "|".join(MONTHS) + r")\s+)?" + _YEAR + r"\b",
    re.IGNORECASE,
)
_THIS_YEAR = re.compile(r"\b(?:this|the\s+current)\s+year\b", re.IGNORECASE)
_MULTIPLIER = r"(?:thousand|million|billion|trillion|hundred\s+million)"
_UNIT_WORD = (
    r"(?:yuan|U\.S\.\s+dollars|dollars|US\s+dollars|euros|tonnes|tons|kilowatts|"
    r"kilowatt-hours|square\s+meters|hectares|kilometers|kilometres|vehicles|units|"
    r"enterprises|companies|factories|projects|people|households|GW|MW|GWh|TWh|kWh|Mt)"
)
_TARGET = re.compile(
    r"(?P<lead>\bto|\bbelow|\bunder|\babove|\bover|\bat\s+least|\bat\s+most|\bmore\s+than|"
    r"\bless\s+than|\bno\s+more\s+than|\bno\s+less\s+than|\bwithin|\bexceed(?:ing)?|"
    r"\breach(?:ing)?|\bof\s+about|\babout|\baround|\bapproximately|\bsome)\s+"
    r"(?:(?P<qual>about|around|approximately|over|more\s+than|at\s+least|nearly|roughly|some|"
    r"below|under|less\s+than|no\s+more\s+than)\s+)?"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*"
    r"(?P<unit>%|percent\b|per\s+cent\b|(?:"
    + _MULTIPLIER
    + r"\s+)?"
    + _UNIT_WORD
    + r"\b|"
    + _MULTIPLIER
    + r"\b)",
    re.IGNORECASE,
)
_DOWN = re.compile(
    r"\b(?:reduc\w*|cut|cuts|cutting|lower|lowers|lowering|lowered|decreas\w*|curb\w*|"
    r"bring\w*\s+down|drop\w*|declin\w*|fall|falls|falling|limit\w*|control\w*|"
    r"cap|caps|capped|capping)\b",
    re.IGNORECASE,
)
_METRIC = re.compile(
    r"\b(?:increas\w*|rais\w*|boost\w*|expand\w*|grow\w*|reduc\w*|cut\w*|lower\w*|"
    r"decreas\w*|bring\w*|keep\w*|maintain\w*|lift\w*|push\w*|control\w*|cap\w*)\s+"
    r"(?!(?:to|below|under|by|at)\b)(?P<metric>[^;:]+?)\s+(?:to|below|under|above|at|within)\s+"
    r"(?:(?:about|around|approximately|over|more\s+than|at\s+least|nearly|roughly|below|"
    r"under|less\s+than|no\s+more\s+than)\s+)?\d",
    re.IGNORECASE,
)
_SUBJECT_METRIC = re.compile(
    r"(?P<metric>\b(?:the\s+)?[\w'’-]+(?:\s+[\w'’-]+){0,8}?)\s+(?:will|should|(?:is|are)\s+expected\s+to)\s+"
    r"(?:reach|exceed|rise\s+to|fall\s+to|drop\s+to|stay|be\s+(?:kept|held|brought|cut|"
    r"reduced|raised|lowered|increased|capped))",
    re.IGNORECASE,
)
_METRIC_AFTER = re.compile(
    r"\s+of\s+(?P<metric>[^,;.]+?)(?=\s+(?:by|before|in|within)\b|[,;.]|$)", re.IGNORECASE
)
_SPEAKER = re.compile(
    r"(?P<name>\b[A-Z][a-z]+(?:\s[A-Z][a-z]+){1,2}),\s(?P<role>[^,;:“”\"]{3,160}?)(?=,\s|\s+said|\s+stated)"
)
_POSTS = re.compile(
    r"\b(?:Minister|Director|Director-General|Head|Chair(?:man|woman|person)?|Spokes\w+|"
    r"spokes\w+|Governor|President|Premier|Commissioner|Administrator|Secretary|Negotiator|"
    r"Deputy|Vice|official|Chief|Dean|Mayor|Counselor|Inspector)\b"
)
_OPENER = re.compile(
    r"^(?:" + _ORDINAL + r"|Looking\s+ahead|Currently|Meanwhile|Moreover|Furthermore|In\s+addition|"
    r"Next|Going\s+forward|At\s+the\s+same\s+time|Also|Besides)\s*,\s*",
    re.IGNORECASE,
)
_HEADED = re.compile(r"^[^:.]{1,60}:\s+")
"""A heading's ``Speaker:`` or ``AGENCY:`` prefix."""
TITLE_WORDS = 14
"""The most words a suggested title keeps."""
_DANGLING = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "by",
        "for",
        "from",
        "in",
        "of",
        "on",
        "or",
        "such",
        "the",
        "to",
        "with",
    ]
)


@dataclass(slots=True)
class _Context:
    """What the text has said so far about who is speaking for which agency."""

    agency: tuple[str, ...] = ()
    speaker: str = ""
    role: str = ""
    speakers: dict[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict)


class _Names:
    """Finds the ledger's agencies (codes, names, aliases) named in a text."""

    def __init__(self, agencies: Iterable[Agency]) -> None:
        by_name: dict[str, str] = {}
        for agency in agencies:
            for name in agency.names():
                if name and len(name) > 1:
                    by_name.setdefault(name, agency.code)
        self._code = by_name
        names = sorted(by_name, key=len, reverse=True)
        self._pattern = (
            re.compile(r"(?<![\w])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w])")
            if names
            else None
        )

    def found(self, text: str, before: int | None = None) -> tuple[str, ...]:
        """The codes named in ``text`` (before offset ``before`` when given), first
        mention first, each once."""
        if self._pattern is None:
            return ()
        codes: dict[str, None] = {}
        for match in self._pattern.finditer(text, 0, len(text) if before is None else before):
            codes.setdefault(self._code[match.group()], None)
        return tuple(codes)


def _spans(text: str, start: int, end: int, pattern: re.Pattern[str]) -> Iterator[tuple[int, int]]:
    """The pieces of ``text[start:end]`` between matches of ``pattern`` (each stripped)."""
    at = start
    for match in pattern.finditer(text, start, end):
        yield _stripped(text, at, match.start())
        at = match.end()
    yield _stripped(text, at, end)


def _stripped(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ";"):
        end -= 1
    return start, end


def paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """The ``(start, end)`` of each paragraph: a block of text between blank lines, or a
    line of its own when the text has no blank lines."""
    separator = r"\n[ \t]*\n" if re.search(r"\n[ \t]*\n", text) else r"\n"
    for start, end in _spans(text, 0, len(text), re.compile(separator)):
        if end > start:
            yield start, end


def _is_heading(paragraph: str) -> bool:
    final = f'[.!?:;{_CJK_STOPS}\uff1a\uff1b][”"’){_CJK_CLOSING}]?$'  # \uff1a\uff1b: Chinese : ;
    return not re.search(final, paragraph) and len(paragraph) < 300


def _cue(text: str) -> re.Match[str] | None:
    """The first word committing to future action in ``text``, if any."""
    for match in _CUE.finditer(text):
        if match.group("will"):
            before = text[: match.start()].split()
            if before and before[-1].lower().strip("“”\"'") in _NOT_AFTER:
                continue
        return match
    return None


def _deadline(text: str, from_year: int) -> str | None:
    """The first deadline ahead named in ``text``: ``YYYY`` or ``YYYY-MM`` (``this year``
    is ``from_year``); None when there is none."""
    if _THIS_YEAR.search(text):
        return str(from_year)
    for match in _DEADLINE.finditer(text):
        year = int(match.group(2))
        if year < from_year:
            continue
        month = match.group("month")
        return f"{year}-{MONTHS.index(month.lower()) + 1:02d}" if month else str(year)
    return None


def _target(text: str) -> TargetGuess | None:
    for match in _TARGET.finditer(text):
        if re.search(r"\bby\s*$", text[max(0, match.start() - 4) : match.start()]):
            continue  # "drop by around 2 percent": a change, not a level to reach
        number = float(match.group("num").replace(",", ""))  # grouped as _TARGET matched
        unit = re.sub(r"\s+", " ", match.group("unit"))
        if unit.lower() in ("percent", "per cent"):
            unit = "%"
        if 1900 <= number <= 2100 and unit != "%":
            continue
        lead = " ".join(match.group("lead").lower().split())
        qual = " ".join((match.group("qual") or "").lower().split())
        below = ("below", "under", "at most", "less than", "no more than", "within")
        above = ("over", "more than", "at least", "above", "no less than")
        down = lead in below or qual in below
        if not down and lead == "to" and qual not in above:
            down = bool(_DOWN.search(text, max(0, match.start() - 120), match.start()))
        found = _METRIC.search(text, max(0, match.start() - 160), match.end())
        metric = found.group("metric") if found else ""
        if not metric:
            subject = _SUBJECT_METRIC.search(text, 0, match.end())
            metric = subject.group("metric") if subject else ""
        if not metric:
            after = _METRIC_AFTER.match(text, match.end())
            metric = after.group("metric") if after else ""
        return TargetGuess(
            number,
            unit,
            Direction.DECREASE if down else Direction.INCREASE,
            re.sub(r"^the\s+", "", metric.strip(" ,"), flags=re.IGNORECASE),
        )
    return None


def suggest_title(quote: str) -> str:
    """A one-line title from a pledge's words: what follows the commitment word, its
    first letter capitalised, cut at a clause break or :data:`TITLE_WORDS` words."""
    text = _OPENER.sub("", _HEADED.sub("", quote.strip(), count=1))
    cue = _cue(text)
    if cue is not None:
        at = cue.end()
        if cue.group().endswith("ing"):  # "we are continuously enhancing": keep the verb
            at = cue.start() + cue.group().rindex(" ") + 1
        rest = re.sub(r"^(?:continue\s+to\s+|to\s+)", "", text[at:].lstrip(), flags=re.I)
        if len(rest.split()) >= 3:
            text = rest
    text = re.split(r";|, (?:thereby|so as|in order|which|while|and thus)\b|—|: ", text)[0]
    words = text.split()
    comma = next((i for i, w in enumerate(words) if i >= 5 and w.endswith(",")), None)
    if comma is not None and comma < TITLE_WORDS:
        words = words[: comma + 1]
    elif len(words) > TITLE_WORDS:
        words = words[:TITLE_WORDS]
    while words and words[-1].lower().strip(",") in _DANGLING:
        words.pop()
    title = " ".join(words).strip(' ,.;:“”"')
    return title[:1].upper() + title[1:]


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """The sentences of a paragraph, and the clauses of each enumeration in one: ``(start,
    end, is_intro)``, where an intro is what comes before an enumeration's first clause."""
    pieces: list[tuple[int, int, bool]] = []
    for s_start, s_end in _spans(text, start, end, _SENTENCE_END):
        if s_end <= s_start:
            continue
        first = _ENUM_START.search(text, s_start, s_end)
        if first is None or not _ENUM_NEXT.search(text, first.end(), s_end):
            pieces.append((s_start, s_end, False))
            continue
        pieces.append((*_stripped(text, s_start, first.start() + 1), True))
        for c_start, c_end in _spans(text, first.end(), s_end, _ENUM_NEXT):
            pieces.append((c_start, c_end, False))
    return pieces


def _learn_speakers(sentence: str, names: _Names, ctx: _Context) -> None:
    for match in _SPEAKER.finditer(sentence):
        role = match.group("role").strip()
        if not _POSTS.search(role):
            continue
        codes = names.found(role)
        ctx.speakers[match.group("name")] = (role, codes)
        ctx.speaker, ctx.role = match.group("name"), role
        if codes:
            ctx.agency = codes[:1]


def _heading_context(heading: str, names: _Names, ctx: _Context) -> None:
    head = heading.split(":", 1)[0] if ":" in heading else heading
    for name, (role, codes) in ctx.speakers.items():
        if head.startswith(name):
            ctx.speaker, ctx.role = name, role
            if codes:
                ctx.agency = codes[:1]
            return
    codes = names.found(head)
    if codes and ":" in heading:
        ctx.agency, ctx.speaker, ctx.role = codes[:1], "", ""


def extract(text: str, agencies: Sequence[Agency], from_year: int) -> list[Candidate]:
    """The candidate pledges and evidence in ``text``, in text order.

    ``agencies`` are the ledger's (their codes, names and aliases are what is matched);
    ``from_year`` is the year of the source: an earlier year is no deadline.
    """
    names = _Names(agencies)
    ctx = _Context()
    found: list[Candidate] = []
    for p_start, p_end in paragraphs(text):
        paragraph = text[p_start:p_end]
        if _is_heading(paragraph):
            _heading_context(paragraph, names, ctx)
            _learn_speakers(paragraph, names, ctx)
            cue = _cue(paragraph)
            deadline = _deadline(paragraph, from_year)
            target = _target(paragraph)
            if cue and (deadline or target):
                codes = names.found(paragraph, cue.start()) or ctx.agency
                found.append(
                    _candidate(Kind.PLEDGE, text, p_start, p_end, codes, ctx, deadline, target)
                )
            continue
        intro_cue = False
        intro_codes: tuple[str, ...] = ()
        paragraph_deadline: str | None = None  # "This year, we will ...": the paragraph's
        for start, end, is_intro in _pieces(text, p_start, p_end):
            piece = text[start:end]
            cue = _cue(piece)
            named = names.found(piece, cue.start() if cue else None)
            if named and cue is None:
                ctx.agency = named  # who the text is about now (the issuers of a release)
            _learn_speakers(piece, names, ctx)
            if is_intro:
                intro_cue = cue is not None
                intro_codes = named
                continue
            in_enumeration = intro_cue and bool(re.match(_ORDINAL + ",", piece))
            if not in_enumeration:
                intro_cue, intro_codes = False, ()
            done = _DONE.search(piece)
            ahead = _deadline(piece, from_year) if not done else None
            if cue is None and not in_enumeration and ahead is None:
                if done:
                    found.append(_candidate(Kind.EVIDENCE, text, start, end, (), ctx))
                continue
            if named and cue is not None:
                ctx.agency = named  # "The NEA plans to ... It will ...": the NEA
            codes = named or intro_codes or ctx.agency
            if _THIS_YEAR.search(piece):
                paragraph_deadline = str(from_year)
            sentence_deadline = _deadline(piece, from_year) or paragraph_deadline
            for part_start, part_end in _parts(text, start, end, from_year):
                part = text[part_start:part_end]
                found.append(
                    _candidate(
                        Kind.PLEDGE,
                        text,
                        part_start,
                        part_end,
                        codes,
                        ctx,
                        _deadline(part, from_year) or sentence_deadline,
                        _target(part),
                    )
                )
    return found


_CLAUSE_BREAK = re.compile(r",\s+and\s+(?=\S)|;\s+")


def _parts(text: str, start: int, end: int, from_year: int) -> list[tuple[int, int]]:
    """A pledge sentence as one span, or as its clauses (split at ``, and`` or ``;``)
    when each commits on its own: it has a commitment word, a deadline or a target (two
    targets in one sentence)."""
    parts = [(s, e) for s, e in _spans(text, start, end, _CLAUSE_BREAK) if e > s]
    if len(parts) < 2:
        return [(start, end)]
    own = [
        _cue(text[s:e]) is not None
        or _deadline(text[s:e], from_year) is not None
        or _target(text[s:e]) is not None
        for s, e in parts
    ]
    if not all(own):
        return [(start, end)]
    return parts


def _candidate(
    kind: Kind,
    text: str,
    start: int,
    end: int,
    codes: tuple[str, ...],
    ctx: _Context,
    deadline: str | None = None,
    target: TargetGuess | None = None,
) -> Candidate:
    quote = text[start:end]
    return Candidate(
        kind,
        quote,
        start,
        end,
        codes,
        ctx.speaker,
        ctx.role,
        deadline,
        target,
        suggest_title(quote) if kind is Kind.PLEDGE else "",
    )


def unquoted(
    candidates: Sequence[Candidate], quoted: Iterable[tuple[str, str]]
) -> tuple[list[Candidate], tuple[str, ...]]:
    """``candidates`` without the pledges already in a ledger, and the ids of those it has.

    ``quoted`` holds ``(id, quote)`` for each commitment of the source; a pledge is in the
    ledger when its sentence and a quote hold one another, compared as
    :func:`~greentrade_cli.model.source.fold_text` folds them (the ledger's quote may be
    a clause of the sentence, or span more). Evidence is kept.
    """
    from greentrade_cli.model.source import fold_text

    folded = [(ident, fold_text(quote)) for ident, quote in quoted]
    kept: list[Candidate] = []
    found: list[str] = []
    for candidate in candidates:
        text = fold_text(candidate.quote) if candidate.kind is Kind.PLEDGE else ""
        hit = next((i for i, q in folded if text and q and (q in text or text in q)), None)
        if hit is None:
            kept.append(candidate)
        else:
            found.append(hit)
    return kept, tuple(dict.fromkeys(found))
