/**
 * "Importazione 730" (guide p. 85, "Importa da 730" p. 96) for one subject and one requested year: the
 * preconditions of pp. 85–86 as refusals with their code, then the rows written into the document and the report
 * of what was imported and what was not (p. 85: the operator must check both).
 */
import type { RowsTable } from '../rules/campaign-data';
import { INCOME_ROW_LABELS } from '../domain/income-rows';
import { formatEuro } from '../util/italian-input';
import { documentLine, documentsTotal, type DocumentLine, type ForeignPensionRow, type IncomeRow, type RedDocument, type SubjectYearDoc } from '../domain/red-document';
import { dich730Di, redDa730, type Contributo } from './mapping';
import { modelloPerAnno, type Dichiarazione730 } from './model';

/** Every document line the import writes starts with this. The import is "integrale" (p. 85): a row it writes
 * takes the 730 amount, its earlier lines are replaced. */
export const DESCRIZIONE_IMPORT = 'Importazione ';

export interface RigaImportata {
  rigo: IncomeRow | 'H' | 'H5';
  importo: number;
  origine: string;
}

export interface ReportImport {
  modello: string;
  importati: RigaImportata[];
  nonImportati: { origine: string; motivo: string }[];
  avvisi: string[];
}

export type EsitoImport =
  | { ok: false; code: 'IMP-01' | 'IMP-02' | 'IMP-04'; message: string }
  | { ok: true; doc: RedDocument; report: ReportImport };

export interface ImportaInput {
  doc: RedDocument;
  subjectKey: string;
  anno: number;
  /** The 730s held for the declaration's subjects. */
  dich: readonly Dichiarazione730[];
  /** The rows asked of this subject (matricola codice tipo righi); undefined = all. */
  rows: RowsTable | undefined;
}

const STATO_LABEL: Readonly<Record<string, string>> = { IN_LAVORAZIONE: 'in lavorazione', ANNULLATO: 'annullato' };

export function importa730(input: ImportaInput): EsitoImport {
  const { doc, subjectKey, anno } = input;
  const subject = doc.soggetti.find((s) => s.key === subjectKey);
  const year = subject?.anni.find((y) => y.anno === anno);
  const modello = modelloPerAnno(anno);
  if (!subject || !year || !modello) {
    return { ok: false, code: 'IMP-01', message: `Importazione 730 non possibile: nessun modello 730 per i redditi ${anno}.` };
  }
  const cf = subject.codiceFiscale.trim().toUpperCase();
  const { trasmesso, altri } = dich730Di(input.dich, cf, modello);
  if (!trasmesso) {
    const other = altri[0];
    return {
      ok: false,
      code: 'IMP-01',
      message: `Importazione 730 non possibile: non esiste un ${modello} in stato «Trasm.CGN» con il codice fiscale ${cf || '(non indicato)'}${other ? ` (il ${modello} presente è ${STATO_LABEL[other.stato] ?? other.stato})` : ''} (p. 85).`,
    };
  }
  if (year.modo === null) {
    return { ok: false, code: 'IMP-02', message: `Importazione 730 non possibile: scegliere prima la modalità di compilazione «Documentato» o «Autocertificato» per i redditi ${anno} (p. 85).` };
  }
  const da = redDa730(trasmesso, cf, subject.coltivatoreDiretto);
  if (da.senzaCampoRed.length > 0) {
    return {
      ok: false,
      code: 'IMP-04',
      message: `Nessun reddito importato: nel ${modello} non è compilato il campo RED nel dettaglio dei quadri C e D per: ${da.senzaCampoRed.join('; ')}. Far compilare il campo RED nel 730, poi ripetere l'importazione (p. 86).`,
    };
  }

  const report: ReportImport = { modello, importati: [], nonImportati: [...da.esclusi], avvisi: [...da.avvisi] };
  const byRow = new Map<IncomeRow, Contributo[]>();
  const foreign: Contributo[] = [];
  for (const c of da.contributi) {
    if (c.target === 'H' || c.target === 'H5') {
      foreign.push(c);
      continue;
    }
    const req = input.rows ? input.rows[c.target] : 'O';
    if (req === null || req === undefined) {
      report.nonImportati.push({ origine: `${c.origine} (${formatEuro(c.importo)} €)`, motivo: `rigo ${c.target} non richiesto dalla matricola per questo soggetto` });
      continue;
    }
    if (req === 'F' && !year.facoltativi) {
      report.nonImportati.push({ origine: `${c.origine} (${formatEuro(c.importo)} €)`, motivo: `rigo ${c.target} facoltativo: spuntare «Facoltativi» e ripetere l'importazione` });
      continue;
    }
    byRow.set(c.target, [...(byRow.get(c.target) ?? []), c]);
  }

  const documentato = year.modo === 'DOCUMENTATO';
  const righi: SubjectYearDoc['righi'] = { ...year.righi };
  for (const [rigo, list] of byRow) {
    // p. 93: the documents keep their cents, the row gets their total rounded up once.
    const documenti: DocumentLine[] = list.map((c) => documentLine(`${DESCRIZIONE_IMPORT}${modello}: ${c.origine}`.slice(0, 200), c.centesimi));
    const total = documentsTotal(documenti);
    if (documentato) {
      righi[rigo] = { importo: total, documenti };
    } else {
      righi[rigo] = { importo: total, documenti: [] };
    }
    for (const c of list) report.importati.push({ rigo, importo: c.importo, origine: c.origine });
  }

  const pensioni: ForeignPensionRow[] = [...subject.pensioniEstere];
  for (const c of foreign) {
    const tipo = c.target === 'H5' ? 5 : null;
    const already = pensioni.some((p) => p.stato === '' && p.istituzione === '' && p.tipo === tipo && p.importi.some((i) => i.anno === anno && i.importo === c.importo));
    if (!already) pensioni.push({ stato: '', istituzione: '', tipo, importi: [{ anno, importo: c.importo }] });
    report.importati.push({ rigo: c.target, importo: c.importo, origine: `${c.origine}: solo l'importo, indicare Stato, Istituzione${tipo === null ? ' e Tipo' : ''} (p. 86)` });
  }

  const newDoc: RedDocument = {
    ...doc,
    soggetti: doc.soggetti.map((s) =>
      s.key !== subjectKey ? s : { ...s, pensioniEstere: pensioni, anni: s.anni.map((y) => (y.anno === anno ? { ...y, righi } : y)) },
    ),
  };
  return { ok: true, doc: newDoc, report };
}

/** "A1 – Lavoro dipendente prestato in Italia", "H – Pensioni estere". */
export function rigoLabel(rigo: IncomeRow | 'H' | 'H5'): string {
  if (rigo === 'H') return 'H – Pensioni estere';
  if (rigo === 'H5') return 'H5 – Arretrati da pensione estera';
  return `${rigo} – ${INCOME_ROW_LABELS[rigo]}`;
}
