/**
 * Letter content as plain data (no PDF): the rappel, the relance and the mise en demeure, each for
 * a professional or a consumer debtor, in French or English, after domain-fr §4.2 and §4.4. Every
 * figure comes from the dunning engine (openAt, invoicePenalty) and shows its basis: the rate, the
 * legal text and the date it is computed to ("arrêtées au …"). Amounts stay in cents here; the
 * renderer formats them.
 */
import { addMonths, dayFromIso, frenchDate, isoOf, ymdOf, type Day } from '../day.ts';
import type { Cents } from '../money.ts';
import { openAt, type Customer, type Invoice } from '../ledger.ts';
import { invoicePenalty, regimeOf } from '../dunning/claims.ts';
import type { HistoryEntry, Profile, Regime, Workspace } from '../dunning/workspace.ts';
import { addressBlock } from './address.ts';
import { letterLayout, type LetterLayout } from './envelope.ts';

export type LetterKind = 'rappel' | 'relance' | 'mise_en_demeure' | 'echeancier' | 'declaration_de_creance' | 'injonction_de_payer' | 'releve';
import type { Lang } from '../lang.ts';
export type LetterLang = Lang;

export type InvoiceLine = {
  /** 'credit' and 'payment' lines are the customer's open credits, deducted from the claim (negative balance). */
  readonly kind: 'invoice' | 'credit' | 'payment';
  readonly number: string;
  readonly issued: string | null;
  readonly due: string | null;
  readonly amount: Cents;
  readonly paid: Cents;
  readonly balance: Cents;
  /** Days past due at the letter's date (the relevé de compte's age column). */
  readonly ageDays?: number;
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
  /** Instalments of a payment plan (échéancier). */
  readonly schedule: readonly { readonly due: string; readonly cents: Cents }[];
  readonly amounts: readonly AmountLine[];
  readonly total: Cents;
  readonly body: readonly Paragraph[];
  readonly closing: string;
  readonly signature: readonly string[];
  readonly attachments: readonly string[];
  readonly currency: string;
  /** For e-mail steps: a ready subject and body to copy or open with mailto:. */
  readonly email: { readonly subject: string; readonly body: string };
  /** A block for the debtor to sign (échéancier: "Bon pour accord"), printed after the signature. */
  readonly acceptance?: string;
  /** Half-years whose ECB rate is not published yet (`2026-S2`): the letter states its rate "sous réserve". */
  readonly provisionalRates: readonly string[];
  /** Relevé de compte: the payments received over the period, dated, with the invoice they settled. */
  readonly payments?: readonly { readonly date: string; readonly invoice: string; readonly cents: Cents }[];
  /** Where the sender's and the recipient's blocks print, for the sender's window envelopes (./envelope.ts). */
  readonly layout: LetterLayout;
};

/** A document as its builder makes it: the page layout is the sender's, added once for all (buildLetter). */
type Draft = Omit<LetterModel, 'layout'>;

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
  /** Échéancier: the instalments proposed (due date, amount). */
  readonly instalments?: readonly { readonly due: Day; readonly cents: Cents }[];
  /** Relevé de compte: the customer's invoices whose payments are listed (those of the last months show). */
  readonly received?: readonly Invoice[];
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
  const legal = [p.legalForm ?? '', p.siren ? `SIREN ${p.siren}` : '', p.siret ? `SIRET ${p.siret}` : '', p.rcs ?? '', p.vatNumber ? `TVA ${p.vatNumber}` : ''].filter((s) => s.trim() !== '');
  return { lines, legal };
}

/** The page that checks the envelopes: the address where the letters print it, the fold lines, and what to do with it. */
export type TestSheetModel = Pick<LetterModel, 'lang' | 'layout' | 'sender' | 'recipient'> & {
  readonly title: string;
  /** The envelope setting the sheet shows ("Fenêtre à droite…, décalage…"). */
  readonly setting: string;
  readonly labels: { readonly address: string; readonly fold: string };
  readonly steps: readonly string[];
};

/** The test sheet of a sender's envelope setting: printed, folded and put in an envelope, it shows whether the address falls in the window. */
export function testSheet(profile: Profile, lang: LetterLang): TestSheetModel {
  const fr = lang === 'fr';
  const layout = letterLayout(profile.envelope);
  const own = senderBlock(profile);
  const mm = (v: number) => `${v > 0 ? '+' : ''}${String(v).replace('.', fr ? ',' : '.')}\u00a0mm`;
  const shift = profile.envelope ?? { shiftXmm: 0, shiftYmm: 0 };
  const where = layout.window === 'right' ? (fr ? 'Fenêtre à droite (France : DL, C5/6)' : 'Window on the right (France: DL, C5/6)') : fr ? 'Fenêtre à gauche (DIN 5008)' : 'Window on the left (DIN 5008)';
  const model: TestSheetModel = {
    lang,
    layout,
    title: fr ? 'Feuille de test – enveloppe à fenêtre' : 'Test sheet – window envelope',
    setting: fr ? `${where}, décalage de l’adresse : ${mm(shift.shiftXmm)} horizontal, ${mm(shift.shiftYmm)} vertical` : `${where}, address shift: ${mm(shift.shiftXmm)} across, ${mm(shift.shiftYmm)} down`,
    sender: own.lines.length > 0 ? own : { lines: [fr ? 'Expéditeur (votre profil)' : 'Sender (your profile)'], legal: [] },
    recipient: fr ? ['SOCIÉTÉ DESTINATAIRE', 'Service comptabilité', 'BÂTIMENT B', '12 RUE DE LA PAIX', '75002 PARIS'] : ['RECIPIENT COMPANY', 'Accounts department', 'BUILDING B', '12 RUE DE LA PAIX', '75002 PARIS'],
    labels: fr ? { address: 'Adresse', fold: 'pli' } : { address: 'Address', fold: 'fold' },
    steps: fr
      ? [
          'Imprimez cette page en taille réelle (100 %, sans « Ajuster à la page »).',
          'Pliez-la le long des traits « pli » de la marge gauche, le haut de la page (le cadre « Adresse ») à l’extérieur.',
          'Glissez-la dans une de vos enveloppes : le cadre doit apparaître entier dans la fenêtre, même en faisant glisser la feuille d’un bord à l’autre.',
          'Sinon, mesurez l’écart avec les graduations du cadre (un trait par millimètre, plus long tous les 5 mm) et réglez le décalage de l’adresse dans Réglages › Enveloppes à fenêtre (positif : vers la droite ou vers le bas), puis imprimez une nouvelle feuille. Les lettres suivent ce réglage.',
        ]
      : [
          'Print this page at actual size (100 %, no “Fit to page”).',
          'Fold it along the “fold” marks in the left margin, the top of the page (the “Address” frame) outside.',
          'Slide it into one of your envelopes: the frame must show whole in the window, even with the sheet moved from one side to the other.',
          'Otherwise, measure the gap on the frame’s scale (one mark per millimetre, a longer one every 5 mm) and set the address shift in Settings › Window envelopes (positive: to the right or down), then print a new sheet. The letters follow this setting.',
        ],
  };
  return fr ? { ...model, setting: frenchSpacing(model.setting), steps: model.steps.map(frenchSpacing) } : model;
}

