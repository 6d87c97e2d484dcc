import { AppError, type AppErrorData } from '#shared/errors';
import { SERVER_ERROR_CODES } from '#shared/server-api/contract';

/** An expected refusal with its HTTP status; the error handler sends it as `{ error: { code, message, field? } }`. */
export class HttpError extends AppError {
  constructor(
    readonly status: number,
    data: AppErrorData,
  ) {
    super(data);
  }
}

export const notFound = (message: string): HttpError => new HttpError(404, { code: SERVER_ERROR_CODES.NOT_FOUND, message });
