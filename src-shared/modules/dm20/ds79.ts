/**
 * The lists of the accounting control archive (DS79; INPS circolare 83/1992 §9): the SC7/24 by the circular's
 * options — single, all, loaded and not acquired, acquired and not forwarded, forwarded, forwarded with a
 * difference — for a load month, a booking month, the whole archive or an account year. On this desk the SC7/24
 * enters the archive when it is typed (there is no accounting tape to load), so "caricato" is the day it was typed,
 * "caricato e non acquisito" an SC7/24 with no DM20-REG acquired yet, "acquisito e non inoltrato" one with slips
 * not yet forwarded [assumption, the circular's DS79 load has no counterpart here]. The booking month and the
 * account year are those of the data articolo (the SC7/24 numero). An SC7/24 cancelled by F stays in DS79. Pure.
 */
import { z } from 'zod';
import type { Block, PageHeader, PrintDoc } from '../../print/types';
import { dataArticolo, formatLire } from './keys';
import type { Conteggio } from './quadratura';

export const DS79_OPZIONI = ['singolo', 'tutti', 'caricati', 'acquisiti', 'inoltrati', 'differenza'] as const;
export type Ds79Opzione = (typeof DS79_OPZIONI)[number];
export const DS79_OPZIONE_LABEL: Readonly<Record<Ds79Opzione, string>> = {
  singolo: 'Singolo SC7/24',
  tutti: 'Tutti gli SC7/24 presenti in archivio',
  caricati: 'SC7/24 caricati e non acquisiti',
  acquisiti: 'SC7/24 acquisiti e non inoltrati',
  inoltrati: 'SC7/24 inoltrati',
  differenza: "SC7/24 inoltrati con differenza d'importo",
};

export const Ds79PeriodoSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('archivio') }).strict(),
  z.object({ kind: z.literal('caricamento'), anno: z.number().int().min(1990).max(2099), mese: z.number().int().min(1).max(12) }).strict(),
  z.object({ kind: z.literal('contabilizzazione'), anno: z.number().int().min(1990).max(2099), mese: z.number().int().min(1).max(12) }).strict(),
  z.object({ kind: z.literal('anno-conto'), anno: z.number().int().min(1990).max(2099) }).strict(),
]);
export type Ds79Periodo = z.infer<typeof Ds79PeriodoSchema>;

const Lire = z.number().int();
const ConteggioSchema = z.object({ numero: z.number().int(), importo: Lire });
export const Ds79RowSchema = z.object({
  id: z.number().int(),
  /** "6 000123 20215". */
  chiave: z.string(),
  /** ISO date-time the SC7/24 was typed (its "caricamento" here). */
  caricatoIl: z.string(),
  importoContabilizzato: Lire,
  /** The DM20-REG acquired (all slips). */
  calcolato: Lire,
  stato: z.enum(['caricato', 'acquisito', 'inoltrato']),
  inoltratoIl: z.string().nullable(),
  cancellato: z.boolean(),
  esatti: ConteggioSchema,
  fuoriSede: ConteggioSchema,
  documentiDiversi: ConteggioSchema,
  /** The RC difference of a forwarded SC7/24 (calcolato − contabilizzato), null when none. */
  differenza: Lire.nullable(),
});
export type Ds79Row = z.infer<typeof Ds79RowSchema>;

export const Ds79RichiestaSchema = z.object({ opzione: z.enum(DS79_OPZIONI), periodo: Ds79PeriodoSchema, chiave: z.string().max(20) }).strict();
export type Ds79Richiesta = z.infer<typeof Ds79RichiestaSchema>;

const compact = (s: string) => s.replace(/\s+/g, '');

function inPeriodo(r: Ds79Row, p: Ds79Periodo): boolean {
  const art = dataArticolo(r.chiave.split(' ')[2] ?? '');
  switch (p.kind) {
    case 'archivio':
      return true;
    case 'caricamento':
      return r.caricatoIl.slice(0, 7) === `${p.anno}-${String(p.mese).padStart(2, '0')}`;
    case 'contabilizzazione':
      return art !== null && art.anno === p.anno && art.mese === p.mese;
    case 'anno-conto':
      return art !== null && art.anno === p.anno;
  }
}

/** The rows of one option; "singolo" finds the key typed (spaces ignored) and ignores the period. */
export function filtraDs79(rows: readonly Ds79Row[], q: Ds79Richiesta): Ds79Row[] {
  if (q.opzione === 'singolo') return rows.filter((r) => compact(r.chiave) === compact(q.chiave));
  return rows.filter((r) => {
    if (!inPeriodo(r, q.periodo)) return false;
    switch (q.opzione) {
      case 'tutti':
        return true;
      case 'caricati':
        return r.stato === 'caricato';
      case 'acquisiti':
        return r.stato === 'acquisito';
      case 'inoltrati':
        return r.stato === 'inoltrato';
      case 'differenza':
        return r.stato === 'inoltrato' && r.differenza !== null;
    }
  });
}