function previousReminders(history: readonly HistoryEntry[], customerId: string, asOf: Day, lang: LetterLang): string[] {
  return history
    .filter((h) => h.customerId === customerId && h.date <= isoOf(asOf) && h.step !== 'courtesy')
    .sort((a, b) => (a.date < b.date ? -1 : 1))
    .map((h) => longDate(dayFromIso(h.date) ?? asOf, lang));
}

/** "a, b et c" / "a, b and c". */
function joinedList(items: readonly string[], lang: LetterLang): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${lang === 'fr' ? 'et' : 'and'} ${items[items.length - 1]}`;
}

/**
 * French typography on a finished letter: a no-break space inside « », before : ; ! ? and inside
 * long dates and SIREN numbers, after "art." and inside "L. 441-10" and "2 × 40,00 €", so that no line
 * starts with a colon or splits "1er mars" or an article from its number.
 */
export function frenchSpacing(text: string): string {
  return text
    .replace(/« /g, '«\u00a0')
    .replace(/ »/g, '\u00a0»')
    .replace(/ ([:;!?])/g, '\u00a0$1')
    .replace(/(\d|1er) (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre) (\d{4})/g, '$1\u00a0$2\u00a0$3')
    .replace(/(SIREN(?: du débiteur)?\s*:?\s*)(\d{3}) ?(\d{3}) ?(\d{3})\b/g, '$1$2\u00a0$3\u00a0$4')
    .replace(/\b(arts?\.) /g, '$1\u00a0')
    .replace(/\b([LRD])\. (\d)/g, '$1.\u00a0$2')
    .replace(/(\d) × (\d)/g, '$1\u00a0×\u00a0$2');
}

export function buildLetter(ctx: LetterContext): LetterModel {
  const m: Draft = ctx.kind === 'releve' ? buildStatement(ctx) : ctx.kind === 'echeancier' ? buildPaymentPlan(ctx) : ctx.kind === 'declaration_de_creance' ? buildProofOfClaim(ctx) : ctx.kind === 'injonction_de_payer' ? buildPaymentOrderPack(ctx) : buildReminder(ctx);
  return { ...(ctx.lang === 'fr' ? withFrenchSpacing(m) : m), layout: letterLayout(ctx.workspace.profile.envelope) };
}

/** Every text of a French letter with its no-break spaces (figures and tables untouched). */
function withFrenchSpacing(m: Draft): Draft {
  const f = frenchSpacing;
  return {
    ...m,
    references: m.references.map(f),
    subject: f(m.subject),
    intro: m.intro.map(f),
    amounts: m.amounts.map((a) => ({ ...a, label: f(a.label), ...(a.basis ? { basis: f(a.basis) } : {}) })),
    body: m.body.map(f),
    closing: f(m.closing),
    attachments: m.attachments.map(f),
    placeAndDate: f(m.placeAndDate),
    sender: { lines: m.sender.lines, legal: m.sender.legal.map(f) },
    ...(m.acceptance ? { acceptance: f(m.acceptance) } : {}),
  };
}

/**
 * Customer name and postal address (from the workspace) as a window-envelope block (./address.ts):
 * never cut. Without an address (a rappel by e-mail), the name alone; an address that cannot fit is
 * refused before the letter is made (./requirements.ts), and shows here as the name alone.
 */
function recipientBlock(customer: Customer, workspace: Workspace): string[] {
  const typed = (workspace.customers.find((c) => c.customerId === customer.id)?.address ?? '').split('\n');
  const block = addressBlock(customer.name, typed);
  return block.ok ? [...block.lines] : [customer.name];
}

/** The customer reference (and SIREN when known), shown above the subject, never inside the address. */
function customerReference(customer: Customer, lang: LetterLang, workspace?: Workspace): string[] {
  const siren = workspace?.customers.find((c) => c.customerId === customer.id)?.siren;
  return [
    ...(customer.code && customer.code !== customer.name ? [lang === 'fr' ? `Votre code client : ${customer.code}` : `Your customer code: ${customer.code}`] : []),
    ...(siren ? [lang === 'fr' ? `SIREN du débiteur : ${siren}` : `Debtor's SIREN: ${siren}`] : []),
  ];
}

