"""A web server on 127.0.0.1 for tests that fetch: routes are fixed answers or functions.

Nothing leaves this machine; the server runs in a thread for one test and is shut down
after it.
"""

from __future__ import annotations

import http.server
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Answer:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)


Route = Answer | Callable[[http.server.BaseHTTPRequestHandler], Answer]


@dataclass
class Server:
    base: str
    routes: dict[str, Route]
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)

    def url(self, path: str) -> str:
        return self.base + path


def article_html(title: str, paragraphs: list[str], *, site: str = "Harbour Herald",
                 date: str = "2024-03-05") -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<html><head><title>{title}</title>"
            f'<meta property="og:site_name" content="{site}">'
            f'<meta property="article:published_time" content="{date}"></head>'
            f"<body><nav>Home | World | Sport</nav><article><h1>{title}</h1>{body}</article>"
            "<footer>Copyright</footer></body></html>").encode()


@contextmanager
def serve(routes: dict[str, Route]) -> Iterator[Server]:
    server_state: dict[str, Any] = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            state: Server = server_state["server"]
            state.requests.append((self.path, dict(self.headers.items())))
            route = state.routes.get(self.path)
            if route is None:
                answer = Answer(404, b"not found", {"Content-Type": "text/plain"})
            else:
                answer = route(self) if callable(route) else route
            self.send_response(answer.status)
            for name, value in answer.headers.items():
                self.send_header(name, value)
            if "Content-Length" not in answer.headers:
                self.send_header("Content-Length", str(len(answer.body)))
            self.end_headers()
            self.wfile.write(answer.body)

        def log_message(self, *args: Any) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state = Server(f"http://127.0.0.1:{httpd.server_port}", routes)
    server_state["server"] = state
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)
