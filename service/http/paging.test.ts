// Cursors: opaque, server-issued; anything else is a 400, never a database error (issue 10, item 5).
import { AppError } from '../errors';
import { decodeCursor, encodeCursor, MAX_OFFSET } from './paging';

const raw = (value: string) => Buffer.from(value).toString('base64url');

test('a cursor the service issued decodes to its offset', () => {
  expect(decodeCursor(undefined)).toBe(0);
  expect(decodeCursor('')).toBe(0);
  expect(decodeCursor(encodeCursor(50))).toBe(50);
  expect(decodeCursor(encodeCursor(MAX_OFFSET))).toBe(MAX_OFFSET);
});

test.each([
  ['offset 1e20 (beyond bigint)', raw('{"o":1e20}')],
  ['offset past the cap', encodeCursor(MAX_OFFSET + 1)],
  ['a negative offset', encodeCursor(-1)],
  ['a fraction', raw('{"o":1.5}')],
  ['a string offset', raw('{"o":"10"}')],
  ['JSON null', raw('null')],
  ['not JSON', raw('{"o":')],
  ['not base64url', '!!!'],
])('%s is a 400 bad-cursor', (_what, cursor) => {
  let error: unknown;
  try {
    decodeCursor(cursor);
  } catch (err) {
    error = err;
  }
  expect(error).toBeInstanceOf(AppError);
  expect(error).toMatchObject({ status: 400, type: 'bad-cursor' });
});
