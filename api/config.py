"""The endpoint's settings: command-line options > ``BORDERKG_*`` variables > TOML file > defaults.

:class:`ServeConfig` holds every setting of ``borderkg serve`` / ``borderkg demo`` and of
:func:`borderkg.api.create_app`. :meth:`ServeConfig.resolve` merges the four sources in that
order; :data:`SETTINGS` describes each setting once, and ``docs/serving.md`` has the same table
for people (a test keeps the two in step).
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from borderkg.allocator import JEMALLOC, AllocatorMissing, check_choice, worker_preload
from borderkg.config import resolve_store_path

#: Environment variable naming the TOML config file (the ``--config`` option wins).
CONFIG_ENV = "BORDERKG_CONFIG"
#: Environment variable holding the API token itself (for writes).
TOKEN_ENV = "BORDERKG_TOKEN"
#: Longest per-query time limit an operator may configure (the query pool's ``max_timeout``).
MAX_TIMEOUT = 300.0
#: Shortest API token accepted: a short bearer token on a public address is guessable.
MIN_TOKEN_LENGTH = 16


class ConfigError(ValueError):
    """A setting has a value that cannot be used; the message names the setting and its source."""


@dataclass(frozen=True)
class Setting:
    """One setting: its option, environment variable, config-file key, default and meaning."""

    name: str
    option: str
    env: str
    kind: type
    default_text: str
    help: str

    @property
    def file_key(self) -> str:
        """The key in the TOML config file (the setting's name)."""
        return self.name


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "store",
        "--store DIR",
        "BORDERKG_STORE",
        Path,
        "`$XDG_DATA_HOME/borderkg/store`",
        "The store directory to serve (its current snapshot; see the snapshot section).",
    ),
    Setting("host", "--host", "BORDERKG_HOST", str, "`127.0.0.1`", "Address to listen on."),
    Setting("port", "--port", "BORDERKG_PORT", int, "`8000`", "TCP port to listen on."),
    Setting(
        "workers",
        "--workers N",
        "BORDERKG_WORKERS",
        int,
        "`16`",
        "Queries that run at once, as threads of query worker processes (up to "
        "`worker_threads` per process, so by default 16 is one process); a spare process waits "
        "to replace one killed at a timeout.",
    ),
    Setting(
        "worker_threads",
        "--worker-threads N",
        "BORDERKG_WORKER_THREADS",
        int,
        "`16`",
        "Queries one query worker process runs at once (its slots, sharing its memory and "
        "block cache); `workers` above it adds processes. A timeout kills a whole process, "
        "and its other queries are run again.",
    ),
    Setting(
        "allocator",
        "--allocator NAME",
        "BORDERKG_ALLOCATOR",
        str,
        "`auto`",
        "The `malloc` of the query worker processes: `jemalloc` (Debian: `libjemalloc2`; "
        "faster and smaller under concurrent queries), `glibc`, or `auto`: jemalloc when "
        "installed, else glibc.",
    ),
    Setting(
        "threads",
        "--threads N",
        "BORDERKG_THREADS",
        int,
        "`32`",
        "HTTP threads of the server process (requests handled at once, queries or not); "
        "above `workers`, so pages and waiting queries still get one while queries run.",
    ),
    Setting(
        "timeout",
        "--timeout S",
        "BORDERKG_TIMEOUT",
        float,
        "`30`",
        f"Per-query time limit in seconds (at most {MAX_TIMEOUT:g}); a client may ask for less "
        "with `timeout=`. `borderkg query` reads the same setting (`--timeout`, then the "
        "variable, then the key in the `$BORDERKG_CONFIG` file), with no maximum and `0` for "
        "no limit.",
    ),
    Setting(
        "max_rows",
        "--max-rows N",
        "BORDERKG_MAX_ROWS",
        int,
        "`100000`",
        "Result cap: rows of a SELECT, triples of a CONSTRUCT/DESCRIBE (signalled in headers).",
    ),
    Setting(
        "max_queue",
        "--max-queue N",
        "BORDERKG_MAX_QUEUE",
        int,
        "`64`",
        "Queries that may wait for a free worker; beyond it the answer is 503 with Retry-After.",
    ),
    Setting(
        "lookup_budget",
        "--lookup-budget S",
        "BORDERKG_LOOKUP_BUDGET",
        float,
        "`0.02`",
        "Seconds a lookup by IRI may run in the server process before it is handed to a query "
        'worker (see "Lookups run in the server process"); `0` sends every query to the workers.',
    ),
    Setting(
        "token_file",
        "--token-file F",
        "BORDERKG_TOKEN_FILE",
        Path,
        "none",
        "File holding the API token; writes (`/update`, `/data`) are off without a token. "
        f"`$BORDERKG_TOKEN` may hold the token itself. At least {MIN_TOKEN_LENGTH} characters.",
    ),
    Setting(
        "service_allow",
        "--service-allow URL (repeatable)",
        "BORDERKG_SERVICE_ALLOW",
        tuple,
        "none (SERVICE off)",
        "SPARQL endpoints that `SERVICE` may call; `*` allows any (never on a public address). "
        "The variable takes URLs separated by spaces or commas.",
    ),
    Setting(
        "base_url",
        "--base-url URL",
        "BORDERKG_BASE_URL",
        str,
        "from the request",
        "The public URL of the server (behind a proxy), used in the service description.",
    ),
    Setting(
        "union_default_graph",
        "--union-default-graph / --no-union-default-graph",
        "BORDERKG_UNION_DEFAULT_GRAPH",
        bool,
        "`true`",
        "The default graph is the union of all graphs (unless the query or request names "
        "a dataset).",
    ),
    Setting(
        "max_body",
        "--max-body BYTES",
        "BORDERKG_MAX_BODY",
        int,
        "`16777216`",
        "Largest request body accepted (413 beyond).",
    ),
)
_BY_NAME = {s.name: s for s in SETTINGS}
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


