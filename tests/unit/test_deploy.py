"""The serving setup: the nginx configuration rendered for N app processes is one nginx accepts,
and the app processes get the production settings (tests/browser/test_proxy.py runs it all)."""

from __future__ import annotations

import ast
import functools
import gzip
import http.server
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from http.client import HTTPResponse
from pathlib import Path

import pytest

from deploy.nginx import (
    check_config,
    new_prefix,
    precompressed_static,
    render,
    start_nginx,
    streamlit_static_dir,
    write_config,
)
from deploy.serve import (
    APP,
    PRODUCTION_FLAGS,
    answers_health,
    free_port,
    stop,
    streamlit_command,
    wait_healthy,
)
from deploy.supervisor import MISSES, STARTING_S, STEADY_S, Supervised
from ui.registry import PAGES

BACKENDS = ["127.0.0.1:41001", "127.0.0.1:41002", "127.0.0.1:41003"]


def test_every_app_process_is_behind_the_sticky_upstream(tmp_path: Path) -> None:
    text = render("0.0.0.0:8501", BACKENDS, tmp_path)
    upstream = re.search(r"upstream wsis_app \{(.*?)\}", text, flags=re.DOTALL)
    assert upstream is not None
    assert re.findall(r"server (\S+) ", upstream[1]) == BACKENDS
    assert "hash $wsis_backend_key consistent;" in upstream[1]
    assert "listen 0.0.0.0:8501;" in text
    assert "{{" not in text and "}}" not in text


def test_the_static_files_are_streamlits_own(tmp_path: Path) -> None:
    text = render("127.0.0.1:9000", BACKENDS[:1], tmp_path)
    static = streamlit_static_dir()
    assert (static / "index.html").is_file() and (static / "static").is_dir()
    assert f"root {static};" in text


def test_no_app_process_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="at least one"):
        render("127.0.0.1:9000", [], tmp_path)


def test_the_app_sees_the_host_and_port_the_browser_opened(tmp_path: Path) -> None:
    """Streamlit takes the websocket only when its Origin (http://dashboard.test:18501) names the
    Host it receives: nginx's $host drops the port, $http_host keeps it."""
    text = render("0.0.0.0:18501", BACKENDS, tmp_path, server_name="dashboard.test")
    assert "server_name dashboard.test;" in text
    proxied = re.findall(r"^ *location [^{]*\{[^}]*proxy_pass[^}]*\}", text, flags=re.MULTILINE)
    assert len(proxied) == 2
    assert all("proxy_set_header Host $http_host;" in location for location in proxied)
    assert "$host;" not in text
    assert "server_name _;" in render("0.0.0.0:8501", BACKENDS, tmp_path)


@pytest.mark.parametrize("name", ["", "dash;board", "a { }", "name\nlisten 80"])
def test_a_server_name_that_is_not_one_is_refused(tmp_path: Path, name: str) -> None:
    with pytest.raises(ValueError, match="server_name"):
        render("0.0.0.0:8501", BACKENDS, tmp_path, server_name=name)


