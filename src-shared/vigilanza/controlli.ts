/**
 * "Vigilanza" → "Controlli Inps" (guide p. 72, pp. 111–114): INPS's sample checks on the REDs sent, the table
 * "Codici errori e sanzioni" and how a check reaches the desk. Facts (codes, labels, amounts) are the guide's;
 * the explanations are written in our own words.
 */
import { z } from 'zod';

/** The three kinds of RED the amounts are given for (p. 111: "RED documentato", "RED autocertificato", "RED breve"). */
export const TIPOLOGIE_RED = ['DOCUMENTATO', 'AUTOCERTIFICATO', 'BREVE'] as const;
export type TipologiaRed = (typeof TIPOLOGIE_RED)[number];
export const TIPOLOGIA_RED_LABELS: Readonly<Record<TipologiaRed, string>> = {
  DOCUMENTATO: 'RED documentato',
  AUTOCERTIFICATO: 'RED autocertificato',
  BREVE: 'RED breve',
};

export const CODICI_ERRORE_CONTROLLO = [1, 2, 3, 4, 5] as const;
export type CodiceErroreControllo = (typeof CODICI_ERRORE_CONTROLLO)[number];

export interface SanzioneControllo {
  readonly codice: CodiceErroreControllo;
  /** "TIPOLOGIA DI ERRORE" as printed in the table of p. 111. */
  readonly tipologia: string;
  /** "IMPORTO SANZIONE", in euro cents, per kind of RED. */
  readonly importoCent: Readonly<Record<TipologiaRed, number>>;
  /** INPS's general criterion for the code (p. 113), in our own words. */
  readonly criterio: string;
}

/**
 * "Codici errori e sanzioni" (p. 111). The printed table is flattened: the amounts of row 5 are printed inside the
 * label of row 4; the only consistent reading (red-domain.md §10.2) is the one below, and it matches the amounts the
 * guide quotes elsewhere for documented REDs (CF 288 p. 46, stato civile 144 p. 79, the 730 of the same intermediary
 * 720 p. 85). The guide prints "160,8" for code 2 autocertificato: the same amount as 160,80.
 */
export const SANZIONI_CONTROLLO: readonly SanzioneControllo[] = [
  {
    codice: 1,
    tipologia: 'Stato civile errato',
    importoCent: { DOCUMENTATO: 14_400, AUTOCERTIFICATO: 8_040, BREVE: 9_108 },
    criterio:
      "Lo stato civile si giudica alla data in cui l'operatore del CAF ha raccolto il modello RED: se i documenti mostrati dal CAF lo davano per corretto in quel momento, non è un errore.",
  },
  {
    codice: 2,
    tipologia: 'Codice fiscale errato',
    importoCent: { DOCUMENTATO: 28_800, AUTOCERTIFICATO: 16_080, BREVE: 18_216 },
    criterio:
      'Non è un errore se il CAF può esibire un documento (per esempio la tessera del codice fiscale) che corrispondeva al dato inserito. Il CAF CGN verifica i codici fiscali con SIATEL prima di trasmettere all\'INPS.',
  },
  {
    codice: 3,
    tipologia: 'Errore di trascrizione',
    importoCent: { DOCUMENTATO: 14_400, AUTOCERTIFICATO: 8_040, BREVE: 9_108 },
    criterio: 'Il CAF ha ricopiato male un dato, oppure ha messo l\'importo di un reddito in un rigo diverso da quello giusto.',
  },
  {
    codice: 4,
    tipologia: 'Redditi certificati discordanti con il fisco',
    importoCent: { DOCUMENTATO: 28_800, AUTOCERTIFICATO: 16_080, BREVE: 18_216 },
    criterio:
      "Riguarda una dichiarazione certificata solo in parte, con redditi diversi da quelli noti al fisco o dichiarati tramite un altro intermediario. Niente sanzione se il CAF mostra l'autocertificazione del pensionato di non avere altri redditi, o di non aver presentato la dichiarazione dei redditi: in quel caso la Sede chiede spiegazioni al pensionato.",
  },
  {
    codice: 5,
    tipologia: 'Redditi certificati discordanti con il 730 presentato dallo stesso intermediario',
    importoCent: { DOCUMENTATO: 72_000, AUTOCERTIFICATO: 40_200, BREVE: 45_540 },
    criterio:
      'I redditi del RED non coincidono con il 730 trasmesso dallo stesso CAF: è irregolare sia documentato sia autocertificato. Il codice passa a 4 solo se il CAF prova che quel reddito è arrivato al fisco da un altro intermediario, o che la discordanza non c\'è (con i documenti del codice 4).',
  },
];

