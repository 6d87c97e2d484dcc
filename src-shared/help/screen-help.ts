/**
 * "Help di campo" (guide p. 71) of the monitor, of "Nuovo" and of the dialogs: the description of the control under
 * the cursor, keyed by the `data-help` id the renderer puts on it. Part of the one catalogue in ./field-help.ts.
 * Texts in our own words; labels, codes and rules are the guide's (pages in the comments).
 */
export const SCREEN_HELP: Readonly<Record<string, string>> = {
  // ----- Monitor Dichiarazioni: tabs, list, search (pp. 67–68)
  'monitor.tab.DA_SPEDIRE':
    'Da spedire: le dichiarazioni ancora sul computer dello sportello (Errata, Incompleta, Completa). Qui si creano, si modificano, si cancellano e si inviano al CAF.',
  'monitor.tab.SPEDITE':
    "Spedite: le dichiarazioni inviate e non ancora accettate dall'INPS (Attesa, Trasm.CGN, Bloccata, Trasm.INPS). Una Trasm.CGN si può ritirare con «Modifica».",
  'monitor.tab.RICEVUTE':
    "Ricevute: le dichiarazioni accettate dall'INPS. «Visualizza rettificate» mostra anche quelle sostituite da una rettificativa; «Correggi» apre la correzione.",
  'monitor.tab.SCARTATE':
    "Scartate: le dichiarazioni respinte dall'INPS (Scartata) o dal CAF (Scart. CAF); il motivo è scritto in rosso sotto l'elenco.",
  'monitor.elenco':
    "Archivio dichiarazioni della scheda: frecce per scorrere, Invio per aprire la dichiarazione (Modifica in «Da spedire», Visualizza nelle altre schede), Canc per cancellarla, Spazio per spuntarla per l'invio.",
  'monitor.tutteComplete': "Seleziona tutte le complete: l'invio comprende ogni dichiarazione Completa della scheda, senza spuntarle una per una.",
  'monitor.rettificate': 'Visualizza rettificate: mostra anche le dichiarazioni Rettificate, cioè sostituite da una rettificativa accettata.',
  'monitor.ricerca.codiceFiscale': 'Ricerca per codice fiscale: bastano i primi caratteri. Esc pulisce la ricerca; F3 o Ctrl+F riportano qui il cursore.',
  'monitor.ricerca.cognomeNome': 'Ricerca per cognome e nome: bastano le prime lettere del cognome. Esc pulisce la ricerca.',
  'monitor.ricerca.gruppo':
    "Filtra per gruppo: mostra solo le dichiarazioni il cui «Gruppo» (nelle note della dichiarazione) comincia con il testo scritto, maiuscole o minuscole indifferenti. Esc pulisce.",
  'monitor.ricerca.segnalibro':
    'Filtra per segnalibro: mostra solo le dichiarazioni il cui «Segnalibro» comincia con il testo scritto, maiuscole o minuscole indifferenti. Esc pulisce.',
  // ----- Tasti funzione (p. 69)
  'monitor.fn.nuovo': 'Nuovo (Alt+N): carica una nuova dichiarazione dalla Stringa CAF (matricola) della lettera di richiesta. Solo nella scheda «Da spedire».',
  'monitor.fn.modifica':
    'Modifica: in «Da spedire» apre la dichiarazione selezionata (anche con Invio); in «Spedite» ritira dal CAF una dichiarazione Trasm.CGN per cambiarla.',
  'monitor.fn.correggi':
    "Correggi: cambia una dichiarazione Ricevuta o Scartata dall'INPS (o Scart. CAF), solo entro i termini di correzione; il motivo del rifiuto è scritto nella barra dei messaggi.",
  'monitor.fn.visualizza': 'Visualizza: apre la dichiarazione in sola lettura (schede Spedite, Ricevute e Scartate; anche con Invio).',
  'monitor.fn.stampaModelli': 'Stampa modelli: la stampa ufficiale in PDF delle dichiarazioni già trasmesse (schede Spedite e Ricevute).',
  'monitor.fn.stampeVarie': 'Stampe varie: archivi in Excel o csv, moduli di autocertificazione, elenco allegati, stampa di prova ed etichette.',
  'monitor.fn.utilita': 'Utilità (Alt+U): controllo delle dichiarazioni, reinvio, storico, duplicato Stringa CAF, lettore ottico, collegamento al CAF e altre funzioni.',
  'monitor.fn.esci': 'Esci: chiude il programma; non è permesso finché una rettificativa non è stata resa completa e inviata.',
  'monitor.fn.cancella': "Cancella (Canc): elimina dall'archivio la dichiarazione selezionata, dopo conferma; l'operazione resta nello storico.",
  'monitor.fn.invio': 'Invio (Alt+I): trasmette al CAF CGN le dichiarazioni Complete spuntate nella colonna S.',
  // ----- Nuovo: the matricola split into fields (pp. 41–44, 74)
  'nuovo.matricola.codiceFiscale': 'Codice fiscale del pensionato come stampato nella Stringa CAF (posizioni 1–16). Invio conferma e cerca le dichiarazioni già presenti.',
  'nuovo.matricola.codiceEmissione': "Codice emissione: l'Ente che chiede il RED. 8 = INPS, G = INPDAP, H = IPOST.",
  'nuovo.matricola.anniRichiesti': 'Anni richiesti: 1 = solo il 2008; 3 = il 2008 e il 2007.',
  'nuovo.matricola.statoCivile': "Stato civile conosciuto dall'Ente: il codice a una cifra della Stringa CAF (0 = non noto).",
  'nuovo.matricola.rilevanzaConiuge': 'Rilevanza coniuge: 0 non rilevante; 1 rilevante, redditi del coniuge richiesti se presente; 2 rilevante ma redditi non richiesti.',
  'nuovo.matricola.numeroFigli': 'Numero figli noto all\'Ente: da 0 a 9, poi le lettere da A (10) a E (14).',
  'nuovo.matricola.codiceInvarianza': 'Codice invarianza: 0 invarianza non ammessa, 1 ammessa in passato.',
  'nuovo.matricola.tipoRighiDichiarante': 'Codice tipo righi del dichiarante (01–29): quali righi di reddito sono richiesti al titolare.',
  'nuovo.matricola.tipoRighiNucleo': 'Codice tipo righi del nucleo (00–29): quali righi sono richiesti al coniuge e ai figli; 00 = nessuno.',
  'nuovo.matricola.flagPensioniEstere': "Flag pensioni estere: 1 se l'Ente sa di una pensione estera, 0 altrimenti.",
  'nuovo.matricola.flagLavoro2007': "Flag lavoro per l'anno 2007, come riportato nella Stringa CAF.",
  'nuovo.matricola.flagLavoro2008': "Flag lavoro per l'anno 2008, come riportato nella Stringa CAF.",
  'nuovo.matricola.controcodice': 'Controcodice: la lettera finale che controlla le posizioni precedenti; se non torna, la matricola è stata trascritta male.',
  'nuovo.stringaCompleta':
    'Stringa CAF completa: incollare qui la matricola intera o leggerla con la penna ottica; i campi sopra si compilano da soli. Invio conferma.',
  'nuovo.crea': 'Crea dichiarazione: registra la nuova dichiarazione in «Da spedire» e la apre per la compilazione.',
  'consegna.ritirata': 'Ritirata la lettera di richiesta: spuntare quando il pensionato consegna la lettera; la data serve ai filtri delle stampe.',
  'consegna.data': 'Data in cui il pensionato ha consegnato la lettera di richiesta (non oltre oggi).',
  'duplicati.elenco': 'Le dichiarazioni già in archivio per questo codice fiscale: frecce per scegliere, Invio per aprirla.',
  'duplicati.modifica': 'Modifica dich.: apre la dichiarazione già presente invece di crearne un\'altra (in sola lettura se non è più in «Da spedire»).',
  // ----- Utilità (pp. 69–70)
  'utilita.controllo': 'Controllo Dichiarazioni RED: ricontrolla tutte le dichiarazioni di «Da spedire» ed elenca quelle con errori.',
  'utilita.file730': 'Importa file 730: legge un file di 730 trasmessi (formato RED730) e conserva i 730 per l\'importazione nei RED e per il controllo dei redditi.',
  'file730.file': 'Il file dei 730 da leggere (formato RED730): è accettato per intero o rifiutato con la riga e il campo sbagliati.',
  'file730.importa': 'Importa: legge il file scelto e conserva i suoi 730; un 730 più recente dello stesso contribuente e modello sostituisce il precedente.',
  'file730.ricerca': 'Ricerca per codice fiscale (anche solo l\'inizio) del dichiarante o del coniuge del 730.',
  'file730.storico': 'Mostra anche i 730 sostituiti da un file più recente (restano nello storico).',
  'importa730.anno': 'Anno dei redditi da importare: redditi 2008 dal 730/2009, redditi 2007 dal 730/2008.',
  'importa730.importa': 'Importa: scrive nei righi del soggetto i redditi del 730 trasmesso; poi si vede cosa è stato importato e cosa no, e perché.',
  'utilita.reinvio': 'Reinvio dichiarazioni: ritrasmette i file rimasti fermi in Attesa; da usare con la Consulenza telefonica CGN.',
  'utilita.storico': 'Storico trasmissioni: i file inviati al CAF e le dichiarazioni contenute in ciascuno.',
  'utilita.duplicato': 'Richiesta duplicato stringa CAF: prepara il PDF da firmare e spedire al CAF CGN con il documento del pensionato.',
  'utilita.elencoDocumenti': 'Elenco documenti necessari: il promemoria da consegnare al pensionato con i documenti da portare.',
  'utilita.cartellaStampe': 'Apri cartella stampe: la cartella «stampe» dei dati del programma, dove si trovano tutti i PDF e gli elenchi prodotti.',
  'utilita.letturaOttica': 'Abilita lettura ottica: attiva o disattiva la lettura della Stringa CAF con la penna o il lettore di codici.',
  'utilita.impostazioniLettore': 'Impostazioni lettore ottico: tempi della lettura, lettore HID collegato, modalità e layout di tastiera.',
  'utilita.collegamento': "Impostazioni collegamento CAF: indirizzo del server, credenziali dello sportello, sincronizzazione e termine d'invio.",
  'utilita.riattiva9011': 'Riattiva dichiarazione 9011: dopo la conferma del CAF, rimette in «Da spedire» una dichiarazione scartata con codice 9011.',
  'utilita.sblocca': "Sblocca dichiarazione errata: con la dichiarazione Errata selezionata, toglie un errore «Valore diverso da reddito 730» con il codice dettato dall'operatore del CAF.",
  'utilita.copieSicurezza':
    "Impostazioni copie di sicurezza: ogni quante ore RED Desk copia l'archivio (oltre alla copia fatta a ogni avvio) e quante copie tenere.",
  // ----- Servizi (Alt+S): copie di sicurezza and, later, the exchange between desks
  'monitor.fn.servizi':
    "Servizi (Alt+S): copie di sicurezza dell'archivio (eseguirne una subito o ripristinarne una) e scambio degli archivi tra Centri di Raccolta, Centro di Elaborazione e CAF.",
  'servizi.backupOra': "Esegui backup ora: copia subito l'archivio nella cartella delle copie di sicurezza, senza fermare il lavoro.",
  'servizi.ripristina':
    "Ripristina da backup: sostituisce l'archivio con una copia scelta, dopo averla controllata; l'archivio attuale non si perde, viene conservato con un altro nome.",
  'servizi.copiaCentro':
    "Copia per il Centro di Elaborazione: scrive in un solo file cifrato le dichiarazioni scelte, con la loro storia, da portare (chiavetta o cartella condivisa) al Centro di Elaborazione.",
  'servizi.ripristinoRaccolta':
    "Ripristino da Centro di Raccolta: legge il file di un Centro di Raccolta e aggiunge qui le sue dichiarazioni; quelle già presenti vengono elencate per decidere.",
  'servizi.copiaCaf': "Copia archivi da inviare al CAF: tutto l'archivio, comprese le dichiarazioni ripristinate dai Centri di Raccolta, in un file cifrato che il CAF carica.",
  'scambio.tutte': 'Tutte: ogni dichiarazione dell\'archivio, di ogni stato (nella copia per il CAF restano fuori quelle non ancora complete).',
  'scambio.perStato': 'Solo negli stati scelti: sotto compare l\'elenco degli stati; si copiano solo le dichiarazioni che si trovano in uno di quelli spuntati.',
  'scambio.selezionata': 'Solo la dichiarazione selezionata nel monitor prima di aprire il menu Servizi.',
  'scambio.stato': 'Stato da includere nella copia: Spazio spunta o toglie la spunta.',
  'scambio.passphrase':
    'Passphrase: almeno 10 caratteri, concordata con chi riceve il file (per la copia al CAF, quella indicata dal CAF). Senza di essa il file non si apre; comunicarla per altra via, mai con il file.',
  'scambio.passphrase2': 'Ripetere la passphrase: la copia parte solo se le due coincidono.',
  'scambio.cartella':
    'Cartella di destinazione: il percorso completo (per esempio quello della chiavetta USB). Vuota: la sottocartella «scambio» della cartella dei dati; dal browser il file viene anche scaricato.',
  'scambio.sfoglia': 'Sfoglia: apre la finestra del sistema per scegliere la cartella di destinazione (per esempio la chiavetta USB).',
  'scambio.copia': 'Copia: scrive il file con un nome che contiene lo sportello, la data e l\'ora; un file interrotto a metà non resta mai con il nome definitivo.',
  'ripristino.file': 'File da ripristinare: il file .zip ricevuto dal Centro di Raccolta. Invio o Spazio apre la finestra di scelta del file.',
  'ripristino.passphrase': 'Passphrase concordata con il Centro di Raccolta che ha scritto il file.',
  'ripristino.leggi':
    'Leggi il file: lo controlla per intero (completo, non alterato, stessa campagna, passphrase giusta) e mostra cosa verrebbe aggiunto, senza ancora cambiare l\'archivio.',
  'ripristino.scelta':
    'Per una dichiarazione che in archivio c\'è già con la stessa matricola o lo stesso codice fiscale: non ripristinarla, oppure aggiungerla come nuova accanto a quella presente. Nessuna viene sovrascritta.',
  'ripristino.conferma':
    'Ripristina: aggiunge le dichiarazioni tutte insieme o nessuna; ognuna riceve un progressivo di questo archivio e conserva la storia, lo sportello e il progressivo d\'origine.',
  'ripristina.copia': 'Copia di sicurezza da ripristinare: data e ora in cui è stata fatta, dimensione e dichiarazioni che contiene. Frecce per sceglierne un\'altra.',
  'ripristina.conferma': 'Ripristina: chiede conferma, controlla la copia scelta e solo se è integra la mette al posto dell\'archivio.',
  'copie.intervallo': 'Ogni quante ore, mentre RED Desk è aperto, si fa una nuova copia di sicurezza (da 1 a 168).',
  'copie.conserva': 'Quante copie di sicurezza tenere: quando se ne aggiunge una, le più vecchie oltre questo numero vengono tolte (da 1 a 100).',
  'utilita.decodifica': 'Decodifica codici errore: il significato di ogni codice di errore, di scarto e di esito usato dal programma.',
  // ----- Utilità dialogs
  'controllo.elenco': 'Dichiarazioni con errori: frecce per scegliere, Invio o «Apri» per correggerla nell\'editor.',
  'controllo.apri': 'Apri: chiude il controllo e apre la dichiarazione selezionata.',
  'decodifica.cerca': 'Cerca un codice (es. DIC-05, 9201) o una parola del messaggio: l\'elenco si riduce mentre si scrive.',
  'decodifica.elenco': 'Elenco dei codici con tipo, significato e pagina della guida: con il fuoco sull\'elenco le frecce e Pag↑/Pag↓ lo scorrono.',
  'reinvio.reinvia': 'Reinvia: ritrasmette al CAF i file in attesa elencati. Usare solo su indicazione della Consulenza telefonica CGN.',
  'storico.file': 'Mostra o nasconde le dichiarazioni contenute nel file trasmesso.',
  // ----- Vigilanza (p. 72, 111–114)
  'vigilanza.tab.controlli':
    'Controlli Inps: le dichiarazioni di questo sportello sotto controllo INPS, la tabella dei codici errore con le sanzioni, come si svolge il controllo e come la Sede valuta ogni codice. Frecce destra/sinistra cambiano scheda.',
  'vigilanza.tab.normativa': 'Normativa di riferimento: i documenti sulla disciplina RED forniti dal CAF CGN, tra cui i modelli AP15 e AP57.',
  'vigilanza.elenco':
    "RED coinvolti nel controllo: per ogni dichiarazione l'ultimo esito comunicato dal CAF CGN. Frecce per scorrere, Invio per chiudere Vigilanza e andare alla dichiarazione nel monitor.",
  'messaggi.elenco': 'Messaggi in piattaforma dal CAF CGN: frecce per scorrerli; «Vai alla dichiarazione» apre quella a cui si riferisce il messaggio.',
  'circolari.elenco': "Circolari telematiche del CAF CGN, dalla più recente: frecce per scorrerle, il testo di quella scelta compare sotto. Le nuove sono in grassetto.",
  'assistenza.testo': "La domanda per l'assistenza del CAF CGN: parte subito (serve il collegamento); la risposta arriva tra i Messaggi.",
  'assistenza.dichiarazione': 'Se spuntato, la domanda riguarda la dichiarazione selezionata nel monitor e il CAF la vede insieme alla domanda.',
  'segnalazioni.elenco': 'Dichiarazioni non accettate dal server del CAF, con il motivo: frecce per scegliere, «Vai alla dichiarazione» per correggerla.',
  'collegamento.serverUrl': "Indirizzo del server del CAF (https://…), fornito dal CAF.",
  'collegamento.deskId': 'Identificativo dello sportello presso il CAF, fornito dal CAF.',
  'collegamento.secret': 'Segreto dello sportello fornito dal CAF: resta sul computer e non viene mostrato.',
  'collegamento.interval': 'Ogni quanti secondi il programma sincronizza da solo con il CAF (invio delle dichiarazioni, esiti, messaggi).',
  'collegamento.deadline': "Termine della campagna per l'invio: dopo questa data le dichiarazioni non si inviano né si ritirano più.",
  'collegamento.caPem':
    "Certificato dell'autorità di certificazione del CAF (testo PEM): se indicato, il programma si collega solo a un server con un certificato emesso da questa autorità. Vuoto: le autorità del sistema.",
  'lettore.abilita': 'Lettura ottica attiva: una Stringa CAF letta sul monitor apre «Nuovo»; letta in «Nuovo» compila la matricola.',
  'lettore.intervallo': 'Tempo massimo fra due caratteri di una lettura: oltre questo tempo i tasti sono considerati battuti a mano.',
  'lettore.lunghezza': 'Numero minimo di caratteri perché una sequenza veloce di tasti sia presa come lettura del lettore.',
  'lettore.dispositivo': 'Il lettore collegato via USB (HID) da usare; «nessuno» per il lettore che scrive come una tastiera.',
  'lettore.modalita': 'Modalità del lettore HID: come tastiera oppure come dispositivo POS.',
  'lettore.layout': 'Layout di tastiera impostato nel lettore (italiano o statunitense), per decodificare bene i caratteri.',
  // ----- Stampa modelli (p. 105), Ordina e filtri (p. 106)
  'stampaModelli.creaLista': 'Crea lista: elenca le dichiarazioni che passano «Ordina e filtri», tra cui scegliere quelle da stampare.',
  'stampaModelli.elenco': 'Dichiarazioni da stampare: frecce per scorrere, Spazio per selezionare; si stampano solo quelle già trasmesse.',
  'stampaModelli.tutte': 'Seleziona tutte le dichiarazioni trasmesse della lista.',
  'stampaModelli.nonStampate': 'Seleziona solo le dichiarazioni trasmesse non ancora stampate.',
  'stampaModelli.nessuna': 'Toglie ogni selezione.',
  'stampaModelli.elabora': 'Avanti: passa alla scelta dei modelli e delle copie per le dichiarazioni selezionate.',
  'stampaModelli.modelli': 'Quali modelli stampare: il RED completo di allegati, solo il modello (RED/1 … RED/7) o solo gli allegati.',
  'stampaModelli.ristampa': 'Ristampa: stampa anche le dichiarazioni già stampate; senza la spunta vengono saltate.',
  'stampaModelli.copie': 'Numero di copie di ogni modello, da 1 a 5.',
  'stampaModelli.elencoDocumenti': 'Aggiunge ai RED documentati l\'«Elenco dei redditi dichiarati e documenti esibiti».',
  'stampaModelli.stampa': 'Stampa: crea il PDF dei modelli scelti nella cartella delle stampe.',
  'filtri.ordine': 'Ordine delle dichiarazioni nella lista o nella stampa: progressivo, cognome e nome o codice fiscale.',
  'filtri.status': 'Status da includere; nessuna spunta = tutti gli status.',
  'filtri.ente': "Ente che ha chiesto il RED (codice emissione: 8 INPS, G INPDAP, H IPOST); nessuna spunta = tutti.",
  'filtri.consegnaDal': 'Solo le dichiarazioni con lettera consegnata da questa data.',
  'filtri.consegnaAl': 'Solo le dichiarazioni con lettera consegnata fino a questa data.',
  // ----- Stampe varie (p. 107)
  'stampeVarie.ANAGRAFICHE': "01 Archivio Anagrafiche: l'elenco in Excel o csv dei soggetti (titolari, coniugi, figli) delle dichiarazioni.",
  'stampeVarie.DICHIARAZIONI': "02 Archivio Dichiarazioni: i dati anagrafici di ogni dichiarazione, qualunque sia lo status, in Excel o csv.",
  'stampeVarie.REDDITI': '03 Archivio Redditi: le dichiarazioni con i righi da A1 a G2 compilati, in Excel o csv.',
  'stampeVarie.PENSIONI_ESTERE': '04 Archivio Pensioni Estere: le dichiarazioni con pensioni estere (righi H), in Excel o csv.',
  'stampeVarie.AUTOCERT_RIGHI': "05 Autocert. righi prestamp.: il modulo di autocertificazione con i righi già descritti e i dati del pensionato.",
  'stampeVarie.AUTOCERT_LIBERO': '06 Autocert. testo libero: il modulo di autocertificazione da scrivere a mano, con i dati del pensionato.',
  'stampeVarie.ELENCO_ALLEGATI': '07 Elenco Allegati: l\'elenco dei redditi dichiarati e dei documenti esibiti.',
  'stampeVarie.MODULI_PROVA': '08 Moduli in prova: stampa di prova dei modelli RED, in qualunque status sia la dichiarazione.',
  'stampeVarie.ETICHETTE': '09 Stampa Etichette: nome, indirizzo, CAP, comune e provincia dei pensionati.',
  'stampeVarie.formato': 'Formato del file degli archivi 01–04: Excel (.xlsx) o csv con separatore «;».',
  'stampeVarie.quali': 'Stampare solo la dichiarazione selezionata nel monitor, oppure tutte quelle che passano «Ordina e filtri».',
  'stampeVarie.esegui': 'Esegui: crea la stampa o il file scelto nella cartella delle stampe.',
  // ----- Richiesta duplicato Stringa CAF (p. 66), Elenco documenti necessari (p. 73)
  'duplicato.usaCorrente': 'Prende i dati dalla dichiarazione selezionata nel monitor; togliere la spunta per scriverli a mano.',
  'duplicato.ente': "Ente che ha inviato la lettera di richiesta RED (INPS, INPDAP o IPOST).",
  'duplicato.codiceFiscale': 'Codice fiscale del pensionato di cui si chiede il duplicato della Stringa CAF.',
  'duplicato.cognome': 'Cognome del pensionato.',
  'duplicato.nome': 'Nome del pensionato.',
  'duplicato.dataNascita': 'Data di nascita del pensionato.',
  'duplicato.comuneNascita': 'Comune (o Stato estero) di nascita del pensionato.',
  'duplicato.indirizzo': 'Indirizzo di residenza del pensionato.',
  'duplicato.comune': 'Comune di residenza del pensionato.',
  'duplicato.tipo': "Tipo del documento d'identità del pensionato (es. carta d'identità), da allegare in copia alla richiesta.",
  'duplicato.numero': "Numero del documento d'identità.",
  'duplicato.rilasciatoDa': "Autorità che ha rilasciato il documento d'identità.",
  'duplicato.data': "Data di rilascio del documento d'identità.",
  'duplicato.stampa': 'Stampa: crea il PDF della richiesta, da firmare e inviare al CAF CGN.',
  'elencoDocumenti.tipo': "Generico: il promemoria per qualunque pensionato; per la dichiarazione selezionata: intestato al pensionato.",
  'elencoDocumenti.stampa': 'Stampa: crea il PDF del promemoria.',
  // ----- Elenco documenti della casella (p. 93)
  'documenti.descrizione': 'Descrizione del documento esibito (es. CUD 2009, visura catastale).',
  'documenti.importo': "Importo del documento in euro; «Ok Aggiorna» riporta la somma, arrotondata all'euro per eccesso, nella casella del rigo.",
  // ----- Guida RED (p. 70)
  'guida.cerca': 'Cerca nella guida: scrivere una parola; restano solo le sezioni che la contengono.',
  'guida.sezioni': 'Sezioni della guida: frecce o Tab per scegliere, Invio per leggerla.',
  // ----- Sblocca dichiarazione errata (p. 70, 97–98) e Decodifica
  'sblocca.errore': "L'errore del confronto con il 730 da togliere; il codice del CAF vale solo per l'errore scelto qui.",
  'sblocca.codice': "Il codice dettato al telefono dall'operatore del CAF: 12 caratteri (trattini e spazi facoltativi). Vale solo per questa dichiarazione, questo errore e questo sportello, fino alla data di scadenza.",
  'sblocca.motivo': 'Perché il CAF sblocca (es. pensione AVS svizzera non dichiarata nel 730): resta nello storico della dichiarazione e sul modello stampato.',
  'sblocca.conferma': "Sblocca: verifica il codice senza collegamento e registra lo sblocco; poi la dichiarazione si rende completa e si invia.",
  'decodifica.dm20': "I codici dei controlli dell'acquisizione DM20-REG (Altri adempimenti) con il significato e l'effetto sul bollettino; la ricerca vale anche qui.",
  'decodifica.sblocco': 'I casi che il CAF può sbloccare, cosa inviargli prima e quelli che invece si correggono (pp. 97–98).',
};
