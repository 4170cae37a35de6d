import { ConfigError } from "../errors.js";
import { readConfigText } from "./locate.js";
import { configSchema, DEFAULT_CONFIG, resolveConfig, type Config } from "./schema.js";

export { CONFIG_FILE } from "./locate.js";

/** Where the configuration came from, and what it says. */
export interface LoadedConfig {
  config: Config;
  /** Absolute path of the file read, or null when the defaults apply. */
  file: string | null;
  /** The file's text, or null when the defaults apply. */
  text: string | null;
}

/** Reads the config file (`explicit`, else the root's `transtrack.config.json`); defaults when absent. */
export async function loadConfig(root: string, explicit?: string, cwd: string = root): Promise<LoadedConfig> {
  const { file, text } = await readConfigText(root, explicit, cwd);
  if (file === null || text === null) return { config: DEFAULT_CONFIG, file: null, text: null };
  return { config: parseConfig(text, file), file, text };
}

/** Validates the text of a config file; errors name the file and the field path. */
export function parseConfig(text: string, file: string): Config {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    // Node quotes the text around the error; the file may be another's through a link, so only the position is said.
    const reason = (error as Error).message.replace(/,?\s*".*"(\.\.\.)? is not valid JSON$/s, "");
    throw new ConfigError("CONFIG_NOT_JSON", { file, reason }, { cause: error });
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
