"""The browser app: real Chromium (Debian's) driving `python app.py`, and the HTTP API."""
import concurrent.futures
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from benchmarks.load import ask as api_ask, free_port, hammer, start_app

ROOT = Path(__file__).resolve().parent.parent
# Screenshots go to docs/ only when asked (CITEQA_SCREENSHOTS=docs), so a test run leaves the tree clean.
SHOTS = os.environ.get("CITEQA_SCREENSHOTS")
CHROMIUM = "/usr/bin/chromium"
XSS = ("Markup Test Drug\nZetamab carries <script>window.__pwned = 1</script> and "
       "<img src=x onerror=\"window.__pwned = 2\"> inside its label text.\n")


def test_import_launches_nothing():
    out = subprocess.run([sys.executable, "-c", "import app, threading; print(threading.active_count())"],
                         cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0 and out.stdout.strip() == "1"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    base = tmp_path_factory.mktemp("app")
    shutil.copytree(ROOT / "seeds", base / "seeds")  # one document, as a new user has (the screenshots)
    port = free_port()
    proc = start_app(base / "seeds", base / "index", port)
    yield f"http://127.0.0.1:{port}/", base / "seeds"
    proc.terminate()
    proc.wait(timeout=30)


@pytest.fixture(scope="module")
def page(server):
    playwright = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (apt-get install -y chromium)")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"])
        pg = browser.new_page(viewport={"width": 1400, "height": 1000})
        dialogs = []
        pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        pg.goto(server[0])
        pg.wait_for_selector("#citeqa-question textarea")
        pg.dialogs = dialogs
        yield pg
        browser.close()


def ask(page, question):
    before = page.locator("#citeqa-chat .message-row, #citeqa-chat [data-testid='bot']").count()
    box = page.locator("#citeqa-question textarea")
    box.fill(question)
    box.press("Enter")
    page.wait_for_function(
        "([n]) => document.querySelectorAll(\"#citeqa-chat .message-row, #citeqa-chat [data-testid='bot']\").length > n",
        arg=[before], timeout=60000)
    page.wait_for_timeout(800)
    return page.locator("#citeqa-chat").inner_text()


@pytest.mark.parametrize("question, sentence, shot", [
    ("On which tyrosine is STAT6 phosphorylated?", "STAT6 on tyrosine 641", "mechanism"),
    ("How many adults were enrolled in SOLO 1 and SOLO 2?", "enrolling 671 and 708 adults", "trials"),
    ("Can live vaccines be given during treatment?", "live vaccines are generally avoided", "safety"),
])
def test_answers_with_highlighted_citation_in_context(page, question, sentence, shot, tmp_path):
    chat = ask(page, question)
    assert sentence in chat and "[1]" in chat
    assert "[1] dupilumab.txt ›" in chat
    marked = page.locator("#citeqa-context #citeqa-hl mark").first.inner_text()
    assert sentence in marked
    folder = Path(SHOTS) if SHOTS else tmp_path
    folder.mkdir(exist_ok=True)
    page.screenshot(path=str(folder / f"app-{shot}.png"))


def last_answer(page) -> str:
    """The text of the newest answer message (the one before its cited passages)."""
    return page.evaluate("""() => {
        const rows = [...document.querySelectorAll('#citeqa-chat .message-row')];
        const users = rows.filter(r => r.classList.contains('user-row'));
        const after = rows.slice(rows.indexOf(users[users.length - 1]) + 1);
        return after.length ? after[0].innerText : '';
    }""")


def test_a_three_turn_conversation(page, tmp_path):
    page.locator("#citeqa-new").click()
    page.wait_for_function("() => !document.querySelector('#citeqa-chat .message-row')", timeout=10000)
    ask(page, "Which trials showed it works in asthma?")
    assert "QUEST" in last_answer(page)
    ask(page, "and in COPD?")
    second = last_answer(page)
    assert ('Read as: "Which trials showed it works in COPD?" (after "Which trials showed it works in asthma?")'
            in second)
    ask(page, "What are the side effects?")
    third = re.split(r"\n\s*\[1\] dupilumab\.txt", last_answer(page))[0]  # the answer, not the passage titles
    markers = re.findall(r"\[(\d)\]", third)
    assert len(markers) >= 2 and len(set(markers)) == len(markers), third
    assert "conjunctivitis is the most frequent serious adverse event" in third
    folder = Path(SHOTS) if SHOTS else tmp_path
    folder.mkdir(exist_ok=True)
    page.screenshot(path=str(folder / "app-conversation.png"))


