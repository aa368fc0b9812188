/**
 * Problems found in user data, as data (PapaParse-style): a code, a severity and the place
 * (sheet, row, column, value). Messages live in src/i18n, keyed by code.
 */

export type IssueCode =
  // File level
  | 'EmptyFile'
  | 'EncryptedFile'
  | 'NotASpreadsheet'
  | 'CorruptFile'
  | 'UnreadableFile'
  | 'FileTooLarge'
  | 'NoSheet'
  | 'NoHeaderRow'
  | 'NoUsableColumn'
  | 'MissingAmountColumn'
  | 'NoDataRows'
  | 'HiddenSheet'
  | 'SheetChosen'
  | 'EncodingGuessed'
  | 'CsvParseError'
  | 'TooManyColumns'
  | 'CellOutOfRange'
  | 'FecNoLettrage'
  | 'FecDueDatesDerived'
  | 'FecOpeningEntries'
  // Column level
  | 'AmbiguousDateOrder'
  | 'InconsistentDateOrder'
  | 'MixedDateTypes'
  | 'PaymentDateGuessed'
  | 'MovementsLayout'
  | 'UnknownMovementType'
  | 'SectionsLayout'
  | 'SelfCheckDiffers'
  | 'PaymentsExceedInvoices'
  | 'AmountsStoredAsText'
  | 'ChannelUnrecognized'
  | 'HtOnlyAmounts'
  | 'MixedCurrencies'
  // E-invoices
  | 'EInvoiceRefused'
  | 'EInvoicePdfWithoutXml'
  | 'EInvoiceOtherSeller'
  | 'EInvoiceOtherCurrency'
  | 'EInvoiceDuplicate'
  | 'EInvoiceMentionsMissing'
  // Row level
  | 'InvalidAmount'
  | 'InvalidDate'
  | 'MissingCustomer'
  | 'SubCentAmount'
  | 'DuplicateInvoice'
  | 'InconsistentOpenAmount'
  // Analysis level
  | 'MissingDueDate'
  | 'DueDatesDerived'
  | 'DsoNotMeaningful'
  | 'BankPaymentsNotInLedger'
  | 'DueBeforeIssue'
  | 'PaymentAfterAsOf'
  | 'PaymentAfterAsOfRow'
  | 'InvoiceAfterAsOf'
  | 'UndatedItems'
  | 'OpenItemsOnly'
  | 'ManualSalesUsed'
  | 'RateUnknownForHalfYear'
  | 'ContractRateBelowFloor'
  | 'WorkspaceRefused'
  | 'TooManyIssues';

export type Severity = 'error' | 'warning' | 'info';

export type Issue = {
  readonly code: IssueCode;
  readonly severity: Severity;
  readonly sheet?: string;
  /** 1-based row as the spreadsheet shows it. */
  readonly row?: number;
  /** Column letter and header, e.g. `C (Échéance)`. */
  readonly column?: string;
  /** The offending value, as found (cut to 80 characters). */
  readonly value?: string;
  readonly params?: Readonly<Record<string, string | number>>;
};

/** Collects issues, keeping at most `perCode` of each code and counting the rest. */
export class IssueList {
  readonly items: Issue[] = [];
  private readonly counts = new Map<IssueCode, number>();
  private readonly perCode: number;

  constructor(perCode = 100) {
    this.perCode = perCode;
  }

  add(issue: Issue): void {
    const n = (this.counts.get(issue.code) ?? 0) + 1;
    this.counts.set(issue.code, n);
    if (n <= this.perCode) {
      const value = issue.value !== undefined && issue.value.length > 80 ? `${issue.value.slice(0, 79)}…` : issue.value;
      this.items.push(value === undefined ? issue : { ...issue, value });
    }
  }

  count(code: IssueCode): number {
    return this.counts.get(code) ?? 0;
  }

  /** The kept issues plus one `TooManyIssues` line per code that overflowed. */
  toArray(): Issue[] {
    const out = [...this.items];
    for (const [code, n] of this.counts) {
      if (n > this.perCode) {
        out.push({ code: 'TooManyIssues', severity: 'info', params: { code, count: n, shown: this.perCode } });
      }
    }
    return out;
  }
}
