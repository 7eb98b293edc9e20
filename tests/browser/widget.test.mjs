// Widget v2: launcher and unread badge, the conversation and open state
// kept across a reload, product cards and the basket, keyboard-only use,
// full screen on a phone, and replies never rendered as HTML.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { setup, teardown, newPage, screenshot, OWNER } from "./harness.mjs";

let env;
before(async () => { env = await setup(); });
after(async () => { await teardown(env); });

const demo = () => `${env.server.url}/widget/?tenant=${OWNER.tenant}`;
const w = (page) => page.locator("#aiv7-widget");

async function ready(page) {
  await page.locator('#aiv7-widget[data-ready="true"]').waitFor({ state: "attached" });
}

test("the conversation, the basket and the open state survive a reload", async () => {
  const context = await env.browser.newContext();
  const page = await newPage(context);
  await page.goto(demo());
  await ready(page);
  const launcher = w(page).getByRole("button", { name: /Ask our butcher/ });
  assert.equal(await launcher.getAttribute("aria-expanded"), "false");
  await launcher.click();
  assert.equal(await launcher.getAttribute("aria-expanded"), "true");
  await w(page).getByLabel("Message").fill("how much are lamb chops?");
  await w(page).getByRole("button", { name: "Send" }).click();
  const card = w(page).locator(".card").filter({ hasText: "Lamb Chops" }).first();
  await card.waitFor();
  assert.match(await card.textContent(), /£15\.99/);
  assert.match(await card.textContent(), /In stock/);
  await card.getByRole("button", { name: "Add to basket: Lamb Chops" }).click();
  const basket = w(page).locator(".basket");
  await basket.getByText(/Basket: 1 item/).waitFor();
  assert.match(await basket.textContent(), /Lamb Chops/);
  assert.ok(await w(page).locator(".chip").count() > 0, "quick replies are offered");
  await screenshot(page, "widget-cards-basket");
  const session = await page.evaluate((t) => localStorage.getItem("aiv7-session-" + t), OWNER.tenant);
  assert.match(session, /^[0-9a-f]{32}$/);

  await page.reload();
  await ready(page);
  assert.equal(await w(page).getByRole("button", { name: /Ask our butcher/ }).getAttribute("aria-expanded"), "true",
    "still open after the reload");
  await w(page).locator(".msg.user").filter({ hasText: "how much are lamb chops?" }).waitFor();
  assert.ok(await w(page).locator(".msg.bot").filter({ hasText: /Lamb Chops/ }).count() >= 1);
  // The same conversation goes on: the basket is still there.
  await w(page).getByLabel("Message").fill("what's in my basket?");
  await w(page).getByLabel("Message").press("Enter");
  await w(page).locator(".msg.bot").filter({ hasText: /Lamb Chops/ }).last().waitFor();
  assert.equal(await page.evaluate((t) => localStorage.getItem("aiv7-session-" + t), OWNER.tenant), session);

  // Closed, it stays closed; a reply that arrives meanwhile shows on the badge.
  await w(page).getByRole("button", { name: "Close chat" }).click();
  await page.reload();
  await ready(page);
  assert.equal(await w(page).getByRole("button", { name: /Ask our butcher/ }).getAttribute("aria-expanded"), "false");
  assert.deepEqual(page.problems, []);
  await context.close();
});

test("keyboard only: open, type, send, use a quick reply, close with Escape", async () => {
  const context = await env.browser.newContext();
  const page = await newPage(context);
  await page.goto(demo());
  await ready(page);
  // Tab from the page to the launcher (after the page's links).
  let onLauncher = false;
  for (let i = 0; i < 10 && !onLauncher; i++) {
    await page.keyboard.press("Tab");
    onLauncher = await page.evaluate(() => {
      const host = document.getElementById("aiv7-widget");
      return document.activeElement === host && host.shadowRoot.activeElement?.classList.contains("launcher");
    });
  }
  assert.ok(onLauncher, "the launcher is reachable with Tab");
  await page.keyboard.press("Enter");
  // Opening moves the focus into the message field.
  const focused = () => page.evaluate(() => document.getElementById("aiv7-widget").shadowRoot.activeElement?.getAttribute("aria-label"));
  assert.equal(await focused(), "Message");
  await page.keyboard.type("do you deliver to LS8?");
  await page.keyboard.press("Enter");
  await w(page).locator(".msg.bot").nth(1).waitFor();
  assert.match(await w(page).locator(".msg.bot").nth(1).textContent(), /LS8|deliver/i);
  // The quick replies are buttons in the tab order.
  const chips = w(page).locator(".chip");
  if (await chips.count() > 0) {
    await chips.first().focus();
    const label = await chips.first().textContent();
    await page.keyboard.press("Enter");
    await w(page).locator(".msg.user").filter({ hasText: label }).waitFor();
  }
  await page.keyboard.press("Escape");
  assert.equal(await w(page).getByRole("button", { name: /Ask our butcher/ }).getAttribute("aria-expanded"), "false");
  const back = await page.evaluate(() => document.getElementById("aiv7-widget").shadowRoot.activeElement?.classList.contains("launcher"));
  assert.ok(back, "closing gives the focus back to the launcher");
  assert.deepEqual(page.problems, []);
  await context.close();
});

test("on a phone the open chat fills the screen; replies are text, never HTML", async () => {
  const context = await env.browser.newContext({ viewport: { width: 375, height: 700 }, isMobile: true, hasTouch: true });
  const page = await newPage(context);
  await page.goto(demo());
  await ready(page);
  await w(page).getByRole("button", { name: /Ask our butcher/ }).click();
  const box = await w(page).locator(".panel").boundingBox();
  assert.ok(box.width >= 370 && box.height >= 690, `full screen: ${JSON.stringify(box)}`);
  await w(page).getByLabel("Message").fill("<img src=x onerror=alert(1)> hello");
  await w(page).getByLabel("Message").press("Enter");
  await w(page).locator(".msg.bot").nth(1).waitFor();
  assert.equal(await w(page).locator(".msg img").count(), 0);
  assert.match(await w(page).locator(".msg.user").first().textContent(), /<img src=x/);
  await screenshot(page, "widget-phone");
  assert.deepEqual(page.problems, []);
  await context.close();
});

test("talk to a person pauses the bot and says so", async () => {
  const context = await env.browser.newContext();
  const page = await newPage(context);
  await page.goto(demo());
  await ready(page);
  await w(page).getByRole("button", { name: /Ask our butcher/ }).click();
  await w(page).getByRole("button", { name: "Talk to a person" }).click();
  await w(page).getByText("You're chatting with our team.").waitFor();
  assert.deepEqual(page.problems, []);
  await context.close();
});