def test_the_panel_opens_on_the_passage_the_answer_cites(page):
    # the ADEPT passage is not what retrieval ranks first; the answer quotes it, so it is [1]
    chat = ask(page, "How many patients does the ADEPT trial enroll?")
    assert "n≈98" in chat and "[1]" in chat
    assert page.locator("#citeqa-which input:checked").evaluate("e => e.value") == "[1]"
    context = page.locator("#citeqa-context").inner_text()
    assert "Bullous Pemphigoid" in context and "n≈98" in page.locator("#citeqa-context #citeqa-hl mark").first.inner_text()


def test_clicking_a_cited_passage_shows_it_in_the_panel(page):
    ask(page, "How many patients does the ADEPT trial enroll?")
    second = page.locator("#citeqa-chat .message-row.bot-row").last.locator(".thought").nth(1)
    title = second.inner_text().strip().splitlines()[0]
    assert title.startswith("[2] dupilumab.txt")
    second.click()
    page.wait_for_function("() => document.querySelector('#citeqa-which input:checked').value === '[2]'",
                           timeout=10000)
    page.wait_for_function("() => !document.querySelector('#citeqa-context #citeqa-hl').innerText.includes('n≈98')",
                           timeout=10000)  # the highlighted passage is [2] now, not the ADEPT one
    source_and_section = title.removeprefix("[2] ").split(" · ")[0]  # "dupilumab.txt › Development History"
    assert page.locator("#citeqa-context p").first.inner_text().startswith(source_and_section)


def test_a_not_found_answer_labels_its_passage_as_closest(page):
    ask(page, "What does a Dupixent pen cost?")
    # the panel is drawn after the chat (a fixed pause raced it on a busy machine): wait for it
    page.wait_for_function("() => document.querySelector('#citeqa-context').innerText.trim()"
                           ".startsWith('Closest passage, may not answer.')", timeout=10000)
    assert page.locator("#citeqa-context").inner_text().startswith("Closest passage, may not answer.")


def test_the_examples_ask_about_the_drugs_the_documents_are_about(tmp_path):
    import app
    from tests.conftest import one_document

    bot = one_document(tmp_path, "zetavia.txt", "Zetavia (examplomab) is a monoclonal antibody used for plaque "
                       "psoriasis.\n\nExamplomab blocks interleukin-17A. Common side effects of examplomab are "
                       "headache and sore throat.\n")
    assert bot.status().subjects == ("examplomab (Zetavia)",)
    groups = app.examples(bot.status().subjects)
    assert groups["Examplomab (Zetavia)"][0] == "What is examplomab used for?"
    assert not any("dupilumab" in q for qs in groups.values() for q in qs)
    assert bot.ask(groups["Examplomab (Zetavia)"][0]).found
    # none named (no index yet): the everyday ones; several: a few of each of the first three
    assert list(app.examples(())) == ["Everyday questions"]
    assert len(app.examples(("a", "b", "c", "d"))) == 4
    # a generic name that is a phrase is asked by the brand
    assert app.examples(("Zoster Vaccine Recombinant, Adjuvanted (Shingrix)",))[
        "Zoster Vaccine Recombinant, Adjuvanted (Shingrix)"][0] == "What is Shingrix used for?"


def test_an_example_is_asked_when_clicked(page):
    page.locator("#citeqa-new").click()
    page.wait_for_function("() => !document.querySelector('#citeqa-chat .message-row')", timeout=10000)
    page.get_by_role("button", name="What are the side effects?").click()
    page.wait_for_function("() => document.querySelector('#citeqa-chat').innerText.includes('conjunctivitis')",
                           timeout=60000)
    assert "What are the side effects?" in page.locator("#citeqa-chat").inner_text()


