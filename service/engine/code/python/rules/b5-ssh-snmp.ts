// B507 paramiko trusting unknown host keys; B508/B509 SNMP versions and SNMPv3 without privacy (pysnmp).
import type { PyRule } from '../context';
import { callOf, importsModule, isNone, lastPart, mentions } from '../context';
import { argument, calledName, endName } from './util-py';

const BANDIT_DOCS = 'https://bandit.readthedocs.io/en/latest/plugins';

export const sshNoHostKeyVerification: PyRule = {
  rule: {
    id: 'CODE-PY-SSH-NO-HOST-KEY-VERIFICATION',
    language: 'python',
    title: 'SSH client trusts unknown host keys',
    severity: 'high',
    confidence: 'medium',
    description:
      'With AutoAddPolicy or WarningPolicy, paramiko connects to any server that presents an unknown host key, so a machine in the middle can impersonate the server and capture the credentials and commands sent to it.',
    remediation: 'Load known host keys (client.load_system_host_keys() or load_host_keys(path)) and keep the default RejectPolicy.',
    remediationSnippet: 'client = paramiko.SSHClient()\nclient.load_system_host_keys()\nclient.set_missing_host_key_policy(paramiko.RejectPolicy())\n',
    cwe: ['CWE-295'],
    upstream: { type: 'bandit', id: 'B507' },
    helpUri: `${BANDIT_DOCS}/b507_ssh_no_host_key_verification.html`,
    examples: {
      fail: [
        'import paramiko\nclient = paramiko.SSHClient()\nclient.set_missing_host_key_policy(paramiko.AutoAddPolicy())\n',
        'from paramiko import client\nssh = client.SSHClient()\nssh.set_missing_host_key_policy(client.WarningPolicy)\n',
      ],
      pass: [
        'import paramiko\nclient = paramiko.SSHClient()\nclient.load_system_host_keys()\nclient.set_missing_host_key_policy(paramiko.RejectPolicy())\n',
        'conn.set_missing_host_key_policy(AutoAddPolicy())\n',
      ],
    },
  },
  relevant: mentions('set_missing_host_key_policy'),
  on: {
    call(node, file, report) {
      const call = callOf(node, file);
      if (calledName(node) !== 'set_missing_host_key_policy' || !importsModule(file, 'paramiko')) return;
      const policy = endName(argument(call, 0, 'policy'));
      if (policy === 'AutoAddPolicy' || policy === 'WarningPolicy') report(node, `set_missing_host_key_policy(${policy}) accepts unknown SSH host keys`);
    },
  },
};

const isPysnmp = (name: string | undefined, cls: string): boolean => !!name && name.startsWith('pysnmp.') && lastPart(name) === cls;

export const snmpInsecureVersion: PyRule = {
  rule: {
    id: 'CODE-PY-SNMP-INSECURE-VERSION',
    language: 'python',
    title: 'SNMPv1 or SNMPv2c (community string) used',
    severity: 'medium',
    confidence: 'high',
    description:
      'SNMPv1 and SNMPv2c authenticate with a community string sent in clear text and do not encrypt the data, so anyone on the path can read it and reuse the community string to query or reconfigure the device.',
    remediation: 'Use SNMPv3 with authentication and privacy (UsmUserData with authKey, privKey and strong protocols such as SHA-2 and AES).',
    remediationSnippet: 'auth = UsmUserData("monitor", authKey, privKey, authProtocol=usmHMAC192SHA256AuthProtocol, privProtocol=usmAesCfb128Protocol)\n',
    cwe: ['CWE-319'],
    upstream: { type: 'bandit', id: 'B508' },
    helpUri: `${BANDIT_DOCS}/b508_snmp_insecure_version.html`,
    examples: {
      fail: [
        'from pysnmp.hlapi import CommunityData\nauth = CommunityData("public", mpModel=0)\n',
        'from pysnmp.hlapi import *\nimport pysnmp.hlapi as snmp\nauth = snmp.CommunityData("private")\n',
      ],
      pass: ['from pysnmp.hlapi import UsmUserData\nauth = UsmUserData("monitor", auth_key, priv_key)\n', 'data = CommunityData("x")\n'],
    },
  },
  relevant: mentions('pysnmp'),
  on: {
    call(node, file, report) {
      const call = callOf(node, file);
      // CommunityData is v1 (mpModel=0) or v2c (mpModel=1, the default): community strings either way.
      if (isPysnmp(call.name, 'CommunityData')) report(node, 'SNMP with a community string (v1/v2c): no encryption, clear-text authentication');
    },
  },
};

export const snmpWeakCryptography: PyRule = {
  rule: {
    id: 'CODE-PY-SNMP-WEAK-CRYPTOGRAPHY',
    language: 'python',
    title: 'SNMPv3 without encryption (noAuthNoPriv or authNoPriv)',
    severity: 'medium',
    confidence: 'high',
    description: 'UsmUserData without a privacy key sends SNMPv3 traffic unencrypted (and without an authentication key, unauthenticated too).',
    remediation: 'Pass both an authentication key and a privacy key, with strong protocols (SHA-2 authentication, AES privacy).',
    remediationSnippet: 'auth = UsmUserData("monitor", authKey, privKey, authProtocol=usmHMAC192SHA256AuthProtocol, privProtocol=usmAesCfb128Protocol)\n',
    cwe: ['CWE-319'],
    upstream: { type: 'bandit', id: 'B509' },
    helpUri: `${BANDIT_DOCS}/b509_snmp_weak_cryptography.html`,
    examples: {
      fail: [
        'from pysnmp.hlapi import UsmUserData\nauth = UsmUserData("monitor")\n',
        'from pysnmp.hlapi import UsmUserData\nauth = UsmUserData("monitor", authKey=auth_key)\n',
      ],
      pass: [
        'from pysnmp.hlapi import UsmUserData\nauth = UsmUserData("monitor", auth_key, priv_key)\n',
        'from pysnmp.hlapi import UsmUserData\nauth = UsmUserData("monitor", authKey=a, privKey=p)\n',
      ],
    },
  },
  relevant: mentions('pysnmp'),
  on: {
    call(node, file, report) {
      const call = callOf(node, file);
      if (!isPysnmp(call.name, 'UsmUserData') || call.args.some((a) => a.type === 'list_splat' || a.type === 'dictionary_splat')) return;
      const privKey = argument(call, 2, 'privKey');
      if (!privKey || isNone(privKey)) report(node, 'SNMPv3 user without a privacy key: traffic is not encrypted');
    },
  },
};

export const sshSnmpRules: readonly PyRule[] = [sshNoHostKeyVerification, snmpInsecureVersion, snmpWeakCryptography];
