// The one application error type: use cases and routes throw it, http/problem.ts turns it into
// problem+json (RFC 9457). `type` becomes https://vigil.dev/problems/<type>.
export interface FieldError {
  path: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldError[],
  ) {
    super(detail ?? title);
  }
}

export const badRequest = (detail: string, type = 'bad-request') => new AppError(400, type, 'Bad request', detail);
export const unauthorized = (detail: string) => new AppError(401, 'unauthorized', 'Not authenticated', detail);
export const forbidden = (detail: string) => new AppError(403, 'forbidden', 'Forbidden', detail);
export const notFound = (detail: string, type = 'not-found') => new AppError(404, type, 'Not found', detail);