function buildReminder(ctx: LetterContext): Draft {
  const { lang, customer, asOf, workspace } = ctx;
  const kind = ctx.kind as 'rappel' | 'relance' | 'mise_en_demeure';
  const regime = regimeOf(customer.id, workspace);
  const isB2c = regime === 'b2c';
  const fr = lang === 'fr';
  const lines: InvoiceLine[] = [];
  let principal = 0;
  let interest = 0;
  let indemnity = 0;
  const rates = new Map<string, number>();
  const provisional = new Set<string>();
  const floors = new Map<string, { contractBp: number; floorBp: number }>();
  for (const inv of ctx.invoices) {
    const balance = openAt(inv, asOf);
    if (balance === 0) continue;
    lines.push({
      kind: inv.kind,
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
      for (const w of p.warnings) {
        if (w.code === 'RateUnknownForHalfYear') provisional.add(w.halfYear);
        else floors.set(w.halfYear, { contractBp: w.rateBp, floorBp: w.floorBp ?? w.rateBp });
      }
    }
  }
  const lateCount = ctx.invoices.filter((i) => openAt(i, asOf) > 0 && i.due !== null && i.due < asOf && !isB2c).length;
  // One rate: "12,15 %"; several half-years: "14,25 % (S2 2024), 13,15 % (S1 2025)", in time order.
  const rateList = [...rates].sort((a, b) => (a[0] < b[0] ? -1 : 1));
  const distinct = new Set(rateList.map(([, r]) => r));
  const rateText = distinct.size <= 1 ? rateList.map(([, r]) => ratePercent(r, lang)).slice(0, 1).join('') : rateList.map(([h, r]) => `${ratePercent(r, lang)} (${h.replace(/^(\d{4})-S(\d)$/, fr ? 'S$2 $1' : 'H$2 $1')})`).join(', ');
  const dateText = longDate(asOf, lang);
  const amounts: AmountLine[] = principalLines(lines, lang);
  const claimPenalties = !isB2c && (kind === 'mise_en_demeure' || kind === 'relance');
  // A rate whose half-year is not published yet is never stated as fact; a contractual rate below the
  // legal floor (3 × taux légal) is raised to it, and the letter says so.
  const provisionalText = provisional.size === 0 ? '' : fr ? ` (taux provisoire, sous réserve de la publication du taux BCE du ${[...provisional].sort().map((h) => h.replace(/^(\d{4})-S(\d)$/, 'S$2 $1')).join(', ')})` : ` (provisional rate, subject to the ECB rate of ${[...provisional].sort().map((h) => h.replace(/^(\d{4})-S(\d)$/, 'H$2 $1')).join(', ')})`;
  const floorText = floors.size === 0 ? '' : fr ? ` (taux contractuel de ${ratePercent([...floors.values()][0]?.contractBp ?? 0, lang)} porté au plancher légal de ${ratePercent([...floors.values()][0]?.floorBp ?? 0, lang)}, trois fois le taux de l’intérêt légal)` : ` (contractual rate of ${ratePercent([...floors.values()][0]?.contractBp ?? 0, lang)} raised to the legal floor of ${ratePercent([...floors.values()][0]?.floorBp ?? 0, lang)}, three times the legal interest rate)`;
  const isPublic = regime === 'public';
  if (claimPenalties && interest > 0) {
    amounts.push({
      label: isPublic
        ? fr
          ? `Intérêts moratoires au taux de ${rateText} l’an (taux BCE du semestre où le retard a commencé + 8 points)${provisionalText}, arrêtés au ${dateText}`
          : `Moratory interest at ${rateText} a year (ECB rate of the half-year the delay began + 8 points)${provisionalText}, computed to ${dateText}`
        : fr
          ? `Pénalités de retard au taux de ${rateText} l’an${floorText}${provisionalText}, arrêtées au ${dateText}`
          : `Late-payment interest at ${rateText} a year${floorText}${provisionalText}, computed to ${dateText}`,
      cents: interest as Cents,
      basis: isPublic ? (fr ? 'art. L. 2192-13 et R. 2192-31 du code de la commande publique' : 'arts. L. 2192-13 and R. 2192-31 Public Procurement Code') : fr ? 'art. L. 441-10 du code de commerce' : 'art. L. 441-10 French Commercial Code',
    });
  }
  if (claimPenalties && indemnity > 0) {
    amounts.push({
      label: fr ? `Indemnités forfaitaires pour frais de recouvrement : ${lateCount} × 40,00 €` : `Fixed recovery-cost indemnities: ${lateCount} × €40.00`,
      cents: indemnity as Cents,
      basis: isPublic ? (fr ? 'art. L. 2192-13 et D. 2192-35 du code de la commande publique' : 'arts. L. 2192-13 and D. 2192-35 Public Procurement Code') : fr ? 'art. D. 441-5 du code de commerce' : 'art. D. 441-5 French Commercial Code',
    });
  }
  const total = amounts.reduce((s, a) => s + a.cents, 0) as Cents;
  const deadlineDays = ctx.deadlineDays ?? 8;
  const reminders = previousReminders(workspace.history, customer.id, asOf, lang);
  const profile = workspace.profile;
  const { sender, placeAndDate, signature, closing } = frame(ctx);
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
    body.push(fr ? `Nous vous remercions de bien vouloir procéder à ${lines.length > 1 ? 'leur' : 'son'} règlement ${payment}.` : `Please arrange payment ${payment}.`);
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
          ? isPublic
            ? `Conformément aux articles L. 2192-13 et R. 2192-31 du code de la commande publique, des intérêts moratoires${rateText ? ` au taux de ${rateText} l’an` : ''} courent de plein droit depuis le lendemain de chaque échéance, ainsi qu’une indemnité forfaitaire pour frais de recouvrement de 40 € par facture (art. D. 2192-35).`
            : `Conformément à l’article L. 441-10 du code de commerce, des pénalités de retard${rateText ? ` au taux de ${rateText} l’an` : ''} sont exigibles depuis le lendemain de chaque échéance, ainsi qu’une indemnité forfaitaire pour frais de recouvrement de 40 € par facture (art. D. 441-5).`
          : isPublic
            ? `Under articles L. 2192-13 and R. 2192-31 of the French Public Procurement Code, moratory interest${rateText ? ` at ${rateText} a year` : ''} runs as of right from the day after each due date, together with a fixed recovery-cost indemnity of €40 per invoice (art. D. 2192-35).`
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
        ? `${reminders.length > 0 ? `Malgré ${reminders.length > 1 ? `nos relances des ${joinedList(reminders, lang)}` : `notre relance du ${reminders[0]}`}, les` : 'Les'} factures suivantes demeurent impayées :`
        : `${reminders.length > 0 ? `Despite our ${reminders.length > 1 ? 'reminders' : 'reminder'} of ${joinedList(reminders, lang)}, the` : 'The'} following invoices remain unpaid:`,
    );
    body.push(
      fr
        ? `En conséquence, nous vous mettons en demeure de nous régler, dans un délai de ${deadlineDays} jours à compter de la réception de la présente, la somme de {amount:${total}}, ${payment}.`
        : `We therefore give you formal notice to pay us, within ${deadlineDays} days of receipt of this letter, the sum of {amount:${total}}, ${payment}.`,
    );
    if (isB2c) {
      body.push(fr ? 'La présente mise en demeure fait courir les intérêts au taux légal (art. 1231-6 et 1344-1 du code civil).' : 'This formal notice starts interest at the legal rate (arts. 1231-6 and 1344-1 French Civil Code).');
    } else if (interest > 0) {
      body.push(isPublic ? (fr ? 'Les intérêts moratoires continuent de courir jusqu’à complet paiement.' : 'Moratory interest keeps running until payment in full.') : fr ? 'Les pénalités de retard continuent de courir jusqu’à complet paiement.' : 'Late-payment interest keeps running until payment in full.');
    }
    body.push(
      fr
        ? 'À défaut de paiement dans ce délai, nous saisirons la juridiction compétente, sans autre avis, afin d’obtenir un titre exécutoire, les frais de procédure restant à votre charge dans les conditions prévues par la loi.'
        : 'Failing payment within this period, we will apply to the competent court without further notice for an enforceable title, the costs of the proceedings being borne by you as the law provides.',
    );
    attachments.push(fr ? 'Copies des factures' : 'Copies of the invoices', fr ? 'Relevé de compte' : 'Statement of account');
    if (reminders.length > 0) attachments.push(fr ? 'Copies des relances' : 'Copies of the reminders');
  }
  const recipient = recipientBlock(customer, workspace);
  references.push(...customerReference(customer, lang, workspace));
  const custom = workspace.templates?.[kind];
  if (custom?.intro) intro.splice(0, intro.length, custom.intro);
  if (custom?.extra) body.push(custom.extra);
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
    schedule: [],
    amounts,
    total,
    body,
    closing,
    signature,
    attachments,
    currency: ctx.currency ?? 'EUR',
    email: { subject, body: emailBody },
    provisionalRates: [...provisional].sort(),
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