def rebuild(page, expect: str) -> None:
    page.wait_for_function("() => document.querySelector('#citeqa-status').innerText.includes('changed since')",
                           timeout=20000)
    if not page.locator("#citeqa-rebuild").is_visible():  # the index controls start folded away
        page.locator("#citeqa-index-controls").get_by_text("Index", exact=True).click()
    page.locator("#citeqa-rebuild").click()
    page.wait_for_function("([expect]) => document.querySelector('#citeqa-report').innerText.includes(expect)",
                           arg=[expect], timeout=60000)
    page.wait_for_timeout(500)  # the report is written when the new index is live



def small_page(page):
    """A fresh page of the suite's browser with a laptop-sized window."""
    pg = page.context.browser.new_page(viewport={"width": 1000, "height": 600})
    pg.goto(page.url)
    pg.wait_for_selector("#citeqa-question textarea")
    return pg


# where the newest answer's first line of text is, and the window's height
NEWEST_ANSWER = """() => {
    const rows = [...document.querySelectorAll('#citeqa-chat .message-row')];
    const users = rows.filter(r => r.classList.contains('user-row'));
    const row = rows[rows.indexOf(users[users.length - 1]) + 1];
    const text = row.querySelector('.message-content p') || row.querySelector('.message-content');
    const top = text.getBoundingClientRect().top;
    return {top: top, bottom: top + (parseFloat(getComputedStyle(text).lineHeight) || 24), height: innerHeight};
}"""


# read from its start: the newest answer's top at the top of the chat's scrolling area; then
# where the chat's label is (null when not shown) and the answer's first paragraph
TOP_OF_ANSWER = """() => {
    const rows = [...document.querySelectorAll('#citeqa-chat .message-row')];
    const users = rows.filter(r => r.classList.contains('user-row'));
    const row = rows[rows.indexOf(users[users.length - 1]) + 1];
    const log = document.querySelector('#citeqa-chat [role=log]');
    log.scrollTop += row.getBoundingClientRect().top - log.getBoundingClientRect().top;
    const text = row.querySelector('.message-content p') || row.querySelector('.message-content');
    const label = document.querySelector('#citeqa-chat [data-testid=block-label]');
    const shown = label && label.offsetParent !== null && getComputedStyle(label).visibility !== 'hidden';
    return {label: shown ? label.getBoundingClientRect().toJSON() : null,
        text: text.getBoundingClientRect().toJSON()};
}"""


def test_the_chat_label_covers_no_answer_text(page):
    pg = small_page(page)
    try:
        ask(pg, "What are the side effects?")
        boxes = pg.evaluate(TOP_OF_ANSWER)
    finally:
        pg.close()
    label, text = boxes["label"], boxes["text"]
    if label is not None:  # shown: it must not lie over the answer's text
        assert (label["right"] <= text["left"] or text["right"] <= label["left"] or label["bottom"] <= text["top"]
                or text["bottom"] <= label["top"]), boxes


def test_a_long_answer_is_shown_from_its_start(page):
    pg = small_page(page)
    try:
        ask(pg, "What are the side effects?")
        pg.wait_for_timeout(800)  # whatever scrolls after the answer arrives has done so
        first = pg.evaluate(NEWEST_ANSWER)
        assert 0 <= first["top"] and first["bottom"] <= first["height"], first
        chat = pg.locator("#citeqa-chat").bounding_box()
        assert chat["y"] <= first["top"] and first["bottom"] <= chat["y"] + chat["height"], (first, chat)
    finally:
        pg.close()


def passage_titles(page) -> list[str]:
    """The newest answer's passages, as the chat lists them."""
    row = page.locator("#citeqa-chat .message-row.bot-row").last
    return [t.inner_text().strip().splitlines()[0] for t in row.locator(".thought").all()]


def test_passages_are_listed_as_the_answer_cites_them_with_a_bounded_relevance(page):
    page.locator("#citeqa-new").click()
    page.wait_for_function("() => !document.querySelector('#citeqa-chat .message-row')", timeout=10000)
    for question in ("Which trials showed it works in asthma?", "and in COPD?", "What are the side effects?"):
        ask(page, question)
        text = re.split(r"\n\s*\[1\] dupilumab\.txt", last_answer(page))[0]
        cited = list(dict.fromkeys(int(n) for n in re.findall(r"\[(\d+)\]", text)))
        assert cited == list(range(1, len(cited) + 1)), text  # [1], [2], ... as first quoted
        titles = passage_titles(page)
        assert [t.split("]")[0] + "]" for t in titles] == [f"[{n}]" for n in range(1, len(titles) + 1)]
        for title in titles:  # no raw score: a relevance bar of five
            assert not re.search(r"\d\.\d", title.split(" · ", 1)[1]) and re.search(r"relevance [●○]{5}$", title), title
        assert page.locator("#citeqa-which input:checked").evaluate("e => e.value") == "[1]"



