/**
 * User-facing messages for every issue code, French first. `{name}` placeholders take the
 * issue's params. A test checks that both languages cover every code.
 */
import type { Issue, IssueCode } from '../core/index.ts';

export type { Lang } from '../core/lang.ts';
import type { Lang } from '../core/lang.ts';

type Messages = Record<IssueCode, string>;

export const ISSUE_MESSAGES: Record<Lang, Messages> = {
  fr: {
    EmptyFile: 'Le fichier est vide.',
    EncryptedFile: 'Le fichier est protégé par un mot de passe (chiffré). Ouvrez-le dans votre tableur, enregistrez une copie sans mot de passe, puis déposez cette copie.',
    NotASpreadsheet: "Ce fichier n'est pas un tableur ni un CSV ({what}). Formats acceptés : .xlsx, .xlsm, .xls, .ods, .csv, .txt.",
    CorruptFile: 'Le fichier est endommagé ou illisible ({detail}).',
    UnreadableFile: 'Le fichier ne peut pas être lu ({detail}).',
    FileTooLarge: 'Le fichier est trop volumineux ({megabytes} Mo ; maximum {max} Mo pour ce format). Exportez-le en CSV ou par période.',
    NoSheet: 'Le classeur ne contient aucune feuille.',
    NoHeaderRow: "Aucune ligne d'en-têtes n'a été trouvée dans la feuille « {sheet} ».",
    NoUsableColumn: 'Colonnes introuvables : {missing}. En-têtes lus : {headers}. Indiquez les colonnes dans le panneau de correspondance.',
    MissingAmountColumn: 'Aucune colonne de montant (TTC, reste dû, débit/crédit) : {missing}. En-têtes lus : {headers}. Indiquez les colonnes dans le panneau de correspondance.',
    NoDataRows: 'La feuille « {sheet} » ne contient aucune ligne de données exploitable (lignes écartées : {skipped} ; « draft » = brouillons ou factures annulées, que vous pouvez inclure).',
    HiddenSheet: 'Feuille masquée : « {sheet} ».',
    SheetChosen: 'Le classeur contient {count} feuilles ; la feuille « {sheet} » a été choisie parce qu’elle ressemble le plus à un grand livre clients. Vous pouvez en choisir une autre.',
    EncodingGuessed: "L'encodage du texte a été reconnu comme {encoding}. Si des accents s'affichent mal, choisissez-en un autre.",
    CsvParseError: 'Ligne CSV mal formée ({detail}).',
    CellOutOfRange: "La feuille « {sheet} » déclare une cellule en {ref}, au-delà des limites d'une feuille Excel (1 048 576 lignes, colonne XFD) : le fichier est refusé. Réenregistrez-le depuis Excel ou LibreOffice.",
    TooManyColumns: 'La feuille a {count} colonnes : seules les {max} premières sont lues.',
    FecNoLettrage: "Aucun lettrage sur les comptes clients de ce FEC : les règlements de chaque client ont été imputés sur ses factures les plus anciennes (hypothèse). Le solde par client est exact ; l'âge des pièces est estimé.",
    FecDueDatesDerived: "Le FEC ne contient pas d'échéances : {count} échéances sont calculées avec le délai de paiement des réglages (réglable).",
    FecOpeningEntries: "{count} pièces viennent des à-nouveaux : leur âge est compté depuis la date d'ouverture de l'exercice, pas depuis la facture d'origine, et elles ne comptent pas dans les ventes de la période.",
    AmbiguousDateOrder: "Les dates de cette colonne se lisent aussi bien jour/mois que mois/jour ; elles ont été lues {order}. Vérifiez et changez l'ordre si besoin.",
    InconsistentDateOrder: 'Cette colonne mélange des dates jour/mois et mois/jour ; elles ont été lues {order}. Certaines dates sont sans doute fausses : corrigez le fichier.',
    PaymentDateGuessed: "La colonne {column} contient des dates et son titre parle de règlement : elle est lue comme la date de paiement (les règlements datés après la date d'arrêté sont ignorés à cette date). Corrigez dans la correspondance des colonnes si besoin.",
    MovementsLayout: "Fichier de mouvements (une ligne par facture, avoir ou règlement) : {invoices} factures, {credits} avoirs, {payments} règlements ; {linked} rattachés à leur facture (colonne « facture réglée » ou numéro dans le libellé), {onAccount} gardés comme avoir ou acompte du client.",
    UnknownMovementType: "{count} lignes ont un type de mouvement inconnu (par exemple « {value} ») : elles sont ignorées. Types reconnus : facture, avoir, règlement / invoice, credit note, payment.",
    SectionsLayout: "Rapport par client : {sections} en-têtes de client lus (par exemple « {example} »), chaque ligne rattachée au client de sa section.",
    SelfCheckDiffers: "Écart avec les totaux du fichier ({source}) : le fichier indique {file}, le calcul donne {computed} (écart {difference}). Vérifiez les lignes {rows}.",
    PaymentsExceedInvoices: "{count} clients ont plus de règlements que de factures (par exemple {customer}) : vérifiez le fichier ; ils ne sont relancés pour rien.",
    MixedDateTypes: 'Cette colonne mélange {dates} vraies dates et {texts} dates écrites en texte : signe habituel d’un fichier réenregistré avec une autre langue, où jour et mois ont pu être inversés. Vérifiez les dates avant de vous fier au DSO.',
    AmountsStoredAsText: '{count} montants sont enregistrés comme du texte dans le tableur ; ils ont été convertis.',
    ChannelUnrecognized: '{count} valeurs du canal d’envoi ne disent ni papier ni facture électronique (la première à cette ligne) : ces factures sont lues sans canal, et la prédiction ne s’en sert pas pour elles.',
    HtOnlyAmounts: 'Seuls des montants HT ont été trouvés : le DSO est calculé en HT, alors que les créances se suivent normalement en TTC.',
    MixedCurrencies: '{count} lignes en {currency} ont été laissées de côté : les calculs portent sur la devise principale ({main}).',
    InvalidAmount: 'Montant illisible ; la ligne est ignorée.',
    InvalidDate: 'Date illisible ; elle est laissée vide.',
    MissingCustomer: 'Ligne sans client.',
    SubCentAmount: 'Montant avec plus de deux décimales, arrondi au centime.',
    DuplicateInvoice: 'Le numéro de facture {number} apparaît plusieurs fois ({customers}).',
    InconsistentOpenAmount: 'Le reste dû ne correspond pas au montant moins le réglé ; le reste dû a été retenu.',
    MissingDueDate: "{count} factures sans date d'échéance (la première à cette ligne) : leur échéance est calculée avec le délai de paiement des réglages.",
    DueDatesDerived: "{count} échéances calculées faute d'échéance dans le fichier : {days} jours après la date de facture (délai par défaut, art. L441-10 du Code de commerce ; réglable), dont {own} avec le délai propre du client.",
    EInvoiceRefused: '{file} : pas lu comme facture électronique — {reason} ({detail}).',
    EInvoicePdfWithoutXml: '{file} : ce PDF ne contient pas de facture Factur-X ou ZUGFeRD (aucun fichier factur-x.xml, zugferd-invoice.xml ou xrechnung.xml joint) ; il faut la facture au format électronique, ou l’export du logiciel de facturation.',
    EInvoiceOtherSeller: '{count} factures émises par un autre vendeur que vous ({seller}) mises à part : ce sont des factures reçues, pas des créances.',
    EInvoiceOtherCurrency: '{file} : facture en {currency}, mise à part (les chiffres sont en {main}).',
    EInvoiceDuplicate: '{file} : la facture {number} a déjà été lue dans {first} ; gardée une seule fois.',
    EInvoiceMentionsMissing: 'Mentions obligatoires absentes (sur {count} factures) : {siren} sans SIREN de l’acheteur, {category} sans catégorie de l’opération (biens, services ou les deux), {debits} de services sans l’option pour la TVA d’après les débits ni son absence, {penalty} sans taux des pénalités de retard, {indemnity} sans l’indemnité forfaitaire de 40 € ; une mention manquante affaiblit la réclamation.',
    BankPaymentsNotInLedger: "{count} règlement(s) accepté(s) depuis un relevé bancaire portent sur des factures que ce fichier n'a pas (client et numéro) : ils ne comptent dans aucun chiffre. Ils restent dans l'historique (Historique › Paiements rapprochés), d'où on peut les annuler.",
    DsoNotMeaningful: "Le DSO simple n'est pas significatif : il dépasserait la durée de tout l'historique du fichier (les ventes des {windows} derniers mois sont infimes au regard de l'encours, par exemple une date d'arrêté bien postérieure à la dernière facture).",
    DueBeforeIssue: "L'échéance ({due}) est antérieure à la date de facture ({issued}).",
    PaymentAfterAsOf: '{count} règlements sont datés après le {asOf} : ils sont ignorés à cette date.',
    PaymentAfterAsOfRow: 'Règlement du {date} sur la facture {invoice}, postérieur à la date d’arrêté : ignoré à cette date.',
    InvoiceAfterAsOf: '{count} factures sont datées après le {asOf} : elles sont ignorées à cette date.',
    UndatedItems: '{count} pièces sans aucune date sont comptées comme non échues.',
    OpenItemsOnly: "Le fichier ne contient que des pièces ouvertes (aucun règlement) : le DSO a besoin du chiffre d'affaires TTC de la période. Saisissez les ventes mensuelles pour un DSO fiable.",
    ManualSalesUsed: "Le DSO utilise le chiffre d'affaires mensuel que vous avez saisi.",
    ContractRateBelowFloor: "Le taux contractuel de {customer} ({rate} %) est inférieur au plancher légal de 3 fois le taux d'intérêt légal au semestre {halfYear} ({floor} %, art. L441-10 du Code de commerce). Vérifiez la clause : le plancher, voire le taux légal par défaut (BCE + 10 points), peut s'appliquer.",
    WorkspaceRefused: "Ce fichier n'est pas un espace de travail Relance valide ({detail}) : rien n'a été modifié.",
    RateUnknownForHalfYear: "Le taux BCE du semestre {halfYear} n'est pas dans la table fournie (taux connus jusqu'au {knownUntil}) : les pénalités de ce semestre utilisent le dernier taux connu ; saisissez le taux pour les corriger.",
    TooManyIssues: '{count} signalements de ce type ({code}) ; seuls les {shown} premiers sont affichés.',
  },
  en: {
    EmptyFile: 'The file is empty.',
    EncryptedFile: 'The file is password-protected (encrypted). Open it in your spreadsheet program, save a copy without a password, and drop that copy.',
    NotASpreadsheet: 'This file is not a spreadsheet or a CSV ({what}). Accepted formats: .xlsx, .xlsm, .xls, .ods, .csv, .txt.',
    CorruptFile: 'The file is damaged or unreadable ({detail}).',
    UnreadableFile: 'The file cannot be read ({detail}).',
    FileTooLarge: 'The file is too large ({megabytes} MB; at most {max} MB for this format). Export it as CSV or by period.',
    NoSheet: 'The workbook has no sheet.',
    NoHeaderRow: 'No header row was found in sheet "{sheet}".',
    NoUsableColumn: 'Columns not found: {missing}. Headers read: {headers}. Choose the columns in the mapping panel.',
    MissingAmountColumn: 'No amount column (total, balance due, debit/credit): {missing}. Headers read: {headers}. Choose the columns in the mapping panel.',
    NoDataRows: 'Sheet "{sheet}" has no usable data row (rows left out: {skipped}; "draft" = draft or cancelled invoices, which you can include).',
    HiddenSheet: 'Hidden sheet: "{sheet}".',
    SheetChosen: 'The workbook has {count} sheets; "{sheet}" was chosen because it looks most like a receivables ledger. You can pick another one.',
    EncodingGuessed: 'The text encoding was recognised as {encoding}. If accents look wrong, pick another one.',
    CsvParseError: 'Malformed CSV line ({detail}).',
    CellOutOfRange: 'Sheet “{sheet}” declares a cell at {ref}, beyond the limits of an Excel sheet (1,048,576 rows, column XFD): the file is refused. Save it again from Excel or LibreOffice.',
    TooManyColumns: 'The sheet has {count} columns: only the first {max} are read.',
    FecNoLettrage: "No matching (lettrage) on this FEC's customer accounts: each customer's payments were applied to its oldest invoices (an assumption). Balances per customer are exact; the age of items is estimated.",
    FecDueDatesDerived: 'The FEC has no due dates: {count} due dates are derived from the payment terms in the settings (adjustable).',
    FecOpeningEntries: '{count} items come from the opening entries (à-nouveaux): their age runs from the opening of the year, not from the original invoice, and they are not counted as sales of the period.',
    AmbiguousDateOrder: 'The dates of this column read equally as day/month or month/day; they were read {order}. Check, and change the order if needed.',
    InconsistentDateOrder: 'This column mixes day/month and month/day dates; they were read {order}. Some dates are probably wrong: fix the file.',
    PaymentDateGuessed: "Column {column} holds dates and its title speaks of payment: it is read as the payment date (payments dated after the as-of date are ignored at that date). Correct the column mapping if needed.",
    MovementsLayout: 'Movements file (one row per invoice, credit note or payment): {invoices} invoices, {credits} credit notes, {payments} payments; {linked} linked to their invoice ("applied to" column or number in the label), {onAccount} kept as the customer’s credit on account.',
    UnknownMovementType: '{count} rows have an unknown movement type (e.g. “{value}”): they are ignored. Known types: invoice, credit note, payment / facture, avoir, règlement.',
    SectionsLayout: 'Report by customer: {sections} customer headings read (e.g. “{example}”), every row attached to the customer of its section.',
    SelfCheckDiffers: 'Differs from the file’s own totals ({source}): the file says {file}, the computation gives {computed} (difference {difference}). Check rows {rows}.',
    PaymentsExceedInvoices: '{count} customers have more payments than invoices (e.g. {customer}): check the file; nobody is chased for them.',
    MixedDateTypes: 'This column mixes {dates} real dates and {texts} dates written as text: the usual sign of a file re-saved under another locale, where day and month may have been swapped. Check the dates before trusting the DSO.',
    AmountsStoredAsText: '{count} amounts are stored as text in the spreadsheet; they were converted.',
    ChannelUnrecognized: '{count} sending-channel values say neither paper nor e-invoice (the first on this row): those invoices are read without a channel, and the prediction does not use it for them.',
    HtOnlyAmounts: 'Only tax-exclusive (HT) amounts were found: DSO is computed on HT, whereas receivables are normally followed tax-inclusive.',
    MixedCurrencies: '{count} rows in {currency} were left out: figures are in the main currency ({main}).',
    InvalidAmount: 'Unreadable amount; the row is skipped.',
    InvalidDate: 'Unreadable date; it is left empty.',
    MissingCustomer: 'Row with no customer.',
    SubCentAmount: 'Amount with more than two decimals, rounded to the cent.',
    DuplicateInvoice: 'Invoice number {number} appears more than once ({customers}).',
    InconsistentOpenAmount: 'The balance due does not equal amount minus paid; the balance due was used.',
    MissingDueDate: '{count} invoices have no due date (the first on this row): their due date is derived from the payment terms in the settings.',
    DueDatesDerived: '{count} due dates derived because the file has none: {days} days after the invoice date (default terms, art. L441-10 Code de commerce; adjustable), {own} of them with the customer’s own terms.',
    EInvoiceRefused: '{file}: not read as an e-invoice — {reason} ({detail}).',
    EInvoicePdfWithoutXml: '{file}: this PDF carries no Factur-X or ZUGFeRD invoice (no factur-x.xml, zugferd-invoice.xml or xrechnung.xml attached); the electronic invoice, or the invoicing software’s export, is needed.',
    EInvoiceOtherSeller: '{count} invoices issued by a seller other than you ({seller}) set apart: they are invoices received, not receivables.',
    EInvoiceOtherCurrency: '{file}: invoice in {currency}, set apart (figures are in {main}).',
    EInvoiceDuplicate: '{file}: invoice {number} was already read in {first}; kept once.',
    EInvoiceMentionsMissing: 'Mandatory mentions missing (of {count} invoices): {siren} without the buyer’s SIREN, {category} without the category of operation (goods, services or both), {debits} for services without saying whether VAT is due on debits, {penalty} without the late-payment interest rate, {indemnity} without the €40 fixed indemnity; a missing mention weakens the claim.',
    BankPaymentsNotInLedger: '{count} payment(s) accepted from a bank statement concern invoices this file does not have (customer and number): they count in no figure. They stay in the history (History › Payments matched), where they can be undone.',
    DsoNotMeaningful: 'The simple DSO is not meaningful: it would be longer than the file’s whole history (the sales of the last {windows} months are tiny against the receivables, e.g. an as-of date long after the last invoice).',
    DueBeforeIssue: 'The due date ({due}) is before the invoice date ({issued}).',
    PaymentAfterAsOf: '{count} payments are dated after {asOf}: they are ignored at that date.',
    PaymentAfterAsOfRow: 'Payment of {date} on invoice {invoice}, after the as-of date: ignored at that date.',
    InvoiceAfterAsOf: '{count} invoices are dated after {asOf}: they are ignored at that date.',
    UndatedItems: '{count} items with no date at all are counted as not yet due.',
    OpenItemsOnly: 'The file lists open items only (no payment): DSO needs the period’s sales including tax. Enter the monthly sales for a reliable DSO.',
    ManualSalesUsed: 'DSO uses the monthly sales you entered.',
    ContractRateBelowFloor: 'The contractual rate of {customer} ({rate} %) is below the legal floor of 3 × the legal interest rate in half-year {halfYear} ({floor} %, art. L441-10 Code de commerce). Check the clause: the floor, or even the default rate (ECB + 10 points), may apply.',
    WorkspaceRefused: 'This file is not a valid Relance workspace ({detail}): nothing was changed.',
    RateUnknownForHalfYear: 'The ECB rate for half-year {halfYear} is not in the shipped table (rates known up to {knownUntil}): penalties for that half-year use the latest known rate; enter the rate to correct them.',
    TooManyIssues: '{count} reports of this kind ({code}); only the first {shown} are shown.',
  },
};

