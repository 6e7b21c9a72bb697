"""The development corpus (tests/data/corpus): well-formed, and what it measures held.

The held-out documents guide no change: their floors below are set under what was
measured when they were first scored with the final code, so a change that makes citeqa
worse on documents it was never tuned on fails here (README, How well it answers)."""
from collections import Counter
from pathlib import Path

import pytest

from citeqa.evaluate import (corpus_documents, corpus_questions, folder_assistant, load_questions, metrics,
                             other_documents, run_corpus, run_folder)
from citeqa.ingest import load_document
from citeqa.reading.query import names_stem_of

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "corpus"
CATEGORIES = {"lay", "clinical", "followup", "broad"}


def test_the_corpus_is_many_documents_of_several_kinds_with_some_held_out():
    docs = corpus_documents(CORPUS)
    assert len(docs) >= 10
    assert len({d.generic for d in docs}) >= 7
    assert len({d.style for d in docs}) >= 4
    assert {Path(d.file).suffix for d in docs} >= {".pdf", ".docx", ".html", ".txt", ".md"}
    held = [d for d in docs if d.split == "heldout"]
    assert len(held) >= 4 and len({d.style for d in held}) >= 2


@pytest.mark.parametrize("doc", corpus_documents(CORPUS), ids=lambda d: d.file)
def test_each_document_has_blind_questions_labelled_from_its_own_text(doc):
    text = load_document(CORPUS / "docs", CORPUS / "docs" / doc.file).text
    rows = corpus_questions(CORPUS, doc)
    assert len(rows) >= 40
    assert len({r["id"] for r in rows}) == len(rows)
    cats = Counter(r["cat"] for r in rows)
    assert set(cats) <= CATEGORIES and cats["lay"] and cats["followup"]
    unanswered = sum(not r["gold"] for r in rows) / len(rows)
    assert 0.1 <= unanswered <= 0.6
    for r in rows:
        assert bool(r["gold"]) == bool(r["answer"]), r["id"]
        assert all(g in text for g in r["gold"]), r["id"]  # gold phrases are the document's own words
        assert all(a.lower() in text.lower() for a in r["answer"]), r["id"]
        assert r["cat"] != "followup" or r.get("prev"), r["id"]


def test_the_folder_questions_are_labelled_from_the_documents():
    texts = [load_document(CORPUS / "docs", CORPUS / "docs" / d.file).text for d in corpus_documents(CORPUS)]
    texts.append((ROOT / "seeds" / "dupilumab.txt").read_text(encoding="utf-8"))
    rows = load_questions(CORPUS / "questions" / "folder.jsonl")
    assert len(rows) >= 30
    for r in rows:
        assert all(any(g in t for t in texts) for g in r["gold"]), r["id"]


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """Every corpus document and the seed in one folder."""
    return run_folder(CORPUS, tmp_path_factory.mktemp("folder"), other_documents(CORPUS, [ROOT / "seeds" / "dupilumab.txt"]))


def test_a_question_naming_one_drug_quotes_only_that_drugs_documents(folder):
    assert len(folder.named) >= 400  # every such question of every document
    assert [f"{r.id}: {r.question} -> {r.sources}" for r in folder.strays] == []


def test_a_brand_name_does_as_well_as_the_generic_name(folder):
    assert len(folder.brand) >= 100
    brand, generic = metrics(folder.brand), metrics(folder.generic)
    assert brand["hit@1"] >= generic["hit@1"] - 0.05
    assert brand["answer_accuracy"] >= generic["answer_accuracy"] - 0.05


def test_the_dose_asked_about_is_found_as_a_labels_dosage(tmp_path):
    # a label says "recommended dosage" (its section 2 is DOSAGE AND ADMINISTRATION); patients ask for
    # "the dose", which the stemmer keeps apart: asked so, the answer is not its presentations
    bot = folder_assistant([CORPUS / "docs" / "fasenra-label.docx"], tmp_path)
    ans = bot.ask("what is the dose of fasenra?")
    assert ans.found and "recommended dosage" in ans.text.split("[1]")[0]
    assert "every 4 weeks" in ans.text