def test_passages_are_renumbered_in_the_order_the_answer_cites_them():
    import app
    from citeqa import Answer, Passage

    passages = [Passage(f"text {n}", "a.txt", "S", 10 * n, 10 * n + 6, score, "trials")
                for n, score in enumerate([0.9, 1.3, 0.4, 0.7])]
    answer = Answer(True, "First, as in [2], below. [3] Then this. [1]", passages, ("a note",))
    shown = app.in_citation_order(answer)
    assert shown.text == "First, as in [2], below. [1] Then this. [2]"  # a bracket inside a quote is kept
    assert [p.text for p in shown.passages] == ["text 2", "text 0", "text 1", "text 3"]
    assert shown.notes == ("a note",) and app.in_citation_order(shown) == shown
    declined = Answer(False, "The documents do not answer this question.", passages)
    assert app.in_citation_order(declined) is declined
    assert [app.relevance(p.score) for p in passages] == ["●●●●○", "●●●●●", "●●○○○", "●●●●○"]

def test_a_rebuild_that_removes_the_shown_document_clears_the_panel(page, server):
    (server[1] / "zeta.md").write_text("# Zetaprofen\n\nZetaprofen is approved for migraine in adults.\n",
                                       encoding="utf-8")
    rebuild(page, "added: zeta.md")
    ask(page, "What is zetaprofen approved for?")
    assert "zeta.md" in page.locator("#citeqa-context").inner_text()
    (server[1] / "zeta.md").unlink()
    rebuild(page, "removed: zeta.md")
    page.wait_for_function("() => !document.querySelector('#citeqa-context').innerText.includes('zeta')", timeout=10000)
    assert page.locator("#citeqa-context").inner_text().startswith("Ask a question")
    assert page.locator("#citeqa-which input:checked").count() == 0


def test_the_index_controls_start_folded_away(page):
    pg = small_page(page)
    try:
        assert not pg.locator("#citeqa-rebuild").is_visible()
        pg.locator("#citeqa-index-controls").get_by_text("Index", exact=True).click()
        pg.locator("#citeqa-rebuild").wait_for(state="visible", timeout=5000)
    finally:
        pg.close()

def test_markup_in_a_seed_is_shown_as_text_and_runs_nothing(page, server):
    (server[1] / "markup.txt").write_text(XSS, encoding="utf-8")
    rebuild(page, "added: markup.txt")
    chat = ask(page, "What does zetamab carry inside its label text?")
    page.locator("#citeqa-which label").first.click()
    page.wait_for_timeout(500)
    context = page.locator("#citeqa-context").inner_text()
    assert "<script>window.__pwned = 1</script>" in context + chat
    assert page.evaluate("window.__pwned === undefined")
    assert page.dialogs == []


def test_new_document_is_answerable_after_rebuild(page, server):
    (server[1] / "omega.md").write_text("# Omegamab\n\nOmegamab is approved for chronic hiccups in adults.\n",
                                        encoding="utf-8")
    rebuild(page, "added: omega.md")
    chat = ask(page, "What is omegamab approved for?")
    assert "Omegamab is approved for chronic hiccups in adults. [1]" in chat


