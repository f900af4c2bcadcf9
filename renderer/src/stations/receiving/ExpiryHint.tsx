// What the receipt will record as expiry when the clerk leaves it blank — decided by the same
// rule the runtime applies (shared/rules/shelf-life.ts) — or why it cannot be counted.
import { useTranslation } from 'react-i18next';
import { receivedExpiry } from '../../../../shared/rules/shelf-life';

export function ExpiryHint(props: { expiry: string; dateCode: string; productionDate: string | null; shelfLifeDays: number | null; today: string }) {
  const { t } = useTranslation();
  const code = props.dateCode.trim();
  const r = receivedExpiry({ expiry: props.expiry || undefined, productionDate: props.productionDate ?? undefined, dateCode: code || undefined }, props.shelfLifeDays ?? undefined, props.today);
  const warn = (text: string) => <small className="hint hint-warn" data-testid="expiry-hint">{text}</small>;
  switch (r.kind) {
    case 'given':
    case 'none':
      return null;
    case 'needed':
      return warn(t(`receiving.expiryNeeded.${r.why}`, { days: props.shelfLifeDays, code, made: props.productionDate }));
    case 'counted': {
      const text = t(r.from === 'date_code' ? 'receiving.expiryFromDateCode' : 'receiving.expiryFromProduction', { expiry: r.expiry, code, made: r.madeOn, days: props.shelfLifeDays });
      // Past already: the receipt will be refused as expired; say it before the clerk taps Receive.
      return r.expiry < props.today ? warn(`${text} ${t('receiving.expiryCountedPast')}`) : <small className="hint" data-testid="expiry-hint">{text}</small>;
    }
  }
}
