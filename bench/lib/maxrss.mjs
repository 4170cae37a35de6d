// Loaded with `node --import` in front of the CLI: at exit, writes the process's own peak resident set
// (getrusage ru_maxrss, the kernel's VmHWM) to the file named by TRANSTRACK_BENCH_MAXRSS.
import { writeFileSync } from "node:fs";

const file = process.env.TRANSTRACK_BENCH_MAXRSS;
if (file) {
  process.on("exit", () => {
    writeFileSync(file, JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS }));
  });
}
