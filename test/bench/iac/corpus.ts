// A generated IaC corpus for `npm run bench:iac`: realistic files of every platform the IaC scanner
// reads (Terraform modules with tfvars, plan JSON, ARM, Bicep, CloudFormation, SAM, Serverless,
// Kubernetes, Helm charts, Kustomize overlays, Dockerfiles, OpenAPI), each varied by its index so no
// two files are the same. Files are in memory: { path, content }.
import type { IacPlatform } from '../../../service/engine/iac/types';

export interface CorpusFile {
  path: string;
  content: string;
}

export type Corpus = Record<IacPlatform, CorpusFile[]>;

const pick = <T>(xs: readonly T[], i: number): T => xs[i % xs.length];
const TLS = ['TLS1_0', 'TLS1_2', 'TLS1_2', 'TLS1_1'];
const BOOL = ['true', 'false'];

function terraform(i: number): CorpusFile[] {
  const dir = `tf/stack-${i}`;
  return [
    {
      path: `${dir}/variables.tf`,
      content: `variable "env" {\n  type    = string\n  default = "dev"\n}\n\nvariable "location" {\n  type    = string\n  default = "westeurope"\n}\n\nvariable "tls_version" {\n  type = string\n}\n\nvariable "allowed_ips" {\n  type    = list(string)\n  default = ["10.0.0.0/8"]\n}\n\nlocals {\n  prefix = "app${i}-\${var.env}"\n  tags = {\n    env   = var.env\n    owner = "team-${i % 7}"\n  }\n}\n`,
    },
    { path: `${dir}/terraform.tfvars`, content: `env         = "${pick(['dev', 'test', 'prod'], i)}"\ntls_version = "${pick(TLS, i)}"\n` },
    {
      path: `${dir}/main.tf`,
      content: `resource "azurerm_resource_group" "rg" {\n  name     = "\${local.prefix}-rg"\n  location = var.location\n  tags     = local.tags\n}\n\nresource "azurerm_storage_account" "data" {\n  name                            = "st\${replace(local.prefix, "-", "")}"\n  resource_group_name             = azurerm_resource_group.rg.name\n  location                        = azurerm_resource_group.rg.location\n  account_tier                    = "Standard"\n  account_replication_type        = "${pick(['LRS', 'GRS', 'ZRS'], i)}"\n  min_tls_version                 = var.tls_version\n  allow_nested_items_to_be_public = ${pick(BOOL, i)}\n  https_traffic_only_enabled      = ${pick(BOOL, i + 1)}\n\n  network_rules {\n    default_action = "${pick(['Allow', 'Deny'], i)}"\n    ip_rules       = var.allowed_ips\n  }\n\n  blob_properties {\n    delete_retention_policy {\n      days = ${7 + (i % 30)}\n    }\n  }\n  tags = local.tags\n}\n\nresource "azurerm_network_security_group" "web" {\n  name                = "\${local.prefix}-nsg"\n  location            = var.location\n  resource_group_name = azurerm_resource_group.rg.name\n\n  security_rule {\n    name                       = "ssh"\n    priority                   = 100\n    direction                  = "Inbound"\n    access                     = "Allow"\n    protocol                   = "Tcp"\n    source_port_range          = "*"\n    destination_port_range     = "${pick(['22', '443', '3389', '8080'], i)}"\n    source_address_prefix      = "${pick(['*', '10.0.0.0/8', 'Internet'], i)}"\n    destination_address_prefix = "*"\n  }\n}\n\nresource "azurerm_key_vault" "kv" {\n  name                       = "kv-\${local.prefix}"\n  location                   = var.location\n  resource_group_name        = azurerm_resource_group.rg.name\n  tenant_id                  = "00000000-0000-0000-0000-000000000000"\n  sku_name                   = "standard"\n  purge_protection_enabled   = ${pick(BOOL, i)}\n  soft_delete_retention_days = 90\n}\n\nresource "azurerm_linux_web_app" "app" {\n  name                = "\${local.prefix}-app"\n  location            = var.location\n  resource_group_name = azurerm_resource_group.rg.name\n  service_plan_id     = "plan-id"\n  https_only          = ${pick(BOOL, i)}\n\n  site_config {\n    minimum_tls_version = "${pick(['1.0', '1.2'], i)}"\n    ftps_state          = "${pick(['AllAllowed', 'Disabled', 'FtpsOnly'], i)}"\n    http2_enabled       = true\n  }\n}\n\nmodule "network" {\n  source  = "../../modules/network"\n  name    = local.prefix\n  cidr    = "10.${i % 250}.0.0/16"\n}\n`,
    },
  ];
}

