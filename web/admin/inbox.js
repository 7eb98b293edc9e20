// Inbox: live conversations (web and WhatsApp), the transcript with intent,
// confidence and facts, take over / hand back, staff replies, and the lead
// panel. Live: a long poll on /inbox/changes wakes the page when any
// conversation of the shop changes; the page then re-reads what it shows.
import { html, useState, useEffect, useRef } from "/vendor/preact-htm.js";
import { api, get, tenantPath, formatMoney, formatTime } from "./api.js";

// Calls `onChange` whenever the tenant's conversations change.
function useInboxChanges(tenant, onChange) {
  const latest = useRef(onChange);
  latest.current = onChange;
  useEffect(() => {
    let stopped = false;
    const controller = new AbortController();
    (async () => {
      let stamp = -1;
      let failures = 0;
      while (!stopped) {
        try {
          const q = stamp < 0 ? "" : `?since=${stamp}&wait=25`;
          const r = await get(tenantPath(tenant, `/inbox/changes${q}`), { signal: controller.signal });
          // Also after the first answer: a change between the page's first
          // read and this stamp would otherwise never show.
          if (r.stamp !== stamp) latest.current();
          stamp = r.stamp;
          failures = 0;
        } catch (e) {
          if (stopped) return;
          failures += 1;
          await new Promise((res) => setTimeout(res, Math.min(30000, 1000 * 2 ** failures)));
        }
      }
    })();
    return () => { stopped = true; controller.abort(); };
  }, [tenant]);
}

function Transcript({ messages }) {
  const end = useRef(null);
  useEffect(() => { end.current?.scrollIntoView({ block: "nearest" }); }, [messages.length]);
  return html`<ol class="transcript" aria-label="Conversation">
    ${messages.map((m) => html`<li class=${"msg " + m.role}>
      <span class="who">${m.role === "user" ? "Shopper" : m.role === "bot" ? "Bot" : "Staff"}</span>
      <span class="text">${m.text}</span>
      <span class="meta">${formatTime(m.at)}${m.role === "bot" && m.intent ? html` · ${m.intent} (${(m.confidence * 100).toFixed(0)}%)` : ""}</span>
      ${m.role === "bot" && m.facts && m.facts.length > 0 && html`<details><summary>Facts (${m.facts.length})</summary>
        <ul>${m.facts.map((f) => html`<li>${f.source}/${f.key} ${f.field}: ${f.value}</li>`)}</ul></details>`}
    </li>`)}
    <li ref=${end} class="end" aria-hidden="true"></li>
  </ol>`;
}

function LeadPanel({ tenant, lead, onSaved }) {
  const [status, setStatus] = useState(lead.status);
  const [tags, setTags] = useState(lead.tags.join(", "));
  const [notes, setNotes] = useState(lead.notes);
  const [msg, setMsg] = useState("");
  useEffect(() => { setStatus(lead.status); setTags(lead.tags.join(", ")); setNotes(lead.notes); }, [lead.id]);
  const save = async (e) => {
    e.preventDefault();
    try {
      const tagList = tags.split(",").map((t) => t.trim()).filter(Boolean);
      const { data } = await api("PATCH", tenantPath(tenant, `/leads/${lead.id}`), { status, tags: tagList, notes });
      setMsg("Saved.");
      onSaved(data);
    } catch (err) { setMsg(err.message); }
  };
  return html`<form class="lead-panel" onSubmit=${save} aria-labelledby="lead-h">
    <h3 id="lead-h">Lead</h3>
    <p>${lead.name || "Anonymous"} ${lead.phone} ${lead.email}</p>
    <p>Value: ${formatMoney({ minor: lead.value_estimate.minor, currency: lead.value_estimate.currency })}</p>
    <label>Status <select value=${status} onChange=${(e) => setStatus(e.target.value)}>
      ${["new", "active", "won", "lost"].map((s) => html`<option value=${s}>${s}</option>`)}</select></label>
    <label>Tags <input value=${tags} onInput=${(e) => setTags(e.target.value)} /></label>
    <label>Notes <textarea rows="3" value=${notes} onInput=${(e) => setNotes(e.target.value)}></textarea></label>
    <button type="submit">Save lead</button>
    ${msg && html`<p role="status">${msg}</p>`}
  </form>`;
}

