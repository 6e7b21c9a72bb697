"""Chat with the documents in a browser: ``python app.py [--seeds DIR] [--index DIR] [--watch]``.

A thin Gradio layer over ``citeqa.Assistant``: every answer quotes its sentences with
[n] markers, each passage is its own collapsible message with the quoted sentence
highlighted (listed as the answer cites them, then the rest), and a side panel shows the
passage inside its whole document. A new answer is shown from its start. The chat is a
conversation: each question is asked with the earlier ones, so a follow-up ("and in
COPD?") is read against them; "New conversation" starts afresh. Document text
is always escaped: a seed holding markup is shown as characters and runs nothing.
Importing this module launches nothing.
"""
from __future__ import annotations

import argparse
import html
import re
import threading
from importlib import import_module
from pathlib import Path

from citeqa import Answer, Assistant, CiteqaError, Passage
from citeqa.cli import plural
from citeqa.evaluate import cited
from citeqa.settings import default_settings
from citeqa.index.store import live_shards

TOPIC_CHOICES = ["all", "mechanism", "trials", "safety", "indications"]
EVERYDAY = ["What are the side effects?", "Is it a pill or a shot?", "Can kids get it?"]
ASKED_OF_A_DRUG = ["What is {} used for?", "How does {} work?", "What are the side effects of {}?"]


def examples(subjects: tuple[str, ...] | list[str], most: int = 3) -> dict[str, list[str]]:
    """Example questions for documents about these drugs (IndexStatus.subjects, as answers name
    them: "metformin (Glucophage)"), made when the app starts: everyday ones, and a few of each of
    the first `most` drugs, by its generic name ("What is metformin used for?"), or its brand where
    that is a phrase ("Zoster Vaccine Recombinant, Adjuvanted (Shingrix)": Shingrix)."""
    groups = {"Everyday questions": list(EVERYDAY)}
    for label in list(subjects)[:most]:
        generic, _, brand = label.removesuffix(")").partition(" (")  # (Drug.label: generic, then brand in brackets)
        name = brand if brand and ("," in generic or len(generic.split()) > 2) else generic
        groups[label[:1].upper() + label[1:]] = [q.format(name) for q in ASKED_OF_A_DRUG]
    return groups


CSS = """
.citeqa-doc {max-height: 70vh; overflow-y: auto; white-space: pre-wrap; font-size: 0.92em;
             line-height: 1.5; padding: 0.8em; border: 1px solid var(--border-color-primary); border-radius: 6px}
mark {background: #fcd34d; color: inherit; padding: 0 2px; border-radius: 2px}
#citeqa-hl {background: #fef3c7}
#citeqa-hl mark {background: #fbbf24}
/* cited passages, when expanded, read like the answer: full size, full contrast */
#citeqa-chat .message-content, #citeqa-chat .thought-group, #citeqa-chat .message-wrap .prose {
  font-size: var(--text-md) !important; color: var(--body-text-color) !important; opacity: 1 !important}
"""
QUOTE = re.compile(r"(.+?) \[(\d+)\](?: |$)", re.S)
MARKER = re.compile(r"(?<=.) \[(\d+)\](?= |$)", re.S)  # where QUOTE finds a citation


def quoted_sentences(answer: Answer) -> dict[int, list[str]]:
    """Passage number (0-based) -> the sentences the answer quotes from it."""
    found: dict[int, list[str]] = {}
    if answer.found:
        for sentence, n in QUOTE.findall(answer.text):
            found.setdefault(int(n) - 1, []).append(sentence.strip())
    return found


def highlight(text: str, sentences: list[str], mark_id: str = "") -> str:
    """HTML of `text`, escaped, with each quoted sentence inside <mark>."""
    spans = sorted((i, i + len(s)) for s in sentences if s and (i := text.find(s)) >= 0)
    out, pos = [], 0
    for k, (s, e) in enumerate(spans):
        if s < pos:
            continue
        attr = f' id="{mark_id}"' if mark_id and k == 0 else ""
        out += [html.escape(text[pos:s]), f"<mark{attr}>", html.escape(text[s:e]), "</mark>"]
        pos = e
    out.append(html.escape(text[pos:]))
    return "".join(out)


