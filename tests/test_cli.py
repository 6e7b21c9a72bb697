import json
from pathlib import Path

from citeqa.cli import main


def test_ask_prints_answer_then_numbered_passages(bot, capsys):
    assert main(["--seeds", str(bot.seeds), "--index", str(bot.index_dir), "ask",
                 "On which tyrosine is STAT6 phosphorylated?", "--k", "2"]) == 0
    out = capsys.readouterr().out
    # (the next sentence runs on: one citation)
    assert "STAT6 on tyrosine 641." in out.replace("\n", " ").split("[1]")[0]
    assert "\nPassages:\n[1] dupilumab.txt › Detailed Mechanism of Action › Proximal signaling block: JAK-STAT6 pathway\n" in out
    assert "\n[2] " in out and "\n[3] " not in out


def test_ask_json(bot, capsys):
    assert main(["--seeds", str(bot.seeds), "--index", str(bot.index_dir), "ask", "What does a Dupixent pen cost?",
                 "--json", "--k", "1"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["found"] is False and len(data["passages"]) == 1
    assert set(data["passages"][0]) == {"text", "source", "section", "start", "end", "score", "topic", "id", "page",
                                        "citation"}
    assert data["passages"][0]["page"] is None  # a .txt has no pages


def test_domain_errors_are_one_line_and_exit_2(tmp_path, capsys):
    assert main(["--seeds", str(tmp_path / "missing"), "status"]) == 2
    assert main(["ask", "   "]) == 2
    assert main(["ask", "why?", "--k", "0"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [f"citeqa: error: seeds folder not found: {tmp_path / 'missing'}",
                   "citeqa: error: question is empty: ask something about the documents",
                   "citeqa: error: k must be a whole number from 1 to 50, not 0"]


def test_build_and_status(corpus, capsys):
    index = corpus.parent / "index"
    assert main(["--seeds", str(corpus), "--index", str(index), "--model", "hash", "build"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "index: 3 documents, 5 passages, model hash"
    assert main(["--seeds", str(corpus), "--index", str(index), "--model", "hash", "status"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[:4] == ["documents: 3", "passages:  5", "model:     hash", "dense:     flat"]
    assert "about:     alphamab, betamab, gammamab" in out  # the drugs the documents are about
    assert out[-1] == "up to date"


COPD_NOTE = ('note: Read as: "Which trials showed it works in COPD?" '
             '(after "Which trials showed it works in asthma?")')


def test_chat_reads_follow_ups_against_the_conversation(bot, capsys):
    lines = iter(["Which trials showed it works in asthma?", "and in COPD?", "new", "quit"])
    from citeqa.cli import chat_loop
    assert chat_loop(bot, 3, read=lambda prompt: next(lines)) == 0
    out = capsys.readouterr().out
    assert COPD_NOTE in out
    assert "(new conversation)" in out


def test_ask_with_history(bot, capsys):
    assert main(["--seeds", str(bot.seeds), "--index", str(bot.index_dir), "ask", "and in COPD?",
                 "--history", "Which trials showed it works in asthma?"]) == 0
    assert COPD_NOTE in capsys.readouterr().out


def test_eval_reports_both_dev_sets_with_a_row_per_category(bot, capsys, monkeypatch):
    monkeypatch.chdir(Path(__file__).resolve().parent.parent)
    assert main(["--seeds", str(bot.seeds), "--index", str(bot.index_dir), "eval"]) == 0
    out = capsys.readouterr().out
    assert "== tests/data/questions.jsonl\n" in out and "\n== tests/data/natural.jsonl\n" in out
    rows = {line.split()[0]: line.split()[1:] for line in out.splitlines() if line.split()[:1] and
            line.split()[0] in {"followup", "offtopic", "broad"}}
    assert rows["offtopic"][:4] == ["69", "–", "–", "–"] and rows["offtopic"][4] == "1.00"
    assert len(rows["followup"]) == 6 and len(rows["broad"]) == 6


def test_a_pdf_citation_gives_its_page_and_status_names_unreadable_files(corpus, capsys):
    from benchmarks.documents import image_only_pdf, pdf_from_paragraphs
    filler = [f"Study {n} of somemab enrolled {20 + n} adults with chronic hand eczema for {n + 4} weeks. Most "
              "had tried topical corticosteroids before, and about a third had also taken oral ciclosporin."
              for n in range(30)]
    starts = pdf_from_paragraphs(["Somemab Label"] + filler + ["Zetamab is stored in a refrigerator at 2 to 8 degrees."],
                                 corpus / "label.pdf", columns=1)
    image_only_pdf(corpus / "scan.pdf")
    args = ["--seeds", str(corpus), "--index", str(corpus.parent / "index"), "--model", "hash"]
    assert main(args + ["ask", "How is zetamab stored?", "--k", "1"]) == 0
    out = capsys.readouterr().out
    assert f"\n[1] label.pdf › Somemab Label · p. {starts[-1][1]}\n" in out and starts[-1][1] >= 2
    assert main(args + ["ask", "How is zetamab stored?", "--k", "1", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["passages"][0]["page"] == starts[-1][1]
    assert main(args + ["status"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "skipped:   scan.pdf (no text layer (a scanned image?): OCR is not done; run OCR and add the result)" in out
    assert out[-1] == "up to date"
