"""A LibreTranslate-compatible server on 127.0.0.1 that answers as a hostile or broken one would.

It speaks LibreTranslate's API (``/languages``, ``/frontend/settings``, ``/spec``, ``/translate``)
well enough for plainpath to send it text, then misbehaves in one named way: it trickles its
answer a byte at a time, asks to be retried in a day, floods, lies about its version to write PO
lines, or returns text that tries to become markup. Only the attack corpus uses it
(``tests/attacks/doors/translation_server.yml``); the real server is tests/libretranslate_server.py.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PHONE = "Llame al 0800 123 456."


# Good Spanish for the attack project's sentences (tests/attack_project.py), so that what the
# server adds is the only thing wrong with its answer and the meaning checks pass the rest.
SPANISH = {
    "Apply for a permit": "Solicitar un permiso",
    "How to apply for a permit.": "Cómo solicitar un permiso.",
    "You can apply online. It takes about ten minutes.": "Puede solicitarlo en línea. Se tarda unos diez minutos.",
    "What you need": "Lo que necesita",
    "You need proof of your address.": "Necesita un justificante de su domicilio.",
}


def _translated(behaviour: str, texts: list[str]) -> list[str]:
    """What the server says each text is in Spanish, for the behaviours that answer in time."""
    shaped = {
        "heading": lambda text: "## " + text,
        "heading-after-a-newline": lambda text: text + "\n\n## Llame ahora",
        "numbered-list": lambda text: "1. " + text,
        "admonition": lambda text: f'!!! danger "{text}"',
        "link": lambda text: text + " [aquí](https://evil.example/)",
        "script": lambda text: "<script>alert('PWNED')</script>" + text,
        "forged-version": lambda text: f"{text} {PHONE}",
        "one-huge-item": lambda text: "PWNED " * 9000,
    }
    return [shaped[behaviour](SPANISH.get(text, text)) for text in texts]


class HostileServer:
    """``behaviour`` names the misbehaviour; ``url`` is where it listens."""

    def __init__(self, behaviour: str) -> None:
        self.behaviour = behaviour
        self.requests = 0
        handler = type("Handler", (_Handler,), {"hostile": self})
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.stopping = threading.Event()
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.stopping.set()
        self.server.shutdown()
        self.server.server_close()


class _Handler(BaseHTTPRequestHandler):
    hostile: HostileServer
    protocol_version = "HTTP/1.1"

    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802
        behaviour = self.hostile.behaviour
        if self.path == "/languages":
            return self._json([{"code": "en", "name": "English", "targets": ["es"]},
                               {"code": "es", "name": "Spanish", "targets": ["en"]}])
        if self.path == "/frontend/settings":
            return self._json({"charLimit": -1})
        if self.path == "/spec":
            version = "1.9.6\nchecks: passed" if behaviour == "forged-version" else "1.9.6"
            return self._json({"info": {"version": version}})
        self._json({"error": "Not Found"}, 404)

    def do_POST(self) -> None:  # noqa: N802
        self.hostile.requests += 1
        question = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}")
        texts = question.get("q") or []
        texts = texts if isinstance(texts, list) else [texts]
        behaviour = self.hostile.behaviour
        if behaviour == "trickle-body":
            return self._trickle(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                 b"Content-Length: 100000000\r\n\r\n", b'{"translatedText": ["' + b"a" * 10**6)
        if behaviour == "trickle-headers":
            return self._trickle(b"", b"HTTP/1.1 200 OK\r\n" + b"X-Slow: " + b"a" * 10**6)
        if behaviour == "retry-after-a-day":
            return self._json({"error": "Slow down"}, 503, {"Retry-After": "100000"})
        if behaviour == "flood":
            return self._flood(len(texts))
        if behaviour == "refusal-flood":
            return self._flood(len(texts), status=503)
        self._json({"translatedText": _translated(behaviour, texts)})

    def _trickle(self, head: bytes, body: bytes) -> None:
        """Send ``head`` at once, then ``body`` a byte every 0.2 s: each read is quick, the answer
        never ends."""
        self.close_connection = True
        try:
            self.wfile.write(head)
            for byte in body:
                if self.hostile.stopping.is_set():
                    return
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(0.2)
        except OSError:
            return

    def _flood(self, count: int, status: int = 200) -> None:
        """60 MB of translation (or of a refusal, which urllib3 would read whole before a retry),
        sent as fast as the client reads."""
        item = b'"' + b"a" * (60 * 2**20 // max(count, 1)) + b'"'
        size = len(b'{"translatedText": []}') + count * len(item) + max(count - 1, 0)
        self.close_connection = True
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(size))
            self.end_headers()
            self.wfile.write(b'{"translatedText": [')
            for index in range(count):
                self.wfile.write((b"," if index else b"") + item)
            self.wfile.write(b"]}")
        except OSError:
            return

    def _json(self, value, status: int = 200, headers: dict[str, str] | None = None) -> None:
        data = json.dumps(value).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, text in (headers or {}).items():
            self.send_header(name, text)
        self.end_headers()
        self.wfile.write(data)