/** Shared parts of the non-reminder documents: sender, place and date, signature. */
function frame(ctx: LetterContext) {
  const fr = ctx.lang === 'fr';
  const profile = ctx.workspace.profile;
  const place = ctx.place ?? (profile.address.match(/\d{5}\s+([^\n,]+)/)?.[1]?.trim() ?? '');
  const dateText = longDate(ctx.asOf, ctx.lang);
  return {
    fr,
    sender: senderBlock(profile),
    placeAndDate: fr ? `${place ? `${place}, le ` : 'Le '}${dateText}` : `${place ? `${place}, ` : ''}${dateText}`,
    dateText,
    signature: [profile.signatory, profile.company].filter((s) => s !== ''),
    salutation: fr ? 'Madame, Monsieur,' : 'Dear Sir or Madam,',
    closing: ctx.workspace.templates?.[ctx.kind]?.closing || (fr ? 'Veuillez agréer, Madame, Monsieur, l’expression de nos salutations distinguées.' : 'Yours faithfully,'),
  };
}

/** What every document of a customer starts with: who writes, to whom, where and when, the references. */
function letterHead(ctx: LetterContext, f: ReturnType<typeof frame>) {
  return {
    lang: ctx.lang,
    regime: regimeOf(ctx.customer.id, ctx.workspace),
    customerId: ctx.customer.id,
    sender: f.sender,
    recipient: recipientBlock(ctx.customer, ctx.workspace),
    placeAndDate: f.placeAndDate,
    references: customerReference(ctx.customer, ctx.lang, ctx.workspace),
  };
}

/**
 * The principal: the overdue invoices, then the open credits deducted (credit notes, payments not
 * allocated to an invoice) as a negative line, so that the principal is the claim.
 */
function principalLines(lines: readonly InvoiceLine[], lang: LetterLang, basis?: string): AmountLine[] {
  const fr = lang === 'fr';
  let owed = 0;
  let credits = 0;
  for (const l of lines) {
    if (l.balance > 0) owed += l.balance;
    else credits += l.balance;
  }
  if (credits === 0) return [{ label: fr ? 'Principal (TTC)' : 'Principal (incl. VAT)', cents: owed as Cents, ...(basis ? { basis } : {}) }];
  return [
    { label: fr ? 'Factures échues (TTC)' : 'Overdue invoices (incl. VAT)', cents: owed as Cents, ...(basis ? { basis } : {}) },
    { label: fr ? 'Avoirs et paiements non affectés déduits' : 'Credit notes and unallocated payments deducted', cents: credits as Cents },
  ];
}

function invoiceLines(invoices: readonly Invoice[], at: Day): InvoiceLine[] {
  const out: InvoiceLine[] = [];
  for (const inv of invoices) {
    const balance = openAt(inv, at);
    if (balance === 0) continue;
    out.push({ kind: inv.kind, number: inv.number, issued: shortDate(inv.issued), due: shortDate(inv.due), amount: inv.amount, paid: (inv.amount - balance) as Cents, balance });
  }
  return out;
}

function emailOf(subject: string, paragraphs: readonly string[], signature: readonly string[], lang: LetterLang): { subject: string; body: string } {
  const body = [lang === 'fr' ? 'Madame, Monsieur,' : 'Dear Sir or Madam,', '', ...paragraphs.map((p) => p.replace(/\{amount:(-?\d+)\}/g, (_, c: string) => plainAmount(Number(c), lang))), '', lang === 'fr' ? 'Cordialement,' : 'Kind regards,', ...signature].join('\n');
  return { subject, body };
}

/**
 * Échéancier: a payment-plan proposal. The instalments come from the caller (or three equal monthly
 * ones from a month after the letter); their sum is the open balance, the cents going to the last.
 */
function buildPaymentPlan(ctx: LetterContext): Draft {
  const f = frame(ctx);
  const lines = invoiceLines(ctx.invoices, ctx.asOf);
  const principal = lines.reduce((s, l) => s + l.balance, 0);
  // Instalments start after the letter: those of a saved plan already past are due at once (on receipt).
  const typed = ctx.instalments && ctx.instalments.length > 0 ? ctx.instalments : equalInstalments(principal, ctx.asOf, 3);
  const arrears = typed.filter((x) => x.due <= ctx.asOf).reduce((s, x) => s + x.cents, 0);
  const plan = [...(arrears > 0 ? [{ due: ctx.asOf, cents: arrears as Cents, atOnce: true }] : []), ...typed.filter((x) => x.due > ctx.asOf).map((x) => ({ ...x, atOnce: false }))];
  const schedule = plan.map((x) => ({ due: x.atOnce ? (f.fr ? 'à réception' : 'on receipt') : frenchDate(x.due), cents: x.cents }));
  const planned = plan.reduce((s, x) => s + x.cents, 0);
  let interest = 0;
  let indemnity = 0;
  for (const inv of ctx.invoices) {
    if (openAt(inv, ctx.asOf) <= 0) continue;
    const p = invoicePenalty(inv, ctx.asOf, ctx.workspace);
    interest += p.interestCents;
    indemnity += p.indemnityCents;
  }
  const intro = [
    ctx.workspace.templates?.echeancier?.intro ||
      (f.fr
        ? `Comme convenu, nous vous proposons de régler le solde de {amount:${principal}} des factures ci-dessous selon l’échéancier suivant :`
        : `As agreed, we propose that you settle the balance of {amount:${principal}} on the invoices below according to the following schedule:`),
  ];
  const body = [
    f.fr
      ? `Cet échéancier est accordé sous réserve du respect de chaque échéance : à défaut de paiement d’une seule d’entre elles, la totalité du solde redeviendra immédiatement exigible, et nous reprendrons le recouvrement.`
      : 'This schedule is granted on condition that every instalment is paid on time: if any one is missed, the whole balance becomes due at once and collection resumes.',
    ...(interest + indemnity > 0
      ? [
          f.fr
            ? `Les pénalités de retard ({amount:${interest}} au ${f.dateText}) et les indemnités forfaitaires de recouvrement ({amount:${indemnity}}) déjà acquises restent dues : nous nous réservons de les réclamer.`
            : `The late-payment interest ({amount:${interest}} at ${f.dateText}) and the fixed recovery indemnities ({amount:${indemnity}}) already accrued remain due: we reserve the right to claim them.`,
        ]
      : []),
    f.fr
      ? 'En signant cet échéancier, vous reconnaissez devoir la somme ci-dessus ; cette reconnaissance interrompt la prescription (art. 2240 du code civil).'
      : 'By signing this schedule you acknowledge owing the sum above; this acknowledgment interrupts the limitation period (art. 2240 French Civil Code).',
    f.fr ? 'Merci de nous retourner un exemplaire de cette lettre daté et signé, précédé de la mention « Bon pour accord ».' : 'Please return a dated and signed copy of this letter marked "Agreed".',
    ...(ctx.workspace.templates?.echeancier?.extra ? [ctx.workspace.templates.echeancier.extra] : []),
  ];
  const subject = f.fr ? 'Proposition d’échéancier de paiement' : 'Proposed payment schedule';
  return {
    kind: 'echeancier',
    ...letterHead(ctx, f),
    subject,
    salutation: f.salutation,
    intro,
    invoices: lines,
    schedule,
    amounts: [{ label: f.fr ? 'Solde à régler (TTC)' : 'Balance to pay (incl. VAT)', cents: principal as Cents }],
    total: planned as Cents,
    body,
    closing: f.closing,
    signature: f.signature,
    attachments: [],
    acceptance: f.fr ? 'Bon pour accord — date et signature du débiteur :' : 'Agreed — date and signature of the debtor:',
    currency: ctx.currency ?? 'EUR',
    email: emailOf(subject, [...intro, ...schedule.map((x) => `- ${x.due} : {amount:${x.cents}}`), ...body], f.signature, ctx.lang),
    provisionalRates: [],
  };
}