const NETWORK_MODULE: CorpusFile[] = [
  { path: 'modules/network/variables.tf', content: 'variable "name" { type = string }\nvariable "cidr" { type = string }\n' },
  {
    path: 'modules/network/main.tf',
    content: `resource "azurerm_virtual_network" "vnet" {\n  name          = "\${var.name}-vnet"\n  address_space = [var.cidr]\n  location      = "westeurope"\n  resource_group_name = "rg"\n}\n\nresource "azurerm_subnet" "app" {\n  name                 = "app"\n  virtual_network_name = azurerm_virtual_network.vnet.name\n  resource_group_name  = "rg"\n  address_prefixes     = [cidrsubnet(var.cidr, 8, 1)]\n}\n`,
  },
];

function tfplan(i: number): CorpusFile {
  const resources = Array.from({ length: 6 }, (_, k) => ({
    address: `aws_s3_bucket.b${k}`,
    mode: 'managed',
    type: k % 2 ? 'aws_s3_bucket' : 'aws_security_group',
    name: `b${k}`,
    provider_name: 'registry.terraform.io/hashicorp/aws',
    values:
      k % 2
        ? { bucket: `plan-${i}-${k}`, acl: pick(['private', 'public-read'], i + k), tags: { env: 'prod' }, versioning: [{ enabled: k % 3 === 0 }] }
        : { name: `sg-${i}-${k}`, ingress: [{ from_port: 22, to_port: 22, protocol: 'tcp', cidr_blocks: [pick(['0.0.0.0/0', '10.0.0.0/8'], i + k)] }], egress: [] },
  }));
  return {
    path: `plans/plan-${i}.json`,
    content: JSON.stringify({ format_version: '1.2', terraform_version: '1.9.5', planned_values: { root_module: { resources } }, resource_changes: [] }, null, 2),
  };
}

function arm(i: number): CorpusFile {
  return {
    path: `arm/app-${i}/azuredeploy.json`,
    content: JSON.stringify(
      {
        $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
        contentVersion: '1.0.0.0',
        parameters: { location: { type: 'string', defaultValue: '[resourceGroup().location]' }, tls: { type: 'string', defaultValue: pick(TLS, i) }, name: { type: 'string', defaultValue: `app${i}` } },
        variables: { storageName: "[concat('st', parameters('name'))]" },
        resources: [
          {
            type: 'Microsoft.Storage/storageAccounts',
            apiVersion: '2023-01-01',
            name: "[variables('storageName')]",
            location: "[parameters('location')]",
            sku: { name: 'Standard_LRS' },
            kind: 'StorageV2',
            properties: { minimumTlsVersion: "[parameters('tls')]", supportsHttpsTrafficOnly: i % 2 === 0, allowBlobPublicAccess: i % 3 === 0, networkAcls: { defaultAction: pick(['Allow', 'Deny'], i) } },
          },
          {
            type: 'Microsoft.Web/sites',
            apiVersion: '2022-09-01',
            name: "[concat(parameters('name'), '-web')]",
            location: "[parameters('location')]",
            properties: { httpsOnly: i % 2 === 1, siteConfig: { minTlsVersion: pick(['1.0', '1.2'], i), ftpsState: pick(['AllAllowed', 'Disabled'], i) } },
          },
          {
            type: 'Microsoft.KeyVault/vaults',
            apiVersion: '2023-02-01',
            name: "[concat('kv', parameters('name'))]",
            location: "[parameters('location')]",
            properties: { tenantId: '[subscription().tenantId]', sku: { family: 'A', name: 'standard' }, enablePurgeProtection: i % 2 === 0, enableSoftDelete: true, accessPolicies: [] },
          },
        ],
      },
      null,
      2,
    ),
  };
}

