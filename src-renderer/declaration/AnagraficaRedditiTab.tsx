import { useState } from 'react';
import type { IncomeRow, RedDocument, SubjectDoc } from '#shared/domain/red-document';
import type { DecodedMatricola } from '#shared/matricola/codec';
import { decodeCodiceFiscale } from '#shared/codice-fiscale/codice-fiscale';
import { ENTI_PENSIONISTICI, entePensionistico } from '#shared/campaigns/red2009/enti';
import { RED2009_CAMPAIGN } from '#shared/campaigns/red2009/campaign';
import { birthDateOf, type Facts } from '#shared/rules/facts';
import { describeComune, provinciaDelComune } from '#shared/codice-fiscale/comuni';
import { isoToIt } from '#shared/util/italian-input';
import { ConfirmDialog } from '../components/Dialog';
import {
  addConiuge,
  addForeignRow,
  anniOf,
  dropOptionalRows,
  optionalRowsWithValues,
  removeFiglio,
  setForeignAmount,
  setForeignStato,
  subjectOf,
  yearOf,
  type Draft,
} from './doc-ops';
import { DocumentiDialog } from './DocumentiDialog';
import { Importa730Dialog } from './Importa730Dialog';
import type { Dichiarazione730 } from '#shared/import730/model';
import { CheckField, DateField, TextField, useReadOnly } from './fields';
import { INCOME_ROW_LABELS, ROLE_LABELS } from './labels';
import { PensioniEstereGrid } from './PensioniEstereGrid';
import { RedditiGrid, type YearInfo } from './RedditiGrid';

export type SubTab = 'REDDITI' | 'ESTERE';

/** Birth date and place from the codice fiscale, the century chosen by "Inverti 1900/2000" (p. 83). */
function birthDate(s: SubjectDoc): string {
  if (s.codiceFiscale.trim() === '') return '—';
  const iso = birthDateOf(s);
  if (iso === null) return 'codice fiscale non valido';
  return `${isoToIt(iso)}, comune ${describeComune(decodeCodiceFiscale(s.codiceFiscale).codiceComune)}`;
}

export function subjectLabels(doc: RedDocument): Map<string, string> {
  const out = new Map<string, string>();
  let n = 0;
  for (const s of doc.soggetti) out.set(s.key, s.role === 'FIGLIO' ? `Figlio n. ${++n}` : ROLE_LABELS[s.role]);
  return out;
}

