import { createHash } from "node:crypto";
import type { Config } from "../config/schema.js";
import type { VerdictBasis } from "../core/evaluate.js";
import { POST_EXTENSIONS } from "../core/layout.js";
import { STATUSES, type Entry, type Post, type Report, type Summary } from "../core/types.js";
import { CacheDir } from "../git/cache-file.js";
import { renderJson } from "../render/json.js";
import type { GitEnv } from "../git/run.js";

// The last full report and what bringing it up to date needs, in the git dir's transtrack directory.
// A run that can refresh it reads only what it needs: the few entries the new commits touch are found
// through an index by path, and the JSON output is spliced from the stored text of the others.
//   transtrack-report 2
//   {"key":"…","head":"<sha>","bytes":B,"sha256":"…"}
//   <meta JSON>\n  then the sections it places: entries, entryStarts, bases, baseStarts, paths, posts, suffix
const MAGIC = "transtrack-report";
/** Bumped whenever what is stored, or what a report holds, changes. */
const VERSION = 2;
const FILE = `report.v${VERSION}`;
const MAGIC_LINE = `${MAGIC} ${VERSION}`;
const SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;
/** Between two entries of the report's `translations`, as `renderJson` writes them. */
const ENTRY_SEPARATOR = ",\n    ";
const NON_ASCII = /[^\x00-\x7f]/;
const SECTIONS = ["entries", "entryStarts", "bases", "baseStarts", "paths", "posts", "suffix"] as const;
type Section = (typeof SECTIONS)[number];

/** What a full run leaves for later runs. */
export interface MemoInput {
  head: string;
  /** The configuration the report was made with, already validated (the key covers the file's text). */
  config: Config;
  report: Report;
  /** Per entry of `report.translations`: the verdict's basis for judged entries, null for the others. */
  bases: readonly (VerdictBasis | null)[];
  /** Every listed post path, in listing order, with its `postFingerprint`. */
  posts: readonly { path: string; fingerprint: string }[];
  /** Posts whose working-tree content was not HEAD's (edited, staged or untracked), with their content's digest. */
  unsettled: readonly { path: string; content: string }[];
  /** What each distinct `source_commit` value resolved to: "found" or a problem kind. */
  sourceCommits: Record<string, string>;
}

/** The memo's small part, read whole. */
interface Meta {
  config: Config;
  languages: string[];
  summary: Record<string, Summary>;
  count: number;
  /** Digest of the listed post paths, in listing order. */
  postList: string;
  unsettled: [string, string][];
  sourceCommits: Record<string, string>;
  sections: Record<Section, [number, number]>;
}

/** What linking knows of a post, reduced to a 53-bit hash; "" for a listed path that couldn't be read as a file. */
export function postFingerprint(post: Post | null): string {
  // A change shows as a different hash but for a chance of 2^-53; sha1 per post cost a full run ~30 ms.
  return post === null ? "" : cyrb53(JSON.stringify(post)).toString(36);
}

/** cyrb53, a fast 53-bit string hash (public domain, by bryc). */
function cyrb53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** The digest of a listing's post paths. */
export function postListDigest(paths: readonly string[]): string {
  return sha1(paths.join("\0"));
}

/** The digest of a post's bytes, telling an unsettled post unchanged without parsing it. */
export function contentDigestOf(bytes: Uint8Array): string {
  return createHash("sha1").update(bytes).digest("hex");
}

function sha1(text: string): string {
  return createHash("sha1").update(text).digest("hex");
}

/** What a memo is valid for besides its head: the format, transtrack's version, which files are posts, and the config file and its text. */
export function memoKey(version: string, configFile: string | null, configText: string | null): string {
  const what = JSON.stringify({ v: VERSION, version, posts: POST_EXTENSIONS, configFile, configText });
  return createHash("sha256").update(what).digest("hex");
}

/** The report memo of one repository (one worktree). */
export class ReportMemoFile {
  private constructor(
    private readonly dir: CacheDir,
    private readonly key: string,
  ) {}

  /** The memo file under this repository's git dir; null when the place is unusable. */
  static async open(git: GitEnv, key: string, gitDir?: string): Promise<ReportMemoFile | null> {
    const dir = await CacheDir.open(git, gitDir);
    return dir === null ? null : new ReportMemoFile(dir, key);
  }

  /** The memo, or null when there is none or it can't be trusted. */
  async read(): Promise<ReportMemo | null> {
    const contents = await this.dir.read(FILE, MAGIC_LINE, this.key);
    return contents === null ? null : ReportMemo.decode(contents.header.head, contents.body);
  }

  /** The HEAD a memo covers, read before its body is checked; `memo()` checks and decodes it (null when it can't be trusted). */
  async peek(): Promise<{ head: string; memo(): ReportMemo | null } | null> {
    const file = await this.dir.open(FILE, MAGIC_LINE, this.key);
    if (file === null || !SHA.test(file.header.head)) return null;
    return {
      head: file.header.head,
      memo: () => {
        const contents = file.verified();
        return contents === null ? null : ReportMemo.decode(contents.header.head, contents.body);
      },
    };
  }

