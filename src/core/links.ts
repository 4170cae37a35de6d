import type { Config } from "../config/schema.js";
import { compileLayouts, layoutRole, sameLang, type CompiledLayout, type LayoutRole } from "./layout.js";
import { chooseOriginal, type Original } from "./originals.js";
import { isUnder, normalizeRepoPath } from "./paths.js";
import type { Post, Problem } from "./types.js";

/** The language tag of a translation whose language can't be told. */
const UNDETERMINED = "und";

/** How a translation found its original. */
export type LinkKind = "translation_of" | "translation_key" | "layout";

/** A translation and the original it was linked to, before history is consulted. */
export interface Link {
  lang: string;
  translation: string;
  /** The original's current path; null when nothing resolves. */
  source: string | null;
  post: Post;
  via: LinkKind;
  /** Decided without history: the post can't be read, its original doesn't exist, or which original is ambiguous. */
  settled: "invalid" | "orphaned" | "unknown" | null;
  problems: Problem[];
  /** The file in its original's own language under the layout: a copy of it rather than a translation. */
  copy: boolean;
  /** The originals it could follow when the layout can't tell which (`AMBIGUOUS_SOURCE`); else empty. */
  candidates: string[];
}

export type { Original } from "./originals.js";

/** Every translation linked to its original, and every original. */
export interface Linkage {
  links: Link[];
  originals: Original[];
  /** Problems that belong to no translation (an unreadable post outside every layout). */
  problems: Problem[];
  /** Posts under a layout's source folder that no pattern matches, so they are neither originals nor translations. */
  unmatched: string[];
}

/** What linking needs to know of the repository besides the posts. */
export interface LinkContext {
  /** Posts that exist at HEAD (a post deleted from disk but committed still counts). */
  committed: ReadonlySet<string>;
  /** Where a path that no longer exists was renamed to, following the history; null when it wasn't. */
  movedTo(path: string): string | null;
  /** True when the history ever had a file at this path (a deleted original, say). */
  existed?(path: string): boolean;
}

