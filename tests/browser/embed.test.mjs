// The widget embedded on a shop's own website (another origin): it works
// when the shop lists that origin in widget_origins (CORS per tenant), a
// staff reply reaches it there, and another shop's widget is refused.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { Server, launchBrowser, newPage, screenshot, OWNER } from "./harness.mjs";

let server, browser, site, siteUrl;

before(async () => {
  // The shop's own site: a page on another port that embeds the widget.
  site = http.createServer((req, res) => {
    const tenant = new URL(req.url, "http://x").searchParams.get("tenant") || OWNER.tenant;
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    res.end(`<!doctype html><html lang="en"><head><title>Shop</title></head><body><h1>Our shop</h1>
      <script src="${server.url}/widget/widget.js" data-tenant="${tenant}" defer></script></body></html>`);
  });
  await new Promise((res) => site.listen(0, "127.0.0.1", res));
  siteUrl = `http://127.0.0.1:${site.address().port}`;
  server = new Server();
  const overrides = path.join(server.business, OWNER.tenant, "overrides.json");
  const json = JSON.parse(fs.readFileSync(overrides, "utf8"));
  json.widget_origins = [...(json.widget_origins || []), siteUrl];
  fs.writeFileSync(overrides, JSON.stringify(json, null, 2));
  server.addUser({ ...OWNER, role: "owner" });
  await server.start();
  browser = await launchBrowser();
});

after(async () => {
  if (browser) await browser.close();
  if (server) await server.stop();
  if (site) await new Promise((res) => site.close(res));
});

test("on the shop's own origin the widget chats and receives a staff reply", async () => {
  const context = await browser.newContext();
  const page = await newPage(context);
  await page.goto(siteUrl + "/");
  const w = page.locator("#aiv7-widget");
  await page.locator('#aiv7-widget[data-ready="true"]').waitFor({ state: "attached" });
  await w.getByRole("button", { name: /Ask our butcher/ }).click();
  await w.getByLabel("Message").fill("how much are lamb chops?");
  await w.getByLabel("Message").press("Enter");
  await w.locator(".card").first().waitFor();
  const session = await page.evaluate((t) => localStorage.getItem("aiv7-session-" + t), OWNER.tenant);

  // The owner answers through the API (the dashboard is tested elsewhere).
  const login = await fetch(server.url + "/admin/api/login", {
    method: "POST", headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email: OWNER.email, password: OWNER.password }),
  });
  const { csrf_token: csrf } = await login.json();
  const cookie = login.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const auth = { Cookie: cookie, "X-CSRF-Token": csrf, "Content-Type": "application/json" };
  let lead;
  for (let i = 0; i < 100 && !lead; i++) {
    const leads = await (await fetch(`${server.url}/admin/api/tenants/${OWNER.tenant}/leads`, { headers: auth })).json();
    lead = leads.leads.find((l) => l.session === session);
    if (!lead) await new Promise((r) => setTimeout(r, 50));
  }
  assert.ok(lead, "the conversation became a lead");
  // Closed meanwhile: the reply shows on the launcher's unread badge.
  await w.getByRole("button", { name: "Close chat" }).click();
  const sent = await fetch(`${server.url}/admin/api/tenants/${OWNER.tenant}/leads/${lead.id}/messages`, {
    method: "POST", headers: auth, body: JSON.stringify({ text: "Hello from the shop floor" }),
  });
  assert.equal(sent.status, 201);
  const launcher = w.getByRole("button", { name: /Ask our butcher, 1 unread/ });
  await launcher.waitFor({ timeout: 10000 });
  assert.equal(await w.locator(".badge").textContent(), "1");
  await launcher.click();
  await w.locator(".msg.staff").filter({ hasText: "Hello from the shop floor" }).waitFor();
  assert.ok(await w.locator(".badge").isHidden(), "opening clears the badge");
  await screenshot(page, "widget-embedded");
  assert.deepEqual(page.problems, []);
  await context.close();
});

test("a shop that did not list the origin gets no widget there", async () => {
  const context = await browser.newContext();
  const page = await newPage(context);
  await page.goto(siteUrl + "/?tenant=US_BIKES");
  await page.waitForLoadState("networkidle");
  assert.equal(await page.locator("#aiv7-widget").count(), 0);
  // The browser refused the cross-origin answer (CORS), as it should.
  await context.close();
});
