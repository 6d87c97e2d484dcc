/**
 * The monthly lists of the DM20-REG procedure (INPS circolare 83/1992 §9.1–9.4, allegati 1–5), over the SC7/24
 * forwarded in one month: FS — the fuori sede by receiving sede, each with its mod. SOST. SC 10 scheme (allegato 1);
 * GD — the differences above 5.000 lire, one prospetto per SC7/24 by credit/debit and tipo movimento (allegati 3,
 * 3 bis, 4, 4 bis); PD — the differences up to 5.000 lire with the month's scheme (allegato 5); DD — the documenti
 * diversi with the summary by accounting year (allegato 2); I2 — the SC7/24 forwarded with number and amount of the
 * DM20-REG esatti, fuori sede and documenti diversi (§9.4). The accounts (GPA) and headings are the allegati's;
 * the blanks the allegati leave to be filled by hand (articolo, date, signatures) stay blank. Integer lire. Pure.
 */
import type { Block, PageHeader, PrintDoc } from '../../print/types';
import { formatLire } from './keys';
import type { Conteggio, TipoDifferenza } from './quadratura';

export const DM20_MENSILI = ['FS', 'GD', 'PD', 'DD', 'I2'] as const;
export type Dm20Mensile = (typeof DM20_MENSILI)[number];
export const MENSILI_LABEL: Readonly<Record<Dm20Mensile, string>> = {
  FS: 'Modd. DM20-REG fuori sede (mod. SOST. SC 10)',
  GD: 'Differenze di importo oltre L. 5.000 (allegati 3, 3 bis, 4, 4 bis)',
  PD: 'Differenze di importo fino a L. 5.000 (allegato 5)',
  DD: 'Documenti diversi da stornare (allegato 2)',
  I2: 'Modd. SC7/24 inoltrati',
};

/** A slip of the collections FS or DD as forwarded. */
export interface MensileSlip {
  /** "6 000123 20215". */
  sc724: string;
  /** The accounting year of the SC7/24 (its data articolo). */
  annoConto: number;
  numero: number;
  documentoDiverso: boolean;
  matricola: string;
  /** The receiving sede SSZZ (fuori sede). */
  sap: string;
  importo: number;
  dal: string;
  al: string;
  dataVersamento: string;
  codici: string;
}
/** The RC entry of one SC7/24: differenza = calcolato (the DM20-REG acquired) − contabilizzato. */
export interface MensileDifferenza {
  sc724: string;
  tipoMovimento: '1' | '2';
  contabilizzato: number;
  differenza: number;
  tipo: TipoDifferenza;
}
export interface MensileInoltrato {
  sc724: string;
  /** The SC7/24 amount as booked. */
  importo: number;
  esatti: Conteggio;
  fuoriSede: Conteggio;
  documentiDiversi: Conteggio;
}
export interface MensiliDati {
  sede: string | null;
  anno: number;
  mese: number;
  fs: MensileSlip[];
  dd: MensileSlip[];
  differenze: MensileDifferenza[];
  inoltrati: MensileInoltrato[];
}

const MESI = ['gennaio', 'febbraio', 'marzo', 'aprile', 'maggio', 'giugno', 'luglio', 'agosto', 'settembre', 'ottobre', 'novembre', 'dicembre'] as const;
export const nomeMese = (mese: number) => MESI[mese - 1] ?? String(mese);
const mm = (n: number) => String(n).padStart(2, '0');
/** ISO date-time → "gg/mm/aaaa". */
const dataIt = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
const L = (n: number) => formatLire(n);

