import { appendFile, realpath } from "node:fs/promises";
import { isAbsolute, relative, sep } from "node:path";

/** What the command reads of the GitHub Actions environment, handed down as plain values. */
export interface GithubEnvironment {
  /** `GITHUB_ACTIONS=true`: running as a GitHub Actions step. */
  actions: boolean;
  /** `GITHUB_STEP_SUMMARY`: the file the step's Markdown summary is appended to. */
  stepSummary: string | null;
  /** `GITHUB_WORKSPACE`: the directory annotation paths are relative to. */
  workspace: string | null;
}

/** Reads the GitHub Actions variables out of an environment (the command's `ctx.env`). */
export function githubEnvironment(env: NodeJS.ProcessEnv): GithubEnvironment {
  return {
    actions: env.GITHUB_ACTIONS === "true",
    stepSummary: env.GITHUB_STEP_SUMMARY ? env.GITHUB_STEP_SUMMARY : null,
    workspace: env.GITHUB_WORKSPACE ? env.GITHUB_WORKSPACE : null,
  };
}

/** Appends Markdown to the step summary, kept apart from what earlier steps wrote by a blank line. */
export async function appendStepSummary(file: string, markdown: string): Promise<void> {
  await appendFile(file, `${markdown.endsWith("\n") ? markdown : `${markdown}\n`}\n`, "utf8");
}

/**
 * What to put before repository paths so GitHub finds the files: annotations are relative to the
 * workspace, and the repository may be checked out in a folder of it (actions/checkout `path:`).
 */
export async function workspacePrefix(root: string, workspace: string | null): Promise<string> {
  if (!workspace) return "";
  // git reports the root with links resolved; resolve the workspace the same way.
  const rel = relative(await realpath(workspace).catch(() => workspace), root);
  if (rel === "" || rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return "";
  return `${rel.split(sep).join("/")}/`;
}
