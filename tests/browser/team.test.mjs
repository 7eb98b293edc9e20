// Settings: the owner adds a staff member, who then sees only what staff may
// do (no data changes, no users, no tokens), and resets their password.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { setup, teardown, newPage, screenshot, signIn } from "./harness.mjs";

let env;
before(async () => { env = await setup(); });
after(async () => { await teardown(env); });

const STAFF = { email: "amina@shop.example", password: "counter-password-1" };

test("an owner adds staff; staff see a read-only shop and no team or tokens", async () => {
  const ownerContext = await env.browser.newContext();
  const owner = await newPage(ownerContext);
  await signIn(owner, env.server);
  await owner.goto(env.server.url + "/admin/#/settings");
  await owner.getByRole("heading", { name: "Users" }).waitFor();
  await owner.getByLabel("Email").fill(STAFF.email);
  await owner.getByLabel("Password").fill(STAFF.password);
  await owner.getByRole("button", { name: "Add user" }).click();
  await owner.getByRole("status").filter({ hasText: `Added ${STAFF.email} (staff).` }).waitFor();
  await owner.locator(`tr[data-user="${STAFF.email}"]`).waitFor();
  await screenshot(owner, "settings-team");

  const staffContext = await env.browser.newContext();
  const staff = await newPage(staffContext);
  await signIn(staff, env.server, STAFF);
  assert.match(await staff.locator(".who").textContent(), /\(staff\)/);
  await staff.goto(env.server.url + "/admin/#/data/catalog");
  const price = staff.getByLabel("price of LMB-001");
  await price.waitFor();
  assert.ok(await price.isDisabled(), "staff cannot edit prices");
  assert.equal(await staff.getByRole("button", { name: "Add and publish" }).count(), 0);
  await staff.goto(env.server.url + "/admin/#/settings");
  await staff.getByRole("heading", { name: "API tokens" }).waitFor();
  assert.equal(await staff.getByRole("heading", { name: "Users" }).count(), 0);
  assert.equal(await staff.getByRole("button", { name: "Create token" }).count(), 0);

  // The owner resets the staff password: the staff session ends.
  await owner.locator(`tr[data-user="${STAFF.email}"]`).getByRole("button", { name: "Reset password" }).click();
  await owner.getByLabel(`New password for ${STAFF.email}`).fill("a-new-password-2");
  await owner.getByRole("button", { name: "Set password", exact: true }).click();
  await owner.getByRole("status").filter({ hasText: "Password changed" }).waitFor();
  await staff.goto(env.server.url + "/admin/#/inbox");
  await staff.getByRole("button", { name: "Sign in" }).waitFor();

  await owner.locator(`tr[data-user="${STAFF.email}"]`).getByRole("button", { name: "Remove" }).click();
  await owner.getByRole("status").filter({ hasText: `Removed ${STAFF.email}.` }).waitFor();
  await owner.locator(`tr[data-user="${STAFF.email}"]`).waitFor({ state: "detached" });
  assert.deepEqual(owner.problems, []);
  assert.deepEqual(staff.problems, []);
  await ownerContext.close();
  await staffContext.close();
});

test("a platform admin switches between shops", async () => {
  env.server.addUser({ email: "root@platform.example", password: "platform-password-1", role: "admin" });
  const context = await env.browser.newContext();
  const page = await newPage(context);
  await signIn(page, env.server, { email: "root@platform.example", password: "platform-password-1" });
  await page.getByText("Choose a shop").waitFor();
  await page.getByLabel("Shop").fill("US_BIKES");
  await page.getByRole("button", { name: "Switch" }).click();
  await page.getByRole("heading", { name: "Overview" }).waitFor();
  await page.goto(env.server.url + "/admin/#/data/catalog");
  await page.locator("tr[data-sku]").first().waitFor();
  const first = await page.locator("tr[data-sku]").first().getAttribute("data-sku");
  await page.getByLabel("Shop").fill("UK_BUTCHER");
  await page.getByRole("button", { name: "Switch" }).click();
  await page.locator('tr[data-sku="LMB-001"]').waitFor();
  assert.notEqual(first, "LMB-001", "each shop shows its own catalog");
  assert.deepEqual(page.problems, []);
  await context.close();
});
