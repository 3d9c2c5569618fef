// The isolated H5P player (ACADEMY_H5P_PLAYER_ORIGIN). It runs on its own origin in a
// sandboxed iframe and talks to nobody but the lesson page on the site's origin:
// it receives the saved state from it and hands it xAPI statements, state and height.
(function () {
  "use strict";
  var settings = JSON.parse(document.getElementById("h5p-embed-settings").textContent);
  var siteOrigin = settings.site_origin;
  var blockId = new URLSearchParams(window.location.search).get("block") || "";
  var started = false;
  var lastState = null;

  // Browsers that block third-party storage deny localStorage to this frame, and H5P
  // stops half-way through its start when reading it: give it one that lasts the page.
  try {
    window.localStorage.getItem("h5p");
  } catch (denied) {
    var memory = {};
    Object.defineProperty(window, "localStorage", {configurable: true, value: {
      getItem: function (key) { return Object.prototype.hasOwnProperty.call(memory, key) ? memory[key] : null; },
      setItem: function (key, value) { memory[key] = String(value); },
      removeItem: function (key) { delete memory[key]; },
      clear: function () { memory = {}; },
      key: function (index) { return Object.keys(memory)[index] || null; },
      get length() { return Object.keys(memory).length; }
    }});
  }

  function tell(message) {
    message.block = blockId;
    // A target origin, never "*": if the frame was framed elsewhere, nothing is sent.
    window.parent.postMessage(message, siteOrigin);
  }

  // H5P would save the learner's state with an AJAX POST, but this origin has no
  // session: hand the state to the lesson page instead.
  function keepStateThroughLessonPage() {
    window.H5P.setUserData = function (contentId, dataId, data) {
      if (dataId !== "state") return;
      var state = JSON.stringify(data === undefined ? null : data);
      if (state === lastState) return;
      lastState = state;
      tell({type: "academy-h5p:state", state: state});
    };
  }

  function relayStatements() {
    window.H5P.externalDispatcher.on("xAPI", function (event) {
      var statement = event.data && event.data.statement;
      if (statement) tell({type: "academy-h5p:xapi", statement: JSON.parse(JSON.stringify(statement))});
    });
  }

  function reportHeight() {
    var send = function () { tell({type: "academy-h5p:resize", height: document.body.scrollHeight}); };
    if (window.ResizeObserver) new ResizeObserver(send).observe(document.body);
    send();
  }

  function start(init) {
    if (started || !window.H5PStandalone) return;
    started = true;
    lastState = init.state || null;
    new window.H5PStandalone.H5P(document.getElementById("h5p-container"), {
      h5pJsonPath: settings.h5p_json_path, librariesPath: settings.libraries_path,
      frameJs: settings.frame_js, frameCss: settings.frame_css, id: blockId,
      xAPIObjectIRI: init.object_iri, frame: false, copyright: false, export: false, embed: false,
      embedType: "div",  // no frame inside the frame: this page already isolates the content
      saveFreq: init.signed_in ? 15 : false, contentUserData: [{state: init.state || undefined}]
    }).then(function () {
      keepStateThroughLessonPage();
      relayStatements();
      reportHeight();
    });
  }

  window.addEventListener("message", function (event) {
    // Only the page that frames this player, on the site's origin, may start it.
    if (event.source !== window.parent || event.origin !== siteOrigin) return;
    var data = event.data;
    if (data && data.type === "academy-h5p:init") start(data);
  });

  // The lesson page may not listen yet: say "ready" until it answers.
  var hello = setInterval(function () {
    if (started) clearInterval(hello); else tell({type: "academy-h5p:ready"});
  }, 300);
})();
