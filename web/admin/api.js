// The admin API from the browser: cookie session + CSRF header on every
// write, JSON in and out, errors as ApiError with the server's code, message
// and field details ({file, pointer, message}).
export class ApiError extends Error {
  constructor(status, body) {
    const e = (body && body.error) || {};
    super(e.message || `Request failed (${status}).`);
    this.status = status;
    this.code = e.code || "http_" + status;
    this.details = Array.isArray(e.details) ? e.details : [];
  }
}

function csrfToken() {
  const m = document.cookie.match(/(?:^|;\s*)aiv7_csrf=([^;]+)/);
  return m ? decodeURIComponent(m[1]) : "";
}

// Listeners told when the session has ended (401), so the shell shows sign-in.
const signedOutListeners = new Set();
export function onSignedOut(fn) { signedOutListeners.add(fn); return () => signedOutListeners.delete(fn); }

export async function api(method, path, body, { headers = {}, signal, raw = false } = {}) {
  const init = { method, credentials: "same-origin", headers: { Accept: "application/json", ...headers }, signal };
  if (method !== "GET" && method !== "HEAD") init.headers["X-CSRF-Token"] = csrfToken();
  if (body !== undefined) {
    init.headers["Content-Type"] = "application/json";
    init.body = typeof body === "string" ? body : JSON.stringify(body);
  }
  const res = await fetch(path, init);
  if (raw) return res;
  const text = await res.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = null; }
  if (!res.ok) {
    const err = new ApiError(res.status, data);
    if (res.status === 401 && !path.endsWith("/login")) signedOutListeners.forEach((fn) => fn());
    throw err;
  }
  return { data, etag: res.headers.get("ETag"), status: res.status };
}

export const get = (path, opts) => api("GET", path, undefined, opts).then((r) => r.data);

export function tenantPath(tenant, rest) {
  return `/admin/api/tenants/${encodeURIComponent(tenant)}${rest}`;
}

// Money as the API sends it: {minor, currency}.
export function formatMoney(m) {
  if (!m || !m.currency) return "—";
  try {
    return new Intl.NumberFormat(undefined, { style: "currency", currency: m.currency }).format(m.minor / 100);
  } catch {
    return (m.minor / 100).toFixed(2) + " " + m.currency;
  }
}

export function formatTime(iso) {
  if (!iso) return "";
  const d = new Date(iso);
  return isNaN(d) ? iso : d.toLocaleString();
}
