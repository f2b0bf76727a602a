// EC2 instances, launch templates and EBS volumes.
import { expect, forbid, type Check } from '../../helpers';
import type { IacRule, RuleContext } from '../../types';
import { lookup } from '../../values';
import { attrRule, plan1, rule, tf, tfVar } from './common';

const INSTANCE = 'aws_instance';
const LT = 'aws_launch_template';
const LC = 'aws_launch_configuration';
const VOLUME = 'aws_ebs_volume';
const DEFAULT_ENCRYPTION = 'aws_ebs_encryption_by_default';

/** Whether the configuration turns on EBS encryption by default for the account and region (enabled defaults to true). */
function encryptedByDefault(ctx: RuleContext): boolean {
  return ctx.ofType(DEFAULT_ENCRYPTION).some((d) => d.attributes.enabled === undefined || d.attributes.enabled === null || d.attributes.enabled === true);
}

const imds: Check = (r, ctx) => {
  if (lookup(r.attributes, 'metadata_options.http_endpoint').some((f) => f.value === 'disabled')) return { outcome: 'pass', path: 'metadata_options.http_endpoint', value: 'disabled' };
  return expect('metadata_options.http_tokens', 'required')(r, ctx);
};

export const imdsv2 = rule({
  id: 'IAC-TF-AWS-EC2-IMDSV2',
  title: 'Instance metadata service does not require IMDSv2 tokens',
  severity: 'high',
  description:
    'With http_tokens = "optional", IMDSv1 answers plain GET requests, so a server-side request forgery in any application on the instance can read the instance role\'s credentials (the Capital One breach).',
  remediation: 'Set metadata_options { http_tokens = "required" } (or http_endpoint = "disabled" when the metadata service is not needed).',
  remediationSnippet: tf(INSTANCE, 'metadata_options {\n  http_endpoint = "enabled"\n  http_tokens   = "required"\n}').trimEnd(),
  helpUri: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-instance-metadata-service.html',
  checkov: 'CKV_AWS_79',
  cwe: ['CWE-918'],
  resourceTypes: [INSTANCE, LT, LC],
  check: imds,
  examples: {
    hcl: {
      fail: [
        tf(INSTANCE, 'ami           = "ami-0abcdef1234567890"\ninstance_type = "t3.micro"'),
        tf(LT, 'image_id = "ami-0abcdef1234567890"\nmetadata_options {\n  http_tokens = "optional"\n}'),
      ],
      pass: [
        tf(INSTANCE, 'ami           = "ami-0abcdef1234567890"\ninstance_type = "t3.micro"\nmetadata_options {\n  http_tokens = "required"\n}'),
        tf(LT, 'image_id = "ami-0abcdef1234567890"\nmetadata_options {\n  http_endpoint = "disabled"\n}'),
      ],
      unknown: [tfVar('tokens', INSTANCE, 'ami = "ami-0abcdef1234567890"\nmetadata_options {\n  http_tokens = var.tokens\n}')],
    },
    tfplan: {
      fail: [plan1(INSTANCE, { ami: 'ami-0abcdef1234567890', instance_type: 't3.micro', metadata_options: [{ http_endpoint: 'enabled', http_tokens: 'optional', http_put_response_hop_limit: 1 }] })],
      pass: [plan1(INSTANCE, { ami: 'ami-0abcdef1234567890', instance_type: 't3.micro', metadata_options: [{ http_endpoint: 'enabled', http_tokens: 'required', http_put_response_hop_limit: 1 }] })],
    },
  },
});

/** Every listed block's `encrypted` true; missing blocks pass when the account encrypts by default. */
function volumesEncrypted(paths: readonly string[]): Check {
  return (r, ctx) => {
    if (encryptedByDefault(ctx)) return { outcome: 'pass', path: paths[0] };
    const verdicts = paths.flatMap((p) => {
      const blocks = lookup(r.attributes, p.replace(/\.encrypted$/, ''));
      if (!blocks.length || blocks.every((b) => Array.isArray(b.value) && !b.value.length)) return p.startsWith('root_block_device') ? [{ outcome: 'fail' as const, path: p }] : [];
      // A volume restored from a snapshot inherits the snapshot's encryption.
      if (lookup(r.attributes, p.replace(/encrypted$/, 'snapshot_id')).some((f) => f.value !== null && f.value !== '')) return [];
      return [expect(p, true)(r, ctx)].flat();
    });
    const fails = verdicts.filter((v) => v.outcome === 'fail');
    if (fails.length) return fails;
    return verdicts.find((v) => v.outcome === 'unknown') ?? verdicts[0] ?? { outcome: 'pass', path: paths[0] };
  };
}

