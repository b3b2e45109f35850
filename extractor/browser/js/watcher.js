// In-page wall watcher. Added with add_init_script, so it runs at document start in every frame
// document. It watches the page while it loads (MutationObserver, throttled, plus a timer) for
// visible lexicon phrases shown where a wall would show them, and keeps, per lexicon entry, when
// the phrase first became visible and when it went away (ms since the first navigation start).
// The timeline survives same-origin navigations (a challenge page that reloads into the article)
// through sessionStorage. window.__extractorWalls() scans once more and returns the timeline.
// A same-origin frame (a consent manager's or a challenge's) watches its own document on the top
// document's clock and hands its timeline to the top one, which returns it with its own.
(() => {
  if (window.__extractorWalls) return;
  let host = null; // the top document's watcher, for a same-origin frame
  if (window.top !== window) {
    try { host = window.top.__extractorWalls || null; } catch (e) { host = null; }
    if (!host) return; // a frame of another origin, or a top document without a watcher
  }
  const ENTRIES = __ENTRIES__; // [[id, kind, strong, regex source, plain phrase or null], ...]
  const SHORT_BODY = 1500; // visible characters: below this the page is the message
  const OWN_SHARE = 0.5; // wall phrases make up this share of their block
  const BLOCK_MAX = 1200; // a longer block is article text
  const PROMPT_MAX = 600; // a container named for a wall holds at most this much text
  const OVERLAY_AREA = 0.3; // a fixed element covering this share of the viewport is an overlay
  const THROTTLE_MS = 200; // at most one scan per this many ms after mutations
  const TICK_MS = 500; // and one scan per tick regardless (CSS-driven changes)
  const STOP_MS = 120000; // stop the timer after this long
  const KEY = "__extractorWalls";
  const BLOCKS = "p,div,section,li,td,dialog,aside,form,header,footer,article,main,body,center,h1,h2,h3,h4,h5,h6,dd,figure";
  const QUOTING = "blockquote,q,code,pre,kbd,samp,cite,figcaption";
  const NAMES = __NAMES__; // class/id words per wall kind, as structure.py has them
  const KIND_NAMES = NAMES.kinds.map(([kind, source]) => [kind, new RegExp(source)]);
  const PROMPT_NAMES = new RegExp(NAMES.prompt);
  const NOT_NAMED = new RegExp(NAMES.not); // tokens naming other boxes (a newsletter modal)
  const MAX_OVERLAY_SCAN = 3000; // elements looked at for a blocking overlay, per scan
  const PLAIN = [[/[\u2018\u2019\u201a\u201b\u2032\u00b4]/g, "'"], [/[\u201c\u201d\u201e\u201f\u00ab\u00bb\u2039\u203a]/g, '"'],
    [/[\u2010-\u2014\u2212]/g, "-"], [/[\u200b-\u200d\u2060\ufeff\u00ad]/g, ""], [/\u00df/g, "ss"]];

  const rules = [];
  for (const [id, kind, strong, source, phrase] of ENTRIES) {
    try { rules.push({ id, kind, strong, phrase, rx: new RegExp(source, "u") }); } catch (e) { /* skip */ }
  }

  // the clock: ms since the first navigation start of this tab, across reloads
  const store = host ? null : (() => { try { return window.sessionStorage; } catch (e) { return null; } })();
  let saved = null;
  try { saved = store && JSON.parse(store.getItem(KEY) || "null"); } catch (e) { saved = null; }
  // only a document the previous one led to (a challenge reloading into the page) continues
  // its timeline; a navigation from outside starts a new one
  if (saved && (!document.referrer || saved.url !== document.referrer)) saved = null;
  const base = host ? host.base : saved && typeof saved.base === "number" ? saved.base : performance.timeOrigin;
  const clock = () => Math.round(performance.timeOrigin + performance.now() - base);
  const seen = new Map(saved && Array.isArray(saved.seen) ? saved.seen.map((s) => [s.phrase_id, s]) : []);

  const norm = (s) => {
    let out = (s || "").normalize("NFKC");
    for (const [rx, to] of PLAIN) out = out.replace(rx, to);
    return out.toLowerCase().replace(/\s+/g, " ").trim();
  };
  const fold = (s) => (s || "").replace(/\s+/g, " ").trim();

  function isOverlay(el) {
    const area = window.innerWidth * window.innerHeight || 1;
    for (let node = el; node && node !== document.documentElement; node = node.parentElement) {
      const pos = getComputedStyle(node).position;
      if (pos === "fixed" || pos === "sticky") {
        const r = node.getBoundingClientRect();
        const w = Math.max(0, Math.min(r.right, window.innerWidth) - Math.max(r.left, 0));
        const h = Math.max(0, Math.min(r.bottom, window.innerHeight) - Math.max(r.top, 0));
        return (w * h) / area >= OVERLAY_AREA;
      }
    }
    return false;
  }

  function namesOf(node) {
    const tokens = ((node.id || "") + " " + (typeof node.className === "string" ? node.className : "")).toLowerCase().split(/\s+/);
    return tokens.filter((t) => t && !NOT_NAMED.test(t)).join(" ");
  }

  function named(el) {
    for (let node = el, i = 0; node && i < 4; node = node.parentElement, i++) {
      const names = namesOf(node);
      if (names && (PROMPT_NAMES.test(names) || KIND_NAMES.some(([, rx]) => rx.test(names)))) return true;
    }
    return false;
  }

  function scrollLocked() {
    const hides = (v) => v === "hidden" || v === "clip";
    const root = getComputedStyle(document.documentElement);
    const body = getComputedStyle(document.body);
    return hides(root.overflowY) || hides(body.overflowY) || body.position === "fixed";
  }

  // a fixed box over most of the viewport, scrolling locked, named for a wall kind
  function overlays(current) {
    if (!scrollLocked()) return;
    const all = document.body.getElementsByTagName("*");
    const area = window.innerWidth * window.innerHeight || 1;
    for (let i = 0; i < Math.min(all.length, MAX_OVERLAY_SCAN); i++) {
      const el = all[i];
      const pos = getComputedStyle(el).position;
      if (pos !== "fixed" && pos !== "sticky") continue;
      const r = el.getBoundingClientRect();
      const w = Math.max(0, Math.min(r.right, window.innerWidth) - Math.max(r.left, 0));
      const h = Math.max(0, Math.min(r.bottom, window.innerHeight) - Math.max(r.top, 0));
      if ((w * h) / area < OVERLAY_AREA) continue;
      const names = namesOf(el);
      const hit = names && KIND_NAMES.find(([, rx]) => rx.test(names));
      if (hit) current.set(NAMES.prefix + hit[0], fold(el.innerText).slice(0, 300));
    }
  }

  function covered(text) {
    const spans = [];
    for (const r of rules) {
      if (r.kind === "widget") continue;
      const m = r.rx.exec(text);
      if (m && m[0].length) spans.push([m.index, m.index + m[0].length]);
    }
    spans.sort((a, b) => a[0] - b[0]);
    let total = 0, last = 0;
    for (const [s, e] of spans) { const from = Math.max(s, last); if (e > from) { total += e - from; last = e; } }
    return total;
  }

  function holderOf(root, rx) {
    let node = root;
    for (let depth = 0; depth < 80; depth++) {
      let next = null;
      for (const child of node.children) {
        if (child.tagName === "SCRIPT" || child.tagName === "STYLE" || child.tagName === "NOSCRIPT") continue;
        if (rx.test(norm(child.innerText))) { next = child; break; }
      }
      if (!next) return node;
      node = next;
    }
    return node;
  }

  function scan() {
    const body = document.body;
    if (!body) return;
    const now = clock();
    const bodyText = norm(body.innerText);
    const short = bodyText.length > 0 && bodyText.length < SHORT_BODY;
    const current = new Map();
    for (const r of rules) {
      if (r.kind === "widget" || (r.phrase && !bodyText.includes(r.phrase)) || !r.rx.test(bodyText)) continue;
      const holder = holderOf(body, r.rx);
      const box = holder.getBoundingClientRect();
      if (box.width < 1 || box.height < 1 || holder.closest(QUOTING)) continue;
      const block = holder.closest(BLOCKS) || holder;
      const text = norm(block.innerText);
      const overlay = isOverlay(holder);
      const own = text.length <= BLOCK_MAX && (covered(text) >= OWN_SHARE * text.length || (text.length <= PROMPT_MAX && named(block)));
      if (r.kind === "consent" ? !(short || overlay) : !(short || overlay || own)) continue;
      current.set(r.id, fold(block.innerText).slice(0, 300));
    }
    overlays(current);
    for (const [id, text] of current) {
      const known = seen.get(id);
      if (!known) seen.set(id, { phrase_id: id, text, first_seen_ms: now, cleared_ms: null });
      else if (known.cleared_ms !== null) known.cleared_ms = null;
    }
    for (const s of seen.values()) {
      if (!current.has(s.phrase_id) && s.cleared_ms === null) s.cleared_ms = now;
    }
  }

  // the browser's own setTimeout (loaders.js counts the page's timers; the watcher's are not)
  const loaders = window[Symbol.for("extractor.loaders")];
  const later = loaders && loaders.later ? loaders.later : (fn, ms) => setTimeout(fn, ms);
  let pending = null, lastRun = -1e9;
  const run = () => { pending = null; lastRun = performance.now(); try { scan(); } catch (e) { /* never break the page */ } };
  const schedule = () => {
    if (pending !== null) return;
    pending = later(run, Math.max(0, lastRun + THROTTLE_MS - performance.now()));
  };
  // watching starts once the parser is done (a scan then sees what the server sent): scans while
  // it still writes the document would only slow the page down; a collect scans anyway
  const watch = () => {
    schedule();
    new MutationObserver(schedule).observe(document, {
      childList: true, subtree: true, characterData: true, attributes: true,
      attributeFilter: ["class", "style", "hidden", "open"],
    });
    const timer = setInterval(() => { if (performance.now() > STOP_MS) clearInterval(timer); else schedule(); }, TICK_MS);
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", watch, { once: true });
  else watch();

  // a document that goes away takes its walls with it; keep the timeline for the next one
  window.addEventListener("pagehide", () => {
    try { scan(); } catch (e) { /* ignore */ }
    const now = clock();
    for (const s of seen.values()) if (s.cleared_ms === null) s.cleared_ms = now;
    const state = { base, url: location.href, seen: [...seen.values()] };
    try { store && store.setItem(KEY, JSON.stringify(state)); } catch (e) { /* ignore */ }
  });

  const frames = []; // [scan, seen] of the same-origin frames this document holds
  window.__extractorWalls = () => {
    try { scan(); } catch (e) { /* ignore */ }
    const all = new Map([...seen.values()].map((s) => [s.phrase_id, { ...s }]));
    for (const [frameScan, frameSeen] of frames) {
      try { frameScan(); } catch (e) { /* a frame that went keeps what it saw */ }
      for (const s of frameSeen.values()) {
        const known = all.get(s.phrase_id);
        if (!known || s.first_seen_ms < known.first_seen_ms) all.set(s.phrase_id, { ...s });
      }
    }
    return [...all.values()];
  };
  window.__extractorWalls.base = base;
  window.__extractorWalls.adopt = (frameScan, frameSeen) => { frames.push([frameScan, frameSeen]); };
  if (host) host.adopt(scan, seen);
  // the ids of the entries a text matches, as the watcher reads it (checked against Python)
  window.__extractorWalls.match = (text) => {
    const folded = norm(text);
    return rules.filter((r) => (!r.phrase || folded.includes(r.phrase)) && r.rx.test(folded)).map((r) => r.id);
  };
})();
