/**
 * The worker's code made hot before the first file comes. A worker starts cold: the importer, the
 * figures and the worklist run their first hundred milliseconds in V8's interpreter, and a file dropped
 * on a fresh page pays for it. While the user drags a file over the page or picks it (a second or more),
 * the worker reads a small made-up ledger a few times, in the layout most exports have, and throws the
 * result away: nothing of it is kept, shown or sent back, and the session is not touched.
 *
 * Each pass is a task of its own (a few tens of milliseconds at first), so that a file arriving
 * meanwhile waits for one pass at most: `shouldStop` ends the warm-up as soon as a real request came.
 */
import { addDays, dayFromIso, emptyWorkspace, isoOf, type Day } from '../core/index.ts';
import { dashboard } from '../app/dashboard.ts';
import { sessionOf } from '../app/session.ts';
import { settingsFrom } from '../app/settings.ts';
import { worklist } from '../app/worklist.ts';
import { importFile } from '../import/import-file.ts';

export const PASSES = 2;
const ROWS = 800;
const NAMES = ['Boulangerie Léon Frères', 'Cabinet Dupré & Associés', 'Garage Bérénice', 'Œuvres Sociales Saint-Éloi', 'Transports Müller'];

/** A ledger as a French accounting export writes it: semicolons, day-first dates, decimal commas. */
export function warmUpLedger(rows = ROWS): Uint8Array {
  const lines = ['Code client;Client;N° facture;Date;Échéance;Montant TTC;Réglé;Date de règlement'];
  const first = dayFromIso('2025-01-01') as Day;
  const date = (days: number) => {
    const [y, m, d] = isoOf(addDays(first, days)).split('-');
    return `${d}/${m}/${y}`;
  };
  for (let i = 0; i < rows; i++) {
    const customer = i % 97;
    const issued = (i * 7) % 330;
    const cents = 5_000 + ((i * 7919) % 900_000);
    const amount = `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')}`;
    const paid = i % 3 === 0 ? ';;' : `;${amount};${date(issued + 20 + (i % 50))}`;
    lines.push(`C${String(customer).padStart(4, '0')};${NAMES[customer % NAMES.length]} ${customer};F-${String(i + 1).padStart(6, '0')};${date(issued)};${date(issued + 30)};${amount}${paid}`);
  }
  return new TextEncoder().encode(`${lines.join('\r\n')}\r\n`);
}

/** One pass: the ledger read, its dashboard and its worklist computed, all let go. */
export function warmUpPass(bytes: Uint8Array): void {
  const { ledger, report } = importFile(bytes, { fileName: 'warm-up.csv' });
  if (report.fatal !== null) return;
  const result = settingsFrom({ asOf: '2025-12-31', workspace: emptyWorkspace() });
  if (!result.ok) return;
  const session = sessionOf([{ name: 'warm-up.csv', ledger, issues: [] }]);
  dashboard(session, result.settings);
  worklist(ledger, result.settings);
}

/** The passes, each in a task of its own, until done or `shouldStop` says a real request came. */
export async function warmUp(shouldStop: () => boolean, nextTask: () => Promise<void> = () => new Promise((r) => setTimeout(r, 0))): Promise<number> {
  const bytes = warmUpLedger();
  let done = 0;
  while (done < PASSES) {
    await nextTask();
    if (shouldStop()) break;
    warmUpPass(bytes);
    done++;
  }
  return done;
}