def test_a_pdf_citation_shows_its_page_and_a_scan_is_named_with_its_reason(page, server):
    from benchmarks.documents import image_only_pdf, pdf_from_paragraphs
    filler = [f"Study {n} of kappamab enrolled {20 + n} adults with chronic hand eczema for {n + 4} weeks. Most "
              "had tried topical corticosteroids before, and about a third had also taken oral ciclosporin."
              for n in range(30)]
    starts = pdf_from_paragraphs(["Kappamab Label"] + filler + ["Kappamab is stored in a refrigerator at 2 to 8 °C."],
                                 server[1] / "kappamab.pdf", columns=1)
    image_only_pdf(server[1] / "scan.pdf")
    rebuild(page, "added: kappamab.pdf")
    report = page.locator("#citeqa-report").inner_text()
    assert "skipped scan.pdf (no text layer (a scanned image?): OCR is not done" in report
    assert "Not indexed: scan.pdf (no text layer" in page.locator("#citeqa-status").inner_text()
    chat = ask(page, "How should kappamab be stored?")
    last = starts[-1][1]
    assert "Kappamab is stored in a refrigerator at 2 to 8 °C. [1]" in chat
    assert f"[1] kappamab.pdf › Kappamab Label · p. {last}" in chat
    assert f"kappamab.pdf › Kappamab Label · p. {last} (characters" in page.locator("#citeqa-context").inner_text()
    if SHOTS:
        page.screenshot(path=str(ROOT / "docs" / "app-pdf.png"))
    from gradio_client import Client
    result = Client(server[0], verbose=False).predict("How should kappamab be stored?", 1, api_name="/ask")
    assert result["passages"][0]["source"] == "kappamab.pdf" and result["passages"][0]["page"] == last


def test_http_api_answers_twenty_questions_at_once(server):
    from gradio_client import Client

    client = Client(server[0], verbose=False)
    result = client.predict("On which tyrosine is STAT6 phosphorylated?", 2, api_name="/ask")
    assert result["found"] is True and "tyrosine 641" in result["text"]
    assert set(result["passages"][0]) == {"text", "source", "section", "start", "end", "page", "score", "topic"}
    assert result["passages"][0]["page"] is None  # a .txt has no pages (a PDF's: see above)
    result = client.predict("and in COPD?", 3, ["Which trials showed it works in asthma?"], api_name="/ask")
    assert result["found"] and ('Read as: "Which trials showed it works in COPD?" '
                                '(after "Which trials showed it works in asthma?")') in result["notes"]
    questions = {"On which tyrosine is STAT6 phosphorylated?": "tyrosine 641",
                 "How many adults were enrolled in SOLO 1 and SOLO 2?": "671",
                 "Can live vaccines be given during treatment?": "avoided",
                 "When did the FDA first approve dupilumab?": "March 28, 2017"}
    asks = list(questions) * 5
    with concurrent.futures.ThreadPoolExecutor(20) as pool:
        results = list(pool.map(lambda q: Client(server[0], verbose=False).predict(q, 3, api_name="/ask"), asks))
    for q, r in zip(asks, results):
        assert r["found"] and questions[q] in r["text"], q


def test_bad_questions_get_a_readable_message(page):
    assert "⚠️ question is empty: ask something about the documents" in ask(page, "   ")
    assert "The question was shortened to its first 2000 characters." in ask(page, "dupilumab binds " * 250)


def test_http_api_gives_the_reason_for_a_bad_question(server):
    with httpx.Client(timeout=60) as http, pytest.raises(RuntimeError, match="question is empty"):
        api_ask(http, server[0], " \x00 ")


def test_listens_on_loopback_only(server):
    port = int(server[0].rstrip("/").rsplit(":", 1)[1])
    rows = [line.split() for name in ("tcp", "tcp6") if Path(f"/proc/net/{name}").exists()
            for line in Path(f"/proc/net/{name}").read_text().splitlines()[1:]]
    listening = [local for _, local, _, state, *rest in rows if state == "0A" and int(local.split(":")[1], 16) == port]
    assert listening and {local.split(":")[0] for local in listening} == {"0100007F"}


@pytest.mark.parametrize("path", [
    "gradio_api/file=/etc/passwd", "gradio_api/file=../../../../../../etc/passwd",
    "gradio_api/file=%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd", "file=/etc/passwd",
    f"gradio_api/file={ROOT / 'app.py'}", f"gradio_api/file={ROOT / 'pyproject.toml'}",
    "static/../../../../etc/passwd", "assets/..%2f..%2f..%2f..%2fetc%2fpasswd",
    "gradio_api/file=" + "/proc/self/environ",
])
def test_no_file_outside_the_seeds_and_index_is_served(server, path):
    reply = httpx.get(server[0] + path, timeout=30)
    assert reply.status_code in (400, 403, 404), (reply.status_code, reply.text[:200])
    assert "root:" not in reply.text and "def build_ui" not in reply.text and "[project]" not in reply.text


