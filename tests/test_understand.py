"""Understanding the question: lay words bridged, follow-ups read, names the documents
lack, kinds of answer and broad questions. Over the real seed with the hashing embedder
(no model needed): understanding is lexical."""
import re

import pytest

from citeqa import Assistant
from citeqa.reading.kinds import (KIND_HEADINGS, about_the_document, answer_kinds, asked_to_name, asks_earliest,
                          boilerplate, earliest_date, holds_kind,
                          holds_quantity, is_broad, names_it, wants_dose, wants_quantity, gives_dose)
from citeqa.language.wordlists import (CONSUMER_HEALTH, GENERIC_WORDS, LABEL_TOPICS, consumer_health, generic_words,
                              label_topics, misspelt_common, words_of)
from citeqa.language.text import stem
from citeqa.reading.lay_words import with_age_groups
from citeqa.reading.query import asked_amounts
from citeqa.answering.retrieve import SECTION_NUMBER, sums_up
from citeqa.answering.quotes import NAMES_BACK
from tests.conftest import HASH, SEEDS, one_document


@pytest.fixture(scope="module")
def reader(tmp_path_factory):
    bot = Assistant(SEEDS, tmp_path_factory.mktemp("understand") / "index", settings=HASH)
    return bot._state[1]


def test_lay_words_are_bridged_to_the_clinical_words_the_documents_use(reader):
    query = reader.read("Is it a pill or a shot?")
    assert query.weights["subcutan"] == 0.5 and query.weights["inject"] == 0.5 and query.weights["oral"] == 0.5
    assert "shot" not in query.weights and "pill" not in query.weights  # the documents never say them
    assert "shot → inject; subcutan" in query.bridged
    assert query.text == "Is it a pill or a shot? (oral; injection, subcutaneous)"  # what the documents hold


def test_a_word_the_documents_use_themselves_is_not_bridged(reader):
    # "trial" is the documents' own word; "eczema", said once where "atopic dermatitis" is said throughout, is bridged
    assert reader.read("Which trial?").bridged == ()
    assert reader.read("Does it help eczema?").bridged == ("eczema → atop dermat; dermat; atop eczema",)


def test_a_lay_word_is_bridged_though_its_stem_stemmed_again_is_a_word_the_documents_use(tmp_path):
    # "breastfeed" stems to "breastfe", which stemmed again is the "breastf" of the documents' "breastfed": the
    # documents do not say "breastfeed" themselves, and the question reaches their "Lactation"
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "examplomab.txt").write_text(
        "Examplomab\n\nLactation\n\nExamplomab passes into human milk in small amounts; watch the breastfed infant "
        "for diarrhoea.\n\nStorage\n\nKeep the pens in a refrigerator.\n", encoding="utf-8")
    query = Assistant(tmp_path / "seeds", tmp_path / "index", settings=HASH)._state[1].read(
        "can i breastfeed while on examplomab?")
    assert query.weights.get("lactat") == 0.5 and any(b.startswith("breastfe →") for b in query.bridged)


def test_an_elliptical_follow_up_takes_the_earlier_questions_slot(reader):
    query = reader.read("and in COPD?", ["Which trials showed it works in asthma?"])
    assert query.read_as == query.text == "Which trials showed it works in COPD?"
    assert "copd" in query.weights and "asthma" not in query.weights


def test_a_follow_up_without_a_slot_is_read_with_the_earlier_question_as_context(reader):
    query = reader.read("how many patients were enrolled?", ["Tell me about the BOREAS trial in COPD."])
    assert query.text == "Tell me about the BOREAS trial in COPD: how many patients were enrolled?"
    assert query.read_as == "how many patients were enrolled? (following “Tell me about the BOREAS trial in COPD.”)"
    assert query.weights["enrol"] == 1.0 and query.weights["borea"] == 0.5 and query.weights["copd"] == 0.5


@pytest.mark.parametrize("question, leans", [
    ("why not?", True), ("why 300 mg?", True),  # a reason asked with nothing of its own
    ("in adults too?", True), ("even in adults?", True), ("what happens then?", True),  # presupposing the last
    ("why does it cause conjunctivitis in atopic dermatitis?", False),  # a reason asked about something named
    ("why are injections needed?", False), ("What do I do about side effects then?", False),
])
def test_a_reason_or_a_presupposing_question_leans_on_the_last(reader, question, leans):
    assert bool(reader.read(question, ["Can children take it?"]).leans_on) is leans


@pytest.mark.parametrize("question, leans", [
    ("what are the symptoms?", True), ("what signs should i look out for?", True),  # a condition's, unnamed
    ("what are the symptoms to watch for?", True),
    ("what are the symptoms of conjunctivitis?", False), ("what are the allergy symptoms?", False),  # one named
    ("how do I sign up?", False), ("will my vital signs be checked?", False),  # no symptoms asked for
    ("how long would the symptoms last?", False),  # a fact of its own asked
])
def test_the_symptoms_asked_after_a_condition_are_that_conditions(reader, question, leans):
    # only a condition has symptoms or signs: asked of none, they are those of the one just asked about
    assert bool(reader.read(question, ["Can it cause conjunctivitis?"]).leans_on) is leans


def test_a_question_that_stands_on_its_own_is_not_changed_by_the_history(reader):
    alone = reader.read("What does dupilumab bind to?")
    after = reader.read("What does dupilumab bind to?", ["Who makes Dupixent?", "and in COPD?"])
    assert after == alone and after.read_as == ""


@pytest.mark.parametrize("question", ["what did the trials show?", "which patients exactly?"])
def test_a_question_naming_nothing_that_points_back_is_read_against_the_history(reader, question):
    # a definite noun ("the trials") or an ask for detail, and no subject of its own
    query = reader.read(question, ["Is Dupixent used for nasal polyps?"])
    assert query.text == f"Is it used for nasal polyps: {question}"
    assert query.weights["polyp"] == 0.5


def test_a_capital_starting_a_sentence_or_a_contraction_is_no_name(reader):
    query = reader.read("My son has had eczema since he was a baby. We've tried every cream. Would Dupixent help?")
    assert query.unknown_names == ()
    assert reader.read("Is it better than Rinvoq? Tralokinumab too?").unknown_names == ("Rinvoq", "Tralokinumab")


def test_a_time_of_day_is_no_name(reader):
    assert reader.read("i forgot my dupixent this morning and its now 9pm, do i take it now?").unknown_names == ()


def test_a_name_the_lay_vocabulary_knows_is_no_unknown_name(reader):
    # "MMR" is a live vaccine (data/consumer_health.tsv), and the documents speak of live vaccines
    query = reader.read("can my daughter get her MMR booster while on it?")
    assert query.unknown_names == () and "mmr → live vaccin; vaccin" in query.bridged
    assert reader.read("What does IL-5 do?").unknown_names == ("IL-5",)  # a name it does not know
    # an everyday medicine is known by its class, and is unknown where the documents name neither
    assert reader.read("can i take ibuprofen with it?").unknown_names == ("ibuprofen",)


@pytest.mark.parametrize("question, unknown", [
    ("Does it block pruritogens such as IL-31?", ()),  # the page speaks of IL-31: what it says answers
    ("Does it block pruritogens such as IL-33?", ("pruritogens",)),  # an example it never mentions explains nothing
])
def test_a_class_named_by_examples_the_documents_hold_is_no_unknown_name(reader, question, unknown):
    assert reader.read(question).unknown_names == unknown


@pytest.mark.parametrize("question, absent", [
    ("Can I take ibuprofen with it for a headache?", ()),  # what another medicine is taken for is not asked
    ("Can I take dupixent for a headache?", ("headache",)),  # what the drug asked about is taken for is
    ("im on sumatriptan for a headache, does that mix ok with dupixent?", ()),  # "on" a medicine for something
    ("she's on dupixent for a headache, is that ok?", ("headache",)),
    ("what dose is on the label for a headache?", ("headache",)),  # no one is "on" the label
    ("Can it give me a headache?", ("headache",)),
])
def test_what_another_medicine_is_taken_for_is_not_what_is_asked(reader, question, absent):
    assert reader.read(question).absent == absent


@pytest.mark.parametrize("question, person, asked", [
    ("My mother can't swallow tablets, is there an injection?", "mother", "injection"),
    ("will it make my dad's skin worse?", "dad's", "skin"),
    ("can her husband use it for asthma?", "husband", "asthma"),
    ("can my grandad have the injection?", "grandad", "injection"),
])
def test_a_relative_the_question_is_asked_for_is_not_what_it_asks_about(reader, question, person, asked):
    words = {c.word for c in reader.read(question).concepts}
    assert person not in words and asked in words  # whom it is for weighs nothing; what it asks about does
    # the same word, not said of someone's own, is what is asked about ("is it safe for the mother?")
    word = person.split("'")[0]
    assert word in {c.word for c in reader.read(f"is it safe for the {word}?").concepts}


def test_a_finding_is_named_with_fillers_inside_it(reader):
    # the vocabulary's "ringing in ears", asked as "ringing in the ears", is never mentioned by the page
    assert reader.read("does it cause ringing in the ears?").absent == ("ringing in ears",)
    # ... and "hair falling out" as people say it, in its words' other forms ("make your hair fall out?")
    assert reader.read("does dupixent make your hair fall out?").absent == ("hair falling out",)


def test_a_sexual_side_effect_is_read_as_the_words_a_leaflet_uses(tmp_path, reader):
    # a leaflet lists "sexual difficulties" or "decreased libido"; people ask about erectile dysfunction or sex drive
    leaflet = one_document(tmp_path, "gammastatin.txt", "Gammastatin\n\nSide effects reported with some statins: "
                           "sexual difficulties; decreased libido; depression.\n", HASH)._state[1]
    query = leaflet.read("does gammastatin cause erectile dysfunction?")
    assert query.absent == () and any(b.startswith("erectil dysfunct →") for b in query.bridged)
    assert any(b.startswith("sex drive →") for b in leaflet.read("will it lower my sex drive?").bridged)
    # the seed page names none of them: the documents never mention it
    assert reader.read("can dupixent cause erectile dysfunction?").absent == ("erectile dysfunction",)


def test_a_salt_disturbance_is_read_as_the_words_a_leaflet_uses(tmp_path):
    # a leaflet says the medicine "can raise your blood potassium"; a clinician asks about hyperkalaemia
    leaflet = one_document(tmp_path, "gammapril.txt", "Gammapril\n\nGammapril can raise your blood potassium. "
                           "Tell your doctor if you take water tablets.\n", HASH)._state[1]
    for question in ("does gammapril cause hyperkalaemia?", "can gammapril give me hyperkalemia?"):
        query = leaflet.read(question)
        assert query.absent == () and any(b.startswith("hyperkal") for b in query.bridged), question


def test_a_heart_attack_asked_as_mi_is_read_as_a_leaflet_says_it(tmp_path):
    leaflet = one_document(tmp_path, "gammapril.txt",
                           "Gammapril\n\nAfter a heart attack, start with 5 mg within 24 hours.\n", HASH)._state[1]
    for question in ("gammapril dosing post MI?", "gammapril after myocardial infarction?"):
        assert any("heart attack" in b for b in leaflet.read(question).bridged), question


def test_a_side_effect_is_mentioned_only_by_a_passage_holding_one_of_its_names_whole(tmp_path):
    # "weight gain" is "weight increase" or "increased body weight"; a guide saying "low birth weight" in one
    # paragraph and "the body" in another never mentions it
    guide = one_document(tmp_path / "guide", "gammalukast.txt",
                         "Gammalukast\n\nPoorly controlled asthma in pregnancy can lead to low birth weight.\n\n"
                         "Gammalukast blocks leukotrienes throughout the body. It is increased slowly.\n",
                         HASH)._state[1]
    assert guide.read("does gammalukast cause weight gain").absent == ("weight gain",)
    label = one_document(tmp_path / "label", "gammalukast.txt",
                         "Gammalukast\n\nA weight increase of 2 kg was seen in some people.\n", HASH)._state[1]
    assert label.read("does gammalukast cause weight gain").absent == ()


def test_a_question_naming_its_own_subject_is_not_read_against_the_history(reader):
    assert reader.read("what did the COPD trials show?", ["Is Dupixent used for nasal polyps?"]).read_as == ""
    # a property of the drug, said with "the", is no pointer back
    assert reader.read("What are the side effects?", ["Which trials showed it works in COPD?"]).read_as == ""


def test_a_condition_takes_the_place_of_one_asked_with_another_preposition(reader):
    query = reader.read("and in COPD?", ["Does it help with hives?"])
    assert query.read_as == "Does it help with COPD?" and not query.leans_on
    assert reader.read("what trials were done for that?", ["Does it help with hives?"]).leans_on


