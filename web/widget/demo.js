// The demo page loads the widget for the shop named in ?tenant= (a file, not
// an inline script, so the page's Content-Security-Policy can forbid inline
// scripts).
(function () {
  var tenant = new URLSearchParams(location.search).get("tenant") || "UK_BUTCHER";
  var s = document.createElement("script");
  s.src = "/widget/widget.js";
  s.dataset.tenant = tenant;
  document.body.appendChild(s);
})();
