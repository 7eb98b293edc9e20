// Browser-test harness: starts the real aiv7 binary on a free port with its
// own data, log and business folders, creates an owner, and launches Debian's
// Chromium through playwright-core. Every page's console errors and uncaught
// exceptions are collected; screenshots go to AIV7_ARTIFACTS.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
const { chromium } = require(path.join(ROOT, "node_modules/playwright-core"));
export const AXE_SOURCE = path.join(ROOT, "node_modules/axe-core/axe.min.js");
const BINARY = process.env.AIV7_BINARY || path.join(ROOT, "build/aiv7");
const ARTIFACTS = process.env.AIV7_ARTIFACTS || path.join(ROOT, "build/tests/browser-artifacts");

export const OWNER = { email: "owner@shop.example", password: "correct horse battery", tenant: "UK_BUTCHER" };

export class Server {
  constructor(env = {}) {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), "aiv7-browser-"));
    this.business = path.join(this.dir, "business");
    fs.cpSync(path.join(ROOT, "business"), this.business, { recursive: true });
    this.env = {
      PATH: process.env.PATH,
      HOME: this.dir,
      HOST: "127.0.0.1",
      PORT: "0",
      PORT_FILE: path.join(this.dir, "port"),
      DATA_DIR: path.join(this.dir, "data"),
      LOG_DIR: path.join(this.dir, "logs"),
      BUSINESS_DIR: this.business,
      WEB_DIR: path.join(ROOT, "web"),
      SCHEMAS_DIR: path.join(ROOT, "schemas"),
      LEXICON_DIR: path.join(ROOT, "lexicon"),
      RELOAD_INTERVAL_MS: "0",
      WORKERS: "2",
      LOG_LEVEL: "warn",
      ARGON2_MEMORY_KIB: "8192",
      ARGON2_ITERATIONS: "1",
      ...env,
    };
    this.output = "";
  }

  addUser({ email, password, role, tenant }) {
    const args = ["user", "add", "--email", email, "--role", role, "--password-stdin"];
    if (tenant) args.push("--tenant", tenant);
    const r = spawnSync(BINARY, args, { env: this.env, input: password + "\n", encoding: "utf8" });
    if (r.status !== 0) throw new Error(`user add failed: ${r.stdout}${r.stderr}`);
  }

  async start() {
    fs.rmSync(this.env.PORT_FILE, { force: true });
    this.proc = spawn(BINARY, ["serve"], { env: this.env, stdio: ["ignore", "pipe", "pipe"] });
    this.proc.stdout.on("data", (d) => { this.output += d; });
    this.proc.stderr.on("data", (d) => { this.output += d; });
    for (let i = 0; i < 600; i++) {
      if (this.proc.exitCode !== null) throw new Error("aiv7 exited: " + this.output);
      try {
        const port = Number(fs.readFileSync(this.env.PORT_FILE, "utf8").trim());
        if (port > 0) { this.url = `http://127.0.0.1:${port}`; return this; }
      } catch { /* not yet */ }
      await sleep(50);
    }
    throw new Error("aiv7 did not start: " + this.output);
  }

  async stop() {
    if (this.proc && this.proc.exitCode === null) {
      const exited = new Promise((res) => this.proc.once("exit", res));
      this.proc.kill("SIGTERM");
      const timer = setTimeout(() => this.proc.kill("SIGKILL"), 15000);
      await exited;
      clearTimeout(timer);
    }
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

// A new page whose console errors and uncaught exceptions are kept in
// page.problems. Failed API answers (4xx the test provokes on purpose) are
// logged by Chromium as "Failed to load resource"; those are not script
// errors and are kept apart in page.failedLoads.
export async function newPage(context) {
  const page = await context.newPage();
  page.problems = [];
  page.failedLoads = [];
  page.on("console", (msg) => {
    if (msg.type() !== "error") return;
    if (/Failed to load resource: the server responded with a status of 4\d\d/.test(msg.text())) page.failedLoads.push(msg.text());
    else page.problems.push(msg.text());
  });
  page.on("pageerror", (err) => page.problems.push("pageerror: " + err.message));
  page.on("dialog", (d) => d.accept());
  return page;
}

export async function screenshot(page, name) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, name + ".png"), fullPage: true });
}

export async function signIn(page, server, who = OWNER) {
  await page.goto(server.url + "/admin/");
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("navigation", { name: "Dashboard" }).waitFor();
}

// Runs axe-core in the page; returns the serious and critical violations.
export async function axeScan(page) {
  // Evaluated through the DevTools protocol: the pages' CSP forbids inline
  // scripts, and must not be loosened for a test.
  const before = page.problems.length;
  await page.evaluate(fs.readFileSync(AXE_SOURCE, "utf8"));
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(" ")).slice(0, 5) }));
  });
  // axe measures colour contrast with inline styles of its own, which the
  // page's CSP rightly blocks: those reports are the scan's, not the page's.
  const during = page.problems.splice(before);
  page.problems.push(...during.filter((p) => !/^Applying inline style violates/.test(p)));
  return result.filter((v) => v.impact === "serious" || v.impact === "critical");
}

// One server with an owner, one browser: the usual setup of a test file.
export async function setup(env) {
  const server = new Server(env);
  server.addUser({ ...OWNER, role: "owner" });
  await server.start();
  const browser = await launchBrowser();
  return { server, browser };
}

export async function teardown({ server, browser }) {
  if (browser) await browser.close();
  if (server) await server.stop();
}
