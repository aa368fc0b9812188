/** Why an action is proposed, in words (the engine gives codes and figures). */
import type { ActionReason } from '../../../core/index.ts';
import type { Lang } from '../../../core/lang.ts';
import { formatIsoDate } from '../../../format/format.ts';
import { t, type UiKey } from '../../../i18n/ui.ts';

export function reasonText(r: ActionReason, lang: Lang): string {
  switch (r.code) {
    case 'OldestInvoiceLate':
      return t(lang, 'reason.OldestInvoiceLate', { invoice: r.invoice, days: r.days });
    case 'NextAfterPrevious':
      return t(lang, 'reason.NextAfterPrevious', { previous: t(lang, `step.${r.previous}` as UiKey), date: formatIsoDate(r.previousDate), since: r.daysSince, days: r.days });
    case 'CollectiveProcedure':
      return t(lang, 'reason.CollectiveProcedure', { opening: formatIsoDate(r.openingDate), deadline: formatIsoDate(r.deadline) });
    case 'PlanInstalmentMissed':
      return t(lang, 'reason.PlanInstalmentMissed', { due: formatIsoDate(r.due) });
    case 'DueSoon':
      return t(lang, 'reason.DueSoon', { invoice: r.invoice, days: r.days });
    case 'FormalNoticeFirst':
      return t(lang, 'reason.FormalNoticeFirst');
  }
}
