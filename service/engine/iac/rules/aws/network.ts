// Security groups, VPC flow logs and EC2 instances, launch templates and volumes.
import { expect, fail, forbid, notApplicable, pass, unknown } from '../../helpers';
import type { IacObject, IacResource, IacRule, IacValue, Verdict } from '../../types';
import { asNumber, isObject, isUnknown } from '../../values';
import { cfn, cfnJson, cfnParam } from './templates';

const SG = 'AWS::EC2::SecurityGroup';
const INGRESS = 'AWS::EC2::SecurityGroupIngress';
const EGRESS = 'AWS::EC2::SecurityGroupEgress';

/** The ingress rules of a security group (its SecurityGroupIngress list) or of a standalone ingress resource. */
function ingressRules(r: IacResource): { path: string; rule: IacValue }[] {
  if (r.type === INGRESS) return [{ path: '', rule: r.attributes }];
  const list = r.attributes.SecurityGroupIngress;
  if (list === undefined) return [];
  if (!Array.isArray(list)) return [{ path: 'SecurityGroupIngress', rule: list }];
  return list.map((rule, i) => ({ path: `SecurityGroupIngress[${i}]`, rule }));
}

const at = (base: string, key: string) => (base ? `${base}.${key}` : key);

/** A CIDR with prefix length 0 (0.0.0.0/0, ::/0, 0000:…:0000/0): every address. */
const anywhere = (v: IacValue | undefined): boolean => typeof v === 'string' && /^[0-9a-f.:]+\/0$/i.test(v.trim());

/** From anywhere: CidrIp 0.0.0.0/0 or CidrIpv6 ::/0 (in any spelling). */
function fromInternet(rule: IacObject): boolean | 'unknown' {
  const sources = [rule.CidrIp, rule.CidrIpv6].filter((v) => v !== undefined);
  if (sources.some(anywhere)) return true;
  return sources.some(isUnknown) ? 'unknown' : false;
}

const ALL_PROTOCOLS = new Set(['-1', 'all']);

/** Whether the rule opens `port` (undefined: every port, the whole range) for the protocols given. */
function opens(rule: IacObject, port: number | undefined, protocols: readonly string[]): boolean | 'unknown' {
  const proto = rule.IpProtocol;
  if (isUnknown(proto)) return 'unknown';
  const p = String(proto).toLowerCase();
  if (ALL_PROTOCOLS.has(p)) return true;
  if (port === undefined) {
    const from = asNumber(rule.FromPort);
    const to = asNumber(rule.ToPort);
    if (isUnknown(rule.FromPort) || isUnknown(rule.ToPort)) return 'unknown';
    return from !== undefined && to !== undefined && ((from <= 0 && to >= 65535) || (from === -1 && to === -1));
  }
  if (!protocols.includes(p)) return false;
  if (isUnknown(rule.FromPort) || isUnknown(rule.ToPort)) return 'unknown';
  const from = asNumber(rule.FromPort);
  const to = asNumber(rule.ToPort);
  if (from === undefined || to === undefined) return false;
  if (from === -1 && to === -1) return true;
  return from <= port && port <= to;
}

function openIngress(port: number | undefined, protocols: readonly string[]) {
  return (r: IacResource): Verdict | Verdict[] => {
    const rules = ingressRules(r);
    if (!rules.length) return pass('SecurityGroupIngress');
    const fails: Verdict[] = [];
    let unsure: Verdict | undefined;
    for (const { path, rule } of rules) {
      if (isUnknown(rule)) {
        unsure ??= unknown(path, rule);
        continue;
      }
      if (!isObject(rule)) continue;
      const internet = fromInternet(rule);
      const open = opens(rule, port, protocols);
      if (internet === true && open === true) {
        const key = anywhere(rule.CidrIp) ? 'CidrIp' : 'CidrIpv6';
        fails.push(fail(at(path, key), rule[key]));
      }
      else if (internet !== false && open !== false) unsure ??= unknown(at(path, internet === 'unknown' ? 'CidrIp' : 'FromPort'));
    }
    return fails.length ? fails : unsure ?? pass(rules[0].path || 'CidrIp');
  };
}

