/**
 * Declarations of every kind the prints distinguish (p. 105), built by hand: normal with coniuge, documentato
 * with two children and "Doc." = Nessuna, Zero RED, rinuncia, decesso, espatrio. Amounts are chosen so that a
 * test can look for them in the PDF text.
 */
import { parseMatricola } from '#shared/matricola/codec';
import { newDocumentFor } from '#shared/rules/new-document';
import { emptySubject, type RedDocument, type SubjectDoc } from '#shared/domain/red-document';
import type { PrintDeclaration } from '#shared/print/compose';
import { makeCf, makeMatricola } from './matricole';

export const CF_TITOLARE = makeCf('RSS', 'MRA', '40', 'A', '01', 'H501');
export const CF_CONIUGE = makeCf('BNC', 'LCU', '45', 'B', '42', 'H501');
export const CF_FIGLIO1 = makeCf('RSS', 'LCA', '80', 'C', '03', 'H501');
export const CF_FIGLIO2 = makeCf('RSS', 'PLA', '83', 'D', '44', 'H501');

function base(cf: string, over: Partial<Record<string, string>> = {}): { matricola: string; doc: RedDocument } {
  const matricola = makeMatricola(cf, over);
  const m = parseMatricola(matricola);
  if (!m.ok) throw new Error(`matricola di prova non valida: ${JSON.stringify(m.errors)}`);
  return { matricola: m.value.matricola, doc: newDocumentFor(m.value) };
}

function person(s: SubjectDoc, cf: string, cognome: string, nome: string): SubjectDoc {
  return { ...s, codiceFiscale: cf, cognome, nome, indirizzo: 'Via Roma 1', cap: '00185', comune: 'Roma', provincia: 'RM' };
}

function decl(progressivo: number, matricola: string, cf: string, document: RedDocument): PrintDeclaration {
  return { id: progressivo, progressivo, tipo: 'N', matricola, codiceFiscale: cf, document, dataConsegna: '2009-04-15' };
}

/** Autocertificato, titolare (code 05: F4 optional, G1/G2 not asked) and coniuge (code 03: G2 asked). */
export function normaleConiuge(progressivo = 1, cf = CF_TITOLARE): PrintDeclaration {
  const { matricola, doc } = base(cf);
  const [t, c] = doc.soggetti as [SubjectDoc, SubjectDoc];
  const titolare = person(t, cf, 'ROSSI', 'MARIO');
  titolare.anni = [{ anno: 2008, modo: 'AUTOCERTIFICATO', facoltativi: false, doc: '730', righi: { A1: { importo: 12345, documenti: [] }, B2: { importo: 678, documenti: [] } } }];
  const coniuge = person(c, CF_CONIUGE, 'BIANCHI', 'LUCIA');
  coniuge.anni = [{ anno: 2008, modo: 'AUTOCERTIFICATO', facoltativi: false, doc: 'UNICO', righi: { C1: { importo: 250, documenti: [] }, G2: { importo: 431, documenti: [] } } }];
  return decl(progressivo, matricola, cf, { ...doc, soggetti: [titolare, coniuge] });
}

/** Documentato, no coniuge (stato civile vedovo), two children; the second child filed no tax return. */
export function documentatoDueFigli(progressivo = 2, cf = CF_TITOLARE): PrintDeclaration {
  const { matricola, doc } = base(cf, { statoCivile: '3', rilevanzaConiuge: '0', numeroFigli: '2' });
  const titolare = person(doc.soggetti[0] as SubjectDoc, cf, 'ROSSI', 'MARIO');
  titolare.anni = [
    {
      anno: 2008,
      modo: 'DOCUMENTATO',
      facoltativi: true,
      doc: '730',
      righi: {
        A1: { importo: 9000, documenti: [{ descrizione: 'CUD 2009 ditta Alfa', importo: 9000 }] },
        F4: { importo: 120, documenti: [{ descrizione: 'Certificazione rendita', importo: 120 }] },
      },
    },
  ];
  const f1 = person(emptySubject('figlio-1', 'FIGLIO', [2008]), CF_FIGLIO1, 'ROSSI', 'LUCA');
  f1.anni = [{ anno: 2008, modo: 'DOCUMENTATO', facoltativi: false, doc: '730', righi: { A3: { importo: 5400, documenti: [{ descrizione: 'Fattura n. 12', importo: 5400 }] } } }];
  const f2 = person(emptySubject('figlio-2', 'FIGLIO', [2008]), CF_FIGLIO2, 'ROSSI', 'PAOLA');
  f2.anni = [{ anno: 2008, modo: 'DOCUMENTATO', facoltativi: false, doc: 'NESSUNA', righi: { C1: { importo: 75, documenti: [{ descrizione: 'Estratto conto Banca Beta', importo: 75 }] } } }];
  return decl(progressivo, matricola, cf, { ...doc, anagrafica: { ...doc.anagrafica, numeroFigli: 2 }, soggetti: [titolare, f1, f2] });
}

function breve(progressivo: number, patch: (d: RedDocument) => RedDocument, cf = CF_TITOLARE): PrintDeclaration {
  const { matricola, doc } = base(cf, { statoCivile: '1', rilevanzaConiuge: '0' });
  const titolare = person(doc.soggetti[0] as SubjectDoc, cf, 'ROSSI', 'MARIO');
  titolare.anni = [{ anno: 2008, modo: 'AUTOCERTIFICATO', facoltativi: false, doc: '730', righi: {} }];
  return decl(progressivo, matricola, cf, patch({ ...doc, soggetti: [titolare] }));
}

export const zeroRed = (p = 3, cf = CF_TITOLARE) => breve(p, (d) => ({ ...d, zeroRed: true }), cf);
export const rinuncia = (p = 4, cf = CF_TITOLARE) => breve(p, (d) => ({ ...d, rinuncia: true }), cf);
export const decesso = (p = 5, cf = CF_TITOLARE) =>
  breve(p, (d) => ({ ...d, anagrafica: { ...d.anagrafica, deceduto: true, dataDecesso: '2008-11-20' }, erede: { codiceFiscale: CF_FIGLIO1, nominativo: 'ROSSI LUCA' } }), cf);
export const espatrio = (p = 6, cf = CF_TITOLARE) => breve(p, (d) => ({ ...d, anagrafica: { ...d.anagrafica, espatriato: true, dataEspatrio: '2007-06-30' } }), cf);

/** Documentato with "Doc." = Nessuna for the titolare. */
export function documentatoNessuna(progressivo = 7, cf = CF_TITOLARE): PrintDeclaration {
  const d = documentatoDueFigli(progressivo, cf);
  const [t, ...rest] = d.document.soggetti as [SubjectDoc, ...SubjectDoc[]];
  const titolare = { ...t, anni: t.anni.map((y) => ({ ...y, doc: 'NESSUNA' as const })) };
  return { ...d, document: { ...d.document, soggetti: [titolare, ...rest] } };
}