/** Links every translation to its original by `translation_of`, `translation_key`, then layout. */
export function linkPosts(posts: readonly Post[], config: Config, context: LinkContext): Linkage {
  const declared = [config.sourceLanguage, ...config.sourcePriority, ...(config.languages ?? [])];
  // A site that lists its languages is matched by those alone: `notes/x64-asm.md` is no original in "asm".
  const layouts = compileLayouts(config.layouts, declared, config.languages !== null);
  // Roles by post index rather than by path: a path's role depends on the path alone.
  const roles = posts.map((post) => layoutRole(post.path, layouts, config.sourceLanguage));
  const byPath = indexByPath(posts);
  // Asked of the two collections in turn: a union of them costs more to build than all the lookups.
  const exists = (path: string) => byPath.has(path) || context.committed.has(path);

  const originals = new Map<string, Original>();
  const addOriginal = (path: string, role: LayoutRole | null = null) => {
    if (originals.has(path)) return;
    const index = byPath.get(path);
    const lang = index === undefined ? null : (posts[index]!.lang ?? roles[index]?.lang);
    const layout = role ? { translation: role.layout.translation.text, stem: role.stem, ext: role.ext } : null;
    originals.set(path, { path, lang: lang ?? config.sourceLanguage, layout, siblings: [path] });
  };
  // Per translation pattern, the originals of each stem: layouts that share one pool their originals.
  const layoutOriginals = new Map<string, Map<string, Original[]>>();
  for (let i = 0; i < posts.length; i++) {
    const post = posts[i]!;
    const role = roles[i]!;
    if (!isLayoutOriginal(post, role, config.sourceLanguage)) continue;
    addOriginal(post.path, role);
    let byStem = layoutOriginals.get(role.layout.translation.text);
    if (byStem === undefined) layoutOriginals.set(role.layout.translation.text, (byStem = new Map()));
    const group = byStem.get(role.stem);
    if (group === undefined) byStem.set(role.stem, [originals.get(post.path)!]);
    else group.push(originals.get(post.path)!);
  }
  for (const byStem of layoutOriginals.values()) {
    for (const group of byStem.values()) {
      if (group.length < 2) continue;
      group.sort((a, b) => cmp(a.path, b.path));
      const siblings = group.map((o) => o.path);
      for (const o of group) o.siblings = siblings;
    }
  }
  const keyOriginal = findKeyOriginals(posts, roles, config.sourceLanguage);
  for (const original of keyOriginal.values()) if (original !== null && original !== "many") addOriginal(original);

  const links: Link[] = [];
  const problems: Problem[] = [];
  const resolveExisting = (path: string, link: Link) => {
    if (exists(path)) return path;
    const moved = context.movedTo(path);
    if (moved !== null && exists(moved)) {
      link.problems.push({ code: "SOURCE_MOVED", file: link.translation, args: { from: path, to: moved } });
      return moved;
    }
    return null;
  };
  const sourceLanguages = [...new Set([...config.sourcePriority, config.sourceLanguage])];

  for (let i = 0; i < posts.length; i++) {
    const post = posts[i]!;
    const role = roles[i]!;
    const lang = post.lang ?? role?.lang ?? "";
    let link: Link;
    if (post.translationOf) {
      link = newLink(post, lang, "translation_of");
      const target = normalizeRepoPath(post.translationOf);
      if (target === null) {
        link.settled = "invalid";
        link.problems.push({ code: "LINK_OUTSIDE_REPO", file: post.path, args: { link: post.translationOf } });
      } else {
        const found = resolveExisting(target, link);
        link.source = found ?? target;
        if (found === null) {
          link.settled = "orphaned";
          link.problems.push({ code: "SOURCE_NOT_FOUND", file: post.path, args: { source: target } });
        } else addOriginal(found);
      }
    } else if (post.translationKey && keyOriginal.get(post.translationKey) !== post.path) {
      link = newLink(post, lang, "translation_key");
      const original = keyOriginal.get(post.translationKey);
      if (original === "many") {
        link.settled = "invalid";
        link.problems.push({ code: "KEY_MANY_ORIGINALS", file: post.path, args: { key: post.translationKey } });
      } else if (original === null || original === undefined) {
        link.settled = "orphaned";
        link.problems.push({ code: "KEY_WITHOUT_ORIGINAL", file: post.path, args: { key: post.translationKey } });
      } else link.source = original;
    } else if (role?.role === "translation") {
      link = newLink(post, lang, "layout");
      const group = layoutOriginals.get(role.layout.translation.text)?.get(role.stem);
      if (group !== undefined) {
        const choice = chooseOriginal(group, lang, config.sourcePriority);
        if (choice.original !== null) {
          link.source = choice.original.path;
          link.copy = sameLang(choice.original.lang, lang);
        } else {
          link.settled = "unknown";
          link.candidates = choice.ambiguous.map((o) => o.path);
          link.problems.push({ code: "AMBIGUOUS_SOURCE", file: post.path, args: { candidates: link.candidates.join(", ") } });
        }
      } else {
        const found = linkLost(link, role, sourceLanguages, resolveExisting, context);
        if (found !== null) {
          addOriginal(found);
          // The layout's file in the moved original's own language is still its copy.
          link.copy = sameLang(originals.get(found)!.lang, lang);
        }
      }
    } else {
      // An original that can't be read is still compared as text; what it holds is said, not hidden.
      if (post.invalid) problems.push(...post.problems);
      continue;
    }
    if (post.invalid) link.settled = "invalid";
    if (!link.lang) {
      // BCP 47's "undetermined": the entry still shows up, counted under its own heading.
      link.lang = UNDETERMINED;
      link.settled = "invalid";
      link.problems.push({ code: "LANG_UNKNOWN", file: post.path });
    }
    const original = link.source ? originals.get(link.source) : undefined;
    // Only a layout keeps a copy in the original's own language; a front-matter link in it names no translation.
    if (!link.copy && original && link.lang && sameLang(original.lang, link.lang)) continue;
    if (config.languages && link.lang && !config.languages.some((l) => sameLang(l, link.lang))) continue;
    links.push(link);
  }
  flagDuplicates(links);
  return { links, originals: [...originals.values()].sort((a, b) => cmp(a.path, b.path)), problems, unmatched: unmatchedPosts(posts, roles, layouts) };
}

/**
 * Links a layout translation whose `{path}` no original has: to where a rename took the original (returned),
 * else orphaned, naming the path the original had in history when one of the patterns gives it (null).
 */
function linkLost(
  link: Link,
  role: LayoutRole,
  sourceLanguages: readonly string[],
  resolveExisting: (path: string, link: Link) => string | null,
  context: LinkContext,
): string | null {
  const guesses = [...new Set(role.layout.sources.flatMap((p) => sourceLanguages.map((l) => p.build(l, role.stem, role.ext))))];
  for (const guess of guesses) {
    const found = resolveExisting(guess, link);
    if (found === null) continue;
    link.source = found;
    renameHint(link, role, found);
    return found;
  }
  const source = guesses.find((g) => context.existed?.(g) === true) ?? guesses[0]!;
  link.source = source;
  link.settled = "orphaned";
  link.problems.push({ code: "SOURCE_NOT_FOUND", file: link.translation, args: { source } });
  return null;
}