const sgWith = (rule: string) => `GroupDescription: web\nVpcId: vpc-123\nSecurityGroupIngress:\n  - ${rule.split('\n').join('\n    ')}`;

function openPortRule(id: string, port: number, name: string, checkovId: string, cis: string): IacRule {
  return {
    id,
    title: `Security group allows ${name} (port ${port}) from the internet`,
    severity: 'high',
    description: `${name} on port ${port} open to 0.0.0.0/0 or ::/0 is scanned and brute-forced within minutes of exposure; remote administration belongs behind a VPN, a bastion or Session Manager. A port range or all-protocol rule that covers port ${port} counts, not only a rule for exactly that port.`,
    remediation: `Limit the CidrIp of the port ${port} rule to known networks, or remove it and use AWS Systems Manager Session Manager.`,
    remediationSnippet: `SecurityGroupIngress:\n  - IpProtocol: tcp\n    FromPort: ${port}\n    ToPort: ${port}\n    CidrIp: 10.0.0.0/16\n    Description: ${name} from the corporate network`,
    helpUri: 'https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html',
    checkov: checkovId,
    cis: [cis],
    cwe: ['CWE-284'],
    model: 'aws',
    resourceTypes: [SG, INGRESS],
    check: openIngress(port, ['tcp', '6']),
    examples: {
      cfn: {
        fail: [
          cfn(SG, sgWith(`IpProtocol: tcp\nFromPort: ${port}\nToPort: ${port}\nCidrIp: 0.0.0.0/0`)),
          cfn(SG, sgWith(`IpProtocol: tcp\nFromPort: ${port - 2}\nToPort: ${port + 100}\nCidrIpv6: ::/0`)),
          cfnJson(INGRESS, { GroupId: 'sg-1', IpProtocol: '-1', CidrIp: '0.0.0.0/0' }),
          cfn(SG, sgWith(`IpProtocol: tcp\nFromPort: '${port}'\nToPort: '${port}'\nCidrIpv6: !Ref Everyone`), { parameters: "Everyone:\n  Type: String\n  Default: '0:0:0:0:0:0:0:0/0'" }),
        ],
        pass: [
          cfn(SG, sgWith(`IpProtocol: tcp\nFromPort: ${port}\nToPort: ${port}\nCidrIp: 10.0.0.0/8`)),
          cfn(SG, sgWith(`IpProtocol: tcp\nFromPort: ${port + 1}\nToPort: ${port - 1}\nCidrIp: 0.0.0.0/0`)),
          cfn(SG, sgWith('IpProtocol: tcp\nFromPort: 443\nToPort: 443\nCidrIp: 0.0.0.0/0')),
          cfnJson(INGRESS, { GroupId: 'sg-1', IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '0.0.0.0/0' }),
        ],
        unknown: [cfnParam(SG, sgWith(`IpProtocol: tcp\nFromPort: ${port}\nToPort: ${port}\nCidrIp: !Ref Setting`))],
      },
    },
  };
}

export const sgOpenSsh = openPortRule('IAC-AWS-SG-SSH-FROM-INTERNET', 22, 'SSH', 'CKV_AWS_24', 'CIS AWS 5.2');
export const sgOpenRdp = openPortRule('IAC-AWS-SG-RDP-FROM-INTERNET', 3389, 'RDP', 'CKV_AWS_25', 'CIS AWS 5.2');

