// The lesson page's side of the isolated H5P player (ACADEMY_H5P_PLAYER_ORIGIN): it
// accepts messages only from the player's origin and only from the frame of the
// block they name, and relays statements and state to the server with the
// learner's session. The player itself never holds the learner's identity.
(function () {
  "use strict";
  function cookie(name) {
    var match = document.cookie.match(new RegExp("(?:^|; )" + name + "=([^;]*)"));
    return match ? decodeURIComponent(match[1]) : "";
  }
  function post(url, body, type) {
    return fetch(url, {method: "POST", credentials: "same-origin", body: body,
                       headers: {"Content-Type": type, "X-CSRFToken": cookie("csrftoken")}});
  }
  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  var players = {};
  document.querySelectorAll("iframe.h5p-isolated[data-settings-id]").forEach(function (frame) {
    var settings = JSON.parse(document.getElementById(frame.dataset.settingsId).textContent);
    players[settings.id] = {frame: frame, settings: settings};
  });

  window.addEventListener("message", function (event) {
    var data = event.data;
    if (!isObject(data) || typeof data.block !== "string") return;
    var player = Object.prototype.hasOwnProperty.call(players, data.block) ? players[data.block] : null;
    if (!player || event.origin !== player.settings.player_origin
        || event.source !== player.frame.contentWindow) return;
    var settings = player.settings;
    if (data.type === "academy-h5p:ready") {
      event.source.postMessage({type: "academy-h5p:init", state: settings.state,
                                object_iri: settings.object_iri, signed_in: settings.signed_in},
                               settings.player_origin);
    } else if (data.type === "academy-h5p:xapi" && settings.signed_in && isObject(data.statement)) {
      var statement = data.statement;
      delete statement.actor;  // the server writes the learner's actor itself
      post(settings.xapi_url, JSON.stringify(statement), "application/json").then(function (response) {
        document.dispatchEvent(new CustomEvent("sse_academy:xapi-stored", {detail: response.status}));
      });
    } else if (data.type === "academy-h5p:state" && settings.signed_in && typeof data.state === "string") {
      post(settings.state_url, "data=" + encodeURIComponent(data.state),
           "application/x-www-form-urlencoded");
    } else if (data.type === "academy-h5p:resize" && typeof data.height === "number") {
      player.frame.style.height = Math.min(Math.max(Math.ceil(data.height), 150), 4000) + "px";
    }
  });
})();