/** Accounts of the booking schemes (conto DARE, conto AVERE), as in the allegati. */
export const SCHEMI = {
  /** Allegato 1: the transferring sede reverses, the receiving sede books. */
  fsTrasferente: [['GPA 54/51', 'GPA 55/00']],
  fsRicevente: [['GPA 55/01', 'GPA 54/51']],
  /** Allegato 2. */
  documentiDiversi: [['GPA 54/51', 'GPA 52/99']],
  /** Allegato 3: credit of INPS to request, tipo movimento 1. */
  credito1: [['GPA 37/79', 'GPA 54/51'], ['GPA 00/79', 'GPA 27/79']],
  /** Allegato 3 bis: credit, tipo movimento 2. */
  credito2: [['GPA 51/99', 'GPA 54/51']],
  /** Allegato 4: debit of INPS to refund, tipo movimento 1. */
  debito1: [['GPA 54/51', 'GPA 27/81'], ['GPA 37/81', 'GPA 10/81']],
  /** Allegato 4 bis: debit, tipo movimento 2. */
  debito2: [['GPA 54/51', 'GPA 52/99']],
  /** Allegato 5: the month's small differences, credit and debit. */
  piccoleCredito: [['GPA 34/99', 'GPA 54/51']],
  piccoleDebito: [['GPA 54/51', 'GPA 24/99']],
} as const satisfies Record<string, readonly (readonly [string, string])[]>;

/** Which allegato (and scheme) a "grande" difference takes. */
export function allegatoDifferenza(d: Pick<MensileDifferenza, 'differenza' | 'tipoMovimento'>): { allegato: string; schema: readonly (readonly [string, string])[] } {
  const credito = d.differenza > 0;
  if (credito) return d.tipoMovimento === '1' ? { allegato: '3', schema: SCHEMI.credito1 } : { allegato: '3 bis', schema: SCHEMI.credito2 };
  return d.tipoMovimento === '1' ? { allegato: '4', schema: SCHEMI.debito1 } : { allegato: '4 bis', schema: SCHEMI.debito2 };
}

const table = (columns: [string, number, ('right' | undefined)?][], rows: string[][]): Block => ({
  kind: 'table',
  columns: columns.map(([label, width, align]) => (align ? { label, width, align } : { label, width })),
  rows,
});
const schema = (rows: readonly (readonly [string, string])[], importo: number): Block =>
  table(
    [['Conto DARE', 0.3], ['Conto AVERE', 0.3], ['Importo L.', 0.4, 'right']],
    rows.map(([dare, avere]) => [dare, avere, L(importo)]),
  );
const NB: Block = { kind: 'paragraph', small: true, text: 'N.B. Prospetto da non registrare a mano nel sistema contabile: la contabilizzazione avviene al caricamento del supporto magnetico.' };
const rilevazione: Block[] = [
  { kind: 'fields', columns: 3, items: [{ label: 'Effettuata rilevazione a giornale: N. art.', value: '' }, { label: 'Data', value: '' }, { label: "L'addetto al controllo", value: '' }] },
];
const sum = (xs: readonly { importo: number }[]) => xs.reduce((t, x) => t + x.importo, 0);

function doc(header: PageHeader, code: string, title: string, blocks: Block[]): PrintDoc<'DM20_LISTA'> {
  return { model: 'DM20_LISTA', code, title, guidePage: 'circolare INPS 83/1992, punto 9 e allegati', header, blocks, watermark: null };
}

const periodo = (s: MensileSlip) => (s.dal || s.al ? `${s.dal}–${s.al}` : '');

/** The PrintDocs of one monthly list. */
export function composeMensile(lista: Dm20Mensile, d: MensiliDati, header: PageHeader): PrintDoc<'DM20_LISTA'>[] {
  const sede = d.sede ?? '(non indicata)';
  const meseAa = `${mm(d.mese)}/${String(d.anno).slice(2)}`;
  const intestazione: Block = {
    kind: 'fields',
    columns: 3,
    items: [
      { label: 'I.N.P.S. — Sede di', value: sede },
      { label: 'Elaborazione del', value: dataIt(header.stampatoIl) },
      { label: 'Relativa al mese', value: `${nomeMese(d.mese)} ${d.anno} (${meseAa})` },
    ],
  };
  switch (lista) {
    case 'FS':
      return listaFs(d, header, sede, intestazione, meseAa);
    case 'GD':
      return listaGrandi(d, header, intestazione);
    case 'PD':
      return [listaPiccole(d, header, intestazione)];
    case 'DD':
      return [listaDd(d, header, sede, intestazione, meseAa)];
    case 'I2':
      return [listaInoltrati(d, header, intestazione)];
  }
}

