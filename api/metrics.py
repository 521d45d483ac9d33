"""Prometheus text-format metrics for the endpoint, without an external client library.

:class:`MetricsRegistry` holds the endpoint's own counters and histograms (requests by route,
method and status, request latency, writes by operation and outcome); :func:`install` hooks it
into a Flask app. ``/metrics`` (``api/meta.py``) renders the registry together with families
built at scrape time from other sources (the query pool's outcome counters, snapshot age) by
:func:`counter_family`, :func:`gauge_family` and :func:`histogram_family`.

Everything is guarded by one lock per metric: the server runs one process with many threads.
The exposition format is Prometheus text format 0.0.4
(https://prometheus.io/docs/instrumenting/exposition_formats/). Latency is measured from the
start of the request to the moment the view returned its response: for streamed bodies that is
the time to the first byte, which is what a slow query costs (results are spooled before the
response starts).
"""

from __future__ import annotations

import bisect
import math
import threading
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from flask import Flask, Response, current_app, g, request
from werkzeug.exceptions import HTTPException, MethodNotAllowed
from werkzeug.routing import RoutingException

#: Media type of the Prometheus text exposition format.
CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"

#: Latency buckets in seconds: sub-millisecond lookups up to the 30 s query timeout and beyond.
DEFAULT_BUCKETS: tuple[float, ...] = (
    0.0005,
    0.001,
    0.0025,
    0.005,
    0.01,
    0.025,
    0.05,
    0.1,
    0.25,
    0.5,
    1.0,
    2.5,
    5.0,
    10.0,
    30.0,
    60.0,
)

#: Route label for requests whose path no URL rule matches (404s): keeps label cardinality
#: bounded. A method a rule does not allow (405) is counted under that rule.
UNMATCHED_ROUTE = "unmatched"

Labels = tuple[str, ...]


