/**
 * The checks of one DM20-REG slip (INPS circolare 83/1992, 2.1.3 A, B, C; red-domain.md §12.2): the matricola
 * (documento diverso DD001/DD003, fuori sede FS001/FS002), the period (SS001–SS007, flagged for list E, not
 * blocking) and the blocking errors (BL001–BL006, see codes.ts). Every finding carries its code, the field it is
 * about and an Italian message naming that field. Pure: the firms' archive comes in as a lookup.
 */
import { parseData } from '../../util/italian-input';
import { dm20Codice, type Dm20Code } from './codes';
import { dataArticolo, formatMonth, isoMonth, MIN_LIRE_DM20, monthIndex, parseMatricola, readLire, readMmaa, type MonthIndex } from './keys';

/** A slip as the operator typed it (every box as text, nothing lost). */
export interface Dm20SlipInput {
  /** Ticked for a payment document that is not a DM20-REG (DD001). */
  documentoDiverso: boolean;
  matricola: string;
  sap: string;
  tipoArchivio: string;
  importo: string;
  inadempienza: string;
  dal: string;
  al: string;
  dataVersamento: string;
}
export type Dm20Field = Exclude<keyof Dm20SlipInput, 'documentoDiverso'> | 'documentoDiverso';

export const DM20_FIELD_LABELS: Readonly<Record<Dm20Field, string>> = {
  documentoDiverso: 'Documento diverso',
  matricola: 'Matricola',
  sap: 'SAP',
  tipoArchivio: 'Tipo archivio',
  importo: 'Importo',
  inadempienza: 'Numero inadempienza',
  dal: 'Periodo dal',
  al: 'Periodo al',
  dataVersamento: 'Data versamento',
};

/** A firm of the archive (the reference data of the sede). Days are ISO. */
export interface Dm20Azienda {
  matricola: string;
  /** The sede holding the firm, SSZZ. */
  sede: string;
  costituzione: string | null;
  tipoCessazione: string | null;
  dataCessazione: string | null;
  sospensione: string | null;
}

export interface Dm20CheckContext {
  /** The acquiring sede, SSZZ. */
  sede: string;
  /** The SC7/24 numero (data articolo without its first character). */
  numeroSc724: string;
  azienda: (matricola: string) => Dm20Azienda | null;
  /** The highest progressivo registered for a sede SSZZ (the "DS09" check); null when none is registered. */
  progressivoMassimo: (sede: string) => number | null;
}

export interface Dm20Finding {
  code: Dm20Code;
  field: Dm20Field;
  message: string;
}

export type Dm20Esito = 'esatto' | 'fuori-sede' | 'documento-diverso';

export interface Dm20SlipResult {
  esito: Dm20Esito;
  findings: Dm20Finding[];
  /** The SAP as stored: forced to the competent sede for FS001. */
  sap: string;
  importoLire: number | null;
  dataVersamento: string | null;
  /** Some finding is blocking: the SC7/24 is not forwarded until it is corrected. */
  bloccante: boolean;
  /** DD003: the slip is stored only on a second Invio. */
  daConfermare: boolean;
  /** Some period code: the slip goes on list E. */
  periodoErrato: boolean;
}

const f = (code: Dm20Code, field: Dm20Field, detail?: string): Dm20Finding => ({
  code,
  field,
  message: `${DM20_FIELD_LABELS[field]}: ${code} ${dm20Codice(code).significato}${detail ? ` (${detail})` : ''}.`,
});

function matricolaChecks(s: Dm20SlipInput, ctx: Dm20CheckContext): { esito: Dm20Esito; findings: Dm20Finding[]; sap: string; azienda: Dm20Azienda | null } {
  const sap = s.sap.trim() === '' ? ctx.sede : s.sap.trim();
  if (s.documentoDiverso) return { esito: 'documento-diverso', findings: [f('DD001', 'documentoDiverso')], sap, azienda: null };
  const text = s.matricola.trim();
  if (text === '') return { esito: 'documento-diverso', findings: [f('DD003', 'matricola', 'matricola assente')], sap, azienda: null };
  const m = parseMatricola(text);
  if (!m) return { esito: 'documento-diverso', findings: [f('DD003', 'matricola', `«${text}» non è di 10 cifre`)], sap, azienda: null };
  if (m.sede.slice(0, 2) !== ctx.sede.slice(0, 2)) {
    // The competent sede is forced: the one typed when it is a zonal office of that sede, otherwise the matricola's.
    const forced = /^\d{4}$/.test(sap) && sap.slice(0, 2) === m.sede.slice(0, 2) ? sap : m.sede;
    return { esito: 'fuori-sede', findings: [f('FS001', 'matricola', `Sede ${forced}`)], sap: forced, azienda: null };
  }
  const max = ctx.progressivoMassimo(m.sede);
  if (max !== null && m.progressivo > max) {
    return { esito: 'documento-diverso', findings: [f('DD003', 'matricola', `progressivo ${m.progressivo} oltre il massimo ${max} della Sede ${m.sede}`)], sap, azienda: null };
  }
  const azienda = ctx.azienda(m.value);
  if (azienda?.tipoCessazione === '9') return { esito: 'fuori-sede', findings: [f('FS002', 'matricola', 'azienda trasferita nella provincia')], sap, azienda: null };
  if (azienda && azienda.sede === ctx.sede) return { esito: 'esatto', findings: [], sap, azienda };
  if (/^\d{4}$/.test(sap) && sap !== ctx.sede && sap.slice(0, 2) === ctx.sede.slice(0, 2)) {
    return { esito: 'fuori-sede', findings: [f('FS002', 'sap', `Sede zonale ${sap}`)], sap, azienda: null };
  }
  return { esito: 'documento-diverso', findings: [f('DD003', 'matricola', "non presente nell'archivio della Sede: indicare nel SAP la Sede zonale competente")], sap, azienda: null };
}