export const sgAllPorts: IacRule = {
  id: 'IAC-AWS-SG-ALL-PORTS-FROM-INTERNET',
  title: 'Security group allows all ports from the internet',
  severity: 'critical',
  description: 'An ingress rule for every protocol or the whole port range from 0.0.0.0/0 or ::/0 exposes every service on the instances, including ones never meant to be reachable.',
  remediation: 'Open only the ports the service needs (e.g. 443) to the internet.',
  remediationSnippet: 'SecurityGroupIngress:\n  - IpProtocol: tcp\n    FromPort: 443\n    ToPort: 443\n    CidrIp: 0.0.0.0/0',
  helpUri: 'https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html',
  cwe: ['CWE-284'],
  model: 'aws',
  resourceTypes: [SG, INGRESS],
  check: openIngress(undefined, []),
  examples: {
    cfn: {
      fail: [cfn(SG, sgWith("IpProtocol: '-1'\nCidrIp: 0.0.0.0/0")), cfnJson(INGRESS, { GroupId: 'sg-1', IpProtocol: 'tcp', FromPort: 0, ToPort: 65535, CidrIpv6: '::/0' })],
      pass: [cfn(SG, sgWith('IpProtocol: tcp\nFromPort: 443\nToPort: 443\nCidrIp: 0.0.0.0/0')), cfn(SG, sgWith("IpProtocol: '-1'\nCidrIp: 10.0.0.0/16"))],
      unknown: [cfnParam(SG, sgWith("IpProtocol: '-1'\nCidrIp: !Ref Setting"))],
    },
  },
};

export const sgRuleDescription: IacRule = {
  id: 'IAC-AWS-SG-RULE-DESCRIPTION',
  title: 'Security group rule has no description',
  severity: 'low',
  description: 'A rule without a description cannot be reviewed: nobody can tell later why the port is open or whether it may be closed.',
  remediation: 'Give every ingress and egress rule a Description (and the group a meaningful GroupDescription).',
  remediationSnippet: 'SecurityGroupIngress:\n  - IpProtocol: tcp\n    FromPort: 443\n    ToPort: 443\n    CidrIp: 0.0.0.0/0\n    Description: HTTPS from the internet to the load balancer',
  helpUri: 'https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html',
  checkov: 'CKV_AWS_23',
  model: 'aws',
  resourceTypes: [SG, INGRESS, EGRESS],
  check: (r) => {
    if (r.type !== SG) return expect('Description', (v) => typeof v === 'string' && v.trim() !== '')(r, { resources: [], ofType: () => [] });
    const verdicts: Verdict[] = [];
    for (const key of ['SecurityGroupIngress', 'SecurityGroupEgress']) {
      const list = r.attributes[key];
      if (isUnknown(list)) verdicts.push(unknown(key, list));
      else if (Array.isArray(list))
        list.forEach((rule, i) => {
          if (!isObject(rule)) return;
          if (isUnknown(rule.Description)) verdicts.push(unknown(`${key}[${i}].Description`, rule.Description));
          else if (typeof rule.Description !== 'string' || !rule.Description.trim()) verdicts.push(fail(`${key}[${i}].Description`));
        });
    }
    const fails = verdicts.filter((v) => v.outcome === 'fail');
    if (fails.length) return fails;
    return verdicts[0] ?? pass('SecurityGroupIngress');
  },
  examples: {
    cfn: {
      fail: [cfn(SG, sgWith('IpProtocol: tcp\nFromPort: 443\nToPort: 443\nCidrIp: 0.0.0.0/0')), cfnJson(EGRESS, { GroupId: 'sg-1', IpProtocol: '-1', CidrIp: '0.0.0.0/0' })],
      pass: [cfn(SG, sgWith('IpProtocol: tcp\nFromPort: 443\nToPort: 443\nCidrIp: 0.0.0.0/0\nDescription: HTTPS to the load balancer')), cfnJson(INGRESS, { GroupId: 'sg-1', IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '0.0.0.0/0', Description: 'HTTPS' })],
      unknown: [cfnParam(SG, sgWith('IpProtocol: tcp\nFromPort: 443\nToPort: 443\nCidrIp: 0.0.0.0/0\nDescription: !Ref Setting'))],
    },
  },
};

