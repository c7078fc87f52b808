// plainpath preview: reload this page when the site changes. Long-polls the preview server,
// which answers as soon as a save has been taken into the site (or after 25 seconds).
(function () {
  var script = document.currentScript;
  var seen = Number(script && script.getAttribute("data-generation")) || 0;
  function wait() {
    fetch("/.plainpath/changes?seen=" + seen, { cache: "no-store" })
      .then(function (response) { return response.text(); })
      .then(function (text) {
        var now = Number(text);
        if (now > seen) { window.location.reload(); } else { wait(); }
      })
      .catch(function () { setTimeout(wait, 1000); });
  }
  wait();
})();