@dataclass(frozen=True)
class ServeConfig:
    """Every setting of the endpoint, resolved and checked (see :data:`SETTINGS`).

    ``token`` is the API token itself (read from ``token_file`` or ``$BORDERKG_TOKEN``); it is
    left out of ``repr`` so it never reaches a log. ``prepare_store`` (not a user setting):
    whether the app publishes a fresh snapshot and catches up the search index when it
    starts; ``borderkg serve`` does both before starting the server and turns it off.
    """

    store: Path = field(default_factory=resolve_store_path)
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 16
    worker_threads: int = 16
    allocator: str = "auto"
    threads: int = 32
    timeout: float = 30.0
    max_rows: int = 100_000
    max_queue: int = 64
    lookup_budget: float = 0.02
    token_file: Path | None = None
    token: str | None = field(default=None, repr=False)
    service_allow: tuple[str, ...] = ()
    base_url: str | None = None
    union_default_graph: bool = True
    max_body: int = 16 * 1024 * 1024
    prepare_store: bool = True

    def __post_init__(self) -> None:
        object.__setattr__(self, "store", Path(self.store).expanduser())
        if self.token_file is not None:
            object.__setattr__(self, "token_file", Path(self.token_file).expanduser())
        object.__setattr__(self, "service_allow", tuple(self.service_allow))
        if self.base_url is not None:
            object.__setattr__(self, "base_url", self.base_url.rstrip("/") or None)
        _check(self)

    @property
    def writes_enabled(self) -> bool:
        """Whether the write endpoints are on (a token is configured)."""
        return self.token is not None

    @property
    def url(self) -> str:
        """The URL people open: ``base_url``, else ``http://host:port``."""
        if self.base_url:
            return self.base_url + "/"
        host = self.host
        if host in ("0.0.0.0", "::", ""):
            host = "127.0.0.1"
        elif ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{self.port}/"

    def to_mapping(self) -> dict[str, Any]:
        """The settings as plain values (``token`` included), for :meth:`from_mapping`."""
        out = asdict(self)
        out["store"] = str(self.store)
        out["token_file"] = None if self.token_file is None else str(self.token_file)
        out["service_allow"] = list(self.service_allow)
        return out

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any], *, source: str = "config") -> ServeConfig:
        """A config from ``{setting: value}`` (values as Python or TOML gives them), checked.

        ``token`` may be given directly; otherwise it is read from ``token_file``.
        """
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise ConfigError(
                f"{source}: unknown setting(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}"
            )
        kwargs = {
            name: _coerce(name, value, source)
            for name, value in values.items()
            if value is not None and name not in ("token", "prepare_store")
        }
        if "prepare_store" in values:
            kwargs["prepare_store"] = bool(values["prepare_store"])
        token = values.get("token")
        if token is None and kwargs.get("token_file") is not None:
            token = read_token(kwargs["token_file"])
        if token is not None:
            kwargs["token"] = _clean_token(str(token), source)
        return cls(**kwargs)

    @classmethod
    def resolve(
        cls,
        options: Mapping[str, Any] | None = None,
        *,
        environ: Mapping[str, str] | None = None,
        config_file: str | os.PathLike[str] | None = None,
    ) -> ServeConfig:
        """Merge command-line ``options`` (``None`` = not given), ``BORDERKG_*`` variables,
        the TOML file (``config_file``, else ``$BORDERKG_CONFIG``) and the defaults."""
        env = os.environ if environ is None else environ
        options = {k: v for k, v in (options or {}).items() if v is not None and v != ()}
        path = config_file or env.get(CONFIG_ENV, "").strip() or None
        merged: dict[str, Any] = dict(load_config_file(path)) if path else {}
        for setting in SETTINGS:
            raw = env.get(setting.env, "").strip()
            if raw:
                merged[setting.name] = _from_env(setting, raw)
        token = env.get(TOKEN_ENV, "").strip()
        if token and "token_file" not in options:
            merged.pop("token_file", None)
            merged["token"] = _clean_token(token, f"${TOKEN_ENV}")
        if "token_file" in options:
            merged.pop("token", None)
        merged.update(options)
        if merged.get("store") is None:
            merged["store"] = resolve_store_path(None, env)
        return cls.from_mapping(merged, source="settings")

    def with_changes(self, **changes: Any) -> ServeConfig:
        """A copy with some settings changed (checked again)."""
        return replace(self, **changes)


