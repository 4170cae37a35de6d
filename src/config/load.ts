import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { ConfigError } from "../errors.js";
import { configSchema, DEFAULT_CONFIG, resolveConfig, type Config } from "./schema.js";

/** The config file's name at the repository root. */
export const CONFIG_FILE = "transtrack.config.json";

/** Where the configuration came from, and what it says. */
export interface LoadedConfig {
  config: Config;
  /** Absolute path of the file read, or null when the defaults apply. */
  file: string | null;
}

/** Reads the config file (`explicit`, else the root's `transtrack.config.json`); defaults when absent. */
export async function loadConfig(root: string, explicit?: string, cwd: string = root): Promise<LoadedConfig> {
  const file = explicit ? resolve(cwd, explicit) : join(root, CONFIG_FILE);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if (!explicit && (error as NodeJS.ErrnoException).code === "ENOENT") return { config: DEFAULT_CONFIG, file: null };
    throw new ConfigError("CONFIG_UNREADABLE", { file, reason: (error as NodeJS.ErrnoException).code ?? "?" }, { cause: error });
  }
  return { config: parseConfig(text, file), file };
}

/** Validates the text of a config file; errors name the file and the field path. */
export function parseConfig(text: string, file: string): Config {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new ConfigError("CONFIG_NOT_JSON", { file, reason: (error as Error).message }, { cause: error });
  }
  const result = configSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const path = issue.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("").replace(/^\./, "");
    const keys = issue.code === "unrecognized_keys" ? issue.keys.join(", ") : "";
    const field = [path, keys].filter(Boolean).join(path && keys ? "." : "") || "(root)";
    throw new ConfigError("CONFIG_INVALID", { file, field, reason: issue.message, count: result.error.issues.length });
  }
  return resolveConfig(result.data);
}