def test_asked_whether_it_is_safe_the_answer_opens_with_what_the_document_judges(tmp_path):
    # "Is amoxicillin safe?" once opened with "It is considered safe in pregnancy and breastfeeding", and "is the
    # mmr vaccine safe" with how rare encephalitis is: one risk, or one group, where the page gives a verdict
    amoxicillin = folder_assistant([CORPUS / "docs" / "amoxicillin.md"], tmp_path / "amoxicillin")
    first = amoxicillin.ask("Is amoxicillin safe?").text.split("[1]")[0]
    assert "well tolerated" in first and "pregnancy" not in first
    mmr = folder_assistant([CORPUS / "docs" / "mmr-vaccine.md"], tmp_path / "mmr")
    assert "mild" in mmr.ask("is the mmr vaccine safe").text.split("[1]")[0]
    # in a conversation, "is it safe?" asks of what was said: pregnancy, not the verdict on the whole
    after = amoxicillin.ask("is it safe?", history=["can I take amoxicillin while pregnant?"])
    assert "pregnancy" in after.text.split("[1]")[0] and "well tolerated" not in after.text
    after = amoxicillin.ask("and is it ok in pregnancy?", history=["Is amoxicillin safe?"])
    assert "pregnancy" in after.text.split("[1]")[0]
    # ... and after a question about the drug as a whole, of the whole
    after = amoxicillin.ask("is it safe?", history=["what is amoxicillin used for?"])
    assert "well tolerated" in after.text.split("[1]")[0]


def test_asked_how_many_took_part_the_answer_gives_the_head_count(tmp_path):
    # "how many people were in the study" was declined: the reader put "Patients were randomly assigned in a 2:1
    # ratio" first, and the sentence beside it that gave the 616 enrolled did not count as the answer
    bot = folder_assistant([CORPUS / "docs" / "keynote189.txt"], tmp_path)
    for question in ("how many people were in the study", "How many patients were randomized in KEYNOTE-189?",
                     "how many patients did the trial enroll?"):
        ans = bot.ask(question)
        assert ans.found and "616" in ans.text.split("[1]")[0], question


def test_asked_what_it_is_used_for_a_trial_report_answers_with_its_approval(tmp_path):
    # "What is mepolizumab used for?" was answered "much as serum IgE is used to select patients for omalizumab"
    bot = folder_assistant([CORPUS / "docs" / "mensa-trial.md"], tmp_path)
    first = bot.ask("What is mepolizumab used for?").text.split("[1]")[0]
    assert "asthma" in first and "omalizumab" not in first


def test_asked_what_to_do_the_answer_opens_with_what_to_do(tmp_path):
    # "what should I do if my mother took too many eliquis tablets?" was answered "Too much Eliquis raises the risk of
    # bleeding", what happens, beside "Tell your doctor straight away and take the pack with you", what to do
    eliquis = folder_assistant([CORPUS / "docs" / "eliquis-leaflet.docx"], tmp_path / "eliquis")
    ans = eliquis.ask("what should I do if I take more eliquis than I should?")
    assert ans.found and "tell your doctor" in ans.text.split("[1]")[0].lower()
    metformin = folder_assistant([CORPUS / "docs" / "metformin-leaflet.txt"], tmp_path / "metformin")
    ans = metformin.ask("what do i do if im throwing up a lot and taking metformin")  # not what dehydration is
    assert ans.found and "stop taking" in ans.text.split("[1]")[0].lower()


def test_asked_who_must_not_take_it_the_list_under_a_heading_that_says_so_answers(tmp_path):
    # "who should not take apixaban" got one sentence about pregnancy: the leaflet's items sit under the heading
    # "Do not take Eliquis if you:", and none of them says "do not take" itself
    bot = folder_assistant([CORPUS / "docs" / "eliquis-leaflet.docx"], tmp_path)
    ans = bot.ask("who should not take apixaban")
    assert ans.found and "Do not take Eliquis if you:" in ans.passages[0].section
    assert sum(item in ans.text for item in ("allergic", "bleeding heavily", "liver disease", "warfarin")) >= 3


def test_the_class_a_drug_name_ends_with_stands_for_the_drug(tmp_path):
    # "my statin" of the atorvastatin leaflet is atorvastatin: a sentence need not name statins to answer, and
    # "Statins work by blocking an enzyme" was the answer to whether a pregnant woman may keep taking it
    bot = folder_assistant([CORPUS / "docs" / "atorvastatin-leaflet.txt"], tmp_path)
    ans = bot.ask("im pregnant can i keep taking my statin")
    assert ans.found and "pregnant" in ans.text.split("[1]")[0] and "Statins work" not in ans.text
    assert names_stem_of("statin", {"atorvastatin"}) and names_stem_of("gliflozin", {"dapagliflozin"})
    assert not names_stem_of("mab", {"dupilumab"}) and not names_stem_of("atorvastatin", {"atorvastatin"})


def test_held_out_documents_floors(tmp_path):
    results = run_corpus(CORPUS, tmp_path, splits=("heldout",))
    m = metrics(results)
    assert m["questions"] >= 300
    # measured with the final code (docs/benchmarks/corpus.md): hit@1 0.653, hit@5 0.879,
    # accuracy 0.535, declined 0.688, false abstention 0.162 -- far below the seed's figures
    assert m["hit@1"] >= 0.62
    assert m["hit@5"] >= 0.84
    assert m["answer_accuracy"] >= 0.50
    assert m["abstention_unanswerable"] >= 0.62
    assert m["false_abstention"] <= 0.20
