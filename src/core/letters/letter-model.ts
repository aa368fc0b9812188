/**
 * Letter content as plain data (no PDF): the rappel, the relance and the mise en demeure, each for
 * a professional or a consumer debtor, in French or English, after domain-fr §4.2 and §4.4. Every
 * figure comes from the dunning engine (openAt, invoicePenalty) and shows its basis: the rate, the
 * legal text and the date it is computed to ("arrêtées au …"). Amounts stay in cents here; the
 * renderer formats them.
 */
import { frenchDate, isoOf, ymdOf, type Day } from '../day.ts';
import type { Cents } from '../money.ts';
import { openAt, type Customer, type Invoice } from '../ledger.ts';
import { invoicePenalty, regimeOf } from '../dunning/claims.ts';
import type { HistoryEntry, Profile, Regime, Workspace } from '../dunning/workspace.ts';

export type LetterKind = 'rappel' | 'relance' | 'mise_en_demeure';
export type LetterLang = 'fr' | 'en';

export type InvoiceLine = {
  readonly number: string;
  readonly issued: string | null;
  readonly due: string | null;
  readonly amount: Cents;
  readonly paid: Cents;
  readonly balance: Cents;
};

export type AmountLine = { readonly label: string; readonly cents: Cents; readonly basis?: string };

/** A run of text; `{amount:N}` inside is replaced by the formatted amount N (cents) by the renderer. */
export type Paragraph = string;

export type LetterModel = {
  readonly kind: LetterKind;
  readonly lang: LetterLang;
  readonly regime: Regime;
  readonly customerId: string;
  readonly sender: { readonly lines: readonly string[]; readonly legal: readonly string[] };
  readonly recipient: readonly string[];
  readonly placeAndDate: string;
  /** Shown above the subject: the registered-letter mention, the LRAR number, references. */
  readonly references: readonly string[];
  readonly subject: string;
  readonly salutation: string;
  readonly intro: readonly Paragraph[];
  readonly invoices: readonly InvoiceLine[];
  readonly amounts: readonly AmountLine[];
  readonly total: Cents;
  readonly body: readonly Paragraph[];
  readonly closing: string;
  readonly signature: readonly string[];
  readonly attachments: readonly string[];
  readonly currency: string;
  /** For e-mail steps: a ready subject and body to copy or open with mailto:. */
  readonly email: { readonly subject: string; readonly body: string };
};

export type LetterContext = {
  readonly kind: LetterKind;
  readonly lang: LetterLang;
  readonly customer: Customer;
  readonly invoices: readonly Invoice[];
  readonly asOf: Day;
  readonly workspace: Workspace;
  readonly place?: string;
  readonly lrar?: string;
  readonly deadlineDays?: number;
  readonly currency?: string;
};

const MONTHS_FR = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];
const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "1er mars 2026" / "5 March 2026". */
export function longDate(d: Day, lang: LetterLang): string {
  const { year, month, day } = ymdOf(d);
  if (lang === 'fr') return `${day === 1 ? '1er' : day} ${MONTHS_FR[month - 1]} ${year}`;
  return `${day} ${MONTHS_EN[month - 1]} ${year}`;
}

/** dd/mm/yyyy in both languages (British English writes the day first too). */
function shortDate(d: Day | null): string | null {
  return d === null ? null : frenchDate(d);
}

function halfYearOf(d: Day): string {
  const { year, month } = ymdOf(d);
  return `${year}-S${month <= 6 ? 1 : 2}`;
}

/** Rate in basis points → "12,15 %" / "12.15%". */
export function ratePercent(bp: number, lang: LetterLang): string {
  const s = (bp / 100).toFixed(2);
  return lang === 'fr' ? `${s.replace('.', ',')} %` : `${s}%`;
}

function senderBlock(p: Profile): { lines: string[]; legal: string[] } {
  const lines = [p.company, ...p.address.split(/\n|,\s*(?=\d{5})/).map((s) => s.trim())].filter((s) => s !== '');
  const legal = [p.siren ? `SIREN ${p.siren}` : '', p.siret ? `SIRET ${p.siret}` : ''].filter((s) => s !== '');
  return { lines, legal };
}

