import type { DeclarationEdit, RedDocument } from '#shared/domain/red-document';
import type { DecodedMatricola } from '#shared/matricola/codec';
import { descrizioneTipoRighi, TIPO_RIGHI_NESSUNO } from '#shared/campaigns/red2009/tipo-righi';
import type { Facts } from '#shared/rules/facts';
import { coniugePresenceText } from './coniuge';
import { addConiuge, anniOf, forceAutocertificato, setNumeroFigli, type Draft } from './doc-ops';
import { CheckField, DateField, SelectField, TextAreaField, TextField, useReadOnly } from './fields';
import { STATO_CIVILE_OPTIONS, TIPO_DICHIARAZIONE_LABELS } from './labels';
import { ConsegnaBox } from '../print/ConsegnaField';

const BREVE_TEXT = {
  DECESSO: 'RED breve per decesso del titolare: non si inseriscono redditi; compilare la sezione Erede.',
  RINUNCIA: 'RED breve per rinuncia alle prestazioni collegate al reddito: non si inseriscono redditi.',
  ESPATRIO: "RED breve per espatrio avvenuto prima degli anni richiesti: non si inseriscono redditi.",
  ZERO_RED: 'RED breve Zero RED: nessun reddito del pensionato e dei familiari negli anni richiesti; redditi, "Doc." e numero figli non si compilano.',
} as const;

/** The meaning shown for a matricola field; the tipo righi codes get the rows they ask. */
function meaning(m: DecodedMatricola, key: string, fallback: string): string {
  if (key === 'tipoRighiDichiarante' || key === 'tipoRighiNucleo') {
    try {
      return descrizioneTipoRighi(m.values[key]);
    } catch {
      return fallback;
    }
  }
  return fallback;
}

