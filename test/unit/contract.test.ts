// Words and limits the contract defines once and every layer uses: the calendar-date check (API
// dismissals, .vigil.yml expiries) and the number of example paths a coverage entry keeps.
import { dismissRequestSchema } from '../../service/contract/api';
import { coverageSkipSchema } from '../../service/contract/model';
import { isCalendarDate, MAX_COVERAGE_EXAMPLES } from '../../service/contract/vocabulary';
import { scanFiles } from '../../service/engine/scan';
import { needleScanner } from './engine/helpers';

describe('isCalendarDate', () => {
  test.each(['2024-02-29', '2000-02-29', '2025-12-31', '2025-04-30', '0001-01-01', '9999-12-31'])('%s is a day', (d) => {
    expect(isCalendarDate(d)).toBe(true);
  });
  test.each(['2025-02-29', '1900-02-29', '2025-02-30', '2025-04-31', '2025-13-01', '2025-00-10', '2025-01-00', '2025-1-01', '2025-01-01T00:00:00Z', ' 2025-01-01', ''])(
    '%j is not',
    (d) => {
      expect(isCalendarDate(d)).toBe(false);
    },
  );

  it('is what the API checks a dismissal expiry with', () => {
    expect(dismissRequestSchema.safeParse({ reason: 'accepted-risk', expires: '2024-02-29' }).success).toBe(true);
    expect(dismissRequestSchema.safeParse({ reason: 'accepted-risk', expires: '2025-02-29' }).success).toBe(false);
    expect(dismissRequestSchema.safeParse({ reason: 'accepted-risk', expires: '2025-2-28' }).success).toBe(false);
  });
});

describe('dismissRequestSchema comment', () => {
  it('takes any Unicode text, emoji included, and refuses unpaired surrogates (no UTF-8 form for the database)', () => {
    expect(dismissRequestSchema.safeParse({ reason: 'false-positive', comment: 'test key 🔑 — ok' }).success).toBe(true);
    expect(dismissRequestSchema.safeParse({ reason: 'false-positive', comment: 'broken \udfff' }).success).toBe(false);
    expect(dismissRequestSchema.safeParse({ reason: 'false-positive', comment: '\ud83d tail' }).success).toBe(false);
  });
});

describe('MAX_COVERAGE_EXAMPLES', () => {
  it('is what the schema allows and what a scan keeps', async () => {
    const skip = (n: number) => ({ reason: 'binary', count: n, examples: Array.from({ length: n }, (_, i) => `f${i}.bin`) });
    expect(coverageSkipSchema.safeParse(skip(MAX_COVERAGE_EXAMPLES)).success).toBe(true);
    expect(coverageSkipSchema.safeParse(skip(MAX_COVERAGE_EXAMPLES + 1)).success).toBe(false);

    const files = Array.from({ length: MAX_COVERAGE_EXAMPLES + 5 }, (_, i) => ({ path: `f${String(i).padStart(2, '0')}.txt`, content: Buffer.from([0]) }));
    const result = await scanFiles(files, { scanners: [needleScanner({ needle: 'x' })] });
    expect(result.coverage.skipped).toEqual([{ reason: 'binary', count: MAX_COVERAGE_EXAMPLES + 5, examples: files.slice(0, MAX_COVERAGE_EXAMPLES).map((f) => f.path) }]);
    expect(coverageSkipSchema.safeParse(result.coverage.skipped[0]).success).toBe(true);
  });
});
