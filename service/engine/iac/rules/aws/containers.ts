// Container services: ECR repositories, ECS task definitions and EKS clusters.
import { expect, fail, forbid, pass, unknown } from '../../helpers';
import type { IacRule, Verdict } from '../../types';
import { isObject, isUnknown } from '../../values';
import { listOf, propertyRule } from './templates';

const ECR = 'AWS::ECR::Repository';

export const ecrScanOnPush = propertyRule({
  id: 'IAC-AWS-ECR-SCAN-ON-PUSH',
  title: 'ECR repository does not scan images on push',
  severity: 'medium',
  description: 'Without scan on push, images with known vulnerabilities are stored and deployed without anyone being told.',
  remediation: 'Set ImageScanningConfiguration.ScanOnPush: true (or enable enhanced scanning for the registry).',
  remediationSnippet: 'ImageScanningConfiguration:\n  ScanOnPush: true',
  helpUri: 'https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-scanning-basic.html',
  checkov: 'CKV_AWS_163',
  cwe: ['CWE-1104'],
  resourceTypes: [ECR],
  check: expect('ImageScanningConfiguration.ScanOnPush', true),
  fail: ['RepositoryName: api'],
  pass: ['RepositoryName: api\nImageScanningConfiguration:\n  ScanOnPush: true'],
  unknown: 'RepositoryName: api\nImageScanningConfiguration:\n  ScanOnPush: !Ref Setting',
  json: { fail: [{ RepositoryName: 'api', ImageScanningConfiguration: { ScanOnPush: false } }] },
});

export const ecrImmutableTags = propertyRule({
  id: 'IAC-AWS-ECR-IMMUTABLE-TAGS',
  title: 'ECR repository tags are mutable',
  severity: 'medium',
  description: 'With mutable tags anyone who can push may replace the image behind a tag such as v1.2.3 or latest, and the next deployment runs it.',
  remediation: 'Set ImageTagMutability: IMMUTABLE.',
  remediationSnippet: 'ImageTagMutability: IMMUTABLE',
  helpUri: 'https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-tag-mutability.html',
  checkov: 'CKV_AWS_51',
  cwe: ['CWE-494'],
  resourceTypes: [ECR],
  check: expect('ImageTagMutability', ['IMMUTABLE', 'IMMUTABLE_WITH_EXCLUSION']),
  fail: ['RepositoryName: api', 'RepositoryName: api\nImageTagMutability: MUTABLE'],
  pass: ['RepositoryName: api\nImageTagMutability: IMMUTABLE'],
  unknown: 'RepositoryName: api\nImageTagMutability: !Ref Setting',
});

export const ecrKms = propertyRule({
  id: 'IAC-AWS-ECR-KMS',
  title: 'ECR repository is not encrypted with KMS',
  severity: 'low',
  description: 'Images are encrypted with S3-managed keys by default; KMS encryption puts pulls behind a key policy and records key use in CloudTrail.',
  remediation: 'Set EncryptionConfiguration.EncryptionType: KMS (with a KmsKey for a customer managed key).',
  remediationSnippet: 'EncryptionConfiguration:\n  EncryptionType: KMS\n  KmsKey: !Ref ImagesKey',
  helpUri: 'https://docs.aws.amazon.com/AmazonECR/latest/userguide/encryption-at-rest.html',
  checkov: 'CKV_AWS_136',
  cwe: ['CWE-311'],
  resourceTypes: [ECR],
  check: expect('EncryptionConfiguration.EncryptionType', ['KMS', 'KMS_DSSE']),
  fail: ['RepositoryName: api', 'RepositoryName: api\nEncryptionConfiguration:\n  EncryptionType: AES256'],
  pass: ['RepositoryName: api\nEncryptionConfiguration:\n  EncryptionType: KMS'],
  unknown: 'RepositoryName: api\nEncryptionConfiguration:\n  EncryptionType: !Ref Setting',
});

const TASK = 'AWS::ECS::TaskDefinition';
const container = (extra = '') => `Family: api\nContainerDefinitions:\n  - Name: api\n    Image: 111122223333.dkr.ecr.eu-west-1.amazonaws.com/api:1.4.2${extra ? `\n${extra.replace(/^/gm, '    ')}` : ''}`;

