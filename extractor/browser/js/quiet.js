// Resolve once the DOM has been quiet long enough, or after capMs at the latest. Quiet time
// already passed counts (see mutations.js). Attribute changes (animations, carousels) do not
// count; added/removed nodes and text do. Long enough is:
//   - idleQuietMs when the page has loaded and has no fetch/XHR pending and no script loading
//     (see loaders.js): whatever its last piece of work changed has been written;
//   - quietMs otherwise (a response still to come may change it).
// A pending timer of at most timerMs (or a meta refresh as soon) holds quiet off, for at most
// timerCapMs: a page that keeps re-arming one is not waited out.
({ quietMs, capMs, idleQuietMs, timerMs, timerCapMs }) => new Promise((resolve) => {
  const key = Symbol.for("extractor.lastMutation");
  const loaders = window[Symbol.for("extractor.loaders")];
  const later = loaders && loaders.later ? loaders.later : (fn, ms) => setTimeout(fn, ms);
  const start = performance.now();
  let last = typeof window[key] === "number" ? window[key] : start;
  const observer = new MutationObserver(() => { last = performance.now(); });
  observer.observe(document, { subtree: true, childList: true, characterData: true });
  // a <meta http-equiv="refresh"> of at most timerMs is the browser's own timer: the page moves on
  const refresh = () => [...document.querySelectorAll("meta[http-equiv]")].some((m) =>
    m.httpEquiv.toLowerCase() === "refresh" && parseFloat(m.content) * 1000 <= timerMs);
  const timerDue = (now) => now - start < timerCapMs &&
    ([...loaders.timers.values()].some((delay) => delay <= timerMs) || refresh());
  const idle = () =>
    document.readyState === "complete" && loaders.pending.size === 0 && loaders.scripts.size === 0;
  const tick = () => {
    const now = performance.now();
    if (typeof window[key] === "number") last = Math.max(last, window[key]);
    const known = !!loaders && !!loaders.timers;  // without loaders.js: the full window only
    const need = known && idle() ? Math.min(idleQuietMs, quietMs) : quietMs;
    if (now - last >= need && !(known && timerDue(now))) {
      observer.disconnect();
      resolve({ quiet: true, ms: Math.round(now - start) });
    } else if (now - start >= capMs) {
      observer.disconnect();
      resolve({ quiet: false, ms: Math.round(now - start) });
    } else {
      later(tick, Math.max(10, Math.min(50, need - (now - last))));
    }
  };
  tick();
})