const VPC = 'AWS::EC2::VPC';

export const vpcFlowLogs: IacRule = {
  id: 'IAC-AWS-VPC-FLOW-LOGS',
  title: 'VPC has no flow log',
  severity: 'medium',
  description: 'Without flow logs there is no record of the traffic in the VPC: connections to a compromised instance or data leaving the network cannot be traced.',
  remediation: 'Add an AWS::EC2::FlowLog with ResourceType VPC and ResourceId !Ref to the VPC.',
  remediationSnippet: 'VpcFlowLog:\n  Type: AWS::EC2::FlowLog\n  Properties:\n    ResourceId: !Ref Vpc\n    ResourceType: VPC\n    TrafficType: ALL\n    LogDestinationType: s3\n    LogDestination: !GetAtt FlowLogBucket.Arn',
  helpUri: 'https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs.html',
  cis: ['CIS AWS 3.9'],
  cwe: ['CWE-778'],
  model: 'aws',
  resourceTypes: [VPC],
  check: (r, ctx) => {
    let unsure = false;
    for (const log of ctx.ofType('AWS::EC2::FlowLog')) {
      const target = log.attributes.ResourceId;
      if (isUnknown(target)) {
        if (target.refs.includes(r.name)) return pass();
        if (!target.refs.some((ref) => ctx.resources.some((x) => x.name === ref))) unsure = true;
      }
    }
    if (unsure) return unknown(undefined, undefined, 'a flow log in the template names a resource that is not known before deployment');
    return fail(undefined, undefined, `VPC has no flow log: no AWS::EC2::FlowLog in the template has ResourceId ${r.name}`);
  },
  examples: {
    cfn: {
      fail: [cfn(VPC, 'CidrBlock: 10.0.0.0/16', { id: 'Vpc' })],
      pass: [cfn(VPC, 'CidrBlock: 10.0.0.0/16', { id: 'Vpc', more: 'VpcFlowLog:\n  Type: AWS::EC2::FlowLog\n  Properties:\n    ResourceId: !Ref Vpc\n    ResourceType: VPC\n    TrafficType: ALL\n    LogDestinationType: s3\n    LogDestination: arn:aws:s3:::flow-logs' })],
      unknown: [cfn(VPC, 'CidrBlock: 10.0.0.0/16', { id: 'Vpc', parameters: 'VpcId:\n  Type: String', more: 'VpcFlowLog:\n  Type: AWS::EC2::FlowLog\n  Properties:\n    ResourceId: !Ref VpcId\n    ResourceType: VPC\n    TrafficType: ALL' })],
    },
  },
};

const LT = 'AWS::EC2::LaunchTemplate';
const INSTANCE = 'AWS::EC2::Instance';

const LAUNCH_CONFIGURATION = 'AWS::AutoScaling::LaunchConfiguration';

