/**
 * The CLI's arguments and its usage: what `relance` checks before it loads any of its commands, so
 * that a usage error, or the usage asked for, costs Node's start and little more.
 */
export type Args = { command: string; files: string[]; flags: Map<string, string | true> };

const VALUED = ['weeks', 'ratings', 'apply', 'min', 'customers', 'sheet', 'as-of', 'lang', 'windows', 'terms', 'workspace', 'profile', 'out', 'xlsx', 'csv', 'accounts', 'basis', 'buckets', 'lrar'];

export function parseArgs(argv: readonly string[]): Args {
  const flags = new Map<string, string | true>();
  const files: string[] = [];
  let command = '';
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a.startsWith('--')) {
      const [k, v] = a.slice(2).split('=', 2) as [string, string | undefined];
      if (v !== undefined) flags.set(k, v);
      else if (VALUED.includes(k) && argv[i + 1] !== undefined) flags.set(k, argv[++i] as string);
      else flags.set(k, true);
    } else if (command === '') command = a;
    else files.push(a);
  }
  return { command, files, flags };
}

/** A flag's value, or undefined when it is absent or has none. */
export function flagOf(args: Args, k: string): string | undefined {
  const v = args.flags.get(k);
  return typeof v === 'string' ? v : undefined;
}

const SETTINGS_FLAGS = '[--as-of YYYY-MM-DD] [--basis due|issued] [--buckets 30,60,90,120] [--windows N] [--terms DAYS] [--workspace FILE] [--profile FILE] [--lang fr|en] [--ratings 5,15,45]';
export const USAGE = `usage: relance analyze <file…> ${SETTINGS_FLAGS} [--sheet NAME] [--accounts 411,413,416] [--include-drafts] [--json]
       relance letters <file…> --out DIR ${SETTINGS_FLAGS} [--lrar NUMBER]
       relance report <file…> --out report.pdf ${SETTINGS_FLAGS}
       relance export <file…> --xlsx OUT.xlsx [--csv DIR] ${SETTINGS_FLAGS}
       relance predict <file…> ${SETTINGS_FLAGS} --json
       relance forecast <file…> [--weeks 13] ${SETTINGS_FLAGS} --json
       relance match <ledger…> <statement> ${SETTINGS_FLAGS} [--json] [--apply OUT-WORKSPACE.json] [--min 0.9]
       relance statements <file…> --out DIR ${SETTINGS_FLAGS} [--customers ID,ID]
       relance test-sheet --out sheet.pdf [--workspace FILE] [--profile FILE] [--lang fr|en]   (the envelope test sheet of the profile)`;

/** True when the arguments name no command, or not what it needs: the usage is printed instead. */
export function usageNeeded(args: Args): boolean {
  const needsOut = args.command === 'letters' || args.command === 'report' || args.command === 'statements' || args.command === 'test-sheet';
  return (
    !['analyze', 'letters', 'export', 'report', 'predict', 'forecast', 'match', 'statements', 'test-sheet'].includes(args.command) ||
    (args.files.length === 0) !== (args.command === 'test-sheet') ||
    (args.command === 'match' && args.files.length < 2) ||
    (needsOut && flagOf(args, 'out') === undefined) ||
    (args.command === 'export' && flagOf(args, 'xlsx') === undefined && flagOf(args, 'csv') === undefined)
  );
}
