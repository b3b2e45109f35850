// Added before any page script: count what can load more content while the reader scrolls,
// so scrolling knows whether to wait for it (kept under a registry symbol, not a name):
//   started   fetch() and XMLHttpRequest calls made so far (a running number);
//   pending   the numbers of those not finished yet;
//   observers IntersectionObserver targets observed, and scroll/wheel listeners added;
//   timers    setTimeout calls not run or cleared yet (id -> delay in ms), so settling can wait
//             for a render a page put off by a moment; lastTimer, the latest id (ids only grow).
//             A timer set by a timer's own callback is the next link of a chain; from the
//             CHAIN_MAX + 1st link on it is a polling loop (a script waiting for something, an
//             animation stepped by timers), which is not work put off and is not counted;
//   scripts   script elements added after the load event with a src not loaded or failed yet;
//   later     the browser's own setTimeout, for the capture's scripts, whose waits are not the page's;
//   watchesScroll() whether anything can change when the page is scrolled: an observer target,
//             a scroll or wheel listener, or an onscroll/onwheel handler.
(() => {
  const key = Symbol.for("extractor.loaders");
  const state = { started: 0, pending: new Set(), observers: 0, timers: new Map(), lastTimer: 0, scripts: new Set() };
  window[key] = state;
  const begin = () => { const id = ++state.started; state.pending.add(id); return id; };
  const fetch = window.fetch;
  if (fetch) {
    window.fetch = function (...args) {
      const id = begin();
      const done = () => state.pending.delete(id);
      let result;
      try { result = fetch.apply(this, args); } catch (e) { done(); throw e; }
      Promise.resolve(result).then(done, done);
      return result;
    };
  }
  const send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.send = function (...args) {
    const id = begin();
    this.addEventListener("loadend", () => state.pending.delete(id), { once: true });
    try { return send.apply(this, args); } catch (e) { state.pending.delete(id); throw e; }
  };
  const setTimer = window.setTimeout;
  const clearTimer = window.clearTimeout;
  const clearRepeat = window.clearInterval;
  state.later = (fn, ms) => setTimer.call(window, fn, ms);
  state.watchesScroll = () =>
    state.observers > 0 || [window, document, document.body].some((t) => t && (t.onscroll || t.onwheel));
  const CHAIN_MAX = 3;
  let link = 0; // the chain link of the timer callback running now (0: none is running)
  window.setTimeout = function (handler, delay, ...args) {
    if (typeof handler !== "function") return setTimer.call(window, handler, delay, ...args);
    const own = link + 1;
    let id;
    const run = function (...given) {
      state.timers.delete(id);
      const outer = link;
      link = own;
      try { return handler.apply(this, given); } finally { link = outer; }
    };
    id = setTimer.call(window, run, delay, ...args);
    if (own <= CHAIN_MAX) state.timers.set(id, Number(delay) || 0);
    state.lastTimer = Math.max(state.lastTimer, id);
    return id;
  };
  window.clearTimeout = function (id) { state.timers.delete(id); return clearTimer.call(window, id); };
  window.clearInterval = function (id) { state.timers.delete(id); return clearRepeat.call(window, id); };
  const loading = (node) => {
    if (node.nodeName !== "SCRIPT" || !node.src) return;
    state.scripts.add(node);
    const done = () => state.scripts.delete(node);
    node.addEventListener("load", done, { once: true });
    node.addEventListener("error", done, { once: true });
  };
  // a script added before the load event holds the load event back (readyState says so): only
  // the ones added after it are watched, so parsing pays nothing for this
  window.addEventListener("load", () => {
    new MutationObserver((changes) => {
      for (const change of changes) for (const node of change.addedNodes) loading(node);
    }).observe(document, { subtree: true, childList: true });
  }, { once: true });
  if (window.IntersectionObserver) {
    const observe = IntersectionObserver.prototype.observe;
    IntersectionObserver.prototype.observe = function (...args) {
      state.observers++;
      return observe.apply(this, args);
    };
  }
  const listen = EventTarget.prototype.addEventListener;
  EventTarget.prototype.addEventListener = function (type, ...rest) {
    if (type === "scroll" || type === "wheel") state.observers++;
    return listen.call(this, type, ...rest);
  };
})();