def test_the_last_question_of_the_history_is_itself_read_first(reader):
    # "and for asthma?" has no slot for a disease ("for adults" holds people): it is read
    # as context, "What is the dose for adults: and for asthma?"; then kids take the adults' place
    query = reader.read("and for kids?", ["What is the dose for adults?", "and for asthma?"])
    assert query.read_as == "What is the dose for kids and for asthma?"
    query = reader.read("and in kids?", ["What is the dose for adults?", "and for asthma?"])
    assert query.read_as == "What is the dose for kids and for asthma?"  # people, whatever the preposition


def test_a_group_of_people_takes_the_place_of_the_group_asked_about(reader):
    query = reader.read("What about for older children?", ["When was Dupixent approved for eczema in adults?"])
    assert query.read_as == "When was Dupixent approved for eczema in older children?"
    query = reader.read("and in COPD?", ["Which trials showed it works in asthma in adults?"])
    assert query.read_as == "Which trials showed it works in COPD in adults?"


def test_a_dose_written_against_its_unit_is_no_name(reader):
    """"300mg" is read as "300 mg", which the page holds: no name it never mentions."""
    assert reader.read("is 300mg every other week the usual dose?").unknown_names == ()
    assert reader.read("is 300mg every other week the usual dose?").weights == \
        reader.read("is 300 mg every other week the usual dose?").weights


def test_names_the_documents_never_mention_are_listed(reader):
    assert reader.read("What does pembrolizumab block?").unknown_names == ("pembrolizumab",)
    assert reader.read("What did the ECZTRA 3 trial show?").unknown_names == ("ECZTRA",)
    # lower case and no drug ending, but no English word (in either spelling) nor a typo of a corpus word
    assert reader.read("is rinvoq better than dupixent?").unknown_names == ("rinvoq",)
    assert reader.read("side effects of metformin?").unknown_names == ("metformin",)


@pytest.mark.parametrize("question, unknown", [
    ("What are the symptoms of type 2 diabetes?", ("diabetes",)),  # a disease the documents never name
    ("can dupixent give you cold sores?", ("cold sores",)),
    ("Does it help eczema?", ()),  # named the clinical way in the documents
    ("Can I get the shingles vaccine while on it?", ()),  # says which vaccine: the vaccine is asked about
    # ... as the nasal flu vaccine does, which the vocabulary knows as a live vaccine, of which the documents speak; but
    # the vocabulary knows the flu shot as an influenza vaccine, an inactivated one, and the documents hold neither,
    # only "vaccination", the kind of thing it is: the flu is what it asks about
    ("Can I get the nasal flu vaccine while on it?", ()), ("can i still get my flu shot if im on it", ("flu",)),
    ("will it make me catch every cold going?", ()),  # an everyday word, not a disease named
    ("Which trials is it in, e.g. bullous pemphigoid or ulcerative colitis?", ()),  # offered as an example
])
def test_a_disease_the_documents_never_mention_is_an_unknown_name(reader, question, unknown):
    assert reader.read(question).unknown_names == unknown


@pytest.mark.parametrize("question", [
    "how comon is conjuctivitis on dupixent?",  # misspelt corpus words, not names
    "Can you summarise the main safety signals?",  # British spelling of an English word
    "What are the dosing regimens?",  # an English word the documents lack
    "What IgG subclass is dupilumab?",  # a class of the numbered names the documents hold (IgG4)
])
def test_lower_case_words_that_are_english_or_typos_are_not_names(reader, question):
    assert reader.read(question).unknown_names == ()


@pytest.mark.parametrize("question", [
    "Is dupilumab an IgG1 or an IgG4 antibody?",  # a choice beside a name the documents hold
    "Can I get live vaccines like MMR on it?",  # an example, not the focus
    "What does dupilimab bind?",  # a typo of a name the documents hold
])
def test_names_offered_as_choices_examples_or_typos_are_not_missing(reader, question):
    assert reader.read(question).unknown_names == ()


def test_a_drug_name_is_not_corrected_into_another_drug(reader):
    assert reader.vocab.correct("nemolizumab") is None  # mepolizumab is in the documents, one letter off twice
    assert reader.vocab.correct("dupilimab") == "dupilumab"
    assert reader.vocab.correct("weight", "weight") is None  # a real English word is no typo
    # nor a medical word the documents lack: "lymphoma" is no typo of "lymphatic"
    assert reader.vocab.correct("lymphoma", "lymphoma") is None
    assert reader.vocab.correct("cutan", "cutaneous") is None


def test_a_greek_letter_typed_as_its_latin_one_is_the_same_identifier(reader):
    # keyboards have no α: "IL-4Ra" is IL-4Rα (il4ralpha), not a name the documents lack
    assert reader.vocab.correct("il4ra", "il-4ra") == "il4ralpha"
    query = reader.read("Which JAK/STAT components are downstream of IL-4Ra?")
    assert query.unknown_names == () and "il4ralpha" in query.weights


@pytest.mark.parametrize("question, read", [
    ("dupixent side efects", "dupixent side effects"),
    ("Is Dupixant a steroid?", "Is Dupixent a steroid?"),  # the capital kept
    ("is rinvoq better than dupixent?", "is rinvoq better than dupixent?"),  # a name, no typo of a corpus word
    # a slip from a common English word the documents lack is that word, not a name they never mention
    ("can I have cofee with it?", "can I have coffee with it?"),
    ("does it work if my test was negetive", "does it work if my test was negative"),
    # chat shorthand (the vocabulary's), as the word it stands for; not in capitals
    ("how many ppl were in the trials?", "how many people were in the trials?"),
    ("is it ok with my meds? how many wks until it works", "is it ok with my medicines? how many weeks until it works"),
    ("What is the LIBERTY-ASTHMA trial? DR?", "What is the LIBERTY-ASTHMA trial? DR?"),
    ("Ppl say it's fine? my dr's advice", "People say it's fine? my doctor's advice"),  # opening a sentence; possessive
])
def test_a_question_is_read_with_its_misspellings_as_the_words_meant(reader, question, read):
    query = reader.read(question)
    assert query.question == read
    assert reader.read("dupixent side efects").kinds == ("safety",)


def test_chat_shorthand_is_read_for_what_it_asks_unless_the_documents_write_it(reader, tmp_path):
    # "how many ppl" asks for a head count as "how many people" does
    kinds = reader.read("how many ppl were in SOLO 1?").kinds
    assert kinds[0] == "headcount" and kinds == reader.read("how many people were in SOLO 1?").kinds
    assert reader.read("how many wks will it take?").kinds[0] == "time"
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "examplomab.txt").write_text(
        "Examplomab\n\nStudies\n\nIn the trial, 40 pts received examplomab and 38 pts placebo.\n", encoding="utf-8")
    query = Assistant(tmp_path / "seeds", tmp_path / "index", settings=HASH)._state[1].read("how many pts got placebo?")
    assert query.question == "how many pts got placebo?"  # the documents' own word is kept


def test_a_misspelt_everyday_word_is_not_an_unknown_name(reader):
    assert reader.read("can I have cofee with it?").unknown_names == ()
    assert reader.read("does it interact with xylofenib?").unknown_names == ("xylofenib",)  # a drug's name stays one
    assert misspelt_common("tierd") == "tired" and misspelt_common("coffee") is None  # an English word is no slip
    assert misspelt_common("keytruda") is None  # nothing common is one slip from a brand name


def test_a_misspelling_is_matched_on_the_word_not_only_its_stem(reader):
    # the stem of "exacerbatons" ("exacerbaton") is far from the corpus stem "exacerb";
    # the word is one letter from "exacerbations"
    assert reader.vocab.correct("exacerbaton", "exacerbatons") == "exacerb"
    assert reader.vocab.correct("dupixnet", "dupixnet") == "dupix"  # two letters swapped in the brand


@pytest.mark.parametrize("question, kinds", [
    ("When was it first approved?", ("date",)),
    ("What was its first approval, in which year?", ("date",)),  # which year, wherever it is asked
    ("How often do I take it?", ("dose", "number")),
    ("Who makes Dupixent?", ("organisation",)),
    ("Can kids get it?", ("age",)),
    ("What are the side effects?", ("safety",)),
    ("What does it bind to?", ("class",)),
    ("how does it actually work?", ("class",)),  # how it works is its mechanism, not whether it works
    ("does it actually work?", ("efficacy",)),
    # ... asked as people ask it: of the drug with what it is given with, living longer, staying out of hospital
    ("does keytruda with chemo help people with lung cancer?", ("efficacy",)),
    ("will it help me live longer?", ("efficacy",)), ("will it keep me out of hospital?", ("efficacy",)),
    ("Does metformin with food reduce stomach upset?", ()), ("How do I keep it out of reach of children?", ("age",)),
    # the first clause's kinds first; how often events occur is how common they are, not a dose
    ("What are the side effects, and how often do they occur?", ("safety", "number")),
    ("When was it approved, and at what dose?", ("date", "dose")),
    ("Which diseases has it been studied in?", ("trial",)),  # studied, investigated: in trials
    ("how many patients were in SOLO 1?", ("headcount", "number", "trial")),  # a head count, not a share
    # a trial as the setting asks no trial: an outcome in it ("did people in the study ...")
    ("did people in the study have to diet as well", ()),
    ("did people in the mensa study end up in hospital less often?", ()),
    ("What was the primary end point of the MENSA study?", ("trial",)),
    # the sentence that asks comes before the one that sets the scene
    ("I've had eczema since I was a kid. Is it safe long-term?", ("safety", "age")),
    # how soon it works: a time to an effect, before any time ("how long does the pen last?" asks a time)
    ("how long does it take for Fasenra to start working?", ("onset", "time")),
    ("how soon will I know if it's working", ("onset", "time")),
    ("how many weeks until it starts working?", ("onset", "time", "number")),
    # what to do, whoever asks it for ("what do we do if she ...?"); not what it does
    ("what should I do if I took too many tablets?", ("action",)), ("what do we do if she has a rash?", ("action",)),
    ("what does it do?", ("class",)), ("what does my body do with it?", ()), ("what steps should I take?", ("action",)),
    ("anything else I can do about the nausea?", ("action",)),
    ("how many hours does it help for?", ("number", "efficacy")),  # how long it lasts, not how soon
    ("how many days before surgery can I take it for it to help?", ("time", "number")),
    ("how long does the protection last?", ("time",)),
    ("When will it start working?", ("onset", "date", "time")),  # not a date first
    ("I started last week, when will it start working?", ("onset", "time")),  # "last week" lasts nothing
    ("how long before bed should I take it to help me sleep?", ("time",)),  # when to take it
    ("When will I see results?", ("onset", "date", "efficacy")), ("when can I expect it to help?", ("onset", "date")),
    ("when does the patent protection end?", ("date",)), ("when should I take it for it to work best?", ("date",)),
    ("When does it start to work if I take it daily?", ("onset", "date")),  # asked how soon, not when to take it
    # a strength naming which tablets or arm is meant asks for no dose; an amount asked about does
    ("What are the excipients in the 850 mg tablets?", ("ingredients",)),
    ("Which excipients do the 500 mg and 850-mg tablets contain?", ("ingredients",)), ("and with 75 mg IV?", ()),
    ("how many mg should I take?", ("dose", "number")), ("and on the 5 mg dose?", ("dose",)),
    ("Is 20 mg too much?", ("dose",)), ("what about 0.5 mg?", ("dose",)), ("Is 5 mg enough?", ("dose",)),
    ("Can I stay on 5 mg?", ("dose",)), ("Can I take 20 mg of the tablets?", ("dose",)),
    ("How do I store the 2.5 mg/0.5 mL pen?", ()), ("Are the 10 mg film-coated tablets scored?", ()),
    ("What percentage of weight was lost with semaglutide 2.4 mg in STEP 1?", ("number",)),  # an arm, by its dose
])
def test_the_kind_of_answer_asked_for(question, kinds):
    assert answer_kinds(question) == kinds


@pytest.mark.parametrize("sentence, held", [
    ("It takes about 2 weeks after vaccination for protection to build.", True),
    ("Itch improved, beginning within the first days of treatment.", True),
    ("People with OCD often need several weeks of treatment before improving.", True),
    ("IL-31 reductions correlate with rapid improvements in itch scores.", True),
    ("The elimination half-life was about 15.5 days.", False),  # how long it stays, not how soon it acts
    ("After a run-in period of 1 to 6 weeks, patients were randomised.", False),
    ("It is approved in children from 6 years of age.", False),  # an age
    ("You should start to feel better in 2 to 3 days.", True), ("Improvement was seen from week 2.", True),
    ("The FDA granted it Fast Track designation.", False), ("Tell your doctor immediately if you get a rash.", False),
    ("Peak plasma concentrations are reached within 1 to 2 hours.", False),  # how the body handles it
    ("It is used in children from 6 to 11 years and older.", False),
    ("Patients completed a 2-week run-in before randomisation.", False),
    ("Weight fell from baseline to week 72 at every dose.", False),  # when it was measured
    ("The benefit was maintained from week 16 to week 52.", False), ("Use within 14 days of opening.", False),
    ("The pen must be used within 28 days.", False),
    ("Within 2 hours of dosing, peak plasma levels are reached.", False),
    ("Keep in mind it can take 2 to 4 weeks to work.", True),
    ("It may be 4 to 6 weeks, or longer, before benefit is seen.", True),
    # a sentence on how the body handles the drug is none, but holds no other back
    ("Onset of bronchodilation was within 5 minutes; peak plasma concentrations occurred at 15 minutes.", True),
    ("Relief usually begins within 1.5 hours.", True),
    ("The clinical effect usually develops over two to six weeks.", True),
    # how soon symptoms, side effects or reactions begin is not how soon it works; how soon they improve is
    ("Withdrawal symptoms usually start within a few days.", False),
    ("Hypersensitivity reactions usually begin within hours of an injection.", False),
    ("Symptoms began to improve within 2 weeks.", True),
    ("Its effect usually begins within about half an hour.", True),  # half a span is a span
    ("The pain eased within half a day.", True),
])
def test_a_sentence_says_how_soon_something_begins(sentence, held):
    assert holds_kind(sentence, "onset") is held


