// Dockerfile rules: who the container runs as, what the base image is, and build steps that weaken
// the supply chain (disabled TLS or signature checks, piping downloads to a shell).
import { isUnknown } from '../../values';
import type { IacRule, Verdict } from '../../types';
import { dockerExample as d, finalStage, flagInstructions, instructions, stagesOf, variables } from './stages';

const HELP = 'https://docs.docker.com/build/building/best-practices/';
const run = (re: RegExp) => flagInstructions('RUN', (ins) => re.test(ins.args));

export const dockerNoUser: IacRule = {
  id: 'IAC-DOCKER-NO-USER',
  title: 'Container runs as root: no USER instruction',
  severity: 'medium',
  description: 'Without a USER instruction in the final stage the container runs as root, so a compromise of the process is a compromise of root in the container (and a step from the host). Unlike Checkov, which accepts a USER in any stage, only the final stage counts: earlier stages do not decide who the container runs as.',
  remediation: 'Create an unprivileged user and switch to it in the final stage.',
  remediationSnippet: 'RUN addgroup --system app && adduser --system --ingroup app app\nUSER app',
  helpUri: `${HELP}#user`,
  checkov: 'CKV_DOCKER_3',
  cwe: ['CWE-250'],
  model: 'dockerfile',
  resourceTypes: ['dockerfile'],
  check: (r) => {
    const last = finalStage(r);
    if (!last) return { outcome: 'not-applicable' };
    const user = last.stage.instructions.findIndex((i) => i.keyword === 'USER');
    return user === -1 ? { outcome: 'fail', path: `stages[${last.index}]`, message: `${r.address}: the final stage never sets USER, so the container runs as root` } : { outcome: 'pass', path: `stages[${last.index}].instructions[${user}]` };
  },
  examples: {
    dockerfile: {
      fail: [d('FROM node:20-alpine\nCOPY . /app\nCMD ["node", "/app/index.js"]\n'), d('FROM golang:1.22 AS build\nUSER builder\nRUN go build\nFROM alpine:3.20\nCOPY --from=build /out /app\n')],
      pass: [d('FROM node:20-alpine\nCOPY . /app\nUSER node\nCMD ["node", "/app/index.js"]\n')],
    },
  },
};

export const dockerLastUserRoot: IacRule = {
  id: 'IAC-DOCKER-LAST-USER-ROOT',
  title: 'Container runs as root: the last USER is root',
  severity: 'high',
  description: 'The final stage switches to root (USER root, USER 0) last, so the container process runs with root privileges.',
  remediation: 'Switch back to an unprivileged user after the steps that need root.',
  remediationSnippet: 'USER root\nRUN apk add --no-cache curl\nUSER app',
  helpUri: `${HELP}#user`,
  checkov: 'CKV_DOCKER_8',
  cwe: ['CWE-250'],
  model: 'dockerfile',
  resourceTypes: ['dockerfile'],
  check: (r) => {
    const last = finalStage(r);
    if (!last) return { outcome: 'not-applicable' };
    const users = last.stage.instructions.map((ins, i) => ({ ins, i })).filter((x) => x.ins.keyword === 'USER');
    if (!users.length) return { outcome: 'not-applicable' };
    const { ins, i } = users[users.length - 1];
    const who = ins.args.trim().split(':')[0];
    const path = `stages[${last.index}].instructions[${i}]`;
    return who === 'root' || who === '0' ? { outcome: 'fail', path, value: ins.args.trim() } : { outcome: 'pass', path, value: ins.args.trim() };
  },
  examples: {
    dockerfile: {
      fail: [d('FROM ubuntu:24.04\nUSER app\nRUN id\nUSER root\n'), d('FROM ubuntu:24.04\nUSER 0:0\n')],
      pass: [d('FROM ubuntu:24.04\nUSER root\nRUN apt-get update && apt-get install -y curl\nUSER 10001\n')],
    },
  },
};

