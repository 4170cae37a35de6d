// Asynchronous git for the bench scripts that time themselves: nothing here but a child process.
import { spawn } from "node:child_process";

/** Runs git in `dir`, handing each chunk of its stdout to `onData`; resolves when git exits 0. */
export function streamGit(dir, args, onData) {
  return new Promise((resolve, reject) => {
    const child = spawn("git", args, { cwd: dir, stdio: ["ignore", "pipe", "inherit"] });
    child.stdout.on("data", onData);
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`git ${args[0]} exited with ${code}`))));
  });
}

/** Runs git in `dir` and resolves with its whole stdout. */
export async function gitOutput(dir, args) {
  const chunks = [];
  await streamGit(dir, args, (chunk) => chunks.push(chunk));
  return Buffer.concat(chunks);
}
