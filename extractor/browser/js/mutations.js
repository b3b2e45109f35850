// Added before any page script: remember when the DOM content last changed, so the settle step
// can tell how long the page has already been quiet (kept under a registry symbol, not a name).
(() => {
  const key = Symbol.for("extractor.lastMutation");
  const mark = () => { window[key] = performance.now(); };
  mark();
  new MutationObserver(mark).observe(document, { subtree: true, childList: true, characterData: true });
})();
