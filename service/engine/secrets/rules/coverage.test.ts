// Provider coverage: every provider of gitleaks' default rule set and trufflehog's most common
// detectors has a rule module here, found in one guess (rules/<provider>.ts). The lists name the
// other tools' providers; the rules and their examples are Vigil's own.
import { RULE_MODULES } from './index';

/** gitleaks default rule set providers -> the module that covers them. */
const GITLEAKS: Record<string, string> = {
  '1password': 'onepassword', adafruit: 'adafruit', adobe: 'adobe', age: 'age', airtable: 'airtable', algolia: 'algolia',
  alibaba: 'alibaba', anthropic: 'anthropic', artifactory: 'jfrog', asana: 'asana', atlassian: 'atlassian', authress: 'authress',
  aws: 'aws', 'azure-ad': 'azure-entra', beamer: 'beamer', bitbucket: 'bitbucket', bittrex: 'bittrex', 'cisco-meraki': 'cisco-meraki',
  clickhouse: 'clickhouse', clojars: 'clojars', cloudflare: 'cloudflare', codecov: 'codecov', cohere: 'cohere', coinbase: 'coinbase',
  confluent: 'confluent', contentful: 'contentful', curl: 'http-auth', databricks: 'databricks', datadog: 'datadog',
  'defined-networking': 'defined-networking', digitalocean: 'digitalocean', discord: 'discord', doppler: 'doppler', droneci: 'droneci',
  dropbox: 'dropbox', duffel: 'duffel', dynatrace: 'dynatrace', easypost: 'easypost', etsy: 'etsy', facebook: 'facebook',
  fastly: 'fastly', finicity: 'finicity', finnhub: 'finnhub', flickr: 'flickr', flutterwave: 'flutterwave', 'fly.io': 'flyio',
  frameio: 'frameio', freemius: 'freemius', freshbooks: 'freshbooks', gcp: 'gcp', generic: 'generic', github: 'github',
  gitlab: 'gitlab', gitter: 'gitter', gocardless: 'gocardless', grafana: 'grafana', harness: 'harness', hashicorp: 'terraform-cloud',
  heroku: 'heroku', hubspot: 'hubspot', huggingface: 'huggingface', infracost: 'infracost', intercom: 'intercom', intra42: 'intra42',
  jfrog: 'jfrog', jwt: 'jwt', kraken: 'kraken', kubernetes: 'kubernetes', kucoin: 'kucoin', launchdarkly: 'launchdarkly',
  linear: 'linear', linkedin: 'linkedin', lob: 'lob', looker: 'looker', mailchimp: 'mailchimp', mailgun: 'mailgun', mapbox: 'mapbox',
  mattermost: 'mattermost', maxmind: 'maxmind', messagebird: 'messagebird', 'microsoft-teams': 'microsoft-teams', netlify: 'netlify',
  'new-relic': 'new-relic', notion: 'notion', npm: 'npm', nuget: 'nuget', nytimes: 'nytimes', octopus: 'octopus-deploy', okta: 'okta',
  openai: 'openai', openshift: 'openshift', perplexity: 'perplexity', pkcs12: 'pkcs12', plaid: 'plaid', planetscale: 'planetscale',
  postman: 'postman', prefect: 'prefect', 'private-key': 'private-keys', privateai: 'privateai', pulumi: 'pulumi', pypi: 'pypi',
  rapidapi: 'rapidapi', readme: 'readme', rubygems: 'rubygems', scalingo: 'scalingo', sendbird: 'sendbird', sendgrid: 'sendgrid',
  sendinblue: 'brevo', sentry: 'sentry', settlemint: 'settlemint', shippo: 'shippo', shopify: 'shopify', sidekiq: 'sidekiq',
  slack: 'slack', snyk: 'snyk', sonar: 'sonarqube', sourcegraph: 'sourcegraph', square: 'square', squarespace: 'squarespace',
  stripe: 'stripe', sumologic: 'sumologic', telegram: 'telegram', travisci: 'travisci', twilio: 'twilio', twitch: 'twitch',
  twitter: 'twitter', typeform: 'typeform', vault: 'vault', yandex: 'yandex', zendesk: 'zendesk',
};