@pytest.mark.parametrize("question, kinds", [
    ("does it cure eczema or do I have to be on it forever?", ("course",)),
    ("will i have to take it for the rest of my life", ("course",)), ("is that permanent?", ("course",)),
    ("can I stop taking it once my skin is clear?", ("course",)), ("can she ever stop?", ("course",)),
    ("what infections does amoxicillin cure?", ()),  # what it cures: its uses
    ("can I stop my inhaler now?", ()),  # another medicine
    ("What are the real risks and can he ever come off it?", ("safety", "course")),  # the risks first
    ("which infections can this cure?", ()), ("Is it used for life-threatening infections?", ()),
    ("can the suspension be kept indefinitely in the fridge?", ()),  # storage
    ("Should I stop taking it once I get pregnant?", ()),  # stopping for a reason, not once better
    ("can I stop taking it once I feel better?", ("course",)),
    ("what happens if I stop taking it?", ("course",)), ("and what happens when you stop?", ("course",)),
    ("what happens if I miss a dose?", ("dose",)),  # not stopping
])
def test_asked_whether_it_cures_or_is_for_life(question, kinds):
    assert answer_kinds(question)[:2] == kinds


@pytest.mark.parametrize("sentence, held", [
    ("You will probably need to take it for the rest of your life.", True),
    ("Immunity to measles is generally considered lifelong.", True),
    ("Endocrine damage is often permanent.", True),
    ("Your cholesterol can rise again if you stop.", True),  # what follows stopping
    ("Symptoms often come back when treatment is stopped.", True),
    ("It does not cure asthma but helps control it.", True),
    ("It is approved for adults with moderate-to-severe atopic dermatitis.", False),  # what it treats
    ("Corticosteroids should not be stopped abruptly.", False),
    ("Stopping too early may allow the infection to return.", True), ("The rash usually goes away.", True),
    # ... and what follows stopping it, said of stopping ("follows discontinuation", "regained weight")
    ("Withdrawal bleeding commonly follows discontinuation.", True),
    ("People switched to placebo regained weight.", True),
    ("The study drug was stopped because of an adverse event in 111 patients.", False),
    ("Permanently discontinue it for Grade 4 reactions.", False), ("Relapse-free survival was longer.", False),
])
def test_a_sentence_says_whether_it_cures_or_lasts(sentence, held):
    assert holds_kind(sentence, "course") is held


@pytest.mark.parametrize("sentence, held", [
    ("Tell your doctor straight away and take the pack with you.", True),
    ("If you are losing a lot of fluid, stop taking the tablets for a short while and ask your doctor.", True),
    ("Signs of an allergic reaction can include: hives; difficulty breathing.", False),  # what happens, not what to do
    ("People who are moderately or severely ill should usually wait until they recover.", True),
    ("Too much of it raises the risk of bleeding.", False), ("Keep below 25 °C.", False),  # storage tells no action
    # ... nor a cross-reference, a wish or an effect ("see", "get", "go" tell only with somewhere or someone to go to)
    ("See section 4.", False), ("Get the most from your treatment.", False), ("You should see an improvement.", False),
    ("These side effects usually go away within a few days.", False), ("Go to the nearest hospital.", True),
    ("Also tell your doctor if you have muscle weakness.", True), ("Discontinue it if a reaction occurs.", True),
    ("Do not stop taking it without talking to your doctor.", True),
    ("Treatment should be stopped if it recurs.", True),
])
def test_a_sentence_tells_what_to_do(sentence, held):
    assert holds_kind(sentence, "action") is held


@pytest.mark.parametrize("question, broad", [
    ("What are the side effects?", True), ("Which trials tested it?", True), ("List the indications", True),
    ("What should I watch out for?", True), ("What does it bind to?", False), ("Who makes it?", False),
    ("What is the dose?", False), ("Which receptor subunit does it bind?", False),
    ("For my exam, what key facts should I know?", True), ("How was it developed, from discovery through approval?", True),
    ("Which age groups can use it for each of its indications?", True), ("Which companies sell it?", True),
    ("How does it differ from the steroid creams?", False),
    ("For a monograph: what are the contraindications, warnings and precautions?", True),  # after a colon; commas
    ("What should I know before starting the injections?", True), ("Tell me everything I should know.", True),
    ("What should a patient be told before starting? A checklist would be great.", True),
    # a kind of thing asked for in the plural: every one the documents name
    ("Which medicines interact with it?", True), ("What forms does it come in?", True),
    ("What drug class is it in?", False),
])
def test_broad_questions(question, broad):
    assert is_broad(question) is broad


def test_word_lists_are_general_and_well_formed():
    table = consumer_health()
    assert len(table) >= 400
    assert table[("pink", "eye")] == ("conjunctivitis", "allergic conjunctivitis")
    text = (CONSUMER_HEALTH.read_text(encoding="utf-8") + GENERIC_WORDS.read_text(encoding="utf-8")
            + LABEL_TOPICS.read_text(encoding="utf-8")).lower()
    assert "dupilumab" not in text and "dupixent" not in text  # nothing in them knows this page
    assert all(line.count("\t") == 1 for line in CONSUMER_HEALTH.read_text(encoding="utf-8").splitlines()
               if line.strip() and not line.startswith("#"))
    assert "miss" not in generic_words()  # words of the comment lines are not list words
    assert {stem("actually"), stem("nurse")} & generic_words() == {stem("actually")}


@pytest.mark.parametrize("text, held", [
    ("reduced exacerbations by 31% versus placebo", True), ("enrolling 671 and 708 adults", True),
    ("n=1,874", True), ("children aged 6 months and older", True), ("a 2-fold rise", True), ("in 2017", False),
    ("COPD with type 2 inflammation", False), ("IL-4 and IL-13 signaling", False), ("In SOLO 1", False),
    ("STAT6 on its own", False), ("two phase 3 trials", False),
])
def test_a_number_is_a_count_share_or_amount_not_the_digit_of_a_name(text, held):
    assert holds_kind(text, "number") is held


def test_a_follow_up_asks_for_what_its_own_words_ask_for(reader):
    query = reader.read("is that common?", ["can dupixent cause eye problems?"])
    assert query.kinds[0] == "number"  # its own words first; the earlier question adds "safety"
    assert "safety" in query.kinds


def test_a_follow_up_that_takes_the_place_of_words_asks_what_the_earlier_question_asked(reader):
    query = reader.read("and in kids?", ["What is the approved dose for adults with atopic dermatitis?"])
    assert query.read_as == "What is the approved dose for kids with atopic dermatitis?"
    assert query.kinds[:2] == ("dose", "age")  # a dose, for kids: not an age


def test_a_name_with_a_word_hung_on_it_is_held_when_its_identifier_is(reader):
    query = reader.read("Does dupilumab have clinically relevant CYP450-mediated drug interactions?")
    assert query.unknown_names == ()
    assert "cyp450" in query.weights and query.unmatched(reader.vocab) == 0.0
    # only its identifier is a name the quote must come from a passage naming: not "mediated"
    assert [c.term for c in query.concepts if c.word == "CYP450-mediated" and c.name] == ["cyp450"]


def test_a_name_with_a_word_hung_on_it_is_named_by_a_passage_naming_the_name(tmp_path):
    # the dose for "AIDS-associated anorexia" is under "anorexia in people with AIDS": "AIDS-associated", said once
    # where the uses are, is no name the quote must come from a passage naming; a letter's compound ("C-cell") is one
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "examplomab.txt").write_text(
        "Examplomab\n\nUses\n\nExamplomab is used to stimulate appetite in wasting conditions such as "
        "AIDS-associated cachexia and cancer-related anorexia.\n\nDosage\n\nFor anorexia in people with AIDS, the "
        "usual dose of the suspension is 800 mg once a day.\n\nThe tablets are taken four times a day for breast "
        "cancer.\n\nWarnings\n\nThyroid C-cell tumours were seen in rats.\n\nStorage\n\nKeep the bottle at room "
        "temperature.\n\nPregnancy\n\nDo not take it while pregnant.\n\nOverdose\n\nToo much can cause blood clots."
        "\n\nDriving\n\nIt does not affect driving.\n\nPacks\n\nIt comes in bottles of 240 mL.\n", encoding="utf-8")
    bot = Assistant(tmp_path / "seeds", tmp_path / "index", settings=HASH)
    answer = bot.ask("What is the dose of examplomab for AIDS-associated anorexia?")
    assert answer.found and "800 mg" in answer.text
    query = bot._state[1].read("Were C-cell tumours seen with AIDS-associated anorexia?")
    assert {c.word for c in query.concepts if c.name} == {"C-cell"}
    # ... and a name of two names stays one
    query = bot._state[1].read("Does Stevens-Johnson syndrome occur with it?")
    assert "Stevens-Johnson" in {c.word for c in query.concepts if c.name}


def test_the_letters_of_numbered_names_stand_for_them(reader):
    igg = next(c for c in reader.read("What IgG subclass is dupilumab?").concepts if c.word == "IgG")
    assert ("igg4",) in igg.forms and igg.held(reader.vocab)


def test_a_pronoun_with_a_contraction_is_no_focus(reader):
    query = reader.read("Can my daughter still get her school vaccines while she's on Dupixent?")
    assert "she's" not in [c.word for c in query.concepts]


@pytest.mark.parametrize("question, passing", [
    ("How does benralizumab deplete eosinophils?", ("benralizumab",)),  # listed once, in a trial's passage
    ("does mepolizumab work for nasal polyps?", ("mepolizumab",)),
    ("Does dupilumab help HES patients who failed mepolizumab?", ()),  # it names the drug the documents are about
    ("Does Dupixent help HES patients who failed mepolizumab?", ()),  # ... by its brand
    ("What does dupilumab bind to?", ()),
    # named only as an example of a class, a drug is not what is asked about
    ("Does the page mention other biologics, such as mepolizumab?", ()),
    ("I'd like to know how mepolizumab works.", ("mepolizumab",)),  # "like" here is no example's cue
    # what the drug the documents are about, called "it", is taken with is not what is asked about
    ("can I take it with mepolizumab?", ()),
    ("can I take mepolizumab with it?", ()),
    ("what about with mepolizumab?", ("mepolizumab",)),  # (no "it": the question is about mepolizumab)
    ("is it ok to drink alcohol with mepolizumab?", ("mepolizumab",)),  # ("it" is no drug here)
])
def test_a_drug_the_documents_mention_only_in_passing(reader, question, passing):
    query = reader.read(question)
    assert query.passing_names == passing and query.weighed_against == ()


@pytest.mark.parametrize("question, weighed", [
    # weighed against the drug they are about, a drug mentioned in passing is asked about where no sentence weighs them
    ("How does dupilumab differ from mepolizumab?", "mepolizumab"),
    ("is omalizumab better than dupixent for asthma?", "omalizumab"),
    ("Should I switch from mepolizumab to dupilumab?", "mepolizumab"),
    ("Is dupilumab alone better than with mepolizumab?", None),  # taken with it, not weighed against it
    ("How does dupilumab compare with mepolizumab?", "mepolizumab"),  # compared with it: weighed
])
def test_a_drug_mentioned_in_passing_weighed_against_theirs(reader, question, weighed):
    query = reader.read(question)
    assert query.passing_names == () and [names[0] for names in query.weighed_against] == [weighed] * bool(weighed)


