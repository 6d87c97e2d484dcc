import type { RedDocument, SubjectDoc } from '#shared/domain/red-document';
import type { AnagraficaScan } from '#shared/matricola/anagrafica-scan';

/** The titolare's fields a "dati anagrafici" scan fills, as they will be written (schema lengths respected). */
export interface AnagraficaFill {
  cognome: string;
  nome: string;
  indirizzo: string;
  cap: string;
  comune: string;
  provincia: string;
}

/** Each datum of the scan in its own box: indirizzo, CAP, comune di residenza, provincia. */
export function anagraficaFill(v: AnagraficaScan): AnagraficaFill {
  return {
    cognome: v.cognome.slice(0, 60),
    nome: v.nome.slice(0, 60),
    indirizzo: v.indirizzo.slice(0, 100),
    cap: v.cap.slice(0, 5),
    comune: v.comuneResidenza.slice(0, 60),
    provincia: v.provincia.slice(0, 2),
  };
}

export function titolareOf(doc: RedDocument): SubjectDoc | undefined {
  return doc.soggetti.find((s) => s.role === 'TITOLARE');
}

/** Whether loading the scan would change anything. */
export function fillChanges(doc: RedDocument, fill: AnagraficaFill): boolean {
  const t = titolareOf(doc);
  return (
    !t ||
    t.cognome !== fill.cognome ||
    t.nome !== fill.nome ||
    t.indirizzo !== fill.indirizzo ||
    t.cap !== fill.cap ||
    t.comune !== fill.comune ||
    t.provincia !== fill.provincia
  );
}

/** Writes the scan into the titolare of a draft (the codice fiscale was checked equal before). */
export function applyAnagraficaFill(draft: RedDocument, fill: AnagraficaFill, codiceFiscale: string): void {
  const t = titolareOf(draft);
  if (!t) return;
  t.cognome = fill.cognome;
  t.nome = fill.nome;
  t.indirizzo = fill.indirizzo;
  t.cap = fill.cap;
  t.comune = fill.comune;
  t.provincia = fill.provincia;
  if (t.codiceFiscale.trim() === '') t.codiceFiscale = codiceFiscale;
}
