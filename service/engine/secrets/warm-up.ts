// A short text the detector reads once when it is built, so that V8 has seen every path of the hit
// loop (assignments, mapping children, anchored and windowed rules, shapes, URL and base64
// decoding, findings) before it optimises it. Without it, the first real files optimise the loop
// on partial type feedback and each path met later throws the optimised code away (a deopt, then
// a recompile of the whole loop): seven compiles of the loop in a cold scan instead of two.
// The values are made up; what the detector finds here is discarded.

const INNER = 'aws_secret_access_key = "Xk9v2Lq7Zr4Tw8Nm3Pb6Hc1Jd5Fg0Sy7Ua2Qe4R"\nclient_secret: Zk3Lq9Rm2Vx7Pt5Nw8Ys4Jb6\n';

export const WARM_UP_TEXT = [
  'db_password: "Hn4!rT8@wQ2#zL6"',
  'api_token: Zk3Lq9Rm2Vx7Pt5Nw8Ys4Jb6',
  'passwordField: form.password',
  'client_secret: Xk9v2Lq7Zr4Tw8Nm3Pb6Hc1Jd5Fg0Sy7Ua2Qe4R',
  '//registry.npmjs.org/:_authToken=Xk9v2Lq7Zr4Tw8Nm3Pb6Hc1Jd5Fg0Sy7Ua2Qe4R',
  'integrity: sha512-Xk9v2Lq7Zr4Tw8Nm3Pb6Hc1Jd5Fg0Sy7Ua2Qe4RZk3Lq9Rm2Vx7Pt5Nw8Ys4Jb6Qe4R==',
  'datadog:',
  '  api_key: 4f9a2c7e1b8d3f6a0c5e9b2d7f1a4c8e',
  'headers: { Authorization: "Bearer Zk3Lq9Rm2Vx7Pt5Nw8Ys4Jb6Qe4R" }',
  'curl -H "X-Api-Key: Zk3Lq9Rm2Vx7Pt5Nw8Ys4Jb6" -u admin:Hn4rT8wQ2zL6 https://api.contoso.com',
  'url: https://admin:Xk9v2Lq7Zr4Tw8@db.contoso.com/orders',
  'callback: https%3A%2F%2Fapp.contoso.com%2Fcb%3Ftoken%3DZk3Lq9Rm2Vx7Pt5Nw8Ys4Jb6',
  `blob: ${Buffer.from(INNER).toString('base64')}`,
  'azure_devops_token: k7vq2mzx4tw8nm3pb6hc5jd5fg7sy7ua2qe4rk9v2lq7zr4tw8nm',
  'id_token: eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.Zk3Lq9Rm2Vx7Pt5Nw8Ys4Jb6Qe4RXk9v2Lq7Zr4Tw8',
  'conn: Server=tcp:orders.database.windows.net;Database=orders;User ID=app;Password=Hn4!rT8@wQ2#zL6;',
  'const apiKey = "Zk3Lq9Rm2Vx7Pt5Nw8Ys4Jb6"; // the token',
  'entropy: Qm9vZ2xlU2VhcmNoUmVzdWx0c0Zvck1hbnlUaGluZ3NBbmRNb3Jl7Xk9v2Lq',
  '-----BEGIN RSA PRIVATE KEY-----',
  'MIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu',
  '-----END RSA PRIVATE KEY-----',
  '',
].join('\n');

/** Paths the warm-up text is read under: a configuration file, a source file (quoted values only), a script bundle. */
export const WARM_UP_PATHS: readonly string[] = ['config/settings.yaml', 'src/app.ts', 'dist/app.min.js'];
