// AIV7 owner dashboard: the shell (sign-in, navigation, tenant switch) and
// the hash routes of the pages. Plain ES modules; Preact + htm from
// /vendor (copied from npm by the build). Never renders HTML from data:
// every value goes through htm as text.
import { html, render, useState, useEffect, useCallback, useRef } from "/vendor/preact-htm.js";
import { api, get, onSignedOut } from "./api.js";
import { Overview } from "./overview.js";
import { Inbox } from "./inbox.js";
import { Leads } from "./leads.js";
import { DataEditors } from "./data.js";
import { Settings } from "./settings.js";

const PAGES = [
  { id: "overview", label: "Overview", view: Overview },
  { id: "inbox", label: "Inbox", view: Inbox },
  { id: "leads", label: "Leads", view: Leads },
  { id: "data", label: "Shop data", view: DataEditors },
  { id: "settings", label: "Settings", view: Settings },
];

function useHashRoute() {
  const parse = () => {
    const parts = location.hash.replace(/^#\/?/, "").split("/").filter(Boolean).map(decodeURIComponent);
    return { page: parts[0] || "overview", args: parts.slice(1) };
  };
  const [route, setRoute] = useState(parse);
  useEffect(() => {
    const on = () => setRoute(parse());
    addEventListener("hashchange", on);
    return () => removeEventListener("hashchange", on);
  }, []);
  return route;
}

function SignIn({ onSignedIn }) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  const submit = async (e) => {
    e.preventDefault();
    setBusy(true);
    setError("");
    try {
      const { data } = await api("POST", "/admin/api/login", { email, password });
      onSignedIn(data.user);
    } catch (err) {
      setError(err.message);
    } finally {
      setBusy(false);
    }
  };
  return html`
    <main class="signin">
      <form onSubmit=${submit} aria-labelledby="signin-title">
        <h1 id="signin-title">Sign in to your shop</h1>
        <label>Email <input type="email" name="email" autocomplete="username" required value=${email}
          onInput=${(e) => setEmail(e.target.value)} /></label>
        <label>Password <input type="password" name="password" autocomplete="current-password" required
          value=${password} onInput=${(e) => setPassword(e.target.value)} /></label>
        ${error && html`<p class="error" role="alert">${error}</p>`}
        <button type="submit" disabled=${busy}>${busy ? "Signing in…" : "Sign in"}</button>
      </form>
    </main>`;
}

function TenantSwitch({ tenant, setTenant }) {
  const [value, setValue] = useState(tenant);
  return html`
    <form class="tenant-switch" onSubmit=${(e) => { e.preventDefault(); setTenant(value.trim()); }}>
      <label>Shop <input value=${value} size="12" pattern="[A-Za-z0-9][A-Za-z0-9_\\-]{0,63}" required
        onInput=${(e) => setValue(e.target.value)} /></label>
      <button type="submit">Switch</button>
    </form>`;
}

function Shell({ user, onSignOut }) {
  const route = useHashRoute();
  const admin = user.role === "admin";
  const [tenant, setTenantState] = useState(() => user.tenant || localStorage.getItem("aiv7-admin-tenant") || "");
  const setTenant = (t) => { localStorage.setItem("aiv7-admin-tenant", t); setTenantState(t); };
  const page = PAGES.find((p) => p.id === route.page) || PAGES[0];
  const View = page.view;
  useEffect(() => { document.title = `${page.label} · AIV7`; }, [page]);
  // Moving to another page moves the focus to its content (not on the
  // first page: a fresh load starts at the top, with the skip link first).
  const firstPage = useRef(true);
  useEffect(() => {
    if (firstPage.current) { firstPage.current = false; return; }
    const main = document.getElementById("main");
    if (main) main.focus({ preventScroll: true });
  }, [page.id]);
  const canWrite = user.role !== "staff";
  return html`
    <a class="skip" href="#main" onClick=${(e) => { e.preventDefault(); document.getElementById("main").focus(); }}>Skip to content</a>
    <header class="top">
      <strong class="brand">AIV7</strong>
      <nav aria-label="Dashboard">
        <ul>
          ${PAGES.map((p) => html`<li><a href="#/${p.id}" aria-current=${p.id === page.id ? "page" : undefined}>${p.label}</a></li>`)}
        </ul>
      </nav>
      ${admin ? html`<${TenantSwitch} tenant=${tenant} setTenant=${setTenant} />` : html`<span class="tenant">${tenant}</span>`}
      <span class="who">${user.email} (${user.role})</span>
      <button type="button" class="link" onClick=${onSignOut}>Sign out</button>
    </header>
    <main id="main" tabindex="-1">
      ${tenant
        ? html`<${View} key=${tenant + page.id} tenant=${tenant} user=${user} canWrite=${canWrite} args=${route.args} />`
        : html`<p>Choose a shop (its key, e.g. UK_BUTCHER) to work on.</p>`}
    </main>`;
}

function App() {
  const [user, setUser] = useState(undefined);  // undefined: checking; null: signed out
  useEffect(() => {
    get("/admin/api/me").then((me) => setUser(me.user || me)).catch(() => setUser(null));
    return onSignedOut(() => setUser(null));
  }, []);
  const signOut = useCallback(async () => {
    try { await api("POST", "/admin/api/logout"); } catch { /* the session may be gone already */ }
    setUser(null);
  }, []);
  if (user === undefined) return html`<p class="loading">Loading…</p>`;
  if (!user) return html`<${SignIn} onSignedIn=${setUser} />`;
  return html`<${Shell} user=${user} onSignOut=${signOut} />`;
}

render(html`<${App} />`, document.getElementById("app"));