/** Months of payments received shown on a relevé de compte. */
export const STATEMENT_MONTHS = 3;

/**
 * Relevé de compte (statement of account): every item still open at the date with its age, the
 * credits, the payments received over the last three months, the balance, the late-payment interest
 * and the €40 indemnities accrued on late invoices (business customers), and the bank details. A
 * statement, not a demand: it asks the customer to settle what is due or to say what differs.
 */
function buildStatement(ctx: LetterContext): Draft {
  const f = frame(ctx);
  const isB2c = regimeOf(ctx.customer.id, ctx.workspace) === 'b2c';
  const open = ctx.invoices.filter((i) => openAt(i, ctx.asOf) !== 0);
  const lines = invoiceLines(open, ctx.asOf).map((l, k) => {
    const inv = open[k] as Invoice;
    const due = inv.due ?? inv.issued;
    // Credits have no lateness: only what is owed has an age.
    return { ...l, ...(due !== null && l.balance > 0 ? { ageDays: Math.max(0, ctx.asOf - due) } : {}) };
  });
  const balance = lines.reduce((s, l) => s + l.balance, 0);
  const overdue = lines.filter((l) => l.balance > 0 && (l.ageDays ?? 0) > 0).reduce((s, l) => s + l.balance, 0);
  let interest = 0;
  let indemnity = 0;
  if (!isB2c) {
    for (const inv of ctx.invoices) {
      if (openAt(inv, ctx.asOf) <= 0) continue;
      const p = invoicePenalty(inv, ctx.asOf, ctx.workspace);
      interest += p.interestCents;
      indemnity += p.indemnityCents;
    }
  }
  const since = addMonths(ctx.asOf, -STATEMENT_MONTHS);
  const payments = (ctx.received ?? [])
    .flatMap((inv) => inv.payments.filter((p) => p.day !== null && p.day > since && p.day <= ctx.asOf).map((p) => ({ day: p.day as Day, invoice: inv.number, cents: p.amount })))
    .sort((a, b) => a.day - b.day || (a.invoice < b.invoice ? -1 : 1))
    .map((p) => ({ date: frenchDate(p.day), invoice: p.invoice, cents: p.cents }));
  const iban = ctx.workspace.profile.iban.trim();
  const intro = [
    f.fr
      ? `Voici votre relevé de compte au ${f.dateText} : factures et avoirs non soldés, et règlements reçus depuis le ${longDate(since, ctx.lang)}.`
      : `Here is your statement of account at ${f.dateText}: invoices and credit notes not yet settled, and payments received since ${longDate(since, ctx.lang)}.`,
  ];
  const body = [
    balance > 0
      ? f.fr
        ? `Le solde de votre compte s’élève à {amount:${balance}}, dont {amount:${overdue}} échus.${iban ? ` Merci de régler les sommes échues par virement sur notre compte IBAN ${iban}, en rappelant les numéros de facture.` : ''}`
        : `Your account balance is {amount:${balance}}, {amount:${overdue}} of it overdue.${iban ? ` Please pay the overdue amounts by transfer to our account IBAN ${iban}, quoting the invoice numbers.` : ''}`
      : f.fr
        ? `Votre compte présente un solde de {amount:${balance}} en votre faveur.`
        : `Your account shows a balance of {amount:${balance}} in your favour.`,
    ...(interest + indemnity > 0
      ? [
          f.fr
            ? 'Les pénalités et indemnités ci-dessus sont dues de plein droit sur les factures payées après leur échéance ; elles sont indiquées pour information.'
            : 'The interest and indemnities above are due by law on invoices paid after their due date; they are shown for information.',
        ]
      : []),
    f.fr ? 'Sauf erreur ou omission ; merci de nous signaler toute différence avec votre comptabilité.' : 'Errors and omissions excepted; please let us know of any difference with your books.',
  ];
  const subject = f.fr ? `Relevé de compte au ${frenchDate(ctx.asOf)}` : `Statement of account at ${frenchDate(ctx.asOf)}`;
  return {
    kind: 'releve',
    ...letterHead(ctx, f),
    subject,
    salutation: '',
    intro,
    invoices: lines,
    schedule: [],
    amounts: [
      { label: f.fr ? 'Solde du compte (TTC)' : 'Account balance (incl. VAT)', cents: balance as Cents },
      ...(interest > 0 ? [{ label: f.fr ? `Pénalités de retard acquises (pour information)` : 'Late-payment interest accrued (for information)', cents: interest as Cents, basis: f.fr ? 'art. L. 441-10 du code de commerce' : 'art. L. 441-10 French Commercial Code' }] : []),
      ...(indemnity > 0 ? [{ label: f.fr ? 'Indemnités forfaitaires de recouvrement (pour information)' : 'Fixed recovery indemnities (for information)', cents: indemnity as Cents, basis: f.fr ? 'art. D. 441-5 du code de commerce' : 'art. D. 441-5 French Commercial Code' }] : []),
    ],
    total: (balance + interest + indemnity) as Cents,
    body,
    // A statement, not a letter: no salutation nor closing formula (unless the user wrote one), so that it keeps to one page.
    closing: ctx.workspace.templates?.releve?.closing ?? '',
    signature: f.signature,
    attachments: [],
    currency: ctx.currency ?? 'EUR',
    email: emailOf(subject, [...intro, ...body], f.signature, ctx.lang),
    provisionalRates: [],
    payments,
  };
}

/** `count` monthly instalments from one month after `from`, equal to the cent, the remainder on the last. */
export function equalInstalments(total: number, from: Day, count: number): { due: Day; cents: Cents }[] {
  const base = Math.floor(total / count);
  return Array.from({ length: count }, (_, i) => ({ due: addMonths(from, i + 1), cents: (i === count - 1 ? total - base * (count - 1) : base) as Cents }));
}

/**
 * Déclaration de créance to the mandataire judiciaire (C. com. L622-24, L622-25, R622-23): the
 * claim at the opening judgment, due and not yet due, penalties computed to the opening date, the
 * €40 for invoices already late then, and the bordereau of documents.
 */
