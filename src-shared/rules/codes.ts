/**
 * Codes that are not validation rules but belong in "Decodifica codici errore" (one catalogue for every code,
 * ARCHITECTURE.md): editor behaviours, operation refusals, matricola errors and notes, external esiti, and rules
 * catalogued but not run by the engine yet. Wording from red-domain.md §2.4, §6.3–6.9, §8.4 and the guide.
 */
import { RED2009_LAYOUT, type MatricolaFieldKey } from '../campaigns/red2009/stringa-caf-layout';
import type { Severity } from './types';

export type CatalogueKind = Severity | 'OPERAZIONE' | 'ESITO' | 'COMPORTAMENTO';

export interface CatalogueEntry {
  code: string;
  severity: CatalogueKind;
  /** One line, Italian. */
  title: string;
  /** Guide reference (page) or "progetto" for project-defined codes. */
  ref: string;
}

const entry = (severity: CatalogueKind) => (code: string, title: string, ref: string): CatalogueEntry => ({ code, severity, title, ref });
const behaviour = entry('COMPORTAMENTO');
const operation = entry('OPERAZIONE');
const esito = entry('ESITO');

/** What the editor does instead of reporting (red-domain.md §6.4–6.7 rows with severity "—"). */
export const BEHAVIOURS: readonly CatalogueEntry[] = [
  behaviour('DIC-11', 'Zero RED: il programma imposta "Autocertificato" e non consente "Documentato"', 'p. 80, 89'),
  behaviour('DIC-13', 'RED breve (decesso, espatrio anteriore agli anni richiesti, rinuncia, Zero RED): righi dei redditi, "Doc." e numero figli disattivati, senza la compilazione di alcun dato reddituale', 'p. 77, 79–81'),
  behaviour('ENT-02', 'Pensione italiana: nessun campo di importo; il reddito derivante da pensione italiana non deve mai essere acquisito', 'p. 47, 88'),
  behaviour('RED-04', 'Importo con decimali: arrotondato all\'euro per eccesso in fase di inserimento', 'p. 93'),
  behaviour('RED-06', 'Rigo facoltativo con "Facoltativi" non spuntato: casella grigia non modificabile; in stampa "Non dich."', 'p. 90–91'),
  behaviour('RED-07', 'Righi G1/G2 non richiesti: casella non modificabile; in stampa "Non rich."', 'p. 90–91'),
  behaviour('RED-08', 'RED Documentato: l\'importo del rigo è il totale dell\'"Elenco dei redditi dichiarati e documenti esibiti" ("Ok Aggiorna"), non si digita', 'p. 93'),
];

/**
 * Text refused while typed into a box of the editor (issue 18; util/italian-input.ts): the box keeps the text, the
 * document gets no value, and the declaration cannot be made complete until it is corrected.
 */
export const INPUT_CODES: readonly CatalogueEntry[] = [
  entry('BLOCCANTE')('INS-01', 'Importo non valido: solo cifre, decimali con la virgola; mai letto in parte ("15OOO" non è 15)', 'p. 93'),
  entry('BLOCCANTE')('INS-02', 'Data non valida o inesistente (es. 31/02/2009): gg/mm/aaaa o ggmmaaaa', 'p. 78–81'),
];

