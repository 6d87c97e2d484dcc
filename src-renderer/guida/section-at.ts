/**
 * The Guida RED section of the screen an element is on (F1, guide p. 70): the `data-guida` of the closest screen
 * part or dialog that names one; with the focus nowhere in particular, the editor's open tab or the monitor's tab.
 */
export function guidaSectionAt(el: Element | null): string {
  const own = el?.closest('[data-guida]')?.getAttribute('data-guida');
  if (own) return own;
  const screen = document.querySelector('.editor-main[data-guida]') ?? document.querySelector('.monitor[data-guida]');
  return screen?.getAttribute('data-guida') ?? 'introduzione';
}
