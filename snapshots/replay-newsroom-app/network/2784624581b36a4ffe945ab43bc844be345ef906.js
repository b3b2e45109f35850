// A newsroom front-end in the way many are built: the shell shows an interstitial while the
// bundle asks the story API (with the reader's token), then renders the story. The edition
// line comes from the reader's clock, the "most read" order from an A/B bucket drawn with
// Math.random, and the share link carries campaign tags and a per-visit id.
(function () {
  var now = new Date();
  var edition = now.toISOString().slice(0, 10);
  var bucket = Math.random() < 0.5 ? "a" : "b";
  var visit = Math.floor(Math.random() * 2176782336).toString(36);

  function render(story) {
    var mostRead = bucket === "a" ? story.most_read : story.most_read.slice().reverse();
    var share = location.origin + location.pathname + "?utm_source=share&utm_medium=copy&visit=" + visit;
    var html = "<main><article><h1></h1><p class=\"edition\">Edition of " + edition + "</p>";
    story.paragraphs.forEach(function () { html += "<p class=\"para\"></p>"; });
    html += "<p><a class=\"share\">Share this story</a></p></article>";
    html += "<aside><h2>Most read</h2><ol></ol></aside></main>";
    document.getElementById("app").innerHTML = html;
    document.querySelector("h1").textContent = story.title;
    document.querySelectorAll(".para").forEach(function (p, i) { p.textContent = story.paragraphs[i]; });
    document.querySelector(".share").href = share;
    var list = document.querySelector("ol");
    mostRead.forEach(function (title) {
      var li = document.createElement("li");
      li.textContent = title;
      list.appendChild(li);
    });
    document.title = story.title + " | Harbour Ledger";
    document.getElementById("challenge").remove();
  }

  fetch("api/story.json?delay=600", { headers: { Authorization: "Bearer reader-token-5f1c9a" } })
    .then(function (r) { return r.json(); })
    .then(render);
})();
