"""The nginx configuration of deploy/nginx.conf.template, filled in for one set of app processes,
and nginx itself started in the foreground from a folder of its own."""

from __future__ import annotations

import gzip
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import IO

import streamlit

TEMPLATE = Path(__file__).with_name("nginx.conf.template")
# The page a link too long for nginx gets (414, 494), copied beside the configuration.
LINK_TOO_LONG_PAGE = Path(__file__).with_name("link-too-long.html")
NGINX_CANDIDATES = ("/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/local/nginx/sbin/nginx")
MIME_TYPES_CANDIDATES = ("/etc/nginx/mime.types", "/usr/local/nginx/conf/mime.types")
DEFAULT_SERVER_NAME = "_"  # no name of its own: nginx's only server answers every host name


class NginxMissing(RuntimeError):
    """No nginx binary (or its mime.types) on this machine."""


def streamlit_static_dir() -> Path:
    """The installed streamlit package's frontend: index.html and static/ (hashed bundles)."""
    return Path(streamlit.__file__).parent / "static"


COMPRESSIBLE = (".js", ".css", ".html", ".json", ".svg")


def new_prefix() -> Path:
    """A fresh folder for one nginx's configuration, temporary files and static mirror. nginx's
    workers run as another user (nobody, when started by root), so it is readable by all."""
    prefix = Path(tempfile.mkdtemp(prefix="wsis-nginx-"))
    prefix.chmod(0o755)
    return prefix


def _copy_and_compress(source: Path, target: Path) -> None:
    content = source.read_bytes()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)
    if source.suffix in COMPRESSIBLE:
        Path(f"{target}.gz").write_bytes(gzip.compress(content, compresslevel=9))


def precompressed_static(target: Path, source: Path | None = None) -> Path:
    """A copy of Streamlit's static folder in `target` (inside a new_prefix folder): each file,
    and beside each text file its gzip (level 9), written once here, so nginx (gzip_static)
    sends compressed bundles without compressing them again for every viewer (megabytes of
    script a viewer). Copies, not links: nginx's workers may not enter the folders the package
    lives in (a checkout under /root, or in a `mktemp -d` folder, is private to its owner)."""
    source = source or streamlit_static_dir()
    files = [path for path in source.rglob("*") if path.is_file()]
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        copies = [
            pool.submit(_copy_and_compress, path, target / path.relative_to(source))
            for path in files
        ]
        for copy in copies:
            copy.result()
    for path in [target, *target.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    return target


def nginx_binary() -> str:
    found = shutil.which("nginx") or next(
        (path for path in NGINX_CANDIDATES if Path(path).is_file()), None
    )
    if found is None:
        raise NginxMissing(
            "nginx is not installed: `apt-get install nginx-light` (Debian/Ubuntu), "
            "or serve one process without a proxy (make serve REPLICAS=1 PROXY=none)."
        )
    return found


def mime_types() -> str:
    for path in MIME_TYPES_CANDIDATES:
        if Path(path).is_file():
            return path
    raise NginxMissing("nginx's mime.types not found (looked in /etc/nginx and /usr/local/nginx)")


def render(
    listen: str,
    backends: Sequence[str],
    prefix: Path,
    static_dir: Path | None = None,
    server_name: str = DEFAULT_SERVER_NAME,
) -> str:
    """The configuration text: nginx listening on `listen` ("0.0.0.0:8501", "127.0.0.1:9000")
    in front of `backends` ("127.0.0.1:41001", ...), its pid and temporary files in `prefix`;
    `server_name` is one or more host names separated by spaces ("dashboard.example.org")."""
    if not backends:
        raise ValueError("nginx needs at least one app process behind it")
    if not re.fullmatch(r"[\w.*~^$:-]+( [\w.*~^$:-]+)*", server_name):
        raise ValueError(f"not a server_name for nginx: {server_name!r}")
    values = {
        "SERVER_NAME": server_name,
        "PREFIX": str(prefix),
        "MIME_TYPES": mime_types(),
        "LISTEN": listen,
        "STATIC_DIR": str(static_dir or streamlit_static_dir()),
        # A process that stops answering is left alone for 10 s; its viewers move to another.
        "UPSTREAM_SERVERS": "\n".join(
            f"        server {backend} max_fails=1 fail_timeout=10s;" for backend in backends
        ),
    }
    text = TEMPLATE.read_text(encoding="utf-8")
    for name, value in values.items():
        text = text.replace("{{" + name + "}}", value)
    if "{{" in text:
        raise ValueError(f"unfilled placeholder left in {TEMPLATE.name}")
    return text


def write_config(
    listen: str,
    backends: Sequence[str],
    prefix: Path,
    static_dir: Path | None = None,
    server_name: str = DEFAULT_SERVER_NAME,
) -> Path:
    """The configuration and the pages it serves itself, written into `prefix`; nginx's workers
    read the pages, so they are readable by all."""
    prefix.mkdir(parents=True, exist_ok=True)
    config = prefix / "nginx.conf"
    config.write_text(render(listen, backends, prefix, static_dir, server_name), encoding="utf-8")
    page = prefix / LINK_TOO_LONG_PAGE.name
    shutil.copyfile(LINK_TOO_LONG_PAGE, page)
    page.chmod(0o644)
    return config


def check_config(config: Path) -> None:
    """`nginx -t` on the rendered file; raises with nginx's own words when it is refused."""
    prefix = config.parent
    result = subprocess.run(
        [nginx_binary(), "-t", "-q", "-p", str(prefix), "-c", str(config)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"nginx refused {config}:\n{result.stderr.strip()}")


def start_nginx(config: Path, log: IO[bytes] | None = None) -> subprocess.Popen[bytes]:
    """nginx in the foreground (`daemon off`), its access log on stdout, errors on stderr."""
    prefix = config.parent
    return subprocess.Popen(
        [nginx_binary(), "-p", str(prefix), "-c", str(config), "-g", "daemon off;"],
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT if log is not None else None,
    )
