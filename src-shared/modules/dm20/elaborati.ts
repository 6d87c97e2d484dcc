/**
 * F — Cancellazione SC7/24 elaborati (INPS circolare 83/1992 §11): an SC7/24 may be cancelled only after its
 * quadratura, its inoltro and the printing of lists B, C and E. The circular also asks for the "ripartizione
 * contabile" (pgm 4444), which this desk does not record, so it is not checked here. Pure.
 */
export interface StatoElaborato {
  /** "6 000123 20215". */
  chiave: string;
  quadrato: boolean;
  inoltrato: boolean;
  cancellato: boolean;
  liste: { B: boolean; C: boolean; E: boolean };
}

/** Why an SC7/24 cannot be cancelled (empty: it can), in Italian. */
export function motiviNonCancellabile(s: StatoElaborato): string[] {
  if (s.cancellato) return ['è già stato cancellato'];
  const out: string[] = [];
  if (!s.quadrato) out.push('non è quadrato');
  if (!s.inoltrato) out.push('non è stato inoltrato');
  const mancanti = (['B', 'C', 'E'] as const).filter((l) => !s.liste[l]);
  if (mancanti.length === 1) out.push(`la lista ${mancanti[0]} non è stata stampata`);
  else if (mancanti.length > 1) out.push(`le liste ${mancanti.join(', ')} non sono state stampate`);
  return out;
}

/** The refusal of a cancellation: one line per SC7/24 that cannot go, naming its key (nothing is cancelled). */
export function rifiutoCancellazione(stati: readonly StatoElaborato[]): string | null {
  const lines = stati.flatMap((s) => {
    const m = motiviNonCancellabile(s);
    return m.length ? [`SC7/24 ${s.chiave}: ${m.join('; ')}.`] : [];
  });
  return lines.length ? `Cancellazione rifiutata, nessun SC7/24 cancellato:\n${lines.join('\n')}` : null;
}
