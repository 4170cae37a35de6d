import { lstatSync, realpathSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { ConfigError } from "../errors.js";
import { readRegularFile } from "../fs-paths.js";

/** The largest config file read: a real one is a few hundred bytes. */
const MAX_CONFIG_BYTES = 1024 * 1024;

/** The config file's name at the repository root. */
export const CONFIG_FILE = "transtrack.config.json";

/** The config file's absolute path and text; both null when there is none and the defaults apply. */
export interface ConfigText {
  file: string | null;
  text: string | null;
}

/**
 * Reads the config file's text (`explicit`, else the root's `transtrack.config.json`) without validating it.
 * The root's file comes with the repository, from a pull request perhaps: through a link it is read only when
 * the link stays in the work tree and out of the git directory, and only a regular file of at most 1 MiB is
 * read (a FIFO would block the read for ever).
 */
export async function readConfigText(root: string, explicit?: string, cwd: string = root): Promise<ConfigText> {
  const file = explicit ? resolve(cwd, explicit) : join(root, CONFIG_FILE);
  const unreadable = (reason: string, cause?: unknown) => new ConfigError("CONFIG_UNREADABLE", { file, reason }, { cause });
  let target: string;
  try {
    target = explicit || !lstatSync(file).isSymbolicLink() ? file : realpathSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (!explicit && code === "ENOENT") return { file: null, text: null };
    throw unreadable(code ?? "?", error);
  }
  if (target !== file) {
    const rel = relative(realpathSync(root), target);
    if (rel === "" || rel.startsWith("..") || rel.startsWith(sep) || rel.split(sep).includes(".git")) throw unreadable("a link into the git directory or out of the work tree");
  }
  let bytes: ReturnType<typeof readRegularFile>;
  try {
    bytes = readRegularFile(explicit ? realpathSync(file) : target, MAX_CONFIG_BYTES);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new ConfigError("CONFIG_NOT_FOUND", { file }, { cause: error });
    throw unreadable((error as NodeJS.ErrnoException).code ?? "?", error);
  }
  if (bytes === "too large") throw unreadable("larger than 1 MiB");
  if (!(bytes instanceof Buffer)) throw unreadable("not a regular file");
  return { file, text: bytes.toString("utf8") };
}