export const instanceEbsEncryption = rule({
  id: 'IAC-TF-AWS-EC2-EBS-ENCRYPTION',
  title: 'Instance volumes are not encrypted',
  severity: 'medium',
  description:
    'Unencrypted EBS volumes and their snapshots hold data in the clear: a snapshot shared by mistake or copied by an insider exposes it. Encryption is free and transparent. Unlike Checkov, an aws_ebs_encryption_by_default in the configuration counts, since AWS then encrypts every new volume.',
  remediation: 'Set encrypted = true in root_block_device and every ebs_block_device (or enable aws_ebs_encryption_by_default).',
  remediationSnippet: tf(INSTANCE, 'root_block_device {\n  encrypted = true\n}').trimEnd(),
  helpUri: 'https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html',
  checkov: 'CKV_AWS_8',
  cwe: ['CWE-311'],
  resourceTypes: [INSTANCE, LC],
  check: volumesEncrypted(['root_block_device.encrypted', 'ebs_block_device.encrypted']),
  examples: {
    hcl: {
      fail: [
        tf(INSTANCE, 'ami = "ami-0abcdef1234567890"\nroot_block_device {\n  encrypted = false\n}'),
        tf(INSTANCE, 'ami = "ami-0abcdef1234567890"'),
        tf(INSTANCE, 'ami = "ami-0abcdef1234567890"\nroot_block_device {\n  encrypted = true\n}\nebs_block_device {\n  device_name = "/dev/sdf"\n  volume_size = 100\n}'),
      ],
      pass: [
        tf(INSTANCE, 'ami = "ami-0abcdef1234567890"\nroot_block_device {\n  encrypted = true\n}\nebs_block_device {\n  device_name = "/dev/sdf"\n  encrypted   = true\n}'),
        `${tf(DEFAULT_ENCRYPTION, 'enabled = true')}\n${tf(INSTANCE, 'ami = "ami-0abcdef1234567890"')}`,
      ],
      unknown: [tfVar('encrypted', INSTANCE, 'ami = "ami-0abcdef1234567890"\nroot_block_device {\n  encrypted = var.encrypted\n}')],
    },
    tfplan: {
      fail: [plan1(INSTANCE, { ami: 'ami-0abcdef1234567890', root_block_device: [{ encrypted: false, volume_size: 8 }], ebs_block_device: [] })],
      pass: [plan1(INSTANCE, { ami: 'ami-0abcdef1234567890', root_block_device: [{ encrypted: true, volume_size: 8 }], ebs_block_device: [] })],
    },
  },
});

export const launchTemplateEbsEncryption = rule({
  id: 'IAC-TF-AWS-LAUNCH-TEMPLATE-EBS-ENCRYPTION',
  title: 'Launch template volumes are not encrypted',
  severity: 'medium',
  description: 'Instances launched from the template (by Auto Scaling, EKS node groups, Batch) get unencrypted EBS volumes unless the account encrypts by default.',
  remediation: 'Set block_device_mappings { ebs { encrypted = true } } for every mapping (or enable aws_ebs_encryption_by_default).',
  remediationSnippet: tf(LT, 'block_device_mappings {\n  device_name = "/dev/xvda"\n  ebs {\n    encrypted = true\n  }\n}').trimEnd(),
  helpUri: 'https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html',
  cwe: ['CWE-311'],
  resourceTypes: [LT],
  check: (r, ctx) => {
    if (encryptedByDefault(ctx)) return { outcome: 'pass', path: 'block_device_mappings' };
    const ebs = lookup(r.attributes, 'block_device_mappings.ebs');
    if (!ebs.length) return { outcome: 'not-applicable' };
    return expect('block_device_mappings.ebs.encrypted', [true, 'true'])(r, ctx);
  },
  examples: {
    hcl: {
      fail: [tf(LT, 'block_device_mappings {\n  device_name = "/dev/xvda"\n  ebs {\n    volume_size = 20\n  }\n}')],
      pass: [tf(LT, 'block_device_mappings {\n  device_name = "/dev/xvda"\n  ebs {\n    encrypted = true\n  }\n}')],
      unknown: [tfVar('encrypted', LT, 'block_device_mappings {\n  device_name = "/dev/xvda"\n  ebs {\n    encrypted = var.encrypted\n  }\n}')],
    },
  },
});

