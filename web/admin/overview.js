// Overview: KPIs for a date range and channel, daily charts (uPlot), top
// intents, top unanswered questions, and self-repair suggestions (preview,
// then apply as a new data version).
import { html, useState, useEffect, useRef } from "/vendor/preact-htm.js";
import uPlot from "/vendor/uplot.js";
import { api, get, tenantPath, formatMoney } from "./api.js";

const isoDay = (d) => d.toISOString().slice(0, 10);
const pct = (x) => (x == null ? "—" : (x * 100).toFixed(1) + "%");
const ms = (us) => (us == null ? "—" : (us / 1000).toFixed(1) + " ms");

function DailyChart({ daily, series, label }) {
  const box = useRef(null);
  useEffect(() => {
    if (!box.current) return undefined;
    const xs = daily.map((d) => Date.parse(d.date + "T00:00:00Z") / 1000);
    const colors = ["#1d4ed8", "#b45309", "#047857"];
    const plot = new uPlot({
      width: Math.max(280, Math.min(720, box.current.clientWidth || 600)),
      height: 220,
      title: label,
      scales: { x: { time: true } },
      series: [{}, ...series.map((s, i) => ({ label: s.label, stroke: colors[i % colors.length], width: 2, spanGaps: true, points: { show: true, size: 5 } }))],
      axes: [{}, {}],
    }, [xs, ...series.map((s) => daily.map((d) => (s.value ? s.value(d) : d[s.key] ?? 0)))], box.current);
    return () => plot.destroy();
  }, [daily]);
  return html`<figure class="chart" data-chart=${label}>
    <div ref=${box} role="img" aria-label=${label + ": " + series.map((s) => s.label).join(", ") + " per day"}></div>
  </figure>`;
}

function Suggestions({ tenant, canWrite, report, reload, ask }) {
  const [preview, setPreview] = useState(null);
  const [message, setMessage] = useState("");
  const load = reload;
  useEffect(() => { if (ask) show(ask.id); }, [ask]);
  const withSuggestion = (report?.findings || []).filter((f) => f.suggestion);
  const show = async (id) => {
    try { setPreview(await get(tenantPath(tenant, `/repair/${encodeURIComponent(id)}/preview`))); } catch (e) { setMessage(e.message); }
  };
  const apply = async (id) => {
    try {
      const { data } = await api("POST", tenantPath(tenant, `/repair/${encodeURIComponent(id)}/apply`));
      setMessage(`Applied: data version ${data.version} is live.`);
      setPreview(null);
      load();
    } catch (e) { setMessage(e.message); }
  };
  return html`<section aria-labelledby="sugg-h">
    <h2 id="sugg-h">Unanswered questions: suggestions</h2>
    ${message && html`<p role="status">${message}</p>`}
    ${report && withSuggestion.length === 0 && html`<p>No suggestions right now.</p>`}
    <ul class="suggestions">
      ${withSuggestion.map((f) => html`<li>
        <span>${f.message}</span> <em>${f.suggestion.summary}</em>
        <button type="button" onClick=${() => show(f.id)}>Preview</button>
      </li>`)}
    </ul>
    ${preview && html`<div class="preview" role="region" aria-label="Suggestion preview">
      <p>Changes <code>${preview.file}</code> (on version ${preview.version}):</p>
      <pre>${JSON.stringify(preview.patch, null, 2)}</pre>
      ${canWrite && preview.applicable && html`<button type="button" onClick=${() => apply(preview.id)}>Apply</button>`}
      <button type="button" onClick=${() => setPreview(null)}>Close</button>
    </div>`}
  </section>`;
}

