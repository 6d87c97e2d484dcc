/**
 * Issue 11 points 18–19: the one "help di campo" catalogue (src-shared/help) covers every field id the renderer
 * uses, and every Guida RED section a screen names exists. The ids are read from the renderer's source with the
 * TypeScript parser (JSX `data-help`, `data-field`, `helpId`, the `path` of the editor's field components, and
 * `helpId:` in object literals), never copied by hand into this test.
 */
import ts from 'typescript';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EDITOR_HELP } from '#shared/help/editor-help';
import { SCREEN_HELP } from '#shared/help/screen-help';
import { FIELD_HELP, helpFor, helpKey } from '#shared/help/field-help';
import { GUIDA_MONITOR_TAB, GUIDA_SECTIONS, guidaText, searchGuida } from '#shared/guida/sections';
import { fieldPath } from '#shared/rules/types';
import { INCOME_ROWS } from '#shared/domain/red-document';
import { TABS } from '#shared/status/statuses';
import { RED2009_LAYOUT } from '#shared/campaigns/red2009/stringa-caf-layout';
import { EXPORT_KINDS, VARIE_PRINTS } from '#shared/print/api';

const root = fileURLToPath(new URL('../../src-renderer', import.meta.url));

/** What a `*` of a dynamic id stands for, from the data the renderer iterates over. */
const EXPANSIONS: Readonly<Record<string, readonly string[]>> = {
  'monitor.tab.*': TABS,
  'nuovo.matricola.*': RED2009_LAYOUT.fields.map((f) => f.key),
  'stampeVarie.*': [...EXPORT_KINDS, ...VARIE_PRINTS],
  'soggetti.*.anni.*.righi.*': INCOME_ROWS,
};

const HELP_ATTRS = new Set(['data-help', 'data-field', 'helpId']);
const GUIDA_ATTRS = new Set(['data-guida', 'guida']);
/** Props that carry an id through a component: their values are collected where they are written. */
const PASS_THROUGH = new Set(['helpId', 'path']);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(n) ? [p] : [];
  });
}

interface Scan {
  help: Map<string, string>; // id → first place it is used
  guida: Map<string, string>;
  problems: string[];
}

