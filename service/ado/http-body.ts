// Small helpers around fetch Responses and fetch errors.

const MAX_ERROR_BODY_CHARS = 64 * 1024;

export async function discardBody(res: Response): Promise<void> {
  try {
    await res.body?.cancel();
  } catch {
    // Already consumed or errored: nothing left to free.
  }
}

/** Error bodies are read for ADO's message only; a huge HTML page is cut short. */
export async function readTextCapped(res: Response): Promise<string> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  try {
    while (text.length < MAX_ERROR_BODY_CHARS) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } catch {
    return text;
  } finally {
    reader.cancel().catch(() => undefined);
  }
  return text;
}

/** Duck-typed: errors from fetch may come from another realm (instanceof Error fails under jest). */
export function describeError(err: unknown): string {
  if (err !== null && typeof err === 'object' && typeof (err as Error).message === 'string') {
    const { name, message } = err as Error;
    if (name === 'TimeoutError') return 'timed out';
    const cause = (err as { cause?: { code?: unknown; message?: unknown } }).cause;
    if (typeof cause?.code === 'string') return `${message} (${cause.code})`;
    if (typeof cause?.message === 'string') return `${message}: ${cause.message}`;
    return message;
  }
  return String(err);
}
