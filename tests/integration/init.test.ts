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
});
