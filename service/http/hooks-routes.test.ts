// The receiver's credential cache (the receiver itself runs end to end in test/integration/hooks.test.ts):
// one database read per organization while cached, unknown organizations remembered briefly, forget().
import { ReceiverCache } from './hooks-routes';

describe('ReceiverCache', () => {
  it('reads each organization once while cached, compares by digest, and reads again once forgotten', async () => {
    const load = jest.fn(async (orgId: string) => (orgId === 'known' ? { instanceId: 'ABC', secret: 's3cret' } : undefined));
    const cache = new ReceiverCache(load);
    const first = await cache.get('known');
    expect(first).toMatchObject({ instanceId: 'abc' });
    expect(first!.digest).toHaveLength(32);
    expect(first!.digest.toString('utf8')).not.toContain('s3cret');
    await cache.get('known');
    expect(load).toHaveBeenCalledTimes(1);
    expect(await cache.get('unknown')).toBeNull();
    expect(await cache.get('unknown')).toBeNull();
    expect(load).toHaveBeenCalledTimes(2);
    cache.forget('known');
    await cache.get('known');
    expect(load).toHaveBeenCalledTimes(3);
  });
});
