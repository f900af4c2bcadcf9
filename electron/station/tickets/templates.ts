// Loads ticket templates (job traveler, kitting list, shift summary) from resources/tickets/.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TicketTemplateSchema, type TicketTemplate } from '../../../shared/ticket/template';
import { resourcesDir } from '../paths';

export function ticketsDir(): string {
  return join(resourcesDir(), 'tickets');
}

export function loadTicketTemplate(id: string, dir = ticketsDir()): TicketTemplate {
  if (!/^[a-z0-9-]+$/.test(id)) throw new Error(`"${id}" is not a ticket template id`);
  const file = join(dir, `${id}.json`);
  if (!existsSync(file)) throw new Error(`no ticket template "${id}" in ${dir}`);
  const parsed = TicketTemplateSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`ticket template ${id}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}
