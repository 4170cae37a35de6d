import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parsePost } from "../../src/posts/read-post.js";
import { CLI } from "../helpers/cli.js";
import { staleSite, type StaleSite } from "../helpers/stale-site.js";
import { HAS_TMUX, startPty, type Pty } from "../helpers/tmux.js";
import { allEnded, startedDir, translators, type Translators } from "../helpers/translators.js";

// update --exec runs in path order: alpha translates at once, then beta and the quoted one hang and fill both jobs.
const [ALPHA_DE, BETA_DE, QUOTED_DE, ALPHA_ZH] = ["posts/de/alpha.md", "posts/de/beta.md", `posts/de/it's a "post".md`, "posts/zh/alpha.md"];
const KEYS = { lang: "lang", translationOf: "translation_of", translationKey: "translation_key", sourceCommit: "source_commit" };

let site: StaleSite;
let tools: Translators;
let pty: Pty | null = null;
afterEach(() => {
  pty?.close();
  pty = null;
  site?.repo.cleanup();
  tools?.cleanup();
});

function environment(): Record<string, string> {
  const env = site.repo.env();
  const keep = ["PATH", "HOME", "XDG_CONFIG_HOME", "GIT_CONFIG_NOSYSTEM", "GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_AUTHOR_DATE", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL", "GIT_COMMITTER_DATE"];
  return { ...Object.fromEntries(keep.map((k) => [k, env[k] ?? ""])), LANG: "C.UTF-8", LC_ALL: "C.UTF-8", TERM: "xterm-256color" };
}

const read = (path: string) => readFileSync(join(site.repo.dir, path), "utf8");

describe.skipIf(!HAS_TMUX)("update --exec in a terminal", () => {
  it("on Ctrl-C records what succeeded, ends the running translators and their children, restores their files, exits 130", async () => {
    site = staleSite();
    tools = translators();
    // alpha translates at once; every other run hangs after writing half a file, so two hang and fill both jobs.
    pty = startPty([process.execPath, CLI, "update", "--exec", tools.command("hangUnlessAlpha"), "--jobs", "2"], site.repo.dir, environment());
    await pty.waitFor(() => readdirSync(startedDir(tools)).length === 2, "two hanging translators");
    await pty.waitFor(() => parsePost(ALPHA_DE, read(ALPHA_DE), KEYS).sourceCommit === site.sourceCommit[ALPHA_DE], "alpha recorded");
    // The progress bar is on the screen while they run.
    await pty.waitFor((screen) => screen.includes("█") || screen.includes("░"), "the progress bar");
    pty.key("C-c");
    expect(await pty.exitCode()).toBe(130);
    expect(tools.calls().map((c) => c.env.TRANSTRACK_TRANSLATION).sort()).toEqual([ALPHA_DE, BETA_DE, QUOTED_DE].sort());
    expect(parsePost(ALPHA_DE, read(ALPHA_DE), KEYS).sourceCommit).toBe(site.sourceCommit[ALPHA_DE]);
    for (const path of [BETA_DE, QUOTED_DE, ALPHA_ZH]) expect(read(path), path).toBe(site.before.get(path));
    expect(tools.orphans()).toHaveLength(2);
    expect(await allEnded(tools.orphans())).toBe(true);
    expect(site.repo.git("status", "--porcelain")).toBe(` M ${ALPHA_DE}`);
  });
});