function bicep(i: number): CorpusFile {
  return {
    path: `bicep/app-${i}/main.bicep`,
    content: `param location string = resourceGroup().location\nparam name string = 'app${i}'\n@allowed([\n  'TLS1_0'\n  'TLS1_2'\n])\nparam tls string = '${pick(['TLS1_0', 'TLS1_2'], i)}'\n\nvar storageName = 'st\${name}'\n\nresource storage 'Microsoft.Storage/storageAccounts@2023-01-01' = {\n  name: storageName\n  location: location\n  sku: {\n    name: 'Standard_LRS'\n  }\n  kind: 'StorageV2'\n  properties: {\n    minimumTlsVersion: tls\n    supportsHttpsTrafficOnly: ${pick(BOOL, i)}\n    allowBlobPublicAccess: ${pick(BOOL, i + 1)}\n    networkAcls: {\n      defaultAction: '${pick(['Allow', 'Deny'], i)}'\n    }\n  }\n}\n\nresource web 'Microsoft.Web/sites@2022-09-01' = {\n  name: '\${name}-web'\n  location: location\n  properties: {\n    httpsOnly: ${pick(BOOL, i)}\n    siteConfig: {\n      minTlsVersion: '${pick(['1.0', '1.2'], i)}'\n      ftpsState: 'FtpsOnly'\n    }\n  }\n}\n\noutput storageId string = storage.id\n`,
  };
}

function cfn(i: number): CorpusFile {
  return {
    path: `cfn/stack-${i}/template.yaml`,
    content: `AWSTemplateFormatVersion: "2010-09-09"\nDescription: Stack ${i}\nParameters:\n  Env:\n    Type: String\n    Default: ${pick(['dev', 'prod'], i)}\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\nResources:\n  DataBucket:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Sub "data-\${Env}-${i}"\n      VersioningConfiguration:\n        Status: ${pick(['Enabled', 'Suspended'], i)}\n      PublicAccessBlockConfiguration:\n        BlockPublicAcls: ${pick(BOOL, i)}\n        BlockPublicPolicy: true\n        IgnorePublicAcls: true\n        RestrictPublicBuckets: true\n  WebSG:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: web\n      SecurityGroupIngress:\n        - IpProtocol: tcp\n          FromPort: ${pick([22, 443, 3389], i)}\n          ToPort: ${pick([22, 443, 3389], i)}\n          CidrIp: ${pick(['0.0.0.0/0', '10.0.0.0/8'], i)}\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: postgres\n      DBInstanceClass: db.t3.micro\n      AllocatedStorage: "20"\n      StorageEncrypted: ${pick(BOOL, i)}\n      PubliclyAccessible: ${pick(BOOL, i + 1)}\n      BackupRetentionPeriod: !If [IsProd, 14, 1]\n      MasterUsername: admin\n      MasterUserPassword: "{{resolve:secretsmanager:db}}"\n`,
  };
}

function sam(i: number): CorpusFile {
  return {
    path: `sam/fn-${i}/template.yaml`,
    content: `AWSTemplateFormatVersion: "2010-09-09"\nTransform: AWS::Serverless-2016-10-31\nGlobals:\n  Function:\n    Runtime: python3.12\n    Timeout: 10\n    Tracing: ${pick(['Active', 'PassThrough'], i)}\nResources:\n  OrdersFunction:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: app.handler\n      CodeUri: src/\n      Environment:\n        Variables:\n          TABLE: !Ref OrdersTable\n      Events:\n        Api:\n          Type: Api\n          Properties:\n            Path: /orders\n            Method: get\n  OrdersTable:\n    Type: AWS::Serverless::SimpleTable\n    Properties:\n      PrimaryKey:\n        Name: id\n        Type: String\n`,
  };
}

