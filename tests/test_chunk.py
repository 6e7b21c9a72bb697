from pathlib import Path

from hypothesis import given, settings, strategies as st

from citeqa.index.chunk import Chunk, chunk_document, classify_topic
from citeqa.ingest import load_document
from citeqa.index.lexicon import Lexicon, find_pairs
from citeqa.language.text import tokenize

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def doc_from(tmp_path, text, name="d.txt"):
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return load_document(tmp_path, path)


def test_long_paragraph_is_split_at_sentences_into_even_chunks(tmp_path):
    sentence = "Dupilumab blocks the shared receptor subunit in many tissues. "  # 62 characters
    text = "Mechanism\n" + sentence * 20 + "\n"
    doc = doc_from(tmp_path, text)
    chunks = chunk_document(doc, max_chars=500)
    assert [(c.start, c.end) for c in chunks] == [(10, 443), (444, 877), (878, 1249)]
    assert all(c.section == "Mechanism" and c.text == doc.text[c.start:c.end] for c in chunks)


def test_chunks_never_cross_sections_and_ids_are_stable(tmp_path):
    text = "Alpha\nOne sentence here.\nBeta\nAnother sentence there.\n"
    first = chunk_document(doc_from(tmp_path, text))
    moved = chunk_document(doc_from(tmp_path, "Intro\nNew text first.\n" + text))
    assert [(c.section, c.text) for c in first] == [("Alpha", "One sentence here."), ("Beta", "Another sentence there.")]
    assert [c.id for c in first] == [c.id for c in moved[1:]]
    assert first[0].start != moved[1].start


def test_dupilumab_offsets_and_sizes():
    doc = load_document(SEEDS, SEEDS / "dupilumab.txt")
    chunks = chunk_document(doc)
    assert len({c.id for c in chunks}) == len(chunks)
    for c in chunks:
        assert doc.text[c.start:c.end] == c.text
        assert len(c.text) <= 1000
        assert all(c.start <= s < e <= c.end for s, e in c.units)


paragraph = st.lists(
    st.sampled_from(["Dupilumab binds IL-4Rα.", "e.g. vs. placebo (n=1,874).", "P<0.001 at week 16!",
                     "Is it safe?", "≥300 cells/µL", "Label:", "Short Heading", "x", "  ", "—", "Try now"]),
    min_size=1, max_size=8).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(st.lists(paragraph, min_size=1, max_size=12), st.sampled_from(["\n", "\r\n", "\n\n"]),
       st.sampled_from(["d.txt", "d.md"]), st.integers(min_value=40, max_value=400))
def test_every_chunk_reproduces_its_text_from_the_source(tmp_path_factory, paras, newline, name, max_chars):
    tmp = tmp_path_factory.mktemp("h")
    doc = doc_from(tmp, newline.join(paras), name)
    for c in chunk_document(doc, max_chars=max_chars):
        assert doc.text[c.start:c.end] == c.text
        for s, e in c.units:
            assert c.start <= s < e <= c.end


def test_a_list_is_led_into_by_its_own_words_or_by_its_heading():
    def chunk(text, section, labels=()):
        return Chunk("id", "doc.txt", 0, len(text), text, section, "other", ((text.index("are"), len(text)),), labels)
    assert chunk("Do not take it if you:\n• are allergic to it", "Leaflet").leads_into_list()
    assert chunk("• are allergic to it", "Leaflet › Do not take it if you:").leads_into_list()
    assert not chunk("• are allergic to it", "Leaflet › Before you take it").leads_into_list()
    # a table's facts under a heading ending in a colon are no list's items
    assert not chunk("| are | 5 mg |", "Strengths:", labels=("are: 5 mg",)).leads_into_list()


def test_topics_follow_headings_and_content():
    assert classify_topic("Key Drug Interactions › Live vaccines", "Live vaccines should be avoided.") == "safety"
    assert classify_topic("Detailed Mechanism of Action", "It binds the receptor and blocks signaling.") == "mechanism"
    assert classify_topic("Development History", "A randomized placebo-controlled phase 3 trial enrolled 671 adults.") == "trials"
    assert classify_topic("Approved Indications", "It is approved for asthma.") == "indications"
    assert classify_topic("Research with us", "Sign up for free.") == "other"


def test_abbreviations_are_learned_from_the_text():
    text = ("It treats chronic rhinosinusitis with nasal polyposis (CRSwNP). It raises CCL26 (eotaxin-3) "
            "and filaggrin (FLG), with P values (P<0.001) and (n=98).")
    assert find_pairs(text) == [("CRSwNP", "chronic rhinosinusitis with nasal polyposis"),
                                ("CCL26", "eotaxin-3"), ("FLG", "filaggrin")]
    lexicon = Lexicon.learn([text])
    assert sorted(lexicon.expand(tokenize("CRSwNP"))) == sorted(["crswnp", "chronic", "rhinosinus", "nasal", "polyposi"])
    assert "crswnp" in lexicon.expand(tokenize("chronic rhinosinusitis with nasal polyposis"))
    assert "eotaxin3" in lexicon.expand(tokenize("CCL26"))


def test_an_abbreviation_beside_its_long_form_in_the_brackets_is_learned():
    # as leaflets write it: "a clot can form in a leg vein (deep vein thrombosis, DVT)"; not the items of a list
    # ("(ALT, AST, alkaline phosphatase)"), nor two names whose letters do not spell one another ("(Merck, MSD)")
    text = ("A clot can form in a leg vein (deep vein thrombosis, DVT). Liver tests (ALT, AST, alkaline "
            "phosphatase) rose. It was made by the company (Merck, MSD). Check kidney function (estimated "
            "glomerular filtration rate, eGFR).")
    assert find_pairs(text) == [("DVT", "deep vein thrombosis"), ("eGFR", "estimated glomerular filtration rate")]
    assert {"deep", "vein", "thrombosi"} <= set(Lexicon.learn([text]).expand(tokenize("DVT")))
