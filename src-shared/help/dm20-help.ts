/**
 * "Help di campo" of Altri adempimenti → Acquisizione DM20-REG (issue 16). Part of the one catalogue in
 * ./field-help.ts. Our own words; the facts are those of INPS circolare 83/1992 (seed 001).
 */
export const DM20_HELP: Readonly<Record<string, string>> = {
  'altri.dm20': 'Acquisizione DM20-REG: i bollettini DM20-REG degli SC7/24 di tipo 6, con i controlli, la quadratura e l\'inoltro (INPS, circolare 83/1992).',
  'dm20.sede': 'Codice della Sede che acquisisce, SSZZ (4 cifre): precompila il SAP di ogni bollettino.',
  'dm20.csv': 'File delle aziende (.csv, separatore «;»): righe AZ con matricola, sede, costituzione, tipo e data di cessazione, sospensione; righe PM con sede e progressivo massimo.',
  'dm20.azienda': "Azienda dell'archivio: matricola di 10 cifre, sede SSZZ, date gg/mm/aaaa; tipo cessazione 9 = trasferita nella provincia.",
  'dm20.progressivo': 'Progressivo massimo della Sede: le matricole con un progressivo più alto sono documenti diversi (DD003).',
  'dm20.sc724.elenco': 'SC7/24 in acquisizione: frecce per scegliere; sotto i suoi DM11 e bollettini.',
  'dm20.sc724.tipo': 'Tipo SC7/24: è ammesso solo 6.',
  'dm20.sc724.articolo': 'Articolo: il numero «PARTITA» dei «DATI DA ACQUISIRE», fino a 6 cifre (gli zeri davanti li aggiunge il programma).',
  'dm20.sc724.numero': 'Numero: la «DATA ARTICOLO» (AAMMGG) senza la prima cifra, 5 cifre, non inferiore a 20102.',
  'dm20.sc724.importo': 'Importo SC7/24 in lire, comprese le tre cifre finali. Con la variazione si porta al totale dei bollettini.',
  'dm20.dm11.progressivo': 'Progressivo DM11: quello della zona di totalizzazione dei bollettini; 0001 se manca.',
  'dm20.dm11.importo': 'Importo DM11 in lire, comprese le tre cifre finali.',
  'dm20.riga': 'Bollettino DM20-REG: matricola, SAP, tipo archivio (1, 2, 7, 9), importo in lire, numero inadempienza, periodo dal–al (MMAA), data di versamento. Invio controlla la pagina.',
  'dm20.invio': 'Invio: controlla i bollettini della pagina e li memorizza; con documenti diversi (DD003) serve un secondo Invio di conferma.',
  'dm20.quadratura': 'Quadratura: lista A (ogni DM11 con i suoi bollettini) e lista B (SC7/24 con i DM11).',
  'dm20.inoltro': "Inoltro: solo SC7/24 quadrati e senza errori bloccanti; crea le collezioni DD, FS e RC e toglie l'SC7/24 dall'archivio di acquisizione.",
  'dm20.codici': 'Decodifica codici errore: tutti i codici dei controlli DM20-REG con il significato.',
  'dm20.sc724.movimento': "Tipo movimento dell'SC7/24: 1 per gli incassi arrivati dagli enti collettori, 2 per quelli da operazioni contabili interne (per esempio un fuori sede). Decide lo schema contabile delle differenze.",
  'dm20.cancellazione': 'Cancellazione SC7/24 elaborati: toglie DM11 e bollettini degli SC7/24 scelti, solo se quadrati, inoltrati e con le liste B, C ed E già stampate. Statistiche, liste mensili e archivio contabile non cambiano.',
};