export const dockerHealthcheck: IacRule = {
  id: 'IAC-DOCKER-NO-HEALTHCHECK',
  title: 'Image has no HEALTHCHECK',
  severity: 'low',
  description: 'Without a HEALTHCHECK the runtime cannot tell a hung container from a healthy one, so a failing service keeps receiving traffic.',
  remediation: 'Add a HEALTHCHECK to the final stage (or HEALTHCHECK NONE where the orchestrator probes instead).',
  remediationSnippet: 'HEALTHCHECK --interval=30s --timeout=3s CMD wget -qO- http://localhost:8080/health || exit 1',
  helpUri: 'https://docs.docker.com/reference/dockerfile/#healthcheck',
  checkov: 'CKV_DOCKER_2',
  model: 'dockerfile',
  resourceTypes: ['dockerfile'],
  check: (r) => {
    const found = instructions(r, 'HEALTHCHECK');
    if (!stagesOf(r).length) return { outcome: 'not-applicable' };
    return found.length ? { outcome: 'pass', path: found[0].path } : { outcome: 'fail', path: 'stages', message: `${r.address} defines no HEALTHCHECK` };
  },
  examples: {
    dockerfile: {
      fail: [d('FROM nginx:1.27\nCOPY site /usr/share/nginx/html\n')],
      pass: [d('FROM nginx:1.27\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1\n'), d('FROM nginx:1.27\nHEALTHCHECK NONE\n')],
    },
  },
};

export const dockerLatestTag: IacRule = {
  id: 'IAC-DOCKER-LATEST-TAG',
  title: 'Base image not pinned: latest or no tag',
  severity: 'medium',
  description:
    'A base image without a version tag (or with :latest) changes under the build without notice: builds stop being reproducible and a compromised or broken upstream image flows straight in. Unlike Checkov, a registry port is not taken for a tag (registry:5000/app fails) and an image named by an ARG without a default is unknown rather than failed.',
  remediation: 'Pin the base image to a version tag, or better to a digest.',
  remediationSnippet: 'FROM node:20.15-alpine3.20@sha256:<digest>',
  helpUri: `${HELP}#from`,
  checkov: 'CKV_DOCKER_7',
  cwe: ['CWE-1357'],
  model: 'dockerfile',
  resourceTypes: ['dockerfile'],
  check: (r) => {
    const stages = stagesOf(r);
    const aliases = new Set(stages.map((s) => s.alias?.toLowerCase()).filter(Boolean));
    const verdicts: Verdict[] = [];
    stages.forEach((s, i) => {
      const path = `stages[${i}].image`;
      if (isUnknown(s.image)) return void verdicts.push({ outcome: 'unknown', path, value: s.image });
      const name = (s.name ?? '').toLowerCase();
      if (name === 'scratch' || aliases.has(name)) return;
      if (s.digest) return void verdicts.push({ outcome: 'pass', path, value: s.image });
      verdicts.push({ outcome: !s.tag || s.tag === 'latest' ? 'fail' : 'pass', path, value: s.image });
    });
    const fails = verdicts.filter((v) => v.outcome === 'fail');
    if (fails.length) return fails;
    return verdicts.find((v) => v.outcome === 'unknown') ?? verdicts[0] ?? { outcome: 'not-applicable' };
  },
  examples: {
    dockerfile: {
      fail: [d('FROM python\nRUN pip install flask\n'), d('FROM python:latest\n'), d('FROM golang:1.22 AS build\nFROM ubuntu\nCOPY --from=build /a /a\n')],
      pass: [d('FROM python:3.12-slim\n'), d('FROM golang:1.22 AS build\nFROM build\n'), d('FROM alpine@sha256:0123456789abcdef\n'), d('ARG BASE=node:20-alpine\nFROM ${BASE}\n'), d('FROM registry.local:5000/team/app:1.4\n')],
      unknown: [d('ARG BASE\nFROM ${BASE}\n')],
    },
  },
};

