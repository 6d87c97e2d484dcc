/**
 * The unlock rules of "Sblocca dichiarazione errata" for "Decodifica codici errore" and the Guida (guide p. 70,
 * 96–98; red-domain.md §7.6): which cross-check cases the CAF lifts and what the desk sends it first, and the codes
 * of the refusals of the unlock itself.
 */
import type { CatalogueEntry } from '../rules/codes';
import { CODICI_SBLOCCABILI } from './codice';

export interface RegolaSblocco {
  caso: string;
  /** What the CAF incaricato does; "sbloccabile" = the CAF issues an unlock code after it. */
  cosaFare: string;
  sbloccabile: boolean;
  ref: string;
}

export const REGOLE_SBLOCCO: readonly RegolaSblocco[] = [
  {
    caso: 'Pensione estera da non dichiarare nel 730: AVS svizzera, OAS canadese (reddito mondiale inferiore a 10.000 dollari canadesi), rendita FDMP per malattia professionale, pensione di minatore con almeno 20 anni nelle miniere del Belgio',
    cosaFare: "Inviare al CAF (fax 0434 506533, Servizio RED) la certificazione del reddito estero; il CAF comunica lo sblocco. Importo al lordo della ritenuta del 5% (AVS). Errore IMP-08.",
    sbloccabile: true,
    ref: 'p. 97',
  },
  {
    caso: 'Reddito del RED da non dichiarare ai fini fiscali',
    cosaFare: "Inviare al CAF (fax 0434 506533, Servizio RED) la certificazione del reddito; l'assistenza del CAF richiama per lo sblocco.",
    sbloccabile: true,
    ref: 'p. 98',
  },
  {
    caso: 'Campo di importazione RED errato nel 730 (quadri C e D): reddito importato in un altro rigo',
    cosaFare: "Chiamare l'assistenza del CAF (0434 506511) per lo sblocco. Errori IMP-06, IMP-07.",
    sbloccabile: true,
    ref: 'p. 98',
  },
  {
    caso: 'Reddito da dichiarare omesso nel 730',
    cosaFare: 'Nessuno sblocco: correggere il 730 con un 730 integrativo (imposta invariata) o con un Unico correttivo/integrativo (debito o minor credito), inviando al CAF (fax 0434 506533) l\'Unico con la ricevuta Entratel; poi il 730 corretto fa cadere l\'errore.',
    sbloccabile: false,
    ref: 'p. 98',
  },
];

const op = (code: string, title: string, ref: string): CatalogueEntry => ({ code, severity: 'OPERAZIONE', title, ref });

/** Refusals of "Sblocca dichiarazione errata" (project codes). */
export const SBLOCCO_CODES: readonly CatalogueEntry[] = [
  op('SBL-01', 'Codice di sblocco non valido: 12 caratteri, cifre e lettere, in gruppi di 4 (XXXX-XXXX-XXXX)', 'progetto'),
  op('SBL-02', 'Codice di sblocco non valido per questa dichiarazione, questo errore o questo sportello: verificare con il CAF i dati comunicati', 'progetto'),
  op('SBL-03', 'Codice di sblocco scaduto: chiedere un nuovo codice al CAF', 'progetto'),
  op('SBL-04', `Sblocco non possibile: solo una dichiarazione «Errata» per un errore ${CODICI_SBLOCCABILI.join(', ')} («Valore diverso da reddito 730») ancora presente`, 'p. 70, 97–98'),
  op('SBL-05', 'Sblocco non possibile: lo sportello non ha le credenziali del collegamento al CAF, a cui il codice è legato', 'progetto'),
];

export const SBL_CODE = { FORMATO: 'SBL-01', NON_VALIDO: 'SBL-02', SCADUTO: 'SBL-03', STATO: 'SBL-04', CREDENZIALI: 'SBL-05' } as const;
