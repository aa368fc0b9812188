/**
 * `node bench/rss.mjs <bundle> <args…>`: runs the CLI bundle in this process with the arguments given
 * and prints, on stderr at exit, the peak resident memory (process.resourceUsage().maxRSS, KiB).
 */
import { pathToFileURL } from 'node:url';

const [bundle, ...args] = process.argv.slice(2);
process.argv = [process.argv[0], 'relance', ...args];
process.on('exit', () => process.stderr.write(`\nmaxRSS=${process.resourceUsage().maxRSS}\n`));
await import(pathToFileURL(bundle).href);
