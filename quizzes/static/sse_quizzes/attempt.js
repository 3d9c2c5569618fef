// Autosave and countdown for a quiz attempt. The form works without this file:
// it only saves as you go, so a dropped connection or a reload loses nothing.
(function () {
  "use strict";
  var form = document.getElementById("quiz-form");
  if (!form) return;
  var status = form.querySelector(".autosave-status");
  var timer = null;

  function save() {
    var body = new FormData(form);
    fetch(form.dataset.autosaveUrl, {
      method: "POST", body: body, credentials: "same-origin",
      headers: { "Accept": "application/json" }
    }).then(function (response) {
      var type = response.headers.get("Content-Type") || "";
      if (type.indexOf("application/json") === -1) {
        status.textContent = response.statusText;  // refused: say so, do not retry
        return;
      }
      return response.json().then(function (data) {
        status.textContent = data.saved ? status.dataset.saved || "✓" : data.error;
      });
    }).catch(function () {
      status.textContent = "…";
      timer = setTimeout(save, 5000);  // offline: try again shortly
    });
  }

  form.addEventListener("change", function () {
    clearTimeout(timer);
    timer = setTimeout(save, 600);
  });

  var deadline = document.getElementById("deadline");
  if (deadline) {
    var end = new Date(deadline.dataset.deadline).getTime();
    var out = deadline.querySelector(".countdown");
    var tick = function () {
      var left = Math.max(0, Math.round((end - Date.now()) / 1000));
      out.textContent = " (" + Math.floor(left / 60) + ":" + String(left % 60).padStart(2, "0") + ")";
    };
    tick();
    setInterval(tick, 1000);
  }
})();
