// Added before any page script: remember when the DOM content last changed, so the settle step
// can tell how long the page has already been quiet (kept under a registry symbol, not a name).
// While the parser is still writing the document it is changing anyway: the observer starts
// when parsing is done (DOMContentLoaded, before the page's own handlers), so parsing does not
// pay for it.
(() => {
  const key = Symbol.for("extractor.lastMutation");
  const mark = () => { window[key] = performance.now(); };
  mark();
  document.addEventListener("DOMContentLoaded", () => {
    mark();
    new MutationObserver(mark).observe(document, { subtree: true, childList: true, characterData: true });
  }, { once: true });
})();