/** Tab "Dichiarazione" (guide pp. 76–81). */
export function DichiarazioneTab(props: {
  edit: DeclarationEdit;
  doc: RedDocument;
  matricola: DecodedMatricola;
  facts: Facts | null;
  mutate: (fn: (d: Draft) => void) => void;
}) {
  const { doc, matricola: m, mutate } = props;
  const readOnly = useReadOnly();
  const a = doc.anagrafica;
  const anni = anniOf(m);
  // The Erede section opens as soon as "Deceduto" is ticked (p. 77), so DIC-05's "Correggi" always lands on an
  // enabled box, whatever the operator fills first (issue 11).
  const ereditaAttiva = a.deceduto;
  const breve = props.facts?.breve ?? null;

  /** Stato civile: becoming coniugato with a relevant coniuge brings the coniuge in "Soggetti" (p. 78). */
  const setStatoCivile = (v: '1' | '2' | '3' | '4' | '5' | null) =>
    mutate((d) => {
      d.anagrafica.statoCivile = v;
      if (v === null) d.anagrafica.statoCivileDecorrenza = null;
      if (v === '2' && m.values.rilevanzaConiuge === '1') addConiuge(d, anni, d.zeroRed);
    });

  /** The titolare's codice fiscale is kept the same here and in "Soggetti" while they agree. */
  const setCf = (cf: string) =>
    mutate((d) => {
      const t = d.soggetti.find((s) => s.role === 'TITOLARE');
      if (t && t.codiceFiscale === d.anagrafica.codiceFiscale) t.codiceFiscale = cf;
      d.anagrafica.codiceFiscale = cf;
    });

  return (
    <div className="dich-tab">
      <section className="box matricola-box" aria-label="Matricola" data-help="matricola" data-field="matricola" tabIndex={-1}>
        <h3>Matricola</h3>
        <p className="mono matricola-string">{m.matricola}</p>
        <table className="matricola-table">
          <thead>
            <tr>
              <th>Campo</th>
              <th>Valore</th>
              <th>Significato</th>
            </tr>
          </thead>
          <tbody>
            {m.fields.map((f) => (
              <tr key={f.key} className={f.key === 'rilevanzaConiuge' ? 'key-row' : undefined}>
                <td>{f.label}</td>
                <td className="mono">{f.value}</td>
                <td>{meaning(m, f.key, f.meaning)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <dl className="matricola-facts">
          <dt>Anni richiesti</dt>
          <dd>{anni.join(' e ')}</dd>
          <dt>Presenza del coniuge</dt>
          <dd aria-label="Presenza del coniuge">
            {m.values.rilevanzaConiuge === '0' ? 'coniuge non rilevante: redditi non richiesti' : coniugePresenceText(doc, m)}
            {m.values.rilevanzaConiuge === '2' ? ' — rilevante ma non richiesto (presenta un proprio RED)' : ''}
          </dd>
        </dl>
        {m.notes.map((n) => (
          <p key={n.code} className="note">
            {n.message}
          </p>
        ))}
      </section>

      <div className="dich-right">
        <section className="box" aria-label="Conferma/Aggiornamento dati anagrafici" data-field="anagrafica" tabIndex={-1}>
          <h3>Conferma/Aggiornamento dati anagrafici</h3>
          <div className="row-fields">
            <TextField path="anagrafica.codiceFiscale" label="Codice fiscale" value={a.codiceFiscale} onChange={setCf} maxLength={16} upper mono size={18} />
            <SelectField
              path="anagrafica.statoCivile"
              label="Stato civile"
              value={a.statoCivile}
              options={STATO_CIVILE_OPTIONS}
              emptyLabel={`confermato (${m.fields.find((f) => f.key === 'statoCivile')?.meaning ?? ''})`}
              onChange={setStatoCivile}
            />
            <DateField
              path="anagrafica.statoCivileDecorrenza"
              label="decorrenza"
              value={a.statoCivileDecorrenza}
              disabled={a.statoCivile === null}
              onChange={(v) => mutate((d) => void (d.anagrafica.statoCivileDecorrenza = v))}
            />
            <label className="fld">
              <span className="fld-label">Figli</span>
              <input
                data-field="anagrafica.numeroFigli"
                type="number"
                min={0}
                max={14}
                className="num-small"
                value={a.numeroFigli}
                readOnly={readOnly}
                disabled={breve !== null}
                title={breve ? 'RED breve: il numero dei figli non si compila' : undefined}
                onChange={(e) => {
                  const n = Math.max(0, Math.min(14, Math.trunc(Number(e.target.value) || 0)));
                  mutate((d) => setNumeroFigli(d, n, anni, m.values.tipoRighiNucleo !== TIPO_RIGHI_NESSUNO));
                }}
              />
            </label>
          </div>
          <div className="row-fields">
            <CheckField
              path="anagrafica.deceduto"
              label="Deceduto"
              checked={a.deceduto}
              onChange={(v) =>
                mutate((d) => {
                  d.anagrafica.deceduto = v;
                  if (!v) d.anagrafica.dataDecesso = null;
                })
              }
            />
            <DateField
              path="anagrafica.dataDecesso"
              label="data decesso"
              value={a.dataDecesso}
              disabled={!a.deceduto}
              onChange={(v) => mutate((d) => void (d.anagrafica.dataDecesso = v))}
            />
            <CheckField
              path="anagrafica.espatriato"
              label="Espatrio"
              checked={a.espatriato}
              onChange={(v) =>
                mutate((d) => {
                  d.anagrafica.espatriato = v;
                  if (!v) d.anagrafica.dataEspatrio = null;
                })
              }
            />
            <DateField
              path="anagrafica.dataEspatrio"
              label="data espatrio"
              value={a.dataEspatrio}
              disabled={!a.espatriato}
              onChange={(v) => mutate((d) => void (d.anagrafica.dataEspatrio = v))}
            />
          </div>
        </section>

        <section className="box" aria-label="RED breve">
          <h3>RED breve e opzioni</h3>
          <div className="row-fields">
            <CheckField
              path="zeroRed"
              label="Zero RED"
              title="Nessun reddito del pensionato e dei familiari negli anni richiesti: impone l'Autocertificato"
              checked={doc.zeroRed}
              onChange={(v) =>
                mutate((d) => {
                  d.zeroRed = v;
                  if (v) forceAutocertificato(d, anni);
                })
              }
            />
            <CheckField path="rinuncia" label="Rinuncia alle prestazioni collegate al reddito" checked={doc.rinuncia} onChange={(v) => mutate((d) => void (d.rinuncia = v))} />
            <CheckField path="domiciliazione" label="Domiciliazione" checked={doc.domiciliazione} onChange={(v) => mutate((d) => void (d.domiciliazione = v))} />
          </div>
          <p className={breve ? 'breve on' : 'breve muted'} role="status">
            {breve ? BREVE_TEXT[breve] : 'Dichiarazione breve: decesso, espatrio prima degli anni richiesti, Zero RED o rinuncia.'}
            {doc.zeroRed ? ' Zero RED: compilazione Autocertificato imposta per tutti i soggetti e gli anni.' : ''}
          </p>
        </section>

        <div className="row-boxes">
          <section className="box" aria-label="Tipo di dichiarazione" data-help="tipoDichiarazione">
            <h3>Tipo di dichiarazione</h3>
            <div className="radios" role="radiogroup" aria-label="Tipo di dichiarazione" aria-readonly="true">
              {(['NORMALE', 'RETTIFICATA', 'RETTIFICATIVA'] as const).map((t) => (
                <label key={t} className="chk">
                  <input type="radio" name="tipo-dichiarazione" checked={props.edit.tipoDichiarazione === t} disabled readOnly />
                  <span>{TIPO_DICHIARAZIONE_LABELS[t]}</span>
                </label>
              ))}
            </div>
          </section>
          <section className="box" aria-label="Note" data-field="note" tabIndex={-1}>
            <h3>Note</h3>
            <div className="row-fields">
              <TextField path="note.gruppo" label="Gruppo" value={doc.note.gruppo} maxLength={40} size={14} onChange={(v) => mutate((d) => void (d.note.gruppo = v))} />
              <TextField path="note.segnalibro" label="Segnalibro" value={doc.note.segnalibro} maxLength={40} size={14} onChange={(v) => mutate((d) => void (d.note.segnalibro = v))} />
            </div>
          </section>
        </div>

        <ConsegnaBox id={props.edit.id} value={props.edit.dataConsegna} readOnly={readOnly} />

        <section className={`box${ereditaAttiva ? '' : ' inactive'}`} aria-label="Erede" data-field="erede" tabIndex={-1}>
          <h3>Erede</h3>
          {ereditaAttiva ? null : <p className="muted">Sezione attiva solo se il titolare è «Deceduto».</p>}
          <div className="row-fields">
            <TextField
              path="erede.codiceFiscale"
              label="Codice fiscale"
              value={doc.erede.codiceFiscale}
              maxLength={16}
              upper
              mono
              size={18}
              disabled={!ereditaAttiva}
              onChange={(v) => mutate((d) => void (d.erede.codiceFiscale = v))}
            />
            <TextField
              path="erede.nominativo"
              label="Nominativo"
              value={doc.erede.nominativo}
              maxLength={120}
              size={36}
              disabled={!ereditaAttiva}
              onChange={(v) => mutate((d) => void (d.erede.nominativo = v))}
            />
          </div>
        </section>

        <section className="box" aria-label="Appunti">
          <TextAreaField path="note.appunti" label="Appunti" value={doc.note.appunti} maxLength={4000} rows={3} onChange={(v) => mutate((d) => void (d.note.appunti = v))} />
        </section>
      </div>
    </div>
  );
}
