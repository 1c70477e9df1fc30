import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "graphql";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../src/demo/seed.js";
import { DEFAULT_QUERY } from "../src/server/graphiql.js";
import { startTestApp, type TestApp } from "./support/app.js";

/*
 * GraphiQL as a coach uses it, in headless Chromium (Debian's package, driven by
 * playwright-core): the page loads with no request to any other host, she signs in with the
 * picker, runs the tour's first query and sees her families; after a reload she is still signed
 * in; the Explorer opens. In CI a missing browser fails the run (.ci/run installs it); on a
 * developer's machine without it the file is skipped.
 */

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const IN_CI = Boolean(process.env.CI) && process.env.CI !== "false";
const HAS_CHROMIUM = existsSync(CHROMIUM);
// Without the background-networking flags Chromium phones home at start, which this closed network refuses.
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const WAIT = { timeout: 60_000 };

const COACH = { email: "coach1@groningen.demo", name: "Anouk de Vries" };
// Families Anouk de Vries leads in the Groningen demo world; any answer's shape names them.
const HER_FAMILIES = ["Gezin Bakker", "Gezin Mulder"];

/** The first operation of the tour, whatever its shape: the name the coach clicks on. */
const FIRST_OPERATION = (() => {
  const first = parse(DEFAULT_QUERY).definitions[0];
  if (first?.kind !== "OperationDefinition" || !first.name) throw new Error("The tour's first definition is not a named operation");
  return first.name.value;
})();

/**
 * The whole text of the result pane: CodeMirror draws only the lines in view, and keeps its
 * instance on its element. (A string, as the project compiles without the DOM's types.)
 */
const resultText = (page: Page) =>
  page.evaluate<string>(`document.querySelector(".result-window .CodeMirror")?.CodeMirror?.getValue() ?? ""`);

/**
 * Runs the tour's first operation, as a coach would: the run button, and when the editor holds
 * several operations, the first one's name in the menu it opens. Returns the result pane's text.
 */
async function runFirstOperation(page: Page): Promise<string> {
  const before = await resultText(page);
  const resultChanged = async () => (await page.locator(".graphiql-spinner").count()) === 0 && (await resultText(page)) !== before;
  const menuItem = page.getByRole("menuitem", { name: FIRST_OPERATION, exact: true });
  await page.locator(".graphiql-execute-button").click(WAIT);
  // Polled from here: the page's CSP forbids the eval that page.waitForFunction needs.
  await expect.poll(async () => (await menuItem.isVisible()) || (await resultChanged()), WAIT).toBe(true);
  if (await menuItem.isVisible()) await menuItem.click(WAIT);
  await expect.poll(resultChanged, WAIT).toBe(true);
  return resultText(page);
}

const signedInStatus = (page: Page) => page.locator("#signed-in");

describe.skipIf(!HAS_CHROMIUM && !IN_CI)("GraphiQL in headless Chromium", () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  const foreignRequests: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!HAS_CHROMIUM) {
      throw new Error(`No Chromium at ${CHROMIUM}: install Debian's package (apt-get install -y chromium), as .ci/run does.`);
    }
    app = await startTestApp();
    await seedDemo(app.database.db, app.clock.now());
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: 60_000 });
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const own = new URL(app.url).host;
    // Every request of the page passes here: one to another host is noted and never sent.
    await context.route("**/*", async (route) => {
      const url = new URL(route.request().url());
      if (url.host === own) return route.continue();
      foreignRequests.push(url.href);
      return route.abort("blockedbyclient");
    });
    page = await context.newPage();
    page.on("websocket", (socket) => void foreignRequests.push(socket.url()));
    page.on("pageerror", (error) => void pageErrors.push(error.message));
    // A load the page's CSP refuses never reaches the route above; Chromium reports it here.
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) foreignRequests.push(message.text());
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it("signs a coach in, runs the tour's first query and shows her families, still signed in after a reload", async () => {
    await page.goto(`${app.url}/graphiql`, WAIT);
    await page.locator(".graphiql-container").waitFor(WAIT);
    await page.locator("#demo-user:not([disabled])").waitFor(WAIT);
    await expect.poll(() => signedInStatus(page).textContent(), WAIT).toBe("Not signed in");

    // Not signed in, the API refuses the coach's query.
    expect(await runFirstOperation(page)).toContain("UNAUTHENTICATED");

    await page.locator("#demo-user").selectOption(COACH.email);
    await expect.poll(() => signedInStatus(page).textContent(), WAIT).toContain(`Signed in as ${COACH.name}`);
    const signedIn = await runFirstOperation(page);
    for (const family of HER_FAMILIES) expect(signedIn).toContain(family);
    expect(signedIn).not.toContain("UNAUTHENTICATED");
    await expect.poll(() => page.locator(".result-window").innerText(), WAIT).toContain("Gezin ");

    await page.reload(WAIT);
    await page.locator(".graphiql-container").waitFor(WAIT);
    await expect.poll(() => signedInStatus(page).textContent(), WAIT).toContain(`Signed in as ${COACH.name}`);
    expect(await page.locator("#demo-user").inputValue()).toBe(COACH.email);
    const afterReload = await runFirstOperation(page);
    for (const family of HER_FAMILIES) expect(afterReload).toContain(family);

    // The Explorer builds queries from the schema by clicking.
    await page.locator('[aria-label="Show GraphiQL Explorer"]').click(WAIT);
    await page.locator(".graphiql-explorer-root").waitFor(WAIT);
    await expect.poll(() => page.locator(".graphiql-explorer-root").innerText(), WAIT).toContain("families");

    const screenshot = join(tmpdir(), "graphiql-coach.png");
    await page.screenshot({ path: screenshot });
    console.log(`GraphiQL screenshot: ${screenshot}`);

    await page.locator("#sign-out").click(WAIT);
    await expect.poll(() => signedInStatus(page).textContent(), WAIT).toBe("Not signed in");
    expect(await runFirstOperation(page)).toContain("UNAUTHENTICATED");

    expect(foreignRequests).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 180_000);
});
