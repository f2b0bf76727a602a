#!/usr/bin/env node
// Writes dist/web/vigil-config.js, the one place the hub pages learn where Vigil's service lives.
// `npm run build:web` emits it with serviceUrl "" (same origin as the page: the service hosts the
// pages itself, e.g. in the demo). `npm run package` runs this script to bake the real URL into the VSIX:
//   VIGIL_ENV=dev      VIGIL_SERVICE_URL optional, default http://localhost:8080
//   VIGIL_ENV=release  VIGIL_SERVICE_URL required, https only (ADO pages are https; http is mixed content)
'use strict';
const fs = require('fs');
const path = require('path');

const DEV_DEFAULT = 'http://localhost:8080';
const TARGET = path.join(__dirname, '..', 'dist', 'web', 'vigil-config.js');

/** The file's content for a service URL ("" = same origin). */
function renderWebConfig(serviceUrl) {
  return `window.VIGIL_CONFIG = ${JSON.stringify({ serviceUrl })};\n`;
}

/** Returns the service URL to bake in for an environment, or throws an Error with a message a human can act on. */
function resolveServiceUrl(env, raw) {
  if (env !== 'dev' && env !== 'release') {
    throw new Error(`VIGIL_ENV must be "dev" or "release", got "${env}".`);
  }
  const value = (raw || '').trim();
  if (!value) {
    if (env === 'release') {
      throw new Error(
        'VIGIL_SERVICE_URL is required for a release package: the hub pages call Vigil\'s service at that ' +
          'address (for example VIGIL_SERVICE_URL=https://vigil.example.com npm run package:release).',
      );
    }
    return DEV_DEFAULT;
  }
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`VIGIL_SERVICE_URL is not a valid URL: "${value}".`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`VIGIL_SERVICE_URL must be http(s), got "${url.protocol}".`);
  }
  if (env === 'release' && url.protocol !== 'https:') {
    throw new Error(
      `VIGIL_SERVICE_URL must use https for a release package (Azure DevOps pages are https, a browser blocks calls to http): "${value}".`,
    );
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new Error(`VIGIL_SERVICE_URL must be a plain base URL without query, fragment or credentials: "${value}".`);
  }
  // Pages append /api/v1/...: keep an optional path prefix, drop the trailing slash.
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

function main() {
  const env = process.env.VIGIL_ENV || 'dev';
  let serviceUrl;
  try {
    serviceUrl = resolveServiceUrl(env, process.env.VIGIL_SERVICE_URL);
  } catch (err) {
    console.error(`write-web-config: ${err.message}`);
    process.exit(1);
  }
  if (!fs.existsSync(path.dirname(TARGET))) {
    console.error('write-web-config: dist/web does not exist; run `npm run build:web` first.');
    process.exit(1);
  }
  fs.writeFileSync(TARGET, renderWebConfig(serviceUrl));
  console.log(`write-web-config: ${path.relative(process.cwd(), TARGET)} -> serviceUrl ${serviceUrl} (${env})`);
}

module.exports = { renderWebConfig, resolveServiceUrl, DEV_DEFAULT };

if (require.main === module) main();
