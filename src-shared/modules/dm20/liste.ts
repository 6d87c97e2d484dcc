/**
 * The lists printed after the inoltro (INPS circolare 83/1992 §9): list C of the FUORI SEDE (FS001, FS002: to be
 * sent to the competent sede, ordered by it), list C of the DOCUMENTI DIVERSI (DD001, DD003) and list E of the
 * slips with a period error (forwarded; filed with the SC7/24). Each list is a PrintDoc of the print engine, with
 * the count and the total in lire. Pure.
 */
import type { Block, PageHeader, PrintDoc } from '../../print/types';
import { formatLire } from './keys';
import type { Dm20Esito, Dm20Finding } from './checks';
import type { Quadratura } from './quadratura';

export const DM20_LISTE = ['C', 'E'] as const;
export type Dm20Lista = (typeof DM20_LISTE)[number];

export interface ListaSlip {
  /** "6 000123 20215". */
  sc724: string;
  numero: number;
  documentoDiverso: boolean;
  matricola: string;
  sap: string;
  importoLire: number | null;
  dal: string;
  al: string;
  dataVersamento: string;
  esito: Dm20Esito;
  findings: readonly Pick<Dm20Finding, 'code' | 'message'>[];
}

const codes = (s: ListaSlip, prefix: string) => s.findings.filter((f) => f.code.startsWith(prefix)).map((f) => f.code).join(' ');
const total = (rows: readonly ListaSlip[]) => rows.reduce((t, s) => t + (s.importoLire ?? 0), 0);
const imp = (s: ListaSlip) => (s.importoLire === null ? '' : formatLire(s.importoLire));
const periodo = (s: ListaSlip) => (s.dal || s.al ? `${s.dal}–${s.al}` : '');

function doc(header: PageHeader, code: string, title: string, blocks: Block[]): PrintDoc<'DM20_LISTA'> {
  return { model: 'DM20_LISTA', code, title, guidePage: 'circolare INPS 83/1992, punto 9', header, blocks, watermark: null };
}

function table(columns: [string, number, ('right' | undefined)?][], rows: string[][]): Block {
  return { kind: 'table', columns: columns.map(([label, width, align]) => (align ? { label, width, align } : { label, width })), rows };
}

const summary = (rows: readonly ListaSlip[]): Block => ({ kind: 'paragraph', text: `Bollettini: ${rows.length}. Importo totale: L. ${formatLire(total(rows))}.` });

