// Math.random as a seeded generator (mulberry32), installed before any page script runs when a
// page's network is recorded or replayed: an A/B bucket or a generated id comes out the same.
(() => {
  let state = 0x2f6b1d;
  Math.random = function random() {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
})();
