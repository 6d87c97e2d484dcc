/**
 * "Help di campo" of Altri adempimenti (issue 15): INAIL DNA and Flussi incassi C.A. Part of the one catalogue in
 * ./field-help.ts. Our own words; the facts are the INAIL seeds' (002, 003).
 */
export const INAIL_HELP: Readonly<Record<string, string>> = {
  'monitor.fn.altri': 'Altri adempimenti (Alt+A): i servizi dello sportello oltre al RED, per i datori di lavoro e le associazioni clienti del CAF (INAIL).',
  'altri.inailDna': "Denuncia nominativa assicurati: assunzioni e cessazioni dei lavoratori da comunicare all'INAIL, e il file «…inail_dna.txt» da inviare.",
  'altri.flussiCa': "Flussi incassi C.A.: l'elenco degli incassi dei contributi associativi scaricato dal Punto Cliente INAIL, con i totali e le differenze tra un'estrazione e l'altra.",
  // ----- INAIL DNA
  'dna.datori': 'Datori di lavoro: frecce per scegliere; a destra le sue denunce.',
  'dna.nuovoDatore': 'Nuovo datore: codice fiscale e codice di accesso riservato del datore di lavoro.',
  'dna.modificaDatore': 'Modifica datore: cambia codice fiscale, codice di accesso o denominazione del datore scelto.',
  'dna.datore.codiceFiscale': 'Codice fiscale del datore di lavoro: 16 caratteri per una persona, 11 cifre per una società.',
  'dna.datore.codiceAccesso': "Codice di accesso riservato: le 4 cifre che l'INAIL stampa sui moduli 10SM inviati ogni anno al datore di lavoro. Obbligatorio.",
  'dna.datore.denominazione': "Denominazione: il nome del datore di lavoro, solo per riconoscerlo nell'elenco (non va nel file).",
  'dna.denunce': 'Denunce del datore scelto: frecce per scegliere quella da modificare o eliminare. Quelle già in un file mostrano il nome e la data del file.',
  'dna.nuovaDenuncia': "Nuova denuncia: un'assunzione, una cessazione o entrambe per un lavoratore del datore scelto.",
  'dna.modificaDenuncia': 'Modifica denuncia: solo finché la denuncia non è in un file.',
  'dna.eliminaDenuncia': 'Elimina denuncia: solo finché la denuncia non è in un file.',
  'dna.denuncia.straniero': 'Lavoratore straniero sprovvisto di codice fiscale: al posto del codice fiscale si scrivono cognome e nome.',
  'dna.denuncia.cfLavoratore': 'Codice fiscale del lavoratore assunto o cessato (16 caratteri).',
  'dna.denuncia.cognome': 'Cognome del lavoratore straniero, al massimo 40 caratteri, lettere senza accenti.',
  'dna.denuncia.nome': 'Nome del lavoratore straniero, al massimo 40 caratteri, lettere senza accenti.',
  'dna.denuncia.posizione': 'Posizione assicurativa INAIL su cui è assicurato il lavoratore: 9 cifre.',
  'dna.denuncia.dataInizio': "Data di inizio del rapporto di lavoro (assunzione), gg/mm/aaaa. Può mancare se si comunica solo la cessazione.",
  'dna.denuncia.dataFine': "Data di fine del rapporto di lavoro (cessazione), gg/mm/aaaa; non prima dell'inizio. Può mancare se si comunica solo l'assunzione.",
  'dna.creaFile': 'Crea file: mette tutte le denunce da inviare in un file «…inail_dna.txt» nella cartella stampe; il file viene riletto e controllato prima di essere consegnato.',
  'dna.fileCreati': 'File creati: elenco dei file DNA fatti, con la possibilità di ricrearne uno.',
  'dna.fileCreati.file': 'File DNA creato: frecce per sceglierlo.',
  'dna.ricreaFile': 'Ricrea file: scrive di nuovo il file scelto con le stesse denunce (un nuovo nome nella cartella stampe).',
  'dna.leggiFile.file': 'File DNA da leggere: un file «…inail_dna.txt» fatto con un altro programma.',
  'dna.leggiFile': 'Leggi file DNA: aggiunge all’elenco tutte le denunce del file, oppure nessuna se un record è errato (indicati riga e posizione).',
  // ----- Flussi incassi C.A.
  'ca.file': "Elenco da importare: il file .txt degli incassi scaricato dal Punto Cliente INAIL (Area download → Flussi incassi C.A.), già estratto dallo zip.",
  'ca.importa': "Importa elenco: legge tutto il file o niente (se una riga è errata ne indica il numero). L'elenco sostituisce quello precedente della stessa convenzione e anno.",
  'ca.estrazione': "Estrazione: l'ultimo elenco importato di ogni convenzione e anno.",
  'ca.ditta': 'Ricerca per codice ditta: il codice di iscrizione della ditta all’INAIL (fino a 9 cifre); le viste mostrano solo i suoi incassi.',
  'ca.vista': "Vista: totali per regione, per codice contributo o per ditta, gli incassi uno per uno, o le differenze rispetto all'estrazione precedente.",
  'ca.esportaXlsx': 'Esporta .xlsx: la vista scelta in un foglio Excel nella cartella stampe.',
  'ca.esportaCsv': 'Esporta .csv: la vista scelta in un file CSV per Excel italiano (punto e virgola, virgola decimale) nella cartella stampe.',
  'ca.progressivo': 'Progressivo di pagamento: le 6 cifre del modello F24; le prime due indicano l’anno di competenza, le ultime quattro la convenzione (es. 710328: 2011, convenzione 0328).',
};
