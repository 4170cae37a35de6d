/** How the update session shows a change: by line or by word. */
export type DiffMode = "line" | "word";

/** The keys of the choice, in the order the prompt lists them. */
export const ACTION_KEYS = ["e", "m", "s", "w", "v", "q", "?"] as const;

/** A key the editor types at the choice. */
export type ActionKey = (typeof ACTION_KEYS)[number];

/** The i18n name of each key's action (`update.actions.<name>`, `update.help.<name>`). */
export const ACTION_NAMES: Record<ActionKey, string> = { e: "edit", m: "mark", s: "skip", w: "toggle", v: "view", q: "quit", "?": "help" };

/** The i18n name of a key's action; `w`'s names the mode it switches to. */
export function actionLabel(key: ActionKey, mode: DiffMode): string {
  if (key === "w") return mode === "line" ? "toggleToWord" : "toggleToLine";
  return ACTION_NAMES[key];
}
