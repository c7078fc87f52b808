"""The preview's web server: pages rendered on request, live reload, errors in the browser.

It listens on 127.0.0.1 only. Every HTML response carries a small script (a same-origin file,
so the pages' Content-Security-Policy allows it) that waits for the next refresh and reloads
the page. A request never hangs on a broken file: when the model cannot be built, every page is
an error page with the command line's messages and what to do, and the next good save brings
the page back.
"""

from __future__ import annotations

import html
import http.server
import mimetypes
import posixpath
import re
import sys
import threading
from pathlib import Path
from urllib.parse import parse_qs, quote, unquote, urlsplit

from markupsafe import Markup

from plainpath.languages import page_language
from plainpath.preview.site_model import Problem, SiteModel, problems_of
from plainpath.preview.watcher import ChangeWatcher
from plainpath.safety.files import LINK_FIX, ONLY_REAL_FILES, NotARealFile, read_real_file

RELOAD_PATH = "/.plainpath/reload.js"
CHANGES_PATH = "/.plainpath/changes"
LONG_POLL_SECONDS = 25
GENERATION = re.compile(r"[0-9]{1,12}")
# A picture, PDF or stray HTML file from content/ is shown as a document of its own: no script in
# it may run (an SVG can hold script), whatever the site's pages allow.
FILE_POLICY = "default-src 'none'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; sandbox"
SCRIPT_TYPES = ("text/javascript", "application/javascript")
ASSETS = Path(__file__).parent / "assets"


class Preview:
    """The site model, its watcher and its web server, started and stopped together."""

    def __init__(self, model: SiteModel, host: str = "127.0.0.1", port: int = 8000) -> None:
        self.model = model
        self.watcher = ChangeWatcher(model)
        handler = type("Handler", (_Handler,), {"preview": self})
        self.server = _QuietServer((host, port), handler)
        self.server.daemon_threads = True

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/"

    def start(self) -> None:
        """Build the model once, start watching, serve in a background thread."""
        self.model.refresh(reload_config=True)
        self.watcher.start()
        threading.Thread(target=self.server.serve_forever, daemon=True, name="plainpath-http").start()

    def stop(self) -> None:
        self.watcher.stop()
        self.server.shutdown()
        self.server.server_close()

    def wait_for_change(self, seen: int) -> int:
        """The model's generation once it is newer than ``seen`` (or after the long-poll time)."""
        with self.watcher.condition:
            self.watcher.condition.wait_for(lambda: self.model.generation > seen and not self.watcher.pending,
                                            timeout=LONG_POLL_SECONDS)
        return self.model.generation


class _QuietServer(http.server.ThreadingHTTPServer):
    """The standard server, without a traceback each time a browser drops a connection (every
    reload cancels the page's long poll for changes)."""

    def handle_error(self, request, client_address) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):  # BrokenPipeError, ConnectionResetError
            return
        super().handle_error(request, client_address)