/** Operations refused with a dialog (red-domain.md §6.9, and SOG-01 of §6.5). */
export const OPERATION_CODES: readonly CatalogueEntry[] = [
  operation('OPR-01', 'Invio di una dichiarazione non "Completa" o non in "Da spedire"', 'p. 99'),
  operation('OPR-02', 'Modifica di una dichiarazione "Tras.CGN" senza connessione al server CGN', 'p. 102'),
  operation('OPR-03', 'Modifica di una dichiarazione "Trasm.INPS": attendere che passi in Ricevute', 'p. 103'),
  operation('OPR-04', 'Cancellazione di una dichiarazione "Trasm.INPS" o "Ricevuta": presentare istanza alla sede locale', 'p. 101'),
  operation(
    'OPR-05',
    'Correggi su una Ricevuta oltre 15 giorni dal primo invio della dichiarazione ordinaria, anche per le rettificative «R» che ne derivano (vale p. 69, la pagina del tasto Correggi: p. 103 conta dall\'invio all\'INPS, data successiva), o con posizione già ricostituita dall\'INPS (p. 102): presentare la correzione allo sportello della Sede competente',
    'p. 69, 102, 103',
  ),
  operation('OPR-06', 'Correggi su una Scartata con codice 9201, 9202, 9205, 9009, 9010 o 9011', 'p. 45, 103, 104, 109'),
  operation('OPR-07', 'Uscita con una rettificativa "R" non completata e non inviata', 'p. 103'),
  operation('OPR-08', 'Stampa modelli di una dichiarazione non ancora inviata al CAF CGN', 'p. 69, 105'),
  operation('OPR-09', 'Reinvio dichiarazioni di una dichiarazione non in "Attesa"', 'p. 70'),
  operation('OPR-10', 'Richiesta duplicato Stringa CAF per una matricola non INPS (esclusivamente per le matricole INPS)', 'p. 66'),
  operation('OPR-11', 'Invio dopo il termine per effettuare l\'invio fissato dalla circolare del CAF', 'circolare (seed 000)'),
  operation('OPR-12', 'Trasmissione, sincronizzazione o ritiro senza collegamento al CAF configurato o raggiungibile', 'p. 99, 102'),
  operation('OPR-13', 'Cancellazione di una rettificativa «R»: va resa completa e inviata al CAF, non cancellata', 'p. 103'),
  operation('OPR-14', 'Modifica, annullamento o Correggi di una dichiarazione già inviata dopo il termine per effettuare l\'invio: le dichiarazioni spedite non si eliminano né si modificano', 'circolare (seed 000, punto 3)'),
  operation('SOG-01', 'Elimina riga sul coniuge o sul titolare: il coniuge, se presente, non può mai essere cancellato; "Elimina riga" è attivo solo per i figli', 'p. 82'),
];

/** Guide pages of the matricola fields (pp. 41–44); the wording of each code comes from the layout itself. */
const MAT_FIELD_REF: Readonly<Record<MatricolaFieldKey, string>> = {
  codiceFiscale: 'p. 74',
  codiceEmissione: 'p. 41',
  anniRichiesti: 'p. 41',
  statoCivile: 'p. 41–42',
  rilevanzaConiuge: 'p. 42',
  numeroFigli: 'p. 42',
  codiceInvarianza: 'p. 42',
  tipoRighiDichiarante: 'p. 43',
  tipoRighiNucleo: 'p. 43',
  flagPensioniEstere: 'p. 43',
  flagLavoro2007: 'p. 43',
  flagLavoro2008: 'p. 43',
  controcodice: 'p. 44',
};

/**
 * Matricola ("Nuovo") errors and notes: MAT-01…MAT-17 of red-domain.md §6.3, MAT-18…MAT-20 of the project.
 * The field codes (their error, refused and note codes) are read from the campaign layout, so the catalogue
 * cannot drift from what the codec reports.
 */
export const MATRICOLA_CODES: readonly CatalogueEntry[] = [
  ...RED2009_LAYOUT.fields.flatMap((f) => [
    operation(f.errorCode, `Matricola: ${f.label} non valido; valori ammessi: ${f.allowedText}`, MAT_FIELD_REF[f.key]),
    ...Object.values(f.refused ?? {}).map((r) => operation(r.errorCode, `Matricola: ${f.label}: ${r.reason}`, MAT_FIELD_REF[f.key])),
    ...Object.values(f.notes ?? {}).map((n) => entry('NOTA')(n.code, n.message, MAT_FIELD_REF[f.key])),
  ]),
  entry('NOTA')('MAT-15', 'Esiste già una dichiarazione con lo stesso codice fiscale: "Seleziona" per modificarla o "Annulla"', 'p. 74–75'),
  operation('MAT-17', 'Richiesta duplicato Stringa CAF: esclusivamente per le matricole INPS', 'p. 66'),
  operation('MAT-18', 'Stringa CAF di lunghezza errata', 'progetto (stringa-caf.md)'),
  operation('MAT-19', 'Stringa CAF con caratteri non ammessi (solo lettere e cifre)', 'progetto (stringa-caf.md)'),
  operation('MAT-20', 'Matricola già presente in archivio (duplicata)', 'progetto'),
].sort((x, y) => x.code.localeCompare(y.code));

