// Added before any page script, top document only: when a navigation away starts (the page's own
// script navigated, or a redirect), hand its rendered view to the capture through the DevTools
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
      send(JSON.stringify({ url: location.href, dom: capture(options), sightings: walls }));
    } catch (e) { /* never break the page */ }
  });
})();
