import type { AddressInfo } from 'node:net';
import express from 'express';
import { landingPage, renderLandingPage } from './landing';

async function get(handler: express.RequestHandler): Promise<{ status: number; type: string | null; body: string }> {
  const app = express();
  app.get('/', handler);
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    return { status: res.status, type: res.headers.get('content-type'), body: await res.text() };
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

describe('landing page at GET /', () => {
  test('answers HTML saying what Vigil is, its health, the organization count, the demo and the install steps', async () => {
    const res = await get(landingPage('1.2.3', async () => 3, async () => ({ ok: true })));
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^text\/html/);
    expect(res.body).toContain('<h1>Vigil 1.2.3</h1>');
    expect(res.body).toContain('Agentless security for Azure DevOps');
    expect(res.body).toMatch(/<dt>Health<\/dt><dd>ready /);
    expect(res.body).toContain('<dt>Connected organizations</dt><dd>3</dd>');
    expect(res.body).toContain('npm run demo');
    expect(res.body).toContain('Organization settings › Extensions › Shared › Install');
    expect(res.body).toContain('href="/healthz"');
  });

  test('says when nothing is connected yet and when the service is not ready', async () => {
    const res = await get(landingPage('1.2.3', async () => 0, async () => ({ ok: false })));
    expect(res.body).toContain('<dt>Connected organizations</dt><dd>none yet</dd>');
    expect(res.body).toMatch(/<dt>Health<\/dt><dd>not ready /);
  });

  test('still answers when the database fails', async () => {
    const res = await get(landingPage('1.2.3', () => Promise.reject(new Error('db down')), () => Promise.reject(new Error('db down'))));
    expect(res.status).toBe(200);
    expect(res.body).toContain('unknown (the database did not answer)');
    expect(res.body).not.toContain('db down');
  });

  test('escapes the version', () => {
    expect(renderLandingPage({ version: '<x>', organizations: 1, ready: true })).toContain('Vigil &lt;x&gt;');
  });
});
