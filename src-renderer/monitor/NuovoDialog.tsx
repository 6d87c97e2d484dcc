import { useEffect, useEffectEvent, useRef, useState } from 'react';
import { ConsegnaField, todayIso } from '../print/ConsegnaField';
import { RED2009_LAYOUT, type MatricolaFieldKey } from '#shared/campaigns/red2009/stringa-caf-layout';
import { joinMatricola, normaliseMatricolaInput, parseMatricola, splitMatricola, type MatricolaResult } from '#shared/matricola/codec';
import { AppError, ERROR_CODES } from '#shared/errors';
import type { MonitorRow } from '#shared/domain/declaration';
import { Dialog } from '../components/Dialog';
import { useApi } from '../api-client/context';
import { useScanTarget } from '../capture/context';
import { decideScan, outcomeOf } from '../capture/route';
import { DuplicatesDialog } from './DuplicatesDialog';
import { errorText } from '../api-client/error-text';

const FIELDS = RED2009_LAYOUT.fields;
const EMPTY = Object.fromEntries(FIELDS.map((f) => [f.key, ''])) as Record<MatricolaFieldKey, string>;

/** Short captions for the narrow per-field inputs; the full label is the tooltip and the aria-label. */
const CAPTIONS: Partial<Record<MatricolaFieldKey, string>> = {
  codiceFiscale: 'Codice fiscale',
  codiceEmissione: 'Emiss.',
  anniRichiesti: 'Anni',
  statoCivile: 'St.civ.',
  rilevanzaConiuge: 'Ril.con.',
  numeroFigli: 'Figli',
  codiceInvarianza: 'Invar.',
  tipoRighiDichiarante: 'Righi dich.',
  tipoRighiNucleo: 'Righi nucl.',
  flagPensioniEstere: 'Pens.est.',
  flagLavoro2007: 'Lav.2007',
  flagLavoro2008: 'Lav.2008',
  controcodice: 'Contr.',
};

/**
 * "Nuovo" (guide p. 74): the matricola typed split into codice fiscale and specific fields, or pasted /
 * scanned whole; Invio confirms (decodes it and looks for declarations already present for the codice
 * fiscale, also partial); "Sezione matricola" shows the meaning of each field; "Crea dichiarazione".
 * Opened by a scan in the monitor (`initialText`), it starts filled in and confirmed; while open, a Stringa
 * CAF read by the reader fills it and confirms.
 */
