/** The Italian message of a failed call (AppError from the core, or any other error) for the operator. */
export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