  /** Replaces the memo atomically; failures are ignored, the memo being an optimisation. */
  async write(input: MemoInput): Promise<void> {
    await this.dir.write(FILE, MAGIC_LINE, { key: this.key, head: input.head }, encodeMemo(input));
  }
}

/** The memo body's bytes. */
export function encodeMemo(input: MemoInput): Buffer {
  const { report } = input;
  const entryTexts = report.translations.map(entryText);
  const baseTexts = input.bases.map((b) => JSON.stringify(b));
  const byPath = new Map<string, number[]>();
  report.translations.forEach((e, i) => {
    for (const path of new Set([e.source, e.translation])) {
      if (path === null) continue;
      const list = byPath.get(path);
      if (list) list.push(i);
      else byPath.set(path, [i]);
    }
  });
  const parts: Record<Section, Buffer> = {
    entries: Buffer.from(entryTexts.join(ENTRY_SEPARATOR)),
    entryStarts: offsets(entryTexts, ENTRY_SEPARATOR.length),
    bases: Buffer.from(baseTexts.join("\n")),
    baseStarts: offsets(baseTexts, 1),
    paths: Buffer.from(`\n${[...byPath].map(([path, list]) => `${JSON.stringify(path)}\t${list.join(",")}`).join("\n")}\n`),
    posts: Buffer.from(`\n${input.posts.map((p) => `${JSON.stringify(p.path)}\t${p.fingerprint}`).join("\n")}\n`),
    // Everything after the entries: the problems and the closing brace, rendered without the entries.
    suffix: Buffer.from(splitReport(renderJson({ ...report, translations: [null as unknown as Entry] })).suffix),
  };
  const sections = {} as Record<Section, [number, number]>;
  let at = 0;
  for (const name of SECTIONS) {
    sections[name] = [at, parts[name].length];
    at += parts[name].length;
  }
  const meta: Meta = {
    config: input.config,
    languages: report.languages,
    summary: report.summary,
    count: report.translations.length,
    postList: postListDigest(input.posts.map((p) => p.path)),
    unsettled: input.unsettled.map((u) => [u.path, u.content]),
    sourceCommits: input.sourceCommits,
    sections,
  };
  return Buffer.concat([Buffer.from(`${JSON.stringify(meta)}\n`), ...SECTIONS.map((name) => parts[name])]);
}

/** Byte offsets where each text starts when joined with a separator, and where the last one ends, as little-endian uint32s. */
function offsets(texts: readonly string[], separator: number): Buffer {
  const out = Buffer.alloc(4 * (texts.length + 1));
  // For ASCII text (the usual paths and shas) a string's length is its length in bytes.
  const length = texts.every((t) => !NON_ASCII.test(t)) ? (t: string) => t.length : (t: string) => Buffer.byteLength(t);
  let at = 0;
  texts.forEach((text, i) => {
    out.writeUInt32LE(at, 4 * i);
    at += length(text) + (i < texts.length - 1 ? separator : 0);
  });
  out.writeUInt32LE(texts.length === 0 ? 0 : at, 4 * texts.length);
  return out;
}

/** One entry as `renderJson` writes it inside the report's `translations`. */
function entryText(entry: Entry): string {
  return JSON.stringify(entry, null, 2).replace(/\n/g, "\n    ");
}

/** The printed report around its entries: everything before the first, and everything after the last. */
function splitReport(text: string): { prefix: string; suffix: string } {
  const marker = '\n  "translations": [';
  const start = text.indexOf(marker) + marker.length;
  const end = text.indexOf('\n  ],\n  "problems":', start);
  if (start < marker.length || end < 0) throw new Error("unexpected report layout");
  return { prefix: `${text.slice(0, start)}\n    `, suffix: text.slice(end) };
}

/** A memo as read: small parts parsed, the rest looked up in place. */
export class ReportMemo {
  private constructor(
    readonly head: string,
    private readonly meta: Meta,
    private readonly body: Buffer,
    private readonly base: number,
  ) {}

  /** A memo from its checked body, or null unless its layout holds together. */
  static decode(head: string, body: Buffer): ReportMemo | null {
    try {
      if (!SHA.test(head)) return null;
      const end = body.indexOf(0x0a);
      const meta = JSON.parse(body.toString("utf8", 0, end)) as Meta;
      if (typeof meta !== "object" || meta === null || typeof meta.config !== "object" || !Number.isInteger(meta.count)) return null;
      if (!Array.isArray(meta.languages) || typeof meta.summary !== "object" || typeof meta.postList !== "string" || !Array.isArray(meta.unsettled)) return null;
      if (typeof meta.sourceCommits !== "object" || meta.sourceCommits === null) return null;
      let at = 0;
      for (const name of SECTIONS) {
        const range = meta.sections?.[name];
        if (!Array.isArray(range) || range[0] !== at || !Number.isInteger(range[1]) || range[1] < 0) return null;
        at += range[1];
      }
      if (end + 1 + at !== body.length) return null;
      if (meta.count === 0) return null;
      const memo = new ReportMemo(head, meta, body, end + 1);
      const starts = memo.section("entryStarts");
      if (starts.length !== 4 * (meta.count + 1) || memo.section("baseStarts").length !== starts.length) return null;
      return memo;
    } catch {
      return null;
    }
  }

