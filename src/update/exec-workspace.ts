import { lstat, mkdir, mkdtemp, open, rm } from "node:fs/promises";
import { join } from "node:path";
import { TranstrackError } from "../errors.js";

/** Where a run keeps the `{diff}` files it hands the translator: a fresh folder under transtrack's own in the git dir. */
export interface ExecWorkspace {
  /** Writes one job's diff; resolves to its absolute path. */
  writeDiff(index: number, text: string): Promise<string>;
  /** Removes the folder and everything in it. */
  dispose(): Promise<void>;
}

/**
 * Opens a workspace under `<git dir>/transtrack/`: inside the repository, never in the work tree (git doesn't
 * see it, a translator doesn't commit it), and never through a link planted there.
 */
export async function openWorkspace(gitDir: string): Promise<ExecWorkspace> {
  const parent = join(gitDir, "transtrack");
  await mkdir(parent, { recursive: true });
  const info = await lstat(parent);
  if (info.isSymbolicLink() || !info.isDirectory()) throw new TranstrackError("SYMLINK_REFUSED", { path: parent });
  const dir = await mkdtemp(join(parent, "exec-"));
  return {
    async writeDiff(index, text) {
      const path = join(dir, `${index + 1}.diff`);
      // "wx": a new file of this run's own, never one planted under its name.
      const handle = await open(path, "wx", 0o600);
      try {
        await handle.writeFile(text);
      } finally {
        await handle.close();
      }
      return path;
    },
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}
