// Sign-in, the overview's KPI chart, sign-out; no console errors.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { setup, teardown, newPage, screenshot, signIn, OWNER } from "./harness.mjs";

let env;
before(async () => { env = await setup(); });
after(async () => { await teardown(env); });

test("a wrong password is refused at the form, the right one signs in", async () => {
  const context = await env.browser.newContext();
  const page = await newPage(context);
  await page.goto(env.server.url + "/admin/");
  await page.getByLabel("Email").fill(OWNER.email);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("alert").filter({ hasText: "Email or password is wrong." }).waitFor();
  await screenshot(page, "signin-refused");

  await page.getByLabel("Password").fill(OWNER.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { name: "Overview" }).waitFor();
  assert.match(await page.locator(".who").textContent(), /owner@shop\.example \(owner\)/);
  const cookies = await context.cookies();
  const session = cookies.find((c) => c.name === "aiv7_session");
  assert.ok(session && session.httpOnly, "the session cookie is HttpOnly");
  assert.deepEqual(page.problems, []);
  await context.close();
});

test("the overview renders KPI tiles and a chart from real turns", async () => {
  // Two conversations so the charts have data.
  for (const message of ["how much are lamb chops?", "do you deliver to LS8?"]) {
    const r = await fetch(env.server.url + "/chat_api", {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ tenant: OWNER.tenant, message }),
    });
    assert.equal(r.status, 200);
  }
  const context = await env.browser.newContext();
  const page = await newPage(context);
  await signIn(page, env.server);
  const conversations = page.locator(".tiles div").filter({ hasText: "Conversations" }).locator("dd");
  // The records queue commits asynchronously; reload until both are counted.
  for (let i = 0; i < 50 && (await conversations.textContent().catch(() => "")) !== "2"; i++) {
    await page.waitForTimeout(100);
    await page.reload();
    await conversations.waitFor();
  }
  assert.equal(await conversations.textContent(), "2");
  const canvas = page.locator('figure[data-chart="Conversations and turns"] canvas');
  await canvas.waitFor();
  const box = await canvas.boundingBox();
  assert.ok(box.width > 100 && box.height > 50, "the chart is drawn");
  // uPlot draws the series on the canvas: some pixels are not blank.
  const inked = await canvas.evaluate((c) => {
    const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
    return n;
  });
  assert.ok(inked > 100, "the chart has ink");
  await screenshot(page, "overview");
  assert.deepEqual(page.problems, []);

  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByRole("button", { name: "Sign in" }).waitFor();
  const after = await fetch(env.server.url + "/admin/api/me", {
    headers: { Cookie: (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ") },
  });
  assert.equal(after.status, 401, "the session ended on the server");
  await context.close();
});

test("keyboard only: sign in, skip to content, move between pages", async () => {
  const context = await env.browser.newContext();
  const page = await newPage(context);
  await page.goto(env.server.url + "/admin/");
  await page.getByLabel("Email").waitFor();
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.name), "email");
  await page.keyboard.type(OWNER.email);
  await page.keyboard.press("Tab");
  await page.keyboard.type(OWNER.password);
  await page.keyboard.press("Enter");
  await page.getByRole("heading", { name: "Overview" }).waitFor();
  // The first Tab reaches the skip link, which moves the focus to the page.
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.textContent), "Skip to content");
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => document.activeElement.id), "main");
  // Tab to the Leads link and open it with Enter.
  let onLeads = false;
  await page.getByRole("link", { name: "Overview" }).focus();
  for (let i = 0; i < 5 && !onLeads; i++) {
    await page.keyboard.press("Tab");
    onLeads = await page.evaluate(() => document.activeElement.textContent === "Leads");
  }
  assert.ok(onLeads, "the navigation is in the tab order");
  await page.keyboard.press("Enter");
  await page.getByRole("heading", { name: "Leads" }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.id), "main", "a new page moves the focus to its content");
  assert.deepEqual(page.problems, []);
  await context.close();
});