export const ecsPrivileged = propertyRule({
  id: 'IAC-AWS-ECS-PRIVILEGED-CONTAINER',
  title: 'ECS container runs privileged',
  severity: 'high',
  description: 'A privileged container has the root privileges of the host: escaping it takes little, and it can reach every other task on the instance.',
  remediation: 'Remove Privileged (it defaults to false) and grant only the Linux capabilities needed.',
  remediationSnippet: 'Privileged: false',
  helpUri: 'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html',
  cwe: ['CWE-250'],
  resourceTypes: [TASK],
  check: forbid('ContainerDefinitions.Privileged', true),
  fail: [container('Privileged: true')],
  pass: [container(), container('Privileged: false')],
  unknown: container('Privileged: !Ref Setting'),
});

export const ecsReadOnlyRoot = propertyRule({
  id: 'IAC-AWS-ECS-READONLY-ROOT-FILESYSTEM',
  title: 'ECS container root filesystem is writable',
  severity: 'low',
  description: 'A writable root filesystem lets an intruder drop tools and change binaries in the container; a read-only one limits writes to declared volumes.',
  remediation: 'Set ReadonlyRootFilesystem: true and mount volumes for the paths the application writes.',
  remediationSnippet: 'ReadonlyRootFilesystem: true',
  helpUri: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/security-tasks-containers.html',
  cwe: ['CWE-732'],
  resourceTypes: [TASK],
  check: (r) => {
    const defs = r.attributes.ContainerDefinitions;
    if (isUnknown(defs)) return unknown('ContainerDefinitions', defs);
    const verdicts: Verdict[] = [];
    listOf(defs).forEach((c, i) => {
      if (!isObject(c)) return;
      const path = `ContainerDefinitions[${i}].ReadonlyRootFilesystem`;
      if (isUnknown(c.ReadonlyRootFilesystem)) verdicts.push(unknown(path, c.ReadonlyRootFilesystem));
      else if (c.ReadonlyRootFilesystem !== true && c.ReadonlyRootFilesystem !== 'true') verdicts.push(fail(path, c.ReadonlyRootFilesystem));
    });
    const fails = verdicts.filter((v) => v.outcome === 'fail');
    return fails.length ? fails : verdicts[0] ?? pass('ContainerDefinitions');
  },
  fail: [container()],
  pass: [container('ReadonlyRootFilesystem: true')],
  unknown: container('ReadonlyRootFilesystem: !Ref Setting'),
});

export const ecsRootUser = propertyRule({
  id: 'IAC-AWS-ECS-ROOT-USER',
  title: 'ECS container runs as root',
  severity: 'medium',
  description: 'A container whose User is root (or uid 0) gives a compromised process root inside the container, one step from the host and from the task\'s credentials.',
  remediation: 'Set User to an unprivileged uid (e.g. "1000:1000") and build the image to run as that user.',
  remediationSnippet: 'User: "1000:1000"',
  helpUri: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/security-tasks-containers.html',
  cwe: ['CWE-250'],
  resourceTypes: [TASK],
  check: forbid('ContainerDefinitions.User', (v) => typeof v === 'string' || typeof v === 'number' ? /^(?:root|0)(?::.*)?$/.test(String(v)) : false),
  fail: [container('User: root'), container('User: "0:0"')],
  pass: [container('User: "1000:1000"'), container()],
  unknown: container('User: !Ref Setting'),
});

const EKS = 'AWS::EKS::Cluster';
const eks = 'Name: platform\nRoleArn: arn:aws:iam::111122223333:role/eks\nVersion: "1.30"';
const vpc = (extra = '') => `ResourcesVpcConfig:\n  SubnetIds: [subnet-1, subnet-2]${extra ? `\n  ${extra.replace(/\n/g, '\n  ')}` : ''}`;

export const eksPublicEndpoint = propertyRule({
  id: 'IAC-AWS-EKS-PUBLIC-ENDPOINT',
  title: 'EKS cluster API endpoint is public',
  severity: 'high',
  description: 'The Kubernetes API server is reachable from the internet by default; credentials that leak (or an API vulnerability) can then be used from anywhere.',
  remediation: 'Set ResourcesVpcConfig.EndpointPublicAccess: false and EndpointPrivateAccess: true (or restrict PublicAccessCidrs).',
  remediationSnippet: 'ResourcesVpcConfig:\n  EndpointPublicAccess: false\n  EndpointPrivateAccess: true',
  helpUri: 'https://docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html',
  checkov: 'CKV_AWS_39',
  cwe: ['CWE-284'],
  resourceTypes: [EKS],
  check: expect('ResourcesVpcConfig.EndpointPublicAccess', false),
  fail: [`${eks}\n${vpc()}`, `${eks}\n${vpc('EndpointPublicAccess: true')}`],
  pass: [`${eks}\n${vpc('EndpointPublicAccess: false\nEndpointPrivateAccess: true')}`],
  unknown: `${eks}\n${vpc('EndpointPublicAccess: !Ref Setting')}`,
});

