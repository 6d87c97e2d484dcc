import { cfCheckChar } from '#shared/codice-fiscale/codice-fiscale';
import { generateMatricola } from '#shared/matricola/codec';

/** A formally valid codice fiscale built from its parts (check character computed). */
export function makeCf(cognome3: string, nome3: string, yy: string, month: string, day: string, comune: string): string {
  const first15 = `${cognome3}${nome3}${yy}${month}${day}${comune}`.toUpperCase();
  return first15 + cfCheckChar(first15);
}

/** A valid RED2009 matricola for a codice fiscale, with sensible defaults for the other fields. */
export function makeMatricola(cf: string, over: Partial<Record<string, string>> = {}): string {
  return generateMatricola({
    codiceFiscale: cf,
    codiceEmissione: '8',
    anniRichiesti: '1',
    statoCivile: '2',
    rilevanzaConiuge: '1',
    numeroFigli: '0',
    codiceInvarianza: '0',
    tipoRighiDichiarante: '05',
    tipoRighiNucleo: '03',
    flagPensioniEstere: '0',
    flagLavoro2007: '0',
    flagLavoro2008: '1',
    ...over,
  });
}