@pytest.mark.parametrize("sentence, other, own, weighs", [
    ("Tirzepatide produced greater weight loss than semaglutide at 72 weeks.", "tirzepatide", "semaglutide", True),
    ("Its relatives nivolumab and cemiplimab also target PD-1, whereas atezolizumab binds PD-L1.", "atezolizumab",
     "pembrolizumab", True),  # the drug the document is about, as "its"
    ("It differs from ampicillin only by a hydroxyl group.", "ampicillin", "amoxicillin", True),
    # the comparison is another clause's, or none at all, or not with the drug asked about
    ("Desensitization was enhanced compared to OIT alone; a trial is evaluating dupilumab + omalizumab.", "omalizumab",
     "dupilumab", False),
    ("It recruits patients with incomplete response to mepolizumab.", "mepolizumab", "dupilumab", False),
    ("Omalizumab is a monoclonal antibody against IgE.", "omalizumab", "dupilumab", False),
    ("Omalizumab reduced exacerbations compared with placebo.", "omalizumab", "dupilumab", False),
    # moving from one to the other, as a question about switching asks
    ("Changing from Eliquis to a vitamin K antagonist such as warfarin: keep taking Eliquis.", "warfarin", "Eliquis",
     True),
    ("Do not take Eliquis with warfarin or heparin.", "warfarin", "Eliquis", False),
])
def test_a_sentence_weighs_a_drug_against_another(sentence, other, own, weighs):
    from citeqa.reading.comparisons import weighs as weighs_
    assert weighs_(sentence, (other,), (own,), "Should I switch from Eliquis to warfarin?") is weighs


def test_moving_from_one_drug_to_another_answers_only_a_question_about_switching():
    from citeqa.reading.comparisons import weighs
    moving = "Changing from Eliquis to a vitamin K antagonist such as warfarin: keep taking Eliquis."
    assert weighs(moving, ("warfarin",), ("Eliquis",), "When switching from warfarin to Eliquis, when do I start?")
    assert not weighs(moving, ("warfarin",), ("Eliquis",), "Is Eliquis better than warfarin?")


@pytest.mark.parametrize("sentence, about", [
    ("This table shows how Dupilumab compares to other biologics.", True),
    ("Each entry breaks down the representative drugs and their targets.", True),
    ("Trial data synthesized by an AI research agent from publications.", True),
    ("This structural choice was the defining pharmacological decision.", False),
    ("Each patient received 300 mg every other week.", False),
    # a leaflet's and a news release's boilerplate about themselves
    ("Keep this leaflet. You may need to read it again.", True),
    ("Read all of this leaflet carefully before you start using this medicine.", True),
    ("This news release contains forward-looking statements.", True),
    ("This release of histamine causes itching.", False),
    ("Take the tablets with a glass of water.", False),
    ("Take the leaflet and the pack with you to the hospital.", False),  # what to do after an overdose
    ("Show the card to any doctor or nurse treating you.", False),
    ("These highlights do not include all the information needed to use RINVOQ safely.", True),
])
def test_a_sentence_about_the_document_itself_is_told_apart(sentence, about):
    assert about_the_document(sentence) is about


@pytest.mark.parametrize("sentence, standing", [
    # a leaflet's advice that holds for any medicine
    ("Like all medicines, this medicine can cause side effects, although not everybody gets them.", True),
    ("If you get any side effects, talk to your doctor, pharmacist or nurse, including side effects not listed here.", True),
    # ... in either order, and the standard sentence after it
    ("If you get any side effects, including any not listed in this leaflet, talk to your doctor or pharmacist.", True),
    ("This includes any possible side effects not listed in this leaflet.", True),
    ("If you get any side effects, including any not listed in this leaflet, stop taking Zetamab.", False),
    ("If you notice any side effects including ones not listed here or signs of an allergy tell your doctor.", False),
    ("Talk to your doctor, pharmacist or nurse before taking Zetamab tablets.", True),
    ("If you have any further questions on the use of this medicine, ask your doctor or pharmacist.", True),
    ("Check with your doctor or pharmacist if you are not sure.", True),
    ("Keep this leaflet.", True),  # and what speaks of the document
    ("You can also report side effects directly via the national reporting system.", True),  # and how to report one
    ("Reporting helps provide more information on the safety of this medicine.", True),
    ("Side effects were reported in 20% of patients.", False),
    ("Cases of lactic acidosis were identified through the spontaneous reporting system.", False),  # a finding
    ("Talk to your doctor before using Zetamab in children.", False),  # a circumstance of its own
    ("Like all vaccines, Zetavax can cause side effects, although not everyone gets them.", True),
    # advice with a circumstance of its own answers something
    ("Talk to your doctor before taking Zetamab tablets if you have kidney problems.", False),
    ("Tell your doctor if you have ever had pancreatitis.", False),
    ("If you are pregnant, ask your doctor for advice before using this medicine.", False),
    ("Like aspirin, zetamab thins the blood.", False),
    # the EU template's opening lines, and a referral's cross-reference
    ("This medicine has been prescribed for you only. Do not pass it on to others, even if their symptoms are the same.",
     True),
    ("This medicine is subject to additional monitoring, so that new safety information can be identified quickly.", True),
    ("You can help by reporting any side effects you may get (see the end of section 4).", True),
    ("If you get any side effects, talk to your doctor or nurse, including any not listed in this leaflet (see section 4).",
     True),
    ("This medicine has been prescribed for you to treat asthma.", False),
    ("If you get any side effects, stop taking Zetamab (see section 4).", False),
])
def test_a_leaflets_standing_advice_is_boilerplate(sentence, standing):
    assert boilerplate(sentence) is standing


def test_a_long_run_of_letters_after_standing_advice_is_read_at_once():
    # a sentence with lost spaces (a PDF's) once made the name's words backtrack without end
    assert not boilerplate("Talk to your doctor before taking " + "a" * 5000 + " x!x")
    assert not boilerplate("Like all medicines " + "side effects " * 5000)


@pytest.mark.parametrize("question", ["Who should not take Zetamab?", "who cant take it", "who shouldn't get the vaccine",
                                      "Who shouldn’t take Ozempic?", "and who cannot?",
                                      "Is zetamab contraindicated in pregnancy?", "Is it safe for everyone?"])
def test_asked_who_must_not_take_it_the_answer_is_a_contraindication(question):
    assert answer_kinds(question)[0] == "contraindication"
    assert is_broad(question) is ("who" in question.lower())  # every group of people named
    assert "contraindication" not in answer_kinds("Who can take it?") and not is_broad("Who can take it?")
    # "who" there is no question's subject
    unasked = "How should patients who cannot swallow tablets take it?"
    assert "contraindication" not in answer_kinds(unasked) and not is_broad(unasked)


@pytest.mark.parametrize("sentence, held", [
    ("Do not take Zetamab tablets if:", True), ("Do not use it:", True), ("Do not use it during pregnancy.", True),
    ("Zetamab is contraindicated in patients with severe liver disease.", True),
    ("Zetamab is not recommended for children under 12.", True),
    ("Do not take a double dose to make up for a forgotten dose.", False),
    ("Do not use it if it has been frozen.", False),  # of the medicine, not of who takes it
    ("Do not use this medicine if you notice that the solution is cloudy.", False),
    ("Do not take it while driving.", False), ("Dose adjustment is not recommended in elderly patients.", False),
    ("Zetamab is not contraindicated in renal impairment.", False), ("Egg allergy is not a contraindication.", False),
    ("Do not get ZETAVAX if you:", True), ("Zetamab should not be given to pregnant women.", True),
    # said of people by what they have or had, or of an age
    ("A person who has had a severe allergic reaction, such as anaphylaxis, to a dose of zetavax or to any of its "
     "ingredients should not get it again.", True),
    ("People with a history of pancreatitis must not take zetamab.", True),
    ("Babies younger than 6 months are too young to be vaccinated.", True),
    ("Patients who cannot swallow tablets should use the oral solution.", False),
    ("People with asthma can take zetamab.", False), ("Patients who missed a dose should not take two.", False),
    # what such people take instead, how much, or a trial
    ("Patients who cannot take tablets should use the oral solution.", False),
    ("Children who can't get the live vaccine can have the inactivated one.", False),
    ("Patients with kidney disease should not take a higher dose.", False),
    ("He was too young to take part in the trial.", False),
])
def test_a_contraindication_says_for_whom_or_when(sentence, held):
    assert holds_kind(sentence, "contraindication") is held


@pytest.mark.parametrize("heading, held", [
    ("4 CONTRAINDICATIONS", True), ("2. What you need to know › Do not take Zetamab if you:", True),
    ("Zetamab › Contraindications › Zetamab must not be used", True),  # what is under such a heading
    ("Contraindications › Egg allergy is not a contraindication", False), ("5 WARNINGS AND PRECAUTIONS", False),
])
def test_a_heading_says_who_must_not_take_it(heading, held):
    assert bool(KIND_HEADINGS["contraindication"].search(heading)) is held


@pytest.mark.parametrize("sentence, named", [
    ("Since 2022, people in this age group are offered a high-dose vaccine.", True),
    ("In these older patients the dose is halved.", True),
    ("Doctors may prescribe this for patients with asthma.", False), ("This medicine is taken once a day.", False),
])
def test_a_sentence_speaks_of_the_people_the_one_before_named(sentence, named):
    assert bool(NAMES_BACK.search(sentence)) is named


@pytest.mark.parametrize("question", ["What is Zetamab used for?", "what does zetamab treat", "what is it for?",
                                      "What are the FDA-approved indications for zetamab?"])
def test_asked_what_it_is_used_for_the_answer_is_its_uses(question):
    assert answer_kinds(question)[0] == "use" and is_broad(question)  # every use the documents name


@pytest.mark.parametrize("question", ["What dose of zetamab is used for breast cancer?", "Is it used for ear infections?",
                                      "What code names were used for zetamab?", "what is the dose for children?"])
def test_a_narrower_question_about_a_use_is_not_asked_for_the_uses(question):
    assert "use" not in answer_kinds(question) and not is_broad(question)


@pytest.mark.parametrize("sentence, held", [
    ("Zetamab tablets are used to lower cholesterol.", True), ("It is indicated for the conditions listed below.", True),
    ("In the United States zetamab is approved for major depressive disorder.", True),
    ("daptomycin, an antibiotic used for complicated skin infections", False),  # another medicine's use
    ("Zetamab is not indicated for the relief of acute bronchospasm.", False),
    # what a test is used to do is no use of a medicine
    ("Much as serum IgE is used to select patients for omalizumab.", False),
    ("Tuberculin is used to diagnose tuberculosis infection.", True),  # a diagnostic agent's use is one
    ("The score is used to guide the dose.", False),
])
def test_a_use_says_what_it_is_used_indicated_or_approved_for(sentence, held):
    assert holds_kind(sentence, "use") is held


@pytest.mark.parametrize("sentence, denies", [
    ("Limitation of use: effectiveness has not been established in patients who lost response.", True),
    ("It is not indicated for the relief of acute bronchospasm.", True), ("It is not approved for children.", True),
    ("Treatment of adults with active psoriatic arthritis.", False), ("It is indicated for plaque psoriasis.", False),
])
def test_a_sentence_says_what_a_medicine_is_not_for(sentence, denies):
    from citeqa.answering.lists import says_no_use
    assert says_no_use(sentence) is denies


def test_a_heading_says_where_a_document_gives_the_uses():
    from citeqa.reading.kinds import KIND_HEADINGS
    USES_HEADING = KIND_HEADINGS["use"]
    for heading in ("1 INDICATIONS AND USAGE", "1. What Zetamab is and what it is used for", "Medical uses"):
        assert USES_HEADING.search(heading), heading
    assert not USES_HEADING.search("4 CONTRAINDICATIONS") and not USES_HEADING.search("Adverse effects")
    # ... not what it is being studied for; a heading elsewhere in the path, or a word of another part, aside
    for heading in ("Clinical Relevance › Emerging Indications › Pulmonology", "Investigational uses"):
        assert not USES_HEADING.search(heading), heading
    for heading in ("Indications › Paediatric population (possible in children from 6 months)",
                    "Uses of Zetamab and possible side effects"):
        assert USES_HEADING.search(heading), heading


@pytest.mark.parametrize("question, first", [
    ("is dupixent a steroid?", "definition"), ("Is dupilumab considered a biologic?", "definition"),
    ("Is it safe?", "verdict"), ("What drug class does dupilumab belong to?", "class"),
])
def test_is_it_a_kind_of_thing_asks_what_the_drug_is(question, first):
    assert answer_kinds(question)[0] == first


@pytest.mark.parametrize("question, wants", [
    ("how common is that?", True), ("By how much did it cut exacerbations?", True),
    ("how big were those trials?", True), ("What proportion of patients responded?", True),
    ("How often does the eye one happen?", True),
    ("How often do patients with mononucleosis develop a rash?", True), ("how often did retinopathy worsen?", True),
    ("How often do I take it?", False), ("how many shots do i need", False), ("How old must kids be?", False),
    ("how often do you get the infusion", False), ("how often should I take it if my symptoms worsen?", False),
    ("how often is the drug given to patients who develop kidney problems?", False),
    ("What is the recommended infusion rate?", False),  # a rate that is no share of a group
])
def test_how_common_or_how_many_of_a_group_asks_for_a_quantity(question, wants):
    assert wants_quantity(question) is wants
    if question.lower().startswith("how often"):  # how often one takes it asks for a dose
        assert (answer_kinds(question)[0] == "dose") is not wants