class _Handler(http.server.BaseHTTPRequestHandler):
    preview: Preview
    protocol_version = "HTTP/1.1"

    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
        if not self._host_is_this_machine():
            return self._send(421, b"This preview answers only at its own address on this machine "
                              b"(127.0.0.1 or localhost).", "text/plain; charset=utf-8")
        try:
            parts = urlsplit(self.path)
        except ValueError:  # "GET http://[x/": not an address at all
            return self._send(400, b"Not an address.", "text/plain; charset=utf-8")
        path = unquote(parts.path)
        if path == RELOAD_PATH:
            return self._send(200, (ASSETS / "reload.js").read_bytes(), "text/javascript")
        if path == CHANGES_PATH:
            seen = (parse_qs(parts.query).get("seen") or ["0"])[0]
            generation = self.preview.wait_for_change(int(seen) if GENERATION.fullmatch(seen) else 0)
            return self._send(200, str(generation).encode(), "text/plain")
        model = self.preview.model
        self.preview.watcher.wait_until_settled()
        with model.lock:  # the file, its HTML and the generation all from one run of the model
            status, body, kind = self._answer(model, path)
            generation = model.generation
        if status == 301:
            return self._redirect(body.decode("utf-8"))
        if kind == "text/html":
            return self._send_html(status, body.decode("utf-8"), generation)
        if kind.startswith("file:"):
            kind = kind.removeprefix("file:")
            return self._send(status, body, kind, None if kind.startswith(SCRIPT_TYPES) else FILE_POLICY)
        return self._send(status, body, kind)

    def _host_is_this_machine(self) -> bool:
        """A web page elsewhere may point a name it owns at 127.0.0.1 (DNS rebinding) and read
        the preview from the editor's browser; its requests carry that name in ``Host``."""
        port = self.server.server_address[1]
        host = (self.headers.get("Host") or "").lower()
        return host in {f"127.0.0.1:{port}", f"localhost:{port}", f"[::1]:{port}"}

    def _answer(self, model: SiteModel, path: str) -> tuple[int, bytes, str]:
        file = model.file_for(path)
        index = model.search_index(path)
        if index is not None:
            return 200, index, "application/json"
        if file is not None and not file.is_documentation_page():
            try:
                data = _file_bytes(file, model)
            except NotARealFile:
                problem = Problem(f"'{path}' is a symbolic link (or inside one), and {ONLY_REAL_FILES}. "
                                  f"{LINK_FIX}", "error")
                return 403, error_page(model, [problem], title="Not shown", path=path).encode(), "text/html"
            if data is not None:  # "file:": never taken for a page of the site, below
                return 200, data, "file:" + (mimetypes.guess_type(file.dest_uri)[0] or "application/octet-stream")
            file = None
        if model.errors:
            return 500, error_page(model, model.errors, path=path).encode(), "text/html"
        if file is None:
            if not path.endswith("/") and model.file_for(path + "/") is not None:
                # one leading slash: '//parking/' would send the browser to a host named 'parking';
                # quote() leaves no newline (a header) nor backslash ('/\\host') in it
                return 301, ("/" + quote(path.lstrip("/") + "/")).encode(), "location"
            problem = Problem(f"There is no page at '{path}'. Its Markdown file would be "
                              f"content{path.rstrip('/')}.md or content{path.rstrip('/')}/index.md.", "warning")
            return 404, error_page(model, [problem], title="Page not found", path=path).encode(), "text/html"
        try:
            page_html, warnings = model.render(file)
        except Exception as error:  # an editor's mistake in this page: say so in the browser
            if model.config is not None:
                model.config.plugins.on_build_error(error=error)
            return 500, error_page(model, problems_of(error), path=path).encode(), "text/html"
        shown = with_preview_parts(page_html.decode("utf-8"), warnings + model.state.warnings, model, file)
        return 200, shown.encode("utf-8"), "text/html"

    def _send_html(self, status: int, text: str, generation: int) -> None:
        script = f'<script src="{RELOAD_PATH}" data-generation="{generation}"></script>'
        at = text.rfind("</body>")
        text = text[:at] + script + text[at:] if at >= 0 else text + script
        self._send(status, text.encode("utf-8"), "text/html; charset=utf-8")

    def _redirect(self, location: str) -> None:
        self.send_response(301)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _send(self, status: int, data: bytes, kind: str, policy: str | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        if policy:  # a page of the site has its own, in a <meta>
            self.send_header("Content-Security-Policy", policy)
        self.end_headers()
        self.wfile.write(data)


def _file_bytes(file, model: SiteModel) -> bytes | None:
    """A picture, document or theme file as it is now; None when it was deleted since.
    Raises NotARealFile for a symbolic link, wherever it points."""
    if not file.abs_src_path:
        return file.content_bytes
    config = model.state.config
    try:
        return read_real_file(file.abs_src_path, [config.docs_dir, *config.theme.dirs])
    except FileNotFoundError:
        return None


def with_preview_parts(page_html: str, warnings: list[Problem], model: SiteModel, file) -> str:
    """The page as built, with the warnings that would stop ``plainpath build`` shown on top."""
    english = page_language(file.page, model.state.config).english_src_uri
    own = [f"content/{english}", f"'{english}'"]
    relevant = [w for w in warnings if any(name in w.text for name in own)] or \
        [w for w in warnings if "Doc file" in w.text]
    if not relevant:
        return page_html
    box = _problem_box(relevant, "This page has problems that stop 'plainpath build'")
    at = page_html.find("<article")
    return page_html[:at] + box + page_html[at:] if at >= 0 else page_html


def _problem_box(problems: list[Problem], heading: str, level: int = 2) -> str:
    """The messages in a box; an error page's heading is the page's own (h1)."""
    items = "".join(f"<li><code>{html.escape(p.text)}</code></li>" for p in problems)
    return (f'<section class="pp-preview-problems" role="alert" aria-labelledby="pp-preview-problems">'
            f'<h{level} id="pp-preview-problems">{html.escape(heading)}</h{level}><ul>{items}</ul>'
            "<p>Fix each line above in your editor and save: this page reloads by itself.</p></section>")


def error_page(model: SiteModel, problems: list[Problem], title: str = "The site cannot be built",
               path: str = "/") -> str:
    """An error page in the site's theme when the last good model can render one, else plain.
    ``path`` is the address asked for: the theme's files are linked relative to it."""
    body = _problem_box(problems, title, level=1)
    state = model.state
    if state is not None:
        try:
            from mkdocs.commands.build import get_context

            folder = path if path.endswith("/") else posixpath.dirname(path) + "/"
            base_url = posixpath.relpath("/", folder) if folder != "/" else "."
            context = get_context(state.nav, state.files, state.config, base_url=base_url)
            context["pp_preview_problems"] = Markup(body)  # escaped piece by piece above
            return state.env.get_template("preview-error.html").render(context)
        except Exception:  # the theme itself is what broke: fall back to a plain page
            pass
    return ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{html.escape(title)}</title></head><body><main>{body}</main></body></html>")
