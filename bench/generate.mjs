#!/usr/bin/env node
// Builds a synthetic multilingual site with `git fast-import` and writes the status every translation
// must have (truth.json), derived from what was written, never from running transtrack.
//
//   node bench/generate.mjs [--originals 3000] [--languages 6] [--commits 6000] [--seed 1] [--quick] [--force]
//
// The site: folder per language (posts/en/... originals, posts/<lang>/... translations), Jekyll-style
// front-matter, a few paragraphs each, ~0.9 non-post files per original. History: originals added in
// batches; edits that are meaningful, whitespace-only, front-matter-only (keys outside title and
// description) or reverts; `[skip translation]` and `Translation: skip` commits; translations committed
// in batches, with and without `source_commit` (full and abbreviated); side branches that translate while
// the mainline edits, merged back; renames and deletions of originals; typo fixes and broken front-matter
// in translations; a bogus, an unreachable and a too-early `source_commit`; untracked translations.
//
// With `--shape blog` the same history runs on a multilingual Jekyll blog's layout instead: originals in
// `original/` (a sixth, a quarter of them sharing their name with an original in another language) and
// `notes/`, each named `{date}-{slug}-{lang}.md` in en, zh or ja; translations into nine languages at
// `_posts/{lang}/{slug}-{lang}.md`, the original's own language being its copy.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { data, FastImport } from "./lib/fast-import.mjs";
import { git, gitEnv, intOption, parseArgs, seededRandom, WORK_DIR } from "./lib/common.mjs";
import { meaningKey, newDoc, renderOriginal, renderTranslation, vocabulary } from "./lib/content.mjs";

/** Bumped whenever the generated site or its truth changes, so cached sites are rebuilt. */
export const GENERATOR_VERSION = 3;
const LANGS = ["en", "de", "fr", "es", "ja", "zh", "it", "pt", "ko", "ru", "nl", "pl", "sv", "tr", "uk", "cs"];
const EPOCH = Date.UTC(2020, 0, 1) / 1000;
/** Share of translations that record `source_commit`, per language (the rest rely on their own commits). */
const SOURCE_COMMIT_RATE = { de: 0.7, fr: 0.5, es: 0.3, ja: 0.2, zh: 0.6 };
/** The blog shape's target languages, source languages (in priority order) and source folders. */
const BLOG_TARGETS = ["ar", "de", "en", "es", "fr", "hant", "hi", "ja", "zh"];
const BLOG_PRIORITY = ["en", "zh", "ja"];
const BLOG_CONFIG = {
  sourceLanguage: "en",
  languages: BLOG_TARGETS,
  sourcePriority: BLOG_PRIORITY,
  layouts: [{ source: ["original/{path}-{lang}.md", "notes/{path}-{lang}.md"], translation: "_posts/{lang}/{path}-{lang}.md" }],
};
const AUTHORS = ["Ada Writer <ada@example.com>", "Bo Editor <bo@example.com>", "Chen Translator <chen@example.com>", "Dana Docs <dana@example.com>"];

/**
 * Size options from flags or environment: --quick is 200 × 4 languages × 400 commits; `--shape blog`
 * (BENCH_SHAPE=blog) defaults to the Jekyll blog's size, 4,600 originals × 9 languages, 12,000 commits.
 */
export function sizeFromArgs(args) {
  const quick = args.quick === true || process.env.BENCH_QUICK === "1";
  const blog = (args.shape ?? process.env.BENCH_SHAPE) === "blog";
  return {
    originals: intOption(args, "originals", "BENCH_ORIGINALS", quick ? 200 : blog ? 4600 : 3000),
    languages: blog ? BLOG_TARGETS.length : intOption(args, "languages", "BENCH_LANGUAGES", quick ? 4 : 6),
    commits: intOption(args, "commits", "BENCH_COMMITS", quick ? 400 : blog ? 12000 : 6000),
    seed: intOption(args, "seed", "BENCH_SEED", 1),
    ...(blog ? { shape: "blog" } : {}),
  };
}

/** The generated site for these parameters, built unless an identical one is already there. */
export async function ensureSite(params, { dir, force = false, log = () => {} } = {}) {
  const site = dir ?? join(WORK_DIR, `site-n${params.originals}-l${params.languages}-c${params.commits}-s${params.seed}${params.shape ? `-${params.shape}` : ""}`);
  const metaFile = join(site, ".git", "bench-meta.json");
  if (!force && existsSync(metaFile)) {
    const meta = JSON.parse(readFileSync(metaFile, "utf8"));
    if (meta.version === GENERATOR_VERSION && JSON.stringify(meta.params) === JSON.stringify(params)) {
      return { dir: site, truthFile: join(site, ".git", "bench-truth.json"), meta };
    }
  }
  const meta = await generate(params, site, log);
  return { dir: site, truthFile: join(site, ".git", "bench-truth.json"), meta };
}