def in_citation_order(answer: Answer) -> Answer:
    """The answer with its passages listed as it cites them ([1] the first it quotes, then
    [2], ...), then the rest as the Assistant listed them, and its markers renumbered to
    match. (A follow-up's passages come as retrieved, so it may cite [2] alone.)"""
    n = len(answer.passages)
    order = list(dict.fromkeys(int(m) - 1 for _, m in QUOTE.findall(answer.text) if 0 < int(m) <= n))
    order += [i for i in range(n) if i not in order]
    if not answer.found or order == list(range(n)):
        return answer
    new = {old + 1: place for place, old in enumerate(order, 1)}
    text = MARKER.sub(lambda m: f" [{new.get(int(m.group(1)), m.group(1))}]", answer.text)
    return Answer(answer.found, text, [answer.passages[i] for i in order], answer.notes)


def relevance(score: float, cells: int = 5) -> str:
    """A retrieval score as a bar of five ("●●●○○"): fused scores are not bounded by 1."""
    filled = round(min(max(score, 0.0), 1.0) * cells)
    return "●" * filled + "○" * (cells - filled)


def passage_title(n: int, p: Passage, closest: bool) -> str:
    label = " · closest, may not answer" if closest else ""
    return f"[{n}] {p.citation} · {p.topic}{label} · relevance {relevance(p.score)}"


def answer_messages(answer: Answer) -> list[dict]:
    quotes = quoted_sentences(answer)
    text = answer.text if answer.found else f"**{answer.text}**"
    lines = [html.escape(text) if answer.found else text] + [f"_{html.escape(n)}_" for n in answer.notes]
    messages = [{"role": "assistant", "content": "\n\n".join(lines)}]
    for n, p in enumerate(answer.passages, 1):
        messages.append({"role": "assistant", "content": highlight(p.text, quotes.get(n - 1, [])),
                         "metadata": {"title": passage_title(n, p, not answer.found),
                                      "status": "done"}})
    return messages


def first_cited(answer: Answer | None) -> int:
    """The passage (1-based) the answer cites first; 1 when it cites none."""
    numbers = cited(answer) if answer is not None and answer.found else []
    return numbers[0] + 1 if numbers else 1


WAITING = "⏳ Loading the model… the answer follows."


def conversation_turn(bot: Assistant, question: str, history: list, asked: list, topic: str, k):
    """One turn of the chat, as the steps the page shows: (chat messages, questions asked so
    far, question box, answer, passage shown). While the model is still loading, a first
    step says so, and the answer follows when it is ready."""
    history, asked = list(history or []), list(asked or [])
    history.append({"role": "user", "content": html.escape(question or "")})
    if not bot.ready and (question or "").strip():
        yield history + [{"role": "assistant", "content": WAITING}], asked, question, None, None
    try:
        answer = bot.ask(question or "", k=int(k), topic=None if topic == "all" else topic, history=asked)
    except (ValueError, CiteqaError) as exc:
        history.append({"role": "assistant", "content": f"⚠️ {html.escape(str(exc))}"})
        yield history, asked, "", None, 1
        return
    answer = in_citation_order(answer)
    yield history + answer_messages(answer), asked + [question], "", answer, first_cited(answer)


def shown_passage(answer: Answer | None, n: int) -> Passage | None:
    """The passage the panel shows for passage choice `n` (1-based), or None."""
    if answer is None or not answer.passages:
        return None
    return answer.passages[min(max(n, 1), len(answer.passages)) - 1]


def still_indexed(bot: Assistant, source: str) -> bool:
    try:
        bot.document(source)
    except ValueError:  # not in the index (any longer)
        return False
    except OSError:  # gone from seeds/ but still indexed: the panel says to rebuild
        pass
    return True


