/**
 * The document of a new declaration ("CREA DICHIARAZIONE", guide p. 74): only what the matricola says.
 *  - the titolare (key 'titolare'), codice fiscale from the matricola, one year per requested year;
 *  - "numero figli" proposed from the matricola (p. 79; A–E = 10–14) and, in "Soggetti", as many empty figli
 *    rows (p. 82: the list of the members "per i quali è necessario presentare il Modello RED", figli deleted
 *    with "Elimina riga" coherently with the number). No figli rows when the nucleus code is 00: no figli income
 *    is asked, and p. 42 wants figli filled only when the assegni familiari are asked (p. 42 wins over the
 *    number alone);
 *  - stato civile null (= the one known to the ente is confirmed), no decorrenza, every option off;
 *  - a coniuge (key 'coniuge') only when the coniuge is rilevante (1) and the matricola says coniugato (2):
 *    the coniuge is "richiesto se presente" (p. 42, 78);
 *  - no income row is stored: an absent obligatory row counts as 0 (red-document.ts); which rows the
 *    titolare (dichiarante code) and the coniuge (nucleus code) are asked comes from the tipo righi table.
 */
import { emptySubject, type RedDocument, type SubjectDoc } from '../domain/red-document';
import type { DecodedMatricola } from '../matricola/codec';
import { RED2009_CAMPAIGN } from '../campaigns/red2009/campaign';
import type { CampaignData } from './campaign-data';

export function newDocumentFor(matricola: DecodedMatricola, data: CampaignData = RED2009_CAMPAIGN): RedDocument {
  const v = matricola.values;
  const anni = matricola.anni;
  const figli = data.numeroFigli(v.numeroFigli);
  const soggetti: SubjectDoc[] = [emptySubject('titolare', 'TITOLARE', anni, v.codiceFiscale)];
  if (v.rilevanzaConiuge === '1' && v.statoCivile === '2') {
    soggetti.push(emptySubject('coniuge', 'CONIUGE', anni));
  }
  const numeroFigli = Number.isNaN(figli) ? 0 : figli;
  if (v.tipoRighiNucleo !== data.tipoRighiNessuno) {
    for (let n = 1; n <= numeroFigli; n++) soggetti.push(emptySubject(`figlio-${n}`, 'FIGLIO', anni));
  }
  return {
    anagrafica: {
      codiceFiscale: v.codiceFiscale,
      statoCivile: null,
      statoCivileDecorrenza: null,
      numeroFigli,
      deceduto: false,
      dataDecesso: null,
      espatriato: false,
      dataEspatrio: null,
    },
    zeroRed: false,
    rinuncia: false,
    domiciliazione: false,
    note: { gruppo: '', segnalibro: '', appunti: '' },
    erede: { codiceFiscale: '', nominativo: '' },
    ente: { codice: null, nonCodificato: false },
    soggetti,
  };
}
