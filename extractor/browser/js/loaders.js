// Added before any page script: count what can load more content while the reader scrolls,
// so scrolling knows whether to wait for it (kept under a registry symbol, not a name):
//   started   fetch() and XMLHttpRequest calls made so far (a running number);
//   pending   the numbers of those not finished yet;
//   observers IntersectionObserver targets observed, and scroll/wheel listeners added.
(() => {
  const key = Symbol.for("extractor.loaders");
  const state = { started: 0, pending: new Set(), observers: 0 };
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