export const ec2Imdsv2: IacRule = {
  id: 'IAC-AWS-EC2-IMDSV2',
  title: 'EC2 instance metadata service does not require IMDSv2',
  severity: 'high',
  description:
    'IMDSv1 answers plain GET requests, so an SSRF flaw in an application on the instance can read the instance role\'s credentials. IMDSv2 requires a session token obtained with a PUT. Instances and launch configurations are judged as well as launch templates (Checkov reads launch templates only).',
  remediation: 'Set MetadataOptions.HttpTokens to required (LaunchTemplateData.MetadataOptions in a launch template), or HttpEndpoint to disabled.',
  remediationSnippet: 'MetadataOptions:\n  HttpTokens: required\n  HttpPutResponseHopLimit: 1',
  helpUri: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-IMDS-new-instances.html',
  checkov: 'CKV_AWS_79',
  cwe: ['CWE-918'],
  model: 'aws',
  resourceTypes: [LT, INSTANCE, LAUNCH_CONFIGURATION],
  check: (r, ctx) => {
    const base = r.type === LT ? 'LaunchTemplateData.MetadataOptions' : 'MetadataOptions';
    // An instance started from a launch template without options of its own gets the template's: that resource is judged.
    if (r.type === INSTANCE && r.attributes.MetadataOptions === undefined && r.attributes.LaunchTemplate !== undefined) return notApplicable();
    const options = lookupOptions(r, base);
    if (isObject(options) && options.HttpEndpoint === 'disabled') return pass(`${base}.HttpEndpoint`, 'disabled');
    return expect(`${base}.HttpTokens`, 'required')(r, ctx);
  },
  examples: {
    cfn: {
      fail: [
        cfn(LT, 'LaunchTemplateData:\n  ImageId: ami-123\n  MetadataOptions:\n    HttpTokens: optional'),
        cfnJson(LT, { LaunchTemplateData: { ImageId: 'ami-123' } }),
        cfn(INSTANCE, 'ImageId: ami-123\nInstanceType: t3.micro'),
        cfn(LAUNCH_CONFIGURATION, 'ImageId: ami-123\nInstanceType: t3.micro\nMetadataOptions:\n  HttpTokens: optional'),
      ],
      pass: [
        cfn(LT, 'LaunchTemplateData:\n  ImageId: ami-123\n  MetadataOptions:\n    HttpTokens: required'),
        cfn(LT, 'LaunchTemplateData:\n  MetadataOptions:\n    HttpEndpoint: disabled'),
        cfn(INSTANCE, 'ImageId: ami-123\nInstanceType: t3.micro\nMetadataOptions:\n  HttpTokens: required'),
        cfnJson(LAUNCH_CONFIGURATION, { ImageId: 'ami-123', InstanceType: 't3.micro', MetadataOptions: { HttpTokens: 'required' } }),
      ],
      unknown: [cfnParam(LT, 'LaunchTemplateData:\n  MetadataOptions:\n    HttpTokens: !Ref Setting'), cfnParam(INSTANCE, 'ImageId: ami-123\nMetadataOptions:\n  HttpTokens: !Ref Setting')],
    },
  },
};

function lookupOptions(r: IacResource, path: string): IacValue | undefined {
  let v: IacValue | undefined = r.attributes;
  for (const key of path.split('.')) v = isObject(v) ? v[key] : undefined;
  return v;
}

export const ebsVolumeEncryption: IacRule = {
  id: 'IAC-AWS-EBS-VOLUME-ENCRYPTION',
  title: 'EBS volume is not encrypted',
  severity: 'high',
  description: 'An unencrypted volume, and every snapshot taken of it, holds its data in clear text; a shared or leaked snapshot exposes everything on it.',
  remediation: 'Set Encrypted: true (with a KmsKeyId for a customer managed key), or turn on EBS encryption by default for the account.',
  remediationSnippet: 'Encrypted: true\nKmsKeyId: !Ref VolumeKey',
  helpUri: 'https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html',
  checkov: 'CKV_AWS_3',
  cis: ['CIS AWS 2.2.1'],
  cwe: ['CWE-311'],
  model: 'aws',
  resourceTypes: ['AWS::EC2::Volume'],
  check: expect('Encrypted', true),
  examples: {
    cfn: {
      fail: [cfn('AWS::EC2::Volume', 'AvailabilityZone: eu-west-1a\nSize: 100'), cfnJson('AWS::EC2::Volume', { AvailabilityZone: 'eu-west-1a', Size: 100, Encrypted: false })],
      pass: [cfn('AWS::EC2::Volume', 'AvailabilityZone: eu-west-1a\nSize: 100\nEncrypted: true')],
      unknown: [cfnParam('AWS::EC2::Volume', 'AvailabilityZone: eu-west-1a\nSize: 100\nEncrypted: !Ref Setting')],
    },
  },
};

