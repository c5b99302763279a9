"""The serving setup: the nginx configuration rendered for N app processes is one nginx accepts,
and the app processes get the production settings (tests/browser/test_proxy.py runs it all)."""

from __future__ import annotations

import ast
import gzip
import re
import shutil
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
from deploy.serve import APP, PRODUCTION_FLAGS, free_port, stop, streamlit_command
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
            compressed = _get_when_listening(
                f"http://127.0.0.1:{port}/static/js/main.js", {"Accept-Encoding": "gzip"}
            )
            assert compressed.headers["Content-Encoding"] == "gzip"
            assert gzip.decompress(compressed.read()).decode() == bundle
        finally:
            stop(proxy)
    finally:
        shutil.rmtree(prefix)


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
