// The page's Date starts at the instant the page was recorded and runs on from there, so an
// edition date or a "3 minutes ago" reads the same on every replay. Only Date moves: timers
// and performance.now() stay real, so settling and the wall watcher's timings are untouched.
(() => {
  const start = START_MS;
  const RealDate = Date;
  const shift = start - RealDate.now();
  class PinnedDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(RealDate.now() + shift);
      else super(...args);
    }
    static now() {
      return RealDate.now() + shift;
    }
  }
  // Date() called without `new` returns the current time as a string
  globalThis.Date = new Proxy(PinnedDate, {
    apply: () => new PinnedDate().toString(),
  });
})();
