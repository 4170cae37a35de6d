import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, runFailure } from "../helpers/cli.js";
import { createRepo, type TestRepo } from "../helpers/git-repo.js";
import { post } from "../helpers/status.js";

const CHROMIUM = "/usr/bin/chromium";
const HAS_CHROMIUM = existsSync(CHROMIUM);
const HOSTILE = "<img src=x onerror=alert(1)>.md";
const GERMAN = JSON.parse(readFileSync(new URL("../../locales/de.json", import.meta.url), "utf8")) as { statusName: Record<string, string> };

let repo: TestRepo;
let out: string;

/** A site with every kind of entry: stale, up to date, missing, orphaned, invalid, and a hostile file name and title. */
function site(): TestRepo {
  const r = createRepo();
  r.write("posts/en/alpha.md", post({ title: "Alpha" }, "One.\n\nTwo words here.\n"));
  r.write("posts/en/beta.md", post({ title: "Beta" }, "Beta.\n"));
  r.write("posts/en/gamma.md", post({ title: '"Gamma <script>alert(1)</script>"' }, "Gamma.\n"));
  r.write("posts/en/gone.md", post({ title: "Gone" }, "Gone.\n"));
  r.write(`posts/en/${HOSTILE}`, post({ title: '"<b onmouseover=alert(1)>bold</b>"' }, "Hostile.\n"));
  r.commit("Originals");
  r.write("posts/de/alpha.md", post({ title: "Alpha", lang: "de" }, "Eins.\n"));
  r.write("posts/de/beta.md", post({ title: "Beta", lang: "de" }, "Beta.\n"));
  r.write("posts/de/gone.md", post({ title: "Weg", lang: "de" }, "Weg.\n"));
  r.write(`posts/de/${HOSTILE}`, post({ title: '"<i>feindlich</i>"', lang: "de" }, "Feindlich.\n"));
  r.write("posts/zh/alpha.md", post({ title: "Alpha", lang: "zh" }, "一。\n"));
  r.write("posts/zh/beta.md", "---\ntitle: [broken\nlang: zh\n---\nBeta.\n");
  r.commit("Translations");
  r.write("posts/en/alpha.md", post({ title: "Alpha" }, "One.\n\nTwo other words here.\n\nA third paragraph.\n"));
  r.write(`posts/en/${HOSTILE}`, post({ title: '"<b onmouseover=alert(1)>bold</b>"' }, "Hostile, edited.\n"));
  r.remove("posts/en/gone.md");
  r.commit("Edit originals, remove one");
  return r;
}

beforeAll(() => {
  repo = site();
  out = mkdtempSync(join(tmpdir(), "transtrack-report-"));
});

afterAll(() => {
  repo?.cleanup();
  if (out) rmSync(out, { recursive: true, force: true });
});

describe("transtrack report --html", () => {
  it("writes DIR/index.html atomically, creating DIR, relative to where it runs, and prints the path", () => {
    const run = runCli(["report", "--html", "site/report"], repo.dir, repo.env());
    expect(run.code).toBe(0);
    const file = join(repo.dir, "site/report/index.html");
    expect(run.stdout).toBe(`${file}\n`);
    expect(readdirSync(join(repo.dir, "site/report"))).toEqual(["index.html"]);
    expect(readFileSync(file, "utf8")).toMatch(/^<!doctype html>/);
    // Run again: the file is replaced, with no temporary file left behind.
    expect(runCli(["report", "--html", "site/report"], repo.dir, repo.env()).code).toBe(0);
    expect(readdirSync(join(repo.dir, "site/report"))).toEqual(["index.html"]);
    rmSync(join(repo.dir, "site"), { recursive: true });
  });

  it("exits 2 without writing when --html is missing or names a file", () => {
    const missing = runCli(["report"], repo.dir, repo.env());
    expect(missing.code).toBe(2);
    expect(missing.stderr).not.toMatch(/\n\s+at /);
    const file = join(out, "a-file");
    writeFileSync(file, "keep me");
    const refused = runCli(["report", "--html", file], repo.dir, repo.env());
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe("");
    expect(refused.stderr).toContain(file);
    expect(refused.stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(file, "utf8")).toBe("keep me");
    expect(runFailure(["report"], repo.dir, repo.env())).toMatchObject({ code: 2, error: "UsageError:MISSING_OPTION" });
    expect(runFailure(["report", "--html", file], repo.dir, repo.env())).toMatchObject({ code: 2, error: expect.stringMatching(/:REPORT_DIR_IS_FILE$/) });
    rmSync(file);
  });

  it("narrows to --lang and paths like status", () => {
    const dir = join(out, "narrow");
    expect(runCli(["report", "--html", dir, "--lang", "zh", "posts/zh"], repo.dir, repo.env()).code).toBe(0);
    const page = readFileSync(join(dir, "index.html"), "utf8");
    const langs = [...page.matchAll(/<tbody class="entry"[^>]* data-lang="([^"]+)"/g)].map((m) => m[1]);
    expect(langs.length).toBeGreaterThan(0);
    expect(new Set(langs)).toEqual(new Set(["zh"]));
  });
});

