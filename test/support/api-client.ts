// /api/v1 calls as a hub page makes them (an app token, the caller's ADO access token, the organization
// hint), to a service in this process (the stack) or in another one (spawnService).
import { signAppToken } from './app-token';

/** Who calls: the user the app token names, and the ADO access token the page forwards. */
export interface ApiUser {
  id: string;
  accessToken: string;
}

export interface ApiResponse<T = any> {
  status: number;
  /** Parsed JSON, or the text when the answer is not JSON. */
  body: T;
  contentType: string;
}

export type Api = <T = any>(user: ApiUser | null, method: string, path: string, body?: unknown, orgName?: string) => Promise<ApiResponse<T>>;

/** Calls to the service at `baseUrl()` (asked at each call: a restarted process has a new port) that trusts `appSecret`. */
export function apiClient(baseUrl: () => string, appSecret: string): Api {
  return async (user, method, apiPath, body, orgName = 'contoso') => {
    const headers: Record<string, string> = { 'X-Vigil-Org': orgName };
    if (user) {
      headers.Authorization = `Bearer ${signAppToken(appSecret, user.id)}`;
      headers['X-Vigil-Access-Token'] = user.accessToken;
    }
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(baseUrl() + apiPath, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    let parsed: any = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* keep text */
    }
    return { status: res.status, body: parsed, contentType: res.headers.get('content-type') ?? '' };
  };
}
