/**
 * The texts of "Vigilanza" (guide p. 72, pp. 111–114) in our own words: how INPS checks the REDs, and the documents
 * of "Normativa di riferimento". The documents themselves are provided by the CAF CGN (they are not in the guide).
 */

/** "ITER dei Controlli RED" (p. 112) and the sample (p. 111), retold step by step. */
export const ITER_CONTROLLI: readonly string[] = [
  "Ogni anno l'INPS estrae a caso il 2% dei RED trasmessi e li confronta con i dati che conosce.",
  "La Direzione Centrale dell'INPS manda l'elenco dei RED da controllare alla Sede INPS competente, che lo apre.",
  "La Sede confronta ogni RED con le proprie banche dati sui redditi dell'anno e con gli archivi di altre amministrazioni (fisco, comuni); se trova differenze può chiedere al CAF i documenti che ha raccolto.",
  'Finita la verifica, la Sede registra l\'esito: se il RED è irregolare gli assegna uno dei codici errore della tabella, a cui corrisponde una sanzione per il CAF.',
  "Gli esiti sono visibili al CAF appena registrati: l'elenco cambia nel tempo, perché un codice può essere sostituito con un altro o tolto (la pratica torna corretta) quando i documenti del CAF provano che l'errore non c'è o non è colpa del CAF.",
  "Sul numero di errori l'INPS calcola l'«indice di difettosità» del CAF, da cui dipende la penale; un indice alto può portare l'INPS a non rinnovare la convenzione.",
  "Se i dati diversi cambiano l'importo della pensione, la Sede la ricalcola d'ufficio (ricostituzione), che ci sia o no la sanzione.",
];

/** "Errori rettificati" (p. 114): what the CAF can bring to show a RED is not sanctionable. */
export const PROVE_DEL_CAF: readonly string[] = [
  'le dichiarazioni dei redditi presentate dal pensionato;',
  'le visure catastali;',
  "l'autocertificazione del pensionato, con copia del documento d'identità;",
  'le rettificative del RED presentate spontaneamente allo sportello della Sede prima del controllo.',
];

export interface DocumentoNormativa {
  readonly id: string;
  /** The guide's name of the document (p. 72). */
  readonly titolo: string;
  readonly descrizione: string;
}

/** "Normativa di riferimento" (p. 72): the documents the CAF CGN provides on the RED rules. */
export const NORMATIVA_DI_RIFERIMENTO: readonly DocumentoNormativa[] = [
  { id: 'disciplina', titolo: 'Documenti relativi alla disciplina RED', descrizione: 'le norme e le circolari che regolano la campagna RED.' },
  { id: 'AP15', titolo: 'Modello AP15', descrizione: 'modello per la ricostituzione del RED.' },
  { id: 'AP57', titolo: 'Modello AP57', descrizione: 'modello per la ricostituzione del RED.' },
  { id: 'guide-inps', titolo: 'Guide INPS relative alla pensione', descrizione: "le guide dell'INPS sulle prestazioni pensionistiche." },
];