/** Esiti: rejections by the CGN server (9009–9011) and by INPS (9201–9209), verbatim descriptions. */
export const ESITO_CODES: readonly CatalogueEntry[] = [
  esito('9009', 'Matricola erroneamente emessa dall\'INPS (non va corretta: la posizione non riguarda l\'attuale campagna RED)', 'p. 45, 109'),
  esito('9010', 'Matricola IPOST non corretta: caricare una nuova dichiarazione con la matricola corretta indicata', 'p. 45, 109'),
  esito('9011', 'Matricola IPOST da verificare. Attendere messaggio in Piattaforma', 'p. 45, 109'),
  esito('9201', 'Dichiarazione non interessata alla campagna RED', 'p. 108'),
  esito('9202', 'Dichiarazione trasmessa da utente diverso', 'p. 108'),
  esito('9203', 'Dichiarazione trasmessa da ritrasmettere (Correggi, rendere Completa e reinviare)', 'p. 108'),
  esito('9204', 'Dichiarazione ritrasmessa da trasmettere (la rettificativa è arrivata prima dell\'ordinaria)', 'p. 104, 108'),
  esito('9205', 'Correzione non accettata, pensione già ricalcolata dall\'INPS', 'p. 108'),
  esito('9209', 'Errore di scrittura sul DB centrale (Correggi, rendere Completa e reinviare)', 'p. 103, 108'),
];

/**
 * "Importazione 730" and the 730 file (red-domain.md §6.8; issue 12): refusals of the import (IMP-01…04), the note
 * after it (IMP-09), a 730 file refused (IMP-10). The cross-check rules IMP-05…08 are in rules/imp730.ts; the CAF
 * lifts them with "Sblocca dichiarazione errata" only in the cases of pp. 97–98.
 */
export const IMPORT_730_CODES: readonly CatalogueEntry[] = [
  operation('IMP-01', 'Importazione 730: non esiste un 730/2009 e/o 730/2008 in stato «Trasm.CGN» con lo stesso codice fiscale del titolare, coniuge o figlio', 'p. 85'),
  operation('IMP-02', 'Importazione 730 prima di aver scelto la modalità di compilazione «Documentato» o «Autocertificato»', 'p. 85'),
  operation('IMP-03', "Importazione da un modello Unico: l'importazione dei redditi avviene in modo integrale solo da modello 730", 'p. 85'),
  operation('IMP-04', 'Redditi dei quadri C e D del 730 senza il campo RED compilato: non è importato alcun reddito', 'p. 86'),
  entry('NOTA')('IMP-09', "Dopo l'importazione l'incaricato del CAF verifica i redditi inseriti e quelli non importati (redditi documentati discordanti dal 730 dello stesso intermediario: sanzione di € 720,00)", 'p. 85'),
  operation('IMP-10', 'File 730 non letto: riga, campo e valore atteso indicati; nessun 730 del file è memorizzato', 'progetto (730-file.md)'),
];

/**
 * Checks of red-domain.md §6.4–6.8 the engine cannot run with the current RuleContext (none: DIC-09 runs with the
 * 730s held on the desk, rules/imp730.ts).
 */
export const DEFERRED_RULES: readonly CatalogueEntry[] = [];
