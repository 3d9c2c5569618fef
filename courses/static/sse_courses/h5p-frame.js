// Loaded inside the H5P frame: H5P saves the learner's state with jQuery POSTs,
// which Django accepts only with the CSRF token (the frame is same-origin).
(function () {
  "use strict";
  var match = document.cookie.match(/(?:^|; )csrftoken=([^;]*)/);
  if (window.H5P && window.H5P.jQuery && match) {
    window.H5P.jQuery.ajaxSetup({headers: {"X-CSRFToken": decodeURIComponent(match[1])}});
  }
})();