export const eksSecretsEncryption = propertyRule({
  id: 'IAC-AWS-EKS-SECRETS-ENCRYPTION',
  title: 'EKS cluster does not encrypt Kubernetes secrets with KMS',
  severity: 'medium',
  description: 'Without envelope encryption, Kubernetes secrets are stored in etcd protected only by the volume encryption EKS applies; a KMS key adds a second, auditable layer.',
  remediation: 'Add EncryptionConfig with Resources [secrets] and Provider.KeyArn.',
  remediationSnippet: 'EncryptionConfig:\n  - Resources: [secrets]\n    Provider:\n      KeyArn: !GetAtt EksSecretsKey.Arn',
  helpUri: 'https://docs.aws.amazon.com/eks/latest/userguide/enable-kms.html',
  checkov: 'CKV_AWS_58',
  cwe: ['CWE-311'],
  resourceTypes: [EKS],
  check: (r) => {
    const configs = r.attributes.EncryptionConfig;
    if (isUnknown(configs)) return unknown('EncryptionConfig', configs);
    let unsure: Verdict | undefined;
    for (const [i, c] of listOf(configs).entries()) {
      if (isUnknown(c)) unsure ??= unknown(`EncryptionConfig[${i}]`, c);
      if (!isObject(c)) continue;
      const resources = listOf(c.Resources);
      if (resources.some(isUnknown)) unsure ??= unknown(`EncryptionConfig[${i}].Resources`);
      if (resources.includes('secrets') && isObject(c.Provider) && c.Provider.KeyArn !== undefined) return pass(`EncryptionConfig[${i}]`);
    }
    return unsure ?? fail('EncryptionConfig');
  },
  fail: [`${eks}\n${vpc()}`],
  pass: [`${eks}\n${vpc()}\nEncryptionConfig:\n  - Resources: [secrets]\n    Provider:\n      KeyArn: arn:aws:kms:eu-west-1:111122223333:key/abc`],
  unknown: `${eks}\n${vpc()}\nEncryptionConfig: !Ref Setting`,
});

const EKS_LOG_TYPES = ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'];

export const eksControlPlaneLogging = propertyRule({
  id: 'IAC-AWS-EKS-CONTROL-PLANE-LOGGING',
  title: 'EKS control plane logging is not enabled for all log types',
  severity: 'medium',
  description: 'Control plane logs (API, audit, authenticator, controller manager, scheduler) are off by default; without the audit log nobody can tell who did what in the cluster.',
  remediation: 'Set Logging.ClusterLogging.EnabledTypes to api, audit, authenticator, controllerManager and scheduler.',
  remediationSnippet: 'Logging:\n  ClusterLogging:\n    EnabledTypes:\n      - Type: api\n      - Type: audit\n      - Type: authenticator\n      - Type: controllerManager\n      - Type: scheduler',
  helpUri: 'https://docs.aws.amazon.com/eks/latest/userguide/control-plane-logs.html',
  checkov: 'CKV_AWS_37',
  cwe: ['CWE-778'],
  resourceTypes: [EKS],
  check: (r) => {
    const logging = r.attributes.Logging;
    if (isUnknown(logging)) return unknown('Logging', logging);
    const cluster = isObject(logging) ? logging.ClusterLogging : undefined;
    const types = isObject(cluster) ? cluster.EnabledTypes : undefined;
    if (isUnknown(types)) return unknown('Logging.ClusterLogging.EnabledTypes', types);
    const names = listOf(types).map((t) => (isObject(t) ? t.Type : t));
    if (names.some(isUnknown)) return unknown('Logging.ClusterLogging.EnabledTypes');
    const missing = EKS_LOG_TYPES.filter((t) => !names.includes(t));
    return missing.length ? fail('Logging.ClusterLogging.EnabledTypes', missing.join(', '), `EKS control plane logging is not enabled for all log types: ${r.address} does not log ${missing.join(', ')}`) : pass('Logging.ClusterLogging.EnabledTypes');
  },
  fail: [`${eks}\n${vpc()}`, `${eks}\n${vpc()}\nLogging:\n  ClusterLogging:\n    EnabledTypes:\n      - Type: api\n      - Type: audit`],
  pass: [`${eks}\n${vpc()}\nLogging:\n  ClusterLogging:\n    EnabledTypes:\n      - Type: api\n      - Type: audit\n      - Type: authenticator\n      - Type: controllerManager\n      - Type: scheduler`],
  unknown: `${eks}\n${vpc()}\nLogging:\n  ClusterLogging:\n    EnabledTypes: !Ref Setting`,
});

