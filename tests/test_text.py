import pytest

from citeqa.language.text import spells_out, split_sentences, tokenize, unapostrophed


def spans(text):
    return [text[s:e] for s, e in split_sentences(text)]


def test_sentences_do_not_split_on_abbreviations_or_numbers():
    text = ("Exacerbations fell (n=1,874; P<0.001), e.g. in patients with ≥300 cells/µL vs. placebo. "
            "The FDA approved it in 2017. Was it safe? Yes.")
    assert spans(text) == [
        "Exacerbations fell (n=1,874; P<0.001), e.g. in patients with ≥300 cells/µL vs. placebo.",
        "The FDA approved it in 2017.",
        "Was it safe?",
        "Yes.",
    ]


def test_sentence_offsets_are_exact_inside_a_range():
    text = "xx  First one. Second (Sindher et al., 2024) two.  yy"
    assert split_sentences(text, 2, 51) == [(4, 14), (15, 49)]


def test_receptor_spellings_meet_on_tokens():
    assert tokenize("IL-4Rα") == ["il4ralpha"]
    assert tokenize("IL4R") == tokenize("il-4r") == ["il4r"]
    assert tokenize("IL-4 receptor alpha") == ["il4", "receptor", "alpha"]
    assert tokenize("IL-4/IL-13") == ["il4", "il13"]


def test_identifiers_and_numbers_stay_whole():
    assert tokenize("NCT06477653 SINUS-52 CCL17 n=1,874 tyrosine 641") == [
        "nct06477653", "sinus52", "sinus", "ccl17", "n", "1874", "tyrosin", "641"]


def test_a_number_against_its_unit_is_the_number_and_the_unit():
    """A lay question's "10mg" is the documents' "10 mg"; an ordinal or a one-letter code is one word."""
    assert tokenize("10mg") == tokenize("10 mg") == ["10", "mg"]
    assert tokenize("2.5mg/day") == ["2.5", "mg", "day"]
    assert tokenize("1,874mg") == ["1874", "mg"]
    assert tokenize("12weeks") == tokenize("12 weeks")
    assert tokenize("24h") == tokenize("24 h") and tokenize("2g") == tokenize("2 g")
    assert tokenize("5µg") == tokenize("5 µg")
    # not an ordinal, a letter or a code that opens with a number
    assert tokenize("2nd dose") == ["2nd", "dose"]
    assert tokenize("phase 1b") == ["phase", "1b"]
    for code in ("3TC", "9vHPV", "5HT3", "6MP", "17α"):
        assert len(tokenize(code)) == 1, code


def test_stopwords_and_question_words_are_dropped_and_words_stemmed():
    assert tokenize("What does dupilumab bind to?") == ["dupilumab", "bind"]
    assert tokenize("blocking receptors") == ["block", "receptor"]


def test_an_identifier_with_words_hung_on_it_is_indexed_as_itself_too():
    assert tokenize("CYP450-mediated") == ["cyp450mediated", "mediat", "cyp450"]
    assert tokenize("IL-4-driven") == ["il4driven", "driven", "il4"]
    assert tokenize("dupilumab-associated") == ["dupilumabassoci", "dupilumab", "associ"]  # a word: its parts already
    assert tokenize("SINUS-52") == ["sinus52", "sinus"]  # the number ends it: nothing hung on it


def test_stop_words_are_bm25s_own():
    """The stop words are spelled out (so answering never imports bm25s); they must stay bm25s's."""
    from bm25s.stopwords import STOPWORDS_EN

    from citeqa.language.text import ENGLISH_STOPWORDS

    assert ENGLISH_STOPWORDS == frozenset(STOPWORDS_EN)


def test_answering_never_imports_bm25s_or_scipy():
    """A cold ask imports neither: they are build-time libraries (index/bm25.py)."""
    import subprocess
    import sys

    code = ("import sys, citeqa, citeqa.cli, citeqa.assistant, citeqa.index.store, citeqa.answering.retrieve; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('bm25s', 'scipy', 'torch')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"



@pytest.mark.parametrize("acronym, text, spelt", [
    ("NSCLC", "in previously treated non-small cell lung cancer", True),  # hyphenated words are words
    ("HFrEF", "heart failure with reduced ejection fraction", True),  # a function word passed over
    ("EMA", "The European Medicines Agency reviewed the reports.", True),
    ("EMA", "Take it every morning after breakfast.", False),  # three letters: only capitalised words spell them
    ("VTE", "venous thromboembolism", False),
    ("CD4", "cluster of differentiation 4", False),  # an identifier with digits
    ("FeNO", "fractional exhaled nitric oxide", True),
])
def test_an_initialism_is_spelt_out_by_the_first_letters_of_consecutive_words(acronym, text, spelt):
    assert spells_out(acronym, text) is spelt


def test_a_contraction_typed_without_its_apostrophe_is_known_as_one():
    assert all(unapostrophed(w) for w in ("theyve", "shouldnt", "youre", "Doesnt", "wont", "whats", "shouldve"))
    assert not any(unapostrophed(w) for w in ("theyvex", "tramadol", "cement", "thevent"))


def test_a_time_of_day_is_a_number_and_its_unit():
    assert tokenize("9pm") == tokenize("9 pm")