/** §9.1, allegato 1: one document per receiving sede, the slips and at the foot the mod. SOST. SC 10. */
function listaFs(d: MensiliDati, header: PageHeader, sede: string, intestazione: Block, meseAa: string): PrintDoc<'DM20_LISTA'>[] {
  const title = 'Lista mensile dei modd. DM20-REG fuori sede';
  if (d.fs.length === 0) return [doc(header, 'LISTA MENSILE FUORI SEDE', title, [intestazione, { kind: 'paragraph', text: 'Nessun mod. DM20-REG fuori sede per i modd. SC7/24 inoltrati nel mese.' }])];
  const riceventi = [...new Set(d.fs.map((s) => s.sap))].sort();
  return riceventi.map((ric) => {
    const own = d.fs.filter((s) => s.sap === ric).sort((a, b) => a.sc724.localeCompare(b.sc724) || a.numero - b.numero);
    const totale = sum(own);
    return doc(header, 'LISTA MENSILE FUORI SEDE', `${title} — Sede ricevente ${ric}`, [
      intestazione,
      table(
        [['SC7/24', 0.2], ['N.', 0.06, 'right'], ['Matricola', 0.16], ['Importo L.', 0.16, 'right'], ['Periodo', 0.12], ['Versamento', 0.14], ['Codice', 0.16]],
        own.map((s) => [s.sc724, String(s.numero), s.matricola, L(s.importo), periodo(s), s.dataVersamento, s.codici]),
      ),
      { kind: 'paragraph', text: `Modd. DM20-REG: ${own.length}. Importo totale: L. ${L(totale)}.` },
      { kind: 'heading', text: 'Mod. SOST. SC 10 — Schema di contabilizzazione dei modd. DM20-REG FUORI SEDE' },
      { kind: 'paragraph', text: `Elaborazione del ${dataIt(header.stampatoIl)} relativa al mese ${meseAa}.` },
      { kind: 'paragraph', text: `Dalla Sede di ${sede} (trasferente) — Storno modelli DM20-REG trasferiti` },
      schema(SCHEMI.fsTrasferente, totale),
      { kind: 'fields', columns: 3, items: [{ label: 'Cod. Part. N.', value: '' }, { label: 'Articolo N.', value: '' }, { label: 'Del', value: '' }] },
      { kind: 'signatures', boxes: ["L'addetto al controllo"], placeDate: false },
      { kind: 'paragraph', text: `Alla Sede di ${ric} (ricevente) — Cod. ${ric} — Modelli DM20-REG trasferiti` },
      schema(SCHEMI.fsRicevente, totale),
      { kind: 'fields', columns: 3, items: [{ label: 'Cod. Part. N.', value: '' }, { label: 'Articolo N.', value: '' }, { label: 'Del', value: '' }] },
      { kind: 'signatures', boxes: ["L'addetto al controllo"], placeDate: false },
      { kind: 'paragraph', small: true, text: 'Sede trasferente: quella che ha acquisito i modelli; Sede ricevente: quella di competenza, indicata con il codice SSZZ.' },
      NB,
    ]);
  });
}

/**
 * §9.2, allegati 3, 3 bis, 4, 4 bis: the month's overview, then one prospetto per SC7/24. The seed's allegato 3 bis
 * is garbled (its "Importo differenza" line and part of the scheme's rule are lost): it is read as allegato 3 with
 * its own accounts.
 */