export const ecsContainerInsights = propertyRule({
  id: 'IAC-AWS-ECS-CONTAINER-INSIGHTS',
  title: 'ECS cluster has no Container Insights',
  severity: 'low',
  description: 'Without Container Insights there are no task-level metrics and performance logs to notice crashes, resource exhaustion or unusual activity.',
  remediation: 'Add ClusterSettings [{Name: containerInsights, Value: enabled}] (or enhanced).',
  remediationSnippet: 'ClusterSettings:\n  - Name: containerInsights\n    Value: enabled',
  helpUri: 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/ContainerInsights.html',
  checkov: 'CKV_AWS_65',
  cwe: ['CWE-778'],
  resourceTypes: ['AWS::ECS::Cluster'],
  check: (r) => {
    const settings = r.attributes.ClusterSettings;
    if (isUnknown(settings)) return unknown('ClusterSettings', settings);
    for (const [i, s] of listOf(settings).entries()) {
      if (!isObject(s) || s.Name !== 'containerInsights') continue;
      if (isUnknown(s.Value)) return unknown(`ClusterSettings[${i}].Value`, s.Value);
      return s.Value === 'enabled' || s.Value === 'enhanced' ? pass(`ClusterSettings[${i}].Value`, s.Value) : fail(`ClusterSettings[${i}].Value`, s.Value ?? null);
    }
    return fail('ClusterSettings');
  },
  fail: ['ClusterName: apps', 'ClusterName: apps\nClusterSettings:\n  - Name: containerInsights\n    Value: disabled'],
  pass: ['ClusterName: apps\nClusterSettings:\n  - Name: containerInsights\n    Value: enabled'],
  unknown: 'ClusterName: apps\nClusterSettings:\n  - Name: containerInsights\n    Value: !Ref Setting',
});

export const eksNodeGroupRemoteAccess = propertyRule({
  id: 'IAC-AWS-EKS-NODEGROUP-SSH-FROM-ANYWHERE',
  title: 'EKS node group allows SSH from anywhere',
  severity: 'high',
  description: 'A node group with an SSH key and no SourceSecurityGroups opens port 22 on its nodes to 0.0.0.0/0.',
  remediation: 'Set RemoteAccess.SourceSecurityGroups to the groups allowed to connect, or remove RemoteAccess and use Session Manager.',
  remediationSnippet: 'RemoteAccess:\n  Ec2SshKey: ops\n  SourceSecurityGroups: [!Ref BastionSecurityGroup]',
  helpUri: 'https://docs.aws.amazon.com/eks/latest/APIReference/API_RemoteAccessConfig.html',
  checkov: 'CKV_AWS_100',
  cwe: ['CWE-284'],
  resourceTypes: ['AWS::EKS::Nodegroup'],
  check: (r) => {
    const remote = r.attributes.RemoteAccess;
    if (remote === undefined) return pass('RemoteAccess');
    if (isUnknown(remote)) return unknown('RemoteAccess', remote);
    if (!isObject(remote) || remote.Ec2SshKey === undefined) return pass('RemoteAccess');
    const groups = remote.SourceSecurityGroups;
    if (isUnknown(groups)) return unknown('RemoteAccess.SourceSecurityGroups', groups);
    return listOf(groups).length ? pass('RemoteAccess.SourceSecurityGroups') : fail('RemoteAccess.SourceSecurityGroups');
  },
  fail: ['ClusterName: platform\nNodeRole: arn:aws:iam::111122223333:role/nodes\nSubnets: [subnet-1]\nRemoteAccess:\n  Ec2SshKey: ops'],
  pass: ['ClusterName: platform\nNodeRole: arn:aws:iam::111122223333:role/nodes\nSubnets: [subnet-1]', 'ClusterName: platform\nNodeRole: arn:aws:iam::111122223333:role/nodes\nSubnets: [subnet-1]\nRemoteAccess:\n  Ec2SshKey: ops\n  SourceSecurityGroups: [sg-bastion]'],
  unknown: 'ClusterName: platform\nNodeRole: arn:aws:iam::111122223333:role/nodes\nSubnets: [subnet-1]\nRemoteAccess:\n  Ec2SshKey: ops\n  SourceSecurityGroups: !Ref Setting',
  unknownType: 'CommaDelimitedList',
});

export const containerRules: readonly IacRule[] = [ecrScanOnPush, ecrImmutableTags, ecrKms, ecsPrivileged, ecsReadOnlyRoot, ecsRootUser, eksPublicEndpoint, eksSecretsEncryption, eksControlPlaneLogging, ecsContainerInsights, eksNodeGroupRemoteAccess];
