// Shop data editors: catalog (inline price and stock, add and remove
// products), the other files as checked JSON, branding with a live widget
// preview, and versions (diff, rollback) with the audit log. Every save is
// validated by the server; its errors ({file, pointer, message}) are shown
// at the field they point to. Writes carry If-Match, so an editor never
// overwrites a change it has not seen (412: reload).
import { html, useState, useEffect } from "/vendor/preact-htm.js";
import { api, get, tenantPath, formatTime } from "./api.js";

const TABS = [
  ["catalog", "Catalog"], ["faq", "FAQ"], ["branches", "Hours & closures"], ["delivery", "Delivery zones"],
  ["synonyms", "Synonyms"], ["branding", "Branding"], ["versions", "Versions & audit"],
];

async function readFile(tenant, file) {
  const r = await api("GET", tenantPath(tenant, `/files/${file}.json`));
  return { json: r.data, etag: r.etag };
}

function putFile(tenant, file, json, etag) {
  return api("PUT", tenantPath(tenant, `/files/${file}.json`), JSON.stringify(json, null, 2),
    { headers: etag ? { "If-Match": etag } : {} });
}

// "/products/3/price" -> ["products", "3", "price"]
const pointerParts = (p) => (p || "").split("/").slice(1).map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));

function FieldError({ errors, id }) {
  const list = errors.filter((e) => e.key === id);
  if (!list.length) return null;
  return html`<span class="field-error" id=${"err-" + id} role="alert">${list.map((e) => e.message).join(" ")}</span>`;
}

function Catalog({ tenant, canWrite }) {
  const [file, setFile] = useState(null);
  const [edits, setEdits] = useState({});  // sku -> {price, stock} as typed
  const [errors, setErrors] = useState([]);  // {key: "<sku>-<field>" | "new-<field>" | "", message}
  const [status, setStatus] = useState("");
  const [draft, setDraft] = useState({ sku: "", name: "", category: "", price: "", unit: "each", stock: "0" });
  const load = async () => {
    try { setFile(await readFile(tenant, "catalog")); setEdits({}); } catch (e) { setStatus(e.message); }
  };
  useEffect(() => { load(); }, [tenant]);
  if (!file) return html`<p>${status || "Loading the catalog…"}</p>`;
  const products = file.json.products || [];
  const toErrors = (err, keyFor) => {
    const out = err.details.map((d) => ({ key: keyFor(pointerParts(d.pointer)), message: d.message }));
    if (!out.length) out.push({ key: "", message: err.message });
    return out;
  };
  const saveRow = async (p) => {
    const e = edits[p.sku] || {};
    const body = {};
    if (e.price !== undefined) body.price = e.price === "" ? null : Number(e.price);
    if (e.stock !== undefined) body.stock = e.stock === "" ? null : Number(e.stock);
    try {
      await api("PATCH", tenantPath(tenant, `/products/${encodeURIComponent(p.sku)}`), body, { headers: { "If-Match": file.etag } });
      setErrors([]);
      setStatus(`Published ${p.name}.`);
      await load();
    } catch (err) {
      setStatus("");
      setErrors(toErrors(err, (parts) => {
        if (parts[0] === "products" && parts[1] !== undefined) return `${products[Number(parts[1])]?.sku}-${parts[2]}`;
        if (parts[0] === "price" || parts[0] === "stock") return `${p.sku}-${parts[0]}`;
        return `${p.sku}-${err.message.includes("stock") ? "stock" : "price"}`;
      }));
    }
  };
  const publish = async (json, newIndex) => {
    try {
      await putFile(tenant, "catalog", json, file.etag);
      setErrors([]);
      setStatus("Published a new catalog version.");
      setDraft({ sku: "", name: "", category: "", price: "", unit: "each", stock: "0" });
      await load();
    } catch (err) {
      setStatus("");
      setErrors(toErrors(err, (parts) => (parts[0] === "products" && Number(parts[1]) === newIndex ? `new-${parts[2] || "sku"}` : "")));
    }
  };
  const add = (e) => {
    e.preventDefault();
    const product = { sku: draft.sku.trim(), name: draft.name.trim(), category: draft.category,
      price: draft.price === "" ? null : Number(draft.price), unit: draft.unit.trim(), stock: Number(draft.stock) };
    publish({ ...file.json, products: [...products, product] }, products.length);
  };
  const remove = (sku) => {
    if (!confirm(`Remove ${sku} from the catalog?`)) return;
    publish({ ...file.json, products: products.filter((p) => p.sku !== sku) }, -1);
  };
  const field = (sku, name, value) => {
    const id = `${sku}-${name}`;
    const invalid = errors.some((x) => x.key === id);
    return html`<input type="number" step=${name === "price" ? "0.01" : "1"} id=${"f-" + id} class=${name}
      aria-label=${`${name} of ${sku}`} aria-invalid=${invalid ? "true" : undefined}
      aria-describedby=${invalid ? "err-" + id : undefined} disabled=${!canWrite}
      value=${edits[sku]?.[name] ?? value}
      onInput=${(e) => setEdits({ ...edits, [sku]: { ...edits[sku], [name]: e.target.value } })} />
      <${FieldError} errors=${errors} id=${id} />`;
  };
  const general = errors.filter((x) => x.key === "");
  return html`<section aria-labelledby="cat-h">
    <h2 id="cat-h">Catalog <small>version ${file.etag}</small></h2>
    ${status && html`<p role="status" class="ok">${status}</p>`}
    ${general.map((x) => html`<p class="error" role="alert">${x.message}</p>`)}
    <table class="catalog">
      <thead><tr><th scope="col">SKU</th><th scope="col">Name</th><th scope="col">Category</th><th scope="col">Price</th>
        <th scope="col">Stock</th><th scope="col"><span class="sr-only">Actions</span></th></tr></thead>
      <tbody>${products.map((p) => html`<tr data-sku=${p.sku}>
        <td>${p.sku}</td><td>${p.name}</td><td>${p.category}</td>
        <td>${field(p.sku, "price", p.price)}</td><td>${field(p.sku, "stock", p.stock)}</td>
        <td>${canWrite && html`<button type="button" disabled=${!edits[p.sku]} onClick=${() => saveRow(p)}>Save</button>
          <button type="button" class="danger" onClick=${() => remove(p.sku)} aria-label=${"Remove " + p.sku}>Remove</button>`}</td>
      </tr>`)}</tbody>
    </table>
    ${canWrite && html`<form class="add-product" onSubmit=${add} aria-labelledby="add-h">
      <h3 id="add-h">Add a product</h3>
      ${[["sku", "SKU", "text"], ["name", "Name", "text"], ["price", "Price", "number"], ["unit", "Unit", "text"], ["stock", "Stock", "number"]]
        .map(([k, label, type]) => {
          const invalid = errors.some((x) => x.key === "new-" + k);
          return html`<div class="field"><label for=${"new-" + k}>${label}</label>
            <input id=${"new-" + k} type=${type} step=${k === "price" ? "0.01" : undefined} value=${draft[k]}
              aria-invalid=${invalid ? "true" : undefined} aria-describedby=${invalid ? "err-new-" + k : undefined}
              onInput=${(e) => setDraft({ ...draft, [k]: e.target.value })} />
            <${FieldError} errors=${errors} id=${"new-" + k} /></div>`;
        })}
      <div class="field"><label for="new-category">Category</label>
        <select id="new-category" value=${draft.category} onChange=${(e) => setDraft({ ...draft, category: e.target.value })}
          aria-invalid=${errors.some((x) => x.key === "new-category") ? "true" : undefined}
          aria-describedby=${errors.some((x) => x.key === "new-category") ? "err-new-category" : undefined}>
          <option value="">Choose…</option>
          ${(file.json.categories || []).map((c) => html`<option value=${c.id}>${c.name}</option>`)}</select>
        <${FieldError} errors=${errors} id="new-category" /></div>
      <button type="submit">Add and publish</button>
    </form>`}
  </section>`;
}