/** The PrintDocs of one list over the slips of the forwarded SC7/24. */
export function composeLista(lista: Dm20Lista, slips: readonly ListaSlip[], header: PageHeader): PrintDoc<'DM20_LISTA'>[] {
  if (lista === 'C') {
    const fs = slips.filter((s) => s.esito === 'fuori-sede').sort((a, b) => a.sap.localeCompare(b.sap) || a.sc724.localeCompare(b.sc724) || a.numero - b.numero);
    const dd = slips.filter((s) => s.esito === 'documento-diverso');
    const bySede = [...new Set(fs.map((s) => s.sap))];
    const fsBlocks: Block[] = fs.length === 0 ? [{ kind: 'paragraph', text: 'Nessun mod. DM20-REG fuori sede.' }] : [];
    for (const sede of bySede) {
      const own = fs.filter((s) => s.sap === sede);
      fsBlocks.push(
        { kind: 'heading', text: `Sede di competenza ${sede}` },
        table(
          [['SC7/24', 0.2], ['N.', 0.06, 'right'], ['Matricola', 0.16], ['Importo L.', 0.16, 'right'], ['Periodo', 0.12], ['Versamento', 0.14], ['Codice', 0.16]],
          own.map((s) => [s.sc724, String(s.numero), s.matricola, imp(s), periodo(s), s.dataVersamento, codes(s, 'FS')]),
        ),
        summary(own),
      );
    }
    if (fs.length) fsBlocks.push({ kind: 'heading', text: 'Totale fuori sede' }, summary(fs));
    const ddBlocks: Block[] =
      dd.length === 0
        ? [{ kind: 'paragraph', text: 'Nessun documento diverso.' }]
        : [
            table(
              [['SC7/24', 0.2], ['N.', 0.06, 'right'], ['Matricola', 0.16], ['Importo L.', 0.16, 'right'], ['Periodo', 0.12], ['Versamento', 0.14], ['Codice', 0.16]],
              dd.map((s) => [s.sc724, String(s.numero), s.documentoDiverso ? 'doc. diverso' : s.matricola || '(assente)', imp(s), periodo(s), s.dataVersamento, codes(s, 'DD')]),
            ),
            summary(dd),
            { kind: 'paragraph', small: true, text: 'DD001 documento diverso da DM20-REG; DD003 DM20-REG da stornare per matricola assente o errata.' },
          ];
    return [doc(header, 'LISTA C — FUORI SEDE', 'Modd. DM20-REG fuori sede da trasmettere alle Sedi di competenza (FS001, FS002)', fsBlocks), doc(header, 'LISTA C — DOCUMENTI DIVERSI', 'Documenti diversi da stornare (DD001, DD003)', ddBlocks)];
  }
  const e = slips.filter((s) => s.esito === 'esatto' && s.findings.some((f) => f.code.startsWith('SS')));
  const blocks: Block[] =
    e.length === 0
      ? [{ kind: 'paragraph', text: 'Nessun bollettino con errore sul periodo.' }]
      : [
          table(
            [['SC7/24', 0.2], ['N.', 0.06, 'right'], ['Matricola', 0.16], ['Importo L.', 0.16, 'right'], ['Periodo', 0.12], ['Codici', 0.3]],
            e.map((s) => [s.sc724, String(s.numero), s.matricola, imp(s), periodo(s), codes(s, 'SS')]),
          ),
          summary(e),
        ];
  return [doc(header, 'LISTA E', 'Bollettini con errore sul periodo (da archiviare con i modd. SC7/24)', blocks)];
}

/** Lists A (each DM11 against its DM20-REG) and B (the SC7/24 against its DM11) of one SC7/24 (§3, §9). */
export function composeQuadratura(sc724: string, q: Quadratura, header: PageHeader): PrintDoc<'DM20_LISTA'>[] {
  const esito = (d: number) => (d === 0 ? 'quadrato' : 'squadrato');
  const a = doc(header, 'LISTA A', `Quadratura del totale dei DM11 con il totale dei modd. DM20-REG — SC7/24 ${sc724}`, [
    table(
      [['DM11', 0.14], ['Importo DM11 L.', 0.2, 'right'], ['Totale DM20-REG L.', 0.22, 'right'], ['Bollettini', 0.12, 'right'], ['Differenza L.', 0.18, 'right'], ['Esito', 0.14]],
      q.listaA.map((r) => [r.progressivo, formatLire(r.importoDm11), formatLire(r.totaleDm20), String(r.bollettini), formatLire(r.differenza), esito(r.differenza)]),
    ),
  ]);
  const b = doc(header, 'LISTA B', `Quadratura dell'importo dell'SC7/24 con il totale dei DM11 — SC7/24 ${sc724}`, [
    table(
      [['SC7/24', 0.22], ['Importo SC7/24 L.', 0.22, 'right'], ['Totale DM11 L.', 0.2, 'right'], ['Differenza L.', 0.18, 'right'], ['Esito', 0.18]],
      [[sc724, formatLire(q.listaB.importoSc724), formatLire(q.listaB.totaleDm11), formatLire(q.listaB.differenza), esito(q.listaB.differenza)]],
    ),
    { kind: 'paragraph', text: q.quadrato ? 'SC7/24 quadrato.' : "SC7/24 non quadrato: verificare l'acquisizione; una differenza reale si corregge con la variazione dell'importo." },
  ]);
  return [a, b];
}
