"""What a question names exactly is what its answer holds: an amount of the medicine."""
from __future__ import annotations

import re

import pytest

from citeqa import Assistant
from citeqa.language.text import amounts, names_body_weight
from citeqa.reading.frequency import asks_commonest, rarer_band
from citeqa.reading.query import named_years
from tests.conftest import one_document

# written for this test
LABEL = """Interactions

Examplomab has not been studied with live vaccines.

Results

After 52 weeks, people taking examplomab lost much more body weight than people taking placebo, with average losses of up to 21% of body weight at the 15 mg dose.

The mean change with 5 mg was −14%, against −3% with placebo.
"""


@pytest.fixture(scope="module")
def label_bot(tmp_path_factory) -> Assistant:
    return one_document(tmp_path_factory.mktemp("specifics"), "examplomab.txt", LABEL)


def test_an_amount_asked_about_is_the_amount_quoted(label_bot):
    answer = label_bot.ask("how much weight did people lose on examplomab?")
    assert answer.found
    follow = label_bot.ask("and on the 5 mg dose?", history=["how much weight did people lose on examplomab 15 mg?"])
    assert follow.found and "14%" in follow.text and "21%" not in follow.text  # not the 15 mg sentence


# written for this test
TRIAL = """Trials

In the TRIALX study, 61 adults with obesity were randomized 2:1 to weekly examplomab 2.4 mg or placebo. After 68 \
weeks the mean change in body weight was −14.9% with examplomab and −2.4% with placebo.

Dosing

The dose is raised every four weeks until the 2.4 mg maintenance dose is reached.

Storage

Keep the pens in a refrigerator.
"""


def test_a_sentence_naming_no_amount_speaks_of_the_amount_its_passage_names(tmp_path):
    # the result follows the sentence naming the arm's dose: it answers for 2.4 mg, though it names none
    answer = one_document(tmp_path, "examplomab.txt", TRIAL).ask(
        "What was the mean percentage weight loss with examplomab 2.4 mg in TRIALX?")
    assert answer.found and "14.9%" in answer.text
    # ... but not in a passage naming another dose as well, which it may speak of
    (tmp_path / "two").mkdir()
    two = one_document(tmp_path / "two", "examplomab.txt", TRIAL.replace(
        "examplomab 2.4 mg or placebo. After 68 weeks the mean change in body weight was −14.9% with examplomab",
        "examplomab 1 mg, examplomab 2.4 mg or placebo. In the lower-dose group the mean percentage weight loss in "
        "TRIALX was 8.1% after 68 weeks. With examplomab 2.4 mg the mean change was −14.9%")).ask(
        "What was the mean percentage weight loss with examplomab 2.4 mg in TRIALX?")
    assert two.found and "14.9%" in two.text and "8.1%" not in two.text


@pytest.mark.parametrize("text, held", [
    ("and on the 5 mg dose?", {(5.0, "mg")}),
    ("the 5-mg and 10 mg doses", {(5.0, "mg"), (10.0, "mg")}),
    ("250 micrograms, or 1,000 mg", {(250.0, "mcg"), (1000.0, "mg")}),
    ("up to 22.5% at the 15 mg dose", {(15.0, "mg")}),  # 15 mg is not 5 mg
    ("a 20 kg child", set()),  # a body weight, no amount of the medicine
])
def test_amounts_are_read_with_their_units(text, held):
    assert amounts(text) == held


# written for this test
DOSING = """Dosing

Examplomab is approved for children aged 6 years and older with moderate asthma.

The recommended dose of examplomab for children is 100 mg every four weeks.
"""


