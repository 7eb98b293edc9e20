// Accessibility: an axe-core scan of every dashboard page and of the widget
// (open) finds no serious or critical violation; no page logs a console
// error; the security headers fit the pages (no inline script needed).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { setup, teardown, newPage, screenshot, signIn, axeScan, OWNER } from "./harness.mjs";

let env;
before(async () => {
  env = await setup();
  // A conversation, so the inbox and the leads table have rows to scan.
  await fetch(env.server.url + "/chat_api", {
    method: "POST", headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ tenant: OWNER.tenant, message: "how much are lamb chops? my name is Sara, 07700 900555" }),
  });
});
after(async () => { await teardown(env); });

const PAGES = [
  ["overview", "Overview", "heading"], ["inbox", "Conversations", "heading"], ["leads", "Leads", "heading"],
  ["data/catalog", /^Catalog/, "heading"], ["data/faq", "faq.json", "label"], ["data/branding", "branding.json", "label"],
  ["data/versions", "Versions", "heading"], ["settings", "API tokens", "heading"],
];

test("the sign-in page and every dashboard page pass axe-core", async () => {
  const context = await env.browser.newContext();
  const page = await newPage(context);
  await page.goto(env.server.url + "/admin/");
  await page.getByRole("button", { name: "Sign in" }).waitFor();
  const signInViolations = await axeScan(page);
  assert.deepEqual(signInViolations, [], "sign-in: " + JSON.stringify(signInViolations, null, 1));
  const headers = (await page.request.get(env.server.url + "/admin/")).headers();
  assert.match(headers["content-security-policy"], /script-src 'self'/);
  assert.doesNotMatch(headers["content-security-policy"], /unsafe-inline/);
  assert.match(headers["content-security-policy"], /frame-ancestors 'none'/);
  assert.equal(headers["x-frame-options"], "DENY");
  assert.equal(headers["x-content-type-options"], "nosniff");

  await signIn(page, env.server);
  for (const [hash, name, kind] of PAGES) {
    await page.goto(`${env.server.url}/admin/#/${hash}`);
    const marker = kind === "heading" ? page.getByRole("heading", { name, exact: typeof name === "string" }) : page.getByLabel(name);
    await marker.first().waitFor();
    if (hash === "inbox") {
      await page.getByTestId("conversations").locator("li a").first().click();
      await page.locator(".transcript .msg").first().waitFor();
    }
    const violations = await axeScan(page);
    assert.deepEqual(violations, [], `${hash}: ${JSON.stringify(violations, null, 1)}`);
    await screenshot(page, "a11y-" + hash.replace("/", "-"));
  }
  assert.deepEqual(page.problems, []);
  await context.close();
});

test("the widget passes axe-core, closed and open", async () => {
  const context = await env.browser.newContext();
  const page = await newPage(context);
  await page.goto(`${env.server.url}/widget/?tenant=${OWNER.tenant}`);
  await page.locator('#aiv7-widget[data-ready="true"]').waitFor({ state: "attached" });
  assert.deepEqual(await axeScan(page), []);
  await page.locator("#aiv7-widget").getByRole("button", { name: /Ask our butcher/ }).click();
  await page.locator("#aiv7-widget").getByLabel("Message").fill("how much are lamb chops?");
  await page.locator("#aiv7-widget").getByLabel("Message").press("Enter");
  await page.locator("#aiv7-widget .card").first().waitFor();
  const violations = await axeScan(page);
  assert.deepEqual(violations, [], JSON.stringify(violations, null, 1));
  assert.deepEqual(page.problems, []);
  await context.close();
});
