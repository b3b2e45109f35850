document.getElementById("widget").textContent =
  "Third-party widget text: readers who viewed this also viewed the weather.";
