import { buildPath, sameLang } from "./layout.js";

/** Where the layout that found an original puts its translations. */
export interface OriginalLayout {
  /** The translation pattern's text. */
  translation: string;
  stem: string;
  ext: string | null;
}

/** An original that has translations, or should have. */
export interface Original {
  path: string;
  lang: string;
  /** The layout that found it; null for an original named only by front-matter links. */
  layout: OriginalLayout | null;
  /** Paths of the originals with the same `{path}` under the same translation pattern, itself included, in path order. */
  siblings: readonly string[];
}

/** Which of the originals sharing a `{path}` a translation in one language belongs to. */
export type Choice = { original: Original; ambiguous: null } | { original: null; ambiguous: Original[] };

/**
 * The original a translation into `lang` follows, among the originals sharing its `{path}` (in path order): the
 * one written in `lang` itself (the translation is its copy), else the one whose language comes first in
 * `priority`. When that leaves more than one, the choice is ambiguous, between those.
 */
export function chooseOriginal(group: readonly Original[], lang: string, priority: readonly string[]): Choice {
  if (group.length === 1) return { original: group[0]!, ambiguous: null };
  const own = group.filter((o) => sameLang(o.lang, lang));
  if (own.length === 1) return { original: own[0]!, ambiguous: null };
  const pool = own.length > 1 ? own : group;
  const rank = (o: Original) => {
    const i = priority.findIndex((p) => sameLang(p, o.lang));
    return i < 0 ? priority.length : i;
  };
  const best = Math.min(...pool.map(rank));
  const top = pool.filter((o) => rank(o) === best);
  return top.length === 1 ? { original: top[0]!, ambiguous: null } : { original: null, ambiguous: top };
}

/** A translation an original should have in one language, as `missing` reports it. */
export interface Expected {
  /** Where the layout would put it; null when no layout says (an original named only by front-matter). */
  path: string | null;
  /** It is the original's copy in its own language. */
  copy: boolean;
  /** The originals it could equally follow, when `chooseOriginal` can't decide; else null. */
  ambiguous: Original[] | null;
}

/**
 * The translation into `lang` that `original` answers for, or null when it answers for none: another original
 * of its `{path}` does, or it is in `lang` itself and its layout keeps no separate copy. Of an ambiguous choice
 * the first candidate answers, so a missing translation is reported once.
 */
export function expectedTranslation(original: Original, lang: string, byPath: ReadonlyMap<string, Original>, priority: readonly string[]): Expected | null {
  const own = sameLang(original.lang, lang);
  const path = original.layout ? buildPath(original.layout.translation, lang, original.layout.stem, original.layout.ext) : null;
  if (own && (path === null || path === original.path)) return null;
  const group = original.siblings.map((p) => byPath.get(p)).filter((o): o is Original => o !== undefined);
  const choice = chooseOriginal(group.length > 0 ? group : [original], lang, priority);
  const answers = choice.original ?? choice.ambiguous[0]!;
  if (answers.path !== original.path) return null;
  return { path, copy: own, ambiguous: choice.ambiguous };
}