describe.skipIf(!HAS_CHROMIUM)(`the report in headless Chromium${HAS_CHROMIUM ? "" : ` (skipped: ${CHROMIUM} is not installed)`}`, () => {
  let browser: Browser;
  let url: string;
  const errors: string[] = [];
  const requests: string[] = [];
  const dialogs: string[] = [];

  beforeAll(async () => {
    const run = runCli(["report", "--html", join(out, "en")], repo.dir, repo.env());
    expect(run.code).toBe(0);
    url = `file://${join(out, "en", "index.html")}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  async function open(target = url, options: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
    const page = await context.newPage();
    page.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning") errors.push(`${m.type()}: ${m.text()}`);
    });
    page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
    page.on("request", (r) => requests.push(r.url()));
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(target);
    return page;
  }

  const visible = (page: Page, attribute: string) =>
    page.$$eval(`tbody.entry:not([hidden])`, (rows, name) => rows.map((r) => r.getAttribute(name) ?? ""), attribute);

  it("lists every translation with its status, and the hostile ones as text", async () => {
    const page = await open();
    expect((await visible(page, "data-status")).sort()).toEqual(["invalid", "orphaned", "stale", "stale", "stale", "up-to-date"]);
    expect(await visible(page, "data-translation")).toContain(`posts/de/${HOSTILE}`);
    expect(await page.locator("img, iframe, svg, b, i").count()).toBe(0);
    // Titles come from the posts' front-matter, shown as text.
    expect(await page.locator('tbody.entry[data-translation="posts/de/alpha.md"] .title').textContent()).toBe("Alpha");
    expect(await page.locator(".title", { hasText: "<b onmouseover=alert(1)>bold</b>" }).count()).toBeGreaterThan(0);
    expect(await page.locator("script").count()).toBe(1);
    expect(await page.locator(".missing-group").count()).toBe(2);
    expect(await page.locator(".missing-group li").count()).toBe(3);
    expect(await page.locator("tr.problem").count()).toBe(2);
    // Every filter control has a label.
    expect(await page.$$eval("#tt-filters input, #tt-filters select", (els) => els.every((e) => (e as HTMLInputElement).labels!.length > 0))).toBe(true);
    await page.context().close();
  });

  it("sorts by a column when its header is clicked, and reverses on a second click", async () => {
    const page = await open();
    const behind = page.locator('th[data-sort="behind"] button');
    await behind.click();
    expect(await page.getAttribute('th[data-sort="behind"]', "aria-sort")).toBe("descending");
    const down = await visible(page, "data-behind");
    const numbers = down.filter((v) => v !== "").map(Number);
    expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
    expect(down.slice(numbers.length).every((v) => v === "")).toBe(true);
    await behind.click();
    expect(await page.getAttribute('th[data-sort="behind"]', "aria-sort")).toBe("ascending");
    expect((await visible(page, "data-behind")).filter((v) => v !== "").map(Number)).toEqual([...numbers].reverse());

    const translation = page.locator('th[data-sort="translation"] button');
    await translation.click();
    const paths = await visible(page, "data-translation");
    expect(paths).toEqual([...paths].sort(new Intl.Collator("en", { numeric: true }).compare));
    expect(await page.getAttribute('th[data-sort="behind"]', "aria-sort")).toBeNull();
    await translation.click();
    expect(await page.getAttribute('th[data-sort="translation"]', "aria-sort")).toBe("descending");
    expect(await visible(page, "data-translation")).toEqual([...paths].reverse());
    await page.context().close();
  });

  it("filters by language, by status and by the search box", async () => {
    const page = await open();
    const all = (await visible(page, "data-status")).length;
    await page.selectOption("#tt-lang", "zh");
    const langs = await visible(page, "data-lang");
    expect(langs.length).toBeGreaterThan(0);
    expect(langs.length).toBeLessThan(all);
    expect(new Set(langs)).toEqual(new Set(["zh"]));
    expect(await page.locator('.missing-group[data-lang="de"]').isVisible()).toBe(false);
    expect(await page.locator('.missing-group[data-lang="zh"]').isVisible()).toBe(true);
    expect(await page.textContent("#tt-count")).toContain(String(langs.length));
    await page.selectOption("#tt-lang", "");

    await page.uncheck('input[name="status"][value="stale"]');
    const statuses = await visible(page, "data-status");
    expect(statuses).not.toContain("stale");
    expect(statuses).toHaveLength(all - 3);
    await page.check('input[name="status"][value="stale"]');

    await page.fill("#tt-search", "ALPHA");
    expect((await visible(page, "data-translation")).sort()).toEqual(["posts/de/alpha.md", "posts/zh/alpha.md"]);
    await page.fill("#tt-search", "<img");
    expect(await visible(page, "data-translation")).toEqual([`posts/de/${HOSTILE}`]);
    await page.fill("#tt-search", "no such post anywhere");
    expect(await visible(page, "data-translation")).toEqual([]);
    expect(await page.locator("#tt-empty").isVisible()).toBe(true);
    await page.context().close();
  });

  it("expands a stale row to the original's change, with added and removed lines", async () => {
    const page = await open();
    const row = page.locator('tbody.entry[data-translation="posts/de/alpha.md"]');
    expect(await row.locator(".diff").isVisible()).toBe(false);
    await row.locator("details.change > summary").click();
    const added = row.locator(".ln.added");
    const removed = row.locator(".ln.removed");
    expect(await added.count()).toBeGreaterThan(0);
    expect(await removed.count()).toBeGreaterThan(0);
    expect(await added.first().isVisible()).toBe(true);
    expect(await added.allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining("A third paragraph.")]));
    expect(await removed.allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining("Two words here.")]));
    const colours = await page.evaluate(() => {
      const bg = (s: string) => getComputedStyle(document.querySelector(s)!).backgroundColor;
      return { added: bg(".ln.added"), removed: bg(".ln.removed"), context: bg(".ln.context") };
    });
    expect(new Set(Object.values(colours)).size).toBe(3);
    await page.locator('tbody.entry[data-status="orphaned"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: "/tmp/report.png", fullPage: true });
    await page.context().close();
  });

  it("shows every row with JavaScript disabled, with the details still opening", async () => {
    const page = await open(url, { javaScriptEnabled: false });
    expect(await page.locator("tbody.entry").count()).toBe(6);
    for (const row of await page.locator("tbody.entry > tr:first-child").all()) expect(await row.isVisible()).toBe(true);
    expect(await page.locator("#tt-filters").isVisible()).toBe(false);
    const row = page.locator('tbody.entry[data-translation="posts/de/alpha.md"]');
    await row.locator("details.change > summary").click();
    expect(await row.locator(".ln.added").first().isVisible()).toBe(true);
    await page.context().close();
  });

  it("speaks the CLI's locale, in <html lang> and in its words", async () => {
    expect(runCli(["report", "--html", join(out, "de"), "--locale", "de"], repo.dir, repo.env()).code).toBe(0);
    const page = await open(`file://${join(out, "de", "index.html")}`);
    expect(await page.getAttribute("html", "lang")).toBe("de");
    const badge = page.locator('tbody.entry[data-status="stale"] .badge').first();
    expect(await badge.textContent()).toBe(GERMAN.statusName.stale);
    await page.context().close();
  });

  it("enforces its Content-Security-Policy, so a tampered page is reported", async () => {
    const html = readFileSync(join(out, "en", "index.html"), "utf8");
    const tampered = join(out, "tampered.html");
    writeFileSync(tampered, html.replace("<style>", "<style>body{color:red}").replace("<script>", "<script>document.title='x';"));
    const before = errors.length;
    const page = await open(`file://${tampered}`);
    expect(await page.title()).not.toBe("x");
    expect(errors.length).toBeGreaterThan(before);
    errors.splice(before);
    await page.context().close();
  });

  it("logged no console errors, fetched nothing beyond its own file, and raised no dialog", () => {
    expect(errors).toEqual([]);
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((r) => !r.startsWith("file://"))).toEqual([]);
    expect(dialogs).toEqual([]);
  });
});
