// AIV7 chat widget. Embed on a shop's site with:
//   <script src="https://<aiv7-host>/widget/widget.js" data-tenant="UK_BUTCHER" defer></script>
// The site's origin must be in the tenant's overrides.json "widget_origins".
(function () {
  "use strict";
  var script = document.currentScript;
  var tenant = (script && script.dataset.tenant) || "";
  var base = script ? new URL(script.src, location.href).origin : location.origin;
  var storageKey = "aiv7-session-" + tenant;
  var sessionId = null;
  try { sessionId = localStorage.getItem(storageKey); } catch (e) { /* storage may be blocked */ }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text) node.textContent = text;  // never innerHTML: replies are text
    return node;
  }

  function render(config) {
    var b = config.branding || {};
    var colors = b.colors || {};
    var root = el("div", { class: "aiv7-widget", "aria-live": "polite" });
    root.style.cssText = "position:fixed;bottom:16px;" + (b.position === "bottom-left" ? "left" : "right") +
      ":16px;width:340px;max-width:calc(100vw - 32px);font:14px system-ui,sans-serif;z-index:2147483000;" +
      "background:" + (colors.background || "#fff") + ";color:" + (colors.text || "#222") +
      ";border-radius:12px;box-shadow:0 8px 30px rgba(0,0,0,.2);display:flex;flex-direction:column;max-height:70vh";
    var header = el("div", {}, b.title || config.name);
    header.style.cssText = "padding:12px 14px;font-weight:600;border-radius:12px 12px 0 0;background:" +
      (colors.primary || "#14532d") + ";color:" + (colors.primary_text || "#fff");
    var log = el("div", { class: "aiv7-log" });
    log.style.cssText = "flex:1;overflow-y:auto;padding:10px;display:flex;flex-direction:column;gap:8px";
    var chips = el("div", { class: "aiv7-chips" });
    chips.style.cssText = "display:flex;flex-wrap:wrap;gap:6px;padding:0 10px 6px";
    var form = el("form", {});
    form.style.cssText = "display:flex;border-top:1px solid #eee";
    var input = el("input", { type: "text", maxlength: "2000", placeholder: b.input_placeholder || "Type a message…",
                              "aria-label": "Message" });
    input.style.cssText = "flex:1;border:0;padding:12px;font:inherit;background:transparent;color:inherit";
    var send = el("button", { type: "submit" }, "Send");
    send.style.cssText = "border:0;padding:0 14px;font:inherit;cursor:pointer;background:" +
      (colors.primary || "#14532d") + ";color:" + (colors.primary_text || "#fff") + ";border-radius:0 0 12px 0";
    form.appendChild(input);
    form.appendChild(send);
    root.appendChild(header);
    root.appendChild(log);
    root.appendChild(chips);
    root.appendChild(form);
    document.body.appendChild(root);

    function bubble(text, mine) {
      var m = el("div", { class: mine ? "aiv7-user" : "aiv7-bot" }, text);
      m.style.cssText = "white-space:pre-wrap;padding:8px 10px;border-radius:10px;max-width:85%;" +
        (mine ? "align-self:flex-end;background:" + (colors.user_bubble || "#dcfce7")
              : "align-self:flex-start;background:" + (colors.bot_bubble || "#f3f4f6"));
      log.appendChild(m);
      log.scrollTop = log.scrollHeight;
    }

    function showChips(list) {
      chips.textContent = "";
      (list || []).forEach(function (label) {
        var c = el("button", { type: "button" }, label);
        c.style.cssText = "border:1px solid #ccc;border-radius:14px;padding:4px 10px;background:transparent;" +
          "color:inherit;font:inherit;cursor:pointer";
        c.addEventListener("click", function () { say(label); });
        chips.appendChild(c);
      });
    }

    function say(text) {
      text = text.trim();
      if (!text) return;
      bubble(text, true);
      showChips([]);
      send.disabled = true;
      fetch(base + "/chat_api?tenant=" + encodeURIComponent(tenant), {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ message: text, session_id: sessionId, tenant: tenant || undefined, channel: "web" })
      }).then(function (r) {
        return r.json().then(function (body) { return { ok: r.ok, body: body }; });
      }).then(function (res) {
        if (!res.ok) {
          bubble((res.body.error && res.body.error.message) || "Something went wrong.", false);
          return;
        }
        sessionId = res.body.session_id;
        try { localStorage.setItem(storageKey, sessionId); } catch (e) { /* ignore */ }
        bubble(res.body.reply, false);
        showChips(res.body.quick_replies);
      }).catch(function () {
        bubble("I can't reach the shop right now. Please try again in a moment.", false);
      }).finally(function () { send.disabled = false; });
    }

    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var text = input.value;
      input.value = "";
      say(text);
    });
    bubble(b.greeting || "Hello! How can I help?", false);
  }

  fetch(base + "/api/widget_config?tenant=" + encodeURIComponent(tenant))
    .then(function (r) { return r.json(); })
    .then(function (config) { if (!config.error) render(config); });
})();
