// Leads: search, filter, sort, paginate, CSV export.
import { html, useState, useEffect } from "/vendor/preact-htm.js";
import { get, tenantPath, formatMoney, formatTime } from "./api.js";

const PAGE = 25;
const SORTS = [
  ["last_seen_desc", "Last seen"], ["created_desc", "Newest"], ["created_asc", "Oldest"],
  ["name_asc", "Name"], ["value_desc", "Value"],
];

export function Leads({ tenant }) {
  const [q, setQ] = useState("");
  const [search, setSearch] = useState("");
  const [status, setStatus] = useState("");
  const [channel, setChannel] = useState("");
  const [sort, setSort] = useState("last_seen_desc");
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState(null);
  const [error, setError] = useState("");
  useEffect(() => {
    const p = new URLSearchParams({ sort, limit: String(PAGE), offset: String(offset) });
    if (search) p.set("q", search);
    if (status) p.set("status", status);
    if (channel) p.set("channel", channel);
    get(tenantPath(tenant, `/leads?${p}`)).then((r) => { setPage(r); setError(""); }).catch((e) => setError(e.message));
  }, [tenant, search, status, channel, sort, offset]);
  const filter = (setter) => (e) => { setter(e.target.value); setOffset(0); };
  const csv = `/analytics/api/tenants/${encodeURIComponent(tenant)}/export.csv?kind=leads`;
  return html`<h1>Leads</h1>
    <form class="filters" role="search" onSubmit=${(e) => { e.preventDefault(); setSearch(q.trim()); setOffset(0); }}>
      <label>Search <input type="search" value=${q} maxlength="200" onInput=${(e) => setQ(e.target.value)} /></label>
      <button type="submit">Search</button>
      <label>Status <select value=${status} onChange=${filter(setStatus)}>
        <option value="">Any</option>${["new", "active", "won", "lost"].map((s) => html`<option value=${s}>${s}</option>`)}</select></label>
      <label>Channel <select value=${channel} onChange=${filter(setChannel)}>
        <option value="">Any</option><option value="web">Web</option><option value="whatsapp">WhatsApp</option><option value="api">API</option></select></label>
      <label>Sort by <select value=${sort} onChange=${filter(setSort)}>
        ${SORTS.map(([v, l]) => html`<option value=${v}>${l}</option>`)}</select></label>
      <a class="button" href=${csv} download>Export CSV</a>
    </form>
    ${error && html`<p class="error" role="alert">${error}</p>`}
    ${page && html`
      <p role="status">${page.total} lead${page.total === 1 ? "" : "s"}</p>
      <table class="leads">
        <thead><tr>${["Name", "Phone", "Email", "Channel", "Status", "Tags", "Value", "Last seen"].map((h) => html`<th scope="col">${h}</th>`)}</tr></thead>
        <tbody>${page.leads.map((l) => html`<tr>
          <td><a href="#/inbox/${l.id}">${l.name || "Anonymous " + l.id}</a></td><td>${l.phone}</td><td>${l.email}</td>
          <td>${l.channel}</td><td>${l.status}</td><td>${l.tags.join(", ")}</td>
          <td>${formatMoney({ minor: l.value_estimate.minor, currency: l.value_estimate.currency })}</td>
          <td>${formatTime(l.last_seen)}</td></tr>`)}</tbody>
      </table>
      <nav class="pager" aria-label="Pages">
        <button type="button" disabled=${offset === 0} onClick=${() => setOffset(Math.max(0, offset - PAGE))}>Previous</button>
        <span>${page.total === 0 ? 0 : offset + 1}–${Math.min(offset + PAGE, page.total)} of ${page.total}</span>
        <button type="button" disabled=${offset + PAGE >= page.total} onClick=${() => setOffset(offset + PAGE)}>Next</button>
      </nav>`}`;
}
