/**
 * The foot of the modules' windows: the last outcome (a polite live region, read by screen readers) and the error
 * (an alert), then «Chiudi» where the window has nothing else to close it with.
 */
export function StatusLines(props: { status: string; error: string | null }) {
  return (
    <>
      <p role="status">{props.status}</p>
      {props.error ? (
        <p className="error" role="alert">
          {props.error}
        </p>
      ) : null}
    </>
  );
}

export function StatusFooter(props: { status: string; error: string | null; onClose: () => void }) {
  return (
    <>
      <StatusLines status={props.status} error={props.error} />
      <div className="dialog-buttons">
        <button type="button" onClick={props.onClose}>
          Chiudi
        </button>
      </div>
    </>
  );
}
