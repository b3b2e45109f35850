// Resolve true once the page has loaded (readyState "complete") and none of its fetch() or
// XMLHttpRequest calls (counted by loaders.js) has been pending for calmMs in a row; false after
// capMs. Ends the network part of settling as soon as the page is done asking, rather than after
// a fixed idle window.
({ calmMs, capMs }) => new Promise((resolve) => {
  const loaders = window[Symbol.for("extractor.loaders")];
  const start = performance.now();
  let since = null;
  const tick = () => {
    const now = performance.now();
    const calm = document.readyState === "complete" && (!loaders || loaders.pending.size === 0);
    since = calm ? (since === null ? now : since) : null;
    if (since !== null && now - since >= calmMs) resolve(true);
    else if (now - start >= capMs) resolve(false);
    else setTimeout(tick, 25);
  };
  tick();
})
