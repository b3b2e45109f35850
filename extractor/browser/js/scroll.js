// Scroll down one viewport at a time so IntersectionObserver and scroll-driven loaders fire, and
// keep going while the page grows. After each step, wait (at most stepWaitMs) for the requests
// that step set off, and for the DOM changes that follow them; at the bottom, give what the
// last step set off (a request, a timer of at most graceMs) the time to grow the page. A page with
// nothing that watches scrolling (no IntersectionObserver target, no scroll or wheel listener or
// handler) cannot change when scrolled and is not scrolled. Bounded by `steps`, `budgetMs` and
// `maxHeight` (pixels scrolled); then back to the top. Says how many steps it took, how many
// grew the page and how many requests the scrolling set off.
async ({ steps, budgetMs, pauseMs, stepWaitMs, graceMs, floorMs, maxHeight }) => {
  const start = performance.now();
  const loaders = window[Symbol.for("extractor.loaders")] || { started: 0, pending: new Set(), observers: 0 };
  // without the page helpers (a document that refused them) nothing says what watches: scroll
  const later = loaders.later || ((fn, ms) => setTimeout(fn, ms));
  const sleep = (ms) => new Promise((r) => later(r, ms));
  const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
  const root = document.scrollingElement || document.documentElement;
  if (loaders.watchesScroll && !loaders.watchesScroll()) return { steps: 0, grew: 0, requests: 0, ms: 0 };
  const mutationKey = Symbol.for("extractor.lastMutation");
  const QUIET_MS = 120; // the DOM counts as still changing for this long after a mutation
  const left = () => budgetMs - (performance.now() - start);
  const height = () => root.scrollHeight;
  const changing = () => performance.now() - (window[mutationKey] || 0) < QUIET_MS;
  // requests started after the running number `since`, still pending
  const waiting = (since) => [...loaders.pending].some((id) => id > since);
  const busy = (since) => waiting(since) || (loaders.started > since && changing());

  async function idle(since, capMs) {
    const until = performance.now() + Math.min(capMs, left());
    while (busy(since)) {
      if (performance.now() >= until) return false;
      await sleep(25);
    }
    return true;
  }

  // timers of at most graceMs set after the timer id `sinceTimer` and still pending (a loader
  // that waits a moment, or a scroll handler debounced)
  const timing = (sinceTimer) =>
    !!loaders.timers && [...loaders.timers].some(([id, delay]) => id > sinceTimer && delay <= graceMs);

  // at the bottom: wait until the page grows, while what this step set off (a request, a short
  // timer) is pending; at most graceMs for it to start growing the page, then stepWaitMs more
  // An observer's callback is a task of its own, which a busy machine may run well after the
  // frames that follow the scroll: for the first floorMs nothing counts as not set off.
  async function grows(before, since, sinceTimer) {
    const floorUntil = performance.now() + Math.min(floorMs, left());
    const graceUntil = performance.now() + Math.min(graceMs, left());
    const until = graceUntil + Math.min(stepWaitMs, left());
    while (performance.now() < until) {
      if (height() > before + 2) { await idle(since, stepWaitMs); return true; }
      const now = performance.now();
      const setOff = now < floorUntil || waiting(since) || (now < graceUntil && timing(sinceTimer));
      if (!setOff) return false;
      await sleep(25);
    }
    return height() > before + 2;
  }

  const startedBefore = loaders.started;
  let taken = 0;
  let grew = 0;
  while (taken < steps && left() > 0 && root.scrollTop < maxHeight) {
    taken++;
    const before = height();
    const since = loaders.started;
    const sinceTimer = loaders.lastTimer || 0;
    window.scrollBy(0, Math.max(200, Math.floor(window.innerHeight * 0.9)));
    await frame(); // the scroll is laid out and observers are notified
    await frame(); // and their callbacks have run
    await sleep(pauseMs);
    await idle(since, stepWaitMs);
    if (height() > before + 2) { grew++; continue; }
    const atBottom = root.scrollTop + window.innerHeight >= height() - 2;
    if (!atBottom) continue;
    if (!(await grows(before, since, sinceTimer))) break;
    grew++;
  }
  window.scrollTo(0, 0);
  await frame();
  return { steps: taken, grew, requests: loaders.started - startedBefore, ms: Math.round(performance.now() - start) };
}
