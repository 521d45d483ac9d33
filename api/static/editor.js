/* The query editor of the front page: YASGUI (vendored in static/yasgui/) set up for this
 * endpoint. Settings come from the JSON block #editor-config written by the server:
 * {"endpoint": "/sparql", "prefixes": {...}, "query": "..."}.
 * - queries go to our own /sparql, never to a third-party endpoint;
 * - the project prefixes are known to the editor and to the result table;
 * - IRIs in results link to this server's pages (minted IRIs to their own path, others to
 *   /page?iri=...), in the same window; terms of external vocabularies (config.vocabularies:
 *   schema:, skos:, rdf: ...) to their own definition, in a new window;
 * - autocompleters that call outside services (Linked Open Vocabularies) are switched off,
 *   so the editor works offline. */
(function () {
  "use strict";
  var configEl = document.getElementById("editor-config");
  var host = document.getElementById("editor");
  if (!configEl || !host || typeof Yasgui === "undefined") {
    return;
  }
  var config = JSON.parse(configEl.textContent);
  var base = config.base;
  var endpoint = new URL(config.endpoint, window.location.href).href;

  var vocabularies = config.vocabularies || [];

  function isVocabularyTerm(iri) {
    return vocabularies.some(function (ns) { return iri.indexOf(ns) === 0; });
  }

  function localHref(iri) {
    if (iri.indexOf(base) === 0 && iri.length > base.length) {
      return "/" + iri.substring(base.length);
    }
    return "/page?iri=" + encodeURIComponent(iri);
  }

  // Only completers that work without the network.
  var completers = Yasgui.Yasqe.defaults.autocompleters;
  var offline = completers.filter(function (name) {
    return name === "prefixes" || name === "variables";
  });
  completers.splice(0, completers.length);
  offline.forEach(function (name) { completers.push(name); });

  // Result cells: links to our pages instead of the raw IRI.
  var Table = Yasgui.Yasr.plugins.table;
  if (Table && Table.prototype.getUriLinkFromBinding) {
    var original = Table.prototype.getUriLinkFromBinding;
    Table.prototype.getUriLinkFromBinding = function (binding, prefixes) {
      var html = original.call(this, binding, prefixes);
      var tmp = document.createElement("template");
      tmp.innerHTML = html;
      var link = tmp.content.querySelector("a");
      if (link && isVocabularyTerm(binding.value)) {
        link.setAttribute("href", binding.value);
        link.setAttribute("target", "_blank");
        link.setAttribute("rel", "external noopener");
        link.setAttribute("class", "external");
        link.setAttribute("title", binding.value);
      } else if (link) {
        link.setAttribute("href", localHref(binding.value));
        link.setAttribute("target", "_self");
        link.removeAttribute("ref");
        link.setAttribute("title", binding.value);
        link.setAttribute("data-iri", binding.value);
      }
      return tmp.innerHTML;
    };
    if (Table.defaults) {
      Table.defaults.openIriInNewWindow = false;
    }
  }

  var projectPrefixes = config.prefixes;
  var yasgui = new Yasgui(host, {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: false,
    persistenceId: "borderkg",
    endpointCatalogueOptions: {
      getData: function () { return [{ endpoint: endpoint }]; },
    },
    yasqe: { value: config.query, collapsePrefixesOnLoad: true },
    yasr: {
      prefixes: function () { return projectPrefixes; },
    },
  });

  window.borderkgEditor = yasgui;
})();
