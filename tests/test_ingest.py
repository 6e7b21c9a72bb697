from pathlib import Path

from citeqa.ingest import list_sources, load_document
from citeqa.ingest.html import html_to_text

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def blocks_of(tmp_path, name, text):
    (tmp_path / name).write_text(text, encoding="utf-8")
    doc = load_document(tmp_path, tmp_path / name)
    return doc, [(b.kind, b.path, doc.text[b.start:b.end]) for b in doc.blocks]


def test_plain_text_headings_facts_and_furniture(tmp_path):
    text = ("Some Drug: What It Does.\nPowered by\nAcme Engine\nOverview\nIt blocks a receptor.\n"
            "Properties\nDetails\nGeneric Name\nSomemab\nDrug Class\nHuman IgG1 antibody\n"
            "Target\nthe beta receptor\nHistory\nIt was approved in 2020.\n"
            "Clinical Trials of Somemab\nPhase\nN Enrolled\nPrimary Endpoint\nStatus\nData synthesized by a tool.\nTry now\n")
    doc, blocks = blocks_of(tmp_path, "d.txt", text)
    assert blocks == [
        ("para", ("Some Drug",), "Some Drug: What It Does."),
        ("para", ("Overview",), "It blocks a receptor."),
        ("facts", ("Properties / Details",), "Generic Name\nSomemab\nDrug Class\nHuman IgG1 antibody\nTarget\nthe beta receptor"),
        ("para", ("History",), "It was approved in 2020."),
        ("para", ("Clinical Trials of Somemab",), "Data synthesized by a tool."),
    ]
    facts = doc.blocks[2]
    assert facts.labels == ("Generic Name: Somemab", "Drug Class: Human IgG1 antibody", "Target: the beta receptor")


def test_lead_in_labels_and_question_headings(tmp_path):
    text = ("Mechanism\nPrimary binding event. It binds the receptor.\nDownstream block. Nothing follows.\n"
            "Clinical effect. Itch eases.\n"
            "Interactions\nLive vaccines: Avoid them.\nQuestions\nWhy does it itch?\nNobody knows yet.\n")
    _, blocks = blocks_of(tmp_path, "d.txt", text)
    assert [(kind, path) for kind, path, _ in blocks] == [
        ("para", ("Mechanism", "Primary binding event")),
        ("para", ("Mechanism", "Downstream block")),
        ("para", ("Mechanism", "Clinical effect")),
        ("para", ("Interactions", "Live vaccines")),
        ("para", ("Questions", "Why does it itch?")),
    ]


def test_a_paragraphs_short_first_sentence_is_no_label(tmp_path):
    # a run-in label is a title most paragraphs of the run open with, not a sentence: these are quoted
    text = ("Storage\nKeep it cold. Store the pens in a refrigerator.\nThe pens may be kept out for 14 days. "
            "Then throw them away.\nLimits\nThe trial has limitations. It lasted 32 weeks.\nBegin it in a clinic. "
            "Watch for allergy.\nDietary vitamin K counteracts it. Keep your diet steady.\n")
    doc, blocks = blocks_of(tmp_path, "d.txt", text)
    assert [path for _, path, _ in blocks] == [("Storage",), ("Storage",), ("Limits",), ("Limits",), ("Limits",)]
    quoted = [doc.text[s:e] for b in doc.blocks for s, e in b.units]
    for sentence in ("Keep it cold.", "The trial has limitations.", "Begin it in a clinic.",
                     "Dietary vitamin K counteracts it."):
        assert sentence in quoted