@pytest.mark.parametrize("sentence, holds", [
    ("Conjunctivitis affects roughly 20% of patients over 5 years.", True),
    ("A pooled analysis (n=1,874) found fewer exacerbations.", True),
    ("two trials enrolling 671 and 708 adults", True),
    ("conjunctivitis is the most frequent serious adverse event", True),
    ("Rarer but potentially fatal reactions include myocarditis.", True),
    ("The frequency of the side effects below is not known (it cannot be estimated from the available data).", True),
    ("approved for asthma in patients aged 12 and older", False),  # a number, but no share or count
    ("It is not known whether it passes into breast milk.", False),  # not known, but no frequency
    ("supported by the LIBERTY ASTHMA QUEST and VENTURE trials", False),
])
def test_a_sentence_holds_a_quantity_when_it_says_a_share_rate_or_head_count(sentence, holds):
    assert holds_quantity(sentence) is holds


@pytest.mark.parametrize("question, sentence, holds", [
    # asked for a figure, only a figure answers
    ("What percentage of patients had herpes zoster?", "Herpes zoster was more frequent with 30 mg than 15 mg.", False),
    ("What percentage of patients had herpes zoster?", "Herpes zoster occurred in 1.5% of patients.", True),
    ("What is the incidence of injection-site reactions?", "| Injection-site reaction | 3 | 3 | 9 |", True),
    ("What proportion of people get nausea?", "Very common (may affect more than 1 in 10 people): nausea", True),
    ("What was the response rate?", "Responses were durable in most patients.", False),
    # asked how common, a word for how common answers too
    ("How common is conjunctivitis?", "conjunctivitis is the most frequent serious adverse event", True),
    ("how likely is that?", "Severe allergic reactions are rare.", True),
    ("How common is pancreatitis?", "Acute pancreatitis is uncommon.", True),
    # a figure is an amount too, or a rate per patient-years, or a count; a dose is none
    ("By how much did body weight fall?", "Body weight decreased by 6.4 kg.", True),
    ("What is the incidence of serious infections?", "Serious infections occurred at 0.8 per 100 patient-years.", True),
    # ... or a rate per so many people: "for every", "in a million"
    ("What is the incidence of it?", "About 1 or 2 more cases for every 1 million people vaccinated.", True),
    ("how likely is that?", "It happens in about one in a million doses.", True),
    ("how likely is that?", "1.5 cases per million doses were reported.", True),
    ("how likely is that?", "Inject it every 2 weeks, for every patient.", False),
    ("how likely is that?", "Dilute it in a hundred mL of saline.", False),
    ("how likely is that?", "Raise the dose by 5 mg for every 2 weeks of treatment.", False),  # a schedule, no rate
    ("What percentage had herpes zoster?", "Herpes zoster was more frequent with 30 mg.", False),
    ("how often does it happen?", "The adult dose is a flat 200 mg every three weeks.", False),  # a dose, no count
    ("how often does it happen?", "It was reported in 120 of 2,799 patients.", True),
    ("how often does it happen?", "It occurred in 1,200 patients.", True),
    ("how often does it happen?", "The adult dose is 10,000 units.", False),  # not "10," of "10,000 units"
    ("how often does it happen?", "A 200-mg dose is given.", False),
])
def test_asked_for_a_figure_only_a_figure_holds_the_quantity(question, sentence, holds):
    assert holds_quantity(sentence, question) is holds


@pytest.mark.parametrize("sentence, held", [
    ("The usual starting dose is 10 to 15 micrograms for each kilogram of body weight a day.", True),
    ("Each 5 millilitres contains 250 milligrams of amoxicillin.", True),  # units written out, as UK leaflets do
    ("Take 40mcg once a day.", True),
    ("The usual dose is one tablet a day.", True), ("Inhale two puffs.", True),  # counted in the units it comes in
    ("Babies born with an underactive thyroid are treated as early as possible.", False),
])
def test_a_dose_is_held_in_any_unit_written_short_or_in_full(sentence, held):
    assert holds_kind(sentence, "dose") is held


@pytest.mark.parametrize("sentence, elderly, age", [
    ("The Beers Criteria list it as a drug that older adults should generally avoid.", True, False),
    ("Falls were more common in geriatric patients.", True, False), ("Use in the Elderly", True, False),
    ("Patients 65 years of age and older had more falls.", True, True),  # an age of theirs answers both
    ("In patients aged 75 and over, start low.", True, True), ("Adults ≥65 clear it slowly.", True, True),
    ("Use in children aged 6 to 11 years is supported by the adult trials.", False, True),
    ("Older formulations were less well absorbed.", False, False), ("Psychogeriatric wards", False, False)])
def test_the_elderly_are_held_by_name_or_by_an_age_and_a_childs_age_is_not_held_by_them(sentence, elderly, age):
    assert holds_kind(sentence, "elderly") is elderly and holds_kind(sentence, "age") is age


@pytest.mark.parametrize("question, verdict", [
    ("Is zetamab safe?", True), ("is the zetavax vaccine safe", True), ("so is it really safe?", True),
    ("how safe is zetamab", True), ("Are vaccines safe to get?", True), ("is zetamab dangerous?", True),
    ("What is the safety profile of zetamab?", True),
    # safe for someone, in a situation, or what was said before: not the verdict on the whole
    ("is it safe in pregnancy?", False), ("I'm pregnant, is it safe?", False), ("is that safe?", False),
    ("is it safe for kids?", False), ("how safe is it for children?", False), ("is zetamab safe long term?", False),
    ("is it safe to drink alcohol on zetamab?", False),
    # ... nor of a dose, a finding, a person, nor beside another
    ("Is an overdose dangerous?", False), ("Are the side effects dangerous?", False), ("Is 2 tablets safe?", False),
    ("Is the higher dose safe?", False), ("Is my baby safe?", False), ("Are biosimilars as safe?", False),
    ("How safe is zetamab compared to warfarin?", False), ("Is Zetavax 9 safe and effective?", True),
    ("What is the safety profile of zetamab in elderly patients?", False),
])
def test_asked_whether_it_is_safe_as_a_whole_the_answer_is_a_verdict(question, verdict):
    assert ("verdict" in answer_kinds(question)) is verdict


@pytest.mark.parametrize("sentence, held", [
    ("Zetamab is generally well tolerated.", True), ("Side effects are usually mild.", True),
    ("Most side effects are mild to moderate and pass within days.", True),
    ("The safety profile was similar to that seen in earlier trials.", True),
    ("In the extension study there were no new safety findings.", True),
    ("For most people the benefits of vaccination far outweigh the risks.", True),
    # one group, one illness, one risk
    ("It is considered safe in pregnancy.", False), ("It is used in mild to moderate asthma.", False),
    ("Anaphylaxis has been reported rarely.", False), ("No dose change is needed in mild kidney disease.", False),
    ("Infusion-related reactions occurred in about 6% of patients and are usually mild.", False),
    ("Rash: about 1 in 20 recipients, usually mild.", False),
    ("It was not well tolerated.", False), ("The benefit does not outweigh the risk in patients over 75.", False),
    ("Concerns about its safety profile led to a boxed warning.", False), ("The medicine is safe.", True),
    ("The safety profile of the combination was consistent with that of each agent.", True),
])
def test_a_verdict_judges_its_safety_as_a_whole(sentence, held):
    assert holds_kind(sentence, "verdict") is held


@pytest.mark.parametrize("question, headcount, figure", [
    ("how many people were in the study", True, True), ("How many patients were randomised in total?", True, True),
    ("how many participants took part?", True, True), ("how many patients did the trial enroll?", True, True),
    ("how many took part in the trial?", True, True), ("How many patients in KEYNOTE-189?", True, True),
    ("how many were there?", False, False),  # after "were any fatal?": how many died
    ("how many patients were in remission at 12 months?", False, True), ("how big was the trial?", True, True),
    ("how many patients were in SOLO 1?", True, True), ("how many patients in the trial?", True, True),
    # a trial's name or the trial as the setting of what befell some of them
    ("How many patients in SOLO 1 achieved the primary endpoint?", False, True),
    ("How many patients in Week 16 had EASI-75?", False, True), ("How many patients were in Stage 3?", False, True),
    # how many something befell asks how common it was: a figure, not the trial's size
    ("how many people had nausea?", False, True), ("how many patients were lost to follow-up?", False, True),
    ("How many people in the US die from the flu each year?", False, True), ("how many countries?", False, False),
])
def test_a_head_count_is_asked_of_those_who_took_part(question, headcount, figure):
    assert ("headcount" in answer_kinds(question)) is headcount
    assert wants_quantity(question) is figure
    if figure:  # ... and answered by a figure: "Nausea was common." says no number
        assert holds_quantity("It enrolled 616 patients.", question) and holds_quantity("Nausea: 24%.", question)
        assert not holds_quantity("Nausea was common.", question)


@pytest.mark.parametrize("question, asked", [
    ("what is in zetamab tablets", True), ("whats in the vaccine?", True), ("What are the excipients?", True),
    ("What are the inactive ingredients in the pen?", True),
    ("what is in the study?", False), ("what is in the leaflet about driving?", False), ("What is zetamab?", False),
    ("what is in the side effects section?", False), ("what is in the pipeline?", False), ("What is in Zetamab?", True),
])
def test_asked_what_is_in_it_the_answer_is_its_ingredients(question, asked):
    assert ("ingredients" in answer_kinds(question)) is asked


@pytest.mark.parametrize("sentence, held", [
    ("The active substance is zetamab.", True), ("The other ingredients are lactose and magnesium stearate.", True),
    ("Each tablet contains 10 mg of zetamab.", True), ("Active ingredient: zetamab", True),
    ("Zetamab is an antibody for asthma.", False), ("Take one tablet a day with water.", False),
    ("Do not take it if you are allergic to any of the other ingredients of this medicine.", False),
    ("Grapefruit juice contains a substance that raises its levels.", False),
])
def test_ingredients_are_said_as_a_leaflet_says_them(sentence, held):
    assert holds_kind(sentence, "ingredients") is held


def test_the_elderly_asked_about_by_name_are_a_kind_of_their_own():
    assert answer_kinds("and in elderly patients?")[:1] == ("elderly",)
    assert answer_kinds("is it ok for seniors?") == ("elderly",)
    # ... and only that: where no passage tells the elderly apart, no sentence with any age in it answers
    assert "age" not in answer_kinds("is it safe for elderly people?")
    assert "elderly" not in answer_kinds("from what age can kids take it?")


@pytest.mark.parametrize("question, wants", [
    ("What is the recommended dose of dupilumab for asthma in children?", True),
    ("What's the usual starting dose in adults?", True), ("how much farxiga do i take a day", True),
    ("What dose was used in the trial?", True),
    ("What dose adjustment is needed in renal impairment?", False),  # "no adjustment is needed" answers
    ("What dosage forms does it come in?", False), ("how is it dosed?", False), ("how much does it cost?", False),
    ("What’s the dose?", True), ("whats the dose for kids", True), ("How much should I give a 20 kg child?", True),
    # not a dose's effects, nor how much the drug does
    ("What is the dose-limiting toxicity?", False), ("what is a first dose reaction", False),
    ("how much weight will I lose if I take it?", False), ("How much alcohol can I have?", False),
])
def test_a_question_asking_for_the_dose_itself(question, wants):
    assert wants_dose(question) is wants


@pytest.mark.parametrize("sentence, gives", [
    ("The recommended dose is one 5 mg tablet twice a day.", True),
    ("No dose adjustment is needed for renal or hepatic impairment.", True),  # how the dose is set
    ("The dose depends on body weight.", True), ("Only one dose is needed.", True),
    ("It is approved for asthma in patients aged 12 and older.", False),
    ("One injection site reaction was reported.", False),
])
def test_a_sentence_gives_a_dose_or_says_how_it_is_set(sentence, gives):
    assert gives_dose(sentence) is gives


@pytest.mark.parametrize("text, asked, held", [
    ("how much does nucala cost", True, None), ("How expensive is Keytruda without insurance?", True, None),
    ("do I have to pay for my prescription?", True, None), ("how much does it lower blood pressure?", False, None),
    ("How much should I take?", False, None),
    ("At its launch it was priced at about $12,500 a month.", None, True),
    ("The average US list price was about 13,100 dollars a month.", None, True),
    ("Generic tablets are inexpensive, well under a dollar each.", None, True),
    # costs borne by a health service are no price
    ("They account for a disproportionate share of admissions and costs.", None, False),
])
def test_asked_what_it_costs_only_a_price_answers(text, asked, held):
    from citeqa.reading.kinds import PRICE
    if asked is not None:
        assert bool(PRICE[0].search(text)) is asked
    if held is not None:
        assert bool(PRICE[1].search(text)) is held