// Any tenant file as JSON text, checked by the server on publish.
function JsonFile({ tenant, file, canWrite, children }) {
  const [text, setText] = useState(null);
  const [etag, setEtag] = useState(null);
  const [errors, setErrors] = useState([]);
  const [status, setStatus] = useState("");
  const load = async () => {
    try {
      const f = await readFile(tenant, file);
      setText(JSON.stringify(f.json, null, 2)); setEtag(f.etag); setErrors([]);
    } catch (e) { setStatus(e.code === "not_found" ? `This shop has no ${file}.json yet.` : e.message); setText(""); }
  };
  useEffect(() => { load(); }, [tenant, file]);
  const publish = async () => {
    let json;
    try { json = JSON.parse(text); } catch (e) { setErrors([{ pointer: "", message: "Not valid JSON: " + e.message }]); return; }
    try {
      await putFile(tenant, file, json, etag);
      setStatus("Published a new version."); setErrors([]);
      await load();
    } catch (err) {
      setStatus("");
      setErrors(err.details.length ? err.details : [{ pointer: "", message: err.message }]);
    }
  };
  if (text === null) return html`<p>Loading…</p>`;
  return html`<section>
    ${children && children(text, setText)}
    <label class="json-label" for=${"json-" + file}>${file}.json</label>
    <textarea id=${"json-" + file} class="json" rows="18" spellcheck="false" readOnly=${!canWrite} value=${text}
      aria-invalid=${errors.length ? "true" : undefined} aria-describedby=${errors.length ? "errs-" + file : undefined}
      onInput=${(e) => setText(e.target.value)}></textarea>
    ${errors.length > 0 && html`<ul class="errors" id=${"errs-" + file} role="alert">
      ${errors.map((e) => html`<li><code>${e.pointer || "/"}</code> ${e.message}</li>`)}</ul>`}
    ${status && html`<p role="status">${status}</p>`}
    ${canWrite && html`<button type="button" onClick=${publish}>Publish</button> <button type="button" onClick=${load}>Discard changes</button>`}
  </section>`;
}

