"""The Flask SPARQL endpoint, web UI and Linked Data pages: :func:`create_app`.

The app is thin over the core: views parse HTTP and hand queries to the shared
:class:`~borderkg.api.services.Services` (query pool, search index, write service, metrics)
built once per app. Run it with ``borderkg serve`` (granian), or under any WSGI server with the
factory, e.g. ``granian --interface wsgi --factory borderkg.api:create_app`` (settings then come
from ``BORDERKG_*`` variables and ``$BORDERKG_CONFIG``; see docs/serving.md).

Flask is imported inside :func:`create_app` so that ``borderkg serve``'s supervisor process,
which imports :mod:`borderkg.api.config`, stays small.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from borderkg.api.config import ServeConfig

if TYPE_CHECKING:
    from flask import Flask

__all__ = ["ServeConfig", "create_app"]


def create_app(config: ServeConfig | Mapping[str, Any] | None = None) -> Flask:
    """Build the app over ``config.store`` and start its services (query workers …).

    ``config``: a :class:`ServeConfig`; a mapping of settings (checked like a config file,
    without reading the environment); or ``None`` to resolve settings from the environment
    and the config file, as a WSGI server's factory call does. The query workers are stopped
    when the process exits, or earlier by ``app.extensions["borderkg"].close()``.
    """
    from flask import Flask

    from borderkg.api import meta, pages, searchapi, sparql, ui, writes
    from borderkg.api.errors import register_error_handlers
    from borderkg.api.metrics import install
    from borderkg.api.services import EXTENSION, Services

    if config is None:
        settings = ServeConfig.resolve()
    elif isinstance(config, ServeConfig):
        settings = config
    else:
        settings = ServeConfig.from_mapping(config)

    app = Flask(__name__)
    app.config.update(
        MAX_CONTENT_LENGTH=settings.max_body,
        JSON_SORT_KEYS=False,
        BORDERKG=settings,
    )
    app.json.sort_keys = False  # type: ignore[attr-defined]
    register_error_handlers(app)
    for module in (sparql, writes, meta, ui, pages, searchapi):
        app.register_blueprint(module.bp)

    services = Services.start(settings)
    app.extensions[EXTENSION] = services
    install(app, services.metrics)
    # Query requests to /sparql skip Flask's request machinery (see borderkg.api.sparql).
    app.wsgi_app = sparql.QueryFastPath(app, services, app.wsgi_app)  # type: ignore[method-assign]
    return app
