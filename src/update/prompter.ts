/** One answer of a key prompt: the key typed, and its label in the user's language. */
export interface KeyChoice<K extends string> {
  key: K;
  name: string;
}

/** Every question transtrack asks a person; tests hand in a scripted one, non-TTY runs never build one. */
export interface Prompter {
  /** Asks for one of `choices`, typed as its key followed by Enter; resolves to that key. */
  chooseKey<K extends string>(question: { message: string; choices: readonly KeyChoice<K>[] }): Promise<K>;
  /** Asks a yes/no question. */
  confirm(question: { message: string; default: boolean }): Promise<boolean>;
}

/** The person ended the prompt (Ctrl-C) or the session was interrupted; not a failure. */
export class PromptCancelledError extends Error {
  constructor(options?: { cause?: unknown }) {
    super("prompt cancelled", options);
    this.name = "PromptCancelledError";
  }
}