function listaGrandi(d: MensiliDati, header: PageHeader, intestazione: Block): PrintDoc<'DM20_LISTA'>[] {
  const grandi = d.differenze.filter((x) => x.tipo === 'grande').sort((a, b) => a.sc724.localeCompare(b.sc724));
  const title = 'Lista mensile delle differenze di importo oltre L. 5.000';
  const segno = (x: MensileDifferenza) => (x.differenza > 0 ? 'a credito INPS' : 'a debito INPS');
  const overview = doc(header, 'LISTA MENSILE DIFFERENZE', title, [
    intestazione,
    grandi.length === 0
      ? { kind: 'paragraph', text: 'Nessuna differenza oltre L. 5.000 per i modd. SC7/24 inoltrati nel mese.' }
      : table(
          [['SC7/24', 0.18], ['Mov.', 0.06, 'right'], ['Contabilizzato L.', 0.17, 'right'], ['Calcolato L.', 0.17, 'right'], ['Differenza L.', 0.15, 'right'], ['Differenza', 0.15], ['All.', 0.12]],
          grandi.map((x) => [x.sc724, x.tipoMovimento, L(x.contabilizzato), L(x.contabilizzato + x.differenza), L(Math.abs(x.differenza)), segno(x), allegatoDifferenza(x).allegato]),
        ),
  ]);
  const prospetti = grandi.map((x) => {
    const { allegato, schema: conti } = allegatoDifferenza(x);
    const imp = Math.abs(x.differenza);
    return doc(header, `ALLEGATO ${allegato.toUpperCase()}`, title, [
      intestazione,
      { kind: 'heading', text: x.differenza > 0 ? 'Differenze a CREDITO I.N.P.S. da richiedere' : 'Differenze a DEBITO I.N.P.S. da rimborsare' },
      {
        kind: 'fields',
        columns: 3,
        items: [
          { label: 'Modello SC7/24 numero', value: x.sc724 },
          { label: 'Tipo movimento', value: x.tipoMovimento },
          { label: 'Inoltrato nel mese di', value: `${nomeMese(d.mese)} anno ${d.anno}` },
        ],
      },
      {
        kind: 'fields',
        columns: 3,
        items: [
          { label: 'Importo contabilizzato L.', value: L(x.contabilizzato) },
          { label: 'Importo calcolato L.', value: L(x.contabilizzato + x.differenza) },
          { label: 'Importo differenza L.', value: L(imp) },
        ],
      },
      { kind: 'signatures', boxes: ['Il Dirigente'], placeDate: false },
      { kind: 'heading', text: 'Contabilizzazione' },
      schema(conti, imp),
      { kind: 'signatures', boxes: ["L'operatore addetto"], placeDate: false },
      ...rilevazione,
      NB,
    ]);
  });
  return [overview, ...prospetti];
}

/** §9.2, allegato 5: the small differences of the month and one scheme for the credits and one for the debits. */
function listaPiccole(d: MensiliDati, header: PageHeader, intestazione: Block): PrintDoc<'DM20_LISTA'> {
  const piccole = d.differenze.filter((x) => x.tipo === 'piccola').sort((a, b) => a.sc724.localeCompare(b.sc724));
  const credito = piccole.filter((x) => x.differenza > 0).reduce((t, x) => t + x.differenza, 0);
  const debito = piccole.filter((x) => x.differenza < 0).reduce((t, x) => t - x.differenza, 0);
  return doc(header, 'ALLEGATO 5', `Lista mensile delle differenze di importo fino a L. 5.000 per i modd. SC7/24 inoltrati nel mese di ${nomeMese(d.mese)} ${d.anno}`, [
    intestazione,
    piccole.length === 0
      ? { kind: 'paragraph', text: 'Nessuna differenza fino a L. 5.000 per i modd. SC7/24 inoltrati nel mese.' }
      : table(
          [['SC7/24', 0.22], ['Contabilizzato L.', 0.2, 'right'], ['Calcolato L.', 0.2, 'right'], ['Differenza L.', 0.18, 'right'], ['Differenza', 0.2]],
          piccole.map((x) => [x.sc724, L(x.contabilizzato), L(x.contabilizzato + x.differenza), L(Math.abs(x.differenza)), x.differenza > 0 ? 'a credito INPS' : 'a debito INPS']),
        ),
    { kind: 'heading', text: 'Schema di contabilizzazione' },
    { kind: 'paragraph', text: 'Differenze a CREDITO I.N.P.S.' },
    schema(SCHEMI.piccoleCredito, credito),
    { kind: 'signatures', boxes: ["L'operatore addetto"], placeDate: false },
    { kind: 'paragraph', text: 'Differenze a DEBITO I.N.P.S.' },
    schema(SCHEMI.piccoleDebito, debito),
    { kind: 'signatures', boxes: ["L'operatore addetto"], placeDate: false },
    ...rilevazione,
    NB,
  ]);
}

