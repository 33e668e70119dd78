// The speech timer: start, pause and next speaker over the list of the page.
// Without JavaScript the page stays a plain list; all wording is in the template.
(function () {
  "use strict";
  var root = document.querySelector(".speech-timer");
  if (!root) return;
  var full = parseInt(root.dataset.seconds, 10) || 300;
  var clock = root.querySelector(".speech-clock");
  var now = root.querySelector(".speech-now");
  var over = root.querySelector(".speech-over");
  var speakers = Array.prototype.slice.call(document.querySelectorAll("[data-speaker]"));
  var index = -1;
  var remaining = full;
  var endsAt = null;
  var ticker = null;

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function show() {
    var left = Math.max(0, Math.ceil(remaining));
    clock.textContent = pad(Math.floor(left / 60)) + ":" + pad(left % 60);
    clock.classList.toggle("speech-clock-low", left <= 60);
    over.hidden = left > 0;
  }

  function tick() {
    remaining = (endsAt - Date.now()) / 1000;
    if (remaining <= 0) { remaining = 0; pause(); }
    show();
  }

  function pause() {
    if (ticker !== null) { clearInterval(ticker); ticker = null; }
    endsAt = null;
  }

  function select(i) {
    pause();
    index = i;
    remaining = full;
    speakers.forEach(function (li, j) {
      li.classList.toggle("speaking", j === index);
      li.classList.toggle("spoken", j < index);
    });
    now.textContent = speakers[index] ? speakers[index].dataset.speaker : "";
    show();
  }

  function start() {
    if (index < 0) select(0);
    if (ticker !== null || remaining <= 0) return;
    endsAt = Date.now() + remaining * 1000;
    ticker = setInterval(tick, 250);
  }

  root.addEventListener("click", function (event) {
    var what = event.target.dataset && event.target.dataset.timer;
    if (what === "start") start();
    else if (what === "pause") { if (endsAt !== null) tick(); pause(); }
    else if (what === "next" && index + 1 < speakers.length) select(index + 1);
  });
  root.hidden = false;
  show();
})();
