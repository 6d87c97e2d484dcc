import { parseMatricola } from '#shared/matricola/codec';
import { newDocumentFor } from '#shared/rules/new-document';
import type { TransmissionItem } from '#shared/server-api/contract';
import { makeCf, makeMatricola } from '../../helpers/matricole';

const L = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** A distinct valid codice fiscale per index (surname letters from the index, born 1940, Roma). */
export function cfFor(i: number, nome = 'MRA'): string {
  const s = L[Math.floor(i / 676) % 26]! + L[Math.floor(i / 26) % 26]! + L[i % 26]!;
  const day = String((Math.floor(i / 17576) % 28) + 1).padStart(2, '0');
  return makeCf(s, nome, '40', 'A', day, 'H501');
}

export interface ItemOptions {
  key?: string;
  version?: number;
  progressivo?: number;
  /** IPOST ('H') or INPS ('8', default). */
  emissione?: '8' | 'G' | 'H';
  coniugeCf?: string;
  /** The titolare's codice fiscale in the document, when it differs from the matricola's (a corrected CF). */
  documentCf?: string;
  cognome?: string;
}

/** A transmission item for a titolare: matricola with a coniuge rilevante, document as created by "Nuovo". */
export function itemFor(cf: string, o: ItemOptions = {}): TransmissionItem {
  const matricola = makeMatricola(cf, { codiceEmissione: o.emissione ?? '8' });
  const parsed = parseMatricola(matricola);
  if (!parsed.ok) throw new Error('matricola di prova non valida');
  const document = newDocumentFor(parsed.value);
  const titolare = document.soggetti.find((s) => s.role === 'TITOLARE')!;
  titolare.cognome = o.cognome ?? `COGNOME ${cf.slice(0, 3)}`;
  titolare.nome = 'MARIO';
  if (o.documentCf) {
    document.anagrafica.codiceFiscale = o.documentCf;
    titolare.codiceFiscale = o.documentCf;
  }
  const coniuge = document.soggetti.find((s) => s.role === 'CONIUGE');
  if (coniuge && o.coniugeCf) coniuge.codiceFiscale = o.coniugeCf;
  return { declarationKey: o.key ?? `d-${cf}`, version: o.version ?? 1, progressivo: o.progressivo ?? 1, tipo: 'N', matricola, document };
}
