import { EDITOR_HELP } from './editor-help';
import { SCREEN_HELP } from './screen-help';
import { INAIL_HELP } from './inail-help';
import { DM20_HELP } from './dm20-help';

/**
 * The one "help di campo" catalogue (guide p. 71: the description of the field under the cursor, in the area at the
 * lower left of every screen). Pure data keyed by a stable field id: a `data-help` id, or an editor field path
 * (`data-field`) with its variable parts as `*`. The renderer looks texts up here only (components/FieldHelp.tsx).
 */
export const FIELD_HELP: Readonly<Record<string, string>> = { ...EDITOR_HELP, ...SCREEN_HELP, ...INAIL_HELP, ...DM20_HELP };

/** The catalogue key of an editor field path: subject key, year and row index become `*`. */
export function helpKey(path: string): string {
  return path
    .replace(/^soggetti\.[^.]+/, 'soggetti.*')
    .replace(/\.anni\.\d+/, '.anni.*')
    .replace(/\.pensioniEstere\.\d+/, '.pensioniEstere.*')
    .replace(/\.importo\.\d+$/, '.importo.*');
}

/** The help text of a field id or editor path, or null. */
export function helpFor(id: string): string | null {
  return FIELD_HELP[id] ?? FIELD_HELP[helpKey(id)] ?? null;
}
