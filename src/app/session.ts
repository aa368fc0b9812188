/**
 * The one owner of what was read: the ledgers of the files imported (one, or several consolidated)
 * with their import issues. The worker holds one session, the CLI makes one per run; every use case
 * reads the ledger from here with the settings applied.
 */
import { consolidate, emptyLedger, type Issue, type Ledger } from '../core/index.ts';
import { withSettings, type Settings } from './settings.ts';

export type Source = { readonly name: string; readonly ledger: Ledger; readonly issues: readonly Issue[] };

export type Session = {
  readonly sources: readonly Source[];
  /** The ledger of every file read, consolidated when there are several. */
  readonly ledger: Ledger;
  readonly hasLedger: boolean;
};

export function emptySession(): Session {
  return { sources: [], ledger: emptyLedger(), hasLedger: false };
}

/**
 * The session after a file was read. `append` adds it to the files already read (a re-read of the
 * same name replaces it); otherwise it replaces them. A file that could not be read leaves the
 * session as it was when appended, and empty otherwise.
 */
export function withSource(session: Session, source: Source | null, append: boolean): Session {
  const kept = append ? session.sources.filter((s) => s.name !== source?.name) : [];
  const sources = source === null ? (append ? session.sources : []) : [...kept, source];
  return sessionOf(sources);
}

export function sessionOf(sources: readonly Source[]): Session {
  const ledger = sources.length === 0 ? emptyLedger() : sources.length === 1 ? (sources[0] as Source).ledger : consolidate(sources.map((s) => ({ name: s.name, ledger: s.ledger, warnings: [] })));
  return { sources, ledger, hasLedger: sources.length > 0 };
}

/** The consolidated ledger with the settings' payment terms applied. */
export function ledgerOf(session: Session, settings: Settings): Ledger {
  return withSettings(session.ledger, settings).ledger;
}
