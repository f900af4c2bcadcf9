// What the receipt will record as expiry when the clerk leaves it blank: the item's shelf life
// counted from the label's production date or date code (the runtime computes the same), or
// why it cannot be counted.
import { useTranslation } from 'react-i18next';
import { derivedExpiry, readDateCode } from '../../../../shared/rules/shelf-life';

export function ExpiryHint(props: { expiry: string; dateCode: string; productionDate: string | null; shelfLifeDays: number | null }) {
  const { t } = useTranslation();
  if (props.expiry || props.shelfLifeDays === null) return null;
  const code = props.dateCode.trim();
  if (code && !readDateCode(code).ok) return <small className="hint hint-warn" data-testid="expiry-hint">{t('receiving.dateCodeUnread', { code })}</small>;
  const d = derivedExpiry({ productionDate: props.productionDate ?? undefined, dateCode: code || undefined }, props.shelfLifeDays);
  if (!d) return <small className="hint hint-warn" data-testid="expiry-hint">{t('receiving.expiryNeeded', { days: props.shelfLifeDays })}</small>;
  return (
    <small className="hint" data-testid="expiry-hint">
      {t(d.from === 'date_code' ? 'receiving.expiryFromDateCode' : 'receiving.expiryFromProduction', { expiry: d.expiry, code, made: d.madeOn, days: props.shelfLifeDays })}
    </small>
  );
}