def test_a_dose_quoted_only_beside_the_best_sentence_does_not_answer(tmp_path):
    # a next best sentence quoted beside one that gives no dose does not make the answer one; the
    # sentence holding what the best one lacks does
    from dataclasses import replace

    from citeqa.answering.judge import judge
    from citeqa.answering.quotes import score_sentences

    bot = one_document(tmp_path, "examplomab.txt", DOSING)
    _, retriever = bot._state
    query = retriever.read("what is the dose of examplomab for children?")
    bm25, unit_cos = retriever.score(query.weights, bot.query_encoder().encode([query.text])[0])
    hits = retriever.search(bm25, unit_cos, 5, None, query.kinds, whole=query.whole, acts=query.acts)
    scored = score_sentences(retriever, hits, query, unit_cos, bot.settings.type_weight)
    approved = next(q for q in scored if "approved" in q.text)
    dose = next(q for q in scored if "100 mg" in q.text)

    def judged(*quotes):
        return judge(retriever, hits, query, unit_cos, bot.settings, list(quotes)).found
    assert judged(dose, replace(approved, beside=True)) and judged(approved, dose)
    assert not judged(approved, replace(dose, beside=True))


# written for this test: the doses of a trial's arms, and (WEIGHED) doses by body weight
ARMS = """Clinical studies

In the EXAMPLE-1 trial, 38% of children receiving examplomab 300 mg every four weeks and 35% receiving 200 mg every \
two weeks reached clear or almost clear skin at week 16, against 9% on placebo.

Examplomab is approved for children aged 6 months and older with moderate-to-severe eczema.
"""
WEIGHED = ARMS + """
Dosing in children

Children weighing 15 kg to less than 30 kg take 300 mg every four weeks; those weighing 30 kg or more take 200 mg \
every two weeks.
"""


@pytest.mark.parametrize("text, answered", [(ARMS, False), (WEIGHED, True)])
def test_a_dose_asked_for_a_body_weight_is_one_given_by_body_weight(tmp_path, text, answered):
    # a trial's arm, or a dose for all, does not say what a child of that weight takes
    bot = one_document(tmp_path, "examplomab.txt", text)
    answer = bot.ask("what's the dose of examplomab for a 20 kg child?")
    assert answer.found == answered
    assert not answered or "15 kg to less than 30 kg" in answer.text
    follow = bot.ask("and for a 35 kg child?", history=["what's the dose of examplomab for a 20 kg child?"])
    assert follow.found == answered
    # a child by age, the weight in the follow-up
    follow = bot.ask("and if he weighs more than 30 kg?", history=["what's the dose of examplomab for a 7 year old?"])
    assert follow.found == answered


@pytest.mark.parametrize("text, weighs", [("a 20 kg child", True), ("my 12kg toddler", True), ("over 44 lbs", True),
                                          ("17 kilos", True), ("2 mg/kg", False), ("a BMI of 30 kg/m2", False),
                                          ("300 mg", False), ("they lost 5 kg", False),
                                          ("gained a mean of 2 kg", False)])  # a change in weight
def test_a_body_weight_is_a_weight_in_kilograms_or_pounds(text, weighs):
    assert names_body_weight(text) == weighs


# written for this test: a dose per kilogram, and one for all adults
PER_KILOGRAM = """Dosing

The recommended dose of examplocillin for children is 25 mg/kg a day, in two divided doses.

The usual adult dose of examplocillin is 500 mg every 12 hours.
"""


@pytest.mark.parametrize("question", ["what's the dose of examplocillin for a 20 kg child?",  # per kilogram
                                      "what's the dose of examplocillin for an adult over 100 kg?"])  # one for all
def test_a_dose_by_weight_or_for_all_adults_answers_a_weight(tmp_path, question):
    assert one_document(tmp_path, "examplocillin.txt", PER_KILOGRAM).ask(question).found


# written for this test: a time the drug stays in the body, a time a trial waited, none to its effect
KINETICS = """Pharmacokinetics

The elimination half-life of examplomab is about 16 days, and steady state is reached by the fifth dose.

Clinical studies

Before randomisation, patients went through a run-in period of 2 to 4 weeks on their usual inhaler.

Patients taking examplomab had fewer asthma attacks than patients taking placebo over 52 weeks.
"""


