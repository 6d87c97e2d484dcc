import type { Scarto } from '#shared/server-api/contract';
import type { Finding } from '#shared/rules/types';

/**
 * Scart. CAF (p. 110): inside the declaration, the Monitor errori shows the CAF's rejection on the codice fiscale it
 * concerns (titolare in "Conferma dati anagrafici", coniuge in his anagrafica), with the suggested one, until the
 * declaration is corrected ("Correggi" in the monitor).
 */
export function scartoFindings(scarto: Scarto | null, coniugeKey: string | undefined): Finding[] {
  if (!scarto) return [];
  const base = (message: string, role: 'TITOLARE' | 'CONIUGE'): Finding => ({
    code: 'Scart. CAF',
    severity: 'BLOCCANTE',
    missing: false,
    message,
    field:
      role === 'CONIUGE' && coniugeKey
        ? { tab: 'ANAGRAFICA_REDDITI', path: `soggetti.${coniugeKey}.codiceFiscale`, subjectKey: coniugeKey }
        : { tab: 'DICHIARAZIONE', path: 'anagrafica.codiceFiscale' },
  });
  const cfs = scarto.codiciFiscali ?? [];
  if (cfs.length === 0) return [base(`Scartata dal CAF CGN: ${scarto.message}`, 'TITOLARE')];
  return cfs.map((c) =>
    base(
      `Scartata dal CAF CGN, codice fiscale del ${c.role === 'CONIUGE' ? 'coniuge' : 'titolare'} ${c.codiceFiscale}: ${scarto.message}${
        c.suggested ? `; codice fiscale suggerito: ${c.suggested} («Correggi» nel monitor lo applica)` : ''
      }`,
      c.role,
    ),
  );
}