function serverless(i: number): CorpusFile {
  return {
    path: `sls/svc-${i}/serverless.yml`,
    content: `service: svc-${i}\nprovider:\n  name: aws\n  runtime: nodejs20.x\n  stage: \${opt:stage, 'dev'}\n  tracing:\n    lambda: ${pick(BOOL, i)}\n  environment:\n    TABLE: orders-${i}\nfunctions:\n  hello:\n    handler: handler.hello\n    events:\n      - httpApi:\n          path: /hello\n          method: get\n  worker:\n    handler: handler.worker\n    reservedConcurrency: 5\nresources:\n  Resources:\n    Queue:\n      Type: AWS::SQS::Queue\n      Properties:\n        QueueName: q-${i}\n`,
  };
}

function k8s(i: number): CorpusFile {
  return {
    path: `k8s/app-${i}/deploy.yaml`,
    content: `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-${i}\n  namespace: ${pick(['default', 'shop', 'payments'], i)}\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: app-${i}\n  template:\n    metadata:\n      labels:\n        app: app-${i}\n    spec:\n      hostNetwork: ${pick(BOOL, i + 1)}\n      containers:\n        - name: web\n          image: registry.example.com/app:${pick(['1.4.2', 'latest'], i)}\n          ports:\n            - containerPort: 8080\n          securityContext:\n            privileged: ${pick(BOOL, i + 1)}\n            allowPrivilegeEscalation: ${pick(BOOL, i)}\n            readOnlyRootFilesystem: true\n            runAsNonRoot: true\n          resources:\n            limits:\n              cpu: 500m\n              memory: 256Mi\n          livenessProbe:\n            httpGet:\n              path: /health\n              port: 8080\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: app-${i}\nspec:\n  type: ${pick(['ClusterIP', 'NodePort'], i)}\n  selector:\n    app: app-${i}\n  ports:\n    - port: 80\n      targetPort: 8080\n`,
  };
}

function helm(i: number): CorpusFile[] {
  const dir = `charts/chart-${i}`;
  return [
    { path: `${dir}/Chart.yaml`, content: `apiVersion: v2\nname: chart-${i}\nversion: 0.1.${i}\nappVersion: "1.${i}.0"\n` },
    {
      path: `${dir}/values.yaml`,
      content: `replicaCount: 2\nimage:\n  repository: registry.example.com/chart-${i}\n  tag: "${pick(['1.0.0', 'latest'], i)}"\n  pullPolicy: IfNotPresent\nsecurityContext:\n  privileged: ${pick(BOOL, i + 1)}\n  runAsNonRoot: true\nservice:\n  type: ClusterIP\n  port: 80\nresources:\n  limits:\n    cpu: 200m\n    memory: 128Mi\n`,
    },
    {
      path: `${dir}/templates/_helpers.tpl`,
      content: `{{- define "chart.fullname" -}}\n{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}\n{{- end -}}\n{{- define "chart.labels" -}}\napp.kubernetes.io/name: {{ .Chart.Name }}\napp.kubernetes.io/instance: {{ .Release.Name }}\n{{- end -}}\n`,
    },
    {
      path: `${dir}/templates/deployment.yaml`,
      content: `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ include "chart.fullname" . }}\n  labels:\n    {{- include "chart.labels" . | nindent 4 }}\nspec:\n  replicas: {{ .Values.replicaCount }}\n  selector:\n    matchLabels:\n      {{- include "chart.labels" . | nindent 6 }}\n  template:\n    metadata:\n      labels:\n        {{- include "chart.labels" . | nindent 8 }}\n    spec:\n      containers:\n        - name: {{ .Chart.Name }}\n          image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"\n          imagePullPolicy: {{ .Values.image.pullPolicy }}\n          securityContext:\n            {{- toYaml .Values.securityContext | nindent 12 }}\n          resources:\n            {{- toYaml .Values.resources | nindent 12 }}\n`,
    },
    {
      path: `${dir}/templates/service.yaml`,
      content: `apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ include "chart.fullname" . }}\nspec:\n  type: {{ .Values.service.type }}\n  ports:\n    - port: {{ .Values.service.port }}\n      targetPort: http\n  selector:\n    {{- include "chart.labels" . | nindent 4 }}\n`,
    },
    { path: `${dir}/templates/NOTES.txt`, content: 'Thanks for installing {{ .Chart.Name }}.\n' },
  ];
}