def _escape_label(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"')


def _escape_help(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\n", "\\n")


def format_value(value: float) -> str:
    """A sample value as Prometheus writes it: integers bare, ``+Inf``/``-Inf``/``NaN``."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "+Inf" if value > 0 else "-Inf"
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(float(value))


def _label_text(names: Sequence[str], values: Sequence[str]) -> str:
    if not names:
        return ""
    pairs = ",".join(f'{n}="{_escape_label(str(v))}"' for n, v in zip(names, values, strict=True))
    return "{" + pairs + "}"


@dataclass
class Family:
    """One rendered metric family: name, type, help and its sample lines (already formatted)."""

    name: str
    kind: str
    help: str
    samples: list[str] = field(default_factory=list)

    def render(self) -> str:
        """The family in exposition format, ``# HELP`` and ``# TYPE`` lines first."""
        head = f"# HELP {self.name} {_escape_help(self.help)}\n# TYPE {self.name} {self.kind}\n"
        return head + "".join(line + "\n" for line in self.samples)


class Counter:
    """A monotonically increasing counter with a fixed set of label names."""

    kind = "counter"

    def __init__(self, name: str, help: str, labelnames: Sequence[str] = ()) -> None:
        self.name, self.help, self.labelnames = name, help, tuple(labelnames)
        self._values: dict[Labels, float] = {}
        self._lock = threading.Lock()

    def inc(self, *labels: str, amount: float = 1.0) -> None:
        """Add ``amount`` (≥ 0) to the series named by ``labels`` (in ``labelnames`` order)."""
        if amount < 0:
            raise ValueError("a counter only goes up")
        key = self._key(labels)
        with self._lock:
            self._values[key] = self._values.get(key, 0.0) + amount

    def value(self, *labels: str) -> float:
        """Current value of one series (0 if it was never incremented)."""
        with self._lock:
            return self._values.get(self._key(labels), 0.0)

    def _key(self, labels: Sequence[str]) -> Labels:
        if len(labels) != len(self.labelnames):
            raise ValueError(f"{self.name} takes labels {self.labelnames}, got {tuple(labels)}")
        return tuple(str(v) for v in labels)

    def collect(self) -> Family:
        """The counter's family, series in sorted label order."""
        with self._lock:
            items = sorted(self._values.items())
        samples = [
            f"{self.name}{_label_text(self.labelnames, k)} {format_value(v)}" for k, v in items
        ]
        return Family(self.name, self.kind, self.help, samples)


class Histogram:
    """A histogram of observations (seconds) with cumulative ``le`` buckets per label set."""

    kind = "histogram"

    def __init__(
        self,
        name: str,
        help: str,
        labelnames: Sequence[str] = (),
        buckets: Sequence[float] = DEFAULT_BUCKETS,
    ) -> None:
        bounds = sorted(float(b) for b in buckets if not math.isinf(b))
        if not bounds:
            raise ValueError("a histogram needs at least one finite bucket")
        self.name, self.help, self.labelnames = name, help, tuple(labelnames)
        self.buckets = tuple(bounds)
        # per label set: [count per bucket (non-cumulative, last = +Inf)], sum, count
        self._series: dict[Labels, tuple[list[int], list[float]]] = {}
        self._lock = threading.Lock()

    def observe(self, value: float, *labels: str) -> None:
        """Record one observation in the series named by ``labels``."""
        if len(labels) != len(self.labelnames):
            raise ValueError(f"{self.name} takes labels {self.labelnames}, got {tuple(labels)}")
        key = tuple(str(v) for v in labels)
        index = bisect.bisect_left(self.buckets, value)
        with self._lock:
            counts, total = self._series.setdefault(key, ([0] * (len(self.buckets) + 1), [0.0]))
            counts[index] += 1
            total[0] += value

    def count(self, *labels: str) -> int:
        """Number of observations in one series."""
        with self._lock:
            series = self._series.get(tuple(labels))
            return sum(series[0]) if series else 0

    def collect(self) -> Family:
        """The histogram's family: ``_bucket`` (cumulative), ``_sum`` and ``_count`` lines."""
        with self._lock:
            items = sorted((k, (list(c), s[0])) for k, (c, s) in self._series.items())
        family = Family(self.name, self.kind, self.help)
        bounds = [*self.buckets, math.inf]
        for key, (counts, total) in items:
            pairs = list(zip(bounds, _running(counts), strict=True))
            family.samples += histogram_lines(self.name, self.labelnames, key, pairs, total)
        return family


def _running(counts: Sequence[int]) -> list[int]:
    out, acc = [], 0
    for c in counts:
        acc += c
        out.append(acc)
    return out


def histogram_lines(
    name: str,
    labelnames: Sequence[str],
    labels: Sequence[str],
    cumulative: Sequence[tuple[float, float]],
    total: float,
) -> list[str]:
    """Sample lines of one histogram series from ``(upper bound, cumulative count)`` pairs.

    A ``+Inf`` bucket is added when missing; its count is the series' ``_count``.
    """
    pairs = list(cumulative)
    if not pairs or not math.isinf(pairs[-1][0]):
        pairs.append((math.inf, pairs[-1][1] if pairs else 0))
    lines = []
    for bound, count in pairs:
        le = "+Inf" if math.isinf(bound) else format_value(bound)
        lines.append(
            f"{name}_bucket{_label_text((*labelnames, 'le'), (*labels, le))} {format_value(count)}"
        )
    base = _label_text(labelnames, labels)
    lines.append(f"{name}_sum{base} {format_value(total)}")
    lines.append(f"{name}_count{base} {format_value(pairs[-1][1])}")
    return lines


def counter_family(
    name: str, help: str, labelname: str | None, values: Mapping[str, float] | float
) -> Family:
    """A counter family built at scrape time from a value or ``{label value: value}``."""
    return _simple_family("counter", name, help, labelname, values)


def gauge_family(
    name: str, help: str, labelname: str | None, values: Mapping[str, float] | float
) -> Family:
    """A gauge family built at scrape time from a value or ``{label value: value}``."""
    return _simple_family("gauge", name, help, labelname, values)


def _simple_family(
    kind: str, name: str, help: str, labelname: str | None, values: Mapping[str, float] | float
) -> Family:
    family = Family(name, kind, help)
    if isinstance(values, Mapping):
        if labelname is None:
            raise ValueError("a labelled family needs a label name")
        for key in sorted(values):
            label = _label_text((labelname,), (key,))
            family.samples.append(f"{name}{label} {format_value(values[key])}")
    else:
        family.samples.append(f"{name} {format_value(values)}")
    return family


def histogram_family(
    name: str, help: str, cumulative: Iterable[tuple[float, float]], total: float
) -> Family:
    """An unlabelled histogram family built at scrape time from cumulative bucket counts."""
    family = Family(name, "histogram", help)
    family.samples = histogram_lines(name, (), (), list(cumulative), total)
    return family


class MetricsRegistry:
    """The endpoint's metrics: one instance per app, shared by all request threads.

    Built-in series: ``borderkg_http_requests_total{route,method,status}``,
    ``borderkg_http_request_duration_seconds{route}`` and
    ``borderkg_writes_total{operation,outcome}`` (outcome: accepted, rejected, busy,
    invalid, error). :meth:`render` adds families built at scrape time.
    """

    def __init__(self, buckets: Sequence[float] = DEFAULT_BUCKETS) -> None:
        self.started = time.time()
        self.requests = Counter(
            "borderkg_http_requests_total",
            "HTTP requests answered, by URL rule, method and status code.",
            ("route", "method", "status"),
        )
        self.latency = Histogram(
            "borderkg_http_request_duration_seconds",
            "Time from receiving a request to its response starting, by URL rule.",
            ("route",),
            buckets,
        )
        self.writes = Counter(
            "borderkg_writes_total",
            "Write requests (/update, /data) by operation and outcome; "
            "outcome=rejected counts writes the SHACL gate refused.",
            ("operation", "outcome"),
        )

    def record_request(self, route: str, method: str, status: int, seconds: float) -> None:
        """Count one answered request and observe its latency."""
        self.requests.inc(route, method, str(status))
        self.latency.observe(seconds, route)

    def record_write(self, operation: str, outcome: str) -> None:
        """Count one write attempt (``operation``: update, put, post, delete)."""
        self.writes.inc(operation, outcome)

    def families(self) -> list[Family]:
        """The registry's own families."""
        return [self.requests.collect(), self.latency.collect(), self.writes.collect()]

    def render(self, extra: Iterable[Family] = ()) -> str:
        """The whole exposition text: own families, then ``extra``, then process uptime."""
        uptime = gauge_family(
            "borderkg_process_start_time_seconds",
            "Start time of the serving process since the Unix epoch, in seconds.",
            None,
            self.started,
        )
        return "".join(f.render() for f in [*self.families(), *extra, uptime])


_STARTED = "_borderkg_metrics_started"


def route_label() -> str:
    """The route label of the current request: its URL rule (``/data``,
    ``/article/<path:art_id>``); for a method the rule does not allow (405, e.g. ``PUT
    /sparql``), the rule its path matches; :data:`UNMATCHED_ROUTE` when no rule matches."""
    if request.url_rule is not None:
        return request.url_rule.rule
    refused = request.routing_exception
    if isinstance(refused, MethodNotAllowed) and refused.valid_methods:
        adapter = current_app.url_map.bind_to_environ(request.environ)
        try:
            rule, _ = adapter.match(method=refused.valid_methods[0], return_rule=True)
        except (HTTPException, RoutingException):
            return UNMATCHED_ROUTE
        return rule.rule
    return UNMATCHED_ROUTE


def install(app: Flask, registry: MetricsRegistry) -> None:
    """Time and count every request of ``app`` in ``registry`` (before/after-request hooks).

    The route label is the matched URL rule (``/data``, ``/article/<path:id>``), never the
    raw path, so label cardinality stays bounded (see :func:`route_label`).
    """

    @app.before_request
    def _start_timer() -> None:
        setattr(g, _STARTED, time.perf_counter())

    @app.after_request
    def _count(response: Response) -> Response:
        started = getattr(g, _STARTED, None)
        seconds = time.perf_counter() - started if started is not None else 0.0
        registry.record_request(route_label(), request.method, response.status_code, seconds)
        return response