@pytest.mark.parametrize("sentence, holds", [
    ("ceramide content normalizes within two to eight weeks of treatment initiation", True),
    ("rapid improvements in itch scores", True),
    ("Coffee can reduce absorption, so wait at least 30 minutes before drinking it.", True),
    ("Stop it at least 48 hours before the operation.", True),
    ("atopic dermatitis in pediatric patients down to 6 months of age", False),  # an age, not a time to effect
    ("subcutaneous doses amenable to self-administration every two weeks", False),  # how often, not how soon
])
def test_a_sentence_holds_a_time_to_effect_not_an_age(sentence, holds):
    assert holds_kind(sentence, "time") is holds


@pytest.mark.parametrize("sentence, holds", [
    ("two trials, SOLO 1 and SOLO 2, enrolling 671 and 708 adults respectively", True),
    ("The LIBERTY-BP ADEPT trial (n≈98) is a multicenter study", True),
    ("38% of patients receiving dupilumab achieved the primary endpoint", False),  # a share of them
])
def test_a_sentence_holds_a_head_count_when_it_says_how_many_took_part(sentence, holds):
    assert holds_kind(sentence, "headcount") is holds


@pytest.mark.parametrize("sentence, holds", [
    ("dupilumab reduced the annualised rate of exacerbations by 31% versus placebo", True),
    ("These are among the most clinically significant recent readouts, and a submission is under review", False),
])
def test_a_sentence_holds_an_efficacy_result_when_it_says_what_changed(sentence, holds):
    assert holds_kind(sentence, "efficacy") is holds


def test_what_was_the_thing_is_answered_by_the_sentence_saying_what_it_was():
    assert asked_to_name("What was the primary endpoint in the SOLO 1 and SOLO 2 trials?") == "primary endpoint"
    assert asked_to_name("What were the primary endpoints?") == "primary endpoints"
    assert asked_to_name("How was it made?") is None
    assert names_it("The primary endpoint was an Investigator's Global Assessment score", "primary endpoints")
    assert not names_it("38% achieved the primary endpoint versus 10% on placebo", "primary endpoint")


def test_a_sentence_saying_what_a_drug_is_holds_a_definition():
    assert holds_kind("Dupilumab is a human IgG4 monoclonal antibody used for type 2 diseases", "definition")
    assert holds_kind("Drug Class\nHuman IgG4 monoclonal antibody", "definition")
    assert not holds_kind("Corticosteroids should not be stopped abruptly", "definition")
    assert holds_kind("RINVOQ is a Janus kinase (JAK) inhibitor.", "definition")  # a bracketed word in the class
    # as leaflets say it
    assert holds_kind("Ozempic contains the active substance semaglutide, a GLP-1 receptor agonist.", "definition")
    assert holds_kind("Metformin belongs to a group of medicines called biguanides.", "definition")
    assert not holds_kind("Reduce the dose with ketoconazole, a strong CYP3A4 inhibitor.", "definition")
    assert not holds_kind("Tell your doctor if you take the active ingredient ketoconazole, a CYP3A4 inhibitor.",
                          "definition")


@pytest.mark.parametrize("question, kind", [
    ("who actually makes dupixent", "organisation"),  # an adverb between "who" and the verb
    ("my dermatologist wants to put me on dupixent, is it a steroid?", "definition"),  # after a clause
    ("and when was it approved for asthma?", "date"),  # a follow-up's leading "and"
    ("will dupixent help my sons food allergies", "efficacy"),  # will / would / can it help
    ("What should I know before starting Dupixent?", "safety"),  # what to know before: precautions
    ("What evidence exists for it in bullous pemphigoid?", "efficacy"),  # results, evidence: what it achieved
])
def test_what_is_asked_for_is_found_where_people_put_it(question, kind):
    assert answer_kinds(question)[0] == kind


@pytest.mark.parametrize("question, asks", [
    ("what is dupixent?", True), ("whats dupilumab exactly, in simple terms", True),
    ("What is IL-13?", False),  # not the drug the documents are about
    ("What is dupilumab's half-life?", False),  # more than what it is
])
def test_what_is_the_drug_asks_what_it_is(reader, question, asks):
    assert (reader.read(question).kinds[:1] == ("definition",)) is asks


@pytest.mark.parametrize("question, whole", [
    ("give me the rundown on dupilumab", True), ("tell me about dupixent", True), ("what is it?", True),
    ("What are the side effects?", False), ("Which trials tested it?", False),
    ("why not?", False), ("how come?", False),  # a reason asked for, of what came before
    # who, when or what not to do asks for one thing, however few its words
    ("Who should not use dupixent?", False), ("when can i use it?", False), ("can't I use dupixent?", False),
    ("I don't know what dupixent is", True),  # a "not" that is no part of the ask
    # ... as do whether one may do something and what follows in a circumstance, whose words ("too", "much",
    # "every", "day") are all generic
    ("what happens if i take too much dupixent", False), ("can i take dupixent every other day", False),
    ("can you tell me about dupixent?", True), ("what does dupixent look like?", False),
    ("so why would they give me dupixent?", False), ("what is in dupixent?", False),
    ("would dupixent be any different?", False), ("what if u take too much dupixent?", False),
    ("tell me about dupixent if you can", True), ("can I get an overview of dupixent?", True),
    ("can you give me a quick summary of dupixent?", True),  # a request to the one answering, not an act asked of
    ("can you give him dupixent?", False), ("can he give me dupixent?", False),
])
def test_a_question_naming_nothing_but_the_drug_is_about_it_as_a_whole(reader, question, whole):
    assert reader.read(question).whole is whole


def test_is_that_a_known_thing_is_no_question_about_what_the_drug_is():
    assert "definition" not in answer_kinds("my eyes have gone red since starting dupixent, is that a known thing?")


def test_a_care_setting_abbreviation_is_no_unknown_name(reader):
    assert reader.read("My ENT said dupilumab might shrink my nasal polyps - does it work?").unknown_names == ()


def test_a_short_document_about_a_drug_is_about_it_though_few_passages_name_it(corpus):
    # gammamab is in one passage of c.txt, which is about it: no passing mention; deltamab,
    # named once in a.txt (about alphamab) and nowhere else, is one; betamab, named there
    # too, is what b.md is about
    (corpus / "a.txt").write_text((corpus / "a.txt").read_text(encoding="utf-8")
                                  + "Unlike deltamab and betamab, alphamab needs no loading dose.\n", encoding="utf-8")
    reader = Assistant(corpus, corpus.parent / "index", settings=HASH)._state[1].question_reader
    assert reader.read("What is gammamab approved for?").passing_names == ()
    assert reader.read("How does deltamab work?").passing_names == ("deltamab",)
    assert reader.read("How does betamab lower beta levels?").passing_names == ()
    drugs = reader.vocab.drugs
    subjects = {drugs.drugs[d].names[0].lower() for d in drugs.subjects["a.txt"]}
    assert "alphamab" in subjects and "deltamab" not in subjects


def test_the_drug_every_document_is_about_is_embedded_as_it(reader):
    # its name tells no passage from another, but lends its cosine to the sentences spelling it out
    assert reader.vocab.common_subjects == {"dupilumab", "dupix"}  # the generic and its brand (Dupixent)
    assert reader.read("What is dupilumab's half-life?").text == "What is its half-life?"
    assert reader.read("Is Dupixent a steroid?").text.startswith("Is it a steroid?")  # the brand too
    assert reader.read("Is dupilumab-associated conjunctivitis common?").text.startswith(
        "Is dupilumab-associated conjunctivitis common?")  # a name with a word hung on it stays
    assert reader.read("How does omalizumab compare with dupilumab?").text.startswith(
        "How does omalizumab compare with it?")


def test_a_drug_only_some_documents_are_about_is_answered_from_them_and_embedded_as_it(corpus):
    reader = Assistant(corpus, corpus.parent / "index", settings=HASH)._state[1].question_reader
    assert reader.vocab.common_subjects == frozenset()  # a.txt is about alphamab, b.md about betamab
    query = reader.read("What does alphamab bind?")
    assert reader.vocab.drugs.about(query.drugs) == {"a.txt"}  # only a.txt's passages may answer it
    assert query.text == "What does it bind?"  # so its name tells none of them apart
    # two drugs weighed against each other keep their names
    assert reader.read("Does alphamab bind more than betamab?").text == "Does alphamab bind more than betamab?"


@pytest.mark.parametrize("question, earliest", [
    ("when was dupixent first approved?", True), ("when did it first come out", True),
    ("When did dupilumab become the first biologic approved for CRSwNP?", False),  # X's date, not the earliest
    ("What was the first indication it got approved for?", True), ("What was its first approval?", True),
    ("when was dupixent approved?", True), ("When did it come out?", True),  # when approved, nothing more
    ("when was it approved for asthma?", False), ("When was Dupixent approved in Europe?", False),
    ("In what year did the FDA approve dupilumab?", True),  # the regulator approving it, nothing more
    ("When did the EMA approve it for children?", False),
    ("What was the first FDA approval of dupilumab, in which year?", True),  # a regulator's first approval
])
def test_first_approved_asks_for_the_earliest_date(question, earliest):
    assert asks_earliest(question) is earliest


def test_first_in_when_was_it_first_approved_asks_which_date_not_what_about(reader):
    # the earliest date answers; "the first drug approved for this indication" is no closer
    assert [c.word for c in reader.read("when was dupixent first approved?").concepts] == ["dupixent", "approved"]
    assert "first" in [c.word for c in reader.read("Is it a first-line treatment or a first choice?").concepts]


@pytest.mark.parametrize("text, date", [
    ("The FDA approved dupilumab on March 28, 2017, for adults", (2017, 3)),
    ("The European Medicines Agency followed with approval in September 2017.", (2017, 9)),
    ("extended the label to prurigo nodularis (2022), and in Sept. 2019 to", (2019, 9)),
    ("a year alone: 2017, and March 2017", (2017, 0)),
    ("no date at all, 300 mg", None),
])
def test_the_earliest_date_a_sentence_names_compares_months(text, date):
    assert earliest_date(text) == date


@pytest.mark.parametrize("question, bridge", [
    ("does dupixent weaken your immune system?", "weaken immun system"),  # "your" inside the phrase
    ("who actually makes dupixent", "who make"),  # "actually" inside it
])
def test_a_lay_phrase_is_found_without_its_fillers(reader, question, bridge):
    assert any(b.startswith(bridge + " →") for b in reader.read(question).bridged)


@pytest.mark.parametrize("question, bridges", [
    ("my eyes are red and itchy", ("red eye → conjunct", "itchi → itch")),  # "red eyes", reordered
    ("any problems with the eyes?", ("eye problem → conjunct; ocular",)),
    ("are the eyes of these patients ever red?", ("eye → ocular",)),  # three words apart: "eyes" alone
])
def test_a_lay_phrase_said_in_another_order_is_found_a_word_or_two_apart(reader, question, bridges):
    assert reader.read(question).bridged == bridges


SELF = "self-injection and treatment at home"


@pytest.mark.parametrize("question, topics", [
    ("Is dupilumab safe during pregnancy?", ("pregnancy, breastfeeding and fertility",)),
    ("i forgot my shot last week, what now?", ("a missed dose",)),  # both words, anywhere
    ("Can I take my pens on a plane?", ("storage and travel", "injecting and injection devices")),
    ("whats the half life of dupixent", ("half-life and elimination",)),
    ("Did half of the patients improve their quality of life?", ()),  # the phrase, not its words apart
    ("Did the trial miss its primary endpoint?", ()),  # missing, but no dose
    ("can i give myself the injection at home?", (SELF,)), ("can my dad have his infusions at home", (SELF,)),
    ("My grandma is in a nursing home and gets infusions there", ()),  # a home, but no treatment at home asked
    ("should I give myself a break from it?", ()), ("can it be self-administered?", (SELF,)),
    ("can i do the jab myself at home?", (SELF,)),
])
def test_label_topics_are_asked_about_by_their_cues(question, topics):
    assert tuple(t.name for t in label_topics() if t.asked(words_of(question))) == topics


def test_a_label_topic_no_passage_covers_is_uncovered(reader):
    assert reader.read("Is dupilumab safe to use in pregnancy?").uncovered_topics == (
        "pregnancy, breastfeeding and fertility",)
    assert reader.read("How much does a year of Dupixent cost?").uncovered_topics == ("cost and insurance",)
    # the page says how it is absorbed: a topic whose words the documents use is left to the evidence
    assert reader.read("How is dupilumab absorbed after subcutaneous dosing?").uncovered_topics == ()
    assert reader.read("What does dupilumab bind to?").uncovered_topics == ()
    # a follow-up is read whole: it is still about a missed dose
    assert reader.read("and for kids?", ["what should i do if i miss a dose?"]).uncovered_topics == (
        "a missed dose",)


