// Developer and operations tooling: Databricks, Sentry, New Relic, Datadog, Grafana, Postman,
// SonarQube/SonarCloud, CircleCI, Buildkite, Octopus Deploy, LaunchDarkly, Linear, Notion, Figma,
// Snyk, Contentful, Algolia, Mapbox, Dynatrace, Segment, PagerDuty, Splunk, Elastic, Confluent.
import { BASE62, BASE64URL, HEX, UPPER_ALNUM, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt, tokenRule } from './helpers';

export const rules: SecretRule[] = [
  tokenRule({
    id: 'SEC-DATABRICKS-TOKEN', title: 'Azure Databricks / Databricks personal access token', prefixes: ['dapi'], body: '[a-f0-9]{32}(?:-[0-9]{1,2})?', key: 'DATABRICKS_TOKEN',
    remediation: revokeAt('the Databricks workspace', 'User settings > Developer > Access tokens, or the admin token management API') + ' Prefer Entra ID tokens or OAuth M2M for automation.',
    helpUri: 'https://learn.microsoft.com/azure/databricks/dev-tools/auth/pat', sample: 'dapi' + randomToken('databricks', HEX, 32) + '-2',
  }),
  tokenRule({
    id: 'SEC-SENTRY-AUTH-TOKEN', title: 'Sentry auth token', prefixes: ['sntrys_eyJ', 'sntryu_'], body: '[A-Za-z0-9+/=_-]{40,250}', key: 'SENTRY_AUTH_TOKEN', boundary: '[A-Za-z0-9+/=_-]',
    remediation: revokeAt('Sentry', 'Settings > Auth Tokens / Organization tokens'), sample: 'sntryu_' + randomToken('sentry', HEX, 64),
  }),
  tokenRule({
    id: 'SEC-NEW-RELIC-USER-KEY', title: 'New Relic user API key', prefixes: ['NRAK-'], body: '[A-Z0-9]{27}', key: 'NEW_RELIC_API_KEY',
    remediation: revokeAt('New Relic', 'API keys'), sample: 'NRAK-' + randomToken('nrak', UPPER_ALNUM, 27),
  }),
  tokenRule({
    id: 'SEC-NEW-RELIC-INSIGHTS-KEY', title: 'New Relic insert / license key', prefixes: ['NRII-', 'NRJS-', 'NRAA-'], body: '[A-Za-z0-9_-]{19,32}', key: 'NEW_RELIC_INSERT_KEY', severity: 'high', boundary: '[A-Za-z0-9_-]',
    remediation: revokeAt('New Relic', 'API keys'), sample: 'NRII-' + randomToken('nrii', BASE64URL, 32),
  }),
  keyedRule({
    id: 'SEC-DATADOG-API-KEY', title: 'Datadog API or application key', remediation: revokeAt('Datadog', 'Organization settings > API keys / Application keys'),
    keywords: ['datadog', 'dd_api_key', 'dd_app_key', 'dd-api-key', 'dd_application_key'], keyPattern: 'datadog[A-Za-z0-9_.-]{0,20}(?:key|token)|dd[_-](?:api|app|application)[_-]?key',
    value: '[a-f0-9]{32}|[a-f0-9]{40}', sample: randomToken('datadog', HEX, 32), keys: ['DD_API_KEY', 'DATADOG_APP_KEY', 'datadogApiKey'],
  }),
  tokenRule({
    id: 'SEC-GRAFANA-CLOUD-TOKEN', title: 'Grafana Cloud access policy token', prefixes: ['glc_eyJ'], body: '[A-Za-z0-9+/=_-]{60,300}', key: 'GRAFANA_CLOUD_TOKEN', boundary: '[A-Za-z0-9+/=_-]',
    remediation: revokeAt('Grafana Cloud', 'Administration > Access policies > tokens'), sample: 'glc_eyJ' + randomToken('grafana-c', BASE64URL, 120),
  }),
  tokenRule({
    id: 'SEC-GRAFANA-SERVICE-ACCOUNT-TOKEN', title: 'Grafana service account token', prefixes: ['glsa_'], body: '[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}', key: 'GRAFANA_TOKEN',
    remediation: revokeAt('Grafana', 'Administration > Service accounts > tokens'), sample: 'glsa_' + randomToken('glsa', BASE62, 32) + '_' + randomToken('glsa2', HEX, 8),
  }),
  tokenRule({
    id: 'SEC-POSTMAN-API-KEY', title: 'Postman API key', prefixes: ['PMAK-'], body: '[a-f0-9]{24}-[a-f0-9]{34}', key: 'POSTMAN_API_KEY', caseInsensitive: true,
    remediation: revokeAt('Postman', 'Settings > API keys'), sample: 'PMAK-' + randomToken('pmak1', HEX, 24) + '-' + randomToken('pmak2', HEX, 34),
  }),
  tokenRule({
    id: 'SEC-SONAR-TOKEN', title: 'SonarQube / SonarCloud token', prefixes: ['squ_', 'sqp_', 'sqa_'], body: '[a-f0-9]{40}', key: 'SONAR_TOKEN',
    remediation: revokeAt('SonarQube / SonarCloud', 'My Account > Security > tokens'), sample: 'squ_' + randomToken('sonar', HEX, 40),
  }),
  tokenRule({
    id: 'SEC-CIRCLECI-TOKEN', title: 'CircleCI personal API token', prefixes: ['CCIPAT_'], body: '[A-Za-z0-9]{22}_[a-f0-9]{40}', key: 'CIRCLE_TOKEN',
    remediation: revokeAt('CircleCI', 'User settings > Personal API tokens'), sample: 'CCIPAT_' + randomToken('cci1', BASE62, 22) + '_' + randomToken('cci2', HEX, 40),
  }),
  tokenRule({
    id: 'SEC-BUILDKITE-TOKEN', title: 'Buildkite API access token', prefixes: ['bkua_'], body: '[a-f0-9]{40}', key: 'BUILDKITE_API_TOKEN',
    remediation: revokeAt('Buildkite', 'Personal settings > API access tokens'), sample: 'bkua_' + randomToken('buildkite', HEX, 40),
  }),
  tokenRule({
    id: 'SEC-OCTOPUS-API-KEY', title: 'Octopus Deploy API key', prefixes: ['API-'], body: '[A-Z0-9]{26,32}', key: 'OCTOPUS_API_KEY', keywords: ['octopus'], keywordsOnly: true, window: 'near',
    remediation: revokeAt('Octopus Deploy', 'Profile > My API keys'), sample: 'API-' + randomToken('octopus', UPPER_ALNUM, 29),
  }),
  tokenRule({
    id: 'SEC-LAUNCHDARKLY-TOKEN', title: 'LaunchDarkly API access token', prefixes: ['api-'], body: '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}', key: 'LAUNCHDARKLY_ACCESS_TOKEN',
    keywords: ['launchdarkly', 'ld_access', 'ld_api'], keywordsOnly: true, window: 'near',
    remediation: revokeAt('LaunchDarkly', 'Account settings > Authorization > access tokens'), sample: 'api-4d9c1e2f-3a4b-4c5d-9e6f-7a8b9c0d1e2f',
  }),
  tokenRule({
    id: 'SEC-LINEAR-API-KEY', title: 'Linear API key', prefixes: ['lin_api_'], body: '[A-Za-z0-9]{40}', key: 'LINEAR_API_KEY', severity: 'high',
    remediation: revokeAt('Linear', 'Settings > API > Personal API keys'), sample: 'lin_api_' + randomToken('linear', BASE62, 40),
  }),
  tokenRule({
    id: 'SEC-NOTION-TOKEN', title: 'Notion integration token', prefixes: ['ntn_', 'secret_'], body: '[A-Za-z0-9]{43,46}', key: 'NOTION_TOKEN', severity: 'high',
    remediation: revokeAt('Notion', 'Settings > Connections > Develop or manage integrations > refresh secret'), sample: 'ntn_' + randomToken('notion', BASE62, 46),
  }),
  tokenRule({
    id: 'SEC-FIGMA-TOKEN', title: 'Figma personal access token', prefixes: ['figd_'], body: '[A-Za-z0-9_-]{40}', key: 'FIGMA_TOKEN', severity: 'high', boundary: '[A-Za-z0-9_-]',
    remediation: revokeAt('Figma', 'Settings > Security > Personal access tokens'), sample: 'figd_' + randomToken('figma', BASE64URL, 40),
  }),
  keyedRule({
    id: 'SEC-SNYK-TOKEN', title: 'Snyk API token', remediation: revokeAt('Snyk', 'Account settings > Auth token > Revoke & regenerate'),
    keywords: ['snyk'], keyPattern: 'snyk[A-Za-z0-9_.-]{0,20}(?:token|key)', value: '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}',
    sample: '5e2c7a9b-1d3f-4a6c-8e0b-2f4d6a8c0e1b', keys: ['SNYK_TOKEN'],
  }),
  tokenRule({
    id: 'SEC-CONTENTFUL-TOKEN', title: 'Contentful personal access token', prefixes: ['CFPAT-'], body: '[A-Za-z0-9_-]{43}', key: 'CONTENTFUL_MANAGEMENT_TOKEN', boundary: '[A-Za-z0-9_-]',
    remediation: revokeAt('Contentful', 'Settings > CMA tokens'), sample: 'CFPAT-' + randomToken('contentful', BASE64URL, 43),
  }),
  keyedRule({
    id: 'SEC-ALGOLIA-ADMIN-KEY', title: 'Algolia admin API key', remediation: revokeAt('the Algolia dashboard', 'Settings > API Keys > regenerate admin key'),
    keywords: ['algolia'], keyPattern: 'algolia[A-Za-z0-9_.-]{0,20}(?:admin|write|secret)[A-Za-z0-9_.-]{0,10}key|algolia[_-]?api[_-]?key', value: '[a-f0-9]{32}',
    sample: randomToken('algolia', HEX, 32), keys: ['ALGOLIA_ADMIN_KEY', 'algoliaApiKey'],
  }),
  tokenRule({
    id: 'SEC-MAPBOX-SECRET-TOKEN', title: 'Mapbox secret access token', prefixes: ['sk.eyJ'], body: '[A-Za-z0-9_-]{50,120}\\.[A-Za-z0-9_-]{20,30}', key: 'MAPBOX_SECRET_TOKEN', severity: 'high', boundary: '[A-Za-z0-9_.-]',
    remediation: revokeAt('Mapbox', 'Account > Access tokens'), sample: 'sk.eyJ' + randomToken('mapbox1', BASE64URL, 70) + '.' + randomToken('mapbox2', BASE64URL, 22),
  }),
  tokenRule({
    id: 'SEC-DYNATRACE-TOKEN', title: 'Dynatrace API token', prefixes: ['dt0c01.', 'dt0s01.', 'dt0s16.'], body: '[A-Z0-9]{24}\\.[A-Z0-9]{64}', key: 'DT_API_TOKEN', boundary: '[A-Za-z0-9.]',
    remediation: revokeAt('Dynatrace', 'Access tokens'), sample: 'dt0c01.' + randomToken('dt1', UPPER_ALNUM, 24) + '.' + randomToken('dt2', UPPER_ALNUM, 64),
  }),
  keyedRule({
    id: 'SEC-SEGMENT-WRITE-KEY', title: 'Segment write key or token', severity: 'medium', remediation: revokeAt('Segment', 'Sources > Settings > API keys'),
    keywords: ['segment'], keyPattern: 'segment[A-Za-z0-9_.-]{0,20}(?:write[_-]?key|token|secret)', value: '[A-Za-z0-9]{32}',
    sample: randomToken('segment', BASE62, 32), keys: ['SEGMENT_WRITE_KEY'],
  }),
  keyedRule({
    id: 'SEC-PAGERDUTY-API-KEY', title: 'PagerDuty API key', remediation: revokeAt('PagerDuty', 'Integrations > API Access Keys'),
    keywords: ['pagerduty'], keyPattern: 'pagerduty[A-Za-z0-9_.-]{0,20}(?:key|token)', value: '[A-Za-z0-9+_-]{20}',
    sample: 'u+' + randomToken('pagerduty', BASE62, 18), keys: ['PAGERDUTY_TOKEN'],
  }),
  keyedRule({
    id: 'SEC-SPLUNK-HEC-TOKEN', title: 'Splunk HTTP Event Collector token', severity: 'medium', remediation: revokeAt('Splunk', 'Settings > Data inputs > HTTP Event Collector'),
    keywords: ['splunk', 'hec_token', 'hectoken'], keyPattern: 'splunk[A-Za-z0-9_.-]{0,20}token|hec[_-]?token', value: '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}',
    sample: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d', keys: ['SPLUNK_HEC_TOKEN'],
  }),
  keyedRule({
    id: 'SEC-ELASTIC-API-KEY', title: 'Elastic Cloud API key', remediation: revokeAt('Elastic Cloud', 'Organization > API keys, or Kibana > Stack Management > API keys'),
    keywords: ['elastic'], keyPattern: 'elastic[A-Za-z0-9_.-]{0,20}(?:api[_-]?key|password|token)', value: '(?:essu_)?[A-Za-z0-9+/=_-]{40,100}',
    sample: 'essu_' + randomToken('elastic', BASE62, 80), keys: ['ELASTIC_API_KEY', 'ELASTIC_PASSWORD'],
  }),
  keyedRule({
    id: 'SEC-CONFLUENT-API-SECRET', title: 'Confluent Cloud API secret', remediation: revokeAt('Confluent Cloud', 'API keys'),
    keywords: ['confluent', 'sasl.jaas', 'sasl_password', 'kafka'], keyPattern: '(?:confluent|kafka|sasl)[A-Za-z0-9_.-]{0,20}(?:secret|password)', value: '[A-Za-z0-9+/]{64}',
    sample: randomToken('confluent', BASE62 + '+/', 64), keys: ['CONFLUENT_API_SECRET', 'KAFKA_SASL_PASSWORD'],
  }),
  keyedRule({
    id: 'SEC-SONARQUBE-LEGACY-TOKEN', title: 'SonarQube token (legacy 40-hex format)', severity: 'high', remediation: revokeAt('SonarQube', 'My Account > Security > tokens'),
    keywords: ['sonar'], keyPattern: 'sonar[A-Za-z0-9_.-]{0,20}(?:token|login|key)', value: '[a-f0-9]{40}',
    sample: randomToken('sonar-legacy', HEX, 40), keys: ['SONAR_TOKEN', 'sonar.login'],
  }),
  keyedRule({
    id: 'SEC-JENKINS-API-TOKEN', title: 'Jenkins API token', severity: 'high', remediation: revokeAt('Jenkins', 'User > Configure > API Token > Revoke'),
    keywords: ['jenkins'], keyPattern: 'jenkins[A-Za-z0-9_.-]{0,20}(?:token|password|key)', value: '11[a-f0-9]{32}|[a-f0-9]{32}',
    sample: '11' + randomToken('jenkins', HEX, 32), keys: ['JENKINS_API_TOKEN', 'jenkinsToken'],
  }),
];

