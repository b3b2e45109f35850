// Resolve once the DOM has had no content mutation for quietMs, or after capMs at the latest.
// Quiet time already passed counts (see mutations.js). Attribute changes (animations,
// carousels) do not count; added/removed nodes and text do.
({ quietMs, capMs }) => new Promise((resolve) => {
  const key = Symbol.for("extractor.lastMutation");
  const start = performance.now();
  let last = typeof window[key] === "number" ? window[key] : start;
  const observer = new MutationObserver(() => { last = performance.now(); });
  observer.observe(document, { subtree: true, childList: true, characterData: true });
  const tick = () => {
    const now = performance.now();
    if (now - last >= quietMs) {
      observer.disconnect();
      resolve({ quiet: true, ms: Math.round(now - start) });
    } else if (now - start >= capMs) {
      observer.disconnect();
      resolve({ quiet: false, ms: Math.round(now - start) });
    } else {
      setTimeout(tick, Math.max(10, Math.min(50, quietMs - (now - last))));
    }
  };
  tick();
})
