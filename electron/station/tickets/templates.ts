// Loads ticket templates (job traveler, kitting list, shift summary) from resources/tickets/:
// `<id>.json` in English, and beside it `<id>.<lang>.json` for each language a plant prints in.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TicketTemplateSchema, type TicketTemplate } from '../../../shared/ticket/template';
import { resourcesDir } from '../paths';

export function ticketsDir(): string {
  return join(resourcesDir(), 'tickets');
}

/**
 * The template in `lang` when the folder has one, else the English one: a plant that edits only
 * its English traveler still prints, and a language added to the UI before its tickets falls back.
 */
export function loadTicketTemplate(id: string, lang?: string, dir = ticketsDir()): TicketTemplate {
  if (!/^[a-z0-9-]+$/.test(id)) throw new Error(`"${id}" is not a ticket template id`);
  if (lang !== undefined && !/^[a-z]{2}$/.test(lang)) throw new Error(`"${lang}" is not a language code`);
  const translated = lang && lang !== 'en' ? join(dir, `${id}.${lang}.json`) : null;
  const file = translated && existsSync(translated) ? translated : join(dir, `${id}.json`);
  if (!existsSync(file)) throw new Error(`no ticket template "${id}" in ${dir}`);
  const parsed = TicketTemplateSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`ticket template ${id}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  if (parsed.data.id !== id) throw new Error(`ticket template ${file} says it is "${parsed.data.id}", not "${id}"`);
  return parsed.data;
}
