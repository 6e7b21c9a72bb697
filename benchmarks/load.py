"""Load: many HTTP clients asking the app at once, in a bounded loop on 127.0.0.1.

Each client is a thread with its own HTTP connection that asks questions through the app's
``/ask`` API (Gradio's two-step call: POST the question, then read the event stream)
until the time is up. Every answer must equal the answer the app gave to the same
question asked alone before the load began; anything else, and any HTTP or protocol
failure, counts as an error. Used by the benchmarks and by tests/test_app.py.
"""
from __future__ import annotations

import json
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

from .timing import percentile

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_app(seeds: Path, index: Path, port: int, timeout: float = 180) -> subprocess.Popen:
    """`python app.py` on 127.0.0.1:port, returned once it accepts connections."""
    proc = subprocess.Popen([sys.executable, str(ROOT / "app.py"), "--seeds", str(seeds), "--index", str(index),
                             "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return proc
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError(f"app.py exited:\n{proc.stdout.read()}")
            time.sleep(0.5)
    proc.kill()
    raise RuntimeError(f"app.py did not listen on port {port} within {timeout:.0f} s")


def ask(http: httpx.Client, url: str, question: str, k: int = 3) -> dict:
    """One call of the app's /ask API."""
    reply = http.post(f"{url}gradio_api/call/ask", json={"data": [question, k, None]})  # no history
    reply.raise_for_status()
    event = reply.json()["event_id"]
    stream = http.get(f"{url}gradio_api/call/ask/{event}")
    stream.raise_for_status()
    kind = None
    for line in stream.text.splitlines():
        if line.startswith("event:"):
            kind = line.split(":", 1)[1].strip()
        elif line.startswith("data:") and kind == "complete":
            return json.loads(line.split(":", 1)[1])[0]
        elif kind == "error":
            raise RuntimeError(f"the app answered with an error: {line}")
    raise RuntimeError(f"no answer in the event stream: {stream.text[:200]!r}")


def hammer(url: str, questions: list[str], clients: int = 50, seconds: float = 60) -> dict:
    """Ask from `clients` threads for `seconds`; returns counts and latency percentiles."""
    with httpx.Client(timeout=60) as http:
        expected = {q: ask(http, url, q) for q in questions}
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client(n: int) -> None:
        with httpx.Client(timeout=60) as http:
            i = n
            while time.monotonic() < deadline:
                q = questions[i % len(questions)]
                i += 1
                start = time.perf_counter()
                try:
                    got = ask(http, url, q)
                    problem = "" if got == expected[q] else f"answer differs under load for {q!r}"
                except Exception as exc:  # counted, never hidden
                    problem = f"{type(exc).__name__}: {exc}"
                elapsed = time.perf_counter() - start
                with lock:
                    latencies.append(elapsed)
                    if problem:
                        errors.append(problem)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - start
    latencies.sort()
    return {
        "clients": clients, "seconds": round(wall, 1), "requests": len(latencies), "errors": len(errors),
        "error_examples": sorted(set(errors))[:5], "questions": len(questions),
        "throughput": len(latencies) / wall,
        "p50": statistics.median(latencies) if latencies else 0.0,
        "p95": percentile(latencies, 0.95) if latencies else 0.0,
        "max": latencies[-1] if latencies else 0.0,
    }


def run_load(seeds: Path, work: Path, clients: int = 50, seconds: float = 60, log=print) -> dict:
    """The app over a copy of the seeds, asked every answerable dev question the
    pipeline answers correctly (so "correct" is checked against a known-good answer)."""
    from citeqa.evaluate import load_questions
    shutil.copytree(seeds, work / "seeds")
    port = free_port()
    proc = start_app(work / "seeds", work / "index", port)
    url = f"http://127.0.0.1:{port}/"
    try:
        rows = [r for r in load_questions(ROOT / "tests" / "data" / "questions.jsonl") if r["answer"]]
        with httpx.Client(timeout=60) as http:
            good = [r["q"] for r in rows if (a := ask(http, url, r["q"]))["found"]
                    and any(x.lower() in a["text"].lower() for x in r["answer"])]
        log(f"  {len(good)} dev questions answered correctly when asked alone; {clients} clients for {seconds:.0f} s")
        return hammer(url, good, clients, seconds)
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def markdown(r: dict) -> str:
    return "\n".join([
        "| clients | seconds | requests | errors | requests/s | p50 | p95 | max |",
        "|---|---|---|---|---|---|---|---|",
        f"| {r['clients']} | {r['seconds']:.0f} | {r['requests']} | {r['errors']} | {r['throughput']:.1f} | "
        f"{r['p50'] * 1000:.0f} ms | {r['p95'] * 1000:.0f} ms | {r['max'] * 1000:.0f} ms |",
        "", f"{r['questions']} distinct questions, each answer compared with the answer given to it alone."
        + (f" Errors: {'; '.join(r['error_examples'])}" if r["errors"] else ""),
    ])