export const dockerAdd: IacRule = {
  id: 'IAC-DOCKER-ADD-INSTEAD-OF-COPY',
  title: 'ADD used instead of COPY',
  severity: 'low',
  description: 'ADD fetches remote URLs and unpacks archives implicitly: a remote file arrives unverified, a local tarball is extracted where a copy was meant. COPY does only what it says. Unlike Checkov, an ADD pinned with --checksum passes, since its download is verified.',
  remediation: 'Use COPY for local files; download remote files with a checksum check in a RUN step (or ADD --checksum).',
  remediationSnippet: 'COPY app.tar.gz /tmp/\nRUN echo "<sha256>  /tmp/app.tar.gz" | sha256sum -c -',
  helpUri: `${HELP}#add-or-copy`,
  checkov: 'CKV_DOCKER_4',
  model: 'dockerfile',
  resourceTypes: ['dockerfile'],
  check: flagInstructions('ADD', (ins) => typeof ins.flags.checksum !== 'string'),
  examples: {
    dockerfile: {
      fail: [d('FROM alpine:3.20\nADD https://example.com/tool.tgz /opt/\n'), d('FROM alpine:3.20\nADD . /app\n')],
      pass: [d('FROM alpine:3.20\nCOPY . /app\n'), d('FROM alpine:3.20\nADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/tool.tgz /opt/\n')],
    },
  },
};

export const dockerUpdateAlone: IacRule = {
  id: 'IAC-DOCKER-UPDATE-ALONE',
  title: 'Package index updated in a RUN of its own',
  severity: 'low',
  description:
    'A RUN that only updates the package index is cached as its own layer: later installs use a stale index and miss security updates. Each such RUN fails even when a later RUN installs (Checkov only compares the counts of update and install RUNs in the file).',
  remediation: 'Update and install in the same RUN instruction.',
  remediationSnippet: 'RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*',
  helpUri: `${HELP}#apt-get`,
  checkov: 'CKV_DOCKER_5',
  model: 'dockerfile',
  resourceTypes: ['dockerfile'],
  check: flagInstructions('RUN', (ins) => /\b(?:apt-get|apt|yum|dnf|apk|zypper)\s+(?:-\S+\s+)*update\b/.test(ins.args) && !/\b(?:install|upgrade|add)\b/.test(ins.args)),
  examples: {
    dockerfile: {
      fail: [d('FROM debian:12\nRUN apt-get update\nRUN apt-get install -y curl\n'), d('FROM alpine:3.20\nRUN apk update\n')],
      pass: [d('FROM debian:12\nRUN apt-get update && apt-get install -y curl\n')],
    },
  },
};

export const dockerExposeSsh: IacRule = {
  id: 'IAC-DOCKER-EXPOSE-SSH',
  title: 'Image exposes the SSH port',
  severity: 'medium',
  description: 'EXPOSE 22 means an SSH daemon runs in the container: another way in, with credentials to manage, on something that should be rebuilt rather than logged into.',
  remediation: 'Remove the SSH server and EXPOSE 22; use `docker exec` / `kubectl exec` for debugging.',
  helpUri: 'https://docs.docker.com/reference/dockerfile/#expose',
  checkov: 'CKV_DOCKER_1',
  model: 'dockerfile',
  resourceTypes: ['dockerfile'],
  check: flagInstructions('EXPOSE', (ins) => ins.args.split(/\s+/).some((p) => /^22(?:\/tcp)?$/i.test(p))),
  examples: {
    dockerfile: { fail: [d('FROM ubuntu:24.04\nEXPOSE 80 22\n'), d('FROM ubuntu:24.04\nEXPOSE 22/tcp\n')], pass: [d('FROM ubuntu:24.04\nEXPOSE 8022 443\n')] },
  },
};