/**
 * A layout translation has no link to update when its original moves: its own name must follow. The
 * SOURCE_MOVED problem becomes SOURCE_MOVED_RENAME, naming the path the layout now expects, when the
 * original's new path still fits one of the layout's source patterns.
 */
function renameHint(link: Link, role: LayoutRole, moved: string): void {
  const problem = link.problems.find((p) => p.code === "SOURCE_MOVED" && p.args?.to === moved);
  if (!problem) return;
  for (const pattern of role.layout.sources) {
    const match = pattern.match(moved);
    if (!match) continue;
    const rename = role.layout.translation.build(role.lang ?? link.lang, match.stem, role.ext);
    if (rename === link.translation) return;
    problem.code = "SOURCE_MOVED_RENAME";
    problem.args = { ...problem.args, rename };
    return;
  }
}

/** Posts under a source pattern's folder that no layout gives a role and no front-matter links. */
function unmatchedPosts(posts: readonly Post[], roles: readonly (LayoutRole | null)[], layouts: readonly CompiledLayout[]): string[] {
  // The repository's root is no source folder: a README beside `{path}.{lang}.md` is no stray original.
  const folders = [...new Set(layouts.flatMap((l) => l.sources.map((p) => p.folder())))].filter((f) => f !== "");
  if (folders.length === 0) return [];
  const unmatched: string[] = [];
  for (let i = 0; i < posts.length; i++) {
    const post = posts[i]!;
    if (roles[i] !== null || post.translationOf || post.translationKey) continue;
    if (folders.some((f) => isUnder(post.path, f.slice(0, -1)))) unmatched.push(post.path);
  }
  return unmatched.sort(cmp);
}

/** Each post's path with the post's index; a later post of the same path wins. */
function indexByPath(posts: readonly Post[]): Map<string, number> {
  const byPath = new Map<string, number>();
  for (let i = 0; i < posts.length; i++) byPath.set(posts[i]!.path, i);
  return byPath;
}

/** True when the layouts make the post an original: not linked elsewhere, nor keyed in another language. */
function isLayoutOriginal(post: Post, role: LayoutRole | null, sourceLanguage: string): role is LayoutRole {
  if (role?.role !== "original" || post.translationOf) return false;
  return !(post.translationKey && post.lang && !sameLang(post.lang, role.lang ?? sourceLanguage));
}

/** Per `translation_key`, its one original's path; null when it has none, "many" when it has several. */
function findKeyOriginals(posts: readonly Post[], roles: readonly (LayoutRole | null)[], sourceLanguage: string): Map<string, string | null | "many"> {
  const groups = new Map<string, number[]>();
  for (let i = 0; i < posts.length; i++) {
    const post = posts[i]!;
    if (!post.translationKey || post.translationOf) continue;
    const group = groups.get(post.translationKey);
    if (group) group.push(i);
    else groups.set(post.translationKey, [i]);
  }
  const keyOriginal = new Map<string, string | null | "many">();
  for (const [key, members] of groups) {
    const candidates = members.filter((i) => {
      const role = roles[i]!;
      const lang = posts[i]!.lang ?? role?.lang ?? null;
      return lang !== null ? sameLang(lang, sourceLanguage) : role?.role === "original";
    });
    keyOriginal.set(key, candidates.length === 1 ? posts[candidates[0]!]!.path : candidates.length === 0 ? null : "many");
  }
  return keyOriginal;
}

/** A link with nothing resolved yet; its keys keep the order links have always had. */
function newLink(post: Post, lang: string, via: LinkKind): Link {
  return { translation: post.path, post, settled: null, problems: [...post.problems], lang, source: null, via, copy: false, candidates: [] };
}

/** Flags each unsettled link after the first of the same language and original as a duplicate. */
function flagDuplicates(links: readonly Link[]): void {
  // Per language, then per original: a key string built per link would cost more than the lookups.
  const firstOf = new Map<string, Map<string, string>>();
  for (const link of links) {
    if (link.source === null || link.settled) continue;
    let bySource = firstOf.get(link.lang);
    if (bySource === undefined) {
      bySource = new Map();
      firstOf.set(link.lang, bySource);
    }
    const first = bySource.get(link.source);
    if (first === undefined) bySource.set(link.source, link.translation);
    else link.problems.push({ code: "DUPLICATE_TRANSLATION", file: link.translation, args: { other: first } });
  }
}

/** Plain code-unit order, the same on every machine and locale. */
export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
