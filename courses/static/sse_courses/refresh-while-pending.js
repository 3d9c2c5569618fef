// Reloads a status page every few seconds while it says work is still running
// (the page leaves the marker out once everything is done).
(function () {
  "use strict";
  var marker = document.querySelector("[data-refresh-while-pending]");
  if (!marker) return;
  var seconds = parseInt(marker.getAttribute("data-refresh-while-pending"), 10) || 5;
  setTimeout(function () { window.location.reload(); }, seconds * 1000);
})();