def context_html(bot: Assistant, answer: Answer | None, n: int) -> str:
    p = shown_passage(answer, n)
    if p is None:
        return "<p>Ask a question: the cited passage is shown here inside its document.</p>"
    try:
        doc = bot.document(p.source)
    except ValueError:
        return f"<p>{html.escape(p.source)} is no longer in the index.</p>"
    except OSError:
        return f"<p>{html.escape(p.source)} was removed from seeds/; rebuild the index to drop it.</p>"
    if doc[p.start:p.end] != p.text:
        return f"<p>{html.escape(p.source)} changed since it was indexed: rebuild the index.</p>"
    quotes = quoted_sentences(answer).get(answer.passages.index(p), [])
    inner = highlight(p.text, quotes) if quotes else html.escape(p.text)
    body = (html.escape(doc[:p.start]) + '<mark id="citeqa-hl">' + inner + "</mark>" + html.escape(doc[p.end:]))
    label = "" if answer.found else "<p class='citeqa-closest'><b>Closest passage, may not answer.</b></p>"
    page = f" · p. {p.page}" if p.page else ""
    return (f"{label}<p><b>{html.escape(p.source)}</b> › {html.escape(p.section)}{page} "
            f"(characters {p.start}–{p.end})</p><div class='citeqa-doc'>{body}</div>")


def status_markdown(bot: Assistant) -> str:
    s = bot.status()
    text = (f"**Index:** {plural(s.documents, 'document')} · {plural(s.chunks, 'passage')} · "
            f"model `{s.model}` · built {s.built_at}")
    if bot.cluster:
        text += f" · {plural(s.shards, 'shard')} on Ray ({html.escape(bot.cluster)})"
    if not bot.ready:
        text += "\n\n⏳ **Loading the model…** A question asked now is answered as soon as it is ready."
    if s.unreadable:
        text += "\n\n⚠️ **Not indexed:** " + "; ".join(
            f"{html.escape(source)} ({html.escape(why)})" for source, why in s.unreadable.items())
    if s.stale:
        changes = ", ".join(f"{len(v)} {k}" for k, v in s.pending.items() if v)
        text += (f"\n\n⚠️ **The seeds changed since the index was built ({changes}).** "
                 "Press “Rebuild index” (under “Index”).")
    return text


