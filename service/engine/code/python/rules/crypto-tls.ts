// Bandit's B5xx tests: TLS, certificates, key sizes, YAML loading, SSH host keys, SNMP.
import type { PyRule } from '../context';
import { weakCryptographicKey, yamlLoad } from './b5-key-yaml';
import { sshSnmpRules } from './b5-ssh-snmp';
import { tlsRules } from './b5-tls';

export const cryptoTlsRules: readonly PyRule[] = [...tlsRules, weakCryptographicKey, yamlLoad, ...sshSnmpRules];
