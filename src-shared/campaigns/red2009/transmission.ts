/**
 * Campaign RED2009: the rules of sending and correcting (guide pp. 69, 99–104, 108; red-domain.md §4.3, §8.4).
 *
 * - `correggiWindowDays`: "Correggi" on a Ricevuta only "entro 15 giorni" (p. 69, 103). The guide counts them
 *   "dal primo invio della dichiarazione RED ordinaria" (p. 69) and "dalla data di invio all'INPS del modello
 *   ordinario" (p. 103): p. 69 wins (issue 11 point 13; the page of the button, and the earlier date, so the desk
 *   never offers a correction out of either term). We count from the CAF's first confirmed receipt of the
 *   ordinaria N of the chain, for every rettificativa R of it too (status/machine.ts `correggiRefusal`).
 * - `inpsRettificaWindowDays`: INPS acquires rettifiche within 25 days of the forwarding of the ordinaria to INPS
 *   (p. 100), for every R of the chain: past it "Invio" of an R is refused.
 * Terms are Italian calendar days: the start day does not count, the last one does (italian-time `romeLastDay`).
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