function buildProofOfClaim(ctx: LetterContext): Draft {
  const f = frame(ctx);
  const collective = ctx.workspace.statuses.find((s) => s.customerId === ctx.customer.id && s.status.kind === 'collective')?.status;
  const opening = collective && collective.kind === 'collective' ? (dayFromIso(collective.openingDate) ?? ctx.asOf) : ctx.asOf;
  const lines = invoiceLines(ctx.invoices, opening);
  let due = 0;
  let notYetDue = 0;
  let interest = 0;
  let indemnity = 0;
  const provisional = new Set<string>();
  for (const inv of ctx.invoices) {
    const balance = openAt(inv, opening);
    if (balance <= 0) continue;
    if (inv.due !== null && inv.due < opening) {
      due += balance;
      const p = invoicePenalty(inv, opening, ctx.workspace);
      interest += p.interestCents;
      indemnity += p.indemnityCents;
      for (const w of p.warnings) if (w.code === 'RateUnknownForHalfYear') provisional.add(w.halfYear);
    } else notYetDue += balance;
  }
  const openingText = longDate(opening, ctx.lang);
  const credits = lines.reduce((s, l) => s + Math.min(0, l.balance), 0);
  const amounts: AmountLine[] = [
    { label: f.fr ? `Créance échue au ${openingText} (TTC)` : `Claim due at ${openingText} (incl. VAT)`, cents: due as Cents },
    ...(credits < 0 ? [{ label: f.fr ? 'Avoirs et paiements non affectés déduits' : 'Credit notes and unallocated payments deducted', cents: credits as Cents }] : []),
    ...(notYetDue > 0 ? [{ label: f.fr ? 'Créance à échoir (TTC), échéances indiquées au tableau' : 'Claim not yet due (incl. VAT), due dates in the table', cents: notYetDue as Cents }] : []),
    ...(interest > 0 ? [{ label: f.fr ? `Pénalités de retard arrêtées au jugement d’ouverture du ${openingText}` : `Late-payment interest to the opening judgment of ${openingText}`, cents: interest as Cents, basis: f.fr ? 'art. L. 441-10 et L. 622-28 du code de commerce' : 'arts. L. 441-10 and L. 622-28 French Commercial Code' }] : []),
    ...(indemnity > 0 ? [{ label: f.fr ? 'Indemnités forfaitaires pour frais de recouvrement' : 'Fixed recovery-cost indemnities', cents: indemnity as Cents, basis: f.fr ? 'art. D. 441-5 du code de commerce' : 'art. D. 441-5 French Commercial Code' }] : []),
  ];
  const total = amounts.reduce((s, a) => s + a.cents, 0) as Cents;
  const mandataire = collective && collective.kind === 'collective' && collective.mandataire ? collective.mandataire.split('\n').map((l) => l.trim()).filter((l) => l !== '') : [f.fr ? 'Mandataire judiciaire' : 'Court-appointed administrator'];
  const subject = f.fr ? `Déclaration de créance – ${ctx.customer.name}` : `Proof of claim – ${ctx.customer.name}`;
  const intro = [
    f.fr
      ? `Par jugement du ${openingText}${collective && collective.kind === 'collective' ? `, publié au BODACC le ${frenchDate(dayFromIso(collective.bodaccDate) ?? opening)}` : ''}, une procédure collective a été ouverte à l’égard de ${ctx.customer.name}. Conformément aux articles L. 622-24 et L. 622-25 du code de commerce, nous déclarons entre vos mains notre créance, détaillée ci-dessous :`
      : `By judgment of ${openingText}, insolvency proceedings were opened against ${ctx.customer.name}. Under articles L. 622-24 and L. 622-25 of the French Commercial Code, we hereby lodge our claim, detailed below:`,
  ];
  // The deadline: 2 months from the BODACC publication (4 abroad); after it, the claim is late and the
  // relevé de forclusion may be asked of the juge-commissaire within 6 months of the publication (L. 622-26).
  const bodacc = collective && collective.kind === 'collective' ? dayFromIso(collective.bodaccDate) : null;
  const deadline = bodacc === null ? null : addMonths(bodacc, collective && collective.kind === 'collective' && collective.isCreditorAbroad ? 4 : 2);
  const late = deadline !== null && ctx.asOf > deadline;
  // Invoices open at the opening judgment but paid since: such a payment is itself irregular (L. 622-7).
  const paidSince = ctx.invoices.filter((inv) => openAt(inv, opening) > 0 && openAt(inv, ctx.asOf) < openAt(inv, opening)).map((inv) => inv.number);
  const rates = [...new Set(ctx.invoices.flatMap((inv) => (openAt(inv, opening) > 0 && inv.due !== null && inv.due < opening ? invoicePenalty(inv, opening, ctx.workspace).pieces.map((p) => p.rateBp) : [])))];
  const siren = debtorSiren(ctx);
  const body = [
    ...(late && deadline !== null && bodacc !== null
      ? [
          f.fr
            ? `ATTENTION — DÉCLARATION TARDIVE : le délai de déclaration expirait le ${frenchDate(deadline)}. Une requête en relevé de forclusion peut être présentée au juge-commissaire jusqu’au ${frenchDate(addMonths(bodacc, 6))} (six mois après la publication au BODACC, art. L. 622-26 du code de commerce), en établissant que la défaillance n’est pas due au créancier.`
            : `WARNING — LATE CLAIM: the deadline expired on ${frenchDate(deadline)}. A request to be relieved from foreclosure (relevé de forclusion) may be made to the juge-commissaire until ${frenchDate(addMonths(bodacc, 6))} (six months after the BODACC publication, art. L. 622-26).`,
        ]
      : []),
    ...(siren ? [f.fr ? `Débiteur : ${ctx.customer.name}, SIREN ${siren}.` : `Debtor: ${ctx.customer.name}, SIREN ${siren}.`] : []),
    f.fr
      ? `Soit un total déclaré de {amount:${total}}, à titre chirographaire. Les intérêts, calculés au taux de ${rates.map((r) => ratePercent(r, ctx.lang)).join(' puis ') || '—'} l’an, ont cessé de courir au jugement d’ouverture (art. L. 622-28).`
      : `A total claim of {amount:${total}}, unsecured. Interest, at ${rates.map((r) => ratePercent(r, ctx.lang)).join(' then ') || '—'} a year, stopped running at the opening judgment (art. L. 622-28).`,
    ...(paidSince.length > 0
      ? [
          f.fr
            ? `Les factures ${paidSince.join(', ')}, ouvertes au jugement d’ouverture, ont été réglées depuis : un tel paiement est irrégulier (art. L. 622-7). Elles figurent au tableau pour leur solde au jugement ; à vous de décider de les maintenir ou non.`
            : `Invoices ${paidSince.join(', ')}, open at the opening judgment, have been paid since: such a payment is irregular (art. L. 622-7). They appear for their balance at the judgment; decide whether to keep them.`,
        ]
      : []),
    f.fr ? 'Nous certifions sincère et véritable la présente créance, dont les justificatifs figurent au bordereau ci-joint.' : 'We certify this claim as true and sincere; the supporting documents are listed in the attached schedule.',
    ...(ctx.workspace.templates?.declaration_de_creance?.extra ? [ctx.workspace.templates.declaration_de_creance.extra] : []),
  ];
  const attachments = f.fr
    ? ['Bordereau des pièces :', ...lines.map((l, i) => `Pièce ${i + 1} : facture n° ${l.number}${l.issued ? ` du ${l.issued}` : ''}`), `Pièce ${lines.length + 1} : relevé de compte`, `Pièce ${lines.length + 2} : copies des relances et de la mise en demeure`]
    : ['Schedule of documents:', ...lines.map((l, i) => `Document ${i + 1}: invoice no. ${l.number}${l.issued ? ` of ${l.issued}` : ''}`), `Document ${lines.length + 1}: statement of account`, `Document ${lines.length + 2}: copies of the reminders and formal notice`];
  return {
    kind: 'declaration_de_creance',
    lang: ctx.lang,
    regime: regimeOf(ctx.customer.id, ctx.workspace),
    customerId: ctx.customer.id,
    sender: f.sender,
    recipient: mandataire.slice(0, 6),
    placeAndDate: f.placeAndDate,
    references: [f.fr ? 'LETTRE RECOMMANDÉE AVEC DEMANDE D’AVIS DE RÉCEPTION' : 'REGISTERED LETTER WITH ACKNOWLEDGMENT OF RECEIPT', f.fr ? `Débiteur : ${ctx.customer.name}` : `Debtor: ${ctx.customer.name}`],
    subject,
    salutation: f.fr ? 'Maître,' : 'Dear Sir or Madam,',
    intro,
    invoices: lines,
    schedule: [],
    amounts,
    total,
    body,
    closing: ctx.workspace.templates?.declaration_de_creance?.closing || (f.fr ? 'Veuillez agréer, Maître, l’expression de nos salutations distinguées.' : 'Yours faithfully,'),
    signature: f.signature,
    attachments,
    currency: ctx.currency ?? 'EUR',
    email: emailOf(subject, [...intro, ...body], f.signature, ctx.lang),
    provisionalRates: [...provisional].sort(),
  };
}

