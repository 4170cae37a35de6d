import { migrateLunaria, type LunariaMigration } from "./migrate.js";
import { readDefaultExport, type LiteralValue } from "./read-literal.js";

/** What `init` took from a site's Lunaria config. */
export interface LunariaFindings extends LunariaMigration {
  /** The config file's name, at the repository's root. */
  file: string;
}

/**
 * Reads a Lunaria config's text as data, never running it (JSON parsed, TS/JS read as an object literal), and
 * translates it; when nothing can be read, everything is unread.
 */
export function readLunariaConfig(file: string, text: string | null): LunariaFindings {
  let data: LiteralValue | null = null;
  if (text !== null) {
    if (file.endsWith(".json")) {
      try {
        data = JSON.parse(text) as LiteralValue;
      } catch {
        data = null;
      }
    } else data = readDefaultExport(text);
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) return { file, config: {}, read: [], unread: ["*"] };
  return { file, ...migrateLunaria(data) };
}