/** Tab "Anagrafica e redditi" (guide pp. 82–95). */
export function AnagraficaRedditiTab(props: {
  doc: RedDocument;
  matricola: DecodedMatricola;
  facts: Facts | null;
  subjectKey: string;
  onSubject: (key: string) => void;
  subTab: SubTab;
  onSubTab: (t: SubTab) => void;
  mutate: (fn: (d: Draft) => void) => void;
  onMessage: (text: string) => void;
  /** The 730s held on the desk for the subjects (null while they are read). */
  dati730: readonly Dichiarazione730[] | null;
}) {
  const { doc, matricola: m, mutate } = props;
  const readOnly = useReadOnly();
  const anni = anniOf(m);
  const labels = subjectLabels(doc);
  const current = doc.soggetti.find((s) => s.key === props.subjectKey) ?? doc.soggetti[0];
  const [docDialog, setDocDialog] = useState<{ key: string; anno: number; rigo: IncomeRow } | null>(null);
  const [confirmDrop, setConfirmDrop] = useState<{ key: string; anno: number; rows: string[] } | null>(null);
  const [import730, setImport730] = useState(false);
  if (!current) return <p className="errors">Dichiarazione senza soggetti.</p>;

  const key = current.key;
  const sf = props.facts?.subjects.find((x) => x.subject.key === key);
  const rows = sf?.rows;
  const needed = new Set(sf?.neededYears ?? anni);
  const years: YearInfo[] = anni.map((anno) => ({ anno, needed: needed.has(anno) }));
  const hasConiuge = doc.soggetti.some((s) => s.role === 'CONIUGE');
  const rilevante = m.values.rilevanzaConiuge === '1';

  const edit = (fn: (s: SubjectDoc, d: Draft) => void) =>
    mutate((d) => {
      const s = subjectOf(d, key);
      if (s) fn(s, d);
    });

  /** The titolare's codice fiscale follows the Dichiarazione tab while they agree (rule SOG-09). */
  const setCf = (cf: string) =>
    edit((s, d) => {
      if (s.role === 'TITOLARE' && d.anagrafica.codiceFiscale === s.codiceFiscale) d.anagrafica.codiceFiscale = cf;
      s.codiceFiscale = cf;
    });

  const onSoggettiKey = (e: React.KeyboardEvent) => {
    const i = doc.soggetti.findIndex((s) => s.key === key);
    const go = (j: number) => {
      const s = doc.soggetti[Math.max(0, Math.min(doc.soggetti.length - 1, j))];
      if (s) {
        e.preventDefault();
        props.onSubject(s.key);
      }
    };
    if (e.key === 'ArrowDown') go(i + 1);
    else if (e.key === 'ArrowUp') go(i - 1);
    else if (e.key === 'Home') go(0);
    else if (e.key === 'End') go(doc.soggetti.length - 1);
    else if (e.key === 'Delete' && !readOnly) {
      e.preventDefault();
      eliminaRiga();
    }
  };

  const eliminaRiga = () => {
    if (current.role !== 'FIGLIO') {
      props.onMessage(
        current.role === 'CONIUGE' ? 'Il coniuge, se presente, non può mai essere cancellato.' : 'Il titolare non può essere cancellato.',
      );
      return;
    }
    const idx = doc.soggetti.findIndex((s) => s.key === key);
    const prev = doc.soggetti[idx - 1];
    mutate((d) => void removeFiglio(d, key));
    if (prev) props.onSubject(prev.key);
  };

  const ente = doc.ente;
  const enteInfo = ente.codice ? entePensionistico(ente.codice) : undefined;
  const dlgYear = docDialog ? subjectOf(doc, docDialog.key)?.anni.find((y) => y.anno === docDialog.anno) : undefined;

  return (
    <div className="ar-tab">
      <div className="ar-top">
        <section className="box soggetti-box" aria-label="Soggetti">
          <h3>Soggetti</h3>
          <ul
            className="soggetti"
            role="listbox"
            aria-label="Soggetti"
            tabIndex={0}
            data-field="soggetti"
            data-help="soggetti"
            aria-activedescendant={`sogg-${key}`}
            onKeyDown={onSoggettiKey}
          >
            {doc.soggetti.map((s) => (
              <li
                key={s.key}
                id={`sogg-${s.key}`}
                role="option"
                aria-selected={s.key === key}
                className={s.key === key ? 'selected' : undefined}
                onMouseDown={() => props.onSubject(s.key)}
              >
                <span className="sg-role">{labels.get(s.key)}</span>
                <span className="mono sg-cf">{s.codiceFiscale || '—'}</span>
                <span className="sg-name">{`${s.cognome} ${s.nome}`.trim() || '—'}</span>
              </li>
            ))}
          </ul>
          {readOnly ? null : (
            <div className="buttons">
              {rilevante && !hasConiuge ? (
                <button
                  type="button"
                  data-help="aggiungiConiuge"
                  data-field="soggetti.coniuge"
                  onClick={() => {
                    mutate((d) => void addConiuge(d, anni, d.zeroRed));
                    props.onSubject('coniuge');
                  }}
                >
                  Aggiungi coniuge
                </button>
              ) : null}
              <button
                type="button"
                data-help="eliminaRiga"
                aria-disabled={current.role !== 'FIGLIO'}
                title={current.role === 'FIGLIO' ? 'Elimina il figlio selezionato (Canc)' : 'Attivo solo per i figli: titolare e coniuge non si cancellano'}
                onClick={eliminaRiga}
              >
                Elimina riga
              </button>
            </div>
          )}
        </section>

        <section className="box anagrafica-box" aria-label={`Anagrafica ${labels.get(key) ?? ''}`} data-field={`soggetti.${key}`} tabIndex={-1}>
          <h3>Anagrafica {labels.get(key)}</h3>
          <div className="row-fields">
            <TextField path={`soggetti.${key}.codiceFiscale`} label="Codice fiscale" value={current.codiceFiscale} maxLength={16} upper mono size={18} onChange={setCf} />
            <TextField path={`soggetti.${key}.cognome`} label="Cognome" value={current.cognome} maxLength={60} size={20} onChange={(v) => edit((s) => void (s.cognome = v))} />
            <TextField path={`soggetti.${key}.nome`} label="Nome" value={current.nome} maxLength={60} size={16} onChange={(v) => edit((s) => void (s.nome = v))} />
          </div>
          <div className="row-fields">
            <TextField path={`soggetti.${key}.indirizzo`} label="Indirizzo" value={current.indirizzo} maxLength={100} size={24} onChange={(v) => edit((s) => void (s.indirizzo = v))} />
            <TextField path={`soggetti.${key}.cap`} label="CAP" value={current.cap} maxLength={5} size={5} onChange={(v) => edit((s) => void (s.cap = v.replace(/\D/g, '')))} />
            <TextField
              path={`soggetti.${key}.comune`}
              label="Comune di residenza"
              value={current.comune}
              maxLength={60}
              size={16}
              onChange={(v) => edit((s) => void (s.comune = v))}
              onCommit={(v) => {
                const sigla = current.provincia.trim() === '' ? provinciaDelComune(v) : null;
                if (sigla) edit((s) => void (s.provincia = sigla));
              }}
            />
            <TextField path={`soggetti.${key}.provincia`} label="Prov." value={current.provincia} maxLength={2} size={2} upper onChange={(v) => edit((s) => void (s.provincia = v.replace(/[^A-Z]/g, '')))} />
            {current.role === 'CONIUGE' ? (
              <DateField path={`soggetti.${key}.dataDecesso`} label="data decesso" value={current.dataDecesso} onChange={(v) => edit((s) => void (s.dataDecesso = v))} />
            ) : null}
          </div>
          <div className="row-fields">
            <span className="birth" aria-label="Data di nascita">
              Data di nascita: <b>{birthDate(current)}</b>
            </span>
            <CheckField path={`soggetti.${key}.invertiSecolo`} label="Inverti 1900/2000 su data di nascita" checked={current.invertiSecolo} onChange={(v) => edit((s) => void (s.invertiSecolo = v))} />
            <CheckField
              path={`soggetti.${key}.residenzaVariata`}
              label="La residenza è variata rispetto a quella indicata nella lettera"
              checked={current.residenzaVariata}
              onChange={(v) => edit((s) => void (s.residenzaVariata = v))}
            />
            <CheckField path={`soggetti.${key}.coltivatoreDiretto`} label="Coltivatore diretto" checked={current.coltivatoreDiretto} onChange={(v) => edit((s) => void (s.coltivatoreDiretto = v))} />
          </div>
        </section>
      </div>

      <section className="box ente-box" aria-label="Redditi da Ente pensionistico Italiano">
        <h3>Redditi da Ente pensionistico Italiano</h3>
        <div className="row-fields">
          <label className="fld">
            <span className="fld-label">Seleziona Ente</span>
            <select
              data-field="ente"
              value={ente.nonCodificato ? '#NC' : (ente.codice ?? '')}
              disabled={readOnly}
              onChange={(e) => {
                const v = e.target.value;
                mutate((d) => {
                  d.ente = v === '#NC' ? { codice: null, nonCodificato: true } : { codice: v === '' ? null : v, nonCodificato: false };
                });
                if (v === '#NC') props.onMessage('Ente pensionistico non codificato: la dichiarazione non può essere acquisita dal CAF e deve essere presentata dall\'interessato alla sede INPS di competenza.');
              }}
            >
              <option value="">— nessun ente (pensione INPS, INPDAP o IPOST) —</option>
              {ente.codice && !enteInfo ? <option value={ente.codice}>{ente.codice} (non in elenco)</option> : null}
              {ENTI_PENSIONISTICI.map((e) => (
                <option key={e.codice} value={e.codice}>
                  {e.nome}
                </option>
              ))}
              <option value="#NC">Ente pensionistico non codificato</option>
            </select>
          </label>
          {readOnly ? null : (
            <>
              <button type="button" data-help="cancellaEnte" disabled={!ente.codice && !ente.nonCodificato} onClick={() => mutate((d) => void (d.ente = { codice: null, nonCodificato: false }))}>
                Cancella Ente
              </button>
              <button
                type="button"
                data-help="enteNonCodificato"
                disabled={ente.nonCodificato}
                onClick={() => {
                  mutate((d) => void (d.ente = { codice: null, nonCodificato: true }));
                  props.onMessage('Ente pensionistico non codificato: la dichiarazione non può essere acquisita dal CAF e deve essere presentata dall\'interessato alla sede INPS di competenza.');
                }}
              >
                Ente non codificato
              </button>
            </>
          )}
          <span className={ente.nonCodificato || enteInfo?.casellario === false ? 'err-text' : 'muted'}>
            {ente.nonCodificato
              ? 'Ente non codificato: RED da presentare alla sede INPS di competenza.'
              : enteInfo
                ? enteInfo.casellario
                  ? 'Ente presente nel Casellario: non inserire il reddito di pensione.'
                  : 'Ente che non trasmette al Casellario: RED da presentare alla sede INPS.'
                : 'La pensione italiana non si dichiara mai nel RED.'}
          </span>
        </div>
      </section>

      <section className="box redditi-box" aria-label={`Redditi ${labels.get(key) ?? ''}`}>
        <div className="subtabs">
          <div className="tab-buttons" role="tablist" aria-label="Redditi e pensioni estere">
          {(['REDDITI', 'ESTERE'] as const).map((t) => (
            <button
              key={t}
              type="button"
              role="tab"
              id={`subtab-${t}`}
              aria-selected={props.subTab === t}
              className={props.subTab === t ? 'tab active' : 'tab'}
              onClick={() => props.onSubTab(t)}
            >
              {t === 'REDDITI' ? `Redditi ${labels.get(key) ?? ''}` : `Pensioni Estere (${current.pensioniEstere.length})`}
            </button>
          ))}
          </div>
          <span className="spacer" />
          <button type="button" data-help="importazione730" disabled={readOnly} onClick={() => setImport730(true)}>
            Importazione 730
          </button>
        </div>
        {props.facts?.breve ? <p className="breve on">RED breve: non è necessario inserire i redditi.</p> : null}
        {props.subTab === 'REDDITI' ? (
          <RedditiGrid
            subject={current}
            subjectLabel={labels.get(key) ?? ''}
            years={years}
            rows={rows ?? undefined}
            zeroRed={doc.zeroRed}
            onModo={(anno, modo) => edit((s) => void (yearOf(s, anno).modo = modo))}
            onFacoltativi={(anno, v) => {
              const y = current.anni.find((x) => x.anno === anno);
              const filled = y && !v ? optionalRowsWithValues(y, rows) : [];
              if (filled.length > 0) setConfirmDrop({ key, anno, rows: filled });
              else edit((s) => void (yearOf(s, anno).facoltativi = v));
            }}
            onDoc={(anno, v) => edit((s) => void (yearOf(s, anno).doc = v))}
            onImporto={(anno, rigo, v) =>
              edit((s) => {
                const y = yearOf(s, anno);
                const documenti = y.righi[rigo]?.documenti ?? [];
                // An emptied box never takes the documents of the row with it (C1 of a Documentato RED, p. 89).
                if (v === null && documenti.length === 0) delete y.righi[rigo];
                else y.righi[rigo] = { importo: v ?? 0, documenti };
              })
            }
            onOpenDocumenti={(anno, rigo) => setDocDialog({ key, anno, rigo })}
          />
        ) : (
          <PensioniEstereGrid
            subject={current}
            years={years}
            max={RED2009_CAMPAIGN.maxForeignPensions}
            onStato={(i, stato) => edit((s) => setForeignStato(s, i, stato))}
            onIstituzione={(i, v) =>
              edit((s) => {
                const r = s.pensioniEstere[i];
                if (r) r.istituzione = v;
              })
            }
            onTipo={(i, v) =>
              edit((s) => {
                const r = s.pensioniEstere[i];
                if (r) r.tipo = v;
              })
            }
            onImporto={(i, anno, v) => edit((s) => setForeignAmount(s, i, anno, v))}
            onAdd={() => {
              let index = -1;
              edit((s) => void (index = addForeignRow(s)));
              setTimeout(() => document.querySelector<HTMLElement>(`[data-field="soggetti.${key}.pensioniEstere.${index}.stato"]`)?.focus(), 0);
            }}
            onRemove={(i) => edit((s) => void s.pensioniEstere.splice(i, 1))}
          />
        )}
      </section>

      {docDialog ? (
        <DocumentiDialog
          title={`${labels.get(docDialog.key) ?? ''} – rigo ${docDialog.rigo} ${INCOME_ROW_LABELS[docDialog.rigo]} – redditi ${docDialog.anno}`}
          lines={dlgYear?.righi[docDialog.rigo]?.documenti ?? []}
          readOnly={readOnly}
          onCancel={() => setDocDialog(null)}
          onOk={(lines, total) => {
            const { key: k, anno, rigo } = docDialog;
            mutate((d) => {
              const s = subjectOf(d, k);
              if (!s) return;
              const y = yearOf(s, anno);
              if (lines.length === 0) delete y.righi[rigo];
              else y.righi[rigo] = { importo: total, documenti: lines };
            });
            setDocDialog(null);
          }}
        />
      ) : null}
      {import730 ? (
        <Importa730Dialog
          doc={doc}
          subject={current}
          subjectLabel={labels.get(key) ?? ''}
          anni={sf?.neededYears.length ? sf.neededYears : anni}
          rows={rows}
          dati730={props.dati730}
          onImported={(next) =>
            mutate((d) => {
              const from = next.soggetti.find((s) => s.key === key);
              const to = subjectOf(d, key);
              if (from && to) {
                to.anni = structuredClone(from.anni);
                to.pensioniEstere = structuredClone(from.pensioniEstere);
              }
            })
          }
          onClose={() => setImport730(false)}
        />
      ) : null}
      {confirmDrop ? (
        <ConfirmDialog
          title="Redditi facoltativi"
          message={
            <p>
              Togliendo «Facoltativi» per il {confirmDrop.anno} i redditi facoltativi già indicati ({confirmDrop.rows.join(', ')}) non saranno
              dichiarati e verranno cancellati. Continuare?
            </p>
          }
          confirmLabel="Togli Facoltativi"
          onConfirm={() => {
            const { key: k, anno } = confirmDrop;
            mutate((d) => {
              const s = subjectOf(d, k);
              if (!s) return;
              const y = yearOf(s, anno);
              y.facoltativi = false;
              dropOptionalRows(y, rows);
            });
            setConfirmDrop(null);
          }}
          onCancel={() => setConfirmDrop(null)}
        />
      ) : null}
    </div>
  );
}
