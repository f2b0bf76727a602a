// The shared readers of ADO's JSON: one wording for every area ("<path> missing", "<path> is not a …").
import { collect, collectionItems, records, requireItem, requireNumber } from './parse';
import type { AdoError } from './types';

const ctx = { operation: 'list things', path: '_apis/things' };

/** The message of the AdoError `f` throws, without the "unexpected answer…" prefix. */
function failure(f: () => unknown): string {
  try {
    f();
  } catch (err) {
    expect(err).toMatchObject({ kind: 'bad-response', path: '_apis/things' });
    return (err as AdoError).message.replace('unexpected answer from Azure DevOps to list things: ', '');
  }
  throw new Error('expected a bad-response error');
}

describe('collectionItems', () => {
  it('reads {count, value}, a bare array (noArrayWrap) and {count: 0} without value (an empty collection, ado-rest.md §9)', () => {
    expect(collectionItems({ count: 2, value: [1, 2] }, ctx)).toEqual([1, 2]);
    expect(collectionItems([3], ctx)).toEqual([3]);
    expect(collectionItems({ count: 0 }, ctx)).toEqual([]);
    expect(collectionItems({ count: 0, value: [] }, ctx)).toEqual([]);
  });

  it.each([
    [null, 'the answer is not a JSON object (null)'],
    ['x', 'the answer is not a JSON object (a string)'],
    [{}, 'value missing'],
    [{ count: 2 }, 'value missing'],
    [{ count: 0, value: null }, 'value missing'],
    [{ count: 1, value: 'x' }, 'value is not an array (a string)'],
    [{ count: 1, value: { a: 1 } }, 'value is not an array (an object)'],
  ])('names what is wrong with %j', (body, what) => {
    expect(failure(() => collectionItems(body, ctx))).toBe(what);
  });
});

describe('records', () => {
  it('keeps the objects of an array, and is empty for anything else', () => {
    expect(records([{ a: 1 }, null, 'x', [1], { b: 2 }])).toEqual([{ a: 1 }, { b: 2 }]);
    expect(records(undefined)).toEqual([]);
    expect(records({ a: 1 })).toEqual([]);
  });
});

describe('requireNumber', () => {
  it('returns a number, 0 included', () => {
    expect(requireNumber({ id: 0 }, 'id', ctx, 'pool')).toBe(0);
  });
  it.each([
    [{}, 'pool.id missing'],
    [{ id: null }, 'pool.id missing'],
    [{ id: '7' }, 'pool.id is not a number (a string)'],
    [{ id: [7] }, 'pool.id is not a number (an array)'],
  ])('names the field of %j', (parent, what) => {
    expect(failure(() => requireNumber(parent, 'id', ctx, 'pool'))).toBe(what);
  });
  it('names the field alone at the top of the answer', () => {
    expect(failure(() => requireNumber({}, 'id', ctx))).toBe('id missing');
  });
});

describe('requireItem', () => {
  it('names the item of a list, and reads the answer itself when the item is the answer', () => {
    expect(failure(() => requireItem('x', ctx, 'pool'))).toBe('pool is not an object (a string)');
    expect(failure(() => requireItem('x', ctx, ''))).toBe('the answer is not a JSON object (a string)');
    expect(requireItem({ id: 1 }, ctx, '')).toEqual({ id: 1 });
  });
});

describe('collect', () => {
  it('parses every item of every page, in order', async () => {
    async function* pages() {
      yield [1, 2];
      yield [];
      yield [3];
    }
    expect(await collect(pages(), (x) => Number(x) * 10)).toEqual([10, 20, 30]);
  });
});
