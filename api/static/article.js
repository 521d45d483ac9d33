/* Article page: pointing at a statement marks its evidence in the text, and pointing at
 * a marked span marks the statements it is evidence of. Works without it, too: every
 * evidence link is a plain #char=b,e anchor. */
(function () {
  "use strict";
  function spansOf(names) {
    var found = [];
    names.split(" ").forEach(function (name) {
      if (!name) { return; }
      var parts = document.querySelectorAll('.article-text [data-span="' + CSS.escape(name) + '"]');
      for (var i = 0; i < parts.length; i++) { found.push(parts[i]); }
    });
    return found;
  }
  function toggle(elements, on) {
    elements.forEach(function (el) { el.classList.toggle("active", on); });
  }
  document.querySelectorAll(".statement[data-spans]").forEach(function (statement) {
    var spans = null;
    function show(on) {
      spans = spans || spansOf(statement.getAttribute("data-spans"));
      toggle(spans, on);
    }
    statement.addEventListener("mouseenter", function () { show(true); });
    statement.addEventListener("mouseleave", function () { show(false); });
    statement.addEventListener("focusin", function () { show(true); });
    statement.addEventListener("focusout", function () { show(false); });
  });
})();
