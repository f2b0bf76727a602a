// How a credential is written in each file syntax of the set: realistic files (a few lines of
// ordinary configuration or code around the secret), in the idiom of the language (quoting and
// escaping rules, heredocs and raw strings for multi-line keys). Each renderer wraps the secret with
// the markers of Marks so the generator can record the line(s) it lands on.
import type { Companion, Credential, Marks, Names, Provider, SyntaxId } from './model';
import type { Rng } from './random';

export interface RenderContext {
  p: Provider;
  c: Credential;
  n: Names;
  r: Rng;
  m: Marks;
}

export interface Rendered { path: string; text: string }

type Renderer = (x: RenderContext) => Rendered | undefined;

// ---------------------------------------------------------------- names

const words = (pascalOrSnake: string): string[] =>
  pascalOrSnake.includes('_') ? pascalOrSnake.toLowerCase().split('_').filter(Boolean) : pascalOrSnake.split(/(?<=[a-z0-9])(?=[A-Z])/).map((w) => w.toLowerCase());
const cap = (w: string): string => w.charAt(0).toUpperCase() + w.slice(1);
export const camel = (s: string): string => words(s).map((w, i) => (i === 0 ? w : cap(w))).join('');
export const pascal = (s: string): string => words(s).map(cap).join('');
export const snake = (s: string): string => words(s).join('_');
export const kebab = (s: string): string => words(s).join('-');
export const dotted = (s: string): string => words(s).join('.');

// ---------------------------------------------------------------- escaping

/** Escapes for a double-quoted JSON / C-family string (the markers are left alone). */
export function cstr(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\t/g, '\\t');
}