def test_fifty_http_clients_for_sixty_seconds_get_correct_answers(server):
    questions = {"On which tyrosine is STAT6 phosphorylated?": "tyrosine 641",
                 "How many adults were enrolled in SOLO 1 and SOLO 2?": "671",
                 "Can live vaccines be given during treatment?": "avoided",
                 "When did the FDA first approve dupilumab?": "March 28, 2017",
                 "What does zetamab carry inside its label text?": "<script>"}
    with httpx.Client(timeout=60) as http:
        for q, expected in questions.items():
            assert expected in api_ask(http, server[0], q)["text"], q
    result = hammer(server[0], list(questions), clients=50, seconds=60)
    assert result["errors"] == 0, result["error_examples"]
    assert result["requests"] >= 200 and result["seconds"] < 90


def test_a_question_asked_while_the_model_loads_waits_with_a_message(bot, monkeypatch):
    import app

    monkeypatch.setattr(type(bot), "ready", property(lambda self: False))
    steps = list(app.conversation_turn(bot, "What does dupilumab bind to?", [], [], "all", 3))
    assert steps[0][0][-1] == {"role": "assistant", "content": app.WAITING} and steps[0][3] is None
    chat, asked, box, answer, n = steps[-1]
    assert answer.found and asked == ["What does dupilumab bind to?"] and box == "" and n == 1
    assert "IL-4Rα" in chat[1]["content"]
    assert "Loading the model" in app.status_markdown(bot)


def test_in_the_browser_a_question_asked_while_the_model_loads_waits_then_is_answered(page, bot, tmp_path):
    """The page is served before the model is ready: the status says so, a question asked
    then shows that it waits, and its answer follows once the model is loaded."""
    import threading

    import app
    from citeqa import Assistant

    shutil.copytree(bot.seeds, tmp_path / "seeds")
    shutil.copytree(bot.index_dir, tmp_path / "index")
    fresh = Assistant(tmp_path / "seeds", tmp_path / "index")
    loaded = threading.Event()  # the model "loads" when the test says so
    load = fresh.query_encoder
    fresh.query_encoder = lambda: (loaded.wait(120), load())[1]
    port = free_port()
    demo = app.serve(fresh, port=port, block=False)
    pg = page.context.browser.new_page(viewport={"width": 1400, "height": 1000})  # the suite's browser
    try:
        pg.goto(f"http://127.0.0.1:{port}/")
        pg.wait_for_selector("#citeqa-question textarea")
        assert "Loading the model…" in pg.locator("#citeqa-status").inner_text()
        box = pg.locator("#citeqa-question textarea")
        box.fill("On which tyrosine is STAT6 phosphorylated?")
        box.press("Enter")
        pg.wait_for_function("([w]) => document.querySelector('#citeqa-chat').innerText.includes(w)",
                             arg=[app.WAITING], timeout=30000)
        assert not fresh.ready
        loaded.set()
        pg.wait_for_function("() => document.querySelector('#citeqa-chat').innerText.includes('tyrosine 641.')",
                             timeout=60000)
        assert app.WAITING not in pg.locator("#citeqa-chat").inner_text()
        pg.wait_for_function("() => !document.querySelector('#citeqa-status').innerText.includes('Loading')",
                             timeout=30000)
    finally:
        loaded.set()
        pg.close()
        demo.close()


def test_status_says_one_document(bot):
    import app

    assert app.status_markdown(bot).startswith("**Index:** 1 document · 40 passages ·")


def test_a_source_removed_from_disk_is_named_so_in_the_panel(corpus):
    import app
    from citeqa import Assistant
    from tests.conftest import HASH

    bot = Assistant(corpus, corpus.parent / "index", settings=HASH)
    answer = bot.ask("What is gammamab approved for?", k=1)
    assert answer.passages[0].source == "c.txt"
    (corpus / "c.txt").unlink()
    assert app.context_html(bot, answer, 1) == "<p>c.txt was removed from seeds/; rebuild the index to drop it.</p>"