SECURITY_HEADERS = {
    "Content-Security-Policy": "frame-ancestors 'self'",
    "X-Frame-Options": "SAMEORIGIN",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


def test_every_location_sends_the_security_headers(tmp_path: Path) -> None:
    """Set once on the server: nginx inherits add_header only into a location with none."""
    text = render("0.0.0.0:8501", BACKENDS, tmp_path)
    server = text[text.index("    server {") :]
    for name, value in SECURITY_HEADERS.items():
        quoted = f'"{value}"' if " " in value else value
        assert f"        add_header {name} {quoted} always;" in server
    locations = re.findall(r"^ *location [^{]*\{[^}]*\}", server, flags=re.MULTILINE)
    assert len(locations) == 6
    assert not [location for location in locations if "add_header" in location]


needs_nginx = pytest.mark.skipif(
    shutil.which("nginx") is None and not Path("/usr/sbin/nginx").exists(),
    reason="nginx not installed (scripts/ensure-nginx.sh installs it)",
)


@needs_nginx
def test_nginx_accepts_the_rendered_configuration(tmp_path: Path) -> None:
    check_config(write_config("127.0.0.1:9000", BACKENDS, tmp_path))


@needs_nginx
def test_nginx_serves_the_frontend_of_a_checkout_only_its_owner_can_enter(
    tmp_path: Path,
) -> None:
    """A fresh clone in a `mktemp -d` folder (or under /root) is closed to other users, and
    nginx's workers are one (nobody, under root): the page must still come from nginx."""
    checkout = tmp_path / "checkout"
    (checkout / "static" / "js").mkdir(parents=True)
    (checkout / "index.html").write_text("<title>the frontend</title>", encoding="utf-8")
    bundle = "console.log('the bundle');" * 100
    (checkout / "static" / "js" / "main.js").write_text(bundle, encoding="utf-8")
    checkout.chmod(0o700)
    prefix = new_prefix()
    try:
        static = precompressed_static(prefix / "static-root", checkout)
        port = free_port()
        proxy = start_nginx(write_config(f"127.0.0.1:{port}", BACKENDS[:1], prefix, static))
        try:
            index = _get_when_listening(f"http://127.0.0.1:{port}/workload")
            assert index.read().decode() == "<title>the frontend</title>"
            assert index.headers["Cache-Control"] == "no-cache"
            assert {name: index.headers[name] for name in SECURITY_HEADERS} == SECURITY_HEADERS
            compressed = _get_when_listening(
                f"http://127.0.0.1:{port}/static/js/main.js", {"Accept-Encoding": "gzip"}
            )
            assert compressed.headers["Content-Encoding"] == "gzip"
            assert "immutable" in compressed.headers["Cache-Control"]
            assert compressed.headers["X-Content-Type-Options"] == "nosniff"
            assert gzip.decompress(compressed.read()).decode() == bundle
        finally:
            stop(proxy)
    finally:
        shutil.rmtree(prefix)


@needs_nginx
def test_a_link_too_long_for_nginx_gets_a_page_that_says_how_to_get_a_shorter_one(
    tmp_path: Path,
) -> None:
    """A link carries its view's filters: up to 64 KB nginx serves the page as any other; past
    that (nginx answers 414, or 400 for a header as long: the link sent back as Referer) the
    browser shows a page in words, not nginx's bare error."""
    checkout = tmp_path / "checkout"
    (checkout / "static").mkdir(parents=True)
    (checkout / "index.html").write_text("<title>the frontend</title>", encoding="utf-8")
    prefix = new_prefix()
    try:
        static = precompressed_static(prefix / "static-root", checkout)
        port = free_port()
        config = write_config(f"127.0.0.1:{port}", BACKENDS[:1], prefix, static)
        with (tmp_path / "nginx.log").open("wb") as log:
            proxy = start_nginx(config, log)
            try:
                base = f"http://127.0.0.1:{port}/workload?unit="
                long_link = base + "BDT" * 20_000  # 60 KB
                assert _get_when_listening(long_link).read() == b"<title>the frontend</title>"
                too_long = base + "BDT" * 23_000  # 69 KB
                with pytest.raises(urllib.error.HTTPError) as refused:
                    urllib.request.urlopen(too_long, timeout=10)
                referred = urllib.request.Request(
                    f"http://127.0.0.1:{port}/static/js/main.js", headers={"Referer": too_long}
                )
                with pytest.raises(urllib.error.HTTPError) as header_refused:
                    urllib.request.urlopen(referred, timeout=10)
            finally:
                stop(proxy)
    finally:
        shutil.rmtree(prefix)
    for error, status in ((refused.value, 414), (header_refused.value, 400)):
        assert error.code == status
        assert error.headers["Content-Type"] == "text/html"
        page = error.read().decode()
        assert "<h1>This link is too long</h1>" in page
        assert '<a href="/">Open the dashboard</a>' in page
        assert "Copy the address bar" in page


@needs_nginx
def test_a_new_viewer_is_not_held_by_a_process_that_stopped_answering(tmp_path: Path) -> None:
    """A hung app process still accepts connections (the kernel does) but answers nothing, until
    the supervisor kills it. The frontend's first requests, the health check among them, must
    not wait on it: nginx gives up on it within seconds and asks another process."""
    answering, hung = _HealthServer(), socket.create_server(("127.0.0.1", 0), backlog=64)
    backends = [f"127.0.0.1:{answering.port}", f"127.0.0.1:{hung.getsockname()[1]}"]
    prefix = new_prefix()
    try:
        static = precompressed_static(prefix / "static-root", _tiny_checkout(tmp_path))
        port = free_port()
        with (tmp_path / "nginx.log").open("wb") as log:
            proxy = start_nginx(write_config(f"127.0.0.1:{port}", backends, prefix, static), log)
            try:
                _get_when_listening(f"http://127.0.0.1:{port}/")
                # No cookie: each request is hashed on its own id, so about half reach the hung one.
                waits = []
                for _ in range(8):
                    started = time.monotonic()
                    with urllib.request.urlopen(
                        f"http://127.0.0.1:{port}/_stcore/health", timeout=15
                    ) as response:
                        assert response.read() == b"ok"
                    waits.append(time.monotonic() - started)
            finally:
                stop(proxy)
    finally:
        answering.shutdown()
        answering.server_close()
        hung.close()
        shutil.rmtree(prefix)
    assert max(waits) < 8, waits


class _HealthServer(http.server.ThreadingHTTPServer):
    """An app process that answers its health check."""

    def __init__(self) -> None:
        class Health(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                self.send_response(200)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, format: str, *args: object) -> None:
                pass

        super().__init__(("127.0.0.1", 0), Health)
        self.port = self.server_address[1]
        threading.Thread(target=self.serve_forever, daemon=True).start()


def _tiny_checkout(tmp_path: Path) -> Path:
    checkout = tmp_path / "checkout"
    (checkout / "static").mkdir(parents=True)
    (checkout / "index.html").write_text("<title>the frontend</title>", encoding="utf-8")
    return checkout


def _get_when_listening(url: str, headers: dict[str, str] | None = None) -> HTTPResponse:
    """The response to GET url, once nginx listens (it starts in a fraction of a second)."""
    deadline = time.monotonic() + 10
    while True:
        try:
            response: HTTPResponse = urllib.request.urlopen(
                urllib.request.Request(url, headers=headers or {}), timeout=5
            )
            return response
        except urllib.error.URLError as error:
            if isinstance(error, urllib.error.HTTPError) or time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def test_app_processes_run_with_production_settings() -> None:
    command = streamlit_command("127.0.0.1", 41001)
    flags = dict(zip(command[5::2], command[6::2], strict=True))
    assert flags["--server.address"] == "127.0.0.1"
    assert flags["--server.port"] == "41001"
    for name, value in {
        "client.showErrorDetails": "none",
        "server.fileWatcherType": "none",
        "server.runOnSave": "false",
        "server.enableXsrfProtection": "true",
        "server.maxUploadSize": "10",
    }.items():
        assert flags[f"--{name}"] == value == PRODUCTION_FLAGS[name]


def test_no_script_relies_on_magic() -> None:
    """make serve turns Streamlit's magic off (runner.magicEnabled): no bare expression in
    app.py or a page may be meant to draw something, or it would vanish in production."""
    from streamlit.runtime.scriptrunner.magic import add_magic

    assert PRODUCTION_FLAGS["runner.magicEnabled"] == "false"
    for script in [APP, *(APP.parent / page.path for page in PAGES)]:
        tree = add_magic(script.read_text(encoding="utf-8"), str(script))
        drawn = [node.lineno for node in ast.walk(tree) if _is_magic_write(node)]
        assert not drawn, f"{script.name}: a bare expression is drawn by magic at lines {drawn}"


def _is_magic_write(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "transparent_write"
    )


def test_a_process_that_exits_is_started_again_after_a_doubling_wait() -> None:
    """Each exit soon after a start doubles the wait (up to 30 s); one after a process served
    for a minute starts over at 1 s. The clock is passed in; the processes are real."""
    started: list[subprocess.Popen[bytes]] = []

    def start() -> subprocess.Popen[bytes]:
        started.append(subprocess.Popen(["true"]))
        return started[-1]

    said: list[str] = []
    process = Supervised("app process 127.0.0.1:41001", start)
    now = process.started_at
    waits = []
    for steady in [False] * 7 + [True]:
        process.proc.wait()
        now += STEADY_S if steady else 0.1
        process.check(now, said.append)
        assert process.restart_at is not None
        waits.append(process.restart_at - now)
        process.check(process.restart_at - 0.01, said.append)
        assert len(started) == len(waits)  # not before the wait is over
        now = process.restart_at
        process.check(now, said.append)
        assert len(started) == len(waits) + 1 and process.proc is started[-1]
    assert waits == [1, 2, 4, 8, 16, 30, 30, 1]
    assert said[:2] == [
        "serve: app process 127.0.0.1:41001 exited with 0; starting it again in 1 s",
        f"serve: app process 127.0.0.1:41001 started again (pid {started[1].pid})",
    ]
    assert process.restarts == 8
    process.proc.wait()


# A stand-in for an app process: it answers the health check, nothing else.
HEALTH_SERVER = """
import http.server, sys

class Health(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass

http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), Health).serve_forever()
"""


def test_a_process_that_stops_answering_is_killed_and_started_again() -> None:
    """A hung process (here stopped with SIGSTOP: running, but answering nothing) is killed after
    MISSES unanswered health checks in a row, then started again like one that exited."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    started: list[subprocess.Popen[bytes]] = []

    def start() -> subprocess.Popen[bytes]:
        started.append(subprocess.Popen([sys.executable, "-c", HEALTH_SERVER, str(port)]))
        return started[-1]

    said: list[str] = []
    process = Supervised("app process A", start, functools.partial(answers_health, url, 0.5))
    try:
        wait_healthy(url, process.proc, 20)
        now = process.started_at + 10
        process.watch(now, said.append)
        assert process.misses == 0
        hung = process.proc
        os.kill(hung.pid, signal.SIGSTOP)
        for _ in range(MISSES - 1):
            process.watch(now, said.append)
        assert hung.poll() is None and process.misses == MISSES - 1
        process.watch(now, said.append)
        assert hung.wait(timeout=10) == -signal.SIGKILL
        process.check(now, said.append)
        assert process.restart_at is not None
        process.check(process.restart_at, said.append)
        wait_healthy(url, process.proc, 20)
        assert len(started) == 2 and process.proc is started[1]
        assert said == [
            f"serve: app process A (pid {hung.pid}) did not answer its health check {MISSES} "
            "times in a row; killing it",
            "serve: app process A exited with -9; starting it again in 1 s",
            f"serve: app process A started again (pid {started[1].pid})",
        ]
    finally:
        for proc in started:
            proc.kill()
            proc.wait()


def test_a_process_still_starting_is_not_taken_for_hung() -> None:
    process = Supervised("app process A", lambda: subprocess.Popen(["sleep", "60"]), lambda: False)
    try:
        for _ in range(MISSES):
            process.watch(process.started_at + STARTING_S - 1, print)
        assert process.proc.poll() is None and process.misses == 0
        for _ in range(MISSES):
            process.watch(process.started_at + STARTING_S, print)
        assert process.proc.wait(timeout=10) == -signal.SIGKILL
    finally:
        process.proc.kill()
        process.proc.wait()
