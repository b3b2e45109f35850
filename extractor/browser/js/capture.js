// Serialize the settled DOM as the page shows it, for the pure steps that follow.
//
// - shadow roots (open, and closed ones kept by shadow.js) are inlined in place as
//   <div data-x-shadow-root>, slots filled with what is assigned to them; same-origin iframes
//   become <div data-x-frame="URL"> holding their body;
// - what the page does not show is dropped: display:none, visibility:hidden, zero-size clipped
//   boxes, clipped (sr-only / skip-link) boxes, boxes placed off-screen, <noscript>, <template>;
//   but not the tab panels a tab strip hides (each panel is content), nor what a closed
//   <details> folds away (a disclosure's body is content a reader opens; a script-driven one
//   such as Docusaurus's hides it with display:none where the browser's own only folds it),
//   nor a panel hidden until a reader opens it (an accordion's answer, as the pure steps keep
//   it: see isHiddenPanel);
//   <head>, scripts (JSON-LD included) and styles are kept as they are;
// - lazy images get the URL they would load written into src, as written in the markup;
// - layout facts are written as attributes: data-x-overlay (percent of the viewport covered by a
//   fixed/sticky box), data-x-box on overlays and images, data-x-scroll-locked on <html>.
// Text comes from node values (textContent), so CSS text-transform never changes it.
(opts) => {
  const OVERLAY_MIN_SHARE = opts.overlayMinShare; // fixed/sticky boxes covering this share or more
  const VOID = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link",
    "meta", "param", "source", "track", "wbr"]);
  const RAW = new Set(["script", "style", "xmp", "iframe", "noembed", "noframes", "plaintext"]);
  const ALWAYS_KEEP = new Set(["head", "script", "style", "meta", "link", "title", "base"]);
  const ALWAYS_DROP = new Set(["noscript", "template"]);
  const NO_SIZE_CHECK = new Set(["img", "picture", "source", "video", "audio", "br", "wbr", "svg",
    "iframe", "canvas", "embed", "object", "input", "hr", "area", "map", "track", "slot"]);
  // the lazy-image vocabulary, from extractor/normalize/images.py
  const LAZY_SRC = opts.lazySrc;
  const LAZY_SRCSET = opts.lazySrcset;
  const PLACEHOLDER = new RegExp(opts.placeholder, "i");

  const vw = window.innerWidth;
  const vh = window.innerHeight;

  const escText = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const escAttr = (s) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;");

  function largestCandidate(srcset) {
    let best = null;
    let bestScore = -1;
    for (const part of srcset.split(/,\s+|,(?=\S+\s+\d)/)) {
      const bits = part.trim().split(/\s+/);
      if (!bits[0]) continue;
      const d = bits[1] || "1x";
      const n = parseFloat(d) || 1;
      const score = d.endsWith("w") ? n : n * 1000;
      if (score > bestScore) { best = bits[0]; bestScore = score; }
    }
    return best;
  }

  function chosenImageUrl(img) {
    for (const name of LAZY_SRC) {
      const v = img.getAttribute(name);
      if (v && v.trim() && !PLACEHOLDER.test(v)) return v.trim();
    }
    const src = img.getAttribute("src");
    if (src && src.trim() && !PLACEHOLDER.test(src)) return src.trim();
    for (const name of LAZY_SRCSET) {
      const v = img.getAttribute(name);
      const pick = v && largestCandidate(v);
      if (pick && !PLACEHOLDER.test(pick)) return pick;
    }
    const pic = img.parentElement && img.parentElement.localName === "picture" ? img.parentElement : null;
    if (pic) {
      for (const source of pic.querySelectorAll("source")) {
        const v = source.getAttribute("data-srcset") || source.getAttribute("srcset");
        const pick = v && largestCandidate(v);
        if (pick && !PLACEHOLDER.test(pick)) return pick;
      }
    }
    return src;
  }

  function isClipped(cs, rect) {
    const clip = cs.clip || "";
    if (/rect\(\s*0(px)?[ ,]+0(px)?[ ,]+0(px)?[ ,]+0(px)?\s*\)/.test(clip)) return true;
    if (/rect\(\s*1px[ ,]+1px[ ,]+1px[ ,]+1px\s*\)/.test(clip)) return true;
    const cp = cs.clipPath || "";
    if (/inset\(\s*(50|100)%/.test(cp)) return true;
    const hides = (v) => v === "hidden" || v === "clip";
    return (rect.width <= 1 || rect.height <= 1) && (hides(cs.overflowX) || hides(cs.overflowY));
  }

  function isOffscreen(el, cs, rect) {
    // placed entirely above or left of the document (left: -9999px and the like)
    if (cs.position !== "absolute" && cs.position !== "fixed") return false;
    const view = el.ownerDocument.defaultView || window;
    return rect.right + view.scrollX <= 0 || rect.bottom + view.scrollY <= 0;
  }

  // "drop": not shown at all; "invisible": its own text is not shown, but a descendant may
  // override visibility; "folded": the body of a closed disclosure, kept without what hides it;
  // false: shown.
  // A tab panel that its tab strip hides (ARIA tabs, or radio-button tabs: the panels are the
  // children of the block after the buttons). Every panel is content: the pure steps lay them
  // out one under the other, each under its tab's label.
  // a tab strip named by class, as shop themes write it ("tabs", "product-tabs", "nav-tabs"),
  // from extractor/article/tabs.py
  const TAB_NAMES = new RegExp(opts.tabNames, "i");
  // per document, the ids that a link inside a block named for tabs points to (read once)
  const tabTargets = new Map();
  function linkedFromTabs(el) {
    const doc = el.ownerDocument;
    let ids = tabTargets.get(doc);
    if (!ids) {
      ids = new Set();
      for (const a of doc.querySelectorAll('a[href^="#"]')) {
        if (a.parentElement && a.parentElement.closest('[class*="tab"]')) ids.add(a.getAttribute("href").slice(1));
      }
      tabTargets.set(doc, ids);
    }
    return ids.has(el.id);
  }

  function isTabPanel(el) {
    if (el.getAttribute("role") === "tabpanel") return true;
    const group = el.parentElement;
    const strip = group && group.previousElementSibling;
    if (!!strip && group.children.length >= 2 &&
      !!strip.querySelector('input[type="radio"]') && !!strip.querySelector("label[for]")) {
      return true;
    }
    if (!!strip && group.children.length >= 2 && TAB_NAMES.test(strip.getAttribute("class") || "")) {
      return true; // the panels in the block after a strip named "tabs"
    }
    return !!el.id && linkedFromTabs(el);
  }

  function inTabPanel(el) {
    for (let a = el; a && a.nodeType === Node.ELEMENT_NODE; a = a.parentElement) {
      if (isTabPanel(a)) return true;
    }
    return false;
  }

  // a panel a reader opens in place (an accordion's body, a collapsible block), folded to no
  // height by its script rather than hidden: named so (from extractor/article/boilerplate.py)
  const DISCLOSED_NAMES = new RegExp(opts.disclosedNames, "i");
  function isCollapsedPanel(el, rect) {
    if (rect.height > 1 || rect.width <= 1) return false; // (a 1px box is a screen-reader label)
    const names = (el.getAttribute("class") || "") + " " + (el.id || "");
    return DISCLOSED_NAMES.test(names) && !el.closest("nav, [role=navigation], [role=menu]");
  }

  // a panel hidden (display:none) until a reader opens it, as the pure steps keep it: named as
  // such, under the control that opens it (a heading or button just before it), outside menus;
  // or opened by a disclosure control (aria-expanded + aria-controls), or just after a button
  // (the panel a "View details" button shows), and reading as text, not as a menu of links or
  // a form
  const DISCLOSED_TEXT_CHARS = opts.disclosedTextChars;
  const DISCLOSED_MAX_LINKED = opts.disclosedMaxLinked;
  const hiddenPanels = new WeakSet();
  let openedIds = null;
  function readsAsText(el) {
    const text = (el.textContent || "").trim().length;
    let linked = 0;
    for (const a of el.querySelectorAll("a")) linked += (a.textContent || "").length;
    return text - linked >= DISCLOSED_TEXT_CHARS && linked <= DISCLOSED_MAX_LINKED * text;
  }
  function isHiddenPanel(el) {
    if (el.closest("nav, [role=navigation], [role=menu], [role=menubar], [role=dialog]")) return false;
    const names = (el.getAttribute("class") || "") + " " + (el.id || "");
    if (DISCLOSED_NAMES.test(names) && underItsOpener(el)) return true;
    if (underItsButton(el) && readsAsText(el) && !el.querySelector("form, input, textarea")) return true;
    if (!el.id) return false;
    if (openedIds === null) {
      openedIds = new Set();
      for (const c of document.querySelectorAll("[aria-expanded][aria-controls]")) {
        for (const id of (c.getAttribute("aria-controls") || "").split(/\s+/)) if (id) openedIds.add(id);
      }
    }
    return openedIds.has(el.id) && readsAsText(el);
  }
  const OPENER = "h1, h2, h3, h4, h5, h6, button, summary, [role=button], [aria-expanded]";
  function underItsOpener(el) {
    const prev = el.previousElementSibling;
    return !!prev && (prev.matches(OPENER + ", [tabindex]") || !!prev.querySelector(OPENER));
  }
  function underItsButton(el) {
    const prev = el.previousElementSibling;
    return !!prev && prev.matches("button, [role=button]");
  }
  function inHiddenPanel(el) {
    for (let a = el.parentElement; a; a = a.parentElement) if (hiddenPanels.has(a)) return true;
    return false;
  }

  // inside a closed <details>, below its <summary>: folded away, not hidden
  function inClosedDisclosure(el) {
    const details = el.parentElement && el.parentElement.closest("details");
    return !!details && !details.open && !el.closest("summary");
  }

  function hidden(el, name) {
    if (ALWAYS_KEEP.has(name)) return false;
    const view = el.ownerDocument.defaultView || window;
    const cs = view.getComputedStyle(el);
    if (cs.display === "none") {
      if (isTabPanel(el)) return false;
      if (inClosedDisclosure(el)) return "folded";
      if (isHiddenPanel(el)) { hiddenPanels.add(el); return "folded"; }
      return "drop";
    }
    if (name === "html" || name === "body") return false;
    if (cs.visibility === "hidden" || cs.visibility === "collapse") return "invisible";
    if (cs.display === "contents") return false;
    if (NO_SIZE_CHECK.has(name)) return false;
    const rect = el.getBoundingClientRect();
    if (isClipped(cs, rect) || isOffscreen(el, cs, rect)) {
      if (isCollapsedPanel(el, rect)) return "folded";
      // no box inside a hidden panel or a folded disclosure: not hidden itself
      return inTabPanel(el) || inClosedDisclosure(el) || inHiddenPanel(el) ? false : "drop";
    }
    return false;
  }

  function layoutAttrs(el, name) {
    const out = [];
    if (el.ownerDocument !== document) return out;
    if (name === "img") {
      const r = el.getBoundingClientRect();
      out.push(["data-x-box", `${Math.round(r.x + window.scrollX)},${Math.round(r.y + window.scrollY)},${Math.round(r.width)},${Math.round(r.height)}`]);
      return out;
    }
    const cs = getComputedStyle(el);
    if (cs.position === "fixed" || cs.position === "sticky") {
      const r = el.getBoundingClientRect();
      const w = Math.max(0, Math.min(r.right, vw) - Math.max(r.left, 0));
      const h = Math.max(0, Math.min(r.bottom, vh) - Math.max(r.top, 0));
      const share = (w * h) / (vw * vh);
      if (share >= OVERLAY_MIN_SHARE) {
        out.push(["data-x-overlay", String(Math.round(share * 100))]);
        out.push(["data-x-box", `${Math.round(r.x)},${Math.round(r.y)},${Math.round(r.width)},${Math.round(r.height)}`]);
      }
    }
    return out;
  }

  function scrollLocked() {
    const locks = (el) => {
      if (!el) return false;
      const cs = getComputedStyle(el);
      return cs.overflowY === "hidden" || cs.overflowY === "clip" || (el === document.body && cs.position === "fixed");
    };
    const tall = document.documentElement.scrollHeight > vh + 10 || (document.body && document.body.scrollHeight > vh + 10);
    return tall && (locks(document.documentElement) || locks(document.body));
  }

  function absolute(el, name, value) {
    // inside an inlined iframe, URLs are made absolute against the frame's own address
    try { return new URL(value, el.baseURI).href; } catch (e) { return value; }
  }

  function openTag(el, name, extra, inFrame, invisible, unhide) {
    let s = "<" + name;
    const override = new Map(extra);
    for (const attr of el.attributes) {
      if (override.has(attr.name)) continue;
      // a hidden box kept for a visible descendant: drop what hid it, the decision is made
      if ((invisible || unhide) && (attr.name === "style" || attr.name === "hidden")) continue;
      let value = attr.value;
      if (inFrame && (attr.name === "href" || attr.name === "src")) value = absolute(el, name, value);
      s += " " + attr.name + '="' + escAttr(value) + '"';
    }
    for (const [k, v] of override) s += " " + k + '="' + escAttr(v) + '"';
    return s + ">";
  }

  // open roots, and closed ones remembered by shadow.js (per document: frames have their own)
  function shadowOf(el) {
    if (el.shadowRoot) return el.shadowRoot;
    const view = el.ownerDocument.defaultView;
    const roots = view && view[Symbol.for("extractor.shadowRoots")];
    return (roots && roots.get(el)) || null;
  }

  let shown = 0; // visible text nodes and images written so far

  function children(node, out, inFrame, inHead, invisible) {
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (invisible && c.nodeType === Node.TEXT_NODE) continue;
      serialize(c, out, inFrame, inHead);
    }
  }

  function serialize(node, out, inFrame, inHead) {
    if (node.nodeType === Node.TEXT_NODE) {
      const parent = node.parentNode && node.parentNode.localName;
      if (RAW.has(parent)) { out.push(node.nodeValue); return; }
      if (node.nodeValue.trim()) shown++;
      out.push(escText(node.nodeValue));
      return;
    }
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    const el = node;
    const name = el.localName;
    if (ALWAYS_DROP.has(name)) return;
    const head = inHead || name === "head";
    const verdict = head ? false : hidden(el, name);
    if (verdict === "drop") return;
    if (verdict === "invisible") {
      // keep the element only when a descendant overrides visibility and shows something
      const before = shown;
      const sub = [];
      element(el, name, sub, inFrame, head, true);
      if (shown > before) out.push(...sub);
      return;
    }
    element(el, name, out, inFrame, head, false, verdict === "folded");
  }

  function element(el, name, out, inFrame, head, invisible, unhide) {
    if (name === "slot") {
      const assigned = el.assignedNodes({ flatten: true });
      if (assigned.length) { for (const n of assigned) serialize(n, out, inFrame, head); }
      else children(el, out, inFrame, head, invisible);
      return;
    }
    if (name === "iframe") {
      let doc = null;
      try { doc = el.contentDocument; } catch (e) { doc = null; }
      if (doc && doc.body) {
        let url = el.getAttribute("src") || "about:srcdoc";
        try { url = doc.location.href; } catch (e) { /* keep the attribute */ }
        // the frame's own names and layout go on its stand-in: a consent manager or a
        // challenge that draws itself in a frame covering the page is an overlay
        let attrs = ' data-x-frame="' + escAttr(url) + '"';
        for (const n of ["id", "class", "title"]) {
          const v = el.getAttribute(n);
          if (v) attrs += " " + n + '="' + escAttr(v) + '"';
        }
        for (const [k, v] of layoutAttrs(el, "div")) attrs += " " + k + '="' + escAttr(v) + '"';
        out.push("<div" + attrs + ">");
        children(doc.body, out, true, false, invisible);
        out.push("</div>");
        return;
      }
    }
    const extra = head ? [] : layoutAttrs(el, name);
    if (name === "img") {
      extra.push(["src", chosenImageUrl(el) || ""]);
      if (!invisible) shown++;
    }
    if (name === "html" && scrollLocked()) extra.push(["data-x-scroll-locked", "1"]);
    out.push(openTag(el, name, extra, inFrame, invisible, unhide));
    if (VOID.has(name)) return;
    const shadow = shadowOf(el);
    if (shadow) {
      out.push("<div data-x-shadow-root>");
      children(shadow, out, inFrame, head, invisible);
      out.push("</div>");
    } else {
      children(el, out, inFrame, head, invisible);
    }
    out.push("</" + name + ">");
  }

  const out = [];
  if (document.doctype) out.push("<!DOCTYPE " + document.doctype.name + ">");
  serialize(document.documentElement, out, false, false);
  return out.join("");
}
