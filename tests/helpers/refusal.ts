import { AppError } from '#shared/errors';

/** The AppError `f` throws (any other error is rethrown; no error at all fails the test). */
export function refusal(f: () => unknown): AppError {
  try {
    f();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('nessun rifiuto: era atteso un AppError');
}
