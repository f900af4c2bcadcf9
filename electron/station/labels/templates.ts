// Loads the label templates shipped in resources/labels/ (one JSON file per template, its
// example data beside it as <id>.example.json) and the images they place.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, normalize, sep } from 'node:path';
import type { LabelData } from '../../../shared/label/bind';
import { fail, fieldsOf, ok, parseTemplate, type DataField, type LabelError, type LabelResult, type LabelTemplate } from '../../../shared/label/template';
import { resourcesDir } from '../paths';

export const labelsDir = (): string => join(resourcesDir(), 'labels');

export interface LoadedTemplate {
  readonly template: LabelTemplate;
  readonly file: string;
  readonly example: LabelData | undefined;
}

export interface TemplateSummary {
  readonly id: string;
  readonly name: string;
  readonly widthMm: number;
  readonly heightMm: number;
  readonly dpi: number;
  readonly fields: readonly { readonly name: string; readonly type: DataField['type']; readonly required: boolean; readonly label: string }[];
}

function readJson(file: string): LabelResult<unknown> {
  try {
    return ok(JSON.parse(readFileSync(file, 'utf8')) as unknown);
  } catch (err) {
    return fail([{ field: file, message: `cannot read it as JSON: ${(err as Error).message}` }]);
  }
}

export function loadTemplateFile(file: string): LabelResult<LoadedTemplate> {
  const json = readJson(file);
  if (!json.ok) return json;
  const t = parseTemplate(json.value);
  if (!t.ok) return fail(t.errors.map((e) => ({ field: `${file}: ${e.field}`, message: e.message })));
  const exampleFile = file.replace(/\.json$/, '.example.json');
  let example: LabelData | undefined;
  if (existsSync(exampleFile)) {
    const ex = readJson(exampleFile);
    if (!ex.ok) return ex;
    example = ex.value as LabelData;
  }
  return ok({ template: t.value, file, example });
}

/** Every template in the folder; one broken file fails the lot, naming the file, so it is fixed before a print. */
export function loadTemplates(dir: string = labelsDir()): LabelResult<LoadedTemplate[]> {
  const files = readdirSync(dir).filter((f) => f.endsWith('.json') && !f.endsWith('.example.json')).sort();
  const out: LoadedTemplate[] = [];
  const errors: LabelError[] = [];
  for (const f of files) {
    const r = loadTemplateFile(join(dir, f));
    if (!r.ok) errors.push(...r.errors);
    else if (r.value.template.id !== f.replace(/\.json$/, '')) errors.push({ field: join(dir, f), message: `declares id "${r.value.template.id}"; the file must be named ${r.value.template.id}.json` });
    else out.push(r.value);
  }
  return errors.length ? fail(errors) : ok(out);
}

export function loadTemplate(id: string, dir: string = labelsDir()): LabelResult<LoadedTemplate> {
  if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(id)) return fail([{ field: 'template', message: `"${id}" is not a template id` }]);
  const file = join(dir, `${id}.json`);
  if (!existsSync(file)) return fail([{ field: 'template', message: `there is no template "${id}" in ${dir}` }]);
  return loadTemplateFile(file);
}

export function summarize(t: LabelTemplate): TemplateSummary {
  const used = new Set(t.elements.flatMap(fieldsOf));
  return {
    id: t.id,
    name: t.name,
    widthMm: t.widthMm,
    heightMm: t.heightMm,
    dpi: t.dpi,
    fields: Object.entries(t.fields)
      .filter(([name]) => used.has(name))
      .map(([name, f]) => ({ name, type: f.type, required: f.required, label: f.label ?? name })),
  };
}

/** Reads an image a template places; `src` is relative to the labels folder and cannot leave it. */
export function readLabelImage(src: string, dir: string = labelsDir()): Buffer {
  const file = normalize(join(dir, src));
  if (!file.startsWith(normalize(dir) + sep)) throw new Error(`image "${src}" is outside ${dir}`);
  return readFileSync(file);
}
