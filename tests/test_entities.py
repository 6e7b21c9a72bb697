"""Drugs as entities: names learned from how documents introduce them, what each document
is about, and questions answered from the documents about the drug they name."""
import pytest

from citeqa import Assistant
from citeqa.index.drug_names import brand_like, learn_pairs, name_forms
from citeqa.index.entities import Drugs
from citeqa.reading.query import background_spans
from tests.conftest import HASH


def groups(text):
    return [(generic, brands) for generic, brands in learn_pairs(text)[0]]


@pytest.mark.parametrize("text, generic, brands", [
    ("Pembrolizumab, marketed under the brand name Keytruda, is a humanized antibody.", "Pembrolizumab", ["Keytruda"]),
    ("Megestrol acetate (MGA), sold under the brand names Megace and Megace ES among others, is a progestin.",
     "Megestrol acetate", ["Megace", "Megace ES"]),
    ("Semaglutide is marketed by Novo Nordisk under the brand names Ozempic and Rybelsus for diabetes and "
     "Wegovy for obesity.", "Semaglutide", ["Ozempic", "Rybelsus", "Wegovy"]),
    ("Metformin is also sold under other names, the best known being Glucophage.", "Metformin", ["Glucophage"]),
    ("Ozempic contains the active substance semaglutide, a GLP-1 receptor agonist.", "semaglutide", ["Ozempic"]),
    ("RINVOQ (upadacitinib) extended-release tablets, for oral use", "upadacitinib", ["RINVOQ"]),
    ("COUMADIN (warfarin sodium) tablets, for oral use", "warfarin sodium", ["COUMADIN"]),
    ("Patients switched from tofacitinib (Xeljanz) to it.", "tofacitinib", ["Xeljanz"]),
    ("It was compared with adalimumab (Humira) in SELECT-COMPARE.", "adalimumab", ["Humira"]),
    # a peptide's INN ending (-tide); the subject before a date; a drug name a dictionary lists
    ("On May 13, 2022, the FDA approved tirzepatide under the brand name Mounjaro for diabetes.", "tirzepatide",
     ["Mounjaro"]),
    ("Amoxicillin is an antibiotic of the aminopenicillin group, sold under the brand name Amoxil among others.",
     "Amoxicillin", ["Amoxil"]),
    ("The trial tested dapagliflozin, an SGLT2 inhibitor sold as Farxiga in the United States.", "dapagliflozin",
     ["Farxiga"]),
])
def test_brand_and_generic_names_are_learned_from_the_usual_phrasings(text, generic, brands):
    assert (generic, brands) in groups(text)


@pytest.mark.parametrize("text", [
    "It blocks tumor necrosis factor (TNF) signalling.",  # an abbreviation, not a brand
    "Imatinib was developed at Novartis (Basel) in the 1990s.",  # a place beside a company
    "The Food and Drug Administration (FDA) approved it.",
    # a former name is no brand
    "It treats eosinophilic granulomatosis with polyangiitis, formerly known as Churg-Strauss syndrome.",
])
def test_abbreviations_and_places_are_no_brand_names(text):
    assert groups(text) == []


def test_a_drug_class_or_a_study_is_no_drug():
    # a drug is never plural: what a document writes in the plural is a class ("statins", "cephalosporins")
    _, names = learn_pairs("Atorvastatin belongs to a group of medicines called statins. Tell your doctor if you "
                           "have had muscle problems with a statin before. Atorvastatin lowers cholesterol.")
    assert "statin" not in names and "Atorvastatin" in names
    # a study's name with its numeral is no brand: "Study RA-II (monotherapy)" pairs nothing
    assert groups("RA-II (monotherapy), week 26 | 19.1% | 46.0%") == [] and not brand_like("RA-II")