/** trufflehog detectors seen most in the wild (beyond gitleaks' providers) -> the module that covers them. */
const TRUFFLEHOG: Record<string, string> = {
  abstract: 'abstract-api', airbrakeprojectkey: 'airbrake', aiven: 'aiven', amplitudeapikey: 'amplitude', apify: 'apify',
  apollo: 'apollo', appveyor: 'appveyor', assemblyai: 'assemblyai', auth0oauth: 'auth0', autodesk: 'autodesk',
  azure: 'azure-entra', azuredevopspersonalaccesstoken: 'azure-devops', azurestorage: 'azure-storage', bitly: 'bitly', box: 'box',
  braintree: 'braintree', browserstack: 'browserstack', bugsnag: 'bugsnag', buildkite: 'buildkite', calendlyapikey: 'calendly',
  circleci: 'circleci', clarifai: 'clarifai', clickuppersonaltoken: 'clickup', cloudinary: 'cloudinary', coda: 'coda',
  coinmarketcap: 'coinmarketcap', courier: 'courier', customerio: 'customerio', deepgram: 'deepgram', deepl: 'deepl',
  deepseek: 'deepseek', delighted: 'delighted', docker: 'docker', docusign: 'docusign', elasticemail: 'elasticemail',
  elevenlabs: 'elevenlabs', eventbrite: 'eventbrite', fireworksai: 'fireworks', figmapersonalaccesstoken: 'figma',
  freshdesk: 'freshdesk', fullstory: 'fullstory', geocodio: 'geocodio', getresponse: 'getresponse', groq: 'groq',
  gumroad: 'gumroad', helpscout: 'helpscout', honeycomb: 'honeycomb', hunter: 'hunter', ibmclouduserkey: 'ibm-cloud',
  iterable: 'iterable', jiratoken: 'atlassian', jotform: 'jotform', klaviyo: 'klaviyo', langsmith: 'langsmith', linode: 'linode',
  loggly: 'loggly', lokalisetoken: 'lokalise', mailerlite: 'mailerlite', mailjetbasicauth: 'mailjet', mandrill: 'mandrill',
  mistral: 'mistral', mixpanel: 'mixpanel', mongodb: 'mongodb-atlas', monday: 'monday', mux: 'mux', newsapi: 'newsapi',
  ngrok: 'ngrok', omnisend: 'omnisend', openrouter: 'openrouter', openweather: 'openweather', opsgenie: 'opsgenie',
  pagerdutyapikey: 'pagerduty', paypaloauth: 'paypal', paystack: 'paystack', pinecone: 'pinecone', pipedrive: 'pipedrive',
  posthog: 'posthog', postmark: 'postmark', pusherchannelkey: 'pusher', railwayapp: 'railway', razorpay: 'razorpay',
  render: 'render', replicate: 'replicate', resend: 'resend', rollbar: 'rollbar', salesforce: 'salesforce', saucelabs: 'saucelabs',
  segmentapikey: 'segment', shortcut: 'shortcut', smartsheets: 'smartsheet', sparkpost: 'sparkpost', stabilityai: 'stability-ai',
  statuspage: 'statuspage', strava: 'strava', stytch: 'stytch', supabasetoken: 'supabase', surveymonkey: 'surveymonkey',
  tailscale: 'tailscale', todoist: 'todoist', togetherai: 'together-ai', trelloapikey: 'trello', unsplash: 'unsplash',
  upstash: 'upstash', uptimerobot: 'uptimerobot', vercel: 'vercel', vonage: 'vonage', vultrapikey: 'vultr', wakatime: 'wakatime',
  weightsandbiases: 'wandb', webex: 'webex', wistia: 'wistia', xai: 'xai', zapierwebhook: 'zapier', zeplin: 'zeplin', zohocrm: 'zoho',
  zoom: 'zoom',
};

describe('secret provider coverage', () => {
  it.each(Object.entries({ ...GITLEAKS }))('gitleaks provider %s has rules in rules/%s.ts', (_provider, module) => {
    expect(RULE_MODULES[module]?.length ?? 0).toBeGreaterThan(0);
  });

  it('covers at least 100 of trufflehog\'s common providers beyond gitleaks\' own', () => {
    expect(Object.keys(TRUFFLEHOG).length).toBeGreaterThanOrEqual(100);
    const missing = Object.entries(TRUFFLEHOG).filter(([, module]) => !(RULE_MODULES[module]?.length));
    expect(missing).toEqual([]);
  });
});
