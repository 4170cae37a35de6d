// Front-matter keys are named by paths: `title`, `l10n.sourceCommit` (MDN), and in `translatableKeys`
// patterns with wildcards: `hero.**`, `head[*].content`, `features[*].details`. A segment is a key, `*`
// (any one key), `**` (any number of keys and items, none included), `[*]` (any item of a list) or `[N]`.

/** One step of a key path. */
type Segment = { key: string } | { index: number } | { anyKey: true } | { anyItem: true } | { deep: true };

/** The keys of a plain dotted path (`l10n.sourceCommit` → `["l10n", "sourceCommit"]`). */
export function splitKeyPath(path: string): string[] {
  return path.split(".");
}

/** Whether a key path names a nested key. */
export function isNestedKeyPath(path: string): boolean {
  return path.includes(".");
}

/**
 * The value at a dotted key path, or undefined. A top-level key spelled with the dots itself (`"l10n.sourceCommit":`)
 * is read when there is no nested one, so a file written that way still says what it says.
 */
export function readKeyPath(data: Record<string, unknown>, path: string): unknown {
  const nested = readNested(data, splitKeyPath(path));
  return nested === undefined && isNestedKeyPath(path) ? own(data, path) : nested;
}

/** The value at exactly these nested keys, or undefined. */
export function readNested(data: unknown, keys: readonly string[]): unknown {
  let value: unknown = data;
  for (const key of keys) {
    if (!isMapping(value)) return undefined;
    value = own(value, key);
  }
  return value;
}

/** A copy of `data` without the value at these nested keys, and without the mappings that held only it. */
export function withoutNested(data: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const [first, ...rest] = keys;
  if (first === undefined || !Object.hasOwn(data, first)) return data;
  const copy = { ...data };
  const child = copy[first];
  if (rest.length === 0) delete copy[first];
  else if (isMapping(child)) {
    const inner = withoutNested(child, rest);
    if (Object.keys(inner).length === 0) delete copy[first];
    else copy[first] = inner;
  } else if (child === null) delete copy[first];
  return copy;
}

/**
 * The values a key pattern selects, each with its concrete path (`head[2].content`), in document order. A
 * pattern without wildcards selects its one value, whatever it holds; `**` selects the scalars below.
 */
export function selectKeyPaths(data: Record<string, unknown>, pattern: string): [string, unknown][] {
  let segments = parsed.get(pattern);
  if (segments === undefined) parsed.set(pattern, (segments = parsePattern(pattern)));
  if (segments === null) return [];
  const out: [string, unknown][] = [];
  walk(data, segments, 0, "", out, new Set());
  // A plain top-level key written with its dots (`"banner.content":`) is that key.
  if (out.length === 0 && isNestedKeyPath(pattern) && !/[*[\]]/.test(pattern) && own(data, pattern) !== undefined) out.push([pattern, own(data, pattern)]);
  return out;
}

/** Patterns already parsed: a site has a handful, read for every version of every post. */
const parsed = new Map<string, Segment[] | null>();

function walk(value: unknown, segments: readonly Segment[], at: number, path: string, out: [string, unknown][], seen: Set<string>): void {
  if (value === undefined) return;
  if (at === segments.length) {
    if (!seen.has(path)) {
      seen.add(path);
      out.push([path, value]);
    }
    return;
  }
  const segment = segments[at]!;
  const children = (): [string, unknown][] =>
    Array.isArray(value) ? value.map((v, i) => [`${path}[${i}]`, v]) : isMapping(value) ? Object.keys(value).map((k) => [path ? `${path}.${k}` : k, value[k]]) : [];
  if ("deep" in segment) {
    // `**` as the last step stands for every scalar below; before another step, for any depth.
    if (at === segments.length - 1) {
      if (!Array.isArray(value) && !isMapping(value)) walk(value, segments, at + 1, path, out, seen);
    } else walk(value, segments, at + 1, path, out, seen);
    for (const [p, child] of children()) walk(child, segments, at, p, out, seen);
    return;
  }
  if ("key" in segment) {
    if (isMapping(value)) walk(own(value, segment.key), segments, at + 1, path ? `${path}.${segment.key}` : segment.key, out, seen);
  } else if ("index" in segment) {
    if (Array.isArray(value)) walk(value[segment.index], segments, at + 1, `${path}[${segment.index}]`, out, seen);
  } else if ("anyItem" in segment) {
    if (Array.isArray(value)) for (const [p, child] of children()) walk(child, segments, at + 1, p, out, seen);
  } else if (isMapping(value)) for (const [p, child] of children()) walk(child, segments, at + 1, p, out, seen);
}

/** The steps of a pattern, or null when it can't be read (an empty key, an unclosed bracket). */
export function parsePattern(pattern: string): Segment[] | null {
  const segments: Segment[] = [];
  for (const part of pattern.split(".")) {
    const m = /^([^[\]]*)((?:\[(?:\*|\d+)\])*)$/.exec(part);
    if (!m) return null;
    const [, key, brackets] = m;
    if (key === "" && brackets === "") return null;
    if (key === "**") segments.push({ deep: true });
    else if (key === "*") segments.push({ anyKey: true });
    else if (key !== "") segments.push({ key: key! });
    for (const b of brackets!.match(/\[[^\]]*\]/g) ?? []) segments.push(b === "[*]" ? { anyItem: true } : { index: Number(b.slice(1, -1)) });
  }
  return segments;
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function own(data: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(data, key) ? data[key] : undefined;
}