/** For attribute values. */
function xml(s: string): string {
  return xmlText(s).replace(/"/g, '&quot;');
}

/** For element text. */
function xmlText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A YAML flow scalar: plain when safe, else double-quoted. */
function yaml(s: string): string {
  const safe = /^[A-Za-z0-9_./+=~^]/.test(s) && !/[:#{}[\],&*!|>'"%@`]|\s/.test(s.slice(1)) && !/^[-?]/.test(s) && !/^(true|false|yes|no|on|off|null|~|\d+)$/i.test(s);
  return safe ? s : `"${cstr(s)}"`;
}

/** A shell word: bare when safe, else single-quoted (no value of the set holds a single quote). */
function sh(s: string): string {
  return /^[A-Za-z0-9_./:@%+=,^-]+$/.test(s) ? s : `'${s}'`;
}

/** A .env value: bare unless it holds spaces, quotes, # or $ (dotenv-expand). */
function dotenv(s: string): string {
  if (s.includes('\n')) return `"${s.replace(/\n/g, '\\n')}"`;
  if (/\$/.test(s)) return `'${s}'`;
  return /[\s#"'`]/.test(s) ? `"${s}"` : s;
}

const hasDollar = (s: string): boolean => s.includes('$');
const lines = (...ls: (string | false | undefined)[]): string => `${ls.filter((l): l is string => typeof l === 'string').join('\n')}\n`;
const indent = (s: string, pad: string): string => s.split('\n').map((l) => (l ? pad + l : l)).join('\n');

// ---------------------------------------------------------------- helpers per renderer

const comps = (x: RenderContext): Companion[] => x.c.companions ?? [];
const isBlock = (x: RenderContext): boolean => x.c.kind === 'block';
const isJsonDoc = (x: RenderContext): boolean => x.c.format === 'json';
/** The secret in a double-quoted C-family/JSON string. */
const qS = (x: RenderContext): string => `"${x.m.S(cstr(x.c.value))}"`;
/** A companion in a double-quoted string. */
const qP = (x: RenderContext, c: Companion): string => `"${x.m.P({ ...c, value: cstr(c.value) })}"`;
const section = (x: RenderContext): string => x.n.section;
const lowerSection = (x: RenderContext): string => words(x.n.section).join('');

// ---------------------------------------------------------------- assignment syntaxes

const env: Renderer = (x) => ({
  path: '.env',
  text: lines(
    `# ${section(x)} and runtime settings for the production deployment`,
    'NODE_ENV=production',
    'LOG_LEVEL=info',
    'PORT=8080',
    ...comps(x).map((c) => `${c.env}=${x.m.P({ ...c, value: dotenv(c.value) })}`),
    `${x.n.env}=${x.m.S(dotenv(x.c.value))}`,
    'FEATURE_FLAGS=search,checkout',
  ),
});

const json: Renderer = (x) => ({
  path: 'config/default.json',
  text: lines(
    '{',
    '  "port": 8080,',
    '  "logLevel": "info",',
    ...comps(x).map((c) => `  "${camel(c.env)}": ${qP(x, c)},`),
    `  "${camel(x.n.env)}": ${qS(x)},`,
    '  "features": ["search", "checkout"]',
    '}',
  ),
});

const appsettings: Renderer = (x) => {
  const connStrings = x.n.section === 'ConnectionStrings';
  return {
    path: 'appsettings.Production.json',
    text: lines(
      '{',
      '  "Logging": {',
      '    "LogLevel": {',
      '      "Default": "Information",',
      '      "Microsoft.AspNetCore": "Warning"',
      '    }',
      '  },',
      `  "${section(x)}": {`,
      ...comps(x).map((c) => `    "${c.key}": ${qP(x, c)},`),
      `    "${x.n.key}": ${qS(x)}${connStrings ? '' : ','}`,
      !connStrings && '    "TimeoutSeconds": 30',
      '  },',
      '  "AllowedHosts": "*"',
      '}',
    ),
  };
};

/** A Jupyter notebook: the code cell's source lines are JSON strings (escaped quotes and \n). */
const ipynb: Renderer = (x) => {
  const v = x.m.S(x.c.value);
  const py: string[] = ['import json', 'import requests', ''];
  for (const c of comps(x)) py.push(`${c.env} = "${x.m.P(c)}"`);
  if (isJsonDoc(x)) py.push(...`credentials_info = ${v}`.split('\n'));
  else if (isBlock(x)) py.push(...`${x.n.env} = """${v}"""`.split('\n'));
  else py.push(`${x.n.env} = "${v}"`);
  py.push(`resp = requests.get("https://api.fabrikam.io/v1/status", timeout=10)`, 'resp.raise_for_status()');
  const src = py.map((l, i) => `    "${cstr(i < py.length - 1 ? `${l}\n` : l)}"${i < py.length - 1 ? ',' : ''}`);
  return {
    path: 'notebooks/explore.ipynb',
    text: lines(
      '{',
      ' "cells": [',
      '  {',
      '   "cell_type": "code",',
      '   "execution_count": 1,',
      '   "metadata": {},',
      '   "outputs": [],',
      '   "source": [',
      ...src,
      '   ]',
      '  }',
      ' ],',
      ' "metadata": {',
      '  "kernelspec": { "display_name": "Python 3", "language": "python", "name": "python3" }',
      ' },',
      ' "nbformat": 4,',
      ' "nbformat_minor": 5',
      '}',
    ),
  };
};

/** A JSON job definition whose shell script is one string with escaped newlines. */
const jsonEscaped: Renderer = (x) => {
  const script = isBlock(x)
    ? `set -e\ncat > /run/secrets/${kebab(x.n.key)} <<'EOF'\n${x.m.S(x.c.value)}\nEOF\nexec /app/server\n`
    : `set -e\n${comps(x).map((c) => `export ${c.env}=${x.m.P({ ...c, value: sh(c.value) })}\n`).join('')}export ${x.n.env}=${x.m.S(sh(x.c.value))}\nexec /app/sync --since 24h\n`;
  return {
    path: 'deploy/nightly-job.json',
    text: lines(
      '{',
      '  "name": "nightly-sync",',
      '  "schedule": "0 2 * * *",',
      '  "container": {',
      '    "image": "fabrikam/sync:1.8.2",',
      `    "command": ["/bin/sh", "-c", "${cstr(script)}"]`,
      '  }',
      '}',
    ),
  };
};

const yamlBlock = (x: RenderContext, pad: string): string => indent(x.m.S(x.c.value), pad);

const yamlK8s: Renderer = (x) => ({
  path: 'k8s/secret.yaml',
  text: lines(
    'apiVersion: v1',
    'kind: Secret',
    'metadata:',
    `  name: ${kebab(section(x))}-credentials`,
    '  namespace: production',
    '  labels:',
    '    app.kubernetes.io/name: orders',
    'type: Opaque',
    'stringData:',
    ...comps(x).map((c) => `  ${c.env}: ${x.m.P({ ...c, value: yaml(c.value) })}`),
    isBlock(x) ? `  ${isJsonDoc(x) ? 'key.json' : `${kebab(x.n.key)}.pem`}: |\n${yamlBlock(x, '    ')}` : `  ${x.n.env}: ${x.m.S(yaml(x.c.value))}`,
  ),
});

const yamlCompose: Renderer = (x) => {
  const listForm = x.r.chance(0.5);
  const esc = (v: string): string => v.replace(/\$/g, '$$$$');
  const item = (k: string, v: string, mark: (s: string) => string): string =>
    listForm ? `      - ${k}=${mark(esc(v))}` : `      ${k}: ${mark(yaml(esc(v)))}`;
  return {
    path: 'docker-compose.yml',
    text: lines(
      'services:',
      '  api:',
      '    image: fabrikam/orders-api:2.3.1',
      '    restart: unless-stopped',
      '    ports:',
      '      - "8080:8080"',
      '    environment:',
      listForm ? '      - ASPNETCORE_ENVIRONMENT=Production' : '      ASPNETCORE_ENVIRONMENT: Production',
      ...comps(x).map((c) => item(c.env, c.value, (s) => x.m.P({ ...c, value: s }))),
      item(x.n.env, x.c.value, x.m.S),
      '  cache:',
      '    image: redis:7-alpine',
    ),
  };
};

const yamlAdo: Renderer = (x) => {
  const listForm = x.r.chance(0.6);
  const v = (s: string): string => yaml(s);
  const body = listForm
    ? [
      'variables:',
      '  - name: buildConfiguration',
      '    value: Release',
      ...comps(x).flatMap((c) => [`  - name: ${camel(c.env)}`, `    value: ${x.m.P({ ...c, value: v(c.value) })}`]),
      `  - name: ${camel(x.n.env)}`,
      `    value: ${x.m.S(v(x.c.value))}`,
    ]
    : [
      'variables:',
      '  buildConfiguration: Release',
      ...comps(x).map((c) => `  ${camel(c.env)}: ${x.m.P({ ...c, value: v(c.value) })}`),
      `  ${camel(x.n.env)}: ${x.m.S(v(x.c.value))}`,
    ];
  return {
    path: 'azure-pipelines.yml',
    text: lines(
      'trigger:',
      '  branches:',
      '    include:',
      '      - main',
      'pool:',
      '  vmImage: ubuntu-latest',
      ...body,
      'steps:',
      '  - script: dotnet build --configuration $(buildConfiguration)',
      '    displayName: Build',
    ),
  };
};

const yamlGha: Renderer = (x) => ({
  path: '.github/workflows/release.yml',
  text: lines(
    'name: release',
    'on:',
    '  push:',
    "    tags: ['v*']",
    'env:',
    '  DOTNET_NOLOGO: true',
    ...comps(x).map((c) => `  ${c.env}: ${x.m.P({ ...c, value: yaml(c.value) })}`),
    `  ${x.n.env}: ${x.m.S(yaml(x.c.value))}`,
    'jobs:',
    '  publish:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - uses: actions/checkout@v4',
    '      - run: ./scripts/publish.sh',
  ),
});

const yamlApp: Renderer = (x) => ({
  path: 'src/main/resources/application.yml',
  text: lines(
    'server:',
    '  port: 8080',
    'spring:',
    '  application:',
    '    name: orders',
    `${lowerSection(x)}:`,
    ...comps(x).map((c) => `  ${kebab(c.key)}: ${x.m.P({ ...c, value: yaml(c.value) })}`),
    isBlock(x) ? `  ${kebab(x.n.key)}: |\n${yamlBlock(x, '    ')}` : `  ${kebab(x.n.key)}: ${x.m.S(yaml(x.c.value))}`,
    '  timeout: 30s',
  ),
});

const xmlWebConfig: Renderer = (x) => {
  if (x.n.section === 'ConnectionStrings') {
    return {
      path: 'Web.config',
      text: lines(
        '<?xml version="1.0" encoding="utf-8"?>',
        '<configuration>',
        '  <connectionStrings>',
        `    <add name="${x.n.key}" connectionString="${x.m.S(xml(x.c.value))}" providerName="System.Data.SqlClient" />`,
        '  </connectionStrings>',
        '  <system.web>',
        '    <compilation debug="false" targetFramework="4.8" />',
        '  </system.web>',
        '</configuration>',
      ),
    };
  }
  return {
    path: 'Web.config',
    text: lines(
      '<?xml version="1.0" encoding="utf-8"?>',
      '<configuration>',
      '  <appSettings>',
      '    <add key="webpages:Version" value="3.0.0.0" />',
      ...comps(x).map((c) => `    <add key="${section(x)}:${c.key}" value="${x.m.P({ ...c, value: xml(c.value) })}" />`),
      `    <add key="${section(x)}:${x.n.key}" value="${x.m.S(xml(x.c.value))}" />`,
      '  </appSettings>',
      '  <system.web>',
      '    <compilation debug="false" targetFramework="4.8" />',
      '  </system.web>',
      '</configuration>',
    ),
  };
};

const xmlSettings: Renderer = (x) => ({
  path: 'App.config',
  text: lines(
    '<?xml version="1.0" encoding="utf-8"?>',
    '<configuration>',
    '  <applicationSettings>',
    '    <Fabrikam.Sync.Properties.Settings>',
    ...comps(x).flatMap((c) => [
      `      <setting name="${section(x)}${c.key}" serializeAs="String">`,
      `        <value>${x.m.P({ ...c, value: xmlText(c.value) })}</value>`,
      '      </setting>',
    ]),
    `      <setting name="${section(x)}${x.n.key}" serializeAs="String">`,
    `        <value>${x.m.S(xmlText(x.c.value))}</value>`,
    '      </setting>',
    '    </Fabrikam.Sync.Properties.Settings>',
    '  </applicationSettings>',
    '</configuration>',
  ),
});

/** Spring XML: the value sits on its own line between <value> and </value>. */
const xmlSpring: Renderer = (x) => ({
  path: 'src/main/resources/beans.xml',
  text: lines(
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<beans xmlns="http://www.springframework.org/schema/beans"',
    '       xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"',
    '       xsi:schemaLocation="http://www.springframework.org/schema/beans https://www.springframework.org/schema/beans/spring-beans.xsd">',
    `  <bean id="${camel(section(x))}Client" class="com.fabrikam.integrations.${section(x)}Client">`,
    ...comps(x).map((c) => `    <property name="${camel(c.key)}" value="${x.m.P({ ...c, value: xml(c.value) })}" />`),
    `    <property name="${camel(x.n.key)}">`,
    '      <value>',
    isBlock(x) ? x.m.S(xmlText(x.c.value)) : `        ${x.m.S(xmlText(x.c.value))}`,
    '      </value>',
    '    </property>',
    '  </bean>',
    '</beans>',
  ),
});

const xmlMaven: Renderer = (x) => {
  const server = x.p.registry === 'maven' || x.p.registry === 'both';
  const userComp = comps(x).find((c) => /user|email/i.test(c.key));
  return {
    path: '.m2/settings.xml',
    text: server
      ? lines(
        '<settings xmlns="http://maven.apache.org/SETTINGS/1.2.0">',
        '  <servers>',
        '    <server>',
        `      <id>${kebab(section(x))}</id>`,
        `      <username>${userComp ? x.m.P(userComp) : 'ci-bot'}</username>`,
        `      <password>${x.m.S(xmlText(x.c.value))}</password>`,
        '    </server>',
        '  </servers>',
        '</settings>',
      )
      : lines(
        '<settings xmlns="http://maven.apache.org/SETTINGS/1.2.0">',
        '  <profiles>',
        '    <profile>',
        '      <id>release</id>',
        '      <properties>',
        ...comps(x).map((c) => `        <${dotted(c.env)}>${x.m.P({ ...c, value: xmlText(c.value) })}</${dotted(c.env)}>`),
        `        <${dotted(x.n.env)}>${x.m.S(xmlText(x.c.value))}</${dotted(x.n.env)}>`,
        '      </properties>',
        '    </profile>',
        '  </profiles>',
        '  <activeProfiles>',
        '    <activeProfile>release</activeProfile>',
        '  </activeProfiles>',
        '</settings>',
      ),
  };
};

const python: Renderer = (x) => {
  const q = x.r.chance(0.5) ? '"' : "'";
  const lit = (v: string, mark: (s: string) => string): string => `${q}${mark(v.replace(/\\/g, '\\\\').split(q).join(`\\${q}`))}${q}`;
  let assign: string;
  if (isJsonDoc(x)) assign = `${x.n.env} = ${x.m.S(x.c.value)}`;
  else if (isBlock(x)) assign = `${x.n.env} = """${x.m.S(x.c.value)}"""`;
  else assign = `${x.n.env} = ${lit(x.c.value, x.m.S)}`;
  return {
    path: 'app/settings.py',
    text: lines(
      'import os',
      '',
      'DEBUG = False',
      'ALLOWED_HOSTS = ["orders.fabrikam.io"]',
      '',
      ...comps(x).map((c) => `${c.env} = ${lit(c.value, (s) => x.m.P({ ...c, value: s }))}`),
      assign,
      '',
      'REQUEST_TIMEOUT = 30',
    ),
  };
};

const javascript: Renderer = (x) => {
  const value = isJsonDoc(x) ? x.m.S(x.c.value) : isBlock(x) ? `\`${x.m.S(x.c.value)}\`` : `'${x.m.S(x.c.value.replace(/\\/g, '\\\\').replace(/'/g, "\\'"))}'`;
  return {
    path: 'src/config.js',
    text: lines(
      "'use strict';",
      '',
      'module.exports = {',
      '  port: Number(process.env.PORT) || 3000,',
      ...comps(x).map((c) => `  ${camel(c.env)}: '${x.m.P(c)}',`),
      `  ${camel(x.n.env)}: ${value},`,
      "  region: 'westeurope',",
      '};',
    ),
  };
};

/** TypeScript: an env fallback (`process.env.X ?? 'literal'`), or a key split into lines and joined. */
const typescript: Renderer = (x) => {
  let decl: string;
  if (isJsonDoc(x)) decl = `const ${camel(x.n.env)} = ${x.m.S(x.c.value)} as const;`;
  else if (isBlock(x)) {
    const ls = x.m.S(x.c.value).split('\n').map((l) => `  '${l}',`);
    decl = [`const ${camel(x.n.env)} = [`, ...ls, "].join('\\n');"].join('\n');
  } else decl = `const ${camel(x.n.env)}: string = process.env.${x.n.env} ?? '${x.m.S(x.c.value)}';`;
  return {
    path: `src/clients/${kebab(section(x))}.ts`,
    text: lines(
      "import axios from 'axios';",
      '',
      "const BASE_URL = 'https://api.fabrikam.io/v2';",
      ...comps(x).map((c) => `const ${camel(c.env)} = '${x.m.P(c)}';`),
      decl,
      '',
      `export const ${camel(section(x))}Client = axios.create({ baseURL: BASE_URL, timeout: 10_000 });`,
    ),
  };
};

const csharp: Renderer = (x) => {
  let decl: string;
  if (isBlock(x)) decl = `    public const string ${pascal(x.n.env)} = @"${x.m.S(x.c.value.replace(/"/g, '""'))}";`;
  else decl = `    public const string ${pascal(x.n.env)} = ${qS(x)};`;
  return {
    path: `src/Services/${section(x)}Defaults.cs`,
    text: lines(
      'namespace Fabrikam.Orders.Services;',
      '',
      `public static class ${section(x)}Defaults`,
      '{',
      '    public const int TimeoutSeconds = 30;',
      ...comps(x).map((c) => `    public const string ${pascal(c.env)} = ${qP(x, c)};`),
      decl,
      '}',
    ),
  };
};

const java: Renderer = (x) => {
  const decl = isBlock(x)
    ? `    private static final String ${x.n.env} = """\n${x.m.S(x.c.value)}\n""";`
    : `    private static final String ${x.n.env} = ${qS(x)};`;
  return {
    path: `src/main/java/com/fabrikam/orders/${section(x)}Config.java`,
    text: lines(
      'package com.fabrikam.orders;',
      '',
      `public final class ${section(x)}Config {`,
      '    private static final int TIMEOUT_SECONDS = 30;',
      ...comps(x).map((c) => `    private static final String ${c.env} = ${qP(x, c)};`),
      decl,
      '',
      `    private ${section(x)}Config() {}`,
      '}',
    ),
  };
};

const kotlin: Renderer = (x) => {
  const kt = (v: string): string => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\$/g, '\\$');
  const decl = isBlock(x)
    ? `    val ${camel(x.n.env)} = """\n${x.m.S(x.c.value)}\n""".trimIndent()`
    : `    val ${camel(x.n.env)} = "${x.m.S(kt(x.c.value))}"`;
  return {
    path: `src/main/kotlin/com/fabrikam/orders/${section(x)}Settings.kt`,
    text: lines(
      'package com.fabrikam.orders',
      '',
      `object ${section(x)}Settings {`,
      '    const val TIMEOUT_SECONDS = 30',
      ...comps(x).map((c) => `    val ${camel(c.env)} = "${x.m.P({ ...c, value: kt(c.value) })}"`),
      decl,
      '}',
    ),
  };
};

/** Go: short variable declarations (:=) inside a function. */
const go: Renderer = (x) => {
  const lit = isBlock(x) || x.c.value.includes('"') ? `\`${x.m.S(x.c.value)}\`` : qS(x);
  return {
    path: `internal/${lowerSection(x)}/client.go`,
    text: lines(
      `package ${lowerSection(x)}`,
      '',
      'import "net/http"',
      '',
      'func newClient() *Client {',
      ...comps(x).map((c) => `\t${camel(c.env)} := ${qP(x, c)}`),
      `\t${camel(x.n.env)} := ${lit}`,
      `\treturn &Client{http: &http.Client{}, ${[...comps(x).map((c) => `${camel(c.env)}: ${camel(c.env)}`), `${camel(x.n.key)}: ${camel(x.n.env)}`].join(', ')}}`,
      '}',
    ),
  };
};

/** Go: a raw string (backticks) in a const block. */
const goConst: Renderer = (x) => ({
  path: 'internal/config/defaults.go',
  text: lines(
    'package config',
    '',
    'const (',
    '\tdefaultRegion = "westeurope"',
    ...comps(x).map((c) => `\t${camel(c.env)} = \`${x.m.P(c)}\``),
    `\t${camel(x.n.env)} = \`${x.m.S(x.c.value)}\``,
    ')',
  ),
});

const phpStr = (v: string): string => `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** PHP: array("key" => "value") in a config file returning an array. */
const php: Renderer = (x) => {
  const q = (v: string, mark: (s: string) => string): string => (hasDollar(v) ? `'${mark(v)}'` : `"${mark(cstr(v))}"`);
  const value = isBlock(x) ? `<<<'PEM'\n${x.m.S(x.c.value)}\nPEM` : q(x.c.value, x.m.S);
  return {
    path: 'config/services.php',
    text: lines(
      '<?php',
      '',
      'return array(',
      "    'timeout' => 30,",
      ...comps(x).map((c) => `    "${snake(c.env)}" => ${q(c.value, (s) => x.m.P({ ...c, value: s }))},`),
      `    "${snake(x.n.env)}" => ${value},`,
      ');',
    ),
  };
};

/** PHP: a CodeIgniter-style $config[...] assignment, then used by concatenation. */
const phpVar: Renderer = (x) => ({
  path: `application/config/${lowerSection(x)}.php`,
  text: lines(
    '<?php',
    "defined('BASEPATH') OR exit('No direct script access allowed');",
    '',
    ...comps(x).map((c) => `$config['${snake(c.env)}'] = ${x.m.P({ ...c, value: phpStr(c.value) })};`),
    isBlock(x) ? `$config['${snake(x.n.env)}'] = <<<'PEM'\n${x.m.S(x.c.value)}\nPEM;` : `$config['${snake(x.n.env)}'] = ${x.m.S(phpStr(x.c.value))};`,
    `$config['${lowerSection(x)}_endpoint'] = 'https://api.fabrikam.io/v1/' . 'orders';`,
  ),
});

const ruby: Renderer = (x) => {
  const rb = (v: string): string => `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  const value = isBlock(x) ? `<<~KEY\n${indent(x.m.S(x.c.value), '    ')}\n  KEY` : x.m.S(rb(x.c.value));
  return {
    path: `config/initializers/${snake(section(x))}.rb`,
    text: lines(
      `${section(x)}.configure do |config|`,
      '  config.timeout = 30',
      ...comps(x).map((c) => `  config.${snake(c.key)} = ${x.m.P({ ...c, value: rb(c.value) })}`),
      `  config.${snake(x.n.key)} = ${value}`,
      'end',
    ),
  };
};

const rust: Renderer = (x) => {
  const value = isBlock(x) || x.c.value.includes('"') ? `r#"${x.m.S(x.c.value)}"#` : qS(x);
  return {
    path: 'src/config.rs',
    text: lines(
      'pub const TIMEOUT_SECS: u64 = 30;',
      ...comps(x).map((c) => `pub const ${c.env}: &str = ${qP(x, c)};`),
      `pub const ${x.n.env}: &str = ${value};`,
    ),
  };
};

/** A Jenkinsfile: Groovy single-quoted strings in an environment block. */
const groovy: Renderer = (x) => {
  const value = isBlock(x) ? `'''${x.m.S(x.c.value)}'''` : `'${x.m.S(x.c.value.replace(/\\/g, '\\\\').replace(/'/g, "\\'"))}'`;
  return {
    path: 'Jenkinsfile',
    text: lines(
      'pipeline {',
      '    agent any',
      '    environment {',
      "        DOTNET_CLI_TELEMETRY_OPTOUT = '1'",
      ...comps(x).map((c) => `        ${c.env} = '${x.m.P(c)}'`),
      `        ${x.n.env} = ${value}`,
      '    }',
      '    stages {',
      "        stage('Deploy') {",
      "            steps { sh './scripts/deploy.sh' }",
      '        }',
      '    }',
      '}',
    ),
  };
};

const makefile: Renderer = (x) => {
  const op = x.r.pick([':=', '?=', '=']);
  const mk = (v: string): string => v.replace(/\$/g, '$$$$');
  return {
    path: 'Makefile',
    text: lines(
      'APP := orders',
      'VERSION ?= 1.4.2',
      ...comps(x).map((c) => `${c.env} ${op} ${x.m.P({ ...c, value: mk(c.value) })}`),
      `${x.n.env} ${op} ${x.m.S(mk(x.c.value))}`,
      '',
      '.PHONY: deploy',
      'deploy:',
      '\t./scripts/deploy.sh --app $(APP) --version $(VERSION)',
    ),
  };
};

const shell: Renderer = (x) => {
  if (isBlock(x)) {
    return {
      path: 'scripts/bootstrap.sh',
      text: lines(
        '#!/usr/bin/env bash',
        'set -euo pipefail',
        'mkdir -p "$HOME/.config/fabrikam"',
        `cat > "$HOME/.config/fabrikam/${isJsonDoc(x) ? 'credentials.json' : `${kebab(x.n.key)}.pem`}" <<'EOF'`,
        x.m.S(x.c.value),
        'EOF',
        `chmod 600 "$HOME/.config/fabrikam/"*`,
      ),
    };
  }
  const dq = !hasDollar(x.c.value) && x.r.chance(0.5);
  const w = (v: string): string => (dq ? `"${v}"` : sh(v));
  return {
    path: 'scripts/env.sh',
    text: lines(
      '#!/usr/bin/env bash',
      '# Sourced by the deploy scripts.',
      'export AWS_REGION=eu-west-1',
      ...comps(x).map((c) => `export ${c.env}=${x.m.P({ ...c, value: w(c.value) })}`),
      `export ${x.n.env}=${x.m.S(w(x.c.value))}`,
    ),
  };
};

const powershell: Renderer = (x) => {
  const ps = (v: string): string => `'${v.replace(/'/g, "''")}'`;
  const envForm = x.r.chance(0.5);
  const target = envForm ? `$env:${x.n.env}` : `$${camel(x.n.env)}`;
  const value = isBlock(x) ? `@'\n${x.m.S(x.c.value)}\n'@` : x.m.S(ps(x.c.value));
  return {
    path: 'deploy/Set-Environment.ps1',
    text: lines(
      '[CmdletBinding()]',
      'param([string]$Environment = "production")',
      '$ErrorActionPreference = "Stop"',
      ...comps(x).map((c) => `${envForm ? `$env:${c.env}` : `$${camel(c.env)}`} = ${x.m.P({ ...c, value: ps(c.value) })}`),
      `${target} = ${value}`,
      'Write-Host "Environment $Environment configured"',
    ),
  };
};

const hcl = (v: string): string => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\$\{/g, '$${')}"`;

