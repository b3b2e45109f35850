// After settling, in one call: is the page there yet, does anything watch scrolling, and, when
// it is there and will not be scrolled, the article's "Read more" controls clicked (expand.js).
// The page is not there yet while it shows almost no text (a page with scripts and fewer than
// emptyChars visible characters: an app still rendering) or while a passing wall is up (a
// sighting of one of the `passing` lexicon entries, not cleared). `collect` is the wall
// watcher's collector and `expand` expand.js, both handed in as functions by the caller.
// Returns [there, visible characters (-1: no scripts), the sightings, watches scrolling,
// the labels clicked or null when expand.js did not run].
(opts, collect, expand) => {
  const body = document.body;
  const shown = document.scripts.length ? (body ? body.innerText.trim().length : 0) : -1;
  const sightings = collect();
  const passing = new Set(opts.passing);
  const walled = sightings.some((s) => s.cleared_ms === null && passing.has(s.phrase_id));
  const there = !(shown >= 0 && shown < opts.emptyChars) && !walled;
  const loaders = window[Symbol.for("extractor.loaders")];
  const watches = !loaders || !loaders.watchesScroll || loaders.watchesScroll();
  const clicked = opts.expand && there && !(opts.scroll && watches) ? expand(opts) : null;
  return [there, shown, sightings, watches, clicked];
}