function Conversation({ tenant, leadId, version, canWrite }) {
  const [lead, setLead] = useState(null);
  const [messages, setMessages] = useState([]);
  const [reply, setReply] = useState("");
  const [error, setError] = useState("");
  const load = async () => {
    try {
      const [l, t] = await Promise.all([
        get(tenantPath(tenant, `/leads/${leadId}`)),
        get(tenantPath(tenant, `/leads/${leadId}/transcript`)),
      ]);
      setLead(l);
      setMessages(t.messages);
    } catch (e) { setError(e.message); }
  };
  useEffect(() => { load(); }, [leadId, version]);
  const setHandoff = async (on) => {
    try {
      const { data } = await api("PATCH", tenantPath(tenant, `/leads/${leadId}`), { handoff: on });
      setLead(data);
      setError("");
    } catch (e) { setError(e.message); }
  };
  const send = async (e) => {
    e.preventDefault();
    if (!reply.trim()) return;
    try {
      // WhatsApp leads are answered through that channel's outbox (issue 14's
      // route); web leads through the transcript the widget reads.
      const path = lead.channel === "whatsapp" ? `/leads/${leadId}/whatsapp` : `/leads/${leadId}/messages`;
      await api("POST", tenantPath(tenant, path), { text: reply });
      setReply("");
      setError("");
      load();
    } catch (err) { setError(err.message); }
  };
  if (!lead) return html`<p>${error || "Loading…"}</p>`;
  return html`<section class="conversation" aria-labelledby="conv-h">
    <h2 id="conv-h">${lead.name || "Shopper"} <small>${lead.channel}</small>
      ${lead.handoff ? html`<span class="badge live">Staff</span>` : html`<span class="badge">Bot</span>`}</h2>
    ${canWrite !== null && html`<div class="actions">
      ${lead.handoff
        ? html`<button type="button" onClick=${() => setHandoff(false)}>Hand back to the bot</button>`
        : html`<button type="button" onClick=${() => setHandoff(true)}>Take over</button>`}
    </div>`}
    <${Transcript} messages=${messages} />
    ${error && html`<p class="error" role="alert">${error}</p>`}
    <form class="reply" onSubmit=${send}>
      <label for="reply-text">Reply to the shopper</label>
      <textarea id="reply-text" rows="2" maxlength="4000" value=${reply} onInput=${(e) => setReply(e.target.value)}
        onKeyDown=${(e) => { if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) send(e); }}></textarea>
      <button type="submit">Send</button>
    </form>
    <${LeadPanel} tenant=${tenant} lead=${lead} onSaved=${setLead} />
  </section>`;
}

export function Inbox({ tenant, args, canWrite }) {
  const [leads, setLeads] = useState([]);
  const [channel, setChannel] = useState("");
  const [version, setVersion] = useState(0);
  const [error, setError] = useState("");
  const selected = args[0] ? Number(args[0]) : null;
  useInboxChanges(tenant, () => setVersion((v) => v + 1));
  useEffect(() => {
    const q = new URLSearchParams({ sort: "last_seen_desc", limit: "50" });
    if (channel) q.set("channel", channel);
    get(tenantPath(tenant, `/leads?${q}`)).then((r) => { setLeads(r.leads); setError(""); }).catch((e) => setError(e.message));
  }, [tenant, channel, version]);
  return html`<h1>Inbox</h1>
    <div class="inbox">
      <section class="conversations" aria-labelledby="list-h">
        <h2 id="list-h">Conversations</h2>
        <label>Channel <select value=${channel} onChange=${(e) => setChannel(e.target.value)}>
          <option value="">All</option><option value="web">Web</option><option value="whatsapp">WhatsApp</option></select></label>
        ${error && html`<p class="error" role="alert">${error}</p>`}
        <ul aria-live="polite" data-testid="conversations">
          ${leads.map((l) => html`<li class=${l.id === selected ? "selected" : ""}>
            <a href="#/inbox/${l.id}" aria-current=${l.id === selected ? "true" : undefined}>
              <strong>${l.name || l.phone || l.email || "Shopper " + l.id}</strong>
              <span>${l.channel}</span> ${l.handoff ? html`<span class="badge live">Staff</span>` : ""}
              <small>${formatTime(l.last_seen)}</small>
            </a></li>`)}
        </ul>
      </section>
      ${selected
        ? html`<${Conversation} key=${selected} tenant=${tenant} leadId=${selected} version=${version} canWrite=${canWrite} />`
        : html`<p>Choose a conversation.</p>`}
    </div>`;
}