def test_a_leaflets_contents_list_is_dropped_and_its_numbered_sections_head_their_bullets(tmp_path):
    text = ("What is in this leaflet:\n\n1. What it is for\n2. Before you take it\n3. How to take it\n4. How to store it\n"
            "5. Contents of the pack\n\n"
            "1. What it is for\n\nIt treats gout in adults.\n\n2. Before you take it\n\nTell your doctor about kidney problems.\n\n"
            "3. How to take it\n\nTake one tablet a day.\n\n4. How to store it\n\n• Keep it out of the reach of children.\n"
            "• Store it below 30 °C.\n\n5. Contents of the pack\n\nEach tablet holds 10 mg.\n")
    _, blocks = blocks_of(tmp_path, "d.txt", text)
    assert [(kind, path) for kind, path, _ in blocks] == [
        ("para", ("1. What it is for",)),  # "1." after "4." starts afresh: no list of eight items
        ("para", ("2. Before you take it",)),
        ("para", ("3. How to take it",)),
        ("list", ("4. How to store it",)),  # a numbered line that ends no sentence, then bullets: it heads them
        ("para", ("5. Contents of the pack",)),  # a list of bullets ends at a number
    ]
    assert "What is in this leaflet" not in " ".join(t for *_, t in blocks)  # the contents list answers nothing


def test_lists_that_are_no_contents_stay_whole(tmp_path):
    cases = {
        "Do this:\n\n0. Wash your hands.\n1. Open the pen.\n2. Inject.\n": 3,  # numbered from 0
        "How to take it:\n\n1. Take one daily.\n1. Swallow it whole.\n1. Take it with food.\n": 3,  # every item "1."
        "Steps:\n\n1. Prepare.\na) wash\nb) dry\n2. Inject.\n3. Dispose.\n": 5,  # lettered items in a numbered list
        "Steps:\n\n1. Wash your hands.\n• Use soap.\n2. Check the liquid.\n• It should be clear.\n": 4,  # notes under steps
        # a list of short items that are later headings too, but fewer than a contents list's four
        "Common side effects are:\n\n• Nausea\n• Headache\n• Dizziness\n\nNausea\n\nIt passes.\n\nHeadache\n\nRest.\n": 3,
    }
    for n, (text, items) in enumerate(cases.items()):
        doc, _ = blocks_of(tmp_path, f"d{n}.txt", text)
        assert [len(b.units) for b in doc.blocks if b.kind == "list"][:1] == [items], text


def test_dupilumab_sections():
    doc = load_document(SEEDS, SEEDS / "dupilumab.txt")
    paths = {" › ".join(b.path) for b in doc.blocks}
    assert "Detailed Mechanism of Action › Primary binding event" in paths
    assert "Clinical Relevance › Approved Indications › CRSwNP (adults)" in paths
    assert "Key Drug Interactions (Mechanism-Based) › Live vaccines" in paths
    assert "Emerging Indications › Oncology › Neoadjuvant Prostate Cancer (Phase 2, terminated)" in paths
    text = "\n".join(doc.text[b.start:b.end] for b in doc.blocks)
    for furniture in ("Powered by", "Try now", "Phase Design", "Key Limitations"):
        assert furniture not in text


def test_markdown_and_html_headings(tmp_path):
    _, blocks = blocks_of(tmp_path, "d.md", "# Drug\n\nIntro line one\ncontinues here.\n\n## Safety\n\nNo issues.\n")
    assert blocks == [("para", ("Drug",), "Intro line one\ncontinues here."), ("para", ("Drug", "Safety"), "No issues.")]
    html = "<html><head><title>x</title><script>evil()</script></head><body><h1>Drug</h1><p>It binds &amp; blocks.</p><h2>Safety</h2><p>Fine.</p></body></html>"
    assert html_to_text(html) == "# Drug\n\nIt binds & blocks.\n\n## Safety\n\nFine.\n"
    doc, blocks = blocks_of(tmp_path, "d.html", html)
    assert blocks == [("para", ("Drug",), "It binds & blocks."), ("para", ("Drug", "Safety"), "Fine.")]


def test_hidden_and_temporary_files_are_not_sources(tmp_path):
    for name in ("a.txt", ".hidden.txt", "x.txt~", ".#lock.txt", ".DS_Store", "notes.xlsx", "b.md",
                 "~$draft.docx", "c.pdf", "d.docx"):
        (tmp_path / name).write_text("Text.\n")
    assert [p.name for p in list_sources(tmp_path)] == ["a.txt", "b.md", "c.pdf", "d.docx"]