function debtorSiren(ctx: LetterContext): string | undefined {
  return ctx.workspace.customers.find((c) => c.customerId === ctx.customer.id)?.siren;
}

/** The steps as a bordereau names them. */
const STEP_NAMES: Record<LetterLang, Record<string, string>> = {
  fr: { rappel: 'rappel', relance: 'relance', mise_en_demeure: 'mise en demeure', injonction_de_payer: 'requête' },
  en: { rappel: 'reminder', relance: 'second reminder', mise_en_demeure: 'formal notice', injonction_de_payer: 'request' },
};

/**
 * Injonction de payer pack (domain-fr §5): not a letter but the summary to copy into the court
 * form — which court and Cerfa, the breakdown of the claim with rates, start dates and legal basis,
 * the fees as documented, the deadlines, and the bordereau of documents.
 */
function buildPaymentOrderPack(ctx: LetterContext): Draft {
  const f = frame(ctx);
  const regime = regimeOf(ctx.customer.id, ctx.workspace);
  const lines = invoiceLines(ctx.invoices, ctx.asOf);
  let interest = 0;
  let indemnity = 0;
  const provisional = new Set<string>();
  // One row per invoice and half-year piece: base, start date (due + 1), rate, amount — what a judge checks.
  const detail: string[] = [];
  for (const inv of ctx.invoices) {
    const balance = openAt(inv, ctx.asOf);
    if (balance <= 0) continue;
    const p = invoicePenalty(inv, ctx.asOf, ctx.workspace);
    interest += p.interestCents;
    indemnity += p.indemnityCents;
    for (const w of p.warnings) if (w.code === 'RateUnknownForHalfYear') provisional.add(w.halfYear);
    const pieces = p.pieces.map((piece) => `${f.fr ? 'du' : 'from'} ${frenchDate(piece.from)} ${f.fr ? 'au' : 'to'} ${frenchDate(piece.to)} (${piece.days} ${f.fr ? 'j' : 'd'}) ${f.fr ? 'sur' : 'on'} {amount:${piece.balance}} ${f.fr ? 'à' : 'at'} ${ratePercent(piece.rateBp, ctx.lang)}`);
    if (pieces.length > 0) detail.push(f.fr ? `Facture ${inv.number} (échéance ${inv.due !== null ? frenchDate(inv.due) : '—'}) : intérêts {amount:${p.interestCents}}, ${pieces.join(' ; ')}.` : `Invoice ${inv.number} (due ${inv.due !== null ? frenchDate(inv.due) : '—'}): interest {amount:${p.interestCents}}, ${pieces.join('; ')}.`);
  }
  const isPublic = regime === 'public';
  const interestBasis = regime === 'b2c' ? (f.fr ? 'art. 1231-6 du code civil' : 'art. 1231-6 Civil Code') : isPublic ? (f.fr ? 'art. L. 2192-13 et R. 2192-31 du code de la commande publique' : 'arts. L. 2192-13 and R. 2192-31 Public Procurement Code') : f.fr ? 'art. L. 441-10 du code de commerce' : 'art. L. 441-10 Commercial Code';
  const interestName = regime === 'b2c' ? (f.fr ? 'Intérêts au taux légal' : 'Interest at the legal rate') : isPublic ? (f.fr ? 'Intérêts moratoires (taux BCE du semestre où le retard a commencé + 8 points)' : 'Moratory interest (ECB rate of the half-year the delay began + 8 points)') : f.fr ? 'Intérêts de retard (taux BCE + 10 points, par semestre)' : 'Late-payment interest (ECB rate + 10 points, per half-year)';
  const provisionalText = provisional.size === 0 ? '' : f.fr ? ', taux provisoire sous réserve de publication' : ', provisional rate subject to publication';
  const amounts: AmountLine[] = [
    ...principalLines(lines, ctx.lang, f.fr ? 'factures impayées, contrat' : 'unpaid invoices, contract'),
    ...(interest > 0 ? [{ label: `${interestName}${provisionalText}, ${f.fr ? 'arrêtés au' : 'to'} ${f.dateText}`, cents: interest as Cents, basis: interestBasis }] : []),
    ...(indemnity > 0 ? [{ label: f.fr ? 'Frais accessoires : indemnités forfaitaires de recouvrement' : 'Ancillary costs: fixed recovery indemnities', cents: indemnity as Cents, basis: isPublic ? (f.fr ? 'art. L. 2192-13 et D. 2192-35 du code de la commande publique' : 'arts. L. 2192-13 and D. 2192-35 Public Procurement Code') : f.fr ? 'art. D. 441-5 du code de commerce' : 'art. D. 441-5 Commercial Code' }] : []),
  ];
  // The total claimed (principal + interest + ancillaries) decides the small-claims route.
  const total = amounts.reduce((s, a) => s + a.cents, 0) as Cents;
  const isCommercial = regime === 'b2b';
  const court = isPublic
    ? f.fr
      ? 'Débiteur public : pas d’injonction de payer devant le tribunal de commerce. La voie est le juge administratif : référé-provision devant le tribunal administratif (art. R. 541-1 du code de justice administrative), après une demande préalable de paiement à l’acheteur public.'
      : 'Public debtor: no payment order before the commercial court. The route is the administrative judge: référé-provision before the administrative court (art. R. 541-1 Administrative Justice Code), after a prior request for payment to the public buyer.'
    : isCommercial
      ? f.fr
        ? 'Président du tribunal de commerce (ou du tribunal des activités économiques dans les 12 juridictions pilotes) du siège du débiteur — Cerfa n° 12946 (« Demande en injonction de payer au président du tribunal de commerce »).'
        : 'President of the commercial court (or economic-activities court in the 12 pilot courts) of the debtor’s registered office — Cerfa no. 12946.'
      : f.fr
        ? 'Tribunal judiciaire du domicile du débiteur — Cerfa n° 12948.'
        : 'Judicial court of the debtor’s domicile — Cerfa no. 12948.';
  const body = [
    court,
    ...(isPublic
      ? []
      : [
          isCommercial
            ? f.fr
              ? 'Frais de greffe : environ 33 à 39 € TTC selon le greffe (tarif à vérifier auprès du greffe) ; dépôt possible en ligne (Infogreffe, Tribunal Digital). Au-delà de 50 000 € devant un tribunal des activités économiques, une contribution pour la justice économique est due.'
              : 'Registry fee: about €33–39 incl. VAT depending on the registry (check with it); online filing possible. Above €50,000 before an economic-activities court, a contribution is due.'
            : f.fr
              ? `Pas de frais de greffe pour la requête. Intérêts au taux légal (${regime === 'b2c' ? 'taux des « autres cas » du semestre, art. L. 313-2 du code monétaire et financier' : ''}) à compter de la mise en demeure. Pour une créance de 5 000 € ou moins, une tentative préalable de résolution amiable (art. 750-1 CPC) peut être exigée : le point est discuté pour l’injonction de payer.`
              : 'No registry fee for the request. Interest at the legal rate (art. L. 313-2 Monetary and Financial Code) from the formal notice. For claims of €5,000 or less, a prior amicable attempt (art. 750-1 CPC) may be required; this is debated for payment orders.',
          ...(total <= 500000 ? [f.fr ? `Total réclamé de ${'{amount:' + total + '}'} (principal, intérêts et frais accessoires), soit 5 000 € ou moins : la procédure simplifiée de recouvrement des petites créances par un commissaire de justice est aussi possible (frais à la charge du créancier).` : `Total claimed {amount:${total}} (principal, interest and ancillaries), €5,000 or less: the simplified small-claims procedure through a commissaire de justice is also available (costs borne by the creditor).`] : []),
          f.fr
            ? 'Après l’ordonnance : la faire signifier par un commissaire de justice dans les 6 mois (3 mois pour les ordonnances rendues à compter du 1er septembre 2026), le débiteur dispose d’un mois pour former opposition. La signification interrompt la prescription.'
            : 'After the order: have it served by a commissaire de justice within 6 months (3 months for orders from 1 September 2026); the debtor has one month to oppose. Service interrupts the limitation period.',
        ]),
    ...(detail.length > 0 ? [f.fr ? 'Détail du calcul des intérêts, facture par facture (base, période à compter du lendemain de l’échéance, taux du semestre, montant) :' : 'Interest computation, invoice by invoice (base, period from the day after the due date, rate of the half-year, amount):', ...detail] : []),
  ];
  // The bordereau lists only what exists: the invoices, and the reminders and notice the history holds.
  const sent = ctx.workspace.history.filter((h) => h.customerId === ctx.customer.id && h.step !== 'courtesy' && h.date <= isoOf(ctx.asOf)).sort((x, y) => (x.date < y.date ? -1 : 1));
  const docs: string[] = [
    ...lines.filter((l) => l.kind === 'invoice').map((l) => (f.fr ? `facture n° ${l.number}${l.issued ? ` du ${l.issued}` : ''}` : `invoice no. ${l.number}${l.issued ? ` of ${l.issued}` : ''}`)),
    ...lines.filter((l) => l.kind !== 'invoice').map((l) => (f.fr ? `${l.kind === 'credit' ? 'avoir' : 'paiement non affecté'} ${l.number}` : `${l.kind === 'credit' ? 'credit note' : 'unallocated payment'} ${l.number}`)),
    f.fr ? 'bon de commande, devis signé, contrat ou CGV acceptées' : 'order, signed quote, contract or accepted terms',
    f.fr ? 'relevé de compte' : 'statement of account',
    ...sent.map((h) => {
      const date = frenchDate(dayFromIso(h.date) ?? ctx.asOf);
      const what = STEP_NAMES[ctx.lang][h.step] ?? h.step;
      return f.fr ? `${what} du ${date}${h.lrar ? ` (LRAR n° ${h.lrar}) et sa preuve d’envoi` : ''}` : `${what} of ${date}${h.lrar ? ` (registered mail no. ${h.lrar}) and its proof of posting` : ''}`;
    }),
    ...(regime === 'b2b' ? [f.fr ? 'extrait Kbis du débiteur' : 'debtor’s Kbis extract'] : []),
  ];
  const attachments = [f.fr ? 'Bordereau des pièces :' : 'Schedule of documents:', ...docs.map((d, i) => (f.fr ? `Pièce ${i + 1} : ${d}` : `Document ${i + 1}: ${d}`))];
  const subject = f.fr ? `Requête en injonction de payer – éléments à reporter sur le formulaire (${ctx.customer.name})` : `Payment-order request – details for the court form (${ctx.customer.name})`;
  return {
    kind: 'injonction_de_payer',
    lang: ctx.lang,
    regime,
    customerId: ctx.customer.id,
    sender: f.sender,
    // A working document: nothing in the envelope window.
    recipient: [],
    placeAndDate: f.placeAndDate,
    references: [f.fr ? 'DOCUMENT DE TRAVAIL – NE PAS ENVOYER AU DÉBITEUR' : 'WORKING DOCUMENT – NOT FOR THE DEBTOR'],
    subject,
    salutation: '',
    intro: [f.fr ? `Créancier : ${ctx.workspace.profile.company || '—'}${ctx.workspace.profile.legalForm ? `, ${ctx.workspace.profile.legalForm}` : ''} (SIREN ${ctx.workspace.profile.siren || '—'}). Débiteur : ${ctx.customer.name}${debtorSiren(ctx) ? ` (SIREN ${debtorSiren(ctx)})` : ''}. Montant demandé, décomposé :` : `Creditor: ${ctx.workspace.profile.company || '—'} (SIREN ${ctx.workspace.profile.siren || '—'}). Debtor: ${ctx.customer.name}${debtorSiren(ctx) ? ` (SIREN ${debtorSiren(ctx)})` : ''}. Amount claimed, broken down:`],
    invoices: lines,
    schedule: [],
    amounts,
    total,
    body,
    closing: '',
    signature: [],
    attachments,
    currency: ctx.currency ?? 'EUR',
    email: emailOf(subject, body, [], ctx.lang),
    provisionalRates: [...provisional].sort(),
  };
}