/** Why an e-invoice file was not read (the `reason` param of EInvoiceRefused). */
const EINVOICE_REASONS: Record<Lang, Record<string, string>> = {
  fr: { NotAnInvoice: 'ce n’est pas une facture ni un avoir', MissingField: 'champ obligatoire absent', XmlRefused: 'XML refusé (déclaration de type de document, entité ou structure mal formée)', PdfUnreadable: 'PDF illisible' },
  en: { NotAnInvoice: 'not an invoice nor a credit note', MissingField: 'mandatory field missing', XmlRefused: 'XML refused (document type declaration, entity or malformed structure)', PdfUnreadable: 'unreadable PDF' },
};

const ORDER_WORDS: Record<Lang, Record<string, string>> = {
  fr: { dmy: 'jour/mois/année', mdy: 'mois/jour/année' },
  en: { dmy: 'day/month/year', mdy: 'month/day/year' },
};

export function interpolate(template: string, params: Readonly<Record<string, string | number>> | undefined, lang: Lang): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    const v = params?.[key];
    if (v === undefined) return '';
    if (key === 'order') return ORDER_WORDS[lang][String(v)] ?? String(v);
    if (key === 'reason') return EINVOICE_REASONS[lang][String(v)] ?? String(v);
    if (typeof v === 'number') return v.toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB');
    return v;
  });
}

