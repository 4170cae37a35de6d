import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { ConfigError } from "../errors.js";

/** The config file's name at the repository root. */
export const CONFIG_FILE = "transtrack.config.json";

/** The config file's absolute path and text; both null when there is none and the defaults apply. */
export interface ConfigText {
  file: string | null;
  text: string | null;
}

/** Reads the config file's text (`explicit`, else the root's `transtrack.config.json`) without validating it. */
export async function readConfigText(root: string, explicit?: string, cwd: string = root): Promise<ConfigText> {
  const file = explicit ? resolve(cwd, explicit) : join(root, CONFIG_FILE);
  try {
    // A small file, read synchronously: see CacheDir for why.
    return { file, text: readFileSync(file, "utf8") };
  } catch (error) {
    if (!explicit && (error as NodeJS.ErrnoException).code === "ENOENT") return { file: null, text: null };
    if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new ConfigError("CONFIG_NOT_FOUND", { file }, { cause: error });
    throw new ConfigError("CONFIG_UNREADABLE", { file, reason: (error as NodeJS.ErrnoException).code ?? "?" }, { cause: error });
  }
}
