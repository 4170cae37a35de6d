import { afterEach, describe, expect, it } from "vitest";
import { originalChange } from "../../src/status/diff.js";
import { createRepo, type TestRepo } from "../helpers/git-repo.js";
import { entry, statusOf } from "../helpers/status.js";

let repo: TestRepo;
afterEach(() => repo?.cleanup());

const page = (banner: string, image: string) =>
  `---\ntitle: Getting started\nimage: ${image}\nbanner:\n  content: ${banner}\nhead:\n  - tag: title\n    content: Start\n---\n\nBody text.\n`;

function starlightSite(): void {
  repo = createRepo();
  repo.write("transtrack.config.json", JSON.stringify({ root: "docs", translatableKeys: ["title", "description", "banner.content", "head[*].content"] }));
  repo.write("docs/en/start.mdx", page("Astro v6 is here!", "a.png"));
  repo.commit("Add the page");
  repo.write("docs/de/start.mdx", page("Astro v6 ist da!", "a.png"));
  repo.commit("Translate the page");
}

describe("nested translatable keys", () => {
  it("makes a translation stale when only the original's banner text changed", async () => {
    starlightSite();
    repo.write("docs/en/start.mdx", page("Astro v7 is here!", "a.png"));
    repo.commit("Announce v7");
    expect(entry(await statusOf(repo), "docs/de/start.mdx")).toMatchObject({ status: "stale", commitsBehind: 1 });
  });

  it("leaves it up to date when only a key outside the list (image) changed", async () => {
    starlightSite();
    repo.write("docs/en/start.mdx", page("Astro v6 is here!", "b.png"));
    repo.commit("New cover");
    expect(entry(await statusOf(repo), "docs/de/start.mdx")).toMatchObject({ status: "up-to-date" });
  });

  it("names in the diff the front-matter changes it did not count", async () => {
    starlightSite();
    repo.write("docs/en/start.mdx", page("Astro v7 is here!", "b.png"));
    repo.commit("Announce v7 with a new cover");
    const change = await originalChange({ cwd: repo.dir, env: repo.env(), translation: "docs/de/start.mdx" });
    expect(change.entry.status).toBe("stale");
    expect(change.uncountedKeys).toEqual(["image"]);
  });

  it("refuses a pattern it can't read, naming the field", async () => {
    starlightSite();
    repo.write("transtrack.config.json", JSON.stringify({ root: "docs", translatableKeys: ["head[x].content"] }));
    await expect(statusOf(repo)).rejects.toMatchObject({ code: "CONFIG_INVALID", args: { field: "translatableKeys[0]" } });
  });
});
