// Starts each H5P player of a lesson and sends its xAPI statements to the server.
// Same-origin mode: the player runs in this page's origin (see README, "H5P").
(function () {
  "use strict";
  function cookie(name) {
    var match = document.cookie.match(new RegExp("(?:^|; )" + name + "=([^;]*)"));
    return match ? decodeURIComponent(match[1]) : "";
  }
  function post(url, body) {
    return fetch(url, {
      method: "POST", credentials: "same-origin", body: JSON.stringify(body),
      headers: {"Content-Type": "application/json", "X-CSRFToken": cookie("csrftoken")}
    });
  }
  var started = false;
  function start() {
    if (started || !window.H5PStandalone) return;
    started = true;
    var players = document.querySelectorAll(".h5p-player[data-settings-id]");
    var byObject = {};
    players.forEach(function (element) {
      var settings = JSON.parse(document.getElementById(element.dataset.settingsId).textContent);
      var options = {
        h5pJsonPath: settings.h5p_json_path, librariesPath: settings.libraries_path,
        frameJs: settings.frame_js, frameCss: settings.frame_css, customJs: settings.custom_js,
        id: settings.id, xAPIObjectIRI: settings.object_iri, frame: false, copyright: false, export: false, embed: false,
        saveFreq: settings.user_mail ? 15 : false,
        contentUserData: [{state: settings.state || undefined}],
        ajax: {contentUserDataUrl: settings.state_url}
      };
      if (settings.user_mail) options.user = {name: settings.user_name, mail: settings.user_mail};
      new window.H5PStandalone.H5P(element, options).then(function () {
        element.dataset.ready = "true";
      });
      byObject[settings.id] = settings;
    });
    var listening = false;
    var timer = setInterval(function () {
      if (listening || !window.H5P || !window.H5P.externalDispatcher) return;
      listening = true;
      clearInterval(timer);
      window.H5P.externalDispatcher.on("xAPI", function (event) {
        var statement = event.data && event.data.statement;
        var objectId = (statement.object && statement.object.id) || "";
        var settings = Object.keys(byObject).map(function (key) { return byObject[key]; })
          .filter(function (s) { return objectId.indexOf(s.object_iri) === 0; })[0]
          || byObject[Object.keys(byObject)[0]];
        if (!statement || !settings || !settings.user_mail) return;
        post(settings.xapi_url, statement).then(function (response) {
          document.dispatchEvent(new CustomEvent("sse_academy:xapi-stored", {detail: response.status}));
        });
      });
    }, 200);
  }
  window.addEventListener("load", start);
})();
