// Data editors: a catalog edit with a validation error shown at the field,
// fixed and published; a product added with an error at its field; rollback
// from the versions page; the audit log shows who did it.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { setup, teardown, newPage, screenshot, signIn, OWNER } from "./harness.mjs";

let env;
before(async () => { env = await setup(); });
after(async () => { await teardown(env); });

async function priceOf(sku) {
  const r = await fetch(`${env.server.url}/chat_api`, {
    method: "POST", headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ tenant: OWNER.tenant, message: "how much are lamb chops?" }),
  });
  const body = await r.json();
  return body.items.find((i) => i.sku === sku)?.price;
}

test("a bad price is refused at its field, the fixed one is published and live", async () => {
  const context = await env.browser.newContext();
  const page = await newPage(context);
  await signIn(page, env.server);
  await page.goto(env.server.url + "/admin/#/data/catalog");
  const row = page.locator('tr[data-sku="LMB-001"]');
  const price = row.getByLabel("price of LMB-001");
  await price.waitFor();
  assert.equal(await price.inputValue(), "15.99");

  await price.fill("-3");
  await row.getByRole("button", { name: "Save" }).click();
  const error = row.locator(".field-error");
  await error.waitFor();
  assert.match(await error.textContent(), /\S/);
  assert.equal(await price.getAttribute("aria-invalid"), "true");
  assert.equal(await price.getAttribute("aria-describedby"), await error.getAttribute("id"));
  await screenshot(page, "catalog-field-error");
  assert.equal(await priceOf("LMB-001"), 15.99, "nothing was published");

  await price.fill("16.49");
  await row.getByRole("button", { name: "Save" }).click();
  await page.getByRole("status").filter({ hasText: "Published Lamb Chops." }).waitFor();
  assert.equal(await row.locator(".field-error").count(), 0);
  assert.equal(await row.getByLabel("price of LMB-001").inputValue(), "16.49");
  assert.equal(await priceOf("LMB-001"), 16.49, "the shopper sees the new price");

  // A new product with a missing price: the error is at the add form's field.
  await page.getByLabel("SKU", { exact: true }).fill("LMB-999");
  await page.getByLabel("Name", { exact: true }).fill("Lamb Tester");
  await page.getByLabel("Category").selectOption("lamb");
  await page.getByRole("button", { name: "Add and publish" }).click();
  await page.locator(".add-product .field-error").first().waitFor();
  await screenshot(page, "catalog-add-error");
  await page.getByLabel("Price", { exact: true }).fill("9.99");
  await page.getByRole("button", { name: "Add and publish" }).click();
  await page.locator('tr[data-sku="LMB-999"]').waitFor();

  assert.deepEqual(page.problems, []);
  await context.close();
});

test("rollback from the versions page restores the old price; the audit log shows it", async () => {
  const context = await env.browser.newContext();
  const page = await newPage(context);
  await signIn(page, env.server);
  await page.goto(env.server.url + "/admin/#/data/versions");
  await page.getByRole("heading", { name: "Versions" }).waitFor();
  const first = page.locator('tr[data-version="1"]');
  await first.getByRole("button", { name: "Diff with live" }).click();
  await page.getByRole("region", { name: "Differences" }).waitFor();
  assert.match(await page.getByRole("region", { name: "Differences" }).textContent(), /catalog/);
  await first.getByRole("button", { name: "Roll back to 1" }).click();
  await page.getByRole("status").filter({ hasText: /Rolled back: version \d+ is live/ }).waitFor();
  assert.equal(await priceOf("LMB-001"), 15.99);
  await page.locator(".audit td").filter({ hasText: "owner@shop.example" }).first().waitFor();
  const actions = await page.locator(".audit tbody tr td:nth-child(3)").allTextContents();
  assert.ok(actions.some((a) => /rollback/.test(a)), "audit: " + actions.join(", "));
  await screenshot(page, "versions-after-rollback");
  assert.deepEqual(page.problems, []);
  await context.close();
});

test("another file is edited as JSON; a schema error names its pointer", async () => {
  const context = await env.browser.newContext();
  const page = await newPage(context);
  await signIn(page, env.server);
  await page.goto(env.server.url + "/admin/#/data/branding");
  const editor = page.getByLabel("branding.json");
  await editor.waitFor();
  const json = JSON.parse(await editor.inputValue());
  json.colors.primary = 42;
  await editor.fill(JSON.stringify(json, null, 2));
  await page.getByRole("button", { name: "Publish" }).click();
  const errors = page.locator("ul.errors");
  await errors.waitFor();
  assert.match(await errors.textContent(), /\/colors\/primary/);
  json.colors.primary = "#0B5D3B";
  json.title = "Noor Halal Butchers & Grill";
  await editor.fill(JSON.stringify(json, null, 2));
  await page.getByRole("img", { name: "Widget preview" }).getByText("Noor Halal Butchers & Grill").waitFor();
  await page.getByRole("button", { name: "Publish" }).click();
  await page.getByRole("status").filter({ hasText: "Published a new version." }).waitFor();
  const config = await (await fetch(`${env.server.url}/api/widget_config?tenant=${OWNER.tenant}`)).json();
  assert.equal(config.branding.title, "Noor Halal Butchers & Grill");
  assert.deepEqual(page.problems, []);
  await context.close();
});
