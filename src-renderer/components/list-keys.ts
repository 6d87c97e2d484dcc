/**
 * Keys of a short list inside a dialog (Controllo, Segnalazioni, Messaggi): ↑/↓ move the cursor, Invio opens
 * the current row when `open` returns true for it.
 */
export function listKeyHandler(
  length: number,
  setIndex: (f: (i: number) => number) => void,
  open: () => boolean,
): (e: React.KeyboardEvent) => void {
  return (e) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setIndex((i) => Math.min(length - 1, i + 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setIndex((i) => Math.max(0, i - 1));
    } else if (e.key === 'Enter' && open()) {
      e.preventDefault();
    }
  };
}
