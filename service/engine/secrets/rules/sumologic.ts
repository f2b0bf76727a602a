// Sumo Logic access keys (64 characters, with an access id 'su' + 12) found by key name, and
// HTTP source URLs, whose last path segment is the upload credential.
import { BASE62, BASE64URL, randomToken, inSyntax, inSyntaxes, lazyExamples } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

const sample = randomToken('sumo-key', BASE62, 64);
const accessId = 'su' + randomToken('sumo-id', BASE62, 12);
const source = `https://endpoint4.collection.us2.sumologic.com/receiver/v1/http/${randomToken('sumo-src', BASE64URL, 96)}==`;

export const rules: SecretRule[] = [
  {
    ...keyedRule({
      id: 'SEC-SUMOLOGIC-ACCESS-KEY', title: 'Sumo Logic access key',
      description: 'A Sumo Logic access key, with its access id (su…) beside it, calls the management and search APIs as the user who created it: it searches every log the user can see and changes collectors, sources and monitors.',
      remediation: revokeAt('Sumo Logic', 'Preferences > My Access Keys, or Administration > Security > Access Keys > Delete'),
      helpUri: 'https://help.sumologic.com/docs/manage/security/access-keys/',
      keywords: ['sumo'],
      // Also the Terraform provider block: access_key within two lines of "sumologic".
      keyPattern: 'sumo(?:logic)?[\\w.-]{0,20}(?:key|token|secret)|access_?key',
      window: 'near',
      value: '[A-Za-z0-9]{64}', sample,
      keys: ['SUMOLOGIC_ACCESSKEY', 'SUMO_ACCESS_KEY', 'sumologic.accessKey'],
      extraFlag: [
        `provider "sumologic" {\n  access_id   = "${accessId}"\n  access_key  = "${sample}"\n  environment = "us2"\n}\n`,
        `export SUMOLOGIC_ACCESSID=${accessId}\nexport SUMOLOGIC_ACCESSKEY="${sample}"\n`,
        `sumoAccessKey := "${sample}"\n`,
      ],
      extraNotFlag: [
        `SUMO_ACCESS_KEY=\${SUMO_ACCESS_KEY:=$2}\n`,
        `SUMOLOGIC_ACCESSID=${accessId}\n`,
        `sumOfValues = sumOfValues + ${randomToken('sumo-not', BASE62, 64)}\n`,
      ],
    }),
    references: [{ type: 'gitleaks', id: 'sumologic-access-token' }],
  },
  {
    id: 'SEC-SUMOLOGIC-HTTP-SOURCE-URL', title: 'Sumo Logic HTTP source URL',
    description: 'A Sumo Logic HTTP source URL carries its upload token in the path: anyone with it can send data into the source, flooding or forging the logs and metrics alerts are built on.',
    severity: 'medium', confidence: 'high',
    remediation: 'Regenerate the source URL in Sumo Logic (Manage Data > Collection > the HTTP source > Show URL > Regenerate) and keep it in a secret store.',
    helpUri: 'https://help.sumologic.com/docs/send-data/hosted-collectors/http-source/logs-metrics/',
    keywords: ['sumologic.com/receiver/'],
    pattern: /(?<secret>https:\/\/(?:endpoint|collectors)[0-9]{0,2}\.collection\.(?:[a-z0-9-]{2,8}\.)?sumologic\.com\/receiver\/v1\/(?:http|otlp)\/[A-Za-z0-9_=-]{40,300})(?![A-Za-z0-9_=-])/g,
    window: 'token',
    priority: 1,
    minEntropy: 3.5,
    examples: lazyExamples(() => ({
      mustFlag: [
        ...inSyntaxes('SUMO_HTTP_SOURCE_URL', source, ['json', 'yaml', 'env', 'xml', 'pipeline', 'code']),
        `curl -v -X POST -T access.log ${source}\n`,
        `<appender name="SumoAppender" class="com.sumologic.logback.SumoLogicAppender">\n  <url>${source}</url>\n</appender>\n`,
      ],
      mustNotFlag: [
        inSyntax('env', 'SUMO_HTTP_SOURCE_URL', 'https://endpoint4.collection.us2.sumologic.com/receiver/v1/http/'),
        inSyntax('yaml', 'sumo_url', 'https://endpoint4.collection.us2.sumologic.com/receiver/v1/http/XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX'),
        `See https://help.sumologic.com/docs/send-data/hosted-collectors/http-source/logs-metrics/\n`,
      ],
    })),
  },
];
