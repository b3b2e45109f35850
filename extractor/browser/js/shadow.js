// Added before any page script: keep a reference to every shadow root, closed ones included,
// so the capture can inline what the page shows inside closed components too.
(() => {
  const key = Symbol.for("extractor.shadowRoots");
  const roots = new WeakMap();
  window[key] = roots;
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attach.call(this, init);
    roots.set(this, root);
    return root;
  };
})();
