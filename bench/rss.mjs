/**
 * `node bench/rss.mjs <bundle> <args…>`: runs the CLI bundle in this process with the arguments given
 * and prints, on stderr at exit, the peak resident memory in KiB: Linux's VmHWM (this process's own
 * high-water mark), not getrusage's maxRSS, which Linux carries over from the parent that spawned us.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [bundle, ...args] = process.argv.slice(2);
process.argv = [process.argv[0], 'relance', ...args];
const peakKiB = () => {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]);
  } catch {
    // Not Linux: the rusage figure, which may include the parent's.
  }
  return process.resourceUsage().maxRSS;
};
process.on('exit', () => process.stderr.write(`\nmaxRSS=${peakKiB()}\n`));
await import(pathToFileURL(bundle).href);