export function sanzioneOf(codice: CodiceErroreControllo): SanzioneControllo {
  const s = SANZIONI_CONTROLLO.find((x) => x.codice === codice);
  if (!s) throw new Error(`codice errore ${String(codice)} non previsto`);
  return s;
}

/** "144,00" (Italian decimals, always two). */
export function formatImportoCent(cent: number): string {
  return (cent / 100).toLocaleString('it-IT', { minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: true });
}

// ----- A check as a CAF message ---------------------------------------------------------------------------

/**
 * The state of a check of one declaration, as the CAF reports it (p. 112): selected for the check ("IN_CORSO"),
 * irregular with an error code (1–5), or regular (never irregular, or its error code was removed on the CAF's
 * documents). The list is dynamic: the latest message about a declaration is its state.
 */
export const ESITI_CONTROLLO = ['IN_CORSO', 'REGOLARE', '1', '2', '3', '4', '5'] as const;
export const EsitoControlloSchema = z.enum(ESITI_CONTROLLO);
export type EsitoControllo = z.infer<typeof EsitoControlloSchema>;

/** The message code of a check: `CONTROLLO_INPS:<esito>` (e.g. `CONTROLLO_INPS:3`). */
export const CONTROLLO_MESSAGE_PREFIX = 'CONTROLLO_INPS:';

export function controlloMessageCode(esito: EsitoControllo): string {
  return `${CONTROLLO_MESSAGE_PREFIX}${esito}`;
}

/** The esito a message code carries, or null when the message is not about a check (or the code is unknown). */
export function parseControlloCode(code: string | null | undefined): EsitoControllo | null {
  if (!code?.startsWith(CONTROLLO_MESSAGE_PREFIX)) return null;
  const r = EsitoControlloSchema.safeParse(code.slice(CONTROLLO_MESSAGE_PREFIX.length));
  return r.success ? r.data : null;
}

export function erroreOf(esito: EsitoControllo): CodiceErroreControllo | null {
  return esito === 'IN_CORSO' || esito === 'REGOLARE' ? null : (Number(esito) as CodiceErroreControllo);
}

/** "Errore 3 – Errore di trascrizione", "Controllo in corso", "Regolare". */
export function esitoControlloLabel(esito: EsitoControllo): string {
  const e = erroreOf(esito);
  if (e !== null) return `Errore ${e} – ${sanzioneOf(e).tipologia}`;
  return esito === 'IN_CORSO' ? 'Controllo in corso' : 'Regolare';
}

/** The text of the CAF message that reports a check (the server writes it; the desk shows it as it came). */
export function controlloMessageText(esito: EsitoControllo, nota?: string): string {
  const e = erroreOf(esito);
  const head =
    e !== null
      ? `Controllo INPS: la dichiarazione è stata giudicata irregolare, codice errore ${e} «${sanzioneOf(e).tipologia}».`
      : esito === 'IN_CORSO'
        ? 'Controllo INPS: la dichiarazione è tra quelle estratte per il controllo a campione.'
        : 'Controllo INPS: la dichiarazione risulta regolare (nessun codice errore).';
  return nota?.trim() ? `${head} ${nota.trim()}` : head;
}

/** One declaration of this desk involved in a check: the latest check message about it. */
export const ControlloRowSchema = z.object({
  declarationId: z.number().int(),
  progressivo: z.number().int(),
  codiceFiscale: z.string(),
  cognomeNome: z.string(),
  esito: EsitoControlloSchema,
  /** When the CAF sent the latest message. */
  at: z.string(),
  text: z.string(),
});
export type ControlloRow = z.infer<typeof ControlloRowSchema>;