function contrast(a, b) {
  const lum = (hex) => {
    const m = /^#?([0-9a-f]{6})$/i.exec(hex || "");
    if (!m) return null;
    const c = [0, 2, 4].map((i) => parseInt(m[1].slice(i, i + 2), 16) / 255)
      .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  };
  const x = lum(a), y = lum(b);
  if (x === null || y === null) return null;
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}

function BrandingPreview(text) {
  let b = {};
  try { b = JSON.parse(text); } catch { return html`<p>Fix the JSON to see the preview.</p>`; }
  const c = b.colors || {};
  const ratio = contrast(c.primary, c.primary_text);
  return html`<div class="brand-preview" aria-label="Widget preview" role="img">
    <div class="bp-head" style=${{ background: c.primary || "#14532d", color: c.primary_text || "#fff" }}>${b.title || "Chat"}</div>
    <div class="bp-body" style=${{ background: c.background || "#fff", color: c.text || "#222" }}>
      <p class="bp-bot" style=${{ background: c.bot_bubble || "#f3f4f6" }}>${b.greeting || "Hello!"}</p>
      <p class="bp-user" style=${{ background: c.user_bubble || "#dcfce7" }}>How much are lamb chops?</p>
    </div>
    <p class=${ratio !== null && ratio < 4.5 ? "error" : ""}>Header contrast ${ratio ? ratio.toFixed(1) + ":1" : "—"}${ratio !== null && ratio < 4.5 ? " (below 4.5:1)" : ""}</p>
  </div>`;
}

function Versions({ tenant, canWrite }) {
  const [versions, setVersions] = useState([]);
  const [audit, setAudit] = useState([]);
  const [diff, setDiff] = useState(null);
  const [status, setStatus] = useState("");
  const load = async () => {
    try {
      const [v, a] = await Promise.all([get(tenantPath(tenant, "/versions")), get(tenantPath(tenant, "/audit"))]);
      setVersions(v.versions); setAudit(a.entries);
    } catch (e) { setStatus(e.message); }
  };
  useEffect(() => { load(); }, [tenant]);
  const current = versions.find((v) => v.current);
  const showDiff = async (v) => {
    try { setDiff({ version: v, data: await get(tenantPath(tenant, `/diff?from=${v}&to=${current.version}`)) }); } catch (e) { setStatus(e.message); }
  };
  const rollback = async (v) => {
    if (!confirm(`Make version ${v} current again (as a new version)?`)) return;
    try {
      const { data } = await api("POST", tenantPath(tenant, "/rollback"), { version: v }, { headers: { "If-Match": `"${current.version}"` } });
      setStatus(`Rolled back: version ${data.version} is live (a copy of version ${v}).`);
      setDiff(null);
      load();
    } catch (e) { setStatus(e.message); }
  };
  return html`<section aria-labelledby="ver-h">
    <h2 id="ver-h">Versions</h2>
    ${status && html`<p role="status">${status}</p>`}
    <table class="versions"><thead><tr><th scope="col">Version</th><th scope="col">When</th><th scope="col">Who</th>
      <th scope="col">Note</th><th scope="col"><span class="sr-only">Actions</span></th></tr></thead>
      <tbody>${versions.map((v) => html`<tr data-version=${v.version}>
        <td>${v.version}${v.current ? " (live)" : ""}</td><td>${formatTime(v.created_at)}</td><td>${v.author}</td><td>${v.note}</td>
        <td>${!v.current && html`<button type="button" onClick=${() => showDiff(v.version)}>Diff with live</button>
          ${canWrite && html`<button type="button" onClick=${() => rollback(v.version)}>Roll back to ${v.version}</button>`}`}</td>
      </tr>`)}</tbody></table>
    ${diff && html`<div class="diff" role="region" aria-label="Differences"><h3>Version ${diff.version} → live</h3>
      <pre>${JSON.stringify(diff.data, null, 2)}</pre></div>`}
    <h2>Audit log</h2>
    <table class="audit"><thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">What</th><th scope="col">Target</th></tr></thead>
      <tbody>${audit.map((e) => html`<tr><td>${formatTime(e.at)}</td><td>${e.user}</td><td>${e.action}</td><td>${e.target}</td></tr>`)}</tbody></table>
  </section>`;
}

export function DataEditors({ tenant, canWrite, args }) {
  const tab = TABS.some(([id]) => id === args[0]) ? args[0] : "catalog";
  let body;
  if (tab === "catalog") body = html`<${Catalog} tenant=${tenant} canWrite=${canWrite} />`;
  else if (tab === "versions") body = html`<${Versions} tenant=${tenant} canWrite=${canWrite} />`;
  else if (tab === "branding") body = html`<${JsonFile} key="branding" tenant=${tenant} file="branding" canWrite=${canWrite}>${BrandingPreview}<//>`;
  else body = html`<${JsonFile} key=${tab} tenant=${tenant} file=${tab} canWrite=${canWrite} />`;
  return html`<h1>Shop data</h1>
    <nav class="tabs" aria-label="Data files"><ul>
      ${TABS.map(([id, label]) => html`<li><a href="#/data/${id}" aria-current=${id === tab ? "page" : undefined}>${label}</a></li>`)}
    </ul></nav>
    ${body}`;
}