def build_ui(bot: Assistant):
    import gradio as gr

    refresh_lock = threading.Lock()

    def respond(question, history, asked, topic, k):
        for chat, asked_now, box, answer, n in conversation_turn(bot, question, history, asked, topic, k):
            if answer is None and n is None:  # waiting for the model: the rest as it was
                yield chat, asked_now, box, None, gr.update(), gr.update()
                continue
            choices = [f"[{m}]" for m in range(1, len(answer.passages) + 1)] if answer else []
            yield (chat, asked_now, box, answer, gr.update(choices=choices, value=f"[{n}]" if choices else None),
                   context_html(bot, answer, n))

    def new_conversation():
        return [], [], None, gr.update(choices=[], value=None), context_html(bot, None, 1)

    def show_context(answer, choice):
        return context_html(bot, answer if choice else None, int(choice.strip("[]")) if choice else 1)

    def clear_if_gone(answer, choice):
        """(passage choices, panel): cleared when the shown passage's document has left the
        index (a rebuild removed it), else left as they are."""
        p = shown_passage(answer, int(choice.strip("[]")) if choice else 0)
        if not choice or p is None or still_indexed(bot, p.source):
            return gr.update(), gr.update()
        return gr.update(choices=[], value=None), context_html(bot, None, 1)

    def tick(answer, choice):
        return status_markdown(bot), *clear_if_gone(answer, choice)

    def rebuild(answer, choice):
        with refresh_lock:
            try:
                report = bot.refresh()
            except CiteqaError as exc:
                return f"⚠️ {html.escape(str(exc))}", status_markdown(bot), gr.update(), gr.update()
        names = "; ".join(f"{kind}: {', '.join(files)}" for kind, files in
                          (("added", report.added), ("changed", report.changed), ("removed", report.removed)) if files)
        text = f"Rebuilt: {report.summary()}." + (f" ({names})" if names else "")
        return html.escape(text), status_markdown(bot), *clear_if_gone(answer, choice)

    def api_ask(question: str, k: int = 5, history: list[str] | None = None) -> dict:
        """Answer a question, reading a follow-up against `history` (the conversation's earlier
        questions, oldest first): {found, text, notes, passages: [{text, source, section,
        start, end, page, score, topic}]}; page is null for formats without pages."""
        try:
            answer = bot.ask(question, k=int(k), history=list(history or []))
        except (ValueError, TypeError, CiteqaError) as exc:
            raise gr.Error(str(exc), print_exception=False) from None  # the caller gets the message
        keys = ("text", "source", "section", "start", "end", "page", "score", "topic")
        return {"found": answer.found, "text": answer.text, "notes": list(answer.notes),
                "passages": [{key: getattr(p, key) for key in keys} for p in answer.passages]}

    # A click on one of the latest answer's cited passages picks it in the panel (the radio's
    # change event then shows it in its document).
    follow_clicks = """() => {
        document.addEventListener('click', (e) => {
            const passage = e.target.closest('#citeqa-chat .thought');
            const rows = [...document.querySelectorAll('#citeqa-chat .message-row.bot-row')];
            if (!passage || !rows.length || !rows[rows.length - 1].contains(passage)) return;
            const m = passage.innerText.trim().match(/^\\[(\\d+)\\]/);
            const radio = m && [...document.querySelectorAll('#citeqa-which input[type=radio]')]
                .find(r => r.value === `[${m[1]}]`);
            if (radio && !radio.checked) radio.click();
        }, true);
    }"""
    scroll = ("() => { setTimeout(() => { const el = document.getElementById('citeqa-hl'); "
              "const box = el && el.closest('.citeqa-doc'); "
              "if (box) box.scrollTop = el.offsetTop - box.offsetTop - 60; }, 50); }")
    # a new answer is read from its start: its top at the top of the chat (and in the window)
    to_answer = """() => { setTimeout(() => {
        const rows = [...document.querySelectorAll('#citeqa-chat .message-row')];
        const users = rows.filter(r => r.classList.contains('user-row'));
        const answer = users.length && rows[rows.indexOf(users[users.length - 1]) + 1];
        const log = document.querySelector('#citeqa-chat [role=log]');
        if (!answer || !log) return;
        log.scrollTop += answer.getBoundingClientRect().top - log.getBoundingClientRect().top - 8;
        const top = answer.getBoundingClientRect().top;
        if (top < 0 || top > window.innerHeight - 80) window.scrollBy(0, top - 16);
    }, 100); }"""
    with gr.Blocks(title="citeqa") as demo:
        gr.Markdown("## citeqa · answers quoted from the documents, with their sources")
        status = gr.Markdown(status_markdown(bot), elem_id="citeqa-status")
        last = gr.State(None)
        asked = gr.State([])  # the conversation's questions so far, as typed
        with gr.Row():
            with gr.Column(scale=3):
                # no floating label over the answers; a new answer is scrolled to its start (to_answer)
                chat = gr.Chatbot(height=560, label="Answers", show_label=False, autoscroll=False,
                                  elem_id="citeqa-chat", buttons=["copy"], feedback_options=None)
                groups = examples(bot.status().subjects)  # the placeholder's: a drug's, where the documents name one
                question = gr.Textbox(placeholder=f"Ask about the documents, e.g. {list(groups.values())[-1][0]}",
                                      show_label=False, elem_id="citeqa-question", submit_btn=True)
                with gr.Row():
                    topic = gr.Dropdown(TOPIC_CHOICES, value="all", label="Topic")
                    k = gr.Slider(1, 10, value=5, step=1, label="Passages")
                    new_btn = gr.Button("New conversation", elem_id="citeqa-new")
                shown = [gr.Examples(items, inputs=question, label=group) for group, items in groups.items()]
            with gr.Column(scale=2):
                which = gr.Radio([], label="Show passage in its document", elem_id="citeqa-which")
                context = gr.HTML(context_html(bot, None, 1), elem_id="citeqa-context")
                with gr.Accordion("Index", open=False, elem_id="citeqa-index-controls"):
                    rebuild_btn = gr.Button("Rebuild index", elem_id="citeqa-rebuild")
                    report = gr.Markdown(elem_id="citeqa-report")
        ask_inputs = [question, chat, asked, topic, k]
        ask_outputs = [chat, asked, question, last, which, context]
        question.submit(respond, ask_inputs, ask_outputs, api_visibility="private").then(
            None, js=scroll).then(None, js=to_answer)
        for ex in shown:  # an example is asked when clicked
            ex.load_input_event.then(respond, ask_inputs, ask_outputs, api_visibility="private").then(
                None, js=scroll).then(None, js=to_answer)
        new_btn.click(new_conversation, None, [chat, asked, last, which, context], api_visibility="private")
        which.change(show_context, [last, which], context, api_visibility="private").then(None, js=scroll)
        rebuild_btn.click(rebuild, [last, which], [report, status, which, context], api_visibility="private")
        # the status, and a panel whose document a refresh (--watch) removed
        gr.Timer(2).tick(tick, [last, which], [status, which, context], api_visibility="private")
        gr.api(api_ask, api_name="ask")
        demo.load(None, None, None, js=follow_clicks)
    return demo


