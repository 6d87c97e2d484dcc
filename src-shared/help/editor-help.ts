/**
 * "Help di campo" of the declaration editor (guide p. 71). Keys are field paths (`data-field`, rules/types.ts
 * `fieldPath`) with the variable parts replaced by `*` (subject key, year, row index), or the `data-help` key of
 * a control that is not a document field (buttons, lists). Part of the one catalogue in ./field-help.ts.
 */
export const EDITOR_HELP: Readonly<Record<string, string>> = {
  // ----- boxes ("Correggi" lands on the box when the datum itself is not on screen)
  anagrafica: 'Conferma/aggiornamento dati anagrafici del titolare: codice fiscale, stato civile, numero figli, decesso ed espatrio.',
  note: 'Note della dichiarazione: gruppo, segnalibro e appunti, ad uso interno dello sportello.',
  erede: "Erede: i dati di chi presenta e firma il RED di un pensionato deceduto; la sezione si attiva con «Deceduto».",
  'soggetti.*': 'Anagrafica del soggetto scelto nella lista Soggetti (titolare, coniuge o figlio).',
  // ----- Dichiarazione: Conferma/aggiornamento dati anagrafici (pp. 76, 79)
  'anagrafica.codiceFiscale':
    "Codice fiscale del titolare proposto dalla matricola. Se errato indicare quello registrato negli archivi dell'Agenzia delle Entrate (verifica INPS a campione sul 2%: codice errato = sanzione di € 288,00 al CAF).",
  'anagrafica.statoCivile':
    'Stato civile: da indicare quando nella matricola è assente ("non noto") o è variato; inserire anche la data di decorrenza della nuova situazione (stato civile errato = sanzione di € 144,00 al CAF).',
  'anagrafica.statoCivileDecorrenza': 'Decorrenza: data della nuova situazione anagrafica (gg/mm/aaaa). Obbligatoria quando lo stato civile viene aggiornato.',
  'anagrafica.numeroFigli':
    "Numero dei figli proposto dalla matricola; in \"Soggetti\" ci sono altrettante righe di figli da compilare (aumentandolo si aggiungono righe vuote). I figli e i loro redditi servono solo se sono richiesti gli assegni familiari. La modifica non cambia le prestazioni: per l'adeguamento degli assegni occorre la domanda alla sede INPS. Non si compila in un RED breve.",
  'anagrafica.deceduto': 'Deceduto: il titolare è defunto. Si produce sempre un RED breve (senza redditi); indicare la data del decesso e compilare la sezione Erede.',
  'anagrafica.dataDecesso': 'Data del decesso del titolare (gg/mm/aaaa). Con la data inserita si attiva la sezione "Erede".',
  'anagrafica.espatriato': "Espatrio: il titolare si è trasferito all'estero. È un RED breve se l'espatrio è avvenuto prima degli anni richiesti.",
  'anagrafica.dataEspatrio': "Data dell'espatrio (gg/mm/aaaa).",
  // ----- RED breve options, domiciliazione (pp. 77, 80–81)
  zeroRed:
    "Zero RED: né il pensionato né i familiari richiesti hanno avuto redditi negli anni della richiesta. È un RED breve e sempre Autocertificato: un RED senza redditi non può essere Documentato.",
  rinuncia:
    "Rinuncia alle prestazioni collegate al reddito: il pensionato non dichiara i redditi e rinuncia alle prestazioni integrative; genera sempre un RED breve e l'Ente interrompe la prestazione.",
  domiciliazione:
    "Domiciliazione: con la firma sul modello cartaceo il pensionato consente all'Ente di mandare al CAF CGN la sua Stringa CAF dell'anno dopo e l'esito del ricalcolo della pensione.",
  tipoDichiarazione:
    "Tipo di dichiarazione (impostato dal programma): Normale = prima dichiarazione; Rettificata = inviata all'INPS e poi modificata; Rettificativa = sostituisce quella già inviata.",
  // ----- Note, Erede, Appunti (p. 77)
  dataConsegna:
    'Lettera di richiesta: la spunta conferma che il pensionato ha consegnato la lettera RED; la data di consegna serve ai filtri delle stampe (Ordina e filtri). Non viene trasmessa.',
  'note.gruppo': 'Gruppo: etichetta libera per organizzare il lavoro sulle dichiarazioni.',
  'note.segnalibro': "Segnalibro: contrassegno libero dell'operatore sulla dichiarazione.",
  'note.appunti': 'Appunti: note libere sulla singola dichiarazione (non vengono stampate né trasmesse).',
  'erede.codiceFiscale': "Codice fiscale dell'erede: è lui a firmare il RED al posto del pensionato deceduto.",
  'erede.nominativo': "Cognome e nome dell'erede che firma il RED del pensionato deceduto.",
  matricola: 'Matricola/Stringa CAF: ogni valore con il suo significato. La rilevanza coniuge indica se sono richiesti i redditi del coniuge.',
  // ----- Anagrafica e redditi (pp. 82–84)
  soggetti:
    'Soggetti: i componenti del nucleo per i quali va presentato il RED. Frecce per scegliere il soggetto; "Elimina riga" vale solo per i figli; il coniuge non può essere cancellato.',
  eliminaRiga: 'Elimina riga: cancella il figlio selezionato e riduce di uno il numero figli della scheda Dichiarazione (il titolare e il coniuge non si cancellano).',
  aggiungiConiuge: 'Aggiungi coniuge: inserisce il coniuge, richiesto dalla matricola (rilevanza coniuge 1) se presente negli anni richiesti.',
  'soggetti.*.codiceFiscale': 'Codice fiscale del soggetto. Da esso si ricava la data di nascita.',
  'soggetti.*.cognome': 'Cognome del soggetto.',
  'soggetti.*.nome': 'Nome del soggetto.',
  'soggetti.*.indirizzo': 'Indirizzo di residenza del soggetto.',
  'soggetti.*.cap': 'CAP della residenza (5 cifre): serve alle etichette per la corrispondenza (09 Stampa Etichette) e agli elenchi.',
  'soggetti.*.comune': 'Comune di residenza del soggetto. Uscendo dal campo la provincia, se vuota, è proposta dall\'elenco ISTAT dei comuni.',
  'soggetti.*.provincia': 'Sigla della provincia di residenza (es. RM). Proposta dal comune quando il nome è di un solo comune italiano.',
  'soggetti.*.invertiSecolo':
    'Inverti 1900/2000 su data di nascita: la data è ricavata dal codice fiscale; spuntare per cambiare il secolo (es. FCCFNT05B41G888W: 01.02.1905 non spuntata, 01.02.2005 spuntata).',
  'soggetti.*.residenzaVariata': 'Da spuntare solo quando il soggetto oggi risiede a un indirizzo diverso da quello stampato sulla lettera di richiesta.',
  'soggetti.*.coltivatoreDiretto':
    "Coltivatore diretto: per l'importazione da 730 dei redditi agrari (non spuntata: rigo B2 Altri immobili; spuntata: rigo A3 Lavoro autonomo).",
  'soggetti.*.dataDecesso': 'Data del decesso del coniuge: se anteriore agli anni richiesti si comunica solo la variazione di stato civile.',
  ente:
    "Redditi da Ente pensionistico Italiano: la pensione italiana non si dichiara mai (la rileva il Casellario). Se l'ente non è INPS, INPDAP o IPOST sceglierlo dall'elenco; se non è in elenco scegliere \"Ente non codificato\".",
  cancellaEnte: 'Cancella Ente: toglie l\'ente scelto per errore, prima di scegliere quello corretto.',
  enteNonCodificato:
    "Ente pensionistico non codificato: l'ente non ha trasmesso i dati al Casellario; il RED non può essere acquisito dal CAF e va presentato alla sede INPS di competenza.",
  'soggetti.*.anni.*.modo':
    'Documentato: vanno elencati i documenti visionati (stampa "Elenco dei redditi dichiarati e documenti esibiti"). Autocertificato: il pensionato non esibisce documenti; si stampa l\'autocertificazione L. 445/2000.',
  'soggetti.*.anni.*.facoltativi':
    "Facoltativi: spuntare per dichiarare anche i redditi facoltativi (caselle grigie), utili all'Ente per altre prestazioni. La scelta vale per l'anno e per il soggetto.",
  'soggetti.*.anni.*.doc': "Doc.: indicare se il soggetto ha presentato la dichiarazione dei redditi (730 o Unico) per l'anno, oppure Nessuna.",
  'soggetti.*.anni.*': "Redditi dell'anno richiesto: modalità, facoltativi, Doc. e importi dei righi da A1 a G2.",
  // ----- income rows (red-domain.md §5.4)
  'soggetti.*.anni.*.righi.A1':
    'A1 Lavoro dipendente prestato in Italia: redditi da lavoro dipendente e assimilati al netto dei contributi obbligatori (compresi cassa integrazione, mobilità, disoccupazione, malattia, maternità, LSU).',
  'soggetti.*.anni.*.righi.A2':
    "A2 Lavoro dipendente prestato all'estero: compresi i dipendenti di imprese italiane all'estero e i frontalieri (al lordo della franchigia di € 8.000,00).",
  'soggetti.*.anni.*.righi.A3':
    "A3 Lavoro autonomo: redditi di lavoro autonomo e d'impresa, in Italia o all'estero, al lordo delle ritenute e al netto dei contributi; una perdita si indica zero.",
  'soggetti.*.anni.*.righi.A4':
    'A4 Prestazioni coordinate e continuative, lavoro a progetto: al netto dei contributi e al lordo delle ritenute (CUD parte C).',
  'soggetti.*.anni.*.righi.B1':
    "B1 Casa di abitazione: rendita catastale dell'abitazione principale e pertinenze rivalutata del 5%, in proporzione a quota e giorni di possesso.",
  'soggetti.*.anni.*.righi.B2':
    'B2 Altri immobili (terreni e fabbricati): redditi dominicali (+80%) e agrari (+70%) dei terreni, altri fabbricati, immobili locati.',
  'soggetti.*.anni.*.righi.C1':
    'C1 Interessi bancari, postali, dei titoli di Stato, proventi di quote di investimento: al lordo delle ritenute. Ammessa l\'autocertificazione anche nel RED documentato.',
  'soggetti.*.anni.*.righi.D1':
    "D1 Prestazioni assistenziali in denaro dello Stato, di enti pubblici o Stati esteri (esclusi l'indennità di accompagnamento e i contributi una tantum).",
  'soggetti.*.anni.*.righi.E1': 'E1 Arretrati di lavoro dipendente a tassazione separata per anni precedenti, al netto dei contributi.',
  'soggetti.*.anni.*.righi.E2': 'E2 Arretrati di integrazione salariale (cassa integrazione) di anni precedenti, al netto dei contributi.',
  'soggetti.*.anni.*.righi.E3': 'E3 TFR, buonuscita, liquidazioni e indennità di fine rapporto (dal CUD o dal quadro RM di Unico).',
  'soggetti.*.anni.*.righi.F1': "F1 Rendite vitalizie e/o a tempo determinato costituite a titolo oneroso: l'importo soggetto a IRPEF.",
  'soggetti.*.anni.*.righi.F2':
    "F2 Assegno di mantenimento dal coniuge (ex) fissato dal giudice, esclusi quelli per i figli; se non ripartito, il 50% è reddito.",
  'soggetti.*.anni.*.righi.F3': 'F3 Altri redditi IRPEF senza un rigo specifico (redditi di capitale, partecipazioni con apporto di capitale…).',
  'soggetti.*.anni.*.righi.F4': 'F4 Altri redditi esenti da IRPEF: parte esente dei compensi sportivi dilettantistici (fino a € 7.500) e dei LSU.',
  'soggetti.*.anni.*.righi.G1':
    "G1 Ammontare di IRPEF pagata nell'anno: IRPEF dovuta sui redditi dichiarati comprese le addizionali regionale e comunale. Da indicare solo se richiesto.",
  'soggetti.*.anni.*.righi.G2':
    "G2 Quote di pensione trattenute dal datore di lavoro (assegno di invalidità e lavoro). Se la pensione è inferiore al minimo indicare zero. Da indicare solo se richiesto.",
  // ----- foreign pensions (pp. 94–95)
  'soggetti.*.pensioniEstere':
    'Pensioni estere (righi H1–H5): tutte le pensioni erogate da Stati esteri, al massimo 6; più pensioni dello stesso Stato, Istituzione e Tipo vanno sommate in un unico rigo.',
  'soggetti.*.pensioniEstere.*.stato': 'Stato estero che eroga la pensione (tabella "Stati esteri" fornita dall\'INPS).',
  'soggetti.*.pensioniEstere.*.istituzione':
    'Istituzione (Ente straniero) dello Stato scelto; se sconosciuta scegliere "999 altro". Con un\'unica istituzione il campo si compila da solo.',
  'soggetti.*.pensioniEstere.*.tipo':
    'Tipo: 1 pensioni dirette, 2 ai superstiti, 3 da infortuni sul lavoro, 4 rendite vitalizie o a tempo determinato a titolo oneroso, 5 arretrati da pensione estera.',
  'soggetti.*.pensioniEstere.*.importo.*': "Reddito della pensione estera per l'anno, al lordo delle ritenute (es. AVS svizzera al lordo del 5%), arrotondato all'euro per eccesso.",
  aggiungiPensione: 'Aggiungi pensione estera: nuova riga della griglia (al massimo 6 pensioni estere).',
  eliminaPensione: 'Elimina pensione: cancella la riga della griglia.',
  // ----- document lines (p. 93)
  documenti:
    '"Elenco dei redditi dichiarati e documenti esibiti": un documento per riga con descrizione e importo; "Ok Aggiorna" riporta il totale nella casella del rigo.',
  // ----- monitor errori, commands
  monitorErrori:
    'Monitor errori: Errori bloccanti (impediscono di rendere Completa la dichiarazione), Avvertimenti utili, Note. Selezionare la riga e premere "Correggi" (o Invio) per andare al dato.',
  rendiCompleta: 'Rendi completa: possibile solo senza errori bloccanti; la dichiarazione potrà essere inviata al CAF (Alt+C).',
  chiudi: 'Chiudi: salva e torna al Monitor Dichiarazioni (Esc).',
  importazione730: "Importazione 730: porta nel RED i redditi del 730 in stato Trasm.CGN del soggetto (Utilità → Importa file 730), dopo aver scelto Documentato o Autocertificato; poi verificare i redditi importati e quelli non importati.",
};