export function Overview({ tenant, canWrite }) {
  const today = new Date();
  const [from, setFrom] = useState(isoDay(new Date(today.getTime() - 29 * 86400000)));
  const [to, setTo] = useState(isoDay(today));
  const [channel, setChannel] = useState("");
  const [kpis, setKpis] = useState(null);
  const [error, setError] = useState("");
  const [report, setReport] = useState(null);
  const [ask, setAsk] = useState(null);
  const loadReport = () => get(tenantPath(tenant, "/repair")).then(setReport).catch(() => setReport({ findings: [] }));
  useEffect(() => { loadReport(); }, [tenant]);
  // The self-repair suggestion about an unanswered question (an FAQ variant
  // or a synonym), matched by the question's words in its summary.
  const suggestionFor = (q) => {
    const text = (q.example || q.query || "").toLowerCase();
    return (report?.findings || []).find((f) => f.suggestion && text && f.suggestion.summary.toLowerCase().includes(text));
  };
  useEffect(() => {
    const q = new URLSearchParams({ from, to });
    if (channel) q.set("channel", channel);
    get(`/analytics/api/tenants/${encodeURIComponent(tenant)}/kpis?${q}`)
      .then((k) => { setKpis(k); setError(""); })
      .catch((e) => setError(e.message));
  }, [tenant, from, to, channel]);
  const tiles = kpis ? [
    ["Conversations", kpis.conversations],
    ["Containment", pct(kpis.containment_rate)],
    ["Fallback rate", pct(kpis.fallback_rate)],
    ["Leads", kpis.leads],
    ["Orders", kpis.orders],
    ["Order value", formatMoney(kpis.order_value)],
    ["Latency p50", ms(kpis.latency_p50_us)],
    ["Latency p95", ms(kpis.latency_p95_us)],
  ] : [];
  return html`<h1>Overview</h1>
    <form class="filters" onSubmit=${(e) => e.preventDefault()}>
      <label>From <input type="date" value=${from} onChange=${(e) => setFrom(e.target.value)} /></label>
      <label>To <input type="date" value=${to} onChange=${(e) => setTo(e.target.value)} /></label>
      <label>Channel <select value=${channel} onChange=${(e) => setChannel(e.target.value)}>
        <option value="">All</option><option value="web">Web</option><option value="whatsapp">WhatsApp</option><option value="api">API</option>
      </select></label>
    </form>
    ${error && html`<p class="error" role="alert">${error}</p>`}
    ${kpis && html`
      <dl class="tiles">${tiles.map(([k, v]) => html`<div><dt>${k}</dt><dd>${v}</dd></div>`)}</dl>
      <div class="charts">
        <${DailyChart} daily=${kpis.daily} label="Conversations and turns"
          series=${[{ key: "conversations", label: "Conversations" }, { key: "turns", label: "Turns" }]} />
        <${DailyChart} daily=${kpis.daily} label="Leads and orders"
          series=${[{ key: "leads", label: "Leads" }, { key: "orders", label: "Orders" }]} />
        <${DailyChart} daily=${kpis.daily} label="Containment and fallback (%)" series=${[
          { label: "Containment %", value: (d) => (d.conversations ? 100 * (1 - (d.handed_off || 0) / d.conversations) : null) },
          { label: "Fallback %", value: (d) => (d.turns ? (100 * (d.fallback_turns || 0)) / d.turns : null) }]} />
        <${DailyChart} daily=${kpis.daily} label=${"Order value" + (kpis.order_value?.currency ? ` (${kpis.order_value.currency})` : "")}
          series=${[{ label: "Order value", value: (d) => (d.order_value_minor || 0) / 100 }]} />
        <${DailyChart} daily=${kpis.daily} label="Latency (ms)" series=${[
          { label: "p50", value: (d) => (d.turns ? d.latency_p50_us / 1000 : null) },
          { label: "p95", value: (d) => (d.turns ? d.latency_p95_us / 1000 : null) }]} />
      </div>
      <div class="columns">
        <section aria-labelledby="intents-h"><h2 id="intents-h">Top intents</h2>
          <table><thead><tr><th scope="col">Intent</th><th scope="col">Turns</th><th scope="col">Share</th></tr></thead>
          <tbody>${kpis.top_intents.map((i) => html`<tr><td>${i.intent}</td><td>${i.count}</td><td>${pct(i.share)}</td></tr>`)}</tbody></table>
        </section>
        <section aria-labelledby="unanswered-h"><h2 id="unanswered-h">Top unanswered questions</h2>
          ${kpis.top_unanswered.length === 0 ? html`<p>None in this range.</p>` : html`
          <table><thead><tr><th scope="col">Question</th><th scope="col">Times</th><th scope="col">Fix</th></tr></thead>
          <tbody>${kpis.top_unanswered.map((q) => {
            const f = suggestionFor(q);
            return html`<tr><td>${q.example || q.query}</td><td>${q.count}</td>
              <td>${f ? html`<button type="button" onClick=${() => setAsk({ id: f.id })}>${f.suggestion.summary.startsWith("Add a new FAQ") ? "Add as FAQ" : f.suggestion.summary.includes("another word") ? "Add as synonym" : "Add as FAQ variant"}</button>` : "—"}</td></tr>`;
          })}</tbody></table>`}
        </section>
      </div>`}
    <${Suggestions} tenant=${tenant} canWrite=${canWrite} report=${report} reload=${loadReport} ask=${ask} />`;
}