function scanRenderer(): Scan {
  const scan: Scan = { help: new Map(), guida: new Map(), problems: [] };
  for (const file of files(root)) {
    const text = readFileSync(file, 'utf8');
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
    const where = (n: ts.Node) => `${relative(root, file)}:${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1}`;
    const decls = new Map<string, ts.Expression[]>();
    const collectDecls = (n: ts.Node) => {
      if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer) decls.set(n.name.text, [...(decls.get(n.name.text) ?? []), n.initializer]);
      ts.forEachChild(n, collectDecls);
    };
    collectDecls(sf);

    /** The ids an expression can take, `*` for a part only known at run time; null: not an id expression we know. */
    const evaluate = (e: ts.Expression, depth = 0): string[] | null => {
      if (depth > 5) return null;
      if (ts.isParenthesizedExpression(e)) return evaluate(e.expression, depth);
      if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return [e.text];
      if (ts.isTemplateExpression(e)) return [e.head.text + e.templateSpans.map((s) => `*${s.literal.text}`).join('')];
      if (ts.isIdentifier(e)) {
        if (e.text === 'undefined') return [];
        const inits = decls.get(e.text);
        if (!inits) return null;
        const all = inits.map((i) => evaluate(i, depth + 1));
        return all.some((x) => x === null) ? null : all.flat() as string[];
      }
      if (ts.isConditionalExpression(e)) {
        const a = evaluate(e.whenTrue, depth + 1);
        const b = evaluate(e.whenFalse, depth + 1);
        return a && b ? [...a, ...b] : null;
      }
      if (ts.isPropertyAccessExpression(e) && (PASS_THROUGH.has(e.name.text) || e.expression.getText() === 'props')) return [];
      if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.expression.expression.getText() === 'fieldPath') {
        const make = (fieldPath as Record<string, (...a: unknown[]) => string>)[e.expression.name.text];
        if (!make) return null;
        const args = e.arguments.map((a) => {
          const v = evaluate(a, depth + 1);
          return v && v.length === 1 ? v[0] : '*';
        });
        return [make(...args)];
      }
      return null;
    };

    const record = (map: Map<string, string>, values: string[], n: ts.Node) => {
      for (const v of values) if (!map.has(v)) map.set(v, where(n));
    };
    const visit = (n: ts.Node) => {
      if (ts.isJsxAttribute(n)) {
        const name = n.name.getText();
        const tag = (n.parent.parent as ts.JsxOpeningLikeElement).tagName.getText();
        const isHelp = HELP_ATTRS.has(name) || (name === 'path' && /^[A-Z]/.test(tag));
        if ((isHelp || GUIDA_ATTRS.has(name)) && n.initializer) {
          const init = n.initializer;
          const expr = ts.isStringLiteral(init) ? init : ts.isJsxExpression(init) ? init.expression : undefined;
          if (expr) {
            if (GUIDA_ATTRS.has(name)) {
              // Every string the expression can give (e.g. one per tab of the editor: the branches of `? :`).
              const results = (x: ts.Expression): string[] =>
                ts.isStringLiteral(x) || ts.isNoSubstitutionTemplateLiteral(x)
                  ? [x.text]
                  : ts.isConditionalExpression(x)
                    ? [...results(x.whenTrue), ...results(x.whenFalse)]
                    : ts.isParenthesizedExpression(x)
                      ? results(x.expression)
                      : [];
              const strings = results(expr);
              if (strings.length === 0 && !expr.getText().startsWith('props.') && !expr.getText().startsWith('GUIDA_MONITOR_TAB'))
                scan.problems.push(`${where(n)}: ${name}={${expr.getText()}} non si può leggere`);
              record(scan.guida, strings, n);
            } else {
              const v = evaluate(expr);
              if (v === null) scan.problems.push(`${where(n)}: ${name}={${expr.getText()}} non si può leggere`);
              else record(scan.help, v, n);
            }
          }
        }
      }
      if (ts.isPropertyAssignment(n) && n.name.getText() === 'helpId') {
        const v = evaluate(n.initializer);
        if (v === null) scan.problems.push(`${where(n)}: helpId: ${n.initializer.getText()} non si può leggere`);
        else record(scan.help, v, n);
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return scan;
}

/** The catalogue keys an id used by the renderer needs. */
function keysFor(id: string): string[] {
  const k = helpKey(id);
  if (FIELD_HELP[k] !== undefined || !k.includes('*')) return [k];
  const values = EXPANSIONS[k];
  if (!values) return [k];
  return values.map((v) => k.replace(/\*$/, v));
}

describe('help di campo: un solo catalogo', () => {
  const scan = scanRenderer();

  it('il renderer si legge tutto (nessun id scritto in un modo che il test non sa valutare)', () => {
    expect(scan.problems).toEqual([]);
    // The scan finds the ids of every screen: the editor, the monitor, Nuovo and the dialogs.
    for (const id of ['anagrafica.codiceFiscale', 'monitor.elenco', 'monitor.fn.invio', 'nuovo.stringaCompleta', 'filtri.ordine', 'collegamento.serverUrl', 'utilita.decodifica'])
      expect([...scan.help.keys()].flatMap(keysFor), id).toContain(id);
  });

  it('ogni id di campo usato dal renderer ha il suo testo nel catalogo', () => {
    const missing = [...scan.help].flatMap(([id, at]) => keysFor(id).filter((k) => FIELD_HELP[k] === undefined).map((k) => `${k} (${at})`));
    expect(missing).toEqual([]);
  });

  it('il catalogo non ha voci che nessuna videata usa', () => {
    const used = new Set([...scan.help.keys()].flatMap(keysFor));
    expect(Object.keys(FIELD_HELP).filter((k) => !used.has(k))).toEqual([]);
  });

  it('nessun testo vuoto, nessuna chiave in due parti del catalogo', () => {
    for (const [k, t] of Object.entries(FIELD_HELP)) {
      expect(t.trim().length, k).toBeGreaterThan(15);
      expect(t, k).not.toMatch(/\s{2}|^\s|\s$/);
    }
    expect(Object.keys(EDITOR_HELP).filter((k) => k in SCREEN_HELP)).toEqual([]);
  });

  it('un percorso di campo trova il testo della sua voce (soggetto, anno e riga diventano *)', () => {
    expect(helpKey('soggetti.coniuge.anni.2007.righi.C1')).toBe('soggetti.*.anni.*.righi.C1');
    expect(helpKey('soggetti.figlio-2.pensioniEstere.3.importo.2008')).toBe('soggetti.*.pensioniEstere.*.importo.*');
    expect(helpFor('soggetti.coniuge.anni.2007.righi.C1')).toBe(FIELD_HELP['soggetti.*.anni.*.righi.C1']);
    expect(helpFor('nessun.campo')).toBeNull();
  });
});

describe('Guida RED', () => {
  const scan = scanRenderer();
  const ids = new Set(GUIDA_SECTIONS.map((s) => s.id));

  it('ogni sezione nominata da una videata esiste', () => {
    const named = [...scan.guida.keys(), ...Object.values(GUIDA_MONITOR_TAB)];
    expect(named.length).toBeGreaterThan(15);
    expect(named.filter((id) => !ids.has(id))).toEqual([]);
  });

  it('sezioni con id unici, titolo e testo', () => {
    expect(ids.size).toBe(GUIDA_SECTIONS.length);
    for (const s of GUIDA_SECTIONS) {
      expect(s.title.trim(), s.id).not.toBe('');
      expect(s.blocks.length, s.id).toBeGreaterThan(0);
      expect(guidaText(s).length, s.id).toBeGreaterThan(s.title.length + 60);
    }
  });

  it('la ricerca tiene le sezioni che contengono tutte le parole, senza badare a maiuscole e accenti', () => {
    expect(searchGuida('')).toHaveLength(GUIDA_SECTIONS.length);
    const f4 = searchGuida('f4').map((s) => s.id);
    expect(f4).toContain('editor');
    expect(f4).not.toContain('stampe-varie');
    // "Utilità" found by "UTILITA"; two words must both be there.
    expect(searchGuida('UTILITA').map((s) => s.id)).toContain('utilita');
    expect(searchGuida('etichette csv').map((s) => s.id)).toEqual(['stampe-varie']);
    expect(searchGuida('parolachenonce')).toEqual([]);
  });
});
