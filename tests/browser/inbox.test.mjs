// The live inbox: a shopper chatting in the widget (a second page) shows up
// in the owner's inbox without a reload; the owner takes over, replies, and
// the reply reaches the widget live; handing back lets the bot answer again.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { setup, teardown, newPage, screenshot, signIn, OWNER } from "./harness.mjs";

let env;
before(async () => { env = await setup(); });
after(async () => { await teardown(env); });

function widget(page) {
  return page.locator("#aiv7-widget");
}

async function shopperSays(shop, text) {
  const w = widget(shop);
  await w.getByLabel("Message").fill(text);
  await w.getByLabel("Message").press("Enter");
}

test("takeover, a staff reply reaches the widget live, hand back", async () => {
  const ownerContext = await env.browser.newContext();
  const owner = await newPage(ownerContext);
  await signIn(owner, env.server);
  await owner.goto(env.server.url + "/admin/#/inbox");
  await owner.getByRole("heading", { name: "Conversations" }).waitFor();
  const list = owner.getByTestId("conversations");
  assert.equal(await list.locator("li").count(), 0);

  const shopperContext = await env.browser.newContext();
  const shop = await newPage(shopperContext);
  await shop.goto(`${env.server.url}/widget/?tenant=${OWNER.tenant}`);
  await widget(shop).locator("[data-ready]").or(widget(shop).getByRole("button", { name: /Ask our butcher/ })).first().waitFor();
  await widget(shop).getByRole("button", { name: /Ask our butcher/ }).click();
  await shopperSays(shop, "how much are lamb chops?");
  await widget(shop).locator(".msg.bot").nth(1).waitFor();
  assert.match(await widget(shop).locator(".msg.bot").nth(1).textContent(), /Lamb Chops/);

  // The inbox learns of the new conversation by itself (long poll).
  await list.locator("li").first().waitFor({ timeout: 10000 });
  await list.locator("li a").first().click();
  await owner.getByRole("heading", { name: /Shopper/ }).waitFor();
  await owner.locator(".transcript .msg.user").filter({ hasText: "how much are lamb chops?" }).waitFor();
  const bot = owner.locator(".transcript .msg.bot").first();
  assert.match(await bot.textContent(), /price_check/);
  await screenshot(owner, "inbox-conversation");

  await owner.getByRole("button", { name: "Take over" }).click();
  await owner.getByRole("button", { name: "Hand back to the bot" }).waitFor();
  await owner.getByLabel("Reply to the shopper").fill("Hi, this is Amina at the counter. Chops are fresh today!");
  await owner.getByRole("button", { name: "Send" }).click();
  await owner.locator(".transcript .msg.staff").filter({ hasText: "Amina" }).waitFor();

  const staff = widget(shop).locator(".msg.staff");
  await staff.waitFor({ timeout: 10000 });
  assert.match(await staff.textContent(), /Amina at the counter/);
  await widget(shop).getByText("You're chatting with our team.").waitFor();
  await screenshot(shop, "widget-staff-reply");

  // While staff have it, the bot stays quiet; the shopper's words reach the inbox live.
  await shopperSays(shop, "great, I'll take 2kg");
  await owner.locator(".transcript .msg.user").filter({ hasText: "I'll take 2kg" }).waitFor({ timeout: 10000 });

  await owner.getByRole("button", { name: "Hand back to the bot" }).click();
  await owner.getByRole("button", { name: "Take over" }).waitFor();
  await widget(shop).getByText("You're chatting with our team.").waitFor({ state: "detached", timeout: 10000 });
  await shopperSays(shop, "do you deliver to LS8?");
  await widget(shop).locator(".msg.bot").filter({ hasText: /LS8|deliver/i }).last().waitFor();

  assert.deepEqual(owner.problems, []);
  assert.deepEqual(shop.problems, []);
  await ownerContext.close();
  await shopperContext.close();
});