/** The message of an issue, without its place. */
export function issueMessage(issue: Issue, lang: Lang): string {
  const params = issue.sheet !== undefined ? { sheet: issue.sheet, ...issue.params } : issue.params;
  return interpolate(ISSUE_MESSAGES[lang][issue.code], params, lang);
}

/** "Feuille X, ligne 12, colonne C (Échéance), valeur « abc » : message" */
export function describeIssue(issue: Issue, lang: Lang): string {
  const parts: string[] = [];
  const w = lang === 'fr' ? { sheet: 'feuille', row: 'ligne', column: 'colonne', value: 'valeur' } : { sheet: 'sheet', row: 'row', column: 'column', value: 'value' };
  if (issue.sheet !== undefined) parts.push(`${w.sheet} « ${issue.sheet} »`.replace(/« (.*) »/, lang === 'fr' ? '« $1 »' : '"$1"'));
  if (issue.row !== undefined) parts.push(`${w.row} ${issue.row}`);
  if (issue.column !== undefined) parts.push(`${w.column} ${issue.column}`);
  if (issue.value !== undefined) parts.push(lang === 'fr' ? `${w.value} « ${issue.value} »` : `${w.value} "${issue.value}"`);
  const where = parts.join(', ');
  const message = issueMessage(issue, lang);
  if (where === '') return message;
  return `${where.charAt(0).toUpperCase()}${where.slice(1)}${lang === 'fr' ? ' : ' : ': '}${message}`;
}
