/**
 * The audit report a consultant hands over, as data: cover, scope and method, headline figures
 * with their definitions, aged balance (total and top customers), DSO trend month by month,
 * data-quality warnings, the penalties and indemnities legally due but not claimed ("penalty
 * capture"), prescription risks, concentration, and recommendations built from the findings.
 * Several ledgers are consolidated (every item keeps its source file).
 */
import { agedBalance, concentration, DEFAULT_BUCKET_EDGES, type AgingBasis } from '../aging.ts';
import { addMonths, dayFromIso, endOfMonth, frenchDate, isoOf, startOfMonth, type Day } from '../day.ts';
import { dsoFigures, roundTenth, type ManualSales } from '../dso.ts';
import { customerNames, isIssuedBy, openAt, type Invoice, type Ledger } from '../ledger.ts';
import { invoicePenalty, regimeOf } from '../dunning/claims.ts';
import { prescription } from '../dunning/prescription.ts';
import type { Workspace } from '../dunning/workspace.ts';

export type ReportCell = string | { readonly cents: number } | { readonly days: number | null } | { readonly percent: number | null };

export type ReportSection = {
  readonly title: string;
  readonly paragraphs: readonly string[];
  readonly table?: { readonly head: readonly string[]; readonly rows: readonly (readonly ReportCell[])[] };
  /** A bar chart drawn by the renderer: its title, labels and values (cents, or days). */
  readonly bars?: { readonly title?: string; readonly labels: readonly string[]; readonly values: readonly number[]; readonly unit?: 'cents' | 'days' };
  /** The section stands alone on its page (the executive summary). */
  readonly ownPage?: boolean;
};

export type ReportModel = {
  readonly lang: 'fr' | 'en';
  readonly title: string;
  readonly subtitle: string;
  readonly asOf: string;
  readonly sections: readonly ReportSection[];
  readonly currency: string;
  /** Where the figures were computed, for the cover ("dans le navigateur…", "en ligne de commande…"). */
  readonly computedIn?: string;
  /** Key figures, for tests and the page. */
  readonly figures: {
    readonly openCents: number;
    readonly overdueCents: number;
    readonly penaltyCaptureCents: number;
    readonly indemnityCaptureCents: number;
    /** Of the capture, on invoices still open at the as-of date (the CLI JSON's penalties) and on invoices paid late. */
    readonly captureOpenCents: number;
    readonly capturePaidLateCents: number;
    readonly topFiveShare: number | null;
    /** The aged balance's total per bucket (the settings' basis and edges). */
    readonly buckets: readonly number[];
    readonly dsoSimple: number | null;
  };
};

export type ReportSource = { readonly name: string; readonly ledger: Ledger; readonly warnings: readonly string[] };

