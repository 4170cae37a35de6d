import { existsSync } from "node:fs";
import { join } from "node:path";
import { CONFIG_FILE } from "../config/load.js";
import { DEFAULT_CONFIG, type ConfigInput } from "../config/schema.js";
import { detectFramework } from "../core/detect-framework.js";
import { detectLayout, type Detection } from "../core/detect-layout.js";
import { isPostPath, PathPattern } from "../core/layout.js";
import { UsageError } from "../errors.js";
import { GitRepo } from "../git/repo.js";
import { parseFrontMatter } from "../posts/front-matter.js";
import { writeFileAtomic } from "../posts/write-atomic.js";
import { findLunariaConfig } from "../lunaria/config-file.js";
import { readLunariaConfig } from "../lunaria/read-config.js";
import { loadPosts } from "./load-posts.js";
import { packageDependencies, readRootFile } from "./site-files.js";

/**
 * Lunaria's `@lang/` may be absent for the source locale (Starlight's root locale): where no post sits in the
 * source language's folder, a layout's originals are the files without that folder.
 */
function rootedSources(config: ConfigInput, paths: readonly string[]): ConfigInput["layouts"] {
  const source = config.sourceLanguage ?? DEFAULT_CONFIG.sourceLanguage;
  return config.layouts?.map((layout) => {
    if (layout.source !== undefined || !layout.translation.includes("{lang}/")) return layout;
    const pattern = new PathPattern(layout.translation, [source, ...(config.languages ?? [])], true);
    if (paths.some((p) => pattern.match(p)?.lang === source)) return layout;
    return { source: layout.translation.replace("{lang}/", ""), translation: layout.translation };
  });
}
/** Where the JSON Schema of the config is once transtrack is installed as a dependency of the site. */
const SCHEMA_PATH = "node_modules/transtrack/schema/config.schema.json";

/** What `init` wrote. */
export interface InitResult {
  file: string;
  detection: Detection;
  written: boolean;
}

/** Detects the site's layout and languages and writes `transtrack.config.json` at the repository root. */
export async function initConfig(options: {
  cwd: string;
  env: NodeJS.ProcessEnv;
  force?: boolean;
  dryRun?: boolean;
  sourceLanguage?: string;
  /** Shown what was detected before anything is written; writes only when it resolves true (default: always). */
  confirm?: (detection: Detection) => Promise<boolean>;
}): Promise<InitResult> {
  const repo = await GitRepo.open(options.cwd, options.env);
  try {
    const file = join(repo.root, CONFIG_FILE);
    if (existsSync(file) && !options.force && !options.dryRun) throw new UsageError("CONFIG_EXISTS", { file: CONFIG_FILE });
    const files = await repo.listFiles();
    const paths = files.filter(isPostPath);
    const keys = new Set<string>();
    for (const { text } of await loadPosts(repo.root, paths, DEFAULT_CONFIG.keys)) {
      const parsed = text === null ? null : parseFrontMatter(text);
      if (!parsed?.ok) continue;
      for (const [key, value] of Object.entries(parsed.data)) {
        keys.add(key);
        // One level down too, as dotted paths: MDN records `l10n: { sourceCommit }`.
        if (value !== null && typeof value === "object" && !Array.isArray(value) && !(value instanceof Date)) for (const inner of Object.keys(value)) keys.add(`${key}.${inner}`);
      }
    }
    const detection = detectLayout(paths, keys, options.sourceLanguage);
    const framework = detectFramework({
      files,
      dependencies: packageDependencies(readRootFile(repo.root, "package.json")),
      gemfile: readRootFile(repo.root, "Gemfile"),
    });
    if (framework) {
      detection.framework = framework.name;
      detection.config.translatableKeys = framework.translatableKeys;
    }
    // A Lunaria site has said its languages, files and rules already: that wins over what was guessed.
    const lunariaFile = findLunariaConfig(repo.root);
    if (lunariaFile) {
      const lunaria = readLunariaConfig(lunariaFile, readRootFile(repo.root, lunariaFile));
      detection.lunaria = { file: lunaria.file, read: lunaria.read, unread: lunaria.unread };
      const { keys, ...rest } = lunaria.config;
      detection.config = { ...detection.config, ...rest, ...(keys ? { keys: { ...detection.config.keys, ...keys } } : {}) };
      detection.config.layouts = rootedSources(detection.config, paths);
    }
    // Editors follow `$schema` to complete the file; it is written only where it leads to the schema (transtrack
    // installed in the site's node_modules), never as a dangling path.
    const config = existsSync(join(repo.root, SCHEMA_PATH)) ? { $schema: `./${SCHEMA_PATH}`, ...detection.config } : { ...detection.config };
    const detected = { ...detection, config };
    const write = !options.dryRun && (options.confirm === undefined || (await options.confirm(detected)));
    if (write) await writeFileAtomic(file, `${JSON.stringify(config, null, 2)}\n`);
    return { file: CONFIG_FILE, detection: detected, written: write };
  } finally {
    await repo.close();
  }
}