const terraform: Renderer = (x) => ({
  path: 'infra/variables.tf',
  text: lines(
    'variable "location" {',
    '  type    = string',
    '  default = "westeurope"',
    '}',
    '',
    ...comps(x).flatMap((c) => [`variable "${snake(c.env)}" {`, '  type    = string', `  default = ${x.m.P({ ...c, value: hcl(c.value) })}`, '}', '']),
    `variable "${snake(x.n.env)}" {`,
    '  type      = string',
    '  sensitive = true',
    isBlock(x) ? `  default   = <<-EOT\n${indent(x.m.S(x.c.value), '    ')}\n  EOT` : `  default   = ${x.m.S(hcl(x.c.value))}`,
    '}',
  ),
});

const tfvars: Renderer = (x) => ({
  path: 'infra/production.tfvars',
  text: lines(
    'location      = "westeurope"',
    'instance_size = "Standard_D4s_v5"',
    ...comps(x).map((c) => `${snake(c.env)} = ${x.m.P({ ...c, value: hcl(c.value) })}`),
    isBlock(x) ? `${snake(x.n.env)} = <<EOT\n${x.m.S(x.c.value)}\nEOT` : `${snake(x.n.env)} = ${x.m.S(hcl(x.c.value))}`,
  ),
});

const ini: Renderer = (x) => ({
  path: 'config/app.ini',
  text: lines(
    '[server]',
    'host = 0.0.0.0',
    'port = 8080',
    '',
    `[${lowerSection(x)}]`,
    ...comps(x).map((c) => `${snake(c.key)} = ${x.m.P(c)}`),
    `${snake(x.n.key)} = ${x.m.S(x.c.value)}`,
    'timeout = 30',
  ),
});