def test_a_word_listed_beside_inns_is_a_drug():
    # "warfarin" and "heparin" have no INN ending; listed beside rivaroxaban and dabigatran they are drugs
    _, names = learn_pairs("Tell your doctor if you take another medicine against clots, for example warfarin, "
                           "rivaroxaban, dabigatran or heparin. Warfarin, apixaban and edoxaban need checks.")
    assert {"warfarin", "heparin", "Warfarin"} <= set(names)
    # everyday words, a brand inside the list, or a list beside one INN alone name no drug
    _, names = learn_pairs("Side effects include headache, nausea, rivaroxaban or dabigatran. Take it with "
                           "Coumadin, rivaroxaban and heparin. Avoid grapefruit, alcohol and tacrolimus.")
    assert not {"headache", "nausea", "Coumadin", "grapefruit", "alcohol", "heparin"} & set(names)
    # nor a common word, a class (plural), or a last item that qualifies the word after it; a bullet's first word counts
    _, names = learn_pairs("It was compared with mepolizumab, benralizumab and placebo. Avoid sitagliptin, saxagliptin "
                           "or sulfonylureas. Avoid ketoconazole, itraconazole or grapefruit juice.\n"
                           "- Warfarin, apixaban and edoxaban need checks.")
    assert not {"placebo", "sulfonylureas", "sulfonylurea", "grapefruit"} & set(names) and "Warfarin" in names


def test_a_title_names_the_document_s_own_drug():
    from citeqa.index.drug_names import title_name
    assert title_name("Imatinib") == "Imatinib" and title_name("HPV vaccine") == "HPV vaccine"
    # a vaccine is named by its disease, an everyday word
    assert title_name("Influenza (Flu) Vaccine, Inactivated or Recombinant: What You Need to Know") == "Influenza Vaccine"
    assert title_name("Package leaflet: Information for the patient") is None


def test_a_company_or_country_after_a_brand_cue_is_no_brand():
    assert groups("Imatinib, marketed by Novartis as Gleevec in the United States and Canada, is a kinase "
                  "inhibitor.") == [("Imatinib", ["Gleevec"])]
    assert not brand_like("Europe") and brand_like("Keytruda") and brand_like("RINVOQ") and not brand_like("FDA")


def test_a_word_that_qualifies_a_brand_is_no_drug_of_its_own():
    # "Quadrivalent" and "High-Dose" name no product alone: a question about "quadrivalent Gardasil"
    # was answered from the flu vaccine leaflet
    (_, brands), = groups("Products include Fluzone High-Dose Quadrivalent and Flublok, both sold in the US.")
    assert "Quadrivalent" not in brands and "High-Dose" not in brands
    assert {"Fluzone", "Fluzone High-Dose", "Flublok"} <= set(brands)


def test_a_generic_name_is_known_by_the_ending_of_its_class():  # WHO INN stems
    from citeqa.index.drug_names import is_inn
    assert all(is_inn(w) for w in ("clopidogrel", "pregabalin", "gabapentin", "tramadol", "diclofenac", "olanzapine"))
    assert not any(is_inn(w) for w in ("gospel", "salad", "pension"))


def test_a_name_is_also_known_without_its_salt_or_dosage_form():
    assert name_forms("Warfarin sodium tablets") == ["Warfarin sodium tablets", "Warfarin sodium", "Warfarin"]
    # the salts and esters of the USAN and INN lists: "PLAVIX (clopidogrel bisulfate)" is clopidogrel too
    assert name_forms("clopidogrel bisulfate")[-1] == "clopidogrel"
    assert name_forms("clopidogrel hydrogen sulfate")[-1] == "clopidogrel"
    assert name_forms("olmesartan medoxomil")[-1] == "olmesartan"


def test_a_drug_with_no_generic_known_is_named_as_the_documents_name_it_most():
    from types import SimpleNamespace as Chunk
    text = ("The MMR vaccine protects against measles, mumps and rubella. It is sold under the brand names M-M-R II "
            "and Priorix. Early brands were sold as Pluserix and Immravax.")
    chunks = [Chunk(text=text, source="mmr.md", section="", labels=()),
              Chunk(text="Two doses of MMR vaccine are given. The MMR vaccine is a live vaccine.", source="mmr.md",
                    section="", labels=())]
    drugs = Drugs.learn(chunks, {"mmr.md": "MMR vaccine"})
    mmr = next(d for d in drugs.drugs if "Priorix" in d.names)
    assert mmr.label == "MMR vaccine" and {"Immravax", "Pluserix", "M-M-R II"} <= set(mmr.names)