export const launchConfigurationEbsEncryption: IacRule = {
  id: 'IAC-AWS-LAUNCH-CONFIGURATION-EBS-ENCRYPTION',
  title: 'Launch configuration has an unencrypted EBS volume',
  severity: 'high',
  description: 'Every instance the Auto Scaling group starts gets the launch configuration\'s volumes; an unencrypted one stores its data in clear text.',
  remediation: 'Set Ebs.Encrypted: true on every BlockDeviceMappings entry with an Ebs volume.',
  remediationSnippet: 'BlockDeviceMappings:\n  - DeviceName: /dev/xvda\n    Ebs:\n      VolumeSize: 20\n      Encrypted: true',
  helpUri: 'https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-data-protection.html',
  checkov: 'CKV_AWS_8',
  cwe: ['CWE-311'],
  model: 'aws',
  resourceTypes: ['AWS::AutoScaling::LaunchConfiguration'],
  check: (r, ctx) => {
    const list = r.attributes.BlockDeviceMappings;
    if (list === undefined || (Array.isArray(list) && !list.some((m) => isObject(m) && m.Ebs !== undefined))) return notApplicable();
    return expect('BlockDeviceMappings.Ebs.Encrypted', true)(r, ctx);
  },
  examples: {
    cfn: {
      fail: [cfn('AWS::AutoScaling::LaunchConfiguration', 'ImageId: ami-123\nInstanceType: t3.micro\nBlockDeviceMappings:\n  - DeviceName: /dev/xvda\n    Ebs:\n      VolumeSize: 20')],
      pass: [cfn('AWS::AutoScaling::LaunchConfiguration', 'ImageId: ami-123\nInstanceType: t3.micro\nBlockDeviceMappings:\n  - DeviceName: /dev/xvda\n    Ebs:\n      VolumeSize: 20\n      Encrypted: true')],
      unknown: [cfnParam('AWS::AutoScaling::LaunchConfiguration', 'ImageId: ami-123\nInstanceType: t3.micro\nBlockDeviceMappings:\n  - DeviceName: /dev/xvda\n    Ebs:\n      Encrypted: !Ref Setting')],
    },
  },
};

export const ec2PublicIp: IacRule = {
  id: 'IAC-AWS-EC2-PUBLIC-IP',
  title: 'EC2 instance gets a public IP address',
  severity: 'medium',
  description: 'An instance with a public IP is reachable from the internet as far as its security groups allow; a later change to a group exposes it at once.',
  remediation: 'Set AssociatePublicIpAddress: false and reach the instance through a load balancer, NAT or Session Manager.',
  remediationSnippet: 'NetworkInterfaces:\n  - DeviceIndex: 0\n    SubnetId: !Ref PrivateSubnet\n    AssociatePublicIpAddress: false',
  helpUri: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-instance-addressing.html',
  checkov: 'CKV_AWS_88',
  cwe: ['CWE-284'],
  model: 'aws',
  resourceTypes: [INSTANCE, LT],
  check: (r, ctx) => forbid(r.type === LT ? 'LaunchTemplateData.NetworkInterfaces.AssociatePublicIpAddress' : 'NetworkInterfaces.AssociatePublicIpAddress', true)(r, ctx),
  examples: {
    cfn: {
      fail: [
        cfn(INSTANCE, 'ImageId: ami-123\nNetworkInterfaces:\n  - DeviceIndex: 0\n    SubnetId: subnet-1\n    AssociatePublicIpAddress: true'),
        cfnJson(LT, { LaunchTemplateData: { NetworkInterfaces: [{ DeviceIndex: 0, AssociatePublicIpAddress: true }] } }),
      ],
      pass: [cfn(INSTANCE, 'ImageId: ami-123\nNetworkInterfaces:\n  - DeviceIndex: 0\n    SubnetId: subnet-1\n    AssociatePublicIpAddress: false'), cfn(INSTANCE, 'ImageId: ami-123\nSubnetId: subnet-1')],
      unknown: [cfnParam(INSTANCE, 'ImageId: ami-123\nNetworkInterfaces:\n  - DeviceIndex: 0\n    AssociatePublicIpAddress: !Ref Setting')],
    },
  },
};

