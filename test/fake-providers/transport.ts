// The test transport: sends a verifier's request to the fake providers as /{host}{path}, so the fake
// answers (and records) it as that host. Handed to SecretVerifier (or startService) by tests only:
// nothing a repository or an organization setting holds can choose it.
import { headersOf, providerUrl, readCapped } from '../../service/verify/transport';
import type { VerifyTransport } from '../../service/verify/types';

export function fakeProvidersTransport(baseUrl: string): VerifyTransport {
  return async (host, request, signal) => {
    // The same check as the real transport: the path cannot leave the host.
    providerUrl(host, request.path);
    const res = await fetch(`${baseUrl}/${host}${request.path}`, {
      method: request.method,
      headers: request.headers,
      ...(request.body !== undefined ? { body: request.body } : {}),
      redirect: 'manual',
      signal,
    });
    return { status: res.status, headers: headersOf(res.headers), body: await readCapped(res) };
  };
}
