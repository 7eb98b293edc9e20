// Settings: API tokens (the value is shown once, never again) and the
// shop's team (owners add staff, reset a password, remove a user).
// Channel settings arrive with the WhatsApp channel.
import { html, useState, useEffect } from "/vendor/preact-htm.js";
import { api, get, tenantPath, formatTime } from "./api.js";

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

function Team({ tenant, user }) {
  const [users, setUsers] = useState([]);
  const [draft, setDraft] = useState({ email: "", password: "", role: "staff" });
  const [reset, setReset] = useState({ id: null, password: "" });
  const [status, setStatus] = useState("");
  const load = () => get(tenantPath(tenant, "/users")).then((r) => setUsers(r.users)).catch((e) => setStatus(e.message));
  useEffect(() => { load(); }, [tenant]);
  const add = async (e) => {
    e.preventDefault();
    try {
      const { data } = await api("POST", tenantPath(tenant, "/users"), draft);
      setStatus(`Added ${data.email} (${data.role}).`);
      setDraft({ email: "", password: "", role: "staff" });
      load();
    } catch (err) { setStatus(err.message); }
  };
  const savePassword = async (e) => {
    e.preventDefault();
    try {
      await api("POST", tenantPath(tenant, `/users/${reset.id}/password`), { password: reset.password });
      setStatus("Password changed; that user is signed out everywhere.");
      setReset({ id: null, password: "" });
    } catch (err) { setStatus(err.message); }
  };
  const remove = async (u) => {
    if (!confirm(`Remove ${u.email}?`)) return;
    try { await api("DELETE", tenantPath(tenant, `/users/${u.id}`)); setStatus(`Removed ${u.email}.`); load(); } catch (e) { setStatus(e.message); }
  };
  const admin = user.role === "admin";
  return html`<section aria-labelledby="team-h">
    <h2 id="team-h">Users</h2>
    ${status && html`<p role="status">${status}</p>`}
    <table class="team"><thead><tr><th scope="col">Email</th><th scope="col">Role</th><th scope="col">Added</th><th scope="col"><span class="sr-only">Actions</span></th></tr></thead>
      <tbody>${users.map((u) => html`<tr data-user=${u.email}><td>${u.email}${u.locked ? " (locked)" : ""}</td><td>${u.role}</td><td>${formatTime(u.created_at)}</td>
        <td>${(admin || u.role === "staff") && html`<button type="button" onClick=${() => setReset({ id: u.id, password: "" })}>Reset password</button>
          ${u.email !== user.email && html`<button type="button" class="danger" onClick=${() => remove(u)}>Remove</button>`}`}</td></tr>`)}</tbody></table>
    ${reset.id && html`<form onSubmit=${savePassword}><div class="field"><label for="reset-pw">New password for ${users.find((u) => u.id === reset.id)?.email}</label>
      <input id="reset-pw" type="password" autocomplete="new-password" minlength="10" required value=${reset.password}
        onInput=${(e) => setReset({ ...reset, password: e.target.value })} /></div>
      <button type="submit">Set password</button> <button type="button" onClick=${() => setReset({ id: null, password: "" })}>Cancel</button></form>`}
    <form class="add-user" onSubmit=${add}><h3>Add a user</h3>
      <div class="field"><label for="nu-email">Email</label><input id="nu-email" type="email" required value=${draft.email} onInput=${(e) => setDraft({ ...draft, email: e.target.value })} /></div>
      <div class="field"><label for="nu-pw">Password</label><input id="nu-pw" type="password" autocomplete="new-password" minlength="10" required value=${draft.password} onInput=${(e) => setDraft({ ...draft, password: e.target.value })} /></div>
      <div class="field"><label for="nu-role">Role</label><select id="nu-role" value=${draft.role} onChange=${(e) => setDraft({ ...draft, role: e.target.value })}>
        <option value="staff">Staff</option>${admin && html`<option value="owner">Owner</option>`}</select></div>
      <button type="submit">Add user</button></form>
  </section>`;
}

export function Settings({ canWrite, tenant, user }) {
  return html`<h1>Settings</h1>
    <${Tokens} canWrite=${canWrite} />
    ${canWrite && html`<${Team} tenant=${tenant} user=${user} />`}
    <section aria-labelledby="ch-h"><h2 id="ch-h">Channels</h2>
      <p>WhatsApp settings appear here once the WhatsApp channel is connected.</p></section>`;
}