  get config(): Config {
    return this.meta.config;
  }

  get count(): number {
    return this.meta.count;
  }

  get summary(): Record<string, Summary> {
    return this.meta.summary;
  }

  get postList(): string {
    return this.meta.postList;
  }

  get sourceCommits(): Record<string, string> {
    return this.meta.sourceCommits;
  }

  /** Unsettled posts then, with their content digests. */
  get unsettled(): Map<string, string> {
    return new Map(this.meta.unsettled);
  }

  private section(name: Section): Buffer {
    const [start, length] = this.meta.sections[name];
    return this.body.subarray(this.base + start, this.base + start + length);
  }

  /** The line of a section's index for a path, without the path; null when it has none. */
  private lookup(name: "paths" | "posts", path: string): string | null {
    const section = this.section(name);
    const key = Buffer.from(`\n${JSON.stringify(path)}\t`);
    const at = section.indexOf(key);
    if (at < 0) return null;
    const end = section.indexOf(0x0a, at + key.length);
    return section.toString("utf8", at + key.length, end);
  }

  /** The fingerprint a post had; undefined when the path wasn't a listed post. */
  postFingerprint(path: string): string | undefined {
    return this.lookup("posts", path) ?? undefined;
  }

  /** Indices of the entries whose original or translation is `path`. */
  entriesOf(path: string): number[] {
    const line = this.lookup("paths", path);
    if (line === null) return [];
    const indices = line.split(",").map(Number);
    return indices.every((i) => Number.isInteger(i) && i >= 0 && i < this.meta.count) ? indices : [];
  }

  /** Entry `index` of the report, with its verdict's basis; null when it doesn't parse as one. */
  entry(index: number): { entry: Entry; basis: VerdictBasis | null } | null {
    const entry = JSON.parse(this.slice("entries", "entryStarts", index, ENTRY_SEPARATOR.length).toString("utf8")) as unknown;
    const basis = JSON.parse(this.slice("bases", "baseStarts", index, 1).toString("utf8")) as unknown;
    if (!isEntry(entry) || !(basis === null || isBasis(basis))) return null;
    return { entry, basis };
  }

  private slice(name: Section, startsName: Section, index: number, separator: number): Buffer {
    const starts = this.section(startsName);
    const start = starts.readUInt32LE(4 * index);
    const end = index === this.meta.count - 1 ? starts.readUInt32LE(4 * (index + 1)) : starts.readUInt32LE(4 * (index + 1)) - separator;
    return this.section(name).subarray(start, end);
  }

  /**
   * The report at `head` as `renderJson` prints it, with some entries replaced and the summary given:
   * the other entries are copied as stored, never parsed.
   */
  render(head: string, summary: Record<string, Summary>, replaced: ReadonlyMap<number, Entry>): Buffer[] {
    const skeleton: Report = { schemaVersion: 1, head, languages: this.meta.languages, summary, translations: [], problems: [] };
    const suffix = this.section("suffix");
    const { prefix } = splitReport(renderJson({ ...skeleton, translations: [null as unknown as Entry] }));
    const parts: Buffer[] = [Buffer.from(prefix)];
    const entries = this.section("entries");
    const starts = this.section("entryStarts");
    let from = 0;
    for (const index of [...replaced.keys()].sort((a, b) => a - b)) {
      const start = starts.readUInt32LE(4 * index);
      const end = index === this.meta.count - 1 ? entries.length : starts.readUInt32LE(4 * (index + 1)) - ENTRY_SEPARATOR.length;
      parts.push(entries.subarray(from, start), Buffer.from(entryText(replaced.get(index)!)));
      from = end;
    }
    parts.push(entries.subarray(from), suffix);
    return parts;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const nullableString = (v: unknown) => v === null || typeof v === "string";

/** An entry's shape, down to every field. */
function isEntry(value: unknown): value is Entry {
  if (!isObject(value)) return false;
  const e = value;
  return (
    typeof e.lang === "string" &&
    nullableString(e.source) &&
    nullableString(e.translation) &&
    STATUSES.includes(e.status as Entry["status"]) &&
    nullableString(e.baseline) &&
    nullableString(e.sourceCommit) &&
    Number.isInteger(e.commitsBehind) &&
    Number.isInteger(e.linesAdded) &&
    Number.isInteger(e.linesRemoved) &&
    nullableString(e.staleSince) &&
    Array.isArray(e.problems)
  );
}

function isBasis(value: unknown): value is VerdictBasis {
  if (!isObject(value)) return false;
  return (
    typeof value.baselineBlob === "string" &&
    SHA.test(value.baselineBlob) &&
    (value.baselineDigest === null || typeof value.baselineDigest === "string") &&
    Array.isArray(value.times) &&
    value.times.every((t) => typeof t === "number" && Number.isFinite(t)) &&
    typeof value.complete === "boolean"
  );
}
