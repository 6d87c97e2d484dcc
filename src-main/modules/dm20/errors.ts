/** The refusals of the DM20-REG store: stable codes and Italian messages naming the field. */
import { AppError } from '#shared/errors';

/** A field refused (the message names it). */
export const DM20_INPUT = 'DM20-01';
/** The firms' CSV refused (line and column). */
export const DM20_FILE_REFUSED = 'DM20-02';
/** An operation not allowed now (a forwarded SC7/24, an inoltro with blocking errors …). */
export const DM20_REFUSED = 'DM20-03';

export const refused = (message: string) => new AppError({ code: DM20_REFUSED, message });
export function fieldErrors(errors: readonly { field: string; message: string }[]): AppError {
  return new AppError({ code: DM20_INPUT, message: errors.map((e) => e.message).join('\n'), field: errors[0]?.field ?? '', details: { errors } });
}