def test_a_document_that_covers_a_topic_lets_it_be_asked(corpus, reader):
    seed_reader = reader
    (corpus / "c.txt").write_text("Gamma Drug\nGammamab is approved for gout in adults.\n"
                                  "Pregnancy\nNo data exist on gammamab in pregnant women.\n", encoding="utf-8")
    reader = Assistant(corpus, corpus.parent / "index", settings=HASH)._state[1].question_reader
    assert reader.read("Is gammamab safe when breastfeeding?").uncovered_topics == ()
    assert reader.read("Should gammamab be stored in the fridge?").uncovered_topics == ("storage and travel",)
    assert reader.read("could i inject gammamab myself?").uncovered_topics == ("self-injection and treatment at home",)
    # the seed page says its doses are "amenable to self-administration"
    assert seed_reader.read("can i do the jab myself at home?").uncovered_topics == ()


def test_a_code_of_capitals_and_digits_is_held_only_whole(reader):
    # LIBERTY is a word of the documents' trial names; LIBERTY-ALOPECIA-7 is not one of them
    assert reader.read("What did the LIBERTY-ALOPECIA-7 trial show?").unknown_names == ("LIBERTY-ALOPECIA-7",)
    assert reader.read("What did SINUS-52 show?").unknown_names == ()
    assert reader.read("How does IL-4Rα signal?").unknown_names == ()


def test_a_hyphenated_word_the_documents_write_apart_is_held(reader):
    # the page says "type 2"; "type-2" is no unknown name, and stands for the words apart
    query = reader.read("What type-2 inflammatory conditions has dupilumab been studied in?")
    assert query.unknown_names == ()
    assert ("2",) in next(c for c in query.concepts if c.word == "type-2").forms
    assert reader.read("Does dupilumab help COVID-19?").unknown_names == ("COVID-19",)


@pytest.mark.parametrize("question, dropped", [
    ("Is dupilumab a steroid? My husband doesn't want steroids", "doesn't"),  # a contraction
    ("Give me an overview of how dupilumab works, suitable for a slide deck", "deck"),  # what it is for
])
def test_words_that_carry_no_topic_are_no_focus(reader, question, dropped):
    assert dropped not in [c.word for c in reader.read(question).concepts]


@pytest.mark.parametrize("question, unknown", [
    ("Is CYP450 metabolism relevant to gammamab?", ()),  # the family the documents name the enzymes of
    ("Does gammamab change the INR?", ()),  # the clotting test, by the name the documents spell out
    ("Is gammamab used for VTE after knee surgery?", ()),
    ("Does gammamab raise CD19?", ("CD19",)),  # no abbreviation the vocabulary spells out
])
def test_a_clinical_abbreviation_is_read_as_what_it_stands_for(tmp_path, question, unknown):
    query = one_document(tmp_path, "gammamab.txt",
                         "Gammamab\n\nGammamab is removed by proteolysis, not by cytochrome P450 enzymes such as "
                         "CYP3A4. It may lengthen the prothrombin time of patients on warfarin. After knee replacement "
                         "it prevents deep vein thrombosis.\n", HASH)._state[1].read(question)
    assert query.unknown_names == unknown
    assert bool(query.bridged) is not bool(unknown)


def test_an_abbreviation_is_known_only_by_a_form_one_passage_holds(tmp_path):
    # "blood" and "clotting" said apart are no blood clot: VTE stays a name these documents lack
    reader = one_document(tmp_path, "gammamab.txt", "Gammamab\n\nBlood tests are not needed before treatment.\n\n"
                          "Gammamab does not affect clotting. Leg cramps may occur.\n", HASH)._state[1]
    assert reader.read("Does gammamab raise the risk of VTE?").unknown_names == ("VTE",)


def test_a_plural_the_word_list_lacks_is_english_not_a_name(reader):
    assert reader.read("Which safety warnings should prescribers know about?").unknown_names == ()
    assert reader.read("Which devices does it come in?").uncovered_topics == ("injecting and injection devices",)


@pytest.mark.parametrize("question, unknown, listed", [
    ("How does dupilumab affect serum IgE, TARC/CCL17, and FeNO over time?", (), ("FeNO",)),
    ("What effect does dupilumab have on FeNO and serum IgE levels?", (), ("FeNO",)),
    ("Does dupilumab reduce FeNO?", ("FeNO",), ()),  # nothing held beside it
    ("Compare dupilumab and tralokinumab", ("tralokinumab",), ()),  # a drug, and weighed
    ("Is dupilumab or tralokinumab better?", ("tralokinumab",), ()),  # a drug is no choice to skip
])
def test_an_unknown_name_listed_beside_held_ones_is_answered_without(reader, question, unknown, listed):
    query = reader.read(question)
    assert (query.unknown_names, query.listed_unknown) == (unknown, listed)


def test_a_documents_summary_is_the_passage_under_a_summary_heading_else_its_first(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.md").write_text("# Alpha drug\n\n## Background\n\nAlpha binds the beta receptor in the gut.\n\n"
                                "## Overview\n\nAlpha is a small molecule for gut disease, taken once a day.\n")
    (seeds / "b.md").write_text("# Gamma drug\n\n## Mechanism\n\nGamma blocks the delta channel in nerves.\n\n"
                                "## Trials\n\nGamma was tested in two trials of nerve pain.\n")
    data, retriever = Assistant(seeds, tmp_path / "index", settings=HASH)._state
    summaries = {c.section for c, summary in zip(data.chunks, retriever.summaries) if summary}
    assert summaries == {"Alpha drug › Overview", "Gamma drug › Mechanism"}


@pytest.mark.parametrize("section, sums", [
    ("Quick Summary", True),
    ("1. What Ozempic is and what it is used for", True),  # a leaflet says what the medicine is
    ("Package leaflet › 1. What Metformin tablets are and what they are used for", True),
    ("What is Tenormin and what is it used for", True),
    ("Medication Guide › What is XOLAIR (omalizumab)?", True),  # a drug the document is about
    ("What is shingles?", False),  # the disease it prevents
    ("RINVOQ (upadacitinib) tablets › 1 INDICATIONS AND USAGE", True),  # a label's first section
    ("What is the most important information I should know about RINVOQ?", False),
    ("Contents of the pack › Table 2. Tablet strengths at a glance", False),  # a table's caption
    ("Tablets at a glance", True),
    ("4. Possible side effects", False),
    ("About RINVOQ® (upadacitinib) tablets, 15 mg", True),  # a press release's "About" section on the drug
    ("About Rinvoq™", True), ("About RINVOQ: a JAK inhibitor", True),
    ("About the SELECT-COMPARE trial", False), ("About rheumatoid arthritis", False),
])
def test_a_heading_that_sums_a_document_up(section, sums):
    assert sums_up(section, lambda word: word.lower() in {"xolair", "rinvoq"}) is sums


@pytest.mark.parametrize("heading, words", [
    ("4. Possible side effects", "Possible side effects"), ("5.1 Hypersensitivity", "Hypersensitivity"),
    ("2 DOSAGE AND ADMINISTRATION", "DOSAGE AND ADMINISTRATION"), ("Section 6: Adverse reactions", "Adverse reactions"),
    ("B) Dosing in children", "Dosing in children"),
    # a number or a letter that is part of what the heading is about stays
    ("12 weeks of treatment", "12 weeks of treatment"), ("B cells", "B cells"), ("IL-4 signalling", "IL-4 signalling"),
    ("6MWT Results", "6MWT Results"), ("5HT3 antagonists", "5HT3 antagonists"), ("U.S. Approval", "U.S. Approval"),
])
def test_a_headings_section_number_is_no_word_of_it(heading, words):
    assert SECTION_NUMBER.sub("", heading) == words


def ask_one(tmp_path, text: str, question: str):
    """The answer to a question over a folder holding one text document (hashing embedder)."""
    seeds = tmp_path / "seeds"
    seeds.mkdir(parents=True)
    (seeds / "doc.txt").write_text(text)
    return Assistant(seeds, tmp_path / "index", settings=HASH).ask(question)


def test_asked_what_the_drug_is_a_leaflet_answers_from_its_opening_in_order(tmp_path):
    ans = ask_one(tmp_path,
                  "Package leaflet: information for the user\n\nZetamab 10 mg tablets\n\n"
                  "1. What Zetamab is and what it is used for\n\n"
                  "Zetamab contains the active substance zetamab, a kinase inhibitor. "
                  "It calms the immune cells of the gut.\n\n"
                  "Zetamab is used to treat adults with:\n\n"
                  "• ulcerative colitis, when other medicines have not worked\n"
                  "• Crohn's disease, as a second medicine\n\n"
                  "2. What you need to know before you take Zetamab\n\n"
                  "Do not take Zetamab if you are allergic to it.\n\n"
                  "3. How to take Zetamab\n\nTake one tablet a day, with or without food.\n",
                  "what is zetamab?")
    quoted = [s for s in re.split(r" \[\d+\] ?", ans.text) if s]
    assert ans.found and quoted[0].startswith("Zetamab contains the active substance zetamab, a kinase inhibitor.")
    assert not any(s[:1].islower() for s in quoted)  # no list item cut from the words leading into it


def test_a_quote_that_points_back_comes_with_the_sentence_it_points_to(tmp_path):
    ans = ask_one(tmp_path,
                  "The Zeta trial\n\n"
                  "Patients entered with a blood eosinophil count of at least 150 cells per microliter. "
                  "These thresholds came from an earlier dose-ranging analysis. The trial ran for 32 weeks.\n",
                  "Where did the eosinophil thresholds come from?")
    assert "These thresholds came from" in ans.text and "at least 150 cells per microliter" in ans.text


def test_a_short_sentence_opening_a_passage_comes_with_the_one_it_announces(tmp_path):
    ans = ask_one(tmp_path,
                  "The Zeta trial\n\nLimitations\n\n"
                  "The trial has limitations. Its 32-week treatment period was shorter than a "
                  "year, and adolescents were few.\n\nResults\n\nExacerbations fell by half with zetamab.\n",
                  "What are the limitations of the Zeta trial?")
    assert "The trial has limitations." in ans.text and "32-week treatment period" in ans.text


def test_a_short_sentence_comes_with_the_next_one_when_that_points_back_to_it(tmp_path):
    text = ("Zetamab vaccine leaflet\n\nWhich vaccine to choose\n\n"
            "Any licensed flu vaccine suits most adults, and vaccination should not wait for a particular brand. "
            "The exception is adults 65 years and older. Since 2022, people in this age group are offered a "
            "high-dose zetamab vaccine.\n\nHow it is given\n\nZetamab is injected into the upper arm.\n")
    ans = ask_one(tmp_path, text, "is there a special flu vaccine for older adults?")
    assert "The exception is adults 65 years and older." in ans.text and "high-dose" in ans.text


def test_a_list_item_is_quoted_with_the_words_that_lead_into_it(tmp_path):
    ans = ask_one(tmp_path,
                  "Zetamab leaflet\n\n2. Before you take Zetamab\n\nDo not take Zetamab if you:\n\n"
                  "• are allergic to zetamab or any of the other ingredients\n• have severe liver disease\n\n"
                  "3. How to take Zetamab\n\nTake one tablet a day, with or without food.\n",
                  "Can I take zetamab with severe liver disease?")
    # the item alone ("have severe liver disease") would say the opposite of the leaflet
    assert ans.found and "Do not take Zetamab if you:" in ans.text and "have severe liver disease" in ans.text
    parts = re.split(r" \[(\d+)\] ?", ans.text)  # each cited run a stretch of its passage's own text
    for run, n in zip(parts[::2], parts[1::2]):
        assert run in ans.passages[int(n) - 1].text


def test_a_list_its_lead_in_is_asked_about_is_quoted_whole_an_item_asked_about_alone(tmp_path):
    text = ("Zetamab leaflet\n\n2. Before you take Zetamab\n\nDo not take Zetamab if:\n\n"
            "• you are allergic to zetaformin or any of the other ingredients\n• you have severe kidney problems\n"
            "• you have uncontrolled diabetes with severe high blood sugar (ketoacidosis)\n"
            "• you drink a lot of alcohol\n• you are pregnant or breast-feeding\n\n"
            "Warnings and precautions\n\nZetamab can cause lactic acidosis, a very rare but "
            "serious side effect. Lactic acidosis can lead to coma. If you notice some of the following symptoms, "
            "stop taking Zetamab and contact a doctor at once:\n\n• being sick (vomiting)\n"
            "• stomach ache (abdominal pain)\n• muscle cramps\n• a general feeling of being unwell with severe "
            "tiredness\n• difficulty in breathing\n\n"
            "6. Contents of the pack\n\nThe other ingredients of the tablet core are:\n\n• lactose (anhydrous)\n"
            "• microcrystalline cellulose\n• croscarmellose sodium\n• magnesium stearate\n\n"
            "What Zetamab looks like\n\nThe tablets are round and yellow.\n")
    # what the list is of is asked ("lactic acidosis" is in its lead-in, not its items): all the list answers
    ans = ask_one(tmp_path / "a", text, "how would I know if I had lactic acidosis?")
    assert ans.found and all(item in ans.text for item in ("vomiting", "stomach ache", "muscle cramps",
                                                           "severe tiredness", "difficulty in breathing"))
    # ... cited once, as the one stretch of its passage it is, bullets and all (not "being sick (vomiting) [1]
    # stomach ache (abdominal pain) [1] ...")
    assert "• being sick (vomiting)\n• stomach ache (abdominal pain)\n• muscle cramps\n" in ans.text
    assert len(re.findall(r"\[\d+\]", ans.text.partition("• being sick")[2])) == 1
    # one item is asked about: it answers, with its lead-in, not the rest of the list (nor does a next best
    # item, holding none of the question, make the lead-in seem asked about)
    for question, item, others in (("does zetamab contain lactose?", "lactose", ("croscarmellose", "magnesium")),
                                   ("can I take zetamab if I am pregnant?", "pregnant", ("kidney", "allergic"))):
        ans = ask_one(tmp_path / item, text, question)
        assert ans.found and item in ans.text and not any(other in ans.text for other in others)
    # the rest of a list is shown, so said: a follow-up answered by it again repeats the answer before
    bot = Assistant(tmp_path / "a" / "seeds", tmp_path / "a" / "index", settings=HASH)
    bot.ask("how would I know if I had lactic acidosis?")
    earlier = ["how would I know if I had lactic acidosis?"]
    _, evidence = bot.ask_with_evidence("how common are they?", history=earlier)
    assert evidence.features["repeats"] == 1.0


