import { confirm } from "@inquirer/prompts";
import { keyPrompt } from "./key-prompt.js";
import type { Colors } from "../render/words.js";
import { PromptCancelledError, type KeyChoice, type Prompter } from "../update/prompter.js";

/** The words inquirer would otherwise say in English. */
export interface PromptLabels {
  yes: string;
  no: string;
  /** Shown when a yes/no answer is neither. */
  yesNoInvalid: string;
  /** Shown when the key typed is none of the choices. */
  keyInvalid: string;
}

/** Where inquirer reads and draws, and what ends its prompts early. */
export interface InquirerOptions {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  color: Colors;
  labels: PromptLabels;
  /** Aborting it cancels the prompt on screen (and any later one). */
  signal?: AbortSignal;
}

/** The Prompter people use: inquirer on the terminal, in the user's language and colours. */
export function createInquirerPrompter(options: InquirerOptions): Prompter {
  const { color, labels } = options;
  const context = { input: options.input, output: options.output, ...(options.signal ? { signal: options.signal } : {}) };
  // inquirer colours through util.styleText whatever --no-color says, so every style is ours.
  const style = {
    answer: (text: string) => color.cyan(text),
    message: (text: string) => color.bold(text),
    error: (text: string) => color.red(`> ${text}`),
    defaultAnswer: (text: string) => color.dim(`(${text})`),
    help: (text: string) => color.dim(text),
    highlight: (text: string) => color.cyan(text),
    key: (text: string) => color.cyan(color.bold(`<${text}>`)),
  };
  const prefix = { idle: color.blue("?"), done: color.green("✔") };

  return {
    async chooseKey<K extends string>(question: { message: string; choices: readonly KeyChoice<K>[] }): Promise<K> {
      return cancellable(() =>
        keyPrompt(
          {
            message: question.message,
            choices: question.choices.map((c) => ({ key: c.key, name: c.name, value: c.key })),
            invalid: labels.keyInvalid,
            // git's [e,m,s,…] list of keys.
            theme: { prefix, style: { ...style, defaultAnswer: (keys: string) => color.dim(`[${keys}]`) } },
          },
          context,
        ),
      ) as Promise<K>;
    },
    async confirm(question: { message: string; default: boolean }): Promise<boolean> {
      return cancellable(() =>
        confirm(
          {
            message: question.message,
            default: question.default,
            theme: {
              prefix,
              style: {
                ...style,
                // The default answer's letter is capitalised; a script without case (是, はい) gets colour instead.
                confirmDefault: (text: string) => (text.toUpperCase() !== text.toLowerCase() ? text.toUpperCase() : color.cyan(text)),
              },
              keywords: { yes: labels.yes, no: labels.no, error: () => labels.yesNoInvalid },
            },
          },
          context,
        ),
      );
    },
  };
}

/** Ctrl-C (ExitPromptError) and an aborted signal (AbortPromptError) both end the prompt as a cancellation. */
async function cancellable<T>(ask: () => Promise<T>): Promise<T> {
  try {
    return await ask();
  } catch (error) {
    if (error instanceof Error && (error.name === "ExitPromptError" || error.name === "AbortPromptError")) {
      throw new PromptCancelledError({ cause: error });
    }
    throw error;
  }
}