def test_a_heading_pairs_a_brand_with_its_generic_as_a_sentence_does():
    from types import SimpleNamespace as Chunk
    # a press release pairs the names only in its headings ("About KEYTRUDA® (pembrolizumab) injection")
    chunks = [Chunk(text="Klorinex plus chemotherapy cut the risk of death by half.", source="pr.txt",
                    section="Klorinex results", labels=()),
              Chunk(text="Klorinex is an anti-PD-1 therapy. Cisplatin or carboplatin was given with it.",
                    source="pr.txt",
                    section="Klorinex results › About KLORINEX® (betamab) injection, 100 mg", labels=())]
    drugs = Drugs.learn(chunks, {"pr.txt": "pr.txt"})
    (subject,) = drugs.subjects["pr.txt"]
    assert {"betamab", "KLORINEX"} <= set(drugs.drugs[subject].names)  # not the chemotherapy it was given with


@pytest.fixture
def drugs_folder(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "alpha.md").write_text(
        "# Alphamab\n\nAlphamab, sold under the brand name Zorvexa, is an antibody for gout.\n\n"
        "## Dosing\n\nThe dose is 200 mg every two weeks.\n\n## Interactions\n\n"
        "Unlike betamab, alphamab needs no loading dose.\n", encoding="utf-8")
    (seeds / "beta.txt").write_text(
        "KLORINEX (betamab) injection\n\nBetamab lowers serum beta levels.\n\nDosage\n\n"
        "The dose is 10 mg once a month.\n", encoding="utf-8")
    return seeds


def test_each_document_is_about_its_own_drug_and_passages_name_theirs(drugs_folder):
    bot = Assistant(drugs_folder, drugs_folder.parent / "index", settings=HASH)
    drugs = bot._state[1].vocab.drugs
    named = {drugs.drugs[d].label: d for ds in drugs.subjects.values() for d in ds}
    assert set(named) == {"alphamab (Zorvexa)", "betamab (Klorinex)"}
    assert drugs.about([named["betamab (Klorinex)"]]) == {"beta.txt"}  # alpha.md names betamab only in passing
    assert drugs.about([named["alphamab (Zorvexa)"]]) == {"alpha.md"}


def test_a_question_naming_a_drug_is_answered_from_its_documents_only(drugs_folder):
    bot = Assistant(drugs_folder, drugs_folder.parent / "index", settings=HASH)
    for question, source in [("What is the dose of Zorvexa?", "alpha.md"), ("What is the dose of Klorinex?", "beta.txt"),
                             ("What is the dose of alphamab?", "alpha.md"), ("how much betamab do I take?", "beta.txt")]:
        answer = bot.ask(question, k=5)
        assert {p.source for p in answer.passages} == {source}, question
    # the conversation's drug, when the question names none
    answer = bot.ask("what is the dose?", history=["What does Klorinex treat?"])
    assert {p.source for p in answer.passages} == {"beta.txt"}


def test_naming_no_drug_in_a_folder_about_several_says_which_drug_each_quote_is_about(drugs_folder):
    bot = Assistant(drugs_folder, drugs_folder.parent / "index", settings=HASH)
    answer = bot.ask("What is the dose?")
    assert answer.found and "About " in answer.text
    assert any(label in answer.text for label in ("alphamab (Zorvexa)", "betamab (Klorinex)"))


def test_a_follow_up_naming_another_drug_asks_it_the_earlier_question(drugs_folder):
    reader = Assistant(drugs_folder, drugs_folder.parent / "index", settings=HASH)._state[1].question_reader
    query = reader.read("and Klorinex?", ["What is the dose of Zorvexa?"])
    assert query.read_as == "What is the dose of Klorinex?"