function periodChecks(s: Dm20SlipInput, azienda: Dm20Azienda | null, articolo: MonthIndex | null, versamento: MonthIndex | null): Dm20Finding[] {
  const out: Dm20Finding[] = [];
  const dal = readMmaa(s.dal);
  const al = readMmaa(s.al);
  if (dal.kind === 'empty' && al.kind === 'empty') return [f('SS001', 'dal')];
  if (dal.kind === 'empty') out.push(f('SS001', 'dal'));
  if (al.kind === 'empty') out.push(f('SS001', 'al'));
  if (dal.kind === 'bad') out.push(f('SS002', 'dal', `«${s.dal.trim()}»`));
  if (al.kind === 'bad') out.push(f('SS002', 'al', `«${s.al.trim()}»`));
  if (dal.kind === 'ok' && al.kind === 'ok' && dal.month > al.month) out.push(f('SS003', 'dal'));
  const first = dal.kind === 'ok' ? dal.month : al.kind === 'ok' ? al.month : null;
  const lastField: Dm20Field = al.kind === 'ok' ? 'al' : 'dal';
  const last = al.kind === 'ok' ? al.month : dal.kind === 'ok' ? dal.month : null;
  if (first === null || last === null) return out;
  if (azienda?.costituzione && first < isoMonth(azienda.costituzione)) out.push(f('SS005', dal.kind === 'ok' ? 'dal' : 'al', `costituita il ${itDay(azienda.costituzione)}`));
  if (azienda?.dataCessazione && (azienda.tipoCessazione === '1' || azienda.tipoCessazione === '2') && last > isoMonth(azienda.dataCessazione)) {
    out.push(f('SS006', lastField, `cessata il ${itDay(azienda.dataCessazione)}`));
  }
  if (azienda?.sospensione && last > isoMonth(azienda.sospensione)) out.push(f('SS007', lastField, `sospesa il ${itDay(azienda.sospensione)}`));
  if (articolo !== null && last > articolo) out.push(f('BL005', lastField, `data articolo ${formatMonth(articolo)}`));
  if (versamento !== null && last > versamento) out.push(f('BL006', lastField, `versamento ${formatMonth(versamento)}`));
  return out;
}

const itDay = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** Runs every check of one slip (a page's Invio runs it on each filled row). */
export function checkSlip(s: Dm20SlipInput, ctx: Dm20CheckContext): Dm20SlipResult {
  const m = matricolaChecks(s, ctx);
  const findings = [...m.findings];
  const imp = readLire('Importo', s.importo);
  const importoLire = imp.ok ? imp.value : null;
  if (!imp.ok) findings.push(f('BL001', 'importo', imp.message.replace(/^Importo: /, '')));
  else if (importoLire === null) findings.push(f('BL001', 'importo', 'assente'));
  else if (importoLire < MIN_LIRE_DM20) findings.push(f('BL001', 'importo', `${importoLire} lire`));
  const d = parseData(s.dataVersamento);
  const dataVersamento = d.kind === 'ok' ? d.value : null;
  if (d.kind !== 'ok') findings.push(f('BL004', 'dataVersamento', d.kind === 'empty' ? 'assente' : d.message));
  if (!s.documentoDiverso) {
    if (!['1', '2', '7', '9'].includes(s.tipoArchivio.trim())) findings.push(f('BL002', 'tipoArchivio', s.tipoArchivio.trim() === '' ? 'assente' : `«${s.tipoArchivio.trim()}»`));
    const inad = s.inadempienza.trim();
    if (inad !== '' && (!/^\d{1,9}$/.test(inad) || (Number(inad) !== 0 && Number(inad) < 501))) findings.push(f('BL003', 'inadempienza', `«${inad}»`));
    const art = dataArticolo(ctx.numeroSc724);
    const all = periodChecks(s, m.esito === 'esatto' ? m.azienda : null, art ? monthIndex(art.anno, art.mese) : null, dataVersamento ? isoMonth(dataVersamento) : null);
    findings.push(...all);
  }
  const classes = findings.map((x) => dm20Codice(x.code).classe);
  return {
    esito: m.esito,
    findings,
    sap: m.sap,
    importoLire,
    dataVersamento,
    bloccante: classes.includes('bloccante'),
    daConfermare: findings.some((x) => x.code === 'DD003'),
    periodoErrato: classes.includes('periodo'),
  };
}

/** A slip row left wholly empty on the page (not a slip). */
export function isEmptySlip(s: Dm20SlipInput): boolean {
  return !s.documentoDiverso && [s.matricola, s.tipoArchivio, s.importo, s.inadempienza, s.dal, s.al].every((x) => x.trim() === '');
}

/** The slips on one screen page (2.1.3). */
export const SLIPS_PER_PAGE = 10;
