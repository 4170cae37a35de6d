import { lstatSync } from "node:fs";
import { join } from "node:path";

/** The names Lunaria looks for at a project's root, in the order it tries them. */
export const LUNARIA_CONFIG_FILES = ["lunaria.config.json", "lunaria.config.ts", "lunaria.config.mts", "lunaria.config.cts", "lunaria.config.js", "lunaria.config.mjs", "lunaria.config.cjs"];

/** The name of the Lunaria config at the repository's root, or null when the site has none. */
export function findLunariaConfig(root: string): string | null {
  for (const name of LUNARIA_CONFIG_FILES) {
    try {
      if (lstatSync(join(root, name)).isFile()) return name;
    } catch {
      // absent: try the next name
    }
  }
  return null;
}