def test_asked_how_soon_it_works_a_time_to_no_effect_does_not_answer(tmp_path):
    (tmp_path / "kinetics").mkdir(), (tmp_path / "onset").mkdir()
    bot = one_document(tmp_path / "kinetics", "examplomab.txt", KINETICS)
    assert not bot.ask("how long does it take for examplomab to start working?").found
    # ... while a sentence that says how soon an effect begins does, and comes first
    onset = KINETICS + "\nExamplomab starts to work soon: breathing improved as early as 2 weeks after dose one.\n"
    answer = one_document(tmp_path / "onset", "examplomab.txt", onset).ask("how soon does examplomab start to work?")
    assert answer.found and answer.text.startswith("Examplomab starts to work soon")


# written for this test: what it treats, and (LIFELONG) how long it is taken
TREATS = """Uses

Examplomab is approved for adults with moderate-to-severe eczema whose disease is not controlled with creams.

In the EXAMPLE-2 trial, eczema cleared or almost cleared in 40% of adults on examplomab, against 10% on placebo.
"""
LIFELONG = TREATS + """
Examplomab does not cure eczema; in most people the rash comes back within months if treatment is stopped.
"""


@pytest.mark.parametrize("text, answered", [(TREATS, False), (LIFELONG, True)])
def test_asked_whether_it_cures_only_a_sentence_saying_so_answers(tmp_path, text, answered):
    # what it treats, or how well, does not say whether it cures or is taken for life
    answer = one_document(tmp_path, "examplomab.txt", text).ask("does examplomab cure eczema or does it just keep it "
                                                                "under control?")
    assert answer.found == answered
    assert not answered or answer.text.startswith("Examplomab does not cure eczema")


# written for this test: what it is approved for, and what it is being studied for
PIPELINE = """Approved Indications

Examplomab is indicated for adults with moderate-to-severe plaque psoriasis.

Examplomab is also approved for adults with active psoriatic arthritis.

Emerging Indications

Hidradenitis suppurativa (Phase 2, recruiting): IL-17 drives the painful nodules, making examplomab a rational \
candidate.

Uveitis (Phase 1, terminated): an early study explored examplomab in inflammation of the eye.
"""


def test_what_it_is_used_for_is_not_what_it_is_studied_for(tmp_path):
    # a heading of emerging, investigational or potential indications does not say what it is used for
    answer = one_document(tmp_path, "examplomab.txt", PIPELINE).ask("What is examplomab used for?")
    assert answer.found and "psoriasis" in answer.text
    assert "Hidradenitis" not in answer.text and "Uveitis" not in answer.text


# written for this test: a label's uses, one with its limitation
LIMITED = """Examplomab injection, for subcutaneous use

1 INDICATIONS AND USAGE

1.1 Ulcerative Colitis

Treatment of moderately to severely active ulcerative colitis in adults. Limitation of use: effectiveness has not \
been established in patients who could not tolerate other biologic medicines.

1.2 Plaque Psoriasis

Treatment of adults with moderate to severe chronic plaque psoriasis who are candidates for systemic therapy.

1.3 Psoriatic Arthritis

Treatment of adults with active psoriatic arthritis.
"""


def test_a_list_of_uses_leaves_out_what_it_is_not_for(tmp_path):
    # "Limitation of use: effectiveness has not been established ..." says what it is not for: no use
    answer = one_document(tmp_path, "examplomab.txt", LIMITED).ask("What is examplomab used for?")
    assert answer.found and "psoriasis" in answer.text and "Limitation of use" not in answer.text


@pytest.mark.parametrize("question, years", [
    ("How did it rank in the 2018 network meta-analysis?", ("2018",)),
    ("what were its sales in 2023?", ("2023",)),
    ("was it approved before 2020?", ()),  # a bound, not what is asked about
    ("has the dose changed since 2015?", ()),
    ("what happened between 2010 and 2020?", ()),
    ("how was it used in the 1990s?", ()),
    ("is 2000 mg a day too much?", ()),  # an amount
    ("what was found in NCT2018?", ()),  # part of a code
    ("what did the 2020–2021 trials show?", ()), ("can I take 2000 milligrams?", ()),  # a range; an amount
    ("was it approved as of 2024?", ()), ("the 2018 study or the 2018 review?", ("2018",)),  # each year once
    ("I was diagnosed in 2019. What is the dose?", ()), ("I was born in 1985, can I have it?", ()),  # one's own
])
def test_a_question_names_a_year_as_what_it_asks_about(question, years):
    assert named_years(question) == years


