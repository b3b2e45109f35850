// Added before any page script, top document only: when a navigation away starts (the page's own
// script navigated, or a redirect), hand its rendered view to the capture through the page
// binding named __BINDING__, so that the last good view is kept if the next document fails.
(() => {
  if (window.top !== window) return;
  const capture = __CAPTURE__;
  const options = __OPTIONS__;
  addEventListener("beforeunload", () => {
    const send = window["__BINDING__"];
    if (typeof send !== "function") return;
    try {
      const walls = window.__extractorWalls ? window.__extractorWalls() : [];
      const view = { url: location.href, ready: document.readyState, dom: capture(options), sightings: walls };
      send(JSON.stringify(view));
    } catch (e) { /* never break the page */ }
  });
})();