export const dockerMaintainer: IacRule = {
  id: 'IAC-DOCKER-MAINTAINER',
  title: 'Deprecated MAINTAINER instruction',
  severity: 'info',
  description: 'MAINTAINER is deprecated; image metadata belongs in labels, which tools read.',
  remediation: 'Replace MAINTAINER with LABEL org.opencontainers.image.authors="…".',
  remediationSnippet: 'LABEL org.opencontainers.image.authors="team@example.com"',
  helpUri: 'https://docs.docker.com/reference/dockerfile/#maintainer-deprecated',
  checkov: 'CKV_DOCKER_6',
  model: 'dockerfile',
  resourceTypes: ['dockerfile'],
  check: flagInstructions('MAINTAINER', () => true),
  examples: { dockerfile: { fail: [d('FROM alpine:3.20\nMAINTAINER someone@example.com\n')], pass: [d('FROM alpine:3.20\nLABEL org.opencontainers.image.authors="a@example.com"\n')] } },
};

export const dockerAptNotAptGet: IacRule = {
  id: 'IAC-DOCKER-APT',
  title: 'apt used in a build step instead of apt-get',
  severity: 'info',
  description: "apt's command-line interface is meant for people and is not stable for scripts; builds should use apt-get.",
  remediation: 'Use apt-get (or apt-cache) in RUN instructions.',
  checkov: 'CKV_DOCKER_9',
  model: 'dockerfile',
  resourceTypes: ['dockerfile'],
  check: run(/(?:^|[;&|]\s*|\bsudo\s+)apt\s+(?:-\S+\s+)*(?:install|update|upgrade|remove)\b/),
  examples: { dockerfile: { fail: [d('FROM debian:12\nRUN apt update && apt install -y curl\n')], pass: [d('FROM debian:12\nRUN apt-get update && apt-get install -y curl\n')] } },
};