# written for this test
REVIEW = """Evidence

A 2009 network meta-analysis of 117 trials ranked examplomab among the most effective and best tolerated options.

Examplomab was first approved in 1991. Its label was revised in 2020–2021 and again in FY2023.
"""


def test_a_year_the_documents_never_mention_is_declined_as_a_name_is(tmp_path):
    bot = one_document(tmp_path, "examplomab.txt", REVIEW)
    answer = bot.ask("How did examplomab rank in the 2018 network meta-analysis?")
    assert not answer.found and "They never mention 2018" in answer.text
    assert bot.ask("How did examplomab rank in the 2009 network meta-analysis?").found
    assert "never mention" not in bot.ask("Was examplomab approved before 2020?").text
    for year in ("2021", "2023"):  # written joined to what stands beside it: the documents still mention it
        assert "never mention" not in bot.ask(f"What changed in examplomab's label in {year}?").text


# written for this test: a leaflet's side effects, the rarest band first, as many leaflets list them
BANDS = """Examplopril tablets

1. What Examplopril is and what it is used for

Examplopril lowers high blood pressure. It belongs to a group of medicines called ACE inhibitors.

2. How to take Examplopril

Swallow one tablet once a day with a glass of water, at the same time each day.

3. Possible side effects

Like all medicines, Examplopril can cause side effects, although not everybody gets them.

Very rare (may affect up to 1 in 10,000 people):
• low blood sugar, with sweating and shaking
• inflammation of the pancreas, with severe pain in the stomach

Rare (may affect up to 1 in 1,000 people):
• swelling of the face, lips or tongue
• yellowing of the skin or the whites of the eyes

Common (may affect up to 1 in 10 people):
• headache
• dizziness when standing up
• a dry cough
"""


def test_asked_for_side_effects_in_general_the_commoner_band_comes_first(tmp_path):
    bot = one_document(tmp_path, "examplopril.txt", BANDS)
    answer = bot.ask("what are the side effects of examplopril?")
    assert answer.found and answer.text.startswith("Common (may affect up to 1 in 10 people)")
    # asked for the rarer or graver ones, no band is put first for being common
    rare = bot.ask("what are the rare side effects of examplopril?")
    assert rare.found and not rare.text.startswith("Common")
    assert not asks_commonest("what are the less common side effects?")
    # a band may head its list
    as_headings = re.sub(r"^(\w[^\n]*\)):$", r"### \1", BANDS, flags=re.M)  # "### Common (may affect ...)"
    headed = one_document(tmp_path / "headed", "examplopril.md", as_headings)
    assert headed.ask("what are the side effects of examplopril?").text.startswith("headache")


@pytest.mark.parametrize("text, rarer", [
    ("Very rare (may affect up to 1 in 10,000 people): • low blood sugar", True),
    ("Uncommon (may affect up to 1 in 100 people): a rash. Rare (may affect up to 1 in 1,000 people): hepatitis", True),
    ("Not known (frequency cannot be estimated from the available data): • myasthenia gravis", True),
    ("Uncommon (may affect up to 1 in 100 people): a rash. Common (may affect up to 1 in 10 people): headache", False),
    ("Common side effects (may affect up to 1 in 10 people): headache", False),
    ("Rare cases of hepatitis have been reported.", False),  # no band: nothing said of how often in general
    ("Rare: may affect up to 1 in 1,000 people", True),  # the band's other layouts
    ("Not\nknown (frequency cannot be estimated)", True),
    ("Very common (≥1/10): headache", False),
    ("Less common (may affect up to 1 in 100 people): a rash", False),  # not a band's name
    ("Infections were rare (0.5%), and the cause is not known (1).", False),  # a figure, a reference: no band
])
def test_a_passage_lists_only_rarer_side_effects_by_its_bands(text, rarer):
    assert rarer_band(text) is rarer
