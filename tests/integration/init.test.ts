import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { initConfig } from "../../src/status/init.js";
import { createRepo, type TestRepo } from "../helpers/git-repo.js";
import { post, statusOf } from "../helpers/status.js";

let repo: TestRepo;
afterEach(() => repo?.cleanup());

describe("init", () => {
  it("writes a config that status then uses, and refuses to overwrite it", async () => {
    repo = createRepo();
    repo.write("site/en/a.md", post({ title: "A" }, "x\n"));
    repo.write("site/fr/a.md", post({ title: "A" }, "x\n"));
    repo.commit("Site");
    const result = await initConfig({ cwd: repo.dir, env: repo.env() });
    expect(result.written).toBe(true);
    const config = JSON.parse(readFileSync(join(repo.dir, "transtrack.config.json"), "utf8"));
    expect(config).toMatchObject({ sourceLanguage: "en", languages: ["fr"], layouts: [{ translation: "site/{lang}/{path}" }] });
    expect((await statusOf(repo)).translations).toEqual([expect.objectContaining({ translation: "site/fr/a.md", status: "up-to-date" })]);
    await expect(initConfig({ cwd: repo.dir, env: repo.env() })).rejects.toMatchObject({ code: "CONFIG_EXISTS" });
    const dry = await initConfig({ cwd: repo.dir, env: repo.env(), dryRun: true });
    expect(dry.written).toBe(false);
  });

  it("writes $schema only where it leads to the schema: transtrack installed in the site's node_modules", async () => {
    repo = createRepo();
    repo.write("posts/en/a.md", post({ title: "A" }, "x\n"));
    repo.write("posts/de/a.md", post({ title: "A" }, "x\n"));
    repo.commit("Site");
    const read = () => JSON.parse(readFileSync(join(repo.dir, "transtrack.config.json"), "utf8")) as Record<string, unknown>;
    await initConfig({ cwd: repo.dir, env: repo.env() });
    expect(read().$schema).toBeUndefined();
    repo.write("node_modules/transtrack/schema/config.schema.json", "{}\n");
    await initConfig({ cwd: repo.dir, env: repo.env(), force: true });
    expect(read().$schema).toBe("./node_modules/transtrack/schema/config.schema.json");
  });
});

describe("init recognises the site generator", () => {
  const site = (extra: Record<string, string>) => {
    repo = createRepo();
    repo.write("src/content/docs/en/a.mdx", post({ title: "A" }, "x\n"));
    repo.write("src/content/docs/fr/a.mdx", post({ title: "A" }, "x\n"));
    for (const [path, text] of Object.entries(extra)) repo.write(path, text);
    repo.commit("Site");
  };

  it("proposes Starlight's text-bearing keys from its dependency, and status reads them", async () => {
    site({ "package.json": JSON.stringify({ dependencies: { astro: "5.0.0", "@astrojs/starlight": "0.30.0" } }) });
    const result = await initConfig({ cwd: repo.dir, env: repo.env() });
    expect(result.detection.framework).toBe("starlight");
    expect(result.detection.config.translatableKeys).toEqual(expect.arrayContaining(["title", "description", "banner.content", "head[*].content"]));
    expect(result.detection.config.translatableKeys).not.toContain("image");
    expect((await statusOf(repo)).translations).toEqual([expect.objectContaining({ status: "up-to-date" })]);
  });

  it("tells VitePress, Docusaurus, Hugo and Jekyll apart, and proposes nothing without a clue", async () => {
    const cases: [Record<string, string>, string | undefined][] = [
      [{ "package.json": JSON.stringify({ devDependencies: { vitepress: "1.0.0" } }) }, "vitepress"],
      [{ "docusaurus.config.js": "module.exports = {};\n" }, "docusaurus"],
      [{ "hugo.toml": "baseURL = '/'\n" }, "hugo"],
      [{ "_config.yml": "title: x\n" }, "jekyll"],
      [{ "package.json": "{ not json" }, undefined],
    ];
    for (const [files, name] of cases) {
      site(files);
      const { detection } = await initConfig({ cwd: repo.dir, env: repo.env(), dryRun: true });
      expect(detection.framework).toBe(name);
      if (name === undefined) expect(detection.config.translatableKeys).toBeUndefined();
      repo.cleanup();
    }
  });
});
