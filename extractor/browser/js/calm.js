// Resolve true once the page has loaded (readyState "complete") and none of its fetch() or
// XMLHttpRequest calls, nor a script it added (counted by loaders.js), has been pending for
// calmMs in a row; false after
// capMs. Ends the network part of settling as soon as the page is done asking, rather than after
// a fixed idle window.
({ calmMs, capMs }) => new Promise((resolve) => {
  const loaders = window[Symbol.for("extractor.loaders")];
  const later = loaders && loaders.later ? loaders.later : (fn, ms) => setTimeout(fn, ms);
  const start = performance.now();
  let since = null;
  const tick = () => {
    const now = performance.now();
    const calm = document.readyState === "complete" &&
      (!loaders || (loaders.pending.size === 0 && (!loaders.scripts || loaders.scripts.size === 0)));
    since = calm ? (since === null ? now : since) : null;
    if (since !== null && now - since >= calmMs) resolve(true);
    else if (now - start >= capMs) resolve(false);
    else later(tick, 10);
  };
  tick();
})
