"""`gt extract` and `gt add --from`: the rules, the draft file, the review loop, the
figures in docs/extract.md, and the walk from a briefing's text to a published page."""

from __future__ import annotations

import os
import re
import shutil
import tomllib
from pathlib import Path

import pytest
from typer.testing import Result

from greentrade_cli.cli import extract_commands
from greentrade_cli.ledgerfile import storage
from greentrade_cli.ledgerfile.journal import journal_path
from greentrade_cli.model.agency import Agency
from greentrade_cli.model.target import Direction
from greentrade_cli.tracking.extract import Kind, TargetGuess, extract, suggest_title
from tests import extract_eval
from tests.conftest import REPO, Run, never_opened

AGENCIES = [
    Agency("NDRC", "National Development and Reform Commission"),
    Agency("NEA", "National Energy Administration", aliases=("Energy Administration",)),
    Agency("PBOC", "People's Bank of China", aliases=("central bank",)),
]
DOC = REPO / "docs" / "extract.md"
BRIEFING = REPO / "sources" / "scio-2025-10-31.txt"


def pledges(text: str) -> list[tuple[str, tuple[str, ...], str | None]]:
    return [
        (c.quote, c.agencies, c.deadline)
        for c in extract(text, AGENCIES, 2025)
        if c.kind is Kind.PLEDGE
    ]


def test_future_action_is_a_pledge_and_what_was_done_is_evidence() -> None:
    text = (
        "The NEA will build 30 new grid lines by June 2027. This will help the economy. "
        "We have completed 12 lines. It aims to finish the rest before the end of 2028.\n"
    )
    found = extract(text, AGENCIES, 2025)
    assert [(c.kind, c.quote, c.agencies, c.deadline) for c in found] == [
        (Kind.PLEDGE, "The NEA will build 30 new grid lines by June 2027.", ("NEA",), "2027-06"),
        (Kind.EVIDENCE, "We have completed 12 lines.", (), None),
        (Kind.PLEDGE, "It aims to finish the rest before the end of 2028.", ("NEA",), "2028"),
    ]


def test_chinese_full_stops_end_sentences_without_a_space() -> None:
    text = "The NEA will build 30 lines by 2027。“The PBOC will issue green bonds by 2028。”It was done。\n"
    assert pledges(text) == [
        ("The NEA will build 30 lines by 2027。", ("NEA",), "2027"),
        ("“The PBOC will issue green bonds by 2028。”", ("PBOC",), "2028"),
    ]


def test_an_enumeration_gives_one_pledge_per_clause_with_the_speakers_agency() -> None:
    text = (
        "Wang Xin, Director of the Research Bureau at the People's Bank of China, said that "
        "the bank will focus on two areas: First, promote green bonds; Second, support "
        "green loans.\n"
    )
    assert pledges(text) == [
        ("First, promote green bonds", ("PBOC",), None),
        ("Second, support green loans.", ("PBOC",), None),
    ]
    (first, _) = extract(text, AGENCIES, 2025)
    assert (first.speaker, first.speaker_role) == (
        "Wang Xin",
        "Director of the Research Bureau at the People's Bank of China",
    )


def test_a_joint_pledge_and_a_heading_with_a_target() -> None:
    text = (
        "NEA: Plans to cut coal's share to below 50 percent by 2027\n\n"
        "The National Development and Reform Commission and the NEA will jointly raise "
        "capacity to more than 1,800 GW by 2030. Old plans were dropped in 2019.\n"
    )
    found = [c for c in extract(text, AGENCIES, 2025) if c.kind is Kind.PLEDGE]
    assert [(c.agencies, c.deadline, c.target) for c in found] == [
        (("NEA",), "2027", TargetGuess(50.0, "%", Direction.DECREASE, "coal's share")),
        (("NDRC", "NEA"), "2030", TargetGuess(1800.0, "GW", Direction.INCREASE, "capacity")),
    ]


