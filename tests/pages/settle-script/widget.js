// the widget: a paragraph added to the article
(function () {
  var note = document.createElement("p");
  note.id = "late-script";
  note.textContent = "Divers begin their survey of the old piles on Monday.";
  document.querySelector("main").appendChild(note);
})();
