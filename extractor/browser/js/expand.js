// Click the "Read more" controls of the article, so text the page keeps collapsed is shown.
// A control counts when its own label says "read more" in one of LABELS' languages, or when it
// is aria-expanded="false" and the box it controls (aria-controls) holds hidden text. It must sit
// in the article's likely container (itemprop=articleBody, article, [role=main], main), outside
// page chrome, comments, ads and teaser lists, and must not navigate: links with a real address
// and submit buttons are never clicked. At most maxClicks; returns the labels clicked.
({ maxClicks }) => {
  const LABELS = new RegExp("^(?:" + [
    // English
    "read more", "read the full (?:story|article|post)", "continue reading", "keep reading",
    "show more", "see more", "expand(?: article| story)?", "read full (?:story|article)", "more",
    // German, Dutch, Swedish, Danish, Norwegian
    "weiterlesen", "mehr lesen", "mehr anzeigen", "artikel weiterlesen", "ganzen artikel lesen",
    "alles anzeigen", "lees meer", "verder lezen", "toon meer", "läs mer", "visa mer", "læs mere",
    "vis mere", "les mer", "vis mer",
    // French, Spanish, Portuguese, Italian, Catalan
    "lire la suite", "lire plus", "voir plus", "afficher la suite", "afficher plus",
    "leer más", "seguir leyendo", "ver más", "mostrar más", "leer la noticia completa",
    "continuar lendo", "continuar a ler", "ler mais", "leia mais", "ver mais", "mostrar mais",
    "continua a leggere", "leggi tutto", "leggi di più", "mostra di più", "mostra altro",
    "llegir més", "continua llegint",
    // Polish, Czech, Russian, Ukrainian, Turkish, Greek
    "czytaj dalej", "czytaj więcej", "pokaż więcej", "číst dál", "zobrazit více",
    "читать далее", "читать полностью", "показать полностью", "показать ещё", "читати далі",
    "devamını oku", "daha fazla göster", "διαβάστε περισσότερα",
    // Japanese, Chinese, Korean
    "続きを読む", "もっと見る", "全文を表示", "全文を読む", "すべて表示", "さらに表示",
    "阅读全文", "展开全文", "查看全文", "展开阅读全文", "閱讀全文", "展開全文", "查看更多",
    "더 보기", "더보기", "전체 보기", "계속 읽기",
  ].join("|") + ")\\s*(?:[.…›»>+↓▼⌄]|\\.\\.\\.)?$", "iu");
  const CONTROLS = "button, [role=button], a, summary, [aria-expanded=false]";
  const CONTAINERS = "[itemprop~=articleBody], article, [role=main], main";
  const CHROME = "nav, header, footer, aside, form, [role=navigation], [role=banner], [role=contentinfo], [role=complementary]";
  const NOT_ARTICLE = /(^|[\s_-])(ads?|advert\w*|sponsor\w*|promo\w*|teaser\w*|related|recommend\w*|outbrain|taboola|comments?|newsletter|share|social|cookie\w*|consent)([\s_-]|$)/i;

  const label = (el) => (el.innerText || el.textContent || el.getAttribute("aria-label") || "").replace(/\s+/g, " ").trim();
  const shown = (el) => {
    const r = el.getBoundingClientRect();
    const cs = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && cs.visibility !== "hidden" && cs.display !== "none";
  };
  function navigates(el) {
    const link = el.closest("a[href]");
    if (link) {
      const href = link.getAttribute("href").trim();
      if (href && href !== "#" && !href.startsWith("#") && !/^javascript:/i.test(href)) return true;
    }
    const button = el.closest("button");
    if (button && button.form && (button.getAttribute("type") || "submit").toLowerCase() === "submit") return true;
    return false;
  }
  function outsideArticle(el) {
    if (!el.closest(CONTAINERS) || el.closest(CHROME)) return true;
    for (let node = el; node && node !== document.body; node = node.parentElement) {
      const names = (node.id || "") + " " + (typeof node.className === "string" ? node.className : "");
      if (NOT_ARTICLE.test(names)) return true;
    }
    return false;
  }
  function controlsHiddenText(el) {
    const ids = (el.getAttribute("aria-controls") || "").split(/\s+/).filter(Boolean);
    return ids.some((id) => {
      const box = document.getElementById(id);
      if (!box || !(box.textContent || "").trim()) return false;
      const r = box.getBoundingClientRect();
      const cs = getComputedStyle(box);
      return box.hidden || cs.display === "none" || cs.visibility === "hidden" || r.height < 2 || (box.innerText || "").trim().length < (box.textContent || "").trim().length / 2;
    });
  }
  const clicked = [];
  const seen = new Set();
  for (const el of document.querySelectorAll(CONTROLS)) {
    if (clicked.length >= maxClicks) break;
    if (seen.has(el) || !el.isConnected || !shown(el)) continue;
    const text = label(el);
    const byLabel = text.length <= 40 && LABELS.test(text);
    const byTarget = el.getAttribute("aria-expanded") === "false" && controlsHiddenText(el);
    if (!byLabel && !byTarget) continue;
    if (navigates(el) || outsideArticle(el)) continue;
    seen.add(el);
    if (el.localName === "summary" && el.parentElement && el.parentElement.localName === "details") {
      el.parentElement.open = true;
    } else {
      el.click();
    }
    clicked.push(text || el.getAttribute("aria-controls") || el.localName);
  }
  return clicked;
}