export function NuovoDialog(props: {
  onClose: () => void;
  onCreated: (id: number) => void;
  onSelectExisting: (row: MonitorRow) => void;
  /** A Stringa CAF read by the reader: shown decoded at once, then the declarations already present are looked up. */
  initialText?: string | null;
}) {
  const api = useApi();
  const [parts, setParts] = useState<Record<MatricolaFieldKey, string>>(() => (props.initialText ? splitMatricola(props.initialText) : EMPTY));
  const [whole, setWhole] = useState(() => (props.initialText ? normaliseMatricolaInput(props.initialText) : ''));
  const [result, setResult] = useState<MatricolaResult | null>(() => (props.initialText ? parseMatricola(props.initialText) : null));
  const [info, setInfo] = useState<string | null>(null);
  const [serverError, setServerError] = useState<string | null>(null);
  const [dups, setDups] = useState<{ rows: MonitorRow[]; total: number; typed: string } | null>(null);
  const [acknowledged, setAcknowledged] = useState<number[]>([]);
  const [busy, setBusy] = useState(false);
  const [consegna, setConsegna] = useState<string | null>(todayIso);
  const inputs = useRef(new Map<MatricolaFieldKey, HTMLInputElement>());
  const createRef = useRef<HTMLButtonElement>(null);

  const fieldErrors = new Map<string, string>();
  if (result && !result.ok) for (const e of result.errors) fieldErrors.set(e.firstMissing ?? e.field, e.message);

  const spread = (text: string) => {
    const split = splitMatricola(text);
    setParts(split);
    setWhole(normaliseMatricolaInput(text));
    setResult(null);
    setServerError(null);
    return split;
  };

  const setPart = (key: MatricolaFieldKey, raw: string, index: number) => {
    const value = raw.toUpperCase().replace(/[\s]/g, '');
    const def = FIELDS[index];
    if (!def) return;
    // A whole string typed, pasted or scanned into the first field is spread over all the fields.
    if (key === 'codiceFiscale' && value.length > def.length) {
      spread(value);
      return;
    }
    const next = { ...parts, [key]: value.slice(0, def.length) };
    setParts(next);
    setWhole(joinMatricola(next));
    setResult(null);
    setServerError(null);
    setInfo(null);
    if (value.length >= def.length) {
      const following = FIELDS[index + 1];
      if (following) inputs.current.get(following.key)?.focus();
    }
  };

  /** Invio: decode, and show the declarations already present for the codice fiscale (also partial). */
  const confirm = async (source: Record<MatricolaFieldKey, string> = parts) => {
    setServerError(null);
    setInfo(null);
    const cf = source.codiceFiscale.trim();
    const onlyCf = FIELDS.every((f) => f.key === 'codiceFiscale' || source[f.key] === '');
    let decoded: MatricolaResult | null = null;
    if (!onlyCf || cf.length === 16) {
      decoded = parseMatricola(joinMatricola(source));
      setResult(decoded);
      // A short Stringa CAF: the cursor goes where the typing must go on (issue 18).
      const short = decoded.ok ? undefined : decoded.errors.find((e) => e.firstMissing)?.firstMissing;
      if (short) {
        const el = inputs.current.get(short);
        setTimeout(() => el?.focus(), 0);
        return;
      }
    } else {
      setResult(null);
    }
    await lookupExisting(cf, onlyCf, decoded);
  };

  /** The second half of Invio: the declarations already present for the codice fiscale (also partial). */
  const lookupExisting = async (cf: string, onlyCf: boolean, decoded: MatricolaResult | null) => {
    if (cf) {
      try {
        const found = await api.invoke('declarations.findByCodiceFiscale', { codiceFiscale: cf });
        const unseen = found.rows.filter((r) => !acknowledged.includes(r.id));
        if (unseen.length > 0) {
          setDups({ rows: found.rows, total: found.total, typed: cf });
          return;
        }
        if (onlyCf && cf.length < 16) {
          setInfo(found.total === 0 ? `Nessuna dichiarazione presente per «${cf}».` : 'Dichiarazioni già viste: completare la nuova matricola.');
        }
      } catch (e) {
        setServerError(errorText(e));
      }
    }
    if (decoded?.ok) createRef.current?.focus();
  };

  // Opened by a scan: the decoded matricola is already shown; now the declarations already present.
  const lookupInitial = useEffectEvent(() => {
    if (result?.ok) void lookupExisting(parts.codiceFiscale.trim(), false, result);
  });
  useEffect(() => {
    lookupInitial();
  }, []);

  // A Stringa CAF read while "Nuovo" is open fills it and confirms; anything else changes nothing.
  useScanTarget((scan) => {
    const d = decideScan(scan.text, { screen: 'nuovo' });
    if (d.kind === 'fill-nuovo') {
      setDups(null);
      void confirm(spread(d.matricola));
    }
    return outcomeOf(d);
  });

  const create = async () => {
    if (!result?.ok || busy) return;
    setBusy(true);
    setServerError(null);
    try {
      const r = await api.invoke('declarations.create', { matricola: result.value.matricola, acknowledgedExisting: acknowledged, dataConsegna: consegna });
      props.onCreated(r.id);
    } catch (e) {
      if (e instanceof AppError && e.code === ERROR_CODES.DUPLICATE_CF) {
        const rows = ((e.details as { rows?: MonitorRow[] } | undefined)?.rows ?? []).slice(0, 50);
        setDups({ rows, total: rows.length, typed: result.value.values.codiceFiscale });
      } else {
        setServerError(errorText(e));
      }
    } finally {
      setBusy(false);
    }
  };

  const onFieldKeyDown = (e: React.KeyboardEvent<HTMLInputElement>, index: number) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      void confirm();
    } else if (e.key === 'Backspace' && e.currentTarget.value === '' && index > 0) {
      const prev = FIELDS[index - 1];
      if (prev) inputs.current.get(prev.key)?.focus();
    }
  };

  return (
    <>
      <Dialog title="Nuovo — caricamento nuova dichiarazione RED" onCancel={props.onClose} className="nuovo-dialog" guida="nuovo">
        <p className="muted">
          Digitare la matricola (Stringa CAF) della lettera di richiesta, suddivisa in codice fiscale e campi specifici,
          oppure incollarla o leggerla con la penna ottica nel campo «Stringa CAF completa»; confermare con Invio.
        </p>
        <div className="matricola-fields" role="group" aria-label="Matricola suddivisa">
          {FIELDS.map((f, i) => (
            <label key={f.key} className={`mf mf-${f.key}${fieldErrors.has(f.key) ? ' invalid' : ''}`} title={`${f.label} — ${f.allowedText}`}>
              <span>{CAPTIONS[f.key] ?? f.label}</span>
              <input
                ref={(el) => {
                  if (el) inputs.current.set(f.key, el);
                }}
                data-autofocus={i === 0 ? true : undefined}
                data-help={`nuovo.matricola.${f.key}`}
                aria-label={f.label}
                aria-invalid={fieldErrors.has(f.key)}
                value={parts[f.key]}
                size={Math.max(2, f.length + 1)}
                maxLength={f.key === 'codiceFiscale' ? 60 : f.length}
                spellCheck={false}
                autoComplete="off"
                onChange={(e) => setPart(f.key, e.target.value, i)}
                onKeyDown={(e) => onFieldKeyDown(e, i)}
              />
            </label>
          ))}
        </div>
        <label className="whole">
          <span>Stringa CAF completa</span>
          <input
            aria-label="Stringa CAF completa"
            data-help="nuovo.stringaCompleta"
            value={whole}
            maxLength={60}
            spellCheck={false}
            autoComplete="off"
            onChange={(e) => spread(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                void confirm(splitMatricola(e.currentTarget.value));
              }
            }}
          />
        </label>

        {result && !result.ok ? (
          <div className="errors" role="alert" aria-label="Errori nella matricola">
            <ul>
              {result.errors.map((e) => (
                <li key={`${e.code}-${e.field}`} data-code={e.code}>
                  {e.message}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {serverError ? (
          <div className="errors" role="alert">
            {serverError.split('\n').map((l) => (
              <p key={l}>{l}</p>
            ))}
          </div>
        ) : null}
        {info ? <p className="info" role="status">{info}</p> : null}

        {result?.ok ? (
          <section className="sezione-matricola" aria-label="Sezione matricola">
            <h3>Sezione matricola</h3>
            <table>
              <thead>
                <tr>
                  <th>Campo</th>
                  <th>Pos.</th>
                  <th>Valore</th>
                  <th>Significato</th>
                </tr>
              </thead>
              <tbody>
                {result.value.fields.map((f) => (
                  <tr key={f.key}>
                    <td>{f.label}</td>
                    <td>{f.length === 1 ? f.start : `${f.start}–${f.start + f.length - 1}`}</td>
                    <td className="mono">{f.value}</td>
                    <td>{f.meaning}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p>
              Anni richiesti: <b>{result.value.anni.join(' e ')}</b>
            </p>
            {result.value.notes.map((n) => (
              <p key={n.code} className="note">
                {n.message}
              </p>
            ))}
          </section>
        ) : null}

        <ConsegnaField value={consegna} onChange={setConsegna} />
        <div className="dialog-buttons">
          <button ref={createRef} type="button" data-help="nuovo.crea" disabled={!result?.ok || busy} onClick={() => void create()}>
            Crea dichiarazione
          </button>
          <button type="button" onClick={props.onClose}>
            Annulla
          </button>
        </div>
      </Dialog>
      {dups ? (
        <DuplicatesDialog
          rows={dups.rows}
          total={dups.total}
          typed={dups.typed}
          onSelect={(row) => {
            setDups(null);
            props.onSelectExisting(row);
          }}
          onCancel={() => {
            setAcknowledged((a) => [...new Set([...a, ...dups.rows.map((r) => r.id)])]);
            setDups(null);
            setInfo('Inserire la matricola diversa da quella già presente e confermare con Invio.');
            setTimeout(() => inputs.current.get('codiceEmissione')?.focus(), 0);
          }}
        />
      ) : null}
    </>
  );
}