export const ebsVolumeEncryption = attrRule({
  id: 'IAC-TF-AWS-EBS-VOLUME-ENCRYPTION',
  title: 'EBS volume is not encrypted',
  severity: 'medium',
  description:
    'An unencrypted volume and every snapshot of it hold data in the clear; a shared or leaked snapshot exposes it. Unlike Checkov, an aws_ebs_encryption_by_default in the configuration counts, since AWS then encrypts every new volume.',
  remediation: 'Set encrypted = true (with kms_key_id for a customer managed key), or enable aws_ebs_encryption_by_default.',
  checkov: 'CKV_AWS_3',
  cwe: ['CWE-311'],
  types: [VOLUME],
  path: 'encrypted',
  good: true,
  bad: false,
  whenMissing: 'fail',
  context: 'availability_zone = "eu-west-1a"\nsize              = 100',
  contextValues: { availability_zone: 'eu-west-1a', size: 100 },
  plan: true,
  wrap: (check) => (r, ctx) => (encryptedByDefault(ctx) ? { outcome: 'pass', path: 'encrypted' } : check(r, ctx)),
  extra: { pass: [`${tf(DEFAULT_ENCRYPTION, 'enabled = true')}\n${tf(VOLUME, 'availability_zone = "eu-west-1a"\nsize              = 100')}`] },
});

export const ebsDefaultEncryption = attrRule({
  id: 'IAC-TF-AWS-EBS-DEFAULT-ENCRYPTION',
  title: 'EBS encryption by default is turned off',
  severity: 'medium',
  description: 'With encryption by default off, every volume and snapshot created in the region without an explicit setting is unencrypted.',
  remediation: 'Set enabled = true (the default) in aws_ebs_encryption_by_default.',
  checkov: 'CKV_AWS_106',
  cis: ['CIS AWS 2.2.1'],
  cwe: ['CWE-311'],
  types: [DEFAULT_ENCRYPTION],
  path: 'enabled',
  good: true,
  bad: false,
  whenMissing: 'pass',
  plan: true,
});

export const publicIp = rule({
  id: 'IAC-TF-AWS-EC2-PUBLIC-IP',
  title: 'Instance gets a public IP address',
  severity: 'medium',
  description: 'A public IP makes the instance directly addressable from the internet; one permissive security group rule then exposes it. Instances belong behind load balancers or NAT.',
  remediation: 'Set associate_public_ip_address = false (on the instance, or in the launch template\'s network_interfaces).',
  remediationSnippet: tf(INSTANCE, 'associate_public_ip_address = false').trimEnd(),
  helpUri: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-instance-addressing.html',
  checkov: 'CKV_AWS_88',
  cwe: ['CWE-284'],
  resourceTypes: [INSTANCE, LT],
  check: (r, ctx) => {
    const path = r.type === LT ? 'network_interfaces.associate_public_ip_address' : 'associate_public_ip_address';
    return expect(path, [false, 'false'], { whenMissing: 'pass' })(r, ctx);
  },
  examples: {
    hcl: {
      fail: [tf(INSTANCE, 'ami                         = "ami-0abcdef1234567890"\nassociate_public_ip_address = true'), tf(LT, 'network_interfaces {\n  associate_public_ip_address = "true"\n}')],
      pass: [tf(INSTANCE, 'ami                         = "ami-0abcdef1234567890"\nassociate_public_ip_address = false'), tf(LT, 'image_id = "ami-0abcdef1234567890"')],
      unknown: [tfVar('public', INSTANCE, 'ami                         = "ami-0abcdef1234567890"\nassociate_public_ip_address = var.public')],
    },
    tfplan: {
      fail: [plan1(INSTANCE, { ami: 'ami-0abcdef1234567890', associate_public_ip_address: true })],
      pass: [plan1(INSTANCE, { ami: 'ami-0abcdef1234567890', associate_public_ip_address: false })],
    },
  },
});

