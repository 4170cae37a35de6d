import { afterEach, describe, expect, it } from "vitest";
import { createRepo, type TestRepo } from "../helpers/git-repo.js";
import { entry, post, statusOf } from "../helpers/status.js";

let repo: TestRepo;
afterEach(() => repo?.cleanup());

const LUNARIA = JSON.stringify({ sourceLocale: { lang: "en", label: "English" }, locales: [{ lang: "de", label: "Deutsch" }] });

/** posts/en/a.md translated into de and fr; `config` is transtrack's, `lunaria` whether the site has a Lunaria config. */
function site(config: object = {}, lunaria = true): void {
  repo = createRepo();
  repo.write("transtrack.config.json", JSON.stringify({ languages: ["de", "fr"], ...config }));
  if (lunaria) repo.write("lunaria.config.json", LUNARIA);
  repo.write("posts/en/a.md", post({ title: "Alpha" }, "One.\n"));
  repo.commit("Add the original");
  repo.write("posts/de/a.md", post({ title: "Alpha" }, "Eins.\n"));
  repo.write("posts/fr/a.md", post({ title: "Alpha" }, "Un.\n"));
  repo.commit("Translate it");
}

/** One commit that edits the original and both translations, with this message. */
function sweep(message: string): string {
  repo.write("posts/en/a.md", post({ title: "Alpha" }, "One, changed.\n"));
  repo.write("posts/de/a.md", post({ title: "Alpha" }, "Eins, geändert.\n"));
  repo.write("posts/fr/a.md", post({ title: "Alpha" }, "Un, changé.\n"));
  return repo.commit(message);
}

const statuses = async () => {
  const report = await statusOf(repo);
  return { de: entry(report, "posts/de/a.md"), fr: entry(report, "posts/fr/a.md") };
};

describe("Lunaria's commit directives", () => {
  it("take a sweep limited by @lunaria-track to the originals as no translation's sync point", async () => {
    site();
    const before = repo.git("rev-parse", "HEAD");
    sweep("Rename a component everywhere\n\n@lunaria-track:posts/en/**/*.md");
    const { de, fr } = await statuses();
    expect(de).toMatchObject({ status: "stale", baseline: before, commitsBehind: 1 });
    expect(fr).toMatchObject({ status: "stale", baseline: before });
  });

  it("are not read without a Lunaria config, unless the config turns them on", async () => {
    site({}, false);
    const swept = sweep("Rename a component everywhere\n\n@lunaria-track:posts/en/**/*.md");
    expect((await statuses()).de).toMatchObject({ status: "up-to-date", baseline: swept });
    repo.write("transtrack.config.json", JSON.stringify({ languages: ["de", "fr"], ignore: { directives: true } }));
    expect((await statuses()).de).toMatchObject({ status: "stale" });
  });

  it("drop one translation with @lunaria-ignore, keeping the others' sync point", async () => {
    site();
    const before = repo.git("rev-parse", "HEAD");
    const swept = sweep("Update the page\n\n@lunaria-ignore:posts/de/a.md");
    const { de, fr } = await statuses();
    expect(de).toMatchObject({ status: "stale", baseline: before });
    expect(fr).toMatchObject({ status: "up-to-date", baseline: swept });
  });

  it("trim each glob, so a line ending in CR from Windows still matches", async () => {
    site();
    const before = repo.git("rev-parse", "HEAD");
    sweep("Sweep\r\n\r\n@lunaria-track: posts/en/**/*.md ;\r\n");
    expect((await statuses()).de).toMatchObject({ status: "stale", baseline: before });
  });

  it("let a change to the original that a directive limits to other files not count", async () => {
    site();
    repo.write("posts/en/a.md", post({ title: "Alpha" }, "One, changed.\n"));
    repo.commit("Fix the layout\n\n@lunaria-track:src/components/**;posts/en/b.md");
    expect((await statuses()).de).toMatchObject({ status: "up-to-date", commitsBehind: 0 });
  });
});

describe("Lunaria's ignored keywords", () => {
  const keywords = { ignore: { keywords: ["typo", "i18nIgnore"] } };

  it("make a commit whose subject holds one, in any case, count for no original", async () => {
    site(keywords);
    repo.write("posts/en/a.md", post({ title: "Alpha" }, "One, fixed.\n"));
    repo.commit("[i18nignore] fix: add a comma");
    expect((await statuses()).de).toMatchObject({ status: "up-to-date" });
    repo.write("posts/en/a.md", post({ title: "Alpha" }, "One, fixed again.\n"));
    repo.commit("Reword\n\nNot a typo, a real change.");
    expect((await statuses()).de).toMatchObject({ status: "stale", commitsBehind: 1 });
  });

  it("make such a commit no translation's sync point either", async () => {
    site(keywords);
    const before = repo.git("rev-parse", "HEAD");
    sweep("Fix typo and rewrite the intro");
    expect((await statuses()).de).toMatchObject({ status: "up-to-date", baseline: before });
    repo.write("posts/en/a.md", post({ title: "Alpha" }, "Something new.\n"));
    repo.commit("Rewrite");
    expect((await statuses()).de).toMatchObject({ status: "stale", baseline: before, commitsBehind: 1 });
  });
});

describe("transtrack's own trailers", () => {
  it("Translation-Ignore and Translation-Track limit the files a commit counts for", async () => {
    site({}, false);
    const before = repo.git("rev-parse", "HEAD");
    const swept = sweep("Update the page\n\nTranslation-Ignore: posts/de/**\nCo-authored-by: x <x@example.com>");
    let s = await statuses();
    expect(s.de).toMatchObject({ status: "stale", baseline: before });
    expect(s.fr).toMatchObject({ status: "up-to-date", baseline: swept });
    repo.write("posts/en/a.md", post({ title: "Alpha" }, "Reworded.\n"));
    repo.commit("Tidy\n\nTranslation-Track: docs/**");
    s = await statuses();
    expect(s.fr).toMatchObject({ status: "up-to-date", baseline: swept });
  });
});

describe("localizableProperty (keys.localizable)", () => {
  it("reports missing only the originals that set it to true", async () => {
    repo = createRepo();
    repo.write("transtrack.config.json", JSON.stringify({ languages: ["de"], keys: { localizable: "i18nReady" } }));
    repo.write("posts/en/ready.md", post({ title: "R", i18nReady: true }, "x\n"));
    repo.write("posts/en/draft.md", post({ title: "D", i18nReady: false }, "x\n"));
    repo.write("posts/en/plain.md", post({ title: "P" }, "x\n"));
    repo.commit("Originals");
    const missing = (await statusOf(repo)).translations.filter((e) => e.status === "missing").map((e) => e.source);
    expect(missing).toEqual(["posts/en/ready.md"]);
  });
});

describe("the history index with commit scopes", () => {
  it("gives the same report from its cache as from a full read", async () => {
    site({ ignore: { keywords: ["typo"] } });
    sweep("Sweep\n\n@lunaria-track:posts/en/**\n\nTranslation-Ignore: posts/fr/**");
    repo.write("posts/en/a.md", post({ title: "Alpha" }, "typo fixed\n"));
    repo.commit("typo");
    const full = await statusOf(repo, { cache: true });
    const cached = await statusOf(repo, { cache: true });
    expect(cached).toEqual(full);
    expect(await statusOf(repo)).toEqual(full);
  });
});