def test_who_must_not_take_it_is_answered_from_the_leaflets_list_not_its_standing_advice(tmp_path):
    ans = ask_one(tmp_path,
                  "Zetamab leaflet\n\n2. What you need to know before you take Zetamab\n\n"
                  "Talk to your doctor, pharmacist or nurse before taking Zetamab tablets.\n\n"
                  "Do not take Zetamab tablets if:\n\n• you are allergic to zetamab or any of the other ingredients\n"
                  "• you have severe liver disease\n\n"
                  "Alcohol\n\nAvoid drinking a lot of alcohol while taking Zetamab tablets.\n\n"
                  "4. Possible side effects\n\nLike all medicines, this medicine can cause side effects, although "
                  "not everybody gets them.\n\nCommon: headache and nausea.\n",
                  "Who should not take Zetamab?")
    assert ans.found and "Do not take Zetamab tablets if:" in ans.text
    assert "liver disease" in ans.text or "allergic" in ans.text
    assert "Talk to your doctor" not in ans.text and "Like all medicines" not in ans.text


def test_a_sentence_announcing_what_follows_is_quoted_with_it_and_a_list_skips_one_that_says_nothing(tmp_path):
    ans = ask_one(tmp_path,
                  "Zetamab leaflet\n\n4. Possible side effects\n\n"
                  "Side effects of zetamab may occur with the following frequencies. "
                  "Headache and nausea affect more than 1 in 10 people.\n\n"
                  "Reporting of side effects\n\nYou can also report side effects directly via the national "
                  "reporting system.\n\n5. How to store Zetamab\n\nStore below 25 °C.\n",
                  "What side effects does zetamab have?")
    assert ans.found and "Headache and nausea" in ans.text  # what the announcement announces
    assert "national reporting system" not in ans.text


def test_a_side_effects_answer_quotes_the_frequency_lists_under_a_numbered_heading(tmp_path):
    # "4. Possible side effects" is named by "side effects" (its number is no word of it), and
    # neither the referral nor "They are listed below", each in a passage of its own, sets the bar
    ans = ask_one(tmp_path,
                  "Package leaflet: information for the patient\n\n4. Possible side effects\n\n"
                  "Like all medicines, this medicine can cause "
                  "side effects, although not everybody gets them. They are listed below by how often they occur.\n\n"
                  "The most common side effect of Zetamab is bleeding.\n\n"
                  "Common (may affect up to 1 in 10 people):\n\n• bruising and swelling\n• feeling sick (nausea)\n\n"
                  "Rare (may affect up to 1 in 1,000 people):\n\n• skin rash and itching\n\n"
                  "Reporting of side effects\n\nIf you get any side effects, including any not listed in this "
                  "leaflet, talk to your doctor, pharmacist or nurse.\n\n5. How to store Zetamab\n\nStore below 25 °C.\n",
                  "What are the side effects of zetamab?")
    assert ans.found and "bleeding" in ans.text
    assert sum(i in ans.text for i in ("bruising", "nausea", "skin rash")) >= 2
    assert "talk to your doctor" not in ans.text and "listed below" not in ans.text


def test_a_list_answer_quotes_several_items_of_the_list_a_passage_leads_into(tmp_path):
    ans = ask_one(tmp_path,
                  "ZETAMAB (zetaparin) tablets\n\n1 INDICATIONS AND USAGE\n\nZETAMAB is indicated for the "
                  "prophylaxis of venous thrombosis.\n\n4 CONTRAINDICATIONS\n\nZETAMAB is contraindicated in:\n\n"
                  "• Pregnancy, except in women with mechanical heart valves.\n"
                  "• Hemorrhagic tendencies or blood dyscrasias.\n• Recent surgery of the central nervous system or eye.\n\n"
                  "6 ADVERSE REACTIONS\n\nThe most common adverse reactions are bleeding and nausea.\n",
                  "What are the contraindications of zetamab?")
    items = ("Pregnancy", "Hemorrhagic tendencies", "Recent surgery")
    assert ans.found and "ZETAMAB is contraindicated in:" in ans.text and sum(i in ans.text for i in items) >= 2


def test_a_word_finds_its_noun_in_age_only_where_english_makes_one_from_a_silent_e(tmp_path):
    text = ("Zetamab leaflet\n\nThe usual dose is one tablet. The recommended dosage for children is lower. "
            "Store it below 25°C; storage in a fridge is not needed. A short course may do; a shortage of "
            "tablets has been reported. It may pass into breast milk; the nasal passages may feel dry. "
            "It is a first-line treatment; the cell lineage is unaffected. Do not waste tablets; wastage "
            "is recorded.\n")
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "doc.txt").write_text(text)
    vocab = Assistant(seeds, tmp_path / "index", settings=HASH)._state[1].vocab
    assert vocab.derived(stem("dose")) == (stem("dosage"),) and vocab.derived(stem("dosage")) == (stem("dose"),)
    assert vocab.derived(stem("store")) == (stem("storage"),) and vocab.derived(stem("waste")) == (stem("wastage"),)
    for word in ("short", "shortage", "pass", "passage", "line", "lineage", "tablet"):
        assert vocab.derived(stem(word)) == (), word


@pytest.mark.parametrize("question, group", [
    ("is it safe for an 85 year old?", "elderly"), ("my mum is 72 years old, is it ok", "elderly"),
    ("my dad is in his 80s, can he take it?", "elderly"), ("My 7-year-old has eczema", "child"),
    ("can my 14 yo take it", "teenager"),
    ("my son is 6 months old, can he have it", "baby"), ("breastfeeding my 2 month old", "baby"),
    ("is it safe for a 0 year old", "baby"), ("im 75, can i still have it or am i too old", "elderly"),
    ("My grandma is 85. Is it safe for someone her age?", "elderly"), ("she's 80, too old?", "elderly"),
    ("my 30 month old", "child"), ("a 2 week old", "baby"), ("my 6 month old? and a 2 month old", "baby"),
    ("a childhood vaccine for my 7 year old", "child")])
def test_an_age_said_the_lay_way_is_followed_by_its_age_group(question, group):
    assert with_age_groups(question).count(f"({group})") == 1


@pytest.mark.parametrize("question", [
    "What is the dose for children aged 10 and over?",  # the documents' own way of saying it
    "I'm 5'4 and 220 lbs", "I'm 34 weeks pregnant", "take 2 tablets for 3 days",
    "I'm 15 and my face went red", "is it safe for my 6 year old child?",  # the scene; a group named already
    "I'm 5'4 and 220 lbs, am I too old for it?", "I'm 34, am I too old?",  # no age; an adult
    "the dose is 10, am I too old for it?", "I take it at 8 with aspirin. Am I too old?",  # no person's number
    "a childhood vaccine for my 7 year old child"])
def test_what_is_no_lay_age_or_names_its_group_gains_nothing(question):
    assert with_age_groups(question) == question


def test_an_age_is_read_as_what_the_documents_call_its_age_group(reader):
    # the seed page says "children", "pediatric" and "adolescents", never "7 year old"
    query = reader.read("can my 7 year old get it?")
    assert query.weights.get("pediatr") == 0.5 and query.weights.get("children") == 0.5
    assert "(child)" in query.text and query.read_as == ""  # what is embedded; no follow-up note
    assert reader.read("my 15 yo has bad eczema, can she get it").weights.get("adolesc") == 0.5


def test_asked_whether_it_is_a_kind_of_thing_a_sentence_saying_what_it_is_answers(tmp_path):
    # "is upadacitinib a steroid?" was declined though "RINVOQ is a Janus kinase (JAK) inhibitor" was quoted: the
    # label never says "steroid", so none of the question's words were held
    text = ("Zetamab tablets\n\nWhat Zetamab is\n\n"
            "Zetamab is a Janus kinase (JAK) inhibitor that calms the immune cells of the joints. "
            "It is taken once a day.\n\nSide effects\n\nHeadache and nausea were the most common side effects.\n"
            "\nBefore you take it\n\nTell your doctor if you are a woman taking other medicines. Some people were "
            "given prednisolone before zetamab.\n")
    ans = ask_one(tmp_path, text, "is zetamab a steroid?")
    assert ans.found and "Janus kinase" in ans.text
    # ... but not of another drug, named ("is prednisolone a steroid?") or called "it" after being named
    for n, question in enumerate(("is prednisolone a steroid?", "I was given prednisolone, is it a steroid?")):
        (tmp_path / str(n)).mkdir()
        assert not ask_one(tmp_path / str(n), text, question).found, question
    # ... nor by a sentence that only calls it a medicine, or is not about it
    (tmp_path / "vague").mkdir()
    vague = text.replace("a Janus kinase (JAK) inhibitor that calms", "a prescription medicine that calms")
    assert not ask_one(tmp_path / "vague", vague, "is zetamab a steroid?").found


def test_alcohol_as_an_excipient_or_a_drink_of_water_does_not_cover_drinking(tmp_path):
    # "can i drink wine on rinvoq" was answered from a label whose only "alcohol" was the film coating's polyvinyl
    # alcohol, and whose only "drink" was grapefruit juice
    label = ("Zetamab tablets\n\nDescription\n\nThe film coating contains polyvinyl alcohol and talc.\n\n"
             "Interactions\n\nAvoid food or drink containing grapefruit during treatment.\n")
    ans = ask_one(tmp_path, label, "can i drink alcohol on zetamab?")
    assert not ans.found and "They say nothing of alcohol" in ans.text
    # ... as labels and leaflets say it of drinking, it does
    for n, said in enumerate(("Avoid drinking a lot of alcohol while taking Zetamab.", "Avoid alcohol while taking it.",
                              "Patients should not consume alcoholic beverages.", "Limit alcohol intake.",
                              "The concomitant use of zetamab and alcohol is not recommended.")):
        (tmp_path / str(n)).mkdir()
        leaflet = label + f"\nZetamab with alcohol\n\n{said}\n"
        ans = ask_one(tmp_path / str(n), leaflet, "can i drink alcohol on zetamab?")
        assert "They say nothing of alcohol" not in ans.text, said


@pytest.mark.parametrize("question, amounts", [
    ("I'm 12 weeks pregnant and on zoloft 50mg, is it safe for the baby?", set()),  # what she takes: the scene
    ("My dad takes 1,000 mg a day. Can he drink alcohol?", set()),
    ("I'm on 2.5 mg, is that the right dose?", {(2.5, "mg")}),  # asks for a dose
    ("I take 50 mg, is this too much?", {(50.0, "mg")}),  # points back at it
    ("I'm on examplex 50mg, is this medicine safe in pregnancy?", set()),  # "this medicine" is no amount
    ("i take 50mg of zoloft can i go up to 100mg", {(50.0, "mg"), (100.0, "mg")}),  # nothing said apart: all asked
    ("i take 50mg of zoloft, can i go up to 100mg?", {(100.0, "mg")}),
    ("What excipients do the 500 mg and 850 mg tablets contain?", {(500.0, "mg"), (850.0, "mg")}),
])
def test_an_amount_the_asker_says_they_take_is_not_asked_about(question, amounts):
    assert asked_amounts(question) == amounts


@pytest.mark.parametrize("lay, clinical", [
    ("low calcium", "hypocalcemia"), ("high potassium", "hyperkalemia"), ("low sodium", "hyponatremia"),
    ("thin bones", "osteoporosis"), ("dentist", "tooth extraction"), ("pull a tooth", "tooth extraction"),
])
def test_the_vocabulary_knows_common_lay_names_of_disorders_and_dental_work(lay, clinical):
    from citeqa.language.wordlists import words_of
    assert clinical in consumer_health()[tuple(words_of(lay))]
