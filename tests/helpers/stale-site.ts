import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createRepo, type TestRepo } from "./git-repo.js";

/** A site whose translations fell behind: what each file held before the session. */
export interface StaleSite {
  repo: TestRepo;
  /** The sha the session should record for each stale translation (the original's last change). */
  sourceCommit: Record<string, string>;
  /** Every post's bytes before the session. */
  before: Map<string, string>;
}

/** The stale translations of `staleSite()`, in session order, which is status's: most commits behind first, then by path. */
export const STALE = ["posts/de/beta.md", "posts/de/alpha.md", "posts/de/it's a \"post\".md", "posts/zh/alpha.md"] as const;

const post = (fields: string, body: string) => `---\n${fields}\n---\n${body}`;

/** Originals in English, translations into de and zh, then edits that leave four translations stale and one up to date. */
export function staleSite(): StaleSite {
  const repo = createRepo();
  const quoted = `it's a "post".md`;
  repo.write("posts/en/alpha.md", post("title: Alpha", "The first paragraph.\n\nThe second paragraph.\n"));
  repo.write("posts/en/beta.md", post("title: Beta", "Beta says hello.\n"));
  repo.write("posts/en/gamma.md", post("title: Gamma", "Gamma stays as it is.\n"));
  repo.write(`posts/en/${quoted}`, post("title: Quotes", "A post whose name needs quoting.\n"));
  repo.commit("Add the originals");
  repo.write("posts/de/alpha.md", post("title: Alpha (de)\nlang: de", "Der erste Absatz.\n\nDer zweite Absatz.\n"));
  repo.write("posts/de/beta.md", post("title: Beta (de)\nlang: de", "Beta sagt hallo.\n").replace(/\n/g, "\r\n"));
  repo.write("posts/de/gamma.md", post("title: Gamma (de)\nlang: de", "Gamma bleibt, wie es ist.\n"));
  repo.write(`posts/de/${quoted}`, post("title: Anführungszeichen\nlang: de", "Ein Beitrag, dessen Name Anführungszeichen braucht.\n"));
  repo.write("posts/zh/alpha.md", post("title: 阿尔法\nlang: zh", "第一段。\n\n第二段。\n"));
  repo.commit("Translate into German and Chinese");
  repo.write("posts/en/alpha.md", post("title: Alpha", "The first paragraph, now longer.\n\nThe second paragraph.\n\nA third paragraph.\n"));
  const alpha = repo.commit("Extend alpha");
  repo.write("posts/en/beta.md", post("title: Beta", "Beta says hello to everyone.\n"));
  repo.commit("Greet everyone in beta");
  repo.write("posts/en/beta.md", post("title: Beta", "Beta says hello to everyone.\n\nAnd goodbye.\n"));
  const beta = repo.commit("Say goodbye in beta");
  repo.write(`posts/en/${quoted}`, post("title: Quotes", "A post whose name needs quoting, and more.\n"));
  const quotes = repo.commit("Extend the quoted post");
  const before = new Map<string, string>();
  for (const path of repo.git("ls-files", "-z", "posts").split("\0").filter(Boolean)) before.set(path, readFileSync(join(repo.dir, path), "utf8"));
  return {
    repo,
    sourceCommit: { "posts/de/alpha.md": alpha, "posts/zh/alpha.md": alpha, "posts/de/beta.md": beta, [`posts/de/${quoted}`]: quotes },
    before,
  };
}
