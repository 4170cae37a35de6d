import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { initConfig } from "../../src/status/init.js";
import type { Report } from "../../src/core/types.js";
import { createRepo, type TestRepo } from "../helpers/git-repo.js";
import { entry, post, statusOf } from "../helpers/status.js";

let repo: TestRepo;
afterEach(() => repo?.cleanup());

const TARGETS = ["ar", "de", "en", "es", "fr", "hant", "hi", "ja", "zh"];

/** A post as the blog writes it: originals plain, translations machine-generated. */
function jekyll(lang: string, title: string, body: string, translated = false): string {
  return post({ audio: false, generated: translated, image: false, lang, layout: "post", title, ...(translated ? { model: "x-ai/grok-4-fast", translated: true } : {}), type: "note" }, body);
}

/** Writes an original and its files in every target language (its own language's being the copy). */
function publish(folder: string, stem: string, lang: string, body: string, targets: readonly string[] = TARGETS): void {
  repo.write(`${folder}/${stem}-${lang}.md`, jekyll(lang, stem, body));
  for (const target of targets) {
    repo.write(`_posts/${target}/${stem}-${target}.md`, target === lang ? jekyll(lang, stem, body) : jekyll(target, `${stem} (${target})`, `[${target}] ${body}`, true));
  }
}

/** The blog: en, zh and ja originals in original/ and notes/, one name in two languages, a file with no suffix. */
function blog(): void {
  repo = createRepo();
  publish("original", "2025-10-27-china-open-source-ai", "en", "China leads.\n");
  publish("original", "2025-09-01-whitespace", "en", "A paragraph that is\nwrapped twice.\n");
  publish("original", "2024-05-01-old-name", "en", "Renamed later.\n");
  publish("notes", "2025-01-16-moral", "zh", "道德。\n");
  publish("notes", "2025-03-01-kana", "ja", "かな。\n");
  publish("notes", "2023-01-01-gone", "zh", "将被删除。\n");
  publish("notes", "2025-04-01-branch", "en", "Before the branch.\n");
  // One name, originals in two languages: each language's file is its own original's copy.
  repo.write("original/2014-02-05-pg-en.md", jekyll("en", "PG", "Paul Graham.\n"));
  repo.write("original/2014-02-05-pg-zh.md", jekyll("zh", "PG", "保罗·格雷厄姆。\n"));
  for (const target of TARGETS) {
    const own = target === "en" || target === "zh";
    repo.write(`_posts/${target}/2014-02-05-pg-${target}.md`, jekyll(target, "PG", own ? (target === "en" ? "Paul Graham.\n" : "保罗·格雷厄姆。\n") : `[${target}] PG.\n`, !own));
  }
  repo.write("notes/2025-02-10-x64-assembly-conv.md", "---\ntitle: scratch\n---\nNot a post to track.\n");
  repo.write("README.md", "# blog-source\n");
  repo.commit("Publish the blog");

  // A translation made on a branch that forked before its original changed.
  repo.git("checkout", "-q", "-b", "translate");
  repo.write("_posts/de/2025-04-01-branch-de.md", jekyll("de", "Branch", "[de] Vor dem Zweig, neu übersetzt.\n", true));
  repo.commit("Retranslate into de");
  repo.git("checkout", "-q", "main");
  repo.write("notes/2025-04-01-branch-en.md", jekyll("en", "2025-04-01-branch", "Before the branch, and after it.\n"));
  repo.commit("Extend the branch post");
  repo.git("merge", "-q", "--no-ff", "-m", "Merge translate", "translate");

  repo.write("original/2025-10-27-china-open-source-ai-en.md", jekyll("en", "2025-10-27-china-open-source-ai", "China leads, by far.\n"));
  repo.write("notes/2025-01-16-moral-zh.md", jekyll("zh", "2025-01-16-moral", "道德经。\n"));
  repo.write("notes/2025-03-01-kana-ja.md", jekyll("ja", "2025-03-01-kana", "ひらがな。\n"));
  repo.write("original/2025-09-01-whitespace-en.md", jekyll("en", "2025-09-01-whitespace", "A paragraph that is wrapped twice.\n\n\n"));
  repo.write("original/2014-02-05-pg-zh.md", jekyll("zh", "PG", "保罗·格雷厄姆，作家。\n"));
  repo.commit("Edit originals in en, zh and ja; reflow one");
  repo.git("mv", "original/2024-05-01-old-name-en.md", "original/2024-05-01-new-name-en.md");
  repo.remove("notes/2023-01-01-gone-zh.md");
  repo.commit("Rename one post, delete another");
}

const statuses = (report: Report, stem: string) =>
  Object.fromEntries(report.translations.filter((e) => (e.translation ?? e.expectedPath ?? "").includes(stem)).map((e) => [e.lang, e.status]));
const every = (status: string, langs = TARGETS) => Object.fromEntries(langs.map((l) => [l, status]));

