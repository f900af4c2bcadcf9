// The site's routings (which pass-through operations each produced item passes, in order),
// read from resources/routings/routings.json and validated; a bad file is a clear error at the
// first pass-through scan, not a wrong operation offered.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RoutingsSchema, type Routings } from '../../../shared/rules/operations';
import { resourcesDir } from '../paths';

export function loadRoutings(file = join(resourcesDir(), 'routings', 'routings.json')): Routings {
  if (!existsSync(file)) return {};
  const parsed = RoutingsSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`routings file ${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}
