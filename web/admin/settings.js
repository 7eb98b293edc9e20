// Settings: API tokens (the value is shown once, never again). Users and
// channel settings arrive with their APIs.
import { html, useState, useEffect } from "/vendor/preact-htm.js";
import { api, get, formatTime } from "./api.js";

function Tokens({ canWrite }) {
  const [tokens, setTokens] = useState([]);
  const [name, setName] = useState("");
  const [fresh, setFresh] = useState(null);
  const [status, setStatus] = useState("");
  const load = () => get("/admin/api/tokens").then((r) => setTokens(r.tokens || [])).catch((e) => setStatus(e.message));
  useEffect(() => { load(); }, []);
  const create = async (e) => {
    e.preventDefault();
    try {
      const { data } = await api("POST", "/admin/api/tokens", { name });
      setFresh(data); setName(""); setStatus(""); load();
    } catch (err) { setStatus(err.message); }
  };
  const revoke = async (id) => {
    try { await api("DELETE", `/admin/api/tokens/${id}`); setStatus("Revoked."); load(); } catch (e) { setStatus(e.message); }
  };
  return html`<section aria-labelledby="tok-h">
    <h2 id="tok-h">API tokens</h2>
    ${status && html`<p role="status">${status}</p>`}
    ${fresh && html`<p class="ok" role="status">New token <strong>${fresh.name}</strong>: <code>${fresh.token}</code> — copy it now, it is not shown again.</p>`}
    <table><thead><tr><th scope="col">Name</th><th scope="col">Created</th><th scope="col">Last used</th><th scope="col"><span class="sr-only">Actions</span></th></tr></thead>
      <tbody>${tokens.map((t) => html`<tr><td>${t.name}</td><td>${formatTime(t.created_at)}</td><td>${t.last_used ? formatTime(t.last_used) : "never"}</td>
        <td><button type="button" onClick=${() => revoke(t.id)}>Revoke</button></td></tr>`)}</tbody></table>
    ${canWrite && html`<form onSubmit=${create}><label>Token name <input value=${name} required maxlength="100" onInput=${(e) => setName(e.target.value)} /></label>
      <button type="submit">Create token</button></form>`}
  </section>`;
}

export function Settings({ canWrite }) {
  return html`<h1>Settings</h1>
    <${Tokens} canWrite=${canWrite} />
    <section aria-labelledby="ch-h"><h2 id="ch-h">Channels</h2>
      <p>WhatsApp settings appear here once the WhatsApp channel is connected.</p></section>`;
}
