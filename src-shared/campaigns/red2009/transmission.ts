/**
 * Campaign RED2009: the rules of sending and correcting (guide pp. 69, 99–104, 108; red-domain.md §4.3, §8.4).
 *
 * - `correggiWindowDays`: "Correggi" on a Ricevuta only "entro 15 giorni" (p. 69, 103). The guide counts them
 *   "dal primo invio" (p. 69) and "dalla data di invio all'INPS del modello ordinario" (p. 103): we count from
 *   the day CAF CGN forwarded the declaration to INPS (the Trasm.INPS change of the server).
 * - `inpsRettificaWindowDays`: INPS acquires rettifiche within 25 days (p. 100); the desk warns past it.
 * - `correggiAllowed`: the INPS esiti that allow "Correggi" (p. 103–104, 108). 9209 by project decision
 *   (p. 108 tells the operator to correct and resend; p. 103 lists it as not correctable).
 * - `deadline`: the "termine per effettuare l'invio" (seed 000 circular). It is announced every year by a
 *   circular of the CAF ("Circolari telematiche", p. 70); the guide of the 2009 campaign does not state it, so
 *   the campaign value is null and the CAF's date is entered in "Impostazioni collegamento CAF" (or
 *   RED_DESK_DEADLINE). The central server enforces its own copy (SRV-07).
 */
export interface TransmissionRules {
  correggiWindowDays: number;
  inpsRettificaWindowDays: number;
  correggiAllowed: readonly string[];
  deadline: string | null;
}

export const RED2009_TRANSMISSION: TransmissionRules = {
  correggiWindowDays: 15,
  inpsRettificaWindowDays: 25,
  correggiAllowed: ['9203', '9204', '9209'],
  deadline: null,
};