/** One ledger from several: items keep their source file; customers with the same id are one customer. */
export function consolidate(sources: readonly ReportSource[]): Ledger {
  const customers = new Map<string, Ledger['customers'][number]>();
  const invoices: Invoice[] = [];
  sources.forEach((s, i) => {
    for (const c of s.ledger.customers) if (!customers.has(c.id)) customers.set(c.id, c);
    for (const inv of s.ledger.invoices) invoices.push({ ...inv, key: `${i}:${inv.key}` });
  });
  const first = sources[0]?.ledger;
  return {
    customers: [...customers.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    invoices,
    currency: first?.currency ?? 'EUR',
    amountBasis: sources.some((s) => s.ledger.amountBasis === 'HT') ? 'HT' : 'TTC',
    hasSalesHistory: sources.some((s) => s.ledger.hasSalesHistory),
  };
}

const pct = (x: number | null): { percent: number | null } => ({ percent: x === null ? null : Math.round(x * 10) / 10 });

/** The settings the report is computed with: the same as the screen's. */
export type ReportOptions = {
  readonly asOf: Day;
  readonly workspace: Workspace;
  readonly lang: 'fr' | 'en';
  readonly basis?: AgingBasis;
  readonly edges?: readonly number[];
  readonly windows?: number;
  readonly manualSales?: ManualSales;
  /** The aged balance's column titles in the user's language (one per bucket). */
  readonly bucketTitles?: readonly string[];
  /** Where the figures were computed ("dans le navigateur", "en ligne de commande"), printed on the cover. */
  readonly computedIn?: string;
};

export function buildAuditReport(sources: readonly ReportSource[], options: ReportOptions): ReportModel {
  const { asOf, workspace, lang } = options;
  const fr = lang === 'fr';
  const basis = options.basis ?? 'due';
  const edges = options.edges ?? DEFAULT_BUCKET_EDGES;
  const windows = options.windows ?? 3;
  const manual = options.manualSales ? { manualSales: options.manualSales } : {};
  const ledger = sources.length === 1 ? (sources[0] as ReportSource).ledger : consolidate(sources);
  const names = customerNames(ledger);
  const aging = agedBalance(ledger, { asOf, basis, edges });
  const dueAging = basis === 'due' ? aging : agedBalance(ledger, { asOf, basis: 'due', edges });
  const dso = dsoFigures(ledger, { asOf, windows, aging: dueAging, ...manual });
  const dsoNote = (v: number | null, value: ReportCell): ReportCell => (v === null && dso.notes.includes('SimpleBeyondHistory') ? (fr ? 'non significatif' : 'not meaningful') : value);
  const t = aging.total;
  const labels = options.bucketTitles && options.bucketTitles.length === aging.labels.length ? [...options.bucketTitles] : aging.labels.map((l) => (l === 'not_due' ? (fr ? 'Non échu' : 'Not due') : l));
  const sections: ReportSection[] = [];

  sections.push({
    title: fr ? 'Périmètre et méthode' : 'Scope and method',
    paragraphs: [
      fr
        ? `${options.computedIn ? `Calculé ${options.computedIn}. ` : ''}Situation arrêtée au ${frenchDate(asOf)} : les factures émises et les règlements datés après cette date sont ignorés. Sources : ${sources.map((s) => s.name).join(', ')}${sources.length > 1 ? ' (consolidées ; chaque pièce garde son fichier d’origine)' : ''}.`
        : `${options.computedIn ? `Computed ${options.computedIn}. ` : ''}Position as of ${frenchDate(asOf)}: invoices issued and payments dated after that day are ignored. Sources: ${sources.map((s) => s.name).join(', ')}${sources.length > 1 ? ' (consolidated; every item keeps its source file)' : ''}.`,
      fr
        ? `Montants TTC en euros, au centime. Balance âgée ${basis === 'due' ? 'sur la date d’échéance (une facture échue le jour de l’arrêté est non échue)' : 'sur la date de facture'}, tranches ${edges.join(', ')} jours. DSO : méthode simple (encours ÷ ventes des ${windows} derniers mois glissants × jours) et méthode par épuisement du chiffre d’affaires ; DSO meilleur possible sur le seul non-échu ; ADD = DSO − DSO meilleur possible ; CEI sur les mêmes ${windows} mois.`
        : `Amounts in euros including VAT, to the cent. Aged balance ${basis === 'due' ? 'on the due date (an invoice due on the as-of date is not due)' : 'on the invoice date'}, buckets ${edges.join(', ')} days. DSO: simple method (receivables ÷ sales of the last ${windows} rolling months × days) and countback; best possible DSO on not-yet-due receivables; ADD = DSO − best possible DSO; CEI over the same ${windows} months.`,
      fr
        ? 'Pénalités : art. L. 441-10 du code de commerce, taux BCE du semestre + 10 points (ou taux contractuel), du lendemain de l’échéance, sur le solde de chaque jour, /365 ; indemnité forfaitaire de 40 € par facture payée en retard (art. D. 441-5).'
        : 'Penalties: art. L. 441-10 French Commercial Code, ECB rate of the half-year + 10 points (or the contractual rate), from the day after the due date, on each day’s balance, /365; €40 fixed indemnity per invoice paid late (art. D. 441-5).',
    ],
  });

  const share = t.openCents > 0 ? (t.overdueCents / t.openCents) * 100 : null;
  sections.push({
    title: fr ? 'Indicateurs clés' : 'Headline figures',
    paragraphs: [],
    table: {
      head: fr ? ['Indicateur', 'Valeur', 'Définition'] : ['Figure', 'Value', 'Definition'],
      rows: [
        [fr ? 'Encours clients' : 'Receivables', { cents: t.openCents }, fr ? 'Σ des soldes ouverts à la date d’arrêté' : 'Σ open balances at the as-of date'],
        [fr ? 'Échu' : 'Overdue', { cents: t.overdueCents }, fr ? 'Soldes dont l’échéance est dépassée' : 'Balances past their due date'],
        [fr ? 'Part échue' : 'Overdue share', pct(share), fr ? 'Échu ÷ encours' : 'Overdue ÷ receivables'],
        [fr ? 'DSO (simple)' : 'DSO (simple)', dsoNote(dso.simple, { days: roundTenth(dso.simple) }), fr ? 'Encours ÷ ventes de la période × jours' : 'Receivables ÷ period sales × days'],
        [fr ? 'DSO (épuisement)' : 'DSO (countback)', { days: roundTenth(dso.countback) }, fr ? 'Mois de ventes récents couvrant l’encours' : 'Recent months of sales covering the receivables'],
        ['ADD', dsoNote(dso.addSimple, { days: roundTenth(dso.addSimple) }), fr ? 'DSO − DSO meilleur possible (simple)' : 'DSO − best possible DSO (simple)'],
        ['CEI', pct(dso.cei), fr ? 'Part de l’exigible effectivement encaissée' : 'Share of the collectible actually collected'],
        [fr ? 'Retard moyen pondéré' : 'Weighted days late', { days: roundTenth(t.weightedDaysLate) }, fr ? 'Σ(solde × retard) ÷ Σ solde, factures échues' : 'Σ(balance × days late) ÷ Σ balance, overdue invoices'],
      ],
    },
  });

  const top = [...aging.customers].sort((a, b) => b.openCents - a.openCents);
  sections.push({
    title: fr ? 'Balance âgée' : 'Aged balance',
    paragraphs: [fr ? `Total et dix premiers clients par encours (sur ${aging.customers.length} clients).` : `Total and the ten largest customers (out of ${aging.customers.length}).`],
    table: {
      head: [fr ? 'Client' : 'Customer', ...labels, 'Total'],
      rows: [[fr ? 'TOTAL' : 'TOTAL', ...t.buckets.map((b) => ({ cents: b })), { cents: t.openCents }], ...top.slice(0, 10).map((c) => [names.get(c.customerId) ?? c.customerId, ...c.buckets.map((b) => ({ cents: b })), { cents: c.openCents }])],
    },
    bars: { labels, values: t.buckets },
  });

  // DSO month by month over the last 12 month ends (as-of for the current month).
  const trend: (readonly ReportCell[])[] = [];
  for (let k = 11; k >= 0; k--) {
    const end = k === 0 ? asOf : endOfMonth(addMonths(startOfMonth(asOf), -k));
    const r = dsoFigures(ledger, { asOf: end, windows, ...manual });
    const monthStart = startOfMonth(end);
    let sales = 0;
    for (const inv of ledger.invoices) if (inv.kind !== 'payment' && !inv.isOpening && inv.issued !== null && inv.issued >= monthStart && inv.issued <= end) sales += inv.amount;
    trend.push([isoOf(end).slice(0, 7), { cents: sales }, { cents: r.receivables }, { days: roundTenth(r.simple) }, { days: roundTenth(r.countback) }]);
  }
  sections.push({
    title: fr ? 'Évolution du DSO' : 'DSO trend',
    paragraphs: [fr ? `Ventes du mois, encours en fin de mois et DSO sur les ${windows} mois glissants qui s’y terminent.` : `Sales of the month, receivables at month end and DSO over the ${windows} rolling months ending there.`],
    table: { head: fr ? ['Mois', 'Ventes TTC', 'Encours', 'DSO simple', 'DSO épuisement'] : ['Month', 'Sales', 'Receivables', 'Simple DSO', 'Countback DSO'], rows: trend },
    bars: { title: fr ? 'DSO simple, mois par mois (jours)' : 'Simple DSO, month by month (days)', unit: 'days', labels: trend.map((r) => r[0] as string), values: trend.map((r) => ((r[3] as { days: number | null }).days ?? 0)) },
  });

  // Penalty capture: interest and €40 legally due on every invoice paid late or still overdue (B2B and public).
  let interest = 0;
  let indemnity = 0;
  let lateInvoices = 0;
  let captureOpen = 0;
  let capturePaid = 0;
  let openLate = 0;
  for (const inv of ledger.invoices) {
    if (inv.kind !== 'invoice' || inv.due === null || !isIssuedBy(inv, asOf) || regimeOf(inv.customerId, workspace) === 'b2c') continue;
    const lastPayment = inv.payments.reduce<Day | null>((m, p) => (p.day !== null && p.day <= asOf && (m === null || p.day > m) ? p.day : m), null);
    const settledOn = openAt(inv, asOf) <= 0 ? lastPayment : null;
    const at = settledOn ?? asOf;
    if (at <= inv.due) continue;
    const p = invoicePenalty(inv, at, workspace, true);
    if (p.interestCents === 0 && p.indemnityCents === 0) continue;
    interest += p.interestCents;
    indemnity += p.indemnityCents;
    lateInvoices++;
    if (settledOn === null) {
      captureOpen += p.interestCents + p.indemnityCents;
      openLate++;
    } else capturePaid += p.interestCents + p.indemnityCents;
  }
  sections.push({
    title: fr ? 'Pénalités et indemnités non réclamées' : 'Penalties and indemnities not claimed',
    paragraphs: [
      fr
        ? `${lateInvoices} factures ont été ou sont payées en retard. La loi accorde sur elles {amount:${interest}} de pénalités de retard et {amount:${indemnity}} d’indemnités forfaitaires, soit {amount:${interest + indemnity}}, dus de plein droit même sans relance. Sauf facturation spécifique, ces sommes n’ont pas été réclamées.`
        : `${lateInvoices} invoices were or are paid late. The law grants {amount:${interest}} of late-payment interest and {amount:${indemnity}} of fixed indemnities on them, {amount:${interest + indemnity}} in all, due as of right without any reminder. Unless invoiced separately, they have not been claimed.`,
    ],
    table: {
      head: fr ? ['Factures', 'Nombre', 'Pénalités et indemnités'] : ['Invoices', 'Count', 'Interest and indemnities'],
      rows: [
        [fr ? 'encore ouvertes à la date d’arrêté' : 'still open at the as-of date', String(openLate), { cents: captureOpen }],
        [fr ? 'payées en retard' : 'paid late', String(lateInvoices - openLate), { cents: capturePaid }],
        [fr ? 'TOTAL' : 'TOTAL', String(lateInvoices), { cents: captureOpen + capturePaid }],
      ],
    },
  });

  const risks: (readonly ReportCell[])[] = [];
  for (const inv of ledger.invoices) {
    if (inv.kind !== 'invoice' || !isIssuedBy(inv, asOf) || openAt(inv, asOf) <= 0) continue;
    const p = prescription(inv, regimeOf(inv.customerId, workspace), asOf);
    if (p && p.alert !== null) risks.push([names.get(inv.customerId) ?? inv.customerId, inv.number, frenchDate(p.expires), { days: p.daysLeft }, { cents: openAt(inv, asOf) }]);
  }
  sections.push({
    title: fr ? 'Risques de prescription' : 'Limitation risks',
    paragraphs: [
      risks.length === 0
        ? fr
          ? 'Aucune créance ouverte n’arrive à prescription dans les six mois.'
          : 'No open claim becomes time-barred within six months.'
        : fr
          ? 'Créances prescrites ou qui le seront dans les six mois (5 ans entre professionnels, 2 ans envers un consommateur). Seule une action en justice, une mesure d’exécution ou une reconnaissance écrite du débiteur interrompt la prescription.'
          : 'Claims time-barred or becoming so within six months (5 years between businesses, 2 years against a consumer). Only a court action, an enforcement act or the debtor’s written acknowledgment interrupts the period.',
    ],
    ...(risks.length > 0 ? { table: { head: fr ? ['Client', 'Facture', 'Prescription', 'Jours restants', 'Solde'] : ['Customer', 'Invoice', 'Time-barred on', 'Days left', 'Balance'], rows: risks.slice(0, 40) } } : {}),
  });

  const conc = concentration(aging, 5);
  const topFiveShare = conc.topSharePercent;
  sections.push({
    title: fr ? 'Concentration' : 'Concentration',
    paragraphs: [
      fr
        ? `Les cinq premiers clients représentent ${topFiveShare === null ? 'une part non définie' : `${(Math.round(topFiveShare * 10) / 10).toString().replace('.', ',')} %`} de l’encours.`
        : `The five largest customers hold ${topFiveShare === null ? 'an undefined share' : `${Math.round(topFiveShare * 10) / 10}%`} of the receivables.`,
    ],
    table: { head: fr ? ['Client', 'Encours', 'Part'] : ['Customer', 'Receivables', 'Share'], rows: conc.top.map((c) => [names.get(c.customerId) ?? c.customerId, { cents: c.openCents }, pct(c.sharePercent)]) },
    bars: { labels: top.slice(0, 10).map((c) => names.get(c.customerId) ?? c.customerId), values: top.slice(0, 10).map((c) => c.openCents) },
  });

  // Collective procedures: the déclaration's deadline (BODACC + 2 months, 4 abroad) and where it stands.
  const procedures = workspace.statuses.filter((x) => x.invoiceNumber === null && x.status.kind === 'collective');
  if (procedures.length > 0) {
    const rows = procedures.map((x): readonly ReportCell[] => {
      const st = x.status as Extract<typeof x.status, { kind: 'collective' }>;
      const bodacc = dayFromIso(st.bodaccDate) ?? asOf;
      const deadline = addMonths(bodacc, st.isCreditorAbroad ? 4 : 2);
      return [names.get(x.customerId) ?? x.customerId, st.openingDate.split('-').reverse().join('/'), st.bodaccDate.split('-').reverse().join('/'), frenchDate(deadline), { days: deadline - asOf }];
    });
    sections.push({
      title: fr ? 'Procédures collectives' : 'Insolvency proceedings',
      paragraphs: [fr ? 'Clients en procédure collective : la créance se déclare au mandataire dans les deux mois de la publication au BODACC (quatre mois pour un créancier établi hors de France métropolitaine) ; passé ce délai, seul un relevé de forclusion, dans les six mois, la sauve.' : 'Customers in insolvency proceedings: claims are lodged with the mandataire within two months of the BODACC publication (four abroad); after that, only a relief from foreclosure, within six months, saves them.'],
      table: { head: fr ? ['Client', 'Jugement', 'BODACC', 'Date limite', 'Jours restants'] : ['Customer', 'Judgment', 'BODACC', 'Deadline', 'Days left'], rows },
    });
  }

  const warnings = sources.flatMap((s) => s.warnings.map((w) => `${s.name} — ${w}`));
  sections.push({
    title: fr ? 'Qualité des données' : 'Data quality',
    paragraphs: warnings.length === 0 ? [fr ? 'Aucun signalement à l’import.' : 'Nothing reported at import.'] : warnings.slice(0, 40),
  });

  const recommendations: string[] = [];
  // Over 90 days past due, whatever the buckets shown: measured on the due date.
  let over90 = 0;
  for (const inv of ledger.invoices) {
    const due = inv.due ?? inv.issued;
    if (!isIssuedBy(inv, asOf) || due === null || asOf - due <= 90) continue;
    over90 += openAt(inv, asOf);
  }
  if (share !== null && share > 30) recommendations.push(fr ? `L’échu représente ${Math.round(share)} % de l’encours : systématiser le rappel dès le lendemain de l’échéance et la relance à 15 jours.` : `Overdue amounts are ${Math.round(share)}% of receivables: send the reminder the day after the due date and the second reminder at 15 days, every time.`);
  if (t.openCents > 0 && over90 / t.openCents > 0.1) {
    const p = Math.round((over90 / t.openCents) * 1000) / 10;
    recommendations.push(fr ? `${String(p).replace('.', ',')} % de l’encours ({amount:${over90}}) a plus de 90 jours de retard : mettre en demeure puis engager l’injonction de payer ou la procédure des petites créances ; envisager une provision pour créances douteuses.` : `${p}% of receivables ({amount:${over90}}) is more than 90 days late: send formal notices, then payment orders or the small-claims procedure; consider a bad-debt provision.`);
  }
  if (interest + indemnity > 0) recommendations.push(fr ? `Réclamer les pénalités et indemnités dues ({amount:${interest + indemnity}}) au moins aux clients les plus en retard, et rappeler leurs conditions sur les factures.` : `Claim the interest and indemnities due ({amount:${interest + indemnity}}) at least from the latest payers, and restate the terms on the invoices.`);
  if (risks.length > 0) recommendations.push(fr ? `${risks.length} créances approchent de la prescription : agir en justice ou obtenir une reconnaissance écrite avant les dates indiquées.` : `${risks.length} claims are close to time-bar: go to court or obtain a written acknowledgment before the dates shown.`);
  if (topFiveShare !== null && topFiveShare > 50) recommendations.push(fr ? 'Plus de la moitié de l’encours repose sur cinq clients : suivre leur solvabilité et envisager une assurance-crédit.' : 'More than half of the receivables rests on five customers: watch their solvency and consider credit insurance.');
  if (dso.addSimple !== null && dso.addSimple > 15) recommendations.push(fr ? `Les retards ajoutent ${Math.round(dso.addSimple)} jours au DSO : c’est le gain possible par le seul respect des échéances.` : `Late payment adds ${Math.round(dso.addSimple)} days to DSO: the gain available from on-time payment alone.`);
  if (recommendations.length === 0) recommendations.push(fr ? 'Aucune anomalie majeure : maintenir le suivi mensuel.' : 'No major issue: keep the monthly follow-up.');
  sections.push({ title: fr ? 'Recommandations' : 'Recommendations', paragraphs: recommendations });

  // The executive summary, first and alone on its page: the findings that matter, each with its
  // figure, and the three first actions.
  const pct1 = (x: number) => (fr ? `${(Math.round(x * 10) / 10).toString().replace('.', ',')} %` : `${Math.round(x * 10) / 10}%`);
  const findings: string[] = [
    fr ? `Encours clients de {amount:${t.openCents}}, dont {amount:${t.overdueCents}} échus (${share === null ? 'part non définie' : pct1(share)}).` : `Receivables of {amount:${t.openCents}}, {amount:${t.overdueCents}} of it overdue (${share === null ? 'undefined share' : pct1(share)}).`,
    fr ? `Plus de 90 jours de retard : {amount:${over90}}${t.openCents > 0 ? ` (${pct1((over90 / t.openCents) * 100)} de l’encours)` : ''}.` : `More than 90 days late: {amount:${over90}}${t.openCents > 0 ? ` (${pct1((over90 / t.openCents) * 100)} of receivables)` : ''}.`,
    dso.simple === null
      ? fr ? 'DSO non significatif sur la période (voir la méthode).' : 'DSO not meaningful over the period (see the method).'
      : fr ? `DSO de ${String(roundTenth(dso.simple)).replace('.', ',')} jours sur ${windows} mois${dso.addSimple !== null ? `, dont ${String(roundTenth(dso.addSimple)).replace('.', ',')} jours dus aux retards` : ''}.` : `DSO of ${roundTenth(dso.simple)} days over ${windows} months${dso.addSimple !== null ? `, ${roundTenth(dso.addSimple)} days of it due to late payment` : ''}.`,
    fr ? `Pénalités et indemnités dues et non réclamées : {amount:${captureOpen + capturePaid}}, dont {amount:${captureOpen}} sur des factures encore ouvertes.` : `Interest and indemnities due and not claimed: {amount:${captureOpen + capturePaid}}, {amount:${captureOpen}} of it on invoices still open.`,
    topFiveShare === null ? (fr ? 'Concentration non définie.' : 'Concentration undefined.') : fr ? `Les cinq premiers clients portent ${pct1(topFiveShare)} de l’encours${risks.length > 0 ? ` ; ${risks.length} créances approchent de la prescription` : ''}.` : `The five largest customers hold ${pct1(topFiveShare)} of receivables${risks.length > 0 ? `; ${risks.length} claims are close to time-bar` : ''}.`,
  ];
  sections.unshift({
    title: fr ? 'Synthèse' : 'Executive summary',
    paragraphs: [fr ? 'Constats :' : 'Findings:', ...findings.map((f, i) => `${i + 1}. ${f}`), fr ? 'Actions prioritaires :' : 'First actions:', ...recommendations.slice(0, 3).map((r, i) => `${i + 1}. ${r}`)],
    ownPage: true,
  });

  return {
    lang,
    title: fr ? 'Audit des créances clients' : 'Receivables audit',
    subtitle: `${workspace.profile.company ? `${workspace.profile.company} — ` : ''}${fr ? 'situation au' : 'as of'} ${frenchDate(asOf)}`,
    asOf: isoOf(asOf),
    sections,
    currency: ledger.currency,
    ...(options.computedIn ? { computedIn: options.computedIn } : {}),
    figures: { openCents: t.openCents, overdueCents: t.overdueCents, penaltyCaptureCents: interest, indemnityCaptureCents: indemnity, captureOpenCents: captureOpen, capturePaidLateCents: capturePaid, topFiveShare, buckets: t.buckets, dsoSimple: dso.simple },
  };
}