/** AWS access key ids (long-term AKIA, temporary ASIA…): what hard-coded credentials look like. */
export const AWS_ACCESS_KEY_ID = /\b(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|APKA)[A-Z2-7]{16}\b/;
/** `aws_secret_access_key = …` and its spellings, with a 40-character key. */
export const AWS_SECRET_KEY = /aws_?secret_?(?:access_?)?key["']?\s*[:=]\s*["']?[A-Za-z0-9/+]{40}\b/i;

/** User data written already base64-encoded (a literal, not !Base64): its decoded text, when it is UTF-8 text. */
function decodedBase64(text: string): string | undefined {
  const compact = text.replace(/\s+/g, '');
  if (compact.length < 16 || compact.length > 65_536 || compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) return undefined;
  const decoded = Buffer.from(compact, 'base64').toString('utf8');
  return decoded.includes('\uFFFD') ? undefined : decoded;
}

export const ec2UserDataSecrets: IacRule = {
  id: 'IAC-AWS-EC2-USERDATA-SECRETS',
  title: 'EC2 user data holds AWS credentials',
  severity: 'critical',
  description:
    'User data is readable by anyone who can describe the instance and from the instance metadata service; access keys written into it leak with it (user data written already base64-encoded is decoded first). Instances get credentials from their instance profile.',
  remediation: 'Remove the keys from UserData, rotate them, and give the instance an IAM instance profile (or read secrets from Secrets Manager at boot).',
  remediationSnippet: 'IamInstanceProfile: !Ref AppInstanceProfile',
  helpUri: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/iam-roles-for-amazon-ec2.html',
  checkov: 'CKV_AWS_46',
  cwe: ['CWE-798'],
  model: 'aws',
  resourceTypes: [INSTANCE],
  check: (r) => {
    const data = r.attributes.UserData;
    if (data === undefined) return pass('UserData');
    if (isUnknown(data)) return unknown('UserData', data);
    if (typeof data === 'string' && [data, decodedBase64(data)].some((text) => text !== undefined && (AWS_ACCESS_KEY_ID.test(text) || AWS_SECRET_KEY.test(text)))) {
      return fail('UserData', undefined, `EC2 user data holds AWS credentials: ${r.address} has an AWS access key in UserData`);
    }
    return pass('UserData');
  },
  examples: {
    cfn: {
      fail: [
        cfn(INSTANCE, `ImageId: ami-123\nUserData: !Base64 |\n  #!/bin/bash\n  export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n  aws s3 cp s3://config/app.conf /etc/app.conf`),
        cfn(INSTANCE, `ImageId: ami-123\nUserData: ${Buffer.from('#!/bin/bash\nexport AWS_ACCESS_KEY_ID=AKIAQ3EXAMPLEKEY2345\nsystemctl start app\n').toString('base64')}`),
      ],
      pass: [cfn(INSTANCE, 'ImageId: ami-123\nUserData: !Base64 |\n  #!/bin/bash\n  yum install -y nginx')],
      unknown: [cfnParam(INSTANCE, "ImageId: ami-123\nUserData: !Base64\n  Fn::Join: ['', ['#!/bin/bash\\n', !Ref Setting]]")],
    },
  },
};

export const networkRules: readonly IacRule[] = [
  sgOpenSsh,
  sgOpenRdp,
  sgAllPorts,
  sgRuleDescription,
  vpcFlowLogs,
  ec2Imdsv2,
  ebsVolumeEncryption,
  launchConfigurationEbsEncryption,
  ec2PublicIp,
  ec2UserDataSecrets,
];