export interface Ds79Totale {
  sc724: number;
  contabilizzato: number;
  calcolato: number;
  esatti: Conteggio;
  fuoriSede: Conteggio;
  documentiDiversi: Conteggio;
}
export function totaleDs79(rows: readonly Ds79Row[]): Ds79Totale {
  const add = (a: Conteggio, b: Conteggio) => ({ numero: a.numero + b.numero, importo: a.importo + b.importo });
  const zero = { numero: 0, importo: 0 };
  return rows.reduce<Ds79Totale>(
    (t, r) => ({
      sc724: t.sc724 + 1,
      contabilizzato: t.contabilizzato + r.importoContabilizzato,
      calcolato: t.calcolato + r.calcolato,
      esatti: add(t.esatti, r.esatti),
      fuoriSede: add(t.fuoriSede, r.fuoriSede),
      documentiDiversi: add(t.documentiDiversi, r.documentiDiversi),
    }),
    { sc724: 0, contabilizzato: 0, calcolato: 0, esatti: zero, fuoriSede: zero, documentiDiversi: zero },
  );
}

const MESI = ['gennaio', 'febbraio', 'marzo', 'aprile', 'maggio', 'giugno', 'luglio', 'agosto', 'settembre', 'ottobre', 'novembre', 'dicembre'] as const;
export function periodoText(p: Ds79Periodo): string {
  switch (p.kind) {
    case 'archivio':
      return "intero archivio";
    case 'caricamento':
      return `caricati nel mese di ${MESI[p.mese - 1] ?? p.mese} ${p.anno}`;
    case 'contabilizzazione':
      return `contabilizzati nel mese di ${MESI[p.mese - 1] ?? p.mese} ${p.anno}`;
    case 'anno-conto':
      return `anno del conto ${p.anno}`;
  }
}

export const STATO_DS79: Readonly<Record<Ds79Row['stato'], string>> = { caricato: 'caricato', acquisito: 'acquisito', inoltrato: 'inoltrato' };
export const statoText = (r: Ds79Row) => `${STATO_DS79[r.stato]}${r.cancellato ? ' (cancellato)' : ''}`;
const dataIt = (iso: string | null) => (iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : '');

/** The DS79 list as a PrintDoc of the print engine. */
export function composeDs79(rows: readonly Ds79Row[], q: Ds79Richiesta, header: PageHeader): PrintDoc<'DM20_LISTA'> {
  const t = totaleDs79(rows);
  const L = formatLire;
  const scope = q.opzione === 'singolo' ? `SC7/24 ${q.chiave.trim()}` : periodoText(q.periodo);
  const blocks: Block[] = [
    { kind: 'paragraph', text: `${DS79_OPZIONE_LABEL[q.opzione]} — ${scope}.` },
    rows.length === 0
      ? { kind: 'paragraph', text: 'Nessun SC7/24 per la scelta fatta.' }
      : {
          kind: 'table',
          columns: [
            { label: 'SC7/24', width: 0.15 },
            { label: 'Caricato', width: 0.09 },
            { label: 'Stato', width: 0.12 },
            { label: 'Contabilizz. L.', width: 0.12, align: 'right' },
            { label: 'Calcolato L.', width: 0.12, align: 'right' },
            { label: 'Esatti', width: 0.08, align: 'right' },
            { label: 'F.S.', width: 0.06, align: 'right' },
            { label: 'D.D.', width: 0.06, align: 'right' },
            { label: 'Differenza L.', width: 0.11, align: 'right' },
            { label: 'Inoltro', width: 0.09 },
          ],
          rows: rows.map((r) => [r.chiave, dataIt(r.caricatoIl), statoText(r), L(r.importoContabilizzato), L(r.calcolato), String(r.esatti.numero), String(r.fuoriSede.numero), String(r.documentiDiversi.numero), r.differenza === null ? '' : L(r.differenza), dataIt(r.inoltratoIl)]),
        },
    {
      kind: 'paragraph',
      text: `SC7/24: ${t.sc724}. Contabilizzato L. ${L(t.contabilizzato)}; calcolato L. ${L(t.calcolato)}. DM20-REG esatti ${t.esatti.numero} (L. ${L(t.esatti.importo)}), fuori sede ${t.fuoriSede.numero} (L. ${L(t.fuoriSede.importo)}), documenti diversi ${t.documentiDiversi.numero} (L. ${L(t.documentiDiversi.importo)}).`,
    },
  ];
  return { model: 'DM20_LISTA', code: 'LISTA DS79', title: "Lista dell'archivio di controllo contabile (DS79)", guidePage: 'circolare INPS 83/1992, punto 9', header, blocks, watermark: null };
}
