/**
 * "Guida RED" (guide p. 70): the user guide of RED Desk inside the program, reachable with F1 from every screen and
 * opened at the section of that screen. Pure data: the renderer (src-renderer/guida) shows and searches it. Written
 * for RED Desk's own screens and keys; facts (labels, codes, rules) are the CGN guide's, the text is ours.
 */
import type { Tab } from '../status/statuses';

export type GuidaBlock =
  | { readonly kind: 'p'; readonly text: string }
  | { readonly kind: 'list'; readonly items: readonly string[] }
  /** Keys or buttons and what they do. */
  | { readonly kind: 'keys'; readonly items: readonly (readonly [string, string])[] };

export interface GuidaSection {
  readonly id: string;
  readonly title: string;
  readonly blocks: readonly GuidaBlock[];
}

const p = (text: string): GuidaBlock => ({ kind: 'p', text });
const list = (...items: string[]): GuidaBlock => ({ kind: 'list', items });
const keys = (...items: (readonly [string, string])[]): GuidaBlock => ({ kind: 'keys', items });

export const GUIDA_SECTIONS: readonly GuidaSection[] = [
  {
    id: 'introduzione',
    title: 'RED Desk in breve',
    blocks: [
      p("RED Desk è il programma dello sportello CAF per compilare le dichiarazioni RED dei pensionati, controllarle, inviarle al CAF CGN e seguirne l'esito fino all'INPS."),
      p('Il lavoro parte dal Monitor Dichiarazioni: si crea la dichiarazione con «Nuovo» dalla Stringa CAF della lettera di richiesta, la si compila nell\'editor, la si rende Completa e la si invia con «Invio». Gli esiti arrivano con la sincronizzazione e spostano la dichiarazione nelle schede Spedite, Ricevute o Scartate.'),
      p("In basso a sinistra di ogni videata l'area «Help di campo» descrive il campo in cui si trova il cursore. Questa guida si apre da ogni videata con F1 o con il pulsante «Guida RED»."),
    ],
  },
  {
    id: 'guida',
    title: 'Come usare questa guida',
    blocks: [
      p('F1 apre la guida alla sezione della videata in cui ci si trova. Nel campo «Cerca nella guida» si scrive una parola: restano elencate solo le sezioni che la contengono.'),
      keys(['F1', 'apre la guida'], ['Tab / Maiusc+Tab', 'passa dalla ricerca all\'elenco delle sezioni e al testo'], ['Frecce su/giù', "scorrono l'elenco delle sezioni"], ['Esc', 'chiude la guida e riporta il cursore dove era']),
    ],
  },
  {
    id: 'monitor',
    title: 'Monitor Dichiarazioni',
    blocks: [
      p("È la videata principale: l'archivio delle dichiarazioni diviso in quattro schede (Da spedire, Spedite, Ricevute, Scartate), ciascuna con il numero di dichiarazioni che contiene."),
      p("Sotto l'elenco: la barra dei messaggi (in rosso gli errori e il motivo di uno scarto), la «Ricerca dichiarazione» per codice fiscale o per cognome e nome (basta l'inizio) e i filtri per Gruppo e Segnalibro (le note della dichiarazione, visibili anche come colonne dell'elenco), e i riquadri «Componenti nucleo familiare presenti nella dichiarazione» e «Dati reddituali inseriti» della dichiarazione selezionata."),
      p('A destra la colonna dei tasti funzione, sempre nello stesso ordine: quando un tasto non vale nella scheda resta al suo posto, disattivato, e passandoci sopra (o premendolo) si legge il motivo.'),
      p('In fondo alla finestra la barra del collegamento al CAF: stato della connessione, ultima sincronizzazione, dichiarazioni in attesa, Messaggi, Segnalazioni e il pulsante «Sincronizza».'),
      keys(
        ['Ctrl+1 … Ctrl+4 (o Alt+1 … Alt+4)', 'le quattro schede'],
        ['Frecce, Pag↑/Pag↓, Inizio/Fine', "scorrono l'elenco"],
        ['Invio', 'apre la dichiarazione selezionata (Modifica o Visualizza)'],
        ['Alt+N', 'Nuovo (scheda Da spedire)'],
        ['Alt+I', 'Invio al CAF delle dichiarazioni spuntate'],
        ['Canc', 'Cancella la dichiarazione selezionata (Da spedire)'],
        ['Spazio', "spunta la dichiarazione Completa per l'invio"],
        ['Alt+U', 'Utilità'],
        ['Alt+V', 'Vigilanza (controlli INPS e normativa)'],
        ['Alt+S', 'Servizi (copie di sicurezza)'],
        ['F3 o Ctrl+F', 'porta il cursore nella ricerca per codice fiscale'],
        ['F1', 'questa guida'],
      ),
    ],
  },
  {
    id: 'monitor-da-spedire',
    title: 'Scheda «Da spedire»',
    blocks: [
      p('Contiene le dichiarazioni non ancora inviate, con status Errata (ha errori bloccanti di dati sbagliati), Incompleta (mancano dati obbligatori) o Completa (pronta per l\'invio).'),
      p("Qui si usano Nuovo, Modifica, Cancella e Invio. Per inviare, spuntare le dichiarazioni Complete nella colonna S (Spazio sulla riga) oppure «Seleziona tutte le complete», poi premere «Invio» (Alt+I) e confermare."),
      p('Una rettificativa non ancora inviata non si può cancellare: deve essere completata e inviata; finché esiste, «Esci» non chiude il programma.'),
    ],
  },
  {
    id: 'monitor-spedite',
    title: 'Scheda «Spedite»',
    blocks: [
      p("Contiene le dichiarazioni inviate e non ancora accettate dall'INPS:"),
      list(
        'Attesa: inviata dallo sportello, in attesa della conferma del server del CAF (parte con la prossima sincronizzazione);',
        'Trasm.CGN: ricevuta dal CAF CGN;',
        "Bloccata: la dichiarazione è ferma e non prosegue verso l'INPS;",
        "Trasm.INPS: trasmessa dal CAF all'INPS, in attesa dell'esito.",
      ),
      p("«Modifica» su una dichiarazione Trasm.CGN la ritira dal CAF e la riporta in «Da spedire» per cambiarla: andrà poi inviata di nuovo. Le altre dichiarazioni della scheda si aprono solo con «Visualizza»."),
    ],
  },
  {
    id: 'monitor-ricevute',
    title: 'Scheda «Ricevute»',
    blocks: [
      p("Contiene le dichiarazioni accettate dall'INPS (status Ricevuta). Con «Visualizza rettificate» compaiono anche quelle Rettificate, cioè sostituite da una dichiarazione rettificativa."),
      p("«Correggi» crea la rettificativa di una dichiarazione Ricevuta e la apre nell'editor; è permesso solo entro i termini di correzione e, se non lo è, la barra dei messaggi dice perché."),
    ],
  },
  {
    id: 'monitor-scartate',
    title: 'Scheda «Scartate»',
    blocks: [
      p("Contiene le dichiarazioni respinte: Scartata (scarto dell'INPS, ad esempio 9201 «Dichiarazione non interessata alla campagna RED», o scarto del CAF per una matricola errata come 9009–9011) e Scart. CAF (codice fiscale non trovato o non più valido in Anagrafe tributaria)."),
      p("Il motivo dello scarto è scritto in rosso nella barra dei messaggi quando la dichiarazione è selezionata; il significato di ogni codice è in Utilità → «Decodifica codici errore»."),
      p("«Correggi» riporta la dichiarazione in lavorazione; per uno Scart. CAF con codice fiscale suggerito dal CAF il programma chiede se usarlo. Una dichiarazione 9011 confermata dal CAF si riattiva da Utilità → «Riattiva dichiarazione 9011»."),
    ],
  },
  {
    id: 'nuovo',
    title: 'Nuovo: caricamento di una nuova dichiarazione',
    blocks: [
      p("Si apre con «Nuovo» (Alt+N) nella scheda Da spedire, oppure leggendo la Stringa CAF con il lettore ottico quando la lettura ottica è attiva."),
      p("La matricola (Stringa CAF) della lettera di richiesta si scrive divisa nei suoi campi: codice fiscale, codice emissione, anni richiesti, stato civile, rilevanza coniuge, numero figli, codice invarianza, codici tipo righi, flag pensioni estere, flag lavoro e controcodice. Il cursore passa da solo al campo successivo; in alternativa si incolla la stringa intera in «Stringa CAF completa»."),
      p("Invio conferma: il programma controlla la matricola (anche il controcodice), mostra la «Sezione matricola» con il significato di ogni valore e cerca le dichiarazioni già presenti per lo stesso codice fiscale. Gli errori sono elencati in rosso con il nome del campo."),
      p("«Ritirata la lettera di richiesta» registra la data di consegna della lettera. «Crea dichiarazione» la registra in Da spedire e apre l'editor."),
      keys(['Invio', 'conferma la matricola'], ['Backspace su un campo vuoto', 'torna al campo precedente'], ['Esc', 'chiude senza creare']),
    ],
  },
  {
    id: 'dichiarazione-gia-presente',
    title: 'Dichiarazione già presente',
    blocks: [
      p("Se per il codice fiscale esistono già dichiarazioni, il programma le elenca prima di crearne un'altra. «Modifica dich.» (o Invio sulla riga) apre quella esistente, in sola lettura se non è più in Da spedire; «Annulla» torna a «Nuovo» per scrivere una matricola diversa."),
    ],
  },
  {
    id: 'editor',
    title: 'Dichiarazioni Modello RED/2009 (editor)',
    blocks: [
      p("L'editor occupa tutta la finestra. In alto: progressivo, codice fiscale, nominativo, status e tipo della dichiarazione, lo stato del salvataggio e i pulsanti «Rendi completa» e «Chiudi». Ogni modifica è salvata da sola."),
      p('Le schede sono «Dichiarazione» e «Anagrafica e redditi». A destra il Monitor errori, aggiornato a ogni modifica; in basso a sinistra l\'help di campo, a destra di esso la barra dei messaggi.'),
      p("«Visualizza» apre l'editor in sola lettura: i dati si leggono ma non si cambiano."),
      keys(
        ['Ctrl+1 / Ctrl+2 (o Alt+1 / Alt+2)', 'schede Dichiarazione e Anagrafica e redditi'],
        ['F8', 'porta il cursore nel Monitor errori'],
        ['Alt+C', 'Rendi completa'],
        ['Esc', 'chiude e torna al monitor (se la dichiarazione non ha errori bloccanti ma non è Completa, chiede se renderla completa)'],
        ['F4', "sul rigo di un reddito documentato: elenco dei documenti esibiti"],
        ['F1', 'questa guida, alla sezione della scheda aperta'],
      ),
    ],
  },
  {
    id: 'editor-dichiarazione',
    title: 'Editor: scheda «Dichiarazione»',
    blocks: [
      p('Riquadro Matricola: i valori della Stringa CAF con il loro significato, non modificabili.'),
      p("Conferma/aggiornamento dati anagrafici: codice fiscale del titolare, stato civile con la data di decorrenza quando è variato o non noto all'Ente, numero figli, Deceduto con data del decesso (attiva la sezione Erede), Espatriato con data dell'espatrio."),
      p("Zero RED (nessun reddito per nessuno dei soggetti richiesti), Rinuncia alle prestazioni collegate al reddito e il decesso o l'espatrio prima degli anni richiesti producono un RED breve: i redditi non si compilano. In un RED breve le caselle degli importi, la scelta «Doc.» e il numero dei figli restano disattivati; lo Zero RED è sempre Autocertificato."),
      p('Domiciliazione, Tipo di dichiarazione (Normale, Rettificata, Rettificativa: lo imposta il programma), Note (Gruppo, Segnalibro, Appunti: solo per lo sportello) ed Erede (codice fiscale e nominativo di chi firma per il pensionato deceduto).'),
    ],
  },
  {
    id: 'editor-anagrafica-redditi',
    title: 'Editor: scheda «Anagrafica e redditi»',
    blocks: [
      p("Soggetti: il titolare e i familiari per i quali l'Ente chiede i redditi. All'apertura di una nuova dichiarazione l'elenco contiene già una riga vuota per ogni figlio indicato nella matricola (salvo che il codice tipo righi del nucleo sia 00: allora ai figli non si chiede nulla). Le frecce scelgono il soggetto; «Elimina riga» (Canc) vale solo per i figli e abbassa di uno il numero figli della scheda Dichiarazione; il titolare e il coniuge non si cancellano. Per aggiungere un figlio si aumenta il numero figli nella scheda Dichiarazione. I figli servono solo se sono richiesti gli assegni familiari."),
      p("Anagrafica del soggetto: codice fiscale, cognome e nome, indirizzo e comune; «Inverti 1900/2000» cambia il secolo della data di nascita ricavata dal codice fiscale; «Residenza variata» solo se diversa da quella della lettera."),
      p("Redditi da Ente pensionistico Italiano: la pensione italiana non si dichiara mai. Se l'ente non è INPS, INPDAP o IPOST si sceglie dall'elenco; un ente non codificato impedisce l'acquisizione: il RED va presentato alla sede INPS."),
      p("Redditi del soggetto: per ogni anno richiesto la modalità (Documentato o Autocertificato), «Facoltativi» per le caselle grigie, «Doc.» (dichiarazione dei redditi presentata: 730, Unico o nessuna) e gli importi dei righi da A1 a G2. Le caselle non richieste dalla matricola sono disattivate. In un RED documentato l'importo di un rigo è la somma dei documenti esibiti (Invio o F4 sulla casella); il rigo C1 si può sempre autocertificare."),
    ],
  },
  {
    id: 'editor-pensioni-estere',
    title: 'Editor: Pensioni Estere',
    blocks: [
      p("Nella scheda «Pensioni Estere» del soggetto si elencano le pensioni pagate da Stati esteri (righi H): Stato, Istituzione (se sconosciuta «999 altro»), Tipo (1 dirette, 2 ai superstiti, 3 da infortuni, 4 rendite vitalizie, 5 arretrati) e l'importo lordo per ogni anno, arrotondato all'euro per eccesso."),
      p('Più pensioni dello stesso Stato, Istituzione e Tipo vanno sommate in una riga sola; «Aggiungi pensione estera» e «Elimina pensione» aggiungono e tolgono righe.'),
    ],
  },
  {
    id: 'documenti',
    title: 'Elenco dei redditi dichiarati e documenti esibiti',
    blocks: [
      p("Per un rigo documentato si elencano i documenti visti: una riga per documento con descrizione e importo. Invio sull'ultimo importo aggiunge una riga; «Ok Aggiorna» riporta il totale, arrotondato all'euro per eccesso, nella casella del rigo."),
    ],
  },
  {
    id: 'monitor-errori',
    title: 'Monitor errori',
    blocks: [
      p("Il riquadro a destra dell'editor elenca i controlli della dichiarazione in tre gruppi: Errori bloccanti (impediscono di renderla Completa), Avvertimenti e Note. Ogni riga ha il codice del controllo (es. DIC-05) e il messaggio."),
      p("Selezionata una riga, «Correggi» o Invio portano il cursore sul dato da correggere, aprendo la scheda e il soggetto giusti. Una dichiarazione Scart. CAF mostra qui anche l'errore del CAF finché non viene corretta."),
      keys(['F8', 'porta il cursore nel Monitor errori'], ['Frecce', 'scorrono le righe'], ['Invio', 'Correggi']),
    ],
  },
  {
    id: 'status',
    title: 'Gli status della dichiarazione',
    blocks: [
      list(
        'Errata, Incompleta, Completa: in Da spedire;',
        'Attesa, Trasm.CGN, Bloccata, Trasm.INPS: in Spedite;',
        'Ricevuta e Rettificata: in Ricevute;',
        'Scartata e Scart. CAF: in Scartate.',
      ),
      p("Lo status cambia solo con le funzioni del programma (Rendi completa, Invio, Modifica di una Trasm.CGN, Correggi, esiti del CAF e dell'INPS) e ogni passaggio resta nello storico della dichiarazione."),
    ],
  },
  {
    id: 'invio',
    title: 'Invio al CAF e sincronizzazione',
    blocks: [
      p("«Invio» mette le dichiarazioni Complete spuntate in Attesa; la sincronizzazione le consegna al server del CAF CGN e riceve esiti, scarti e messaggi. Avviene da sola a intervalli regolari o con «Sincronizza» nella barra in basso."),
      p("Senza collegamento le dichiarazioni restano in Attesa e partono appena il collegamento torna. Dopo il termine della campagna le dichiarazioni non si inviano più."),
    ],
  },
  {
    id: 'stampa-modelli',
    title: 'Stampa modelli',
    blocks: [
      p("La stampa ufficiale in PDF delle dichiarazioni già trasmesse (schede Spedite e Ricevute). Si imposta «Ordina e filtri» (ordine, status, ente, data di consegna), si crea la lista, si selezionano le dichiarazioni (Spazio) e si passa alla scelta:"),
      list('i modelli: RED completo di allegati, solo il modello o solo gli allegati;', '«Ristampa» per stampare anche quelle già stampate;', 'il numero di copie (da 1 a 5);', "l'elenco dei documenti per i RED documentati."),
      p('Il PDF è salvato nella cartella delle stampe; una stampa lunga mostra l\'avanzamento e si può interrompere.'),
    ],
  },
  {
    id: 'stampe-varie',
    title: 'Stampe varie',
    blocks: [
      p('Da ogni scheda del monitor. Gli archivi escono in Excel (.xlsx) o csv, le altre stampe in PDF, per la dichiarazione selezionata o per tutte quelle che passano «Ordina e filtri»:'),
      list(
        '01 Archivio Anagrafiche, 02 Archivio Dichiarazioni, 03 Archivio Redditi, 04 Archivio Pensioni Estere;',
        '05 Autocert. righi prestamp. e 06 Autocert. testo libero: i moduli di autocertificazione intestati al pensionato;',
        '07 Elenco Allegati: i redditi dichiarati e i documenti esibiti;',
        '08 Moduli in prova: i modelli RED in qualunque status;',
        '09 Stampa Etichette.',
      ),
    ],
  },
  {
    id: 'importazione-730',
    title: 'I 730 del CAF: Importa file 730 e Importazione 730',
    blocks: [
      p("Molti pensionati presentano anche il 730 allo stesso CAF. Da Utilità → «Importa file 730» si legge il file dei 730 trasmessi (formato RED730): il file entra tutto oppure viene rifiutato, con la riga, il campo e il valore atteso; un 730 più recente dello stesso contribuente e dello stesso modello prende il posto del precedente, che resta consultabile spuntando «Mostra anche i 730 sostituiti»."),
      p("Nell'editor, scheda Anagrafica e redditi, il pulsante «Importazione 730» porta nel RED i redditi del 730 del soggetto selezionato: prima si sceglie Documentato o Autocertificato per l'anno. Redditi 2008 vengono dal 730/2009, redditi 2007 dal 730/2008. In un anno Documentato ogni importo diventa una riga dell'elenco dei documenti esibiti, con la sua descrizione standard."),
      p("Dopo l'importazione si vede cosa è stato portato nel RED e cosa no, con il motivo (righi non richiesti, facoltativi non spuntati, redditi che nel RED non vanno mai). Se il 730 ha una riga senza «campo RED» non si importa nulla."),
      p("Il controllo vale anche senza importazione: un reddito del 730 omesso o riportato con un altro importo o in un altro rigo blocca la dichiarazione con «Valore diverso da reddito 730», e lo Zero RED non è ammesso se il 730 ha redditi."),
    ],
  },
  {
    id: 'utilita',
    title: 'Utilità',
    blocks: [
      p('Il menu delle funzioni accessorie (Alt+U): frecce per scegliere, Invio per aprire. Le funzioni non ancora disponibili sono elencate disattivate con il motivo.'),
      keys(
        ['Controllo Dichiarazioni RED', 'ricontrolla le dichiarazioni ed elenca quelle con errori'],
        ['Reinvio dichiarazioni', 'ritrasmette i file rimasti in Attesa (con la Consulenza telefonica CGN)'],
        ['Storico trasmissioni', 'i file inviati e le dichiarazioni di ciascuno'],
        ['Richiesta duplicato stringa CAF', 'il PDF da firmare e mandare al CAF CGN'],
        ['Elenco documenti necessari', 'il promemoria per il pensionato'],
        ['Apri cartella stampe', 'la cartella dove sono salvate tutte le stampe e gli elenchi'],
        ['Abilita lettura ottica, Impostazioni lettore ottico', 'il lettore della Stringa CAF'],
        ['Impostazioni collegamento CAF', 'server, credenziali dello sportello, sincronizzazione, termine'],
        ['Impostazioni copie di sicurezza', 'ogni quante ore copiare l\'archivio e quante copie tenere'],
        ['Riattiva dichiarazione 9011', 'rimette in lavorazione una 9011 confermata dal CAF'],
        ['Sblocca dichiarazione errata', 'toglie un errore del confronto con il 730 con il codice del CAF'],
        ['Decodifica codici errore', 'il significato di ogni codice'],
      ),
    ],
  },
  {
    id: 'controllo',
    title: 'Controllo Dichiarazioni RED',
    blocks: [
      p("Ricontrolla le dichiarazioni con le regole del programma e ne mostra l'avanzamento; al termine elenca quelle con errori. Frecce per scegliere, Invio o «Apri» per aprirla nell'editor e correggerla."),
    ],
  },
  {
    id: 'decodifica',
    title: 'Decodifica codici errore',
    blocks: [
      p("L'elenco di tutti i codici usati dal programma (controlli della dichiarazione, della matricola, scarti del CAF ed esiti dell'INPS) con il loro significato. Scrivere un codice o una parola per ridurre l'elenco."),
    ],
  },
  {
    id: 'sblocca',
    title: 'Sblocca dichiarazione errata',
    blocks: [
      p("Una dichiarazione bloccata da «Anagrafica e redditi: Valore diverso da reddito 730» non si rende completa. In alcuni casi il 730 ha ragione a non riportare il reddito (per esempio una pensione AVS svizzera, una OAS canadese, una rendita FDMP, la pensione di un minatore in Belgio, un reddito che non va dichiarato al fisco): dopo aver mandato al CAF la certificazione, l'operatore del CAF toglie l'errore al telefono."),
      p("Selezionare la dichiarazione Errata nel monitor, poi Utilità → «Sblocca dichiarazione errata». Leggere all'operatore del CAF lo sportello, il progressivo, il codice fiscale e il codice dell'errore; scrivere il codice che detta, il motivo e premere «Sblocca». Il codice si controlla senza collegamento, vale solo per quella dichiarazione, quell'errore e quello sportello e scade dopo pochi giorni."),
      p("Lo sblocco resta nello storico (chi, quando, quale errore, perché) e compare sul modello stampato; l'errore resta visibile nel Monitor errori come nota e non blocca più, anche dopo altre modifiche. Se manca nel 730 un reddito che andava dichiarato non si sblocca: si corregge il 730. Le regole sono anche in «Decodifica codici errore»."),
    ],
  },
  {
    id: 'reinvio-storico',
    title: 'Reinvio dichiarazioni e Storico trasmissioni',
    blocks: [
      p("Reinvio dichiarazioni elenca le dichiarazioni ferme in Attesa e le ritrasmette: si usa solo su indicazione della Consulenza telefonica CGN."),
      p('Storico trasmissioni elenca i file inviati al CAF, con data e numero di dichiarazioni; ogni file si apre per vedere le dichiarazioni che conteneva.'),
    ],
  },
  {
    id: 'duplicato-stringa',
    title: 'Richiesta duplicato Stringa CAF ed Elenco documenti necessari',
    blocks: [
      p("Per un pensionato senza lettera di richiesta si compila la richiesta di duplicato della Stringa CAF (ente, dati anagrafici, documento d'identità), anche partendo dalla dichiarazione selezionata; il PDF va firmato e inviato al CAF CGN con la copia del documento."),
      p("L'Elenco documenti necessari è il promemoria da dare al pensionato: generico o intestato alla dichiarazione selezionata."),
    ],
  },
  {
    id: 'lettore-ottico',
    title: 'Lettore ottico',
    blocks: [
      p("Con la lettura ottica attiva, una Stringa CAF letta sul monitor apre «Nuovo» già compilato; letta in «Nuovo» compila la matricola; il codice a barre dei dati anagrafici, letto nell'editor, compila l'anagrafica; il codice a barre in alto su ogni pagina di un modello stampato, letto sul monitor, seleziona la sua dichiarazione in qualunque scheda (utile per ritrovare la pratica di una copia firmata). Un suono e un messaggio dicono se la lettura è stata accettata."),
      p("Nelle impostazioni si regolano i tempi che distinguono il lettore dalla tastiera, il lettore USB (HID) da usare, la sua modalità e il layout di tastiera."),
    ],
  },
  {
    id: 'collegamento',
    title: 'Impostazioni collegamento CAF',
    blocks: [
      p("L'indirizzo del server del CAF, l'identificativo e il segreto dello sportello (forniti dal CAF), l'intervallo della sincronizzazione automatica e il termine della campagna per l'invio. Senza queste impostazioni le dichiarazioni inviate restano in Attesa."),
      p("L'indirizzo comincia con https://; http:// è ammesso solo per un server sullo stesso computer. Se il CAF fornisce il certificato della propria autorità di certificazione, incollarlo nell'ultimo campo: il programma si collegherà solo a un server con un certificato emesso da essa. Cambiando indirizzo o identificativo dello sportello il segreto memorizzato non vale più e va inserito di nuovo. Se il CAF disabilita lo sportello, la barra del collegamento lo dice con il motivo."),
    ],
  },
  {
    id: 'servizi',
    title: 'Servizi: copie di sicurezza e scambio archivi',
    blocks: [
      p("RED Desk copia da solo l'archivio delle dichiarazioni: una volta a ogni avvio e poi a intervalli regolari mentre resta aperto (ogni 4 ore, se non si cambia in Utilità → «Impostazioni copie di sicurezza»). Le copie stanno nella sottocartella «backup» della cartella dei dati, con la data e l'ora (italiana) nel nome; si tengono le più recenti (10, se non si cambia) e le più vecchie vengono tolte."),
      p('Una copia conta solo quando è completa e controllata: se il computer si spegne o il disco si riempie mentre la copia è in corso, non resta nessun file che sembri buono. Con il disco pieno il programma lo dice con un messaggio proprio: liberare spazio e rifare la copia.'),
      p("A ogni avvio l'archivio viene controllato; se risulta danneggiato, un avviso in alto lo dice e indica l'ultima copia di sicurezza integra da ripristinare."),
      keys(
        ['Alt+S', 'apre il menu Servizi (frecce per scegliere, Invio per aprire)'],
        ['Esegui backup ora', 'fa subito una copia; il lavoro può continuare intanto'],
        ['Ripristina da backup', "elenca le copie (data, dimensione, dichiarazioni); quella scelta viene controllata e, se integra, prende il posto dell'archivio"],
      ),
      p("Il ripristino non cancella nulla: l'archivio in uso viene conservato nella cartella dei dati con «prima-del-ripristino» e la data nel nome. Le dichiarazioni inserite o cambiate dopo la copia ripristinata non sono nell'archivio ripristinato."),
      p("Scambio archivi. Il Centro di Raccolta che non invia da sé sceglie «Copia per il Centro di Elaborazione»: le dichiarazioni (tutte, quelle di alcuni stati o quella selezionata) vanno in un unico file cifrato, scritto nella cartella indicata (per esempio una chiavetta) o nella sottocartella «scambio» dei dati. La passphrase, di almeno 10 caratteri, si concorda con il Centro di Elaborazione e si comunica per altra via."),
      p("Il Centro di Elaborazione sceglie «Ripristino da Centro di Raccolta», indica il file e la passphrase: il file viene controllato per intero e, se è incompleto, alterato, di un'altra campagna, di una versione più recente del programma o la passphrase è sbagliata, viene rifiutato con il motivo e l'archivio non cambia. Prima di ripristinare si vede cosa verrà aggiunto. Ogni dichiarazione riceve un progressivo nuovo e conserva la storia, lo sportello e il progressivo d'origine; leggere due volte lo stesso file non aggiunge nulla. Se in archivio c'è già una dichiarazione con la stessa matricola o lo stesso codice fiscale, viene elencata e si sceglie se lasciarla fuori o aggiungerla come nuova: nulla viene sovrascritto. Le dichiarazioni già spedite dallo sportello d'origine mantengono il loro stato e da qui non vengono inviate di nuovo."),
      p("«Copia archivi da inviare al CAF» mette in un file cifrato, con la passphrase indicata dal CAF, tutte le dichiarazioni complete o già spedite, comprese quelle ripristinate dai Centri di Raccolta. Il CAF lo carica sul proprio server: ogni dichiarazione arriva come con un invio, e una dichiarazione già ricevuta (inviata dallo sportello o caricata da un'altra copia) non viene registrata due volte."),
    ],
  },
  {
    id: 'messaggi-segnalazioni',
    title: 'Messaggi e Segnalazioni',
    blocks: [
      p('Dalla barra del collegamento in basso: «Messaggi» apre i messaggi in piattaforma del CAF CGN (il numero indica quelli non letti); «Segnalazioni» elenca le dichiarazioni non accettate dal server del CAF con il motivo. Da entrambi «Vai alla dichiarazione» porta alla dichiarazione interessata.'),
    ],
  },
  {
    id: 'vigilanza',
    title: 'Vigilanza: controlli INPS e normativa',
    blocks: [
      p("«Vigilanza» si apre dalla barra del collegamento in basso o con Alt+V dal monitor. Ha due schede: «Controlli Inps» e «Normativa di riferimento»; le frecce destra e sinistra passano dall'una all'altra."),
      p("L'INPS controlla a campione una parte dei RED ricevuti. Quando una dichiarazione di questo sportello viene estratta, o quando la Sede ne registra l'esito, il CAF CGN lo comunica con un messaggio in piattaforma: la dichiarazione compare nell'elenco «RED coinvolti nell'attività di controllo» con l'ultimo esito (controllo in corso, regolare, oppure il codice errore assegnato). L'esito può cambiare nel tempo: vale sempre l'ultimo messaggio."),
      p("Sotto l'elenco: la tabella dei codici errore 1–5 con la sanzione per RED documentato, autocertificato e breve, le fasi del controllo e i criteri con cui la Sede valuta ogni codice, con i documenti che il CAF può portare per dimostrare che l'errore non c'è o non è suo."),
      p("«Normativa di riferimento» elenca i documenti forniti dal CAF CGN: la disciplina RED, i modelli AP15 e AP57 per la ricostituzione del RED e le guide INPS sulla pensione."),
      keys(['Alt+V', 'apre Vigilanza dal monitor'], ['Frecce su/giù', "scorrono l'elenco dei RED sotto controllo"], ['Invio', 'chiude Vigilanza e seleziona la dichiarazione nel monitor'], ['Esc', 'chiude Vigilanza']),
    ],
  },
  {
    id: 'altri-adempimenti',
    title: 'Altri adempimenti',
    blocks: [
      p("Oltre al RED lo sportello cura alcuni adempimenti INAIL per i datori di lavoro e le associazioni clienti del CAF. Il menu si apre dal monitor con Alt+A o con il pulsante «Altri adempimenti» sotto «Servizi»; il monitor RED resta la schermata principale."),
      keys(['Alt+A', 'apre il menu Altri adempimenti (frecce per scegliere, Invio per aprire)'], ['Esc', 'chiude il menu o la finestra aperta']),
    ],
  },
  {
    id: 'inail-dna',
    title: 'Denuncia nominativa assicurati (INAIL DNA)',
    blocks: [
      p("Dal 16 marzo 2000 il datore di lavoro comunica all'INAIL il codice fiscale dei lavoratori assunti o cessati, al momento dell'assunzione o della cessazione (D.Lgs. 38/2000, art. 14). Per ogni datore di lavoro si registrano il codice fiscale e il codice di accesso riservato di 4 cifre dei moduli 10SM; per ogni lavoratore il codice fiscale, la posizione assicurativa (9 cifre) e la data di inizio e/o di fine del rapporto. Per uno straniero senza codice fiscale si spunta la casella e si scrivono cognome e nome."),
      p("«Crea file» mette le denunce non ancora inviate in un file di testo con un record di 168 caratteri per denuncia, il cui nome finisce con «inail_dna.txt», nella cartella stampe. Il programma rilegge il file e lo confronta con le denunce prima di consegnarlo; ogni denuncia resta segnata con il nome e la data del file e non si può più cambiare. Da «File creati…» un file si può ricreare."),
      p("«Leggi file DNA» aggiunge all'elenco le denunce di un file fatto con un altro programma: se un record è errato il file è rifiutato per intero, con la riga e la posizione del primo errore."),
      keys(['Frecce', "scelgono il datore di lavoro e la denuncia"], ['Invio', 'sul pulsante lo esegue'], ['Esc', 'chiude la finestra']),
    ],
  },
  {
    id: 'dm20',
    title: 'Acquisizione DM20-REG (INPS)',
    blocks: [
      p("La procedura della circolare INPS 83/1992 per i bollettini DM20-REG degli SC7/24 di tipo 6. Prima di tutto i dati di riferimento: il codice della Sede (SSZZ) e l'archivio delle aziende con il progressivo massimo per Sede, letti da un file .csv o scritti a mano."),
      p("Per ogni SC7/24 (tipo, articolo, numero e importo in lire con le tre cifre finali) si acquisiscono uno o più DM11 e, per ogni DM11, pagine di dieci bollettini. Invio controlla la pagina: matricola (fuori sede FS001/FS002, documenti diversi DD001/DD003), periodo (SS001–SS007, solo segnalati per la lista E) ed errori bloccanti (BL001–BL006), mostrati sulla riga con un asterisco e il campo evidenziato. Con documenti diversi DD003 la pagina si memorizza solo al secondo Invio."),
      p("La quadratura confronta ogni DM11 con i suoi bollettini (lista A) e l'SC7/24 con i DM11 (lista B); una differenza reale si corregge con la variazione dell'importo. L'inoltro è rifiutato finché ci sono errori bloccanti o l'SC7/24 non è quadrato; crea le collezioni dei documenti diversi (DD), dei fuori sede (FS) e delle differenze (RC, grandi oltre 5.000 lire, piccole fino a 5.000)."),
      p("Dopo l'inoltro si stampano le liste C ed E e, per ogni SC7/24, la lista B. «Liste mensili e archivio contabile…» stampa per mese e anno di inoltro le liste mensili (fuori sede per Sede ricevente con lo schema SOST. SC 10, differenze oltre e fino a 5.000 lire con i loro schemi contabili, documenti diversi, SC7/24 inoltrati) e mostra o stampa gli SC7/24 dell'archivio contabile per stato e periodo. Il tipo movimento dell'SC7/24 (1 enti collettori, 2 operazioni interne) sceglie lo schema delle differenze."),
      p("La cancellazione degli SC7/24 elaborati toglie DM11 e bollettini degli SC7/24 scelti tra gli inoltrati, solo se hanno già le liste B, C ed E stampate; altrimenti non cancella nulla e dice per ciascuno cosa manca. Statistiche, liste mensili e archivio contabile restano come prima."),
      keys(['Tab', 'passa da un campo al successivo'], ['Invio', 'in una riga dei bollettini controlla e memorizza la pagina'], ['Spazio', 'sceglie un SC7/24 inoltrato'], ['Esc', 'chiude la finestra']),
    ],
  },
  {
    id: 'flussi-ca',
    title: 'Flussi incassi C.A. (INAIL)',
    blocks: [
      p("Per le associazioni convenzionate con l'INAIL per la riscossione dei contributi associativi: l'elenco degli incassi dell'anno in corso, scaricato dal Punto Cliente (Area download) il 20 maggio, il 20 luglio e il 20 novembre. I dati non sono definitivi: sono letti dai modelli F24 senza controlli dell'INAIL; quelli definitivi arrivano con la «Rendicontazione annuale»."),
      p("«Importa elenco» legge il file .txt (estratto dallo zip): la testata con codice convenzione, denominazione, anno ed estrazione, poi per ogni regione le righe con codice ditta, codice contributo, importo e data di pagamento. Se una riga è errata il file è rifiutato per intero con il numero della riga. Un nuovo elenco della stessa convenzione e anno sostituisce il precedente e il programma mostra le differenze: incassi nuovi, importi variati, incassi non più presenti."),
      p("Le viste danno i totali per regione, per codice contributo e per ditta, e gli incassi uno per uno; la ricerca per codice ditta restringe ogni vista a una ditta. «Esporta .xlsx» ed «Esporta .csv» scrivono la vista nella cartella stampe, come le Stampe varie. Il progressivo di pagamento di 6 cifre del modello F24 si decodifica nella casella in basso: le prime due cifre danno l'anno di competenza (71 = 2011), le ultime quattro la convenzione."),
      keys(['Tab', 'passa da un campo al successivo'], ['Frecce', "nella Vista scelgono i totali da vedere"], ['Esc', 'chiude la finestra']),
    ],
  },
];

/** A section's whole text, for the search. */
export function guidaText(s: GuidaSection): string {
  const parts: string[] = [s.title];
  for (const b of s.blocks) {
    if (b.kind === 'p') parts.push(b.text);
    else if (b.kind === 'list') parts.push(...b.items);
    else for (const [k, d] of b.items) parts.push(k, d);
  }
  return parts.join(' ');
}

/** Lower case without accents: "Utilità" is found by "utilita". */
const fold = (s: string): string => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** The sections that contain every word of the query (all of them for an empty query). */
export function searchGuida(query: string, sections: readonly GuidaSection[] = GUIDA_SECTIONS): GuidaSection[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...sections];
  return sections.filter((s) => {
    const text = fold(guidaText(s));
    return words.every((w) => text.includes(w));
  });
}

/** The section of each monitor tab (F1 on the monitor opens the guide there). */
export const GUIDA_MONITOR_TAB: Readonly<Record<Tab, string>> = {
  DA_SPEDIRE: 'monitor-da-spedire',
  SPEDITE: 'monitor-spedite',
  RICEVUTE: 'monitor-ricevute',
  SCARTATE: 'monitor-scartate',
};