export const detailedMonitoring = attrRule({
  id: 'IAC-TF-AWS-EC2-DETAILED-MONITORING',
  title: 'Instance detailed monitoring is off',
  severity: 'low',
  description: 'Basic monitoring reports metrics every five minutes; one-minute metrics catch spikes, scaling needs and abuse (crypto-mining, floods) sooner.',
  remediation: 'Set monitoring = true.',
  checkov: 'CKV_AWS_126',
  types: [INSTANCE],
  path: 'monitoring',
  good: true,
  bad: false,
  whenMissing: 'fail',
  context: 'ami = "ami-0abcdef1234567890"',
  contextValues: { ami: 'ami-0abcdef1234567890' },
  plan: true,
});

export const ebsOptimized = attrRule({
  id: 'IAC-TF-AWS-EC2-EBS-OPTIMIZED',
  title: 'Instance is not EBS-optimized',
  severity: 'low',
  description: 'Without EBS optimization, storage I/O shares bandwidth with network traffic, so heavy traffic can starve the disks (and the reverse). Current instance types are EBS-optimized by default, so unlike Checkov an unset ebs_optimized passes; setting it false turns that off where it is optional.',
  remediation: 'Set ebs_optimized = true (or leave it unset on instance types that are EBS-optimized by default).',
  checkov: 'CKV_AWS_135',
  types: [INSTANCE],
  path: 'ebs_optimized',
  good: true,
  bad: false,
  whenMissing: 'pass',
  context: 'ami = "ami-0abcdef1234567890"',
  contextValues: { ami: 'ami-0abcdef1234567890' },
  plan: true,
});

/** An access key id, or a secret access key assigned in a script or config file. */
const AWS_KEY = /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b|aws_secret_access_key\s*[=:]\s*["']?[A-Za-z0-9/+]{40}/;

export const userDataSecrets = rule({
  id: 'IAC-TF-AWS-EC2-USER-DATA-AWS-KEYS',
  title: 'Instance user data holds AWS access keys',
  severity: 'high',
  description: 'User data is readable by anyone who can describe the instance (and from inside it via the metadata service); keys written there leak with it. Instances get credentials from their instance profile.',
  remediation: 'Remove the keys, rotate them, and give the instance an IAM instance profile (iam_instance_profile) with the permissions it needs.',
  remediationSnippet: tf(INSTANCE, 'iam_instance_profile = aws_iam_instance_profile.app.name').trimEnd(),
  checkov: 'CKV_AWS_46',
  cwe: ['CWE-798'],
  resourceTypes: [INSTANCE, LT, LC],
  // Plans hold a hash of user_data, not the script: only configurations are judged.
  check: (r, ctx) => {
    if (!lookup(r.attributes, 'user_data').length) return { outcome: 'not-applicable' };
    return forbid('user_data', (v) => typeof v === 'string' && AWS_KEY.test(v))(r, ctx);
  },
  examples: {
    hcl: {
      fail: [tf(INSTANCE, 'ami       = "ami-0abcdef1234567890"\nuser_data = <<-EOT\n  #!/bin/bash\n  export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n  export AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n  EOT')],
      pass: [tf(INSTANCE, 'ami                  = "ami-0abcdef1234567890"\niam_instance_profile = aws_iam_instance_profile.app.name\nuser_data            = <<-EOT\n  #!/bin/bash\n  yum install -y nginx\n  EOT')],
      unknown: [tfVar('script', INSTANCE, 'ami       = "ami-0abcdef1234567890"\nuser_data = var.script')],
    },
  },
});

export const ec2Rules: readonly IacRule[] = [
  userDataSecrets,
  imdsv2,
  instanceEbsEncryption,
  launchTemplateEbsEncryption,
  ebsVolumeEncryption,
  ebsDefaultEncryption,
  publicIp,
  detailedMonitoring,
  ebsOptimized,
];
