// One application error type and one central handler: every error leaves as problem+json (RFC 9457).
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ZodError } from 'zod';
import type { Logger } from '../log';
import type { Problem } from '../contract/api';
import { AppError } from '../errors';

const TYPE_BASE = 'https://vigil.dev/problems/';

export function sendProblem(res: Parameters<RequestHandler>[1], p: Problem): void {
  res.status(p.status).type('application/problem+json').json(p);
}

export const notFoundHandler: RequestHandler = (req, res) =>
  sendProblem(res, { type: TYPE_BASE + 'not-found', title: 'Not found', status: 404, detail: `No route for ${req.method} ${req.path}` });

export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    if (err instanceof AppError) {
      return sendProblem(res, { type: TYPE_BASE + err.type, title: err.title, status: err.status, detail: err.detail, errors: err.errors });
    }
    if (err instanceof ZodError) {
      return sendProblem(res, {
        type: TYPE_BASE + 'validation',
        title: 'Invalid request',
        status: 400,
        detail: err.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`).join('; '),
        errors: err.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      });
    }
    // body-parser errors carry a status (malformed JSON 400, too large 413).
    const status = typeof err?.status === 'number' && err.status >= 400 && err.status < 500 ? err.status : 500;
    if (status < 500) {
      return sendProblem(res, { type: TYPE_BASE + (err.type ?? 'bad-request'), title: 'Bad request', status, detail: err.message });
    }
    log.error({ err, path: req.path }, 'unhandled error');
    sendProblem(res, { type: TYPE_BASE + 'internal', title: 'Internal error', status: 500, detail: 'Something went wrong on our side; it has been logged.' });
  };
}