export const dockerWorkdirRelative: IacRule = {
  id: 'IAC-DOCKER-WORKDIR-RELATIVE',
  title: 'WORKDIR is a relative path',
  severity: 'low',
  description: 'A relative WORKDIR depends on every earlier WORKDIR, so files land where nobody expects them.',
  remediation: 'Use absolute paths in WORKDIR.',
  remediationSnippet: 'WORKDIR /app',
  helpUri: 'https://docs.docker.com/reference/dockerfile/#workdir',
  checkov: 'CKV_DOCKER_10',
  model: 'dockerfile',
  resourceTypes: ['dockerfile'],
  check: flagInstructions('WORKDIR', (ins) => !/^(?:\/|\$|[A-Za-z]:[\\/]|["']\/)/.test(ins.args.trim())),
  examples: { dockerfile: { fail: [d('FROM alpine:3.20\nWORKDIR app\n')], pass: [d('FROM alpine:3.20\nWORKDIR /app\n'), d('FROM alpine:3.20\nWORKDIR $HOME/app\n')] } },
};

export const dockerDuplicateAlias: IacRule = {
  id: 'IAC-DOCKER-DUPLICATE-STAGE-NAME',
  title: 'Two build stages share a name',
  severity: 'low',
  description: 'When two stages share an alias, COPY --from and FROM refer to whichever comes last: a build silently copies from the wrong stage.',
  remediation: 'Give every stage a unique name.',
  checkov: 'CKV_DOCKER_11',
  model: 'dockerfile',
  resourceTypes: ['dockerfile'],
  check: (r) => {
    const seen = new Map<string, number>();
    const fails: Verdict[] = [];
    stagesOf(r).forEach((s, i) => {
      if (!s.alias) return;
      const key = s.alias.toLowerCase();
      if (seen.has(key)) fails.push({ outcome: 'fail', path: `stages[${i}]`, value: s.alias, message: `${r.address}: stage ${i + 1} reuses the name ${s.alias} of stage ${seen.get(key)! + 1}` });
      else seen.set(key, i);
    });
    return fails.length ? fails : { outcome: 'pass', path: 'stages' };
  },
  examples: {
    dockerfile: {
      fail: [d('FROM node:20 AS build\nRUN npm ci\nFROM node:20 AS build\nRUN npm run build\n')],
      pass: [d('FROM node:20 AS deps\nFROM node:20 AS build\nCOPY --from=deps /a /a\n')],
    },
  },
};

export const dockerSudo: IacRule = {
  id: 'IAC-DOCKER-SUDO',
  title: 'sudo used in a build step',
  severity: 'medium',
  description: 'sudo in an image means a privileged path is configured inside the container; build steps that need root should run as root explicitly and switch back. Only running sudo counts (Checkov also flags " sudo " as a package name being installed).',
  remediation: 'Drop sudo: use USER root for the step, then USER back to the unprivileged user.',
  checkov: 'CKV2_DOCKER_1',
  cwe: ['CWE-250'],
  model: 'dockerfile',
  resourceTypes: ['dockerfile'],
  check: run(/(?:^|[;&|(]\s*)sudo\s/),
  examples: { dockerfile: { fail: [d('FROM ubuntu:24.04\nUSER app\nRUN sudo apt-get install -y curl\n')], pass: [d('FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y sudo\n')] } },
};

export const dockerCurlInsecure: IacRule = {
  id: 'IAC-DOCKER-CURL-INSECURE',
  title: 'curl with certificate validation disabled',
  severity: 'high',
  description: 'curl -k / --insecure accepts any certificate, so whoever sits on the network path chooses what the build downloads.',
  remediation: 'Remove -k/--insecure; add the CA certificate the server needs to the image instead.',
  checkov: 'CKV2_DOCKER_2',
  cwe: ['CWE-295'],
  model: 'dockerfile',
  resourceTypes: ['dockerfile'],
  check: run(/\bcurl\b[^;&|]*\s(?:-k\b|--insecure\b|-[a-zA-Z]*k[a-zA-Z]*\s)/),
  examples: { dockerfile: { fail: [d('FROM alpine:3.20\nRUN curl -k https://example.com/install.sh -o /tmp/i.sh\n'), d('FROM alpine:3.20\nRUN curl --insecure -fsSL https://x.example/a\n')], pass: [d('FROM alpine:3.20\nRUN curl -fsSL https://example.com/a -o /tmp/a\n')] } },
};

export const dockerWgetInsecure: IacRule = {
  id: 'IAC-DOCKER-WGET-INSECURE',
  title: 'wget with certificate validation disabled',
  severity: 'high',
  description: 'wget --no-check-certificate accepts any certificate, so whoever sits on the network path chooses what the build downloads.',
  remediation: 'Remove --no-check-certificate; add the CA certificate the server needs instead.',
  checkov: 'CKV2_DOCKER_3',
  cwe: ['CWE-295'],
  model: 'dockerfile',
  resourceTypes: ['dockerfile'],
  check: run(/\bwget\b[^;&|]*--no-check-certificate/),
  examples: { dockerfile: { fail: [d('FROM alpine:3.20\nRUN wget --no-check-certificate https://example.com/a\n')], pass: [d('FROM alpine:3.20\nRUN wget -q https://example.com/a\n')] } },
};

export const dockerPipTrustedHost: IacRule = {
  id: 'IAC-DOCKER-PIP-TRUSTED-HOST',
  title: 'pip told to trust a host without TLS checks',
  severity: 'high',
  description: 'pip --trusted-host (or PIP_TRUSTED_HOST) turns off certificate validation for that index: packages can be swapped in transit.',
  remediation: 'Remove --trusted-host; serve the index over valid TLS or add its CA to the image.',
  checkov: ['CKV2_DOCKER_4', 'CKV2_DOCKER_16'],
  cwe: ['CWE-295'],
  model: 'dockerfile',
  resourceTypes: ['dockerfile'],
  check: flagInstructions(
    undefined,
    (ins) =>
      (ins.keyword === 'RUN' && (/\bpip3?\b[^;&|]*--trusted-host/.test(ins.args) || /(?:^|[\s;&|])(?:export\s+)?PIP_TRUSTED_HOST=\S/.test(ins.args))) ||
      ((ins.keyword === 'ENV' || ins.keyword === 'ARG') && variables(ins).some((v) => v.name === 'PIP_TRUSTED_HOST' && !!v.value)),
  ),
  examples: { dockerfile: { fail: [d('FROM python:3.12\nRUN pip install --trusted-host pypi.internal -r requirements.txt\n'), d('FROM python:3.12\nENV PIP_TRUSTED_HOST=pypi.internal\n'), d('FROM python:3.12\nRUN PIP_TRUSTED_HOST=pypi.internal pip install -r requirements.txt\n')], pass: [d('FROM python:3.12\nRUN pip install -r requirements.txt\n')] } },
};

const TLS_OFF_VARIABLES: Record<string, RegExp> = {
  PYTHONHTTPSVERIFY: /^0$/,
  NODE_TLS_REJECT_UNAUTHORIZED: /^0$/,
  // git skips certificate checks when the variable is set to any value, even 0 or false.
  GIT_SSL_NO_VERIFY: /./,
};

export const dockerTlsOffVariable: IacRule = {
  id: 'IAC-DOCKER-TLS-VERIFY-OFF-ENV',
  title: 'Environment turns off TLS certificate checks',
  severity: 'high',
  description: 'NODE_TLS_REJECT_UNAUTHORIZED=0, PYTHONHTTPSVERIFY=0 or GIT_SSL_NO_VERIFY (set to anything) make every TLS connection of the build (ENV: and of the running container) accept any certificate.',
  remediation: 'Remove the variable; add the CA certificate the servers need to the image.',
  checkov: ['CKV2_DOCKER_5', 'CKV2_DOCKER_6', 'CKV2_DOCKER_14'],
  cwe: ['CWE-295'],
  model: 'dockerfile',
  resourceTypes: ['dockerfile'],
  check: flagInstructions(undefined, (ins) => {
    if (ins.keyword === 'ENV' || ins.keyword === 'ARG') return variables(ins).some((v) => TLS_OFF_VARIABLES[v.name]?.test(v.value ?? ''));
    if (ins.keyword === 'RUN') return /\b(?:NODE_TLS_REJECT_UNAUTHORIZED=["']?0|PYTHONHTTPSVERIFY=["']?0|GIT_SSL_NO_VERIFY=\S)/.test(ins.args) || /git\s+config\s[^;&|]*http\.sslVerify\s+false/i.test(ins.args);
    return false;
  }),
  examples: {
    dockerfile: {
      fail: [
        d('FROM node:20\nENV NODE_TLS_REJECT_UNAUTHORIZED=0\n'),
        d('FROM python:3.12\nENV PYTHONHTTPSVERIFY 0\n'),
        d('FROM alpine:3.20\nRUN git config --global http.sslVerify false\n'),
        d('FROM alpine:3.20\nENV GIT_SSL_NO_VERIFY=false\n'),
        d('FROM alpine:3.20\nRUN GIT_SSL_NO_VERIFY=1 git clone https://git.internal/app.git\n'),
      ],
      pass: [d('FROM node:20\nENV NODE_ENV=production\n')],
    },
  },
};

export const dockerUnsignedPackages: IacRule = {
  id: 'IAC-DOCKER-UNSIGNED-PACKAGES',
  title: 'Package manager told to skip signature checks',
  severity: 'high',
  description: 'apk --allow-untrusted, apt-get --allow-unauthenticated / --force-yes, yum/dnf/rpm --nogpgcheck and rpm --nosignature / --nodigest / --noverify / --nofiledigest install packages whose origin is not verified.',
  remediation: 'Remove the flag; import the repository signing key instead.',
  checkov: ['CKV2_DOCKER_7', 'CKV2_DOCKER_8', 'CKV2_DOCKER_9', 'CKV2_DOCKER_10', 'CKV2_DOCKER_11'],
  cwe: ['CWE-494'],
  model: 'dockerfile',
  resourceTypes: ['dockerfile'],
  check: run(/--allow-untrusted\b|--allow-unauthenticated\b|--force-yes\b|--nogpgcheck\b|\brpm\b[^;&|]*\s--no(?:signature|digest|verify|filedigest)\b|--nosignature\b|gpgcheck=0/),
  examples: {
    dockerfile: {
      fail: [d('FROM alpine:3.20\nRUN apk add --allow-untrusted /tmp/pkg.apk\n'), d('FROM debian:12\nRUN apt-get install -y --allow-unauthenticated curl\n'), d('FROM fedora:40\nRUN dnf install -y --nogpgcheck tool\n'), d('FROM fedora:40\nRUN rpm -i --nodigest /tmp/tool.rpm\n')],
      pass: [d('FROM debian:12\nRUN apt-get update && apt-get install -y curl\n')],
    },
  },
};

export const dockerNpmStrictSsl: IacRule = {
  id: 'IAC-DOCKER-NPM-STRICT-SSL-OFF',
  title: 'npm told to skip TLS checks',
  severity: 'high',
  description: 'npm config set strict-ssl false (or NPM_CONFIG_STRICT_SSL=false) lets anyone on the network path replace the packages the build installs.',
  remediation: 'Keep strict-ssl on; configure the registry CA with cafile.',
  checkov: ['CKV2_DOCKER_12', 'CKV2_DOCKER_13'],
  cwe: ['CWE-295'],
  model: 'dockerfile',
  resourceTypes: ['dockerfile'],
  check: flagInstructions(undefined, (ins) =>
    (ins.keyword === 'RUN' && /\b(?:npm|yarn)\s+(?:c(?:onfig)?\s+)?set\s+["']?strict-ssl["']?(?:\s+|=)["']?false\b|--strict-ssl[= ]false/.test(ins.args)) ||
    ((ins.keyword === 'ENV' || ins.keyword === 'ARG') && variables(ins).some((v) => /^npm_config_strict_ssl$/i.test(v.name) && /^false$/i.test(v.value ?? ''))),
  ),
  examples: { dockerfile: { fail: [d('FROM node:20\nRUN npm config set strict-ssl false && npm ci\n'), d('FROM node:20\nENV NPM_CONFIG_STRICT_SSL=false\n'), d('FROM node:20\nRUN npm c set strict-ssl=false\n')], pass: [d('FROM node:20\nRUN npm ci --omit=dev\n')] } },
};

export const dockerPipeToShell: IacRule = {
  id: 'IAC-DOCKER-PIPE-TO-SHELL',
  title: 'Downloaded script piped straight into a shell',
  severity: 'medium',
  description: 'curl … | sh runs whatever the server returns at build time, unreviewed and unverified: a compromised or spoofed host owns the image.',
  remediation: 'Download the script, verify its checksum or signature, then run it.',
  remediationSnippet: 'RUN curl -fsSLo /tmp/install.sh https://example.com/install.sh \\\n && echo "<sha256>  /tmp/install.sh" | sha256sum -c - \\\n && sh /tmp/install.sh',
  cwe: ['CWE-494'],
  model: 'dockerfile',
  resourceTypes: ['dockerfile'],
  check: run(/\b(?:curl|wget)\b[^;&]*\|\s*(?:sudo\s+)?(?:sh|bash|zsh|ash|dash|python3?|perl|ruby|node)\b/),
  examples: {
    dockerfile: { fail: [d('FROM ubuntu:24.04\nRUN curl -fsSL https://get.example.com | bash\n'), d('FROM ubuntu:24.04\nRUN wget -qO- https://x.example/i.sh | sudo sh -s -- -y\n')], pass: [d('FROM ubuntu:24.04\nRUN curl -fsSLo /tmp/i.sh https://x.example/i.sh && sha256sum -c /tmp/i.sha256 && sh /tmp/i.sh\n')] },
  },
};

const SECRET_NAME = /(?:^|_)(?:PASS(?:WORD|WD)?|SECRET|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CLIENT_SECRET|CONNECTION_?STRING)(?:$|_)/i;

export const dockerSecretInEnv: IacRule = {
  id: 'IAC-DOCKER-SECRET-IN-ENV',
  title: 'Secret set with ENV or ARG',
  severity: 'high',
  description: 'Values set with ENV stay in the image for anyone who pulls it (docker inspect), and ARG values stay in the build history: a password or token there is published with the image.',
  remediation: 'Pass secrets at run time (orchestrator secrets), or at build time with RUN --mount=type=secret.',
  remediationSnippet: 'RUN --mount=type=secret,id=npm_token NPM_TOKEN=$(cat /run/secrets/npm_token) npm ci',
  helpUri: 'https://docs.docker.com/build/building/secrets/',
  cwe: ['CWE-798'],
  model: 'dockerfile',
  resourceTypes: ['dockerfile'],
  check: flagInstructions(undefined, (ins) =>
    (ins.keyword === 'ENV' || ins.keyword === 'ARG') && variables(ins).some((v) => SECRET_NAME.test(v.name) && !!v.value && !/^\$/.test(v.value) && !/_(?:FILE|PATH|NAME|URL)$/i.test(v.name)),
  ),
  examples: {
    dockerfile: { fail: [d('FROM node:20\nENV DB_PASSWORD=Sup3rS3cret!\n'), d('FROM node:20\nARG NPM_TOKEN=npm_abcdefabcdef\n')], pass: [d('FROM node:20\nARG NPM_TOKEN\nENV DB_PASSWORD_FILE=/run/secrets/db\n')] },
  },
};

export const dockerChmod777: IacRule = {
  id: 'IAC-DOCKER-WORLD-WRITABLE',
  title: 'Files made world-writable',
  severity: 'medium',
  description: 'chmod 777 (or o+w) lets any user in the container change those files, including the application code it runs.',
  remediation: 'Give ownership to the application user (COPY --chown) and keep permissions at 755/644 or tighter.',
  remediationSnippet: 'COPY --chown=app:app . /app',
  cwe: ['CWE-732'],
  model: 'dockerfile',
  resourceTypes: ['dockerfile'],
  check: flagInstructions(undefined, (ins) => (ins.keyword === 'RUN' && /\bchmod\s+(?:-R\s+)?(?:0?777|[0-7]{0,2}[2367]\s|(?:a|o)\+[rx]*w)/.test(`${ins.args} `)) || (ins.keyword === 'COPY' && /^0?777$/.test(String(ins.flags.chmod ?? '')))),
  examples: { dockerfile: { fail: [d('FROM alpine:3.20\nRUN chmod -R 777 /app\n'), d('FROM alpine:3.20\nCOPY --chmod=777 run.sh /run.sh\n')], pass: [d('FROM alpine:3.20\nRUN chmod 755 /app/run.sh\n')] } },
};

export const dockerfileRuleList: readonly IacRule[] = [
  dockerNoUser,
  dockerLastUserRoot,
  dockerHealthcheck,
  dockerLatestTag,
  dockerAdd,
  dockerUpdateAlone,
  dockerExposeSsh,
  dockerMaintainer,
  dockerAptNotAptGet,
  dockerWorkdirRelative,
  dockerDuplicateAlias,
  dockerSudo,
  dockerCurlInsecure,
  dockerWgetInsecure,
  dockerPipTrustedHost,
  dockerTlsOffVariable,
  dockerUnsignedPackages,
  dockerNpmStrictSsl,
  dockerPipeToShell,
  dockerSecretInEnv,
  dockerChmod777,
];