describe("a multilingual Jekyll blog", () => {
  it("init detects it, and status then links every translation", async () => {
    blog();
    const init = await initConfig({ cwd: repo.dir, env: repo.env() });
    expect(init.detection.kind).toBe("split");
    expect(init.detection.split).toMatchObject({
      folders: ["notes/", "original/"],
      originals: { en: 5, zh: 2, ja: 1 },
      multilingual: [{ stem: "2014-02-05-pg", originals: ["original/2014-02-05-pg-en.md", "original/2014-02-05-pg-zh.md"] }],
      unmatched: ["notes/2025-02-10-x64-assembly-conv.md"],
    });
    const config = JSON.parse(readFileSync(join(repo.dir, "transtrack.config.json"), "utf8"));
    expect(config).toMatchObject({ languages: TARGETS, sourcePriority: ["en", "zh", "ja"] });

    const unmatched: string[] = [];
    const report = await statusOf(repo, { onUnmatched: (paths) => unmatched.push(...paths) });
    expect(unmatched).toEqual(["notes/2025-02-10-x64-assembly-conv.md"]);
    expect(report.languages).toEqual(TARGETS);

    // Meaningful edits of en, zh and ja originals make every file of theirs stale, the copy included.
    expect(statuses(report, "china-open-source-ai")).toEqual(every("stale"));
    expect(statuses(report, "2025-01-16-moral")).toEqual(every("stale"));
    expect(statuses(report, "2025-03-01-kana")).toEqual(every("stale"));
    expect(entry(report, "_posts/zh/2025-01-16-moral-zh.md")).toMatchObject({ source: "notes/2025-01-16-moral-zh.md", copy: true, commitsBehind: 1 });
    expect(entry(report, "_posts/hant/2025-01-16-moral-hant.md")).toMatchObject({ source: "notes/2025-01-16-moral-zh.md", lang: "hant", status: "stale" });
    expect(entry(report, "_posts/ja/2025-03-01-kana-ja.md").copy).toBe(true);
    expect(entry(report, "_posts/de/2025-03-01-kana-de.md").copy).toBeUndefined();
    // A reflowed paragraph and extra blank lines change nothing.
    expect(statuses(report, "2025-09-01-whitespace")).toEqual(every("up-to-date"));
    // Ancestry, not dates: the de translation was made before the change it never saw.
    expect(entry(report, "_posts/de/2025-04-01-branch-de.md")).toMatchObject({ status: "stale", commitsBehind: 1 });
    // A renamed original is followed, and the translation is asked to take the name the layout now expects.
    expect(entry(report, "_posts/fr/2024-05-01-old-name-fr.md")).toMatchObject({
      status: "up-to-date",
      source: "original/2024-05-01-new-name-en.md",
      problems: [{ code: "SOURCE_MOVED_RENAME", args: { from: "original/2024-05-01-old-name-en.md", to: "original/2024-05-01-new-name-en.md", rename: "_posts/fr/2024-05-01-new-name-fr.md" } }],
    });
    expect(report.translations.filter((e) => e.source === "original/2024-05-01-new-name-en.md" && e.status === "missing")).toEqual([]);
    // A deleted original orphans its files, naming the path it had.
    expect(statuses(report, "2023-01-01-gone")).toEqual(every("orphaned"));
    expect(entry(report, "_posts/de/2023-01-01-gone-de.md")).toMatchObject({ source: "notes/2023-01-01-gone-zh.md", problems: [{ code: "SOURCE_NOT_FOUND" }] });

    // Two originals of one name: each copy follows its own, the rest the first language of the priority.
    expect(entry(report, "_posts/zh/2014-02-05-pg-zh.md")).toMatchObject({ source: "original/2014-02-05-pg-zh.md", copy: true, status: "stale" });
    expect(entry(report, "_posts/en/2014-02-05-pg-en.md")).toMatchObject({ source: "original/2014-02-05-pg-en.md", copy: true, status: "up-to-date" });
    expect(entry(report, "_posts/de/2014-02-05-pg-de.md")).toMatchObject({ source: "original/2014-02-05-pg-en.md", status: "up-to-date" });
    expect(report.translations.filter((e) => e.status === "missing")).toEqual([]);
    expect(report.problems.map((p) => p.code).filter((c) => c !== "SOURCE_MOVED_RENAME" && c !== "SOURCE_NOT_FOUND")).toEqual([]);

    // Without a priority, those translations are unknown: which original they follow can't be told.
    writeFileSync(join(repo.dir, "transtrack.config.json"), JSON.stringify({ ...config, sourcePriority: undefined }));
    const ambiguous = await statusOf(repo);
    expect(entry(ambiguous, "_posts/de/2014-02-05-pg-de.md")).toMatchObject({
      status: "unknown",
      source: null,
      problems: [{ code: "AMBIGUOUS_SOURCE", args: { candidates: "original/2014-02-05-pg-en.md, original/2014-02-05-pg-zh.md" } }],
    });
    expect(entry(ambiguous, "_posts/zh/2014-02-05-pg-zh.md")).toMatchObject({ status: "stale", copy: true });
    expect(ambiguous.translations.filter((e) => e.status === "missing")).toEqual([]);
  });

  it("reports a missing translation or copy with the path it would have", async () => {
    blog();
    repo.remove("_posts/es/2025-10-27-china-open-source-ai-es.md");
    repo.remove("_posts/ja/2025-03-01-kana-ja.md");
    repo.commit("Unpublish two files");
    await initConfig({ cwd: repo.dir, env: repo.env() });
    const missing = (await statusOf(repo)).translations.filter((e) => e.status === "missing");
    expect(missing.map((e) => [e.lang, e.source, e.translation, e.expectedPath, e.copy ?? false])).toEqual([
      ["es", "original/2025-10-27-china-open-source-ai-en.md", null, "_posts/es/2025-10-27-china-open-source-ai-es.md", false],
      ["ja", "notes/2025-03-01-kana-ja.md", null, "_posts/ja/2025-03-01-kana-ja.md", true],
    ]);
  });
});
