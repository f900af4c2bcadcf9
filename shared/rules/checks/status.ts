// Only released lots are used: quarantine, hold, QA rejection, recall or a consumed record stop the scan.
import { makeReason } from '../reason';
import type { Reason } from '../verdict';
import { lotRef, type CheckEnv } from './env';

export function checkStatus(env: CheckEnv): Reason | null {
  const status = env.lot.status;
  return status === 'released' ? null : makeReason('lot_not_released', { ...lotRef(env), status });
}