@pytest.mark.parametrize(
    ("sentence", "target"),
    [
        ("We will raise the share of green power to 40% by 2030.",
         TargetGuess(40.0, "%", Direction.INCREASE, "share of green power")),
        ("Tariffs will be reduced to below 5%.",
         TargetGuess(5.0, "%", Direction.DECREASE, "Tariffs")),
        ("Green loans are expected to reach about 15 trillion yuan by 2027.",
         TargetGuess(15.0, "trillion yuan", Direction.INCREASE, "Green loans")),
        ("We will add at least 180 GW of new-type energy storage.",
         TargetGuess(180.0, "GW", Direction.INCREASE, "new-type energy storage")),
        ("Energy use per unit of GDP will drop by around 2 percent this year.", None),
        ("We will hold the forum in 2026.", None),
    ],
)  # fmt: skip
def test_targets(sentence: str, target: TargetGuess | None) -> None:
    (found,) = extract(sentence, AGENCIES, 2025)
    assert found.target == target


def test_titles_start_at_what_is_promised() -> None:
    assert suggest_title(
        "Looking ahead, China will continue aligning with global green and low-carbon "
        "development trends, further sharing."
    ) == "Continue aligning with global green and low-carbon development trends"  # fmt: skip
    assert suggest_title("MIIT: Plans to increase the share to 40% by 2030") == (
        "Increase the share to 40% by 2030"
    )
    assert suggest_title("Second, we are continuously enhancing the network.") == (
        "Enhancing the network"
    )


def test_the_measured_figures_meet_the_targets_and_are_the_docs_figures() -> None:
    bundled, others = extract_eval.all_scores()
    assert bundled.hand == 23
    assert bundled.found / bundled.hand >= 0.90
    assert bundled.correct / bundled.candidates >= 0.70
    assert bundled.agency / bundled.found >= 0.95
    assert [s.name for s in others] == ["press-release", "speech", "work-report"]
    together = extract_eval.total("others", others)
    assert together.found / together.hand >= 0.90
    assert together.correct / together.candidates >= 0.70
    doc = DOC.read_text(encoding="utf-8")
    shown = re.search(
        r"<!-- extract-figures: begin -->\n(.*?)\n<!-- extract-figures: end -->", doc, re.S
    )
    assert shown is not None
    assert shown.group(1) == extract_eval.table(), "docs/extract.md: update the table"


def _briefing_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "mine"
    folder.mkdir()
    shutil.copyfile(BRIEFING, folder / "briefing.txt")
    return folder


