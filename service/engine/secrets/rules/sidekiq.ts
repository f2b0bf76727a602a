// Sidekiq Pro / Enterprise gem server credentials (contribsys.com): in Bundler settings and in
// source URLs.
import { HEX, randomToken, inSyntax, lazyExamples } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule } from './helpers';

const sample = `${randomToken('sidekiq-user', HEX, 8)}:${randomToken('sidekiq-pass', HEX, 8)}`;
const REMEDIATION = 'Ask Contributed Systems (support@contribsys.com) for new gem server credentials, update the Bundler settings of CI and deploy hosts, and keep them out of the Gemfile (bundle config set --global, or BUNDLE_GEMS__CONTRIBSYS__COM in a secret variable).';
const HELP = 'https://github.com/sidekiq/sidekiq/wiki/Sidekiq-Pro#installation';

export const rules: SecretRule[] = [
  {
    ...keyedRule({
      id: 'SEC-SIDEKIQ-CREDENTIALS', title: 'Sidekiq Pro / Enterprise gem server credentials', severity: 'medium',
      description: 'The user:password pair of a Sidekiq Pro or Enterprise license: it downloads the commercial gems from gems.contribsys.com / enterprise.contribsys.com as the licensee.',
      remediation: REMEDIATION, helpUri: HELP,
      keywords: ['contribsys'],
      keyPattern: 'bundle_(?:enterprise|gems)__?contribsys__?com',
      value: '[a-f0-9]{8}:[a-f0-9]{8}', sample, minEntropy: 2.5,
      keys: ['BUNDLE_GEMS__CONTRIBSYS__COM', 'BUNDLE_ENTERPRISE__CONTRIBSYS__COM'],
      extraFlag: [
        `---\nBUNDLE_PATH: "vendor/bundle"\nBUNDLE_GEMS__CONTRIBSYS__COM: "${sample}"\n`,
        `RUN BUNDLE_ENTERPRISE__CONTRIBSYS__COM=${sample} bundle install --jobs 4\n`,
        `export BUNDLE_GEMS__CONTRIBSYS__COM=${sample}; bundle install\n`,
      ],
      extraNotFlag: [
        `BUNDLE_GEMS__CONTRIBSYS__COM: \${SIDEKIQ_CREDENTIALS}\n`,
        `BUNDLE_GEMS__CONTRIBSYS__COM=xxxxxxxx:xxxxxxxx\n`,
      ],
    }),
    references: [{ type: 'gitleaks', id: 'sidekiq-secret' }],
  },
  {
    id: 'SEC-SIDEKIQ-SOURCE-URL', title: 'Sidekiq Pro / Enterprise gem source URL with credentials',
    description: 'A gems.contribsys.com or enterprise.contribsys.com source URL carrying the license\'s user:password: it downloads the commercial gems as the licensee.',
    severity: 'medium', confidence: 'high',
    remediation: REMEDIATION, helpUri: HELP,
    references: [{ type: 'gitleaks', id: 'sidekiq-sensitive-url' }],
    keywords: ['contribsys.com'],
    pattern: /\bhttps?:\/\/(?<secret>[a-f0-9]{8}:[a-f0-9]{8})@(?:gems|enterprise)\.contribsys\.com(?![A-Za-z0-9.-])/gi,
    window: 'token',
    priority: 1,
    examples: lazyExamples(() => ({
      mustFlag: [
        `source "https://${sample}@gems.contribsys.com/" do\n  gem "sidekiq-pro"\nend\n`,
        `source 'https://${sample}@enterprise.contribsys.com' do\n  gem 'sidekiq-ent'\nend\n`,
        inSyntax('yaml', 'gem_source', `https://${sample}@enterprise.contribsys.com:443/`),
        `See [the private source](http://${sample}@gems.contribsys.com#install) for the gems.\n`,
      ],
      mustNotFlag: [
        `source "https://gems.contribsys.com/" do\n  gem "sidekiq-pro"\nend\n`,
        `source "https://#{ENV['SIDEKIQ_CREDS']}@gems.contribsys.com/" do\nend\n`,
        `source "https://${sample}@gems.contribsys.com.example.org/"\n`,
      ],
    })),
  },
];
