// Long-poll cost and latency of the live inbox (issue 15), over HTTP against
// the real server:
//   - idle: W long polls waiting on /chat_api/messages (other shoppers'
//     widgets) for 10 s; the server's CPU time meanwhile (from /proc), i.e.
//     the cost of the 100 ms checks of waiting polls;
//   - wake: one widget waits, a staff reply is posted; the time from the
//     reply's 201 to the widget's poll returning, N times (median, p95).
// Usage (after a build): node bench/longpoll.mjs [waiting=500] [rounds=50]
import fs from "node:fs";
import http from "node:http";
import { Server, OWNER } from "../tests/browser/harness.mjs";

const waiting = Number(process.argv[2] || 500);
const rounds = Number(process.argv[3] || 50);
const agent = new http.Agent({ keepAlive: true, maxSockets: waiting + 10 });

function request(url, { method = "GET", headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent }, (res) => {
      let data = "";
      res.on("data", (d) => { data += d; });
      res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, body: data }));
    });
    req.on("error", reject);
    if (body) req.write(body);
    req.end();
  });
}
const json = { "Content-Type": "application/json" };
const chat = async (url, message, session) =>
  JSON.parse((await request(url + "/chat_api", { method: "POST", headers: json,
    body: JSON.stringify({ tenant: OWNER.tenant, message, session_id: session }) })).body);
const cpuSeconds = (pid) => {
  const f = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(f[11]) + Number(f[12])) / 100;  // utime + stime, in clock ticks of 10 ms
};
const pct = (xs, p) => xs.slice().sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];

const server = new Server({ MAX_CONNECTIONS_PER_CLIENT: String(waiting + 64) });
server.addUser({ ...OWNER, role: "owner" });
await server.start();
try {
  const url = server.url;
  // Idle widgets: one session each, all waiting at once.
  const sessions = [];
  for (let i = 0; i < waiting; i++) sessions.push((await chat(url, "hello")).session_id);
  const idleBefore = cpuSeconds(server.proc.pid);
  const started = Date.now();
  const polls = sessions.map((s) => request(`${url}/chat_api/messages?tenant=${OWNER.tenant}&session_id=${s}&after=999999999&wait=10`));
  await Promise.all(polls);
  const idleCpu = cpuSeconds(server.proc.pid) - idleBefore;
  const idleWall = (Date.now() - started) / 1000;

  // Wake latency of one widget after a staff reply.
  const login = await request(url + "/admin/api/login", { method: "POST", headers: json,
    body: JSON.stringify({ email: OWNER.email, password: OWNER.password }) });
  const cookie = login.headers["set-cookie"].map((c) => c.split(";")[0]).join("; ");
  const auth = { ...json, Cookie: cookie, "X-CSRF-Token": JSON.parse(login.body).csrf_token };
  const session = (await chat(url, "how much are lamb chops?")).session_id;
  let lead;
  while (!lead) {
    const page = JSON.parse((await request(`${url}/admin/api/tenants/${OWNER.tenant}/leads?limit=500`, { headers: auth })).body);
    lead = page.leads.find((l) => l.session === session);
  }
  let cursor = JSON.parse((await request(`${url}/chat_api/messages?tenant=${OWNER.tenant}&session_id=${session}`)).body).cursor;
  const wake = [];
  for (let i = 0; i < rounds; i++) {
    const poll = request(`${url}/chat_api/messages?tenant=${OWNER.tenant}&session_id=${session}&after=${cursor}&wait=20`)
      .then((r) => ({ r, at: performance.now() }));
    await new Promise((r) => setTimeout(r, 150));  // the poll is waiting
    const sent = await request(`${url}/admin/api/tenants/${OWNER.tenant}/leads/${lead.id}/messages`,
      { method: "POST", headers: auth, body: JSON.stringify({ text: "reply " + i }) });
    const repliedAt = performance.now();
    if (sent.status !== 201) throw new Error("reply: " + sent.body);
    const { r, at } = await poll;
    cursor = JSON.parse(r.body).cursor;
    wake.push(at - repliedAt);
  }
  console.log(JSON.stringify({
    waiting_polls: waiting, idle_seconds: Number(idleWall.toFixed(1)),
    server_cpu_seconds_while_idle: Number(idleCpu.toFixed(2)),
    server_cpu_share_per_1000_waiting: Number(((idleCpu / idleWall) * (1000 / waiting)).toFixed(3)),
    wake_rounds: rounds, wake_ms_median: Number(pct(wake, 0.5).toFixed(1)), wake_ms_p95: Number(pct(wake, 0.95).toFixed(1)),
  }));
} finally {
  agent.destroy();
  await server.stop();
}
