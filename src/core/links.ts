import type { Config } from "../config/schema.js";
import { compileLayouts, layoutRole, sameLang, type LayoutRole } from "./layout.js";
import { normalizeRepoPath } from "./paths.js";
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
  /** Decided without history: the post can't be read, or its original doesn't exist. */
  settled: "invalid" | "orphaned" | null;
  problems: Problem[];
}

/** An original that has translations, or should have. */
export interface Original {
  path: string;
  lang: string;
}

/** Every translation linked to its original, and every original. */
export interface Linkage {
  links: Link[];
  originals: Original[];
  /** Problems that belong to no translation (an unreadable post outside every layout). */
  problems: Problem[];
}

/** What linking needs to know of the repository besides the posts. */
export interface LinkContext {
  /** Posts that exist at HEAD (a post deleted from disk but committed still counts). */
  committed: ReadonlySet<string>;
  /** Where a path that no longer exists was renamed to, following the history; null when it wasn't. */
  movedTo(path: string): string | null;
}

/** Links every translation to its original by `translation_of`, `translation_key`, then layout. */
export function linkPosts(posts: readonly Post[], config: Config, context: LinkContext): Linkage {
  const layouts = compileLayouts(config.layouts);
  const roles = new Map<string, LayoutRole | null>();
  for (const post of posts) roles.set(post.path, layoutRole(post.path, layouts, config.sourceLanguage));
  const exists = new Set<string>([...context.committed, ...posts.map((p) => p.path)]);
  const byPath = new Map(posts.map((p) => [p.path, p]));

  const originals = new Map<string, Original>();
  const addOriginal = (path: string) => {
    if (originals.has(path)) return;
    const post = byPath.get(path);
    const role = roles.get(path) ?? null;
    originals.set(path, { path, lang: post?.lang ?? role?.lang ?? config.sourceLanguage });
  };
  const layoutOriginals = new Map<string, string>();
  for (const post of posts) {
    const role = roles.get(post.path);
    if (role?.role !== "original" || post.translationOf) continue;
    if (post.translationKey && post.lang && !sameLang(post.lang, role.lang ?? config.sourceLanguage)) continue;
    addOriginal(post.path);
    layoutOriginals.set(`${role.layout.index}\0${role.stem}`, post.path);
  }

  const groups = new Map<string, Post[]>();
  for (const post of posts) {
    if (!post.translationKey || post.translationOf) continue;
    const group = groups.get(post.translationKey) ?? [];
    group.push(post);
    groups.set(post.translationKey, group);
  }
  const keyOriginal = new Map<string, string | null | "many">();
  for (const [key, members] of groups) {
    const candidates = members.filter((p) => {
      const role = roles.get(p.path);
      const lang = p.lang ?? role?.lang ?? null;
      return lang !== null ? sameLang(lang, config.sourceLanguage) : role?.role === "original";
    });
    keyOriginal.set(key, candidates.length === 1 ? candidates[0]!.path : candidates.length === 0 ? null : "many");
    if (candidates.length === 1) addOriginal(candidates[0]!.path);
  }

  const links: Link[] = [];
  const problems: Problem[] = [];
  const resolveExisting = (path: string, link: Link) => {
    if (exists.has(path)) return path;
    const moved = context.movedTo(path);
    if (moved !== null && exists.has(moved)) {
      link.problems.push({ code: "SOURCE_MOVED", file: link.translation, args: { from: path, to: moved } });
      return moved;
    }
    return null;
  };

  for (const post of posts) {
    const role = roles.get(post.path) ?? null;
    const lang = post.lang ?? role?.lang ?? null;
    const base = { translation: post.path, post, settled: null, problems: [...post.problems] } as const;
    let link: Link;
    if (post.translationOf) {
      link = { ...base, problems: [...base.problems], lang: lang ?? "", source: null, via: "translation_of" };
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
      link = { ...base, problems: [...base.problems], lang: lang ?? "", source: null, via: "translation_key" };
      const original = keyOriginal.get(post.translationKey);
      if (original === "many") {
        link.settled = "invalid";
        link.problems.push({ code: "KEY_MANY_ORIGINALS", file: post.path, args: { key: post.translationKey } });
      } else if (original === null || original === undefined) {
        link.settled = "orphaned";
        link.problems.push({ code: "KEY_WITHOUT_ORIGINAL", file: post.path, args: { key: post.translationKey } });
      } else link.source = original;
    } else if (role?.role === "translation") {
      link = { ...base, problems: [...base.problems], lang: lang ?? "", source: null, via: "layout" };
      const expected =
        layoutOriginals.get(`${role.layout.index}\0${role.stem}`) ?? role.layout.source.build(config.sourceLanguage, role.stem, role.ext);
      const found = resolveExisting(expected, link);
      link.source = found ?? expected;
      if (found === null) {
        link.settled = "orphaned";
        link.problems.push({ code: "SOURCE_NOT_FOUND", file: post.path, args: { source: expected } });
      } else addOriginal(found);
    } else {
      if (post.invalid && !role) problems.push(...post.problems);
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
    if (original && link.lang && sameLang(original.lang, link.lang)) continue;
    if (config.languages && link.lang && !config.languages.some((l) => sameLang(l, link.lang))) continue;
    links.push(link);
  }
  const firstOf = new Map<string, string>();
  for (const link of links) {
    if (link.source === null || link.settled) continue;
    const key = `${link.lang}\0${link.source}`;
    const first = firstOf.get(key);
    if (first === undefined) firstOf.set(key, link.translation);
    else link.problems.push({ code: "DUPLICATE_TRANSLATION", file: link.translation, args: { other: first } });
  }
  return { links, originals: [...originals.values()].sort((a, b) => cmp(a.path, b.path)), problems };
}

/** Plain code-unit order, the same on every machine and locale. */
export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