function kustomize(i: number): CorpusFile[] {
  const dir = `kustomize/app-${i}`;
  return [
    { path: `${dir}/base/kustomization.yaml`, content: 'resources:\n  - deployment.yaml\n' },
    {
      path: `${dir}/base/deployment.yaml`,
      content: `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  replicas: 1\n  selector:\n    matchLabels:\n      app: api\n  template:\n    metadata:\n      labels:\n        app: api\n    spec:\n      containers:\n        - name: api\n          image: registry.example.com/api:1.0.${i}\n          securityContext:\n            runAsNonRoot: true\n`,
    },
    {
      path: `${dir}/overlays/prod/kustomization.yaml`,
      content: `namespace: prod\nnamePrefix: prod-\nresources:\n  - ../../base\npatches:\n  - patch: |-\n      apiVersion: apps/v1\n      kind: Deployment\n      metadata:\n        name: api\n      spec:\n        template:\n          spec:\n            containers:\n              - name: api\n                securityContext:\n                  privileged: ${pick(BOOL, i + 1)}\nimages:\n  - name: registry.example.com/api\n    newTag: "1.1.${i}"\n`,
    },
  ];
}

function dockerfile(i: number): CorpusFile {
  return {
    path: `docker/svc-${i}/Dockerfile`,
    content: `ARG BASE=node:${pick(['20-alpine', '22-alpine', 'latest'], i)}\nFROM \${BASE} AS build\nWORKDIR /src\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\n\nFROM ${pick(['nginx:1.27-alpine', 'nginx'], i)}\nRUN apk update && apk add --no-cache curl\nCOPY --from=build /src/dist /usr/share/nginx/html\n${i % 2 ? 'USER nginx\n' : ''}EXPOSE 8080\n${i % 3 ? 'HEALTHCHECK CMD curl -f http://localhost:8080/ || exit 1\n' : ''}`,
  };
}

function openapi(i: number): CorpusFile {
  return {
    path: `api/svc-${i}/openapi.yaml`,
    content: `openapi: 3.0.3\ninfo:\n  title: Service ${i}\n  version: "1.0"\nservers:\n  - url: ${pick(['https', 'http'], i)}://api-${i}.example.com\ncomponents:\n  securitySchemes:\n    bearer:\n      type: http\n      scheme: bearer\n  schemas:\n    Items:\n      type: array\n      ${i % 2 ? 'maxItems: 100\n      ' : ''}items:\n        type: string\n${i % 2 ? 'security:\n  - bearer: []\n' : ''}paths:\n  /items:\n    get:\n      responses:\n        "200":\n          description: ok\n          content:\n            application/json:\n              schema:\n                $ref: "#/components/schemas/Items"\n  /items/{id}:\n    delete:\n      security: []\n      parameters:\n        - name: id\n          in: path\n          required: true\n          schema:\n            type: string\n      responses:\n        "204":\n          description: deleted\n`,
  };
}

/** About `scale` × 5,300 files across the twelve platforms. */
export function generateIacCorpus(scale = 1): Corpus {
  const n = (count: number) => Math.max(1, Math.round(count * scale));
  const range = (count: number) => Array.from({ length: n(count) }, (_, i) => i);
  return {
    terraform: [...NETWORK_MODULE, ...range(500).flatMap(terraform)],
    'terraform-plan': range(200).map(tfplan),
    arm: range(400).map(arm),
    bicep: range(400).map(bicep),
    cloudformation: range(500).map(cfn),
    sam: range(200).map(sam),
    serverless: range(100).map(serverless),
    kubernetes: range(800).map(k8s),
    helm: range(50).flatMap(helm),
    kustomize: range(100).flatMap(kustomize),
    dockerfile: range(400).map(dockerfile),
    openapi: range(200).map(openapi),
  };
}