const properties: Renderer = (x) => ({
  path: 'src/main/resources/application.properties',
  text: lines(
    'server.port=8080',
    'spring.application.name=orders',
    ...comps(x).map((c) => `${lowerSection(x)}.${kebab(c.key)}=${x.m.P(c)}`),
    `${lowerSection(x)}.${kebab(x.n.key)}=${x.m.S(x.c.value)}`,
    'management.endpoints.web.exposure.include=health',
  ),
});

const toml: Renderer = (x) => ({
  path: 'config/app.toml',
  text: lines(
    'title = "orders"',
    '',
    '[server]',
    'port = 8080',
    '',
    `[${lowerSection(x)}]`,
    ...comps(x).map((c) => `${snake(c.key)} = ${qP(x, c)}`),
    isBlock(x) ? `${snake(x.n.key)} = """\n${x.m.S(x.c.value)}"""` : `${snake(x.n.key)} = ${qS(x)}`,
  ),
});

const dockerfile: Renderer = (x) => {
  const form = x.r.pick(['ENV k=v', 'ENV k v', 'ARG k=v']);
  const dv = (v: string): string => {
    const e = v.replace(/\$/g, '\\$');
    return /[\s"]/.test(e) ? `"${e.replace(/"/g, '\\"')}"` : e;
  };
  const line = (k: string, v: string): string => (form === 'ENV k v' ? `ENV ${k} ${v}` : form === 'ARG k=v' ? `ARG ${k}=${v}` : `ENV ${k}=${v}`);
  return {
    path: 'Dockerfile',
    text: lines(
      'FROM mcr.microsoft.com/dotnet/aspnet:8.0',
      'WORKDIR /app',
      ...comps(x).map((c) => line(c.env, x.m.P({ ...c, value: dv(c.value) }))),
      line(x.n.env, x.m.S(dv(x.c.value))),
      'COPY ./publish .',
      'ENTRYPOINT ["dotnet", "Fabrikam.Orders.dll"]',
    ),
  };
};

const markdownEnv: Renderer = (x) => ({
  path: 'docs/configuration.md',
  text: lines(
    '# Configuration',
    '',
    `The service reads its ${section(x)} settings from the environment. For the staging`,
    'cluster we use the values below:',
    '',
    '```',
    ...comps(x).map((c) => `${c.env}=${x.m.P({ ...c, value: dotenv(c.value) })}`),
    `${x.n.env}=${x.m.S(dotenv(x.c.value))}`,
    '```',
    '',
    'Restart the pods after changing them.',
  ),
});

const npmrc: Renderer = (x) => (x.p.npmrc ? { path: '.npmrc', text: lines(x.p.npmrc(x.c, x.m)) } : undefined);

const keyFile: Renderer = (x) => (isBlock(x) ? { path: x.p.keyFile ?? 'secrets/key.pem', text: `${x.m.S(x.c.value)}\n` } : undefined);

// ---------------------------------------------------------------- command syntaxes

const cmd = (x: RenderContext): string | undefined => x.p.command?.(x.c, x.m);

const command: Renderer = (x) => {
  const c = cmd(x);
  return c === undefined ? undefined : {
    path: 'scripts/deploy.sh',
    text: lines('#!/usr/bin/env bash', 'set -euo pipefail', '', 'echo "Deploying $(git rev-parse --short HEAD)"', c, 'echo done'),
  };
};

const markdown: Renderer = (x) => {
  if (isBlock(x)) {
    return {
      path: 'README.md',
      text: lines(
        '# Deployment notes',
        '',
        `The ${x.p.name} used by the staging deploy job is below; copy it to the agent before running the job.`,
        '',
        '```',
        x.m.S(x.c.value),
        '```',
      ),
    };
  }
  if (x.c.kind === 'url' && x.r.chance(0.5)) {
    return {
      path: 'README.md',
      text: lines(
        '# Orders service',
        '',
        `Local development talks to the shared staging instance at ${x.m.S(x.c.value)} so you do not need to run one yourself.`,
        '',
        'Run `npm start` and open http://localhost:3000.',
      ),
    };
  }
  const c = cmd(x);
  return c === undefined ? undefined : {
    path: 'README.md',
    text: lines('# Orders service', '', '## Smoke test', '', 'After a deploy, check that the integration answers:', '', '```sh', c, '```', '', 'It should print a JSON object.'),
  };
};

const ghaRun: Renderer = (x) => {
  const c = cmd(x);
  return c === undefined ? undefined : {
    path: '.github/workflows/smoke.yml',
    text: lines(
      'name: smoke',
      'on:',
      '  workflow_dispatch:',
      'jobs:',
      '  smoke:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: actions/checkout@v4',
      '      - name: Call the API',
      '        run: |',
      `          ${c}`,
    ),
  };
};

const adoScript: Renderer = (x) => {
  const c = cmd(x);
  return c === undefined ? undefined : {
    path: 'pipelines/smoke.yml',
    text: lines(
      'trigger: none',
      'pool:',
      '  vmImage: ubuntu-latest',
      'steps:',
      '  - checkout: self',
      '  - script: |',
      '      set -e',
      `      ${c}`,
      '    displayName: Smoke test',
    ),
  };
};

const makefileRecipe: Renderer = (x) => {
  const c = cmd(x);
  return c === undefined ? undefined : {
    path: 'Makefile',
    text: lines('APP := orders', '', '.PHONY: smoke', 'smoke:', `\t${c.replace(/\$/g, '$$$$')}`, '\t@echo ok'),
  };
};

const dockerfileRun: Renderer = (x) => {
  const c = cmd(x);
  return c === undefined ? undefined : {
    path: 'Dockerfile',
    text: lines('FROM alpine:3.20', 'RUN apk add --no-cache curl git openssh-client', 'WORKDIR /src', `RUN ${c}`, 'CMD ["sh"]'),
  };
};

const packageJsonScript: Renderer = (x) => {
  const c = cmd(x);
  return c === undefined ? undefined : {
    path: 'package.json',
    text: lines(
      '{',
      '  "name": "orders-web",',
      '  "version": "1.4.2",',
      '  "private": true,',
      '  "scripts": {',
      '    "build": "vite build",',
      `    "smoke": "${cstr(c)}"`,
      '  }',
      '}',
    ),
  };
};

/** A PowerShell script on a Windows agent calling curl.exe (so PowerShell does not alias curl). */
const powershellCommand: Renderer = (x) => {
  const c = cmd(x);
  return c === undefined ? undefined : {
    path: 'deploy/Invoke-Smoke.ps1',
    text: lines('$ErrorActionPreference = "Stop"', 'Write-Host "Smoke test after deploy"', c.startsWith('curl ') ? `curl.exe ${c.slice(5)}` : c, 'if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }'),
  };
};

/** A Jenkinsfile `sh` step (Groovy triple-single-quoted string: no interpolation). */
const jenkinsfileSh: Renderer = (x) => {
  const c = cmd(x);
  return c === undefined ? undefined : {
    path: 'Jenkinsfile',
    text: lines('pipeline {', '    agent { label "linux" }', '    stages {', "        stage('Smoke') {", '            steps {', `                sh '''${c}'''`, '            }', '        }', '    }', '}'),
  };
};

export const RENDERERS: Record<SyntaxId, Renderer> = {
  env, json, appsettings, ipynb, 'json-escaped': jsonEscaped, 'yaml-k8s': yamlK8s, 'yaml-compose': yamlCompose, 'yaml-ado': yamlAdo,
  'yaml-gha': yamlGha, 'yaml-app': yamlApp, 'xml-webconfig': xmlWebConfig, 'xml-settings': xmlSettings, 'xml-spring': xmlSpring,
  'xml-maven': xmlMaven, python, javascript, typescript, csharp, java, kotlin, go, 'go-const': goConst, php, 'php-var': phpVar, ruby,
  rust, groovy, makefile, shell, powershell, terraform, tfvars, ini, properties, toml, dockerfile, 'markdown-env': markdownEnv,
  command, markdown, 'gha-run': ghaRun, 'ado-script': adoScript, 'makefile-recipe': makefileRecipe, 'dockerfile-run': dockerfileRun,
  'package-json-script': packageJsonScript, 'powershell-command': powershellCommand, 'jenkinsfile-sh': jenkinsfileSh, npmrc, 'key-file': keyFile,
};

/** The syntaxes that can hold a multi-line key (PEM, JSON key file) in their own idiom. */
export const BLOCK_SYNTAXES: readonly SyntaxId[] = [
  'key-file', 'env', 'json', 'appsettings', 'ipynb', 'json-escaped', 'yaml-k8s', 'yaml-app', 'xml-spring', 'python', 'javascript',
  'typescript', 'csharp', 'java', 'kotlin', 'go', 'go-const', 'php', 'php-var', 'ruby', 'rust', 'groovy', 'shell', 'powershell',
  'terraform', 'tfvars', 'toml', 'markdown', 'markdown-env',
];