/** §9.3, allegato 2: the documenti diversi of the month and their summary by accounting year. */
function listaDd(d: MensiliDati, header: PageHeader, sede: string, intestazione: Block, meseAa: string): PrintDoc<'DM20_LISTA'> {
  const dd = [...d.dd].sort((a, b) => a.sc724.localeCompare(b.sc724) || a.numero - b.numero);
  const anni = [...new Set(dd.map((s) => s.annoConto))].sort();
  const blocks: Block[] = [intestazione];
  if (dd.length === 0) blocks.push({ kind: 'paragraph', text: 'Nessun documento diverso per i modd. SC7/24 inoltrati nel mese.' });
  else
    blocks.push(
      table(
        [['SC7/24', 0.2], ['N.', 0.06, 'right'], ['Matricola', 0.16], ['Importo L.', 0.16, 'right'], ['Periodo', 0.12], ['Versamento', 0.14], ['Codice', 0.16]],
        dd.map((s) => [s.sc724, String(s.numero), s.documentoDiverso ? 'doc. diverso' : s.matricola || '(assente)', L(s.importo), periodo(s), s.dataVersamento, s.codici]),
      ),
      { kind: 'paragraph', text: `Documenti diversi: ${dd.length}. Importo totale: L. ${L(sum(dd))}.` },
    );
  blocks.push({ kind: 'heading', text: `Prospetto contabile riassuntivo dei DOC. DIV. da DM20-REG — Sede di ${sede}, mese di ${meseAa}` });
  for (const anno of anni) {
    blocks.push({ kind: 'paragraph', text: `Modd. SC7/24 con DM20-REG contabilizzati nell'anno ${String(anno).slice(2)}` }, schema(SCHEMI.documentiDiversi, sum(dd.filter((s) => s.annoConto === anno))));
  }
  blocks.push(NB);
  return doc(header, 'LISTA MENSILE DOCUMENTI DIVERSI', 'Lista mensile dei documenti diversi da stornare', blocks);
}

/** §9.4: every SC7/24 forwarded in the month, with the counts and amounts of its DM20-REG. */
function listaInoltrati(d: MensiliDati, header: PageHeader, intestazione: Block): PrintDoc<'DM20_LISTA'> {
  const rows = [...d.inoltrati].sort((a, b) => a.sc724.localeCompare(b.sc724));
  const tot = (f: (x: MensileInoltrato) => Conteggio) => rows.reduce((t, x) => ({ numero: t.numero + f(x).numero, importo: t.importo + f(x).importo }), { numero: 0, importo: 0 });
  const c = (x: Conteggio) => [String(x.numero), L(x.importo)];
  const e = tot((x) => x.esatti);
  const f = tot((x) => x.fuoriSede);
  const g = tot((x) => x.documentiDiversi);
  return doc(header, 'LISTA MENSILE SC7/24 INOLTRATI', 'Lista mensile dei modd. SC7/24 inoltrati', [
    intestazione,
    rows.length === 0
      ? { kind: 'paragraph', text: 'Nessun mod. SC7/24 inoltrato nel mese.' }
      : table(
          [['SC7/24', 0.16], ['Importo L.', 0.14, 'right'], ['Esatti', 0.07, 'right'], ['Importo L.', 0.13, 'right'], ['Fuori sede', 0.1, 'right'], ['Importo L.', 0.13, 'right'], ['Doc. div.', 0.1, 'right'], ['Importo L.', 0.17, 'right']],
          [...rows.map((x) => [x.sc724, L(x.importo), ...c(x.esatti), ...c(x.fuoriSede), ...c(x.documentiDiversi)]), ['Totale', L(sum(rows)), ...c(e), ...c(f), ...c(g)]],
        ),
    { kind: 'paragraph', text: `Modd. SC7/24 inoltrati nel mese: ${rows.length}.` },
  ]);
}