def watch_seeds(bot: Assistant, stop: threading.Event) -> None:
    """Refresh whenever the seeds folder changes (a refresh swaps the index in whole)."""
    from watchfiles import watch

    for _ in watch(bot.seeds, stop_event=stop, debounce=800):
        try:
            print(f"citeqa: seeds changed: {bot.refresh().summary()}")
        except CiteqaError as exc:
            print(f"citeqa: refresh failed: {exc}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="citeqa chat in the browser")
    parser.add_argument("--seeds", default="seeds")
    parser.add_argument("--index", default="index")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    parser.add_argument("--port", type=int, default=7860)
    parser.add_argument("--watch", action="store_true", help="refresh the index when the seeds change")
    parser.add_argument("--cluster", default=None, metavar="ADDRESS",
                        help="serve the index from Ray shard actors: 'local', 'auto' or an address")
    parser.add_argument("--shards", type=int, default=None, help="split the index into N shards (with --cluster)")
    args = parser.parse_args(argv)
    # Gradio's import is most of a restart: it runs while the index opens (build_ui's own
    # import then waits for this one to finish, never imports twice)
    threading.Thread(target=import_module, args=("gradio",), name="citeqa-gradio", daemon=True).start()
    print(f"citeqa: opening the index in {args.index} for {args.seeds} …", flush=True)
    settings = default_settings().replace(shards=args.shards or live_shards(Path(args.index)))
    bot = Assistant(args.seeds, args.index, settings=settings, progress=True, cluster=args.cluster)
    print(f"citeqa: {bot.last_report.summary()}", flush=True)
    serve(bot, args.host, args.port, watch=args.watch)


def load_models(bot: Assistant) -> None:
    """Load what the first answer needs (the query encoder, the reader), so it does not wait."""
    bot.query_encoder()
    bot.reader_model()


def serve(bot: Assistant, host: str = "127.0.0.1", port: int = 7860, watch: bool = False, block: bool = True):
    """Serve the chat for `bot`: the page at once, the model loading in the background (a
    question asked meanwhile waits for it). With block=False, returns the running app."""
    threading.Thread(target=load_models, args=(bot,), name="citeqa-model", daemon=True).start()
    demo = build_ui(bot)
    if watch:
        threading.Thread(target=watch_seeds, args=(bot, threading.Event()), daemon=True).start()
    demo.queue(default_concurrency_limit=8)
    print(f"citeqa: serving the chat at http://{host}:{port}/ (Ctrl-C to stop)", flush=True)
    demo.launch(server_name=host, server_port=port, share=False, css=CSS, footer_links=["api"],
                max_file_size=0, quiet=True, prevent_thread_lock=not block)
    return demo


if __name__ == "__main__":
    main()