def load_config_file(path: str | os.PathLike[str]) -> dict[str, Any]:
    """The settings in a TOML config file (top-level keys named as in :data:`SETTINGS`)."""
    file = Path(path).expanduser()
    try:
        with file.open("rb") as handle:
            data = tomllib.load(handle)
    except OSError as exc:
        raise ConfigError(f"cannot read config file {file}: {exc.strerror or exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"config file {file} is not valid TOML: {exc}") from exc
    unknown = sorted(set(data) - set(_BY_NAME))
    if unknown:
        raise ConfigError(
            f"config file {file}: unknown key(s) {', '.join(unknown)}; known: {', '.join(_BY_NAME)}"
        )
    values = {name: _coerce(name, value, f"config file {file}") for name, value in data.items()}
    if "store" in values and not values["store"].is_absolute():
        values["store"] = (file.parent / values["store"]).resolve()
    if values.get("token_file") is not None and not values["token_file"].is_absolute():
        values["token_file"] = (file.parent / values["token_file"]).resolve()
    return values


def read_token(path: Path) -> str:
    """The API token in ``path`` (surrounding whitespace stripped)."""
    try:
        text = Path(path).expanduser().read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read the token file {path}: {exc}") from exc
    return _clean_token(text, f"token file {path}")


def _clean_token(token: str, source: str) -> str:
    token = token.strip()
    if len(token) < MIN_TOKEN_LENGTH or any(c.isspace() for c in token):
        raise ConfigError(
            f"{source}: the API token must be at least {MIN_TOKEN_LENGTH} characters without "
            "spaces (for example the output of `python -c 'import secrets; "
            "print(secrets.token_urlsafe(32))'`)"
        )
    return token


def _from_env(setting: Setting, raw: str) -> Any:
    if setting.kind is tuple:
        return tuple(part for part in raw.replace(",", " ").split() if part)
    return _coerce(setting.name, raw, f"${setting.env}")


def _coerce(name: str, value: Any, source: str) -> Any:
    """``value`` as the setting's type, or :class:`ConfigError` naming the source."""
    if name == "token":
        return value
    setting = _BY_NAME.get(name)
    if setting is None:
        raise ConfigError(f"{source}: unknown setting {name!r}")
    kind = setting.kind
    try:
        if kind is bool:
            if isinstance(value, bool):
                return value
            text = str(value).strip().lower()
            if text in _TRUE:
                return True
            if text in _FALSE:
                return False
            raise ValueError(f"expected true or false, got {value!r}")
        if kind is tuple:
            if isinstance(value, str):
                return (value,)
            if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
                raise ValueError(f"expected a list of URLs, got {value!r}")
            return tuple(value)
        if kind is int and isinstance(value, bool | float):
            raise ValueError(f"expected an integer, got {value!r}")
        if kind is float and isinstance(value, bool):
            raise ValueError(f"expected a number, got {value!r}")
        if kind is Path:
            return Path(str(value)).expanduser()
        return kind(value)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"{source}: bad value for {name}: {exc}") from exc


def _check(config: ServeConfig) -> None:
    problems = []
    if not 0 <= config.port <= 65535:
        problems.append(f"port must be 0–65535, not {config.port}")
    for name in ("workers", "worker_threads", "threads", "max_rows", "max_body"):
        if getattr(config, name) < 1:
            problems.append(f"{name} must be at least 1, not {getattr(config, name)}")
    try:
        check_choice(config.allocator)
        if config.allocator == JEMALLOC:  # only a demand for it can fail: look for it now
            worker_preload(JEMALLOC)
    except (ValueError, AllocatorMissing) as exc:
        problems.append(str(exc))
    if config.max_queue < 0:
        problems.append(f"max_queue must be 0 or more, not {config.max_queue}")
    if not 0 <= config.lookup_budget <= 1:
        problems.append(f"lookup_budget must be 0 to 1 seconds, not {config.lookup_budget}")
    if not 0 < config.timeout <= MAX_TIMEOUT:
        problems.append(
            f"timeout must be more than 0 and at most {MAX_TIMEOUT:g} seconds, not {config.timeout}"
        )
    for url in config.service_allow:
        if url != "*" and not url.startswith(("http://", "https://")):
            problems.append(f"service_allow entries must be http(s) URLs or *, not {url!r}")
    if config.base_url is not None and not config.base_url.startswith(("http://", "https://")):
        problems.append(f"base_url must be an http(s) URL, not {config.base_url!r}")
    if problems:
        raise ConfigError("; ".join(problems))