@pytest.mark.parametrize("question", ["I have tried tacrolimus. What is the dose of alphamab?",
                                      "I'm on lisinopril, what is the dose of alphamab?",
                                      "im already on lisinopril, whats the dose of alphamab",  # (no apostrophe)
                                      "ive tried tacrolimus, what is the dose of alphamab?",
                                      "hes on lisinopril, what is the dose of alphamab?",
                                      "My dad used to take fingolimod. What is the dose of Zorvexa?"])
def test_a_drug_named_to_set_the_scene_neither_declines_nor_steers_the_question(drugs_folder, question):
    bot = Assistant(drugs_folder, drugs_folder.parent / "index", settings=HASH)
    query = bot._state[1].read(question)
    assert query.unknown_names == () and query.passing_names == ()
    assert bot._state[1].vocab.drugs.about(query.drugs) == {"alpha.md"}


def test_an_initialism_is_no_contraction_written_without_its_apostrophe():
    # "hes on warfarin" and "im on it" set a scene; "HES" (a syndrome) and "IM" (into a muscle) do not
    assert background_spans("Can patients with HES on mepolizumab take alphamab?") == []
    assert background_spans("Is alphamab given IM on day 1?") == []


def test_asking_can_i_take_a_drug_is_asking_about_it(drugs_folder):
    bot = Assistant(drugs_folder, drugs_folder.parent / "index", settings=HASH)
    query = bot._state[1].read("I'm on alphamab. Can I take Klorinex too?")
    assert bot._state[1].vocab.drugs.about(query.drugs) == {"beta.txt"}


def test_drugs_round_trip_through_the_saved_scan(drugs_folder):
    bot = Assistant(drugs_folder, drugs_folder.parent / "index", settings=HASH)
    drugs = bot._state[1].vocab.drugs
    again = Drugs.from_json(drugs.to_json())
    assert again.to_json() == drugs.to_json()
    reopened = Assistant(drugs_folder, drugs_folder.parent / "index", settings=HASH)
    assert reopened.last_report.nothing_changed and reopened._state[1].vocab.drugs.to_json() == drugs.to_json()


def test_asked_about_a_drug_as_a_whole_its_summary_saying_what_it_is_answers(drugs_folder):
    bot = Assistant(drugs_folder, drugs_folder.parent / "index", settings=HASH)
    answer = bot.ask("tell me about Zorvexa")
    assert answer.found and "is an antibody for gout" in answer.text
    assert not bot.ask("hi, how are you today?").found  # naming no drug, nor calling one "it"


def test_a_follow_up_naming_a_drug_takes_its_slot_when_the_earlier_question_names_two(drugs_folder):
    (drugs_folder / "gamma.txt").write_text("GAMMIX (gammamab) injection\n\nGammamab treats gout.\n", encoding="utf-8")
    reader = Assistant(drugs_folder, drugs_folder.parent / "index", settings=HASH)._state[1].question_reader
    query = reader.read("what about with gammamab?", ["Can alphamab be used with betamab?"])
    assert query.read_as == "Can alphamab be used with gammamab?"  # not "Can gammamab be used with gammamab?"


def test_a_drug_named_elsewhere_in_the_folder_is_still_known_by_its_class(tmp_path):
    # ibuprofen is a word of the folder (another drug's document names it), so it is a name; the
    # vocabulary still reads it as an NSAID, so a passage about NSAIDs holds it
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "zetamab.txt").write_text("Zetamab and other medicines\n\nTaking Zetamab with NSAIDs raises the chance "
                                       "of bleeding.\n\nZetamab and your kidneys\n\nNSAIDs are best avoided in kidney "
                                       "disease.\n", encoding="utf-8")
    (seeds / "betavir.txt").write_text("Betavir and pain relief\n\nBetavir, sold under the brand name Betavex, may be "
                                       "taken with ibuprofen for pain.\n", encoding="utf-8")
    reader = Assistant(seeds, tmp_path / "index", settings=HASH)._state[1]
    ibuprofen, = [c for c in reader.read("can i take ibuprofen with zetamab?").concepts if c.word == "ibuprofen"]
    assert ibuprofen.name and ("nsaid",) in ibuprofen.forms
