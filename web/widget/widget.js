// AIV7 chat widget (v2). Embed on a shop's site with:
//   <script src="https://<aiv7-host>/widget/widget.js" data-tenant="UK_BUTCHER" defer></script>
// The site's origin must be in the tenant's overrides.json "widget_origins".
//
// A launcher button (with an unread badge) opens the chat panel; the panel's
// open/closed state and the conversation survive page loads (the session id
// and the open flag in localStorage; the transcript is fetched back from
// /chat_api/messages). Replies are always text (textContent, never HTML).
// Staff messages after a takeover arrive live through a long poll. The UI
// lives in a shadow root with its own stylesheet (widget.css from the same
// server), so the shop's CSS and ours do not meet.
(function () {
  "use strict";
  var script = document.currentScript;
  var tenant = (script && script.dataset.tenant) || "";
  var base = script ? new URL(script.src, location.href).origin : location.origin;
  var keys = { session: "aiv7-session-" + tenant, open: "aiv7-open-" + tenant };
  var store = {
    get: function (k) { try { return localStorage.getItem(k); } catch (e) { return null; } },
    set: function (k, v) { try { if (v === null) localStorage.removeItem(k); else localStorage.setItem(k, v); } catch (e) { /* blocked */ } }
  };
  var sessionId = store.get(keys.session);
  if (sessionId && !/^[0-9a-f]{32}$/.test(sessionId)) sessionId = null;
  var q = "tenant=" + encodeURIComponent(tenant);

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) node.textContent = String(text);  // never innerHTML
    return node;
  }

  function getJson(url, options) {
    return fetch(url, options).then(function (r) {
      return r.json().then(function (body) { return { ok: r.ok, status: r.status, body: body }; });
    });
  }

  function render(config) {
    var b = config.branding || {};
    var c = b.colors || {};
    var host = el("div", { id: "aiv7-widget", "data-tenant": tenant });
    var root = host.attachShadow ? host.attachShadow({ mode: "open" }) : host;
    var vars = {
      "--aiv7-primary": c.primary || "#14532d", "--aiv7-primary-text": c.primary_text || "#ffffff",
      "--aiv7-bg": c.background || "#ffffff", "--aiv7-text": c.text || "#1f2937",
      "--aiv7-bot": c.bot_bubble || "#f3f4f6", "--aiv7-user": c.user_bubble || "#dcfce7"
    };
    Object.keys(vars).forEach(function (k) { host.style.setProperty(k, vars[k]); });
    if (b.position === "bottom-left") host.classList.add("left");

    root.appendChild(el("link", { rel: "stylesheet", href: base + "/widget/widget.css" }));
    var wrap = el("div", { class: "aiv7" + (b.position === "bottom-left" ? " left" : "") });
    var title = b.title || config.name || "Chat";
    var launcher = el("button", { type: "button", class: "launcher", "aria-expanded": "false", "aria-controls": "aiv7-panel" });
    var launcherLabel = el("span", { class: "label" }, b.launcher_label || "Chat with us");
    var badge = el("span", { class: "badge", hidden: "" });
    launcher.appendChild(launcherLabel);
    launcher.appendChild(badge);

    var panel = el("section", { id: "aiv7-panel", class: "panel", role: "dialog", "aria-label": title, hidden: "" });
    var header = el("header", {});
    var heading = el("h2", {}, title);
    var status = el("p", { class: "status" }, b.subtitle || "");
    var close = el("button", { type: "button", class: "close", "aria-label": "Close chat" }, "×");
    header.appendChild(heading);
    header.appendChild(close);
    header.appendChild(status);
    var log = el("div", { class: "log", role: "log", "aria-live": "polite", "aria-relevant": "additions", tabindex: "0", "aria-label": "Conversation" });
    var typing = el("div", { class: "typing", hidden: "", "aria-hidden": "true" });
    typing.appendChild(el("span", {})); typing.appendChild(el("span", {})); typing.appendChild(el("span", {}));
    var typingSr = el("span", { class: "sr-only", role: "status" });
    var basket = el("div", { class: "basket", hidden: "", "aria-live": "polite" });
    var chips = el("div", { class: "chips", role: "group", "aria-label": "Suggestions" });
    var form = el("form", { class: "composer" });
    var input = el("input", { type: "text", maxlength: "2000", placeholder: b.input_placeholder || "Type a message…",
      "aria-label": "Message", autocomplete: "off" });
    var send = el("button", { type: "submit", class: "send" }, "Send");
    form.appendChild(input);
    form.appendChild(send);
    var human = el("button", { type: "button", class: "human" }, "Talk to a person");
    panel.appendChild(header);
    panel.appendChild(log);
    panel.appendChild(typing);
    panel.appendChild(typingSr);
    panel.appendChild(basket);
    panel.appendChild(chips);
    panel.appendChild(form);
    panel.appendChild(human);
    wrap.appendChild(panel);
    wrap.appendChild(launcher);
    root.appendChild(wrap);
    document.body.appendChild(host);

    var unread = 0;
    var cursor = 0;
    var open = false;

    function setUnread(n) {
      unread = n;
      badge.textContent = n > 9 ? "9+" : String(n);
      if (n > 0) badge.removeAttribute("hidden"); else badge.setAttribute("hidden", "");
      launcher.setAttribute("aria-label", (b.launcher_label || "Chat with us") + (n > 0 ? ", " + n + " unread" : ""));
    }

    function setOpen(value, focus) {
      open = value;
      store.set(keys.open, value ? "1" : null);
      launcher.setAttribute("aria-expanded", value ? "true" : "false");
      if (value) {
        panel.removeAttribute("hidden");
        wrap.classList.add("is-open");
        setUnread(0);
        log.scrollTop = log.scrollHeight;
        if (focus) input.focus();
      } else {
        panel.setAttribute("hidden", "");
        wrap.classList.remove("is-open");
        if (focus) launcher.focus();
      }
    }

    function bubble(text, role) {
      var m = el("div", { class: "msg " + role });
      if (role === "staff") m.appendChild(el("span", { class: "who" }, "Staff"));
      m.appendChild(el("span", { class: "text" }, text));
      log.appendChild(m);
      log.scrollTop = log.scrollHeight;
      if (!open && role !== "user") setUnread(unread + 1);
      return m;
    }

    function cards(items) {
      if (!items || !items.length) return;
      var list = el("ul", { class: "cards", "aria-label": "Products" });
      items.slice(0, 6).forEach(function (item) {
        var li = el("li", { class: "card" });
        li.appendChild(el("span", { class: "name" }, item.name));
        li.appendChild(el("span", { class: "price" }, item.price_text + (item.unit ? " / " + item.unit : "")));
        li.appendChild(el("span", { class: item.in_stock ? "stock in" : "stock out" }, item.in_stock ? "In stock" : "Out of stock"));
        var add = el("button", { type: "button", class: "add", "aria-label": "Add to basket: " + item.name }, "Add to basket");
        if (!item.in_stock) add.disabled = true;
        add.addEventListener("click", function () { say("add 1 " + item.name + " to my basket"); });
        li.appendChild(add);
        list.appendChild(li);
      });
      log.appendChild(list);
      log.scrollTop = log.scrollHeight;
    }

    function showBasket(cart) {
      if (!cart) return;
      basket.textContent = "";
      if (!cart.lines || !cart.lines.length) { basket.setAttribute("hidden", ""); return; }
      var count = cart.lines.reduce(function (n, l) { return n + (l.quantity || 0); }, 0);
      basket.appendChild(el("strong", {}, "Basket: " + count + " item" + (count === 1 ? "" : "s") + ", " + cart.total_text));
      var ul = el("ul", {});
      cart.lines.forEach(function (l) { ul.appendChild(el("li", {}, l.quantity + " × " + l.name + " — " + l.line_total_text)); });
      basket.appendChild(ul);
      basket.removeAttribute("hidden");
    }

    function showChips(list) {
      chips.textContent = "";
      (list || []).slice(0, 6).forEach(function (label) {
        var chip = el("button", { type: "button", class: "chip" }, label);
        chip.addEventListener("click", function () { say(label); });
        chips.appendChild(chip);
      });
    }

    function setHandoff(on) {
      status.textContent = on ? "You're chatting with our team." : (b.subtitle || "");
      wrap.classList.toggle("handoff", !!on);
    }

    function setTyping(on) {
      if (on) typing.removeAttribute("hidden"); else typing.setAttribute("hidden", "");
      typingSr.textContent = on ? title + " is typing…" : "";
    }

    var sending = false;
    function say(text) {
      text = (text || "").trim();
      if (!text || sending) return;
      sending = true;
      // A quick reply or card button that is about to go keeps the keyboard
      // user in the conversation: the focus moves to the message field.
      var active = root.activeElement;
      var moveFocus = active && (chips.contains(active) || log.contains(active));
      bubble(text, "user");
      showChips([]);
      if (moveFocus) input.focus();
      send.disabled = true;
      setTyping(true);
      getJson(base + "/chat_api?" + q, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ message: text, session_id: sessionId || undefined, channel: "web" })
      }).then(function (res) {
        if (!res.ok) {
          bubble((res.body.error && res.body.error.message) || "Something went wrong.", "bot error");
          return;
        }
        var fresh = !sessionId;
        sessionId = res.body.session_id;
        store.set(keys.session, sessionId);
        bubble(res.body.reply, "bot");
        cards(res.body.items);
        showBasket(res.body.cart);
        showChips(res.body.quick_replies);
        if (res.body.intent === "human_handoff") setHandoff(true);
        if (fresh) startPolling();
      }).catch(function () {
        bubble("I can't reach the shop right now. Please try again in a moment.", "bot error");
      }).then(function () {
        sending = false;
        send.disabled = false;
        setTyping(false);
      });
    }

    // Staff messages (and the takeover state) arrive through a long poll.
    var polling = false;
    function startPolling() {
      if (polling || !sessionId) return;
      polling = true;
      var failures = 0;
      (function next() {
        getJson(base + "/chat_api/messages?" + q + "&session_id=" + sessionId + "&after=" + cursor + "&wait=25")
          .then(function (res) {
            if (!res.ok) throw new Error("poll " + res.status);
            failures = 0;
            setHandoff(res.body.handoff);
            res.body.messages.forEach(function (m) { if (m.role === "staff") bubble(m.text, "staff"); });
            cursor = Math.max(cursor, res.body.cursor);
            next();
          })
          .catch(function () {
            failures += 1;
            setTimeout(next, Math.min(30000, 1000 * Math.pow(2, failures)));
          });
      })();
    }

    // Restores the conversation of an earlier page load.
    function restore() {
      if (!sessionId) {
        bubble(b.greeting || "Hello! How can I help?", "bot");
        setUnread(0);
        return Promise.resolve();
      }
      return getJson(base + "/chat_api/messages?" + q + "&session_id=" + sessionId + "&after=0").then(function (res) {
        bubble(b.greeting || "Hello! How can I help?", "bot");
        if (res.ok) {
          res.body.messages.forEach(function (m) { bubble(m.text, m.role === "user" ? "user" : m.role); });
          cursor = res.body.cursor;
          setHandoff(res.body.handoff);
        }
        setUnread(0);
        startPolling();
      }).catch(function () { bubble(b.greeting || "Hello! How can I help?", "bot"); setUnread(0); });
    }

    launcher.addEventListener("click", function () { setOpen(!open, true); });
    close.addEventListener("click", function () { setOpen(false, true); });
    panel.addEventListener("keydown", function (e) { if (e.key === "Escape") setOpen(false, true); });
    human.addEventListener("click", function () { say("I'd like to talk to a person, please"); });
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var text = input.value;
      input.value = "";
      say(text);
    });
    restore().then(function () {
      if (store.get(keys.open) === "1") setOpen(true, false);
      else setOpen(false, false);
      host.setAttribute("data-ready", "true");
    });
  }

  getJson(base + "/api/widget_config?" + q).then(function (res) {
    if (res.ok) render(res.body);
  }).catch(function () { /* the shop is unreachable: no widget */ });
})();