function validate(params) {
  if (params.shape !== undefined && params.shape !== "blog") throw new Error("--shape must be blog");
  if (params.shape === undefined && params.languages < 2 || params.languages > LANGS.length) throw new Error(`--languages must be 2..${LANGS.length}`);
  if (params.originals < 10) throw new Error("--originals must be at least 10");
  if (params.commits < 50) throw new Error("--commits must be at least 50");
}

/** Writes the site into `dir` (replacing it) and its truth next to the repository's objects. */
export async function generate(params, dir, log = () => {}) {
  validate(params);
  const started = Date.now();
  const { originals: N, languages: L, commits: H } = params;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const env = gitEnv();
  git(dir, ["init", "-q", "-b", "main"], env);
  const marksFile = join(dir, ".git", "bench-marks");
  const imp = new FastImport(dir, env, marksFile);
  const r = seededRandom(params.seed);
  const vocab = vocabulary(r);
  const blog = params.shape === "blog";
  const targets = blog ? BLOG_TARGETS : LANGS.slice(1, L);

  // ---- commits and ancestry (generation order is a topological order: parents come first)
  const commits = [];
  const words = Math.ceil((H + 8) / 32);
  const anc = [];
  const isAnc = (a, c) => ((anc[c][a >>> 5] >>> (a & 31)) & 1) === 1;
  const view = (obj, c) => {
    if (c < 0) return undefined;
    for (let i = obj.versions.length - 1; i >= 0; i--) if (isAnc(obj.versions[i].commit, c)) return obj.versions[i];
    return undefined;
  };
  let reachable = 0; // commits reachable from main's tip
  let mainTip = -1;

  async function commit({ ref = "refs/heads/main", parents, message, ignored = false, build, counts = true }) {
    const idx = commits.length;
    const time = EPOCH + idx * 1800 + r.int(0, 900);
    commits.push({ parents, time, ignored });
    const bits = new Uint32Array(words);
    for (const p of parents) {
      const pb = anc[p];
      for (let i = 0; i < words; i++) bits[i] |= pb[i];
    }
    bits[idx >>> 5] |= 1 << (idx & 31);
    anc.push(bits);
    const parent = parents[0] ?? -1;
    const ops = [];
    const touched = [];
    const ctx = {
      idx,
      view: (obj) => view(obj, parent),
      put(obj, text, meta) {
        const cur = view(obj, parent);
        if (cur && !cur.deleted && cur.text === text && cur.path === meta.path) return false; // git would see no change
        obj.versions.push({ ...meta, commit: idx, text });
        ops.push(`M 100644 inline ${meta.path}\n${data(text)}`);
        touched.push(obj);
        return true;
      },
      remove(obj) {
        const cur = view(obj, parent);
        obj.versions.push({ ...cur, commit: idx, deleted: true, prevKey: cur.key });
        ops.push(`D ${cur.path}\n`);
      },
      rename(obj, to) {
        const cur = view(obj, parent);
        obj.versions.push({ ...cur, commit: idx, path: to, prevKey: cur.key, prevDoc: cur.doc });
        ops.push(`R ${cur.path} ${to}\n`);
      },
      raw: (op) => ops.push(op),
    };
    await build(ctx);
    const author = AUTHORS[idx % AUTHORS.length];
    let head = `commit ${ref}\nmark :${idx + 1}\nauthor ${author} ${time} +0000\ncommitter ${author} ${time} +0000\n${data(message)}`;
    if (parents[0] !== undefined) head += `from :${parents[0] + 1}\n`;
    for (const p of parents.slice(1)) head += `merge :${p + 1}\n`;
    await imp.write(`${head}${ops.join("")}\n`);
    if (counts) reachable += 1;
    return { idx, touched };
  }

  // ---- the site's files
  const sections = Array.from({ length: 16 }, () => vocab.word());
  const subs = Array.from({ length: 8 }, () => vocab.word());
  const originals = blog ? blogOriginals() : Array.from({ length: N }, (_, id) => {
    const rel = `${sections[id % sections.length]}/${subs[Math.floor(id / sections.length) % subs.length]}/${vocab.word()}-${vocab.word()}-${id}.md`;
    return { id, rel, path: `posts/en/${rel}`, lang: "en", group: null, versions: [], added: false, deleted: false, renamed: false };
  });
  // The blog's originals, a name in two languages as two neighbours sharing one `group`.
  function blogOriginals() {
    const list = [];
    const pad = (n) => String(n).padStart(2, "0");
    while (list.length < N) {
      const id = list.length;
      const folder = r.chance(0.16) ? "original/" : "notes/";
      const stem = `${2010 + (id % 16)}-${pad(1 + (id % 12))}-${pad(1 + (id % 28))}-${vocab.word()}-${vocab.word()}-${id}`;
      const roll = r.next();
      const lang = roll < 0.6 ? "en" : roll < 0.95 ? "zh" : "ja";
      const make = (i, l) => ({ id: i, stem, lang: l, folder, path: `${folder}${stem}-${l}.md`, group: null, versions: [], added: false, deleted: false, renamed: false });
      const first = make(id, lang);
      list.push(first);
      if (folder === "original/" && list.length < N && r.chance(0.27)) {
        const twin = make(id + 1, lang === "en" ? "zh" : "en");
        first.group = twin.group = [first, twin];
        list.push(twin);
      }
    }
    return list;
  }
  /** Of the originals sharing a name, the one a translation into `lang` follows: its own language's, else by priority. */
  const ownerOf = (o, lang) => (o.group === null ? o : (o.group.find((x) => x.lang === lang) ?? [...o.group].sort((a, b) => BLOG_PRIORITY.indexOf(a.lang) - BLOG_PRIORITY.indexOf(b.lang))[0]));
  const translationPath = (o, lang) => (blog ? `_posts/${lang}/${o.stem}-${lang}.md` : `posts/${lang}/${o.rel}`);
  const translations = new Map(); // `${id}:${lang}` -> translation object
  const orphans = [];
  const trKey = (orig, lang) => `${orig.id}:${lang}`;
  const covered = (orig, lang) => hash32(`${orig.id}/${lang}/${params.seed}`) % 100 < 95;
  const reservedTr = new Set();
  const reservedOrig = new Set();
  let added = 0;
  const assets = Array.from({ length: Math.round(N * 0.9) }, (_, i) => `assets/${sections[i % sections.length]}/img-${i}.svg`);
  const svg = (i) => `<svg xmlns="http://www.w3.org/2000/svg" width="${r.int(10, 900)}"><title>${vocab.words(2, 5).join(" ")}</title><rect width="${i}" height="${r.int(1, 99)}"/></svg>\n`;
  const dateOf = (idx) => new Date((EPOCH + idx * 1800) * 1000).toISOString().slice(0, 10);
  const stats = { merges: 0, renames: 0, deletes: 0, skip: 0, edits: {}, translationWrites: 0, sourceCommits: 0, abbreviated: 0 };

  // ---- setup: site config, layouts and every asset in one big commit
  ({ idx: mainTip } = await commit({
    parents: [],
    message: "Start the site\n",
    build(ctx) {
      ctx.raw(`M 100644 inline _config.yml\n${data("title: Synthetic docs\nlang: en\npermalink: /:path/\n")}`);
      ctx.raw(`M 100644 inline transtrack.config.json\n${data(`${JSON.stringify(blog ? BLOG_CONFIG : { sourceLanguage: "en", root: "posts" }, null, 2)}\n`)}`);
      ctx.raw(`M 100644 inline _layouts/post.html\n${data("<article>{{ content }}</article>\n")}`);
      assets.forEach((path, i) => ctx.raw(`M 100644 inline ${path}\n${data(svg(i))}`));
    },
  }));

  const editable = (o) => o.added && !o.deleted && !reservedOrig.has(o.id);
  // A name in two languages keeps both its originals where they are: moving one would part them.
  const movable = (o) => editable(o) && !o.renamed && o.group === null;
  const pickOriginal = (filter, hot = r.chance(0.3)) => {
    for (let tries = 0; tries < 50; tries++) {
      const span = hot ? Math.max(1, Math.ceil(added * 0.1)) : added;
      const o = originals[r.int(0, Math.max(0, span - 1))];
      if (o && filter(o)) return o;
    }
    return null;
  };

  async function addOriginals(count) {
    // A name's two originals arrive together.
    const end = added + count < N && originals[added + count - 1].group?.[0] === originals[added + count - 1] ? added + count + 1 : added + count;
    const batch = originals.slice(added, end);
    ({ idx: mainTip } = await commit({
      parents: [mainTip],
      message: `Add ${batch.length} posts to ${blog ? batch[0].folder : batch[0].rel.split("/")[0]}\n`,
      build(ctx) {
        for (const o of batch) {
          const doc = newDoc(r, vocab, dateOf(ctx.idx));
          ctx.put(o, renderOriginal(doc, o.lang), { path: o.path, doc, key: meaningKey(doc), prevKey: null, prevDoc: null });
        }
      },
    }));
    for (const o of batch) o.added = true;
    added += batch.length;
  }

  // An edit of one original: returns the new document and what kind of edit it was.
  function edit(cur) {
    const doc = cur.doc;
    const roll = r.next();
    const paragraphs = doc.blocks.map((b, i) => (b.kind === "p" ? i : -1)).filter((i) => i >= 0);
    const withBlock = (i, block) => doc.blocks.map((b, j) => (j === i ? block : b));
    const replaceWord = (list) => {
      const copy = [...list];
      const at = r.int(0, copy.length - 1);
      let w = vocab.word();
      while (w === copy[at]) w = vocab.word();
      copy[at] = w;
      return copy;
    };
    if (roll < 0.22) {
      const i = r.pick(paragraphs);
      return { kind: "word", doc: { ...doc, blocks: withBlock(i, { kind: "p", words: replaceWord(doc.blocks[i].words) }) } };
    }
    if (roll < 0.32) {
      const i = r.pick(paragraphs);
      return { kind: "append", doc: { ...doc, blocks: withBlock(i, { kind: "p", words: [...doc.blocks[i].words, ...vocab.words(5, 15)] }) } };
    }
    if (roll < 0.39) {
      const blocks = [...doc.blocks];
      blocks.splice(r.int(1, blocks.length), 0, { kind: "p", words: vocab.words(20, 50) });
      return { kind: "paragraph", doc: { ...doc, blocks } };
    }
    if (roll < 0.43 && paragraphs.length > 2) {
      const drop = r.pick(paragraphs);
      return { kind: "drop", doc: { ...doc, blocks: doc.blocks.filter((_, j) => j !== drop) } };
    }
    if (roll < 0.47) return { kind: "title", doc: { ...doc, title: replaceWord(doc.title) } };
    if (roll < 0.5) return { kind: "description", doc: { ...doc, description: replaceWord(doc.description) } };
    if (roll < 0.75) {
      const style = { ...doc.style };
      const what = r.next();
      if (what < 0.45) style.width = r.pick([0, 60, 72, 80, 100].filter((w) => w !== style.width));
      else if (what < 0.7) style.gap = r.pick([1, 2, 3].filter((g) => g !== style.gap));
      else if (what < 0.92) style.trailing = !style.trailing;
      else style.crlf = !style.crlf;
      return { kind: "whitespace", doc: { ...doc, style } };
    }
    if (roll < 0.9) {
      const fm = { ...doc.fm };
      const what = r.next();
      if (what < 0.4) fm.tags = vocab.words(1, 4);
      else if (what < 0.6) fm.image = !fm.image;
      else fm.updated = dateOf(commits.length);
      return { kind: "front-matter", doc: { ...doc, fm } };
    }
    if (roll < 0.96 && cur.prevDoc) {
      const back = cur.prevDoc;
      return { kind: "revert", doc: { ...doc, title: back.title, description: back.description, blocks: back.blocks } };
    }
    const i = r.pick(paragraphs);
    const style = { ...doc.style, width: doc.style.width === 80 ? 72 : 80 };
    return { kind: "mixed", doc: { ...doc, style, blocks: withBlock(i, { kind: "p", words: replaceWord(doc.blocks[i].words) }) } };
  }

  const MESSAGES = {
    word: "Fix wording in", append: "Expand", paragraph: "Add a section to", drop: "Remove an outdated paragraph from",
    title: "Retitle", description: "Improve the description of", whitespace: "Reflow", "front-matter": "Update tags of",
    revert: "Revert the last change to", mixed: "Reflow and fix",
  };

  // Edits are planned before the commit's message is known, so the commit is built in two steps.
  async function editCommit(line, chosen) {
    const planned = chosen.map((o) => ({ o, e: edit(view(o, line.tip)) }));
    const first = planned[0];
    const slug = first.o.path.split("/").pop().replace(/\.md$/, "");
    const cosmetic = planned.every((p) => p.e.kind === "whitespace" || p.e.kind === "front-matter");
    const ignored = r.chance(cosmetic ? 0.3 : 0.08);
    const trailer = ignored && r.chance(0.3);
    let message = `${MESSAGES[first.e.kind]} ${slug}${planned.length > 1 ? ` and ${planned.length - 1} more` : ""}`;
    if (ignored && !trailer) message += " [skip translation]";
    message += "\n";
    if (trailer) message += "\nOnly presentation changed.\n\nTranslation: skip\n";
    if (ignored) stats.skip += 1;
    const { idx, touched } = await commit({
      ref: line.ref,
      parents: [line.tip],
      message,
      ignored,
      counts: line.counts,
      build(ctx) {
        for (const { o, e } of planned) {
          const cur = ctx.view(o);
          if (ctx.put(o, renderOriginal(e.doc, o.lang), { path: cur.path, doc: e.doc, key: meaningKey(e.doc), prevKey: cur.key, prevDoc: cur.doc })) {
            stats.edits[e.kind] = (stats.edits[e.kind] ?? 0) + 1;
          }
        }
      },
    });
    return { idx, touched };
  }

  let abandoned = -1;
  async function sourceValue(tr, at) {
    // What `mark` would write: the last commit that changed the original, as seen from this commit.
    const special = r.next();
    if (special < 0.003) return { value: hex(r, 40), special: "bogus", commit: null };
    if (special < 0.005 && abandoned >= 0) return { value: await imp.sha(abandoned), special: "unreachable", commit: null };
    if (special < 0.007) return { value: await imp.sha(0), special: "too-early", commit: 0 };
    const sha = await imp.sha(at);
    stats.sourceCommits += 1;
    if (r.chance(0.3)) {
      stats.abbreviated += 1;
      return { value: sha.slice(0, r.int(10, 12)), special: null, commit: at };
    }
    return { value: sha, special: null, commit: at };
  }

  function translationOf(orig, lang) {
    const key = trKey(orig, lang);
    let tr = translations.get(key);
    if (!tr) {
      tr = { orig, lang, path: translationPath(orig, lang), versions: [], usesSource: r.chance(SOURCE_COMMIT_RATE[lang] ?? 0.4) };
      translations.set(key, tr);
    }
    return tr;
  }

  async function translate(line, lang, chosen, message) {
    // Shas are looked up before the commit starts: git must have the earlier commits already.
    const prepared = [];
    for (const orig of chosen) {
      const ov = view(orig, line.tip);
      if (!ov || ov.deleted) continue;
      const tr = translationOf(orig, lang);
      const source = tr.usesSource ? await sourceValue(tr, ov.commit) : { value: null, special: null, commit: null };
      prepared.push({ tr, ov, source });
    }
    if (prepared.length === 0) return null;
    const result = await commit({
      ref: line.ref,
      parents: [line.tip],
      message,
      counts: line.counts,
      build(ctx) {
        for (const { tr, ov, source } of prepared) {
          const text = renderTranslation(ov.doc, lang, { sourceCommit: source.value });
          const meta = { path: tr.path, fromDoc: ov.doc, fromKey: ov.key, sourceValue: source.value, sourceCommit: source.commit, special: source.special, invalid: false };
          if (ctx.put(tr, text, meta)) stats.translationWrites += 1;
        }
      },
    });
    return result;
  }

  function translationCandidates(lang, at, size) {
    const fresh = [];
    const outdated = [];
    for (let i = 0; i < added; i++) {
      const o = originals[i];
      if (o.deleted || o.renamed || reservedTr.has(trKey(o, lang)) || ownerOf(o, lang) !== o) continue;
      const tr = translations.get(trKey(o, lang));
      const tv = tr ? view(tr, at) : undefined;
      if (!tv) {
        if (covered(o, lang) && fresh.length < size) fresh.push(o);
        continue;
      }
      const ov = view(o, at);
      if (tv.invalid || tv.fromKey !== ov.key) outdated.push(o);
    }
    shuffle(r, outdated);
    const more = Math.max(size - fresh.length, Math.round(size * 0.3));
    return [...fresh, ...outdated.slice(0, more)];
  }

  const main = { get tip() { return mainTip; }, set tip(v) { mainTip = v; }, ref: "refs/heads/main", counts: true };
  const batchSize = Math.max(3, Math.round((N * targets.length * 1.7) / (0.05 * H)));
  const addBatch = Math.max(1, Math.ceil(N / (0.1 * H)));
  const sides = [];
  let sideCount = 0;

  while (reachable < H) {
    const remaining = H - reachable;
    const progress = reachable / H;
    if (sides.length > 0 && remaining <= sides.length + 1) {
      const side = sides[0];
      if (side.made > 0) await merge(side);
      else release(side);
      continue;
    }
    if (added < N && (progress > 0.3 || r.chance(0.5))) {
      await addOriginals(progress > 0.3 ? N - added : addBatch);
      continue;
    }
    if (abandoned < 0 && progress > 0.2) {
      const o = pickOriginal(editable);
      const { idx } = await commit({
        ref: "refs/heads/abandoned",
        parents: [mainTip],
        message: "Experiment: rewrite the introduction\n",
        counts: false,
        build(ctx) {
          const cur = ctx.view(o);
          const doc = { ...cur.doc, title: [...cur.doc.title, "draft"] };
          ctx.put(o, renderOriginal(doc, o.lang), { path: cur.path, doc, key: meaningKey(doc), prevKey: cur.key, prevDoc: cur.doc });
        },
      });
      abandoned = idx;
      continue;
    }
    const active = sides.filter((s) => s.todo > 0);
    if (active.length > 0 && r.chance(0.25)) {
      await sideCommit(r.pick(active));
      continue;
    }
    const ready = sides.filter((s) => s.todo === 0);
    if (ready.length > 0 && r.chance(0.3)) {
      await merge(ready[0]);
      continue;
    }
    const roll = r.next();
    if (roll < 0.05 && added > 0) {
      const lang = r.pick(targets);
      const size = r.int(Math.ceil(batchSize / 3), batchSize * 2);
      const chosen = translationCandidates(lang, mainTip, size);
      const result = chosen.length > 0 ? await translate(main, lang, chosen, `Translate ${chosen.length} posts into ${lang}\n`) : null;
      if (result) {
        mainTip = result.idx;
        continue;
      }
    } else if (roll < 0.062 && sides.length < 2 && progress > 0.05 && progress < 0.9 && remaining > 30) {
      fork();
      continue;
    } else if (roll < 0.064 && progress > 0.3) {
      const o = pickOriginal(movable);
      if (o) {
        const to = blog ? `${o.folder}${o.stem}-${vocab.word()}-${o.lang}.md` : o.path.replace(/\.md$/, `-${vocab.word()}.md`);
        ({ idx: mainTip } = await commit({ parents: [mainTip], message: `Move ${o.rel ?? o.path} to ${to.split("/").pop()}\n`, build: (ctx) => ctx.rename(o, to) }));
        o.renamed = true;
        o.path = to;
        stats.renames += 1;
        continue;
      }
    } else if (roll < 0.0655 && progress > 0.3) {
      const o = pickOriginal(movable);
      if (o) {
        ({ idx: mainTip } = await commit({ parents: [mainTip], message: `Remove ${o.rel ?? o.path}\n`, build: (ctx) => ctx.remove(o) }));
        o.deleted = true;
        stats.deletes += 1;
        continue;
      }
    } else if (roll < 0.0665) {
      const lang = r.pick(targets);
      const orphan = { orig: null, lang, path: blog ? `_posts/${lang}/2009-01-01-legacy-${vocab.word()}-${orphans.length}-${lang}.md` : `posts/${lang}/legacy/${vocab.word()}-${orphans.length}.md`, versions: [] };
      orphans.push(orphan);
      const doc = newDoc(r, vocab, dateOf(commits.length));
      ({ idx: mainTip } = await commit({
        parents: [mainTip],
        message: `Add the ${lang} translation of a retired page\n`,
        build: (ctx) => ctx.put(orphan, renderTranslation(doc, lang), { path: orphan.path, fromDoc: doc, fromKey: null, sourceValue: null, sourceCommit: null, special: null, invalid: false }),
      }));
      continue;
    } else if (roll < 0.09 && translations.size > 0) {
      if (await fixTranslations()) continue;
    } else if (roll < 0.12) {
      const picked = new Set(Array.from({ length: r.int(1, 4) }, () => r.int(0, assets.length - 1)));
      ({ idx: mainTip } = await commit({
        parents: [mainTip],
        message: "Update images\n",
        build: (ctx) => picked.forEach((i) => ctx.raw(`M 100644 inline ${assets[i]}\n${data(svg(i + 1))}`)),
      }));
      continue;
    }
    // Most commits edit one to three originals.
    const chosen = new Set();
    const count = r.chance(0.7) ? 1 : r.int(2, 3);
    for (let i = 0; i < count; i++) {
      const o = pickOriginal(editable);
      if (o) chosen.add(o);
    }
    if (chosen.size === 0) {
      await addOriginals(Math.min(addBatch, N - added) || 1);
      continue;
    }
    ({ idx: mainTip } = await editCommit(main, [...chosen]));
  }

  async function fixTranslations() {
    const lang = r.pick(targets);
    const list = [];
    for (let tries = 0; tries < 30 && list.length < r.int(1, 3); tries++) {
      const o = originals[r.int(0, Math.max(0, added - 1))];
      const tr = translations.get(trKey(o, lang));
      if (!tr || reservedTr.has(trKey(o, lang)) || list.includes(tr)) continue;
      const tv = view(tr, mainTip);
      if (tv && !tv.deleted) list.push(tr);
    }
    if (list.length === 0) return false;
    const breakIt = r.chance(0.12);
    ({ idx: mainTip } = await commit({
      parents: [mainTip],
      message: breakIt ? `Edit the ${lang} front-matter\n` : `Fix typos in the ${lang} translation\n`,
      build(ctx) {
        for (const tr of list) {
          const tv = ctx.view(tr);
          const text = breakIt
            ? renderTranslation(tv.fromDoc, lang, { sourceCommit: tv.sourceValue, invalid: true })
            : renderTranslation(tv.fromDoc, lang, { sourceCommit: tv.sourceValue, extra: ` ${vocab.word()}` });
          ctx.put(tr, text, { ...tv, invalid: breakIt, deleted: false });
        }
      },
    }));
    return true;
  }

  function fork() {
    const lang = r.pick(targets);
    const set = translationCandidates(lang, mainTip, r.int(10, 60));
    if (set.length === 0) return;
    const edits = [];
    for (let i = r.int(0, 2); i > 0; i--) {
      const o = pickOriginal((x) => editable(x) && !x.renamed && !set.includes(x));
      if (o && !edits.includes(o)) edits.push(o);
    }
    const todo = r.int(2, 6);
    const side = { n: sideCount++, lang, set, edits, todo, total: todo, made: 0, changed: new Set(), chunk: 0 };
    side.line = { tip: mainTip, ref: `refs/heads/side/${side.n}`, counts: true };
    for (const o of set) reservedTr.add(trKey(o, lang));
    for (const o of edits) reservedOrig.add(o.id);
    sides.push(side);
  }

  async function sideCommit(side) {
    let result;
    if (side.edits.length > 0 && r.chance(0.3)) {
      result = await editCommit(side.line, [r.pick(side.edits)]);
    } else {
      const per = Math.ceil(side.set.length / side.total);
      const chunk = side.set.slice(side.chunk * per, (side.chunk + 1) * per);
      side.chunk += 1;
      result = chunk.length > 0 ? await translate(side.line, side.lang, chunk, `Translate ${chunk.length} posts into ${side.lang}\n`) : null;
      if (!result && side.edits.length > 0) result = await editCommit(side.line, [r.pick(side.edits)]);
    }
    side.todo -= 1;
    if (!result) return;
    side.line.tip = result.idx;
    for (const obj of result.touched) side.changed.add(obj);
    side.made += 1;
  }

  async function merge(side) {
    ({ idx: mainTip } = await commit({
      parents: [mainTip, side.line.tip],
      message: `Merge branch 'translate-${side.lang}-${side.n}'\n`,
      build(ctx) {
        // The merged tree: the mainline's, plus what the side branch changed (the two never touch the same file).
        for (const obj of side.changed) {
          const v = view(obj, side.line.tip);
          ctx.raw(`M 100644 inline ${v.path}\n${data(v.text)}`);
        }
      },
    }));
    stats.merges += 1;
    release(side);
  }

  function release(side) {
    for (const o of side.set) reservedTr.delete(trKey(o, side.lang));
    for (const o of side.edits) reservedOrig.delete(o.id);
    sides.splice(sides.indexOf(side), 1);
  }

  await imp.end();
  const shas = new Map(
    readFileSync(marksFile, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => {
        const [mark, sha] = line.split(" ");
        return [Number(mark.slice(1)) - 1, sha];
      }),
  );
  rmSync(marksFile);
  // Merged side branches are deleted, as on a real site; the abandoned experiment keeps its branch.
  const sideRefs = git(dir, ["for-each-ref", "--format=%(refname)", "refs/heads/side/"], env).split("\n").filter(Boolean);
  if (sideRefs.length) execGitStdin(dir, env, ["update-ref", "--stdin"], sideRefs.map((ref) => `delete ${ref}\n`).join(""));
  git(dir, ["reset", "-q", "--hard", "main"], env);

  // Translations started on disk but never committed: no baseline can be found.
  const untracked = [];
  for (let i = 0; i < added && untracked.length < 3; i += 7) {
    const o = originals[i];
    const lang = targets[untracked.length % targets.length];
    if (o.deleted || o.renamed || translations.has(trKey(o, lang)) || ownerOf(o, lang) !== o) continue;
    const path = translationPath(o, lang);
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), renderTranslation(view(o, mainTip).doc, lang));
    untracked.push({ orig: o, lang, path });
  }
  git(dir, ["gc", "-q"], env);

  const truth = computeTruth();
  const summary = {};
  for (const e of truth) {
    summary[e.lang] ??= { "up-to-date": 0, stale: 0, missing: 0, orphaned: 0, invalid: 0, unknown: 0 };
    summary[e.lang][e.status] += 1;
  }
  const meta = {
    version: GENERATOR_VERSION,
    params,
    head: shas.get(mainTip),
    commits: reachable,
    files: git(dir, ["ls-files", "-z"], env).split("\0").filter(Boolean).length,
    posts: originals.filter((o) => o.added && !o.deleted).length + [...translations.values(), ...orphans].filter((t) => { const v = view(t, mainTip); return v && !v.deleted; }).length + untracked.length,
    stats,
    summary,
    generatedInMs: Date.now() - started,
  };
  writeFileSync(join(dir, ".git", "bench-truth.json"), `${JSON.stringify({ head: meta.head, entries: truth })}\n`);
  writeFileSync(join(dir, ".git", "bench-meta.json"), `${JSON.stringify(meta, null, 2)}\n`);
  log(`generated ${dir} in ${(meta.generatedInMs / 1000).toFixed(1)} s: ${meta.commits} commits, ${meta.files} files, ${meta.posts} posts`);
  return meta;

  function computeTruth() {
    const head = mainTip;
    const iso = (t) => new Date(t * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
    const entries = [];
    const linked = new Set();
    for (const tr of [...translations.values(), ...orphans]) {
      const v = view(tr, head);
      if (!v || v.deleted) continue;
      const e = { lang: tr.lang, source: tr.orig ? tr.orig.path : tr.path.replace(`posts/${tr.lang}/`, "posts/en/"), translation: v.path, status: "unknown", baseline: null, commitsBehind: 0, staleSince: null };
      entries.push(e);
      if (tr.orig) linked.add(trKey(tr.orig, tr.lang));
      const ov = tr.orig ? view(tr.orig, head) : undefined;
      if (v.invalid) e.status = "invalid";
      else if (!ov || ov.deleted) e.status = "orphaned";
      else if (v.special === "bogus" || v.special === "unreachable") e.status = "unknown";
      else {
        const base = v.sourceCommit ?? v.commit;
        const atBase = view(tr.orig, base);
        if (!atBase || atBase.deleted) {
          e.status = "unknown";
          continue;
        }
        const counted = tr.orig.versions.filter((x) => isAnc(x.commit, head) && !isAnc(x.commit, base) && !commits[x.commit].ignored && x.prevKey !== x.key);
        const stale = counted.length > 0 && ov.key !== atBase.key;
        e.status = stale ? "stale" : "up-to-date";
        e.baseline = shas.get(base);
        e.commitsBehind = stale ? counted.length : 0;
        e.staleSince = stale ? iso(Math.min(...counted.map((x) => commits[x.commit].time))) : null;
      }
    }
    for (const u of untracked) {
      linked.add(trKey(u.orig, u.lang));
      entries.push({ lang: u.lang, source: u.orig.path, translation: u.path, status: "unknown", baseline: null, commitsBehind: 0, staleSince: null });
    }
    for (const o of originals) {
      const ov = view(o, head);
      if (!ov || ov.deleted) continue;
      for (const lang of targets) {
        if (ownerOf(o, lang) === o && !linked.has(trKey(o, lang))) entries.push({ lang, source: ov.path, translation: null, status: "missing", baseline: null, commitsBehind: 0, staleSince: null });
      }
    }
    return entries;
  }
}

function execGitStdin(cwd, env, args, input) {
  return execFileSync("git", args, { cwd, env, input });
}

function hash32(text) {
  return createHash("sha1").update(text).digest().readUInt32BE(0);
}

function hex(r, length) {
  let s = "";
  while (s.length < length) s += r.int(0, 15).toString(16);
  return s;
}

function shuffle(r, list) {
  for (let i = list.length - 1; i > 0; i--) {
    const j = r.int(0, i);
    [list[i], list[j]] = [list[j], list[i]];
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const args = parseArgs(process.argv.slice(2));
  const params = sizeFromArgs(args);
  const site = await ensureSite(params, { force: args.force === true, log: (m) => console.error(m), ...(typeof args.dir === "string" ? { dir: args.dir } : {}) });
  console.log(JSON.stringify({ dir: site.dir, truth: site.truthFile, ...site.meta }, null, 2));
}