function previousReminders(history: readonly HistoryEntry[], customerId: string, asOf: Day): string[] {
  return history
    .filter((h) => h.customerId === customerId && h.date <= isoOf(asOf) && h.step !== 'courtesy')
    .sort((a, b) => (a.date < b.date ? -1 : 1))
    .map((h) => h.date.split('-').reverse().join('/'));
}

export function buildLetter(ctx: LetterContext): LetterModel {
  const { kind, lang, customer, asOf, workspace } = ctx;
  const regime = regimeOf(customer.id, workspace);
  const isB2c = regime === 'b2c';
  const fr = lang === 'fr';
  const lines: InvoiceLine[] = [];
  let principal = 0;
  let interest = 0;
  let indemnity = 0;
  const rates = new Map<string, number>();
  for (const inv of ctx.invoices) {
    const balance = openAt(inv, asOf);
    if (balance === 0) continue;
    lines.push({
      number: inv.number,
      issued: shortDate(inv.issued),
      due: shortDate(inv.due),
      amount: inv.amount,
      paid: (inv.amount - balance) as Cents,
      balance,
    });
    principal += balance;
    if (balance > 0) {
      const p = invoicePenalty(inv, asOf, workspace);
      interest += p.interestCents;
      indemnity += p.indemnityCents;
      for (const piece of p.pieces) rates.set(halfYearOf(piece.from), piece.rateBp);
    }
  }
  const lateCount = ctx.invoices.filter((i) => openAt(i, asOf) > 0 && i.due !== null && i.due < asOf && !isB2c).length;
  // One rate: "12,15 %"; several half-years: "14,25 % (S2 2024), 13,15 % (S1 2025)", in time order.
  const rateList = [...rates].sort((a, b) => (a[0] < b[0] ? -1 : 1));
  const distinct = new Set(rateList.map(([, r]) => r));
  const rateText = distinct.size <= 1 ? rateList.map(([, r]) => ratePercent(r, lang)).slice(0, 1).join('') : rateList.map(([h, r]) => `${ratePercent(r, lang)} (${h.replace(/^(\d{4})-S(\d)$/, fr ? 'S$2 $1' : 'H$2 $1')})`).join(', ');
  const dateText = longDate(asOf, lang);
  const amounts: AmountLine[] = [{ label: fr ? 'Principal (TTC)' : 'Principal (incl. VAT)', cents: principal as Cents }];
  const claimPenalties = !isB2c && (kind === 'mise_en_demeure' || kind === 'relance');
  if (claimPenalties && interest > 0) {
    amounts.push({
      label: fr ? `Pénalités de retard au taux de ${rateText} l’an, arrêtées au ${dateText}` : `Late-payment interest at ${rateText} a year, computed to ${dateText}`,
      cents: interest as Cents,
      basis: fr ? 'art. L. 441-10 du code de commerce' : 'art. L. 441-10 French Commercial Code',
    });
  }
  if (claimPenalties && indemnity > 0) {
    amounts.push({
      label: fr ? `Indemnités forfaitaires pour frais de recouvrement : ${lateCount} × 40,00 €` : `Fixed recovery-cost indemnities: ${lateCount} × €40.00`,
      cents: indemnity as Cents,
      basis: fr ? 'art. D. 441-5 du code de commerce' : 'art. D. 441-5 French Commercial Code',
    });
  }
  const total = amounts.reduce((s, a) => s + a.cents, 0) as Cents;
  const deadlineDays = ctx.deadlineDays ?? 8;
  const reminders = previousReminders(workspace.history, customer.id, asOf);
  const profile = workspace.profile;
  const sender = senderBlock(profile);
  const place = ctx.place ?? (profile.address.match(/\d{5}\s+([^\n,]+)/)?.[1]?.trim() ?? '');
  const placeAndDate = fr ? `${place ? `${place}, le ` : 'Le '}${dateText}` : `${place ? `${place}, ` : ''}${dateText}`;
  const first = lines[0];
  const payment = profile.iban ? (fr ? `par virement sur notre compte IBAN ${profile.iban}, en rappelant la référence ${customer.id}` : `by bank transfer to IBAN ${profile.iban}, quoting the reference ${customer.id}`) : fr ? `en rappelant la référence ${customer.id}` : `quoting the reference ${customer.id}`;

  const references: string[] = [];
  let subject: string;
  const intro: string[] = [];
  const body: string[] = [];
  const attachments: string[] = [];
  if (kind === 'rappel') {
    subject = fr
      ? `Rappel – ${lines.length > 1 ? `factures impayées (${lines.length})` : `facture n° ${first?.number ?? ''}${first?.issued ? ` du ${first.issued}` : ''}`}`
      : `Reminder – ${lines.length > 1 ? `unpaid invoices (${lines.length})` : `invoice no. ${first?.number ?? ''}${first?.issued ? ` of ${first.issued}` : ''}`}`;
    intro.push(
      fr
        ? `Sauf erreur de notre part, ${lines.length > 1 ? 'les factures ci-dessous restent impayées' : 'la facture ci-dessous reste impayée'} à ce jour, pour un total de {amount:${principal}} TTC.`
        : `Unless we are mistaken, ${lines.length > 1 ? 'the invoices below remain unpaid' : 'the invoice below remains unpaid'} to date, for a total of {amount:${principal}} including VAT.`,
    );
    body.push(fr ? `Nous vous remercions de bien vouloir procéder à son règlement ${payment}.` : `Please arrange payment ${payment}.`);
    body.push(fr ? 'Si votre paiement a été effectué entre-temps, merci de ne pas tenir compte de ce courrier.' : 'If you have paid in the meantime, please disregard this letter.');
  } else if (kind === 'relance') {
    subject = fr ? 'Relance – relevé de compte et factures échues impayées' : 'Second reminder – statement of account and overdue invoices';
    intro.push(
      fr
        ? `Malgré notre précédent rappel${reminders.length > 0 ? ` du ${reminders[reminders.length - 1]}` : ''}, les factures suivantes restent impayées :`
        : `Despite our previous reminder${reminders.length > 0 ? ` of ${reminders[reminders.length - 1]}` : ''}, the following invoices remain unpaid:`,
    );
    body.push(
      fr
        ? `Nous vous demandons de régler la somme de {amount:${total}} sous ${deadlineDays} jours, ${payment}.`
        : `Please pay {amount:${total}} within ${deadlineDays} days, ${payment}.`,
    );
    if (!isB2c) {
      body.push(
        fr
          ? `Conformément à l’article L. 441-10 du code de commerce, des pénalités de retard${rateText ? ` au taux de ${rateText} l’an` : ''} sont exigibles depuis le lendemain de chaque échéance, ainsi qu’une indemnité forfaitaire pour frais de recouvrement de 40 € par facture (art. D. 441-5).`
          : `Under article L. 441-10 of the French Commercial Code, late-payment interest${rateText ? ` at ${rateText} a year` : ''} is due from the day after each due date, together with a fixed recovery-cost indemnity of €40 per invoice (art. D. 441-5).`,
      );
    }
    attachments.push(fr ? 'Relevé de compte' : 'Statement of account');
  } else {
    references.push(fr ? 'LETTRE RECOMMANDÉE AVEC DEMANDE D’AVIS DE RÉCEPTION' : 'REGISTERED LETTER WITH ACKNOWLEDGMENT OF RECEIPT');
    if (ctx.lrar) references.push(fr ? `N° de recommandé : ${ctx.lrar}` : `Registered-mail no.: ${ctx.lrar}`);
    subject = fr ? 'MISE EN DEMEURE DE PAYER' : 'FORMAL NOTICE TO PAY (MISE EN DEMEURE)';
    intro.push(
      fr
        ? `${reminders.length > 0 ? `Malgré nos relances des ${reminders.join(', ')}, les` : 'Les'} factures suivantes demeurent impayées :`
        : `${reminders.length > 0 ? `Despite our reminders of ${reminders.join(', ')}, the` : 'The'} following invoices remain unpaid:`,
    );
    body.push(
      fr
        ? `En conséquence, nous vous mettons en demeure de nous régler, dans un délai de ${deadlineDays} jours à compter de la réception de la présente, la somme de {amount:${total}}, ${payment}.`
        : `We therefore give you formal notice to pay us, within ${deadlineDays} days of receipt of this letter, the sum of {amount:${total}}, ${payment}.`,
    );
    if (isB2c) {
      body.push(fr ? 'La présente mise en demeure fait courir les intérêts au taux légal (art. 1231-6 et 1344-1 du code civil).' : 'This formal notice starts interest at the legal rate (arts. 1231-6 and 1344-1 French Civil Code).');
    } else if (interest > 0) {
      body.push(fr ? 'Les pénalités de retard continuent de courir jusqu’à complet paiement.' : 'Late-payment interest keeps running until payment in full.');
    }
    body.push(
      fr
        ? 'À défaut de paiement dans ce délai, nous saisirons la juridiction compétente, sans autre avis, afin d’obtenir un titre exécutoire, les frais de procédure restant à votre charge dans les conditions prévues par la loi.'
        : 'Failing payment within this period, we will apply to the competent court without further notice for an enforceable title, the costs of the proceedings being borne by you as the law provides.',
    );
    attachments.push(fr ? 'Copies des factures' : 'Copies of the invoices', fr ? 'Relevé de compte' : 'Statement of account');
    if (reminders.length > 0) attachments.push(fr ? 'Copies des relances' : 'Copies of the reminders');
  }
  const recipient = [customer.name, ...(customer.code && customer.code !== customer.name ? [fr ? `Réf. client : ${customer.code}` : `Customer ref.: ${customer.code}`] : [])];
  const signature = [profile.signatory, profile.company].filter((s) => s !== '');
  const emailBody = [
    fr ? 'Madame, Monsieur,' : 'Dear Sir or Madam,',
    '',
    ...intro.map((p) => p.replace(/\{amount:(-?\d+)\}/g, (_, c: string) => plainAmount(Number(c), lang))),
    ...lines.map((l) => `- ${l.number}${l.issued ? ` (${l.issued})` : ''}${fr ? ', échéance ' : ', due '}${l.due ?? '—'} : ${plainAmount(l.balance, lang)}`),
    '',
    ...body.map((p) => p.replace(/\{amount:(-?\d+)\}/g, (_, c: string) => plainAmount(Number(c), lang))),
    '',
    fr ? 'Cordialement,' : 'Kind regards,',
    ...signature,
  ].join('\n');
  return {
    kind,
    lang,
    regime,
    customerId: customer.id,
    sender,
    recipient,
    placeAndDate,
    references,
    subject,
    salutation: fr ? 'Madame, Monsieur,' : 'Dear Sir or Madam,',
    intro,
    invoices: lines,
    amounts,
    total,
    body,
    closing: fr ? 'Veuillez agréer, Madame, Monsieur, l’expression de nos salutations distinguées.' : 'Yours faithfully,',
    signature,
    attachments,
    currency: ctx.currency ?? 'EUR',
    email: { subject, body: emailBody },
  };
}

/** Amount for plain text (e-mail): "1 234,56 €" with ordinary spaces / "€1,234.56". */
function plainAmount(cents: number, lang: LetterLang): string {
  const neg = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const units = String(Math.floor(abs / 100));
  const grouped = units.replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'fr' ? ' ' : ',');
  const dec = String(abs % 100).padStart(2, '0');
  return lang === 'fr' ? `${neg}${grouped},${dec} €` : `${neg}€${grouped}.${dec}`;
}
