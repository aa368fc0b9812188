/**
 * Relance on the command line. The arguments are checked first (args.ts); the commands, and with them
 * the importer, the figures and the writers, load only when the arguments name one.
 */
import { parseArgs, usageNeeded, USAGE } from './args.ts';

const args = parseArgs(process.argv.slice(2));
if (usageNeeded(args)) {
  process.stderr.write(`${USAGE}\n`);
  process.exitCode = 2;
} else {
  const { run } = await import('./commands.ts');
  process.exitCode = await run(args);
}