def test_six_commands_from_a_briefing_to_a_published_page(
    gt: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(_briefing_folder(tmp_path))
    walk = [
        ["new", "--agencies"],
        ["source", "add", "scio-2025-10-31", "--title", "Briefing on green trade",
         "--publisher", "SCIO", "--date", "2025-10-31", "--text", "briefing.txt"],
        ["extract", "scio-2025-10-31"],
        ["add", "--from", "scio-2025-10-31.draft.toml"],
        ["record", "miit-increase-output-value-share-green-factories", "35",
         "--on", "2025-06-30", "--source", "MIIT statistics"],
        ["export", "-f", "html", "-o", "pledges.html", "--as-of", "2026-01-01"],
    ]  # fmt: skip
    for args in walk:
        result = gt(*args)
        assert result.exit_code == 0, (args, result.stderr)
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for args in walk[:-1]:
        assert "$ gt " + " ".join(a if " " not in a else f"'{a}'" for a in args) in readme
    ledger = storage.load(Path("commitments.toml")).ledger
    assert len(ledger.commitments) == 15
    factories = ledger.find("miit-increase-output-value-share-green-factories")
    assert (factories.agency, factories.deadline and factories.deadline.text) == ("MIIT", "2030")
    assert factories.target is not None
    assert (factories.target.value, factories.target.direction) == (40.0, Direction.INCREASE)
    assert [(m.value, m.source) for m in factories.measurements] == [(35.0, "MIIT statistics")]
    assert gt("check").stdout == (
        "commitments.toml: ok: 15 commitments, 4 agencies, 1 source; 15 quotes found "
        "verbatim in their archived sources\n"
    )
    page = Path("pledges.html").read_text(encoding="utf-8")
    assert page.count('<tr id="') == 15
    assert 'id="miit-increase-output-value-share-green-factories"' in page


@pytest.fixture
def unpledged(ledger_path: Path) -> Path:
    """The bundled ledger with its agencies and source but none of its pledges yet."""
    text = ledger_path.read_text(encoding="utf-8")
    ledger_path.write_text(text[: text.index("[[commitments]]")], encoding="utf-8")
    return ledger_path


def test_the_draft_file_lists_evidence_and_is_not_overwritten(
    gt: Run, unpledged: Path, tmp_path: Path
) -> None:
    base = ("--ledger", str(unpledged))
    result = gt(*base, "extract", "scio-2025-10-31", "-o", "-")
    assert result.exit_code == 0
    assert result.stderr == (
        "wrote 15 draft pledge(s) and 5 piece(s) of evidence to standard output; save it to "
        "a file, review it, then `gt add --from FILE`\n"
    )
    data = tomllib.loads(result.stdout)
    assert len(data["commitments"]) == 15
    assert data["commitments"][9] == {
        "title": "Increase the output value share of green factories at the national",
        "agency": "MIIT",
        "source": "scio-2025-10-31",
        "quote": "MIIT: Plans to increase the output value share of green factories at the "
        "national, provincial, and municipal levels to 40% by 2030",
        "deadline": "2030",
        "target": {
            "metric": "output value share of green factories at the national, provincial, "
            "and municipal levels",
            "unit": "%",
            "value": 40.0,
            "direction": "increase",
        },
    }
    assert "# - Meanwhile, we have faithfully fulfilled our tariff reduction" in result.stdout
    draft = tmp_path / "d.toml"
    draft.write_text("x", encoding="utf-8")
    again = gt(*base, "extract", "scio-2025-10-31", "-o", str(draft))
    assert (again.exit_code, again.stderr) == (
        1,
        f"gt: error: {draft} already exists; pass --force to overwrite it or give --output FILE\n",
    )
    assert draft.read_text(encoding="utf-8") == "x"
    no_text = gt(*base, "source", "add", "s2", "--title", "T", "--publisher", "P", "--date",
                 "2025-11-12")  # fmt: skip
    assert no_text.exit_code == 0
    refused = gt(*base, "extract", "s2")
    assert refused.stderr == (
        "gt: error: source s2 has no archived text; declare a source with --text FILE "
        "(gt source add ID ... --text FILE) to extract from it\n"
    )


def test_an_archive_replaced_by_a_pipe_is_refused_unread(ledger_path: Path) -> None:
    from greentrade_cli.errors import DataError
    from greentrade_cli.tracking.source_text import archived_text

    ledger = storage.load(ledger_path).ledger
    archive = ledger_path.parent / "sources" / "scio-2025-10-31.txt"
    archive.unlink()
    os.mkfifo(archive)
    with pytest.raises(DataError) as refused:
        archived_text(ledger, ledger_path, "scio-2025-10-31")
    assert str(refused.value) == (
        f"source scio-2025-10-31: {archive}: is not a regular file (a pipe or a device?); "
        "give a text file"
    )


def test_add_from_a_bad_draft_writes_nothing(gt: Run, ledger_path: Path, tmp_path: Path) -> None:
    base = ("--ledger", str(ledger_path))
    before = ledger_path.read_bytes()
    good = (
        '[[commitments]]\ntitle = "Promote it"\nagency = "MOFCOM"\nsource = "scio-2025-10-31"\n'
        'quote = "We will continue to promote its expansion and implementation."\n'
    )
    cases = [
        ("not = [toml", "not TOML (Invalid value (at line 1, column 8)); fix the file and "
         "run this again"),
        ("x = 1\n", "no [[commitments]] table; nothing to add"),
        (good + 'colour = "red"\n', "commitments[0]: unknown key 'colour'; a draft pledge has "
         "agency, deadline, id, quote, source, speaker, speaker_role, tags, target, title"),
        (good + good.replace("MOFCOM", ""), "commitments[1]: needs agency; fill it in the file"),
        (good.replace("]]\n", f']]\nid = "{"a" * 101}"\n'), "commitments[0] ('Promote it'): --id: "
         "101 characters is too long; an id has at most 100, as gt names files after it; "
         "shorten it"),
        (good + good.replace("MOFCOM", "NDRC"), "commitments[1] ('Promote it'): unknown "
         "agency 'NDRC'; use one of: MOFCOM (Ministry of Commerce), MIIT (Ministry of Industry "
         "and Information Technology), PBOC (People's Bank of China), SAMR (State "
         "Administration for Market Regulation); or declare it first with `gt agency add NDRC "
         "--name NAME`"),
    ]  # fmt: skip
    draft = tmp_path / "draft.toml"
    for text, message in cases:
        draft.write_text(text, encoding="utf-8")
        result = gt(*base, "add", "--from", str(draft))
        assert (result.exit_code, result.stderr) == (1, f"gt: error: {draft}: {message}\n")
    assert ledger_path.read_bytes() == before
    draft.write_text(good + good.replace("Promote it", "Promote it again"), encoding="utf-8")
    added = gt(*base, "add", "--from", str(draft))
    assert added.stderr == (
        f"added 2 pledge(s) from {draft}: mofcom-promote-it, mofcom-promote-it-again\n"
    )
    assert gt(*base, "undo").exit_code == 0
    assert ledger_path.read_bytes() == before
    mixed = gt(*base, "add", "--from", str(draft), "--title", "x")
    assert (mixed.exit_code, mixed.stderr) == (
        2,
        "gt: error: --from FILE takes the pledges' fields from the file; give no other\n",
    )


def test_add_from_reads_only_a_regular_file_of_at_most_the_ledger_cap(
    gt: Run, ledger_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from greentrade_cli.ledgerfile.ledger_file import MAX_BYTES

    before = ledger_path.read_bytes()
    fifo = tmp_path / "draft.toml"
    os.mkfifo(fifo)
    huge = tmp_path / "huge.toml"
    with huge.open("wb") as handle:
        handle.truncate(MAX_BYTES + 2**20)  # sparse: nothing written to disk
    never_opened(monkeypatch, fifo, Path("/dev/zero"), huge)
    cases = [
        (fifo, f"{fifo}: is not a regular file (a pipe or a device?); give a draft file"),
        (Path("/dev/zero"), "/dev/zero: is not a regular file (a pipe or a device?); give a draft file"),
        (huge, f"{huge}: is 257.0 MiB; gt reads draft files of at most 256 MiB, split the file"),
        (tmp_path, f"{tmp_path}: is a folder, not a draft file; give the path of a file"),
        (tmp_path / "gone.toml", f"{tmp_path / 'gone.toml'}: no such file"),
    ]  # fmt: skip
    for path, message in cases:
        result = gt("--ledger", str(ledger_path), "add", "--from", str(path))
        assert (result.exit_code, result.stdout, result.stderr) == (
            2,
            "",
            f"gt: error: --from: {message}\n",
        )
    assert ledger_path.read_bytes() == before


def test_add_from_reads_standard_input(gt: Run, ledger_path: Path) -> None:
    base = ("--ledger", str(ledger_path))
    draft = gt(*base, "extract", "scio-2025-10-31", "-o", "-", "--no-review").stdout
    good = (
        '[[commitments]]\ntitle = "Promote it"\nagency = "MOFCOM"\nsource = "scio-2025-10-31"\n'
        'quote = "We will continue to promote its expansion and implementation."\n'
    )
    added = gt(*base, "add", "--from", "-", input=good)
    assert (added.exit_code, added.stderr) == (
        0,
        "added 1 pledge(s) from <stdin>: mofcom-promote-it\n",
    )
    again = gt(*base, "add", "--from", "-", input=draft)
    assert (again.exit_code, again.stderr) == (
        0,
        "added 2 pledge(s) from <stdin>: mofcom-engage-deeply-global-governance-green-trade, "
        "mofcom-deepen-domestic-reforms-align-international-green\n",
    )
    bad = gt(*base, "add", "--from", "-", input="not = [toml")
    assert (bad.exit_code, bad.stderr) == (
        1,
        "gt: error: <stdin>: not TOML (Invalid value (at line 1, column 8)); fix the file and "
        "run this again\n",
    )


def test_add_from_skips_the_pledges_already_in_the_ledger(
    gt: Run, ledger_path: Path, tmp_path: Path
) -> None:
    base = ("--ledger", str(ledger_path))
    one = (
        '[[commitments]]\ntitle = "Promote it"\nagency = "MOFCOM"\nsource = "scio-2025-10-31"\n'
        'quote = "We will continue to promote its expansion and implementation."\n'
    )
    two = one.replace("Promote it", "Promote it again")
    draft = tmp_path / "draft.toml"
    draft.write_text(one, encoding="utf-8")
    assert gt(*base, "add", "--from", str(draft)).exit_code == 0
    draft.write_text(f"{one}\n{two}", encoding="utf-8")
    added = gt(*base, "add", "--from", str(draft))
    assert (added.exit_code, added.stderr) == (
        0,
        f"added 1 pledge(s) from {draft}: mofcom-promote-it-again; skipped 1 already in the "
        "ledger: mofcom-promote-it\n",
    )
    after = (ledger_path.read_bytes(), journal_path(ledger_path).read_bytes())
    again = gt(*base, "add", "--from", str(draft))
    assert (again.exit_code, again.stderr) == (
        0,
        f"nothing to add from {draft}; skipped 2 already in the ledger: mofcom-promote-it, "
        "mofcom-promote-it-again\n",
    )
    assert (ledger_path.read_bytes(), journal_path(ledger_path).read_bytes()) == after


def reviewed(
    gt: Run,
    ledger_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    answers: str,
    source: str = "scio-2025-10-31",
) -> Result:
    """``gt extract SOURCE`` reviewed on a terminal, typing ``answers``."""
    monkeypatch.setattr(extract_commands, "on_terminal", lambda: True)
    return gt("--ledger", str(ledger_path), "extract", source, input=answers)


def test_review_on_a_terminal_accepts_skips_and_edits(
    gt: Run, unpledged: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = "a\ns\ne\nEngage in green governance\nMOFCOM+MIIT\n2027\nq\n"
    result = reviewed(gt, unpledged, monkeypatch, answers)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith(
        "[1/15] Looking ahead, China will continue aligning with global green and low-carbon "
        "development trends,"
    )
    assert result.stderr.endswith(
        "wrote 2 draft pledge(s) and 5 piece(s) of evidence to scio-2025-10-31.draft.toml; "
        "review it, then `gt add --from scio-2025-10-31.draft.toml`\n"
    )
    data = tomllib.loads(Path("scio-2025-10-31.draft.toml").read_text(encoding="utf-8"))
    assert [(c["title"], c["agency"], c.get("deadline")) for c in data["commitments"]] == [
        ("Continue aligning with global green and low-carbon development trends", "MOFCOM", None),
        ("Engage in green governance", ["MOFCOM", "MIIT"], "2027"),
    ]


def test_review_asks_again_for_an_answer_or_agency_it_cannot_take(
    gt: Run, unpledged: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = "x\ne\nEngage\nNOPE\nMOC+MIIT\n2030-13\n2027\nq\n"
    result = reviewed(gt, unpledged, monkeypatch, answers)
    assert result.exit_code == 0, result.stderr
    asked = result.stderr.split("    speaker: Li Chenggang\n", 1)[1].split("[2/15]")[0]
    assert asked == (  # the runner shows neither the answers nor the space after a prompt
        "[a]ccept, [s]kip, [e]dit, [q]uit [a]:Error: answer a (accept), s (skip), e (edit) "
        "or q (quit)\n"
        "[a]ccept, [s]kip, [e]dit, [q]uit [a]:"
        "Title [Continue aligning with global green and low-carbon development trends]:"
        "Agency (codes joined by +, lead first) [MOFCOM]:Error: unknown agency 'NOPE'; use "
        "one of: MOFCOM (Ministry of Commerce), MIIT (Ministry of Industry and Information "
        "Technology), PBOC (People's Bank of China), SAMR (State Administration for Market "
        "Regulation); or declare it first with `gt agency add NOPE --name NAME`\n"
        "Agency (codes joined by +, lead first) [MOFCOM]:"
        "Deadline (YYYY[-MM[-DD]], - for none) [-]:Error: --deadline: '2030-13' is not a "
        "real date (month must be in 1..12)\n"
        "Deadline (YYYY[-MM[-DD]], - for none) [-]:"
    )
    data = tomllib.loads(Path("scio-2025-10-31.draft.toml").read_text(encoding="utf-8"))
    assert [(c["title"], c["agency"], c["deadline"]) for c in data["commitments"]] == [
        ("Engage", ["MOFCOM", "MIIT"], "2027")
    ]


@pytest.mark.parametrize("answers", ["q\n", "s\n" * 15], ids=["quit", "skip-all"])
def test_review_that_accepts_nothing_writes_nothing(
    gt: Run, ledger_path: Path, monkeypatch: pytest.MonkeyPatch, answers: str
) -> None:
    result = reviewed(gt, ledger_path, monkeypatch, answers)
    assert result.exit_code == 0
    assert result.stderr.endswith(
        "[a]:no pledge accepted, so no draft was written (scio-2025-10-31.draft.toml)\n"
    )
    assert not Path("scio-2025-10-31.draft.toml").exists()


EVIL = (
    "The Ministry of Commerce will open \x1b]0;PWNED\x07\x1b[2J\x1b[31m50 new ports by 2030.\n"
    "MOFCOM has opened \u009b2Jten ports \u202eexe.txt.\n"
)


def _evil_source(gt: Run, ledger_path: Path, tmp_path: Path) -> None:
    """Source evil-1, whose archive was replaced by hand with text holding terminal controls."""
    clean = tmp_path / "clean.txt"
    clean.write_text("Nothing.\n", encoding="utf-8")
    added = gt("--ledger", str(ledger_path), "source", "add", "evil-1", "--title", "Evil",
               "--publisher", "X", "--date", "2026-01-01", "--text", str(clean))  # fmt: skip
    assert added.exit_code == 0, added.stderr
    (ledger_path.parent / "sources" / "evil-1.txt").write_text(EVIL, encoding="utf-8")


def test_the_review_escapes_the_controls_of_an_archived_text(
    gt: Run, ledger_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _evil_source(gt, ledger_path, tmp_path)
    result = reviewed(gt, ledger_path, monkeypatch, "e\n\n\n\n", "evil-1")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[:4] == [
        "[1/1] The Ministry of Commerce will open \\x1b]0;PWNED\\x07\\x1b[2J\\x1b[31m50 new ports "
        "by 2030.",
        "    title: Open \\x1b]0",
        "    agency: MOFCOM",
        "    deadline: 2030",
    ]
    assert "Title [Open \\x1b]0]:" in result.stderr
    assert all(line.isprintable() for line in result.stderr.splitlines())
    draft = tomllib.loads(Path("evil-1.draft.toml").read_text(encoding="utf-8"))
    assert draft["commitments"][0]["title"] == "Open \\x1b]0"  # as shown and accepted


def test_the_draft_file_holds_no_raw_control_and_reads_back_as_the_text(
    gt: Run, ledger_path: Path, tmp_path: Path
) -> None:
    _evil_source(gt, ledger_path, tmp_path)
    result = gt("--ledger", str(ledger_path), "extract", "evil-1", "-o", "-")
    assert result.exit_code == 0, result.stderr
    assert all(line.isprintable() for line in result.stdout.splitlines())
    assert "# - MOFCOM has opened \\x9b2Jten ports \\u202eexe.txt." in result.stdout
    (pledge,) = tomllib.loads(result.stdout)["commitments"]
    assert pledge["quote"] == EVIL.splitlines()[0]


def test_extract_leaves_out_the_pledges_the_ledger_quotes_already(
    gt: Run, ledger_path: Path
) -> None:
    result = gt("--ledger", str(ledger_path), "extract", "scio-2025-10-31", "-o", "-")
    assert result.exit_code == 0, result.stderr
    known = result.stderr.splitlines()[0]
    assert known.startswith(
        "left out the proposed pledges whose sentences the ledger quotes already: "
        "mofcom-green-trade-capacity, mofcom-green-governance-forums, "
    )
    quoted = {c.quote for c in storage.load(ledger_path).ledger.commitments}
    drafted = tomllib.loads(result.stdout)["commitments"]
    assert [d["title"] for d in drafted] == [
        d["title"] for d in drafted if d["quote"] not in quoted
    ]
    assert len(drafted) == 2  # of the 15 the briefing's text proposes (see the docs' example)
