import type { InpsScartoCode, Scarto, ServerStatus } from '#shared/server-api/contract';

/**
 * The rejection texts, verbatim from the guide ("DESCRIZIONE SCARTO"): CGN server 9009–9011 (p. 45, 109),
 * Scart. CAF (p. 110), INPS esiti (p. 108). The suggested codice fiscale / correct matricola fill the dots.
 */
export const CGN_MESSAGES = {
  '9009': "Matricola erroneamente emessa dall'INPS",
  '9010': (corretta: string) => `Matricola IPOST non corretta Matricola corretta ${corretta}`,
  '9011': 'Matricola IPOST da verificare. Attendere messaggio in Piattaforma',
  cfUnknown: 'C.F.: Non è presente in Anagrafica tributaria',
  cfCollegato: (suggested: string) => `C.F.: codice fiscale collegato ${suggested}`,
} as const;

export const INPS_MESSAGES: Readonly<Record<InpsScartoCode, string>> = {
  '9201': 'Dichiarazione non interessata alla campagna RED',
  '9202': 'Dichiarazione trasmessa da utente diverso',
  '9203': 'Dichiarazione trasmessa da ritrasmettere',
  '9204': 'Dichiarazione ritrasmessa da trasmettere',
  '9205': "Correzione non accettata, pensione già ricalcolata dall'INPS",
  '9209': 'Errore di scrittura sul DB centrale',
};

/** The message of the esito of a position INPS already "ricostituì" (p. 102): no more variations by the CAF. */
export const RICOSTITUITA_MESSAGE =
  "Posizione già ricostituita dall'INPS: le variazioni non sono più ammesse e «Correggi» non è consentito; presentare la correzione allo sportello della Sede competente.";

/**
 * Which rejected declarations the desk may send again as a new version of the same declaration:
 * Scart. CAF after fixing the codice fiscale (T19); Scartata 9203, 9204, 9209 after "Correggi" (p. 103–104, 108;
 * 9209 by project decision, red-essentials.md) and 9011 once CGN's message says the matricola is correct (T21);
 * a withdrawn one (T08). Never 9009, 9010 (a new declaration), 9201, 9202, 9205, nor what INPS has.
 */
export const RESEND_SCARTO_CODES: ReadonlySet<string> = new Set(['SCART_CAF', '9203', '9204', '9209', '9011']);

export function resendRefusal(status: ServerStatus, scarto: Scarto | null): string | null {
  switch (status) {
    case 'RITIRATA':
      return null;
    case 'SCART_CAF':
    case 'SCARTATA':
      if (scarto && RESEND_SCARTO_CODES.has(scarto.code)) return null;
      return scarto?.code === '9010'
        ? 'Scartata con codice 9010: caricare una nuova dichiarazione con la matricola corretta indicata (p. 109).'
        : `Scartata con codice ${scarto?.code ?? '?'}: non è permessa la correzione né il reinvio (p. 103, 109).`;
    case 'TRASM_CGN':
      return 'La dichiarazione è già stata trasmessa al CAF CGN (Trasm.CGN): per cambiarla ritirarla prima con "Modifica" (p. 102).';
    case 'TRASM_INPS':
      return "La dichiarazione è già stata trasmessa all'INPS (Trasm.INPS): non è modificabile, attendere che passi in Ricevute (p. 103).";
    case 'BLOCCATA':
      return 'La dichiarazione è bloccata dal CAF (vedere il messaggio): non si può reinviare finché il CAF non la sblocca.';
    case 'RICEVUTA':
      return "La dichiarazione è già stata ricevuta dall'INPS: una correzione si trasmette come rettificativa (R) con un nuovo progressivo (p. 103).";
  }
}

/** Why a withdrawal ("Modifica" / annullamento of a Trasm.CGN) is refused in other statuses (p. 101–103). */
export function withdrawRefusal(status: Exclude<ServerStatus, 'TRASM_CGN' | 'RITIRATA' | 'BLOCCATA'>): string {
  switch (status) {
    case 'TRASM_INPS':
      return "La dichiarazione è già stata trasmessa all'INPS (Trasm.INPS): non può essere modificata né annullata; attendere che passi in Ricevute (p. 101, 103).";
    case 'RICEVUTA':
      return "La dichiarazione è già stata ricevuta dall'INPS: non può essere annullata (istanza alla sede locale dell'Ente, p. 101); per correggerla usare \"Correggi\" (rettificativa).";
    case 'SCART_CAF':
    case 'SCARTATA':
      return 'La dichiarazione è stata scartata e non è in attesa di inoltro: non c\'è nulla da ritirare; usare "Correggi" dove ammesso (p. 103, 110).';
  }
}
