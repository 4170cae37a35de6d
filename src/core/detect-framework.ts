// `init` recognises the site generator from its files and dependencies and proposes the front-matter keys
// whose text that generator shows readers, as `translatableKeys`. The lists follow each generator's documented
// front-matter: only text a reader sees, not paths, dates, flags or layout choices.

/** A site generator `init` knows, with the front-matter keys whose text it shows. */
export interface Framework {
  name: "starlight" | "vitepress" | "docusaurus" | "hugo" | "jekyll";
  translatableKeys: string[];
}

const KEYS: Record<Framework["name"], string[]> = {
  starlight: [
    "title",
    "description",
    "banner.content",
    "head[*].content",
    "hero.title",
    "hero.tagline",
    "hero.image.alt",
    "hero.actions[*].text",
    "sidebar.label",
    "sidebar.badge",
    "prev.label",
    "next.label",
  ],
  vitepress: [
    "title",
    "titleTemplate",
    "description",
    "head[*][1].content",
    "hero.name",
    "hero.text",
    "hero.tagline",
    "hero.image.alt",
    "hero.actions[*].text",
    "features[*].title",
    "features[*].details",
    "features[*].linkText",
  ],
  docusaurus: ["title", "description", "sidebar_label", "pagination_label", "keywords"],
  hugo: ["title", "linkTitle", "description", "summary", "keywords"],
  jekyll: ["title", "description", "excerpt"],
};

/** What `init` looks at: the repository's files and the dependencies its root package.json names. */
export interface FrameworkClues {
  files: readonly string[];
  dependencies: ReadonlySet<string>;
  /** The text of a root Gemfile, if any. */
  gemfile: string | null;
}

/** The site generator the clues point to, first match in order of how specific the clue is; null if none. */
export function detectFramework(clues: FrameworkClues): Framework | null {
  const has = (file: string) => clues.files.includes(file);
  const any = (re: RegExp) => clues.files.some((f) => re.test(f));
  const pick = (name: Framework["name"]): Framework => ({ name, translatableKeys: [...KEYS[name]] });
  if (clues.dependencies.has("@astrojs/starlight")) return pick("starlight");
  if (clues.dependencies.has("vitepress") || any(/(?:^|\/)\.vitepress\/config\.[cm]?[jt]s$/)) return pick("vitepress");
  if (clues.dependencies.has("@docusaurus/core") || any(/^docusaurus\.config\.[cm]?[jt]s$/)) return pick("docusaurus");
  if (any(/^hugo\.(?:toml|ya?ml|json)$/) || (any(/^config\.(?:toml|ya?ml)$/) && any(/^(?:archetypes|layouts)\//))) return pick("hugo");
  if (has("_config.yml") || /\bjekyll\b/.test(clues.gemfile ?? "")) return pick("jekyll");
  return null;
}
