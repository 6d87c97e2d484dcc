/**
 * The 11-digit codice fiscale of a company or body (the same number as its partita IVA): ten digits and a check
 * digit computed as the Ministry's rule says (digits in odd places as they are, digits in even places doubled and
 * reduced by 9 when above 9; the check digit brings the sum to a multiple of 10). Employers are often companies, so
 * the INAIL modules accept it beside the 16-character personal code. Pure.
 */
export type CfNumericoResult = { ok: true; cf: string } | { ok: false; detail: string; position?: number };

export function checkCodiceFiscaleNumerico(input: string): CfNumericoResult {
  const cf = input.trim();
  if (cf.length !== 11) return { ok: false, detail: `lunghezza errata (attese 11 cifre, trovati ${cf.length} caratteri).` };
  for (let p = 1; p <= 11; p++) {
    const c = cf.charAt(p - 1);
    if (c < '0' || c > '9') return { ok: false, detail: `il carattere «${c}» in posizione ${p} non è una cifra.`, position: p };
  }
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const d = cf.charCodeAt(i) - 48;
    if (i % 2 === 0) sum += d;
    else sum += d * 2 > 9 ? d * 2 - 9 : d * 2;
  }
  if ((10 - (sum % 10)) % 10 !== cf.charCodeAt(10) - 48) {
    return { ok: false, detail: "la cifra di controllo (posizione 11) non corrisponde alle altre: c'è un errore di trascrizione.", position: 11 };
  }
  return { ok: true, cf };
}
