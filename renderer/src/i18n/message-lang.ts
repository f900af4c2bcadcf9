// The language the shared sentence tables (verdicts, parser problems) are said in for the
// UI's language: its base code when a table exists for it, else English.
import { MESSAGE_LANGS, type MessageLang } from '../../../shared/rules/message-words';

export function messageLang(lng: string | undefined): MessageLang {
  const base = (lng ?? 'en').slice(0, 2);
  return (MESSAGE_LANGS as readonly string[]).includes(base) ? (base as MessageLang) : 'en';
}
