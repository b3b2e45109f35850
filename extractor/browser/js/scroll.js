// Scroll down one viewport at a time so IntersectionObserver and scroll-driven loaders fire,
// at most `steps` steps and `budgetMs` long, then scroll back to the top.
async ({ steps, budgetMs, pauseMs }) => {
  const start = performance.now();
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
  const root = document.scrollingElement || document.documentElement;
  let taken = 0;
  for (; taken < steps; taken++) {
    if (performance.now() - start > budgetMs) break;
    const before = root.scrollTop;
    window.scrollBy(0, Math.max(200, Math.floor(window.innerHeight * 0.9)));
    await frame();
    await sleep(pauseMs);
    const atBottom = root.scrollTop + window.innerHeight >= root.scrollHeight - 2;
    if (root.scrollTop === before || atBottom) { taken++; break; }
  }
  window.scrollTo(0, 0);
  await frame();
  return { steps: taken, ms: Math.round(performance.now() - start) };
}
