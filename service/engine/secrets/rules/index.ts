// The explicit list of secret rule modules. A unit test checks every file in this folder is
// listed here and that rule ids are unique.
import type { SecretRule } from '../rule';
import * as abstractApi from './abstract-api';
import * as adafruit from './adafruit';
import * as adobe from './adobe';
import * as adyen from './adyen';
import * as age from './age';
import * as airbrake from './airbrake';
import * as airtable from './airtable';
import * as aiven from './aiven';
import * as algolia from './algolia';
import * as alibaba from './alibaba';
import * as amplitude from './amplitude';
import * as anthropic from './anthropic';
import * as apify from './apify';
import * as apollo from './apollo';
import * as appveyor from './appveyor';
import * as asana from './asana';
import * as assemblyai from './assemblyai';
import * as atlassian from './atlassian';
import * as auth0 from './auth0';
import * as authress from './authress';
import * as autodesk from './autodesk';
import * as aws from './aws';
import * as azureAiSearch from './azure-ai-search';
import * as azureAiServices from './azure-ai-services';
import * as azureAnnotatedKey from './azure-annotated-key';
import * as azureApiManagement from './azure-api-management';
import * as azureAppConfiguration from './azure-app-configuration';
import * as azureAppService from './azure-app-service';
import * as azureBatch from './azure-batch';
import * as azureBot from './azure-bot';
import * as azureContainerRegistry from './azure-container-registry';
import * as azureCosmos from './azure-cosmos';
import * as azureDevops from './azure-devops';
import * as azureEntra from './azure-entra';
import * as azureEventGrid from './azure-event-grid';
import * as azureEventHubs from './azure-event-hubs';
import * as azureFunctions from './azure-functions';
import * as azureIotHub from './azure-iot-hub';
import * as azureMachineLearning from './azure-machine-learning';
import * as azureMaps from './azure-maps';
import * as azureRedis from './azure-redis';
import * as azureRelay from './azure-relay';
import * as azureServiceBus from './azure-service-bus';
import * as azureSignalr from './azure-signalr';
import * as azureSql from './azure-sql';
import * as azureStorage from './azure-storage';
import * as beamer from './beamer';
import * as bitbucket from './bitbucket';
import * as bitly from './bitly';
import * as bittrex from './bittrex';
import * as box from './box';
import * as braintree from './braintree';
import * as brevo from './brevo';
import * as browserstack from './browserstack';
import * as bugsnag from './bugsnag';
import * as buildkite from './buildkite';
import * as calendly from './calendly';
import * as circleci from './circleci';
import * as ciscoMeraki from './cisco-meraki';
import * as clarifai from './clarifai';
import * as clickhouse from './clickhouse';
import * as clickup from './clickup';
import * as clojars from './clojars';
import * as cloudflare from './cloudflare';
import * as cloudinary from './cloudinary';
import * as coda from './coda';
import * as commandLine from './command-line';
import * as httpAuth from './http-auth';
import * as codecov from './codecov';
import * as cohere from './cohere';
import * as coinbase from './coinbase';
import * as coinmarketcap from './coinmarketcap';
import * as composer from './composer';
import * as confluent from './confluent';
import * as contentful from './contentful';
import * as courier from './courier';
import * as cratesIo from './crates-io';
import * as customerio from './customerio';
import * as databases from './databases';
import * as databricks from './databricks';
import * as datadog from './datadog';
import * as deepgram from './deepgram';
import * as deepl from './deepl';
import * as deepseek from './deepseek';
import * as definedNetworking from './defined-networking';
import * as delighted from './delighted';
import * as digitalocean from './digitalocean';
import * as discord from './discord';
import * as docker from './docker';
import * as docusign from './docusign';
import * as doppler from './doppler';
import * as dotenv from './dotenv';
import * as droneci from './droneci';
import * as dropbox from './dropbox';
import * as duffel from './duffel';
import * as dynatrace from './dynatrace';
import * as easypost from './easypost';
import * as elastic from './elastic';
import * as elasticemail from './elasticemail';
import * as elevenlabs from './elevenlabs';
import * as etsy from './etsy';
import * as eventbrite from './eventbrite';
import * as facebook from './facebook';
import * as fastly from './fastly';
import * as figma from './figma';
import * as finicity from './finicity';
import * as finnhub from './finnhub';
import * as fireworks from './fireworks';
import * as flutterwave from './flutterwave';
import * as flyio from './flyio';
import * as flickr from './flickr';
import * as frameio from './frameio';
import * as freemius from './freemius';
import * as freshbooks from './freshbooks';
import * as freshdesk from './freshdesk';
import * as fullstory from './fullstory';
import * as gcp from './gcp';
import * as geocodio from './geocodio';
import * as getresponse from './getresponse';
import * as gitter from './gitter';
import * as gocardless from './gocardless';
import * as gumroad from './gumroad';
import * as harness from './harness';
import * as helpscout from './helpscout';
import * as honeycomb from './honeycomb';
import * as hunter from './hunter';
import * as intra42 from './intra42';
import * as iterable from './iterable';
import * as jotform from './jotform';
import * as klaviyo from './klaviyo';
import * as kraken from './kraken';
import * as kucoin from './kucoin';
import * as linkedin from './linkedin';
import * as loggly from './loggly';
import * as lokalise from './lokalise';
import * as looker from './looker';
import * as mailerlite from './mailerlite';
import * as mandrill from './mandrill';
import * as mattermost from './mattermost';
import * as maxmind from './maxmind';
import * as messagebird from './messagebird';
import * as mixpanel from './mixpanel';
import * as mongodbAtlas from './mongodb-atlas';
import * as monday from './monday';
import * as mux from './mux';
import * as newsapi from './newsapi';
import * as nytimes from './nytimes';
import * as omnisend from './omnisend';
import * as openrouter from './openrouter';
import * as openshift from './openshift';
import * as openweather from './openweather';
import * as opsgenie from './opsgenie';
import * as paystack from './paystack';
import * as pipedrive from './pipedrive';
import * as generic from './generic';
import * as highEntropy from './high-entropy';
import * as github from './github';
import * as gitlab from './gitlab';
import * as gradle from './gradle';
import * as grafana from './grafana';
import * as groq from './groq';
import * as heroku from './heroku';
import * as hubspot from './hubspot';
import * as huggingface from './huggingface';
import * as ibmCloud from './ibm-cloud';
import * as infracost from './infracost';
import * as intercom from './intercom';
import * as jenkins from './jenkins';
import * as jfrog from './jfrog';
import * as jwt from './jwt';
import * as kubernetes from './kubernetes';
import * as langsmith from './langsmith';
import * as launchdarkly from './launchdarkly';
import * as linear from './linear';
import * as linode from './linode';
import * as lob from './lob';
import * as mailchimp from './mailchimp';
import * as mailgun from './mailgun';
import * as mailjet from './mailjet';
import * as mapbox from './mapbox';
import * as maven from './maven';
import * as microsoftTeams from './microsoft-teams';
import * as mistral from './mistral';
import * as netlify from './netlify';
import * as newRelic from './new-relic';
import * as ngrok from './ngrok';
import * as notion from './notion';
import * as npm from './npm';
import * as nuget from './nuget';
import * as octopusDeploy from './octopus-deploy';
import * as okta from './okta';
import * as onepassword from './onepassword';
import * as openai from './openai';
import * as oracleCloud from './oracle-cloud';
import * as pagerduty from './pagerduty';
import * as paypal from './paypal';
import * as perplexity from './perplexity';
import * as pinecone from './pinecone';
import * as plaid from './plaid';
import * as planetscale from './planetscale';
import * as posthog from './posthog';
import * as postman from './postman';
import * as postmark from './postmark';
import * as prefect from './prefect';
import * as pkcs12 from './pkcs12';
import * as privateKeys from './private-keys';
import * as privateai from './privateai';
import * as pulumi from './pulumi';
import * as pusher from './pusher';
import * as pypi from './pypi';
import * as railway from './railway';
import * as rapidapi from './rapidapi';
import * as razorpay from './razorpay';
import * as readme from './readme';
import * as render from './render';
import * as replicate from './replicate';
import * as resend from './resend';
import * as rollbar from './rollbar';
import * as rubygems from './rubygems';
import * as salesforce from './salesforce';
import * as saucelabs from './saucelabs';
import * as scaleway from './scaleway';
import * as scalingo from './scalingo';
import * as segment from './segment';
import * as sendbird from './sendbird';
import * as sendgrid from './sendgrid';
import * as sentry from './sentry';
import * as settlemint from './settlemint';
import * as shippo from './shippo';
import * as shopify from './shopify';
import * as shortcut from './shortcut';
import * as sidekiq from './sidekiq';
import * as slack from './slack';
import * as smartsheet from './smartsheet';
import * as snyk from './snyk';
import * as sonarqube from './sonarqube';
import * as sourcegraph from './sourcegraph';
import * as sparkpost from './sparkpost';
import * as splunk from './splunk';
import * as square from './square';
import * as squarespace from './squarespace';
import * as stabilityAi from './stability-ai';
import * as statuspage from './statuspage';
import * as strava from './strava';
import * as stripe from './stripe';
import * as stytch from './stytch';
import * as sumologic from './sumologic';
import * as supabase from './supabase';
import * as surveymonkey from './surveymonkey';
import * as tailscale from './tailscale';
import * as telegram from './telegram';
import * as tencent from './tencent';
import * as terraformCloud from './terraform-cloud';
import * as todoist from './todoist';
import * as togetherAi from './together-ai';
import * as travisci from './travisci';
import * as trello from './trello';
import * as twilio from './twilio';
import * as twitch from './twitch';
import * as twitter from './twitter';
import * as typeform from './typeform';
import * as unsplash from './unsplash';
import * as upstash from './upstash';
import * as uptimerobot from './uptimerobot';
import * as urls from './urls';
import * as vault from './vault';
import * as vercel from './vercel';
import * as vonage from './vonage';
import * as vultr from './vultr';
import * as wakatime from './wakatime';
import * as wandb from './wandb';
import * as webex from './webex';
import * as wistia from './wistia';
import * as xai from './xai';
import * as yandex from './yandex';
import * as zapier from './zapier';
import * as zendesk from './zendesk';
import * as zeplin from './zeplin';
import * as zoho from './zoho';
import * as zoom from './zoom';

/** Module name (file name without .ts) -> its rules. Order matters only for ties. */
export const RULE_MODULES: Record<string, readonly SecretRule[]> = {
  'azure-devops': azureDevops.rules,
  'azure-storage': azureStorage.rules,
  'azure-entra': azureEntra.rules,
  'azure-cosmos': azureCosmos.rules,
  'azure-service-bus': azureServiceBus.rules,
  'azure-event-hubs': azureEventHubs.rules,
  'azure-relay': azureRelay.rules,
  'azure-iot-hub': azureIotHub.rules,
  'azure-signalr': azureSignalr.rules,
  'azure-app-configuration': azureAppConfiguration.rules,
  'azure-batch': azureBatch.rules,
  'azure-machine-learning': azureMachineLearning.rules,
  'azure-api-management': azureApiManagement.rules,
  'azure-redis': azureRedis.rules,
  'azure-sql': azureSql.rules,
  'azure-container-registry': azureContainerRegistry.rules,
  'azure-ai-search': azureAiSearch.rules,
  'azure-functions': azureFunctions.rules,
  'azure-ai-services': azureAiServices.rules,
  'azure-event-grid': azureEventGrid.rules,
  'azure-app-service': azureAppService.rules,
  'azure-bot': azureBot.rules,
  'azure-maps': azureMaps.rules,
  'azure-annotated-key': azureAnnotatedKey.rules,
  aws: aws.rules,
  gcp: gcp.rules,
  github: github.rules,
  gitlab: gitlab.rules,
  atlassian: atlassian.rules,
  bitbucket: bitbucket.rules,
  slack: slack.rules,
  stripe: stripe.rules,
  square: square.rules,
  braintree: braintree.rules,
  paypal: paypal.rules,
  razorpay: razorpay.rules,
  flutterwave: flutterwave.rules,
  adyen: adyen.rules,
  plaid: plaid.rules,
  coinbase: coinbase.rules,
  twilio: twilio.rules,
  sendgrid: sendgrid.rules,
  mailchimp: mailchimp.rules,
  mailgun: mailgun.rules,
  postmark: postmark.rules,
  brevo: brevo.rules,
  telegram: telegram.rules,
  discord: discord.rules,
  'microsoft-teams': microsoftTeams.rules,
  vonage: vonage.rules,
  mailjet: mailjet.rules,
  shopify: shopify.rules,
  facebook: facebook.rules,
  twitter: twitter.rules,
  dropbox: dropbox.rules,
  airtable: airtable.rules,
  asana: asana.rules,
  hubspot: hubspot.rules,
  typeform: typeform.rules,
  zendesk: zendesk.rules,
  intercom: intercom.rules,
  clickup: clickup.rules,
  shippo: shippo.rules,
  easypost: easypost.rules,
  lob: lob.rules,
  twitch: twitch.rules,
  zoom: zoom.rules,
  npm: npm.rules,
  pypi: pypi.rules,
  nuget: nuget.rules,
  docker: docker.rules,
  jfrog: jfrog.rules,
  rubygems: rubygems.rules,
  'crates-io': cratesIo.rules,
  maven: maven.rules,
  gradle: gradle.rules,
  composer: composer.rules,
  vault: vault.rules,
  'terraform-cloud': terraformCloud.rules,
  openai: openai.rules,
  anthropic: anthropic.rules,
  huggingface: huggingface.rules,
  replicate: replicate.rules,
  groq: groq.rules,
  perplexity: perplexity.rules,
  xai: xai.rules,
  langsmith: langsmith.rules,
  pinecone: pinecone.rules,
  cohere: cohere.rules,
  mistral: mistral.rules,
  deepseek: deepseek.rules,
  digitalocean: digitalocean.rules,
  alibaba: alibaba.rules,
  tencent: tencent.rules,
  'ibm-cloud': ibmCloud.rules,
  cloudflare: cloudflare.rules,
  fastly: fastly.rules,
  linode: linode.rules,
  scaleway: scaleway.rules,
  heroku: heroku.rules,
  vercel: vercel.rules,
  netlify: netlify.rules,
  flyio: flyio.rules,
  render: render.rules,
  supabase: supabase.rules,
  planetscale: planetscale.rules,
  doppler: doppler.rules,
  pulumi: pulumi.rules,
  age: age.rules,
  onepassword: onepassword.rules,
  okta: okta.rules,
  auth0: auth0.rules,
  'oracle-cloud': oracleCloud.rules,
  yandex: yandex.rules,
  infracost: infracost.rules,
  tailscale: tailscale.rules,
  ngrok: ngrok.rules,
  databricks: databricks.rules,
  sentry: sentry.rules,
  'new-relic': newRelic.rules,
  datadog: datadog.rules,
  grafana: grafana.rules,
  postman: postman.rules,
  sonarqube: sonarqube.rules,
  circleci: circleci.rules,
  buildkite: buildkite.rules,
  'octopus-deploy': octopusDeploy.rules,
  launchdarkly: launchdarkly.rules,
  linear: linear.rules,
  notion: notion.rules,
  figma: figma.rules,
  snyk: snyk.rules,
  contentful: contentful.rules,
  algolia: algolia.rules,
  mapbox: mapbox.rules,
  dynatrace: dynatrace.rules,
  segment: segment.rules,
  pagerduty: pagerduty.rules,
  splunk: splunk.rules,
  elastic: elastic.rules,
  confluent: confluent.rules,
  jenkins: jenkins.rules,
  posthog: posthog.rules,
  prefect: prefect.rules,
  privateai: privateai.rules,
  pusher: pusher.rules,
  railway: railway.rules,
  rapidapi: rapidapi.rules,
  readme: readme.rules,
  resend: resend.rules,
  rollbar: rollbar.rules,
  salesforce: salesforce.rules,
  saucelabs: saucelabs.rules,
  scalingo: scalingo.rules,
  sendbird: sendbird.rules,
  settlemint: settlemint.rules,
  shortcut: shortcut.rules,
  sidekiq: sidekiq.rules,
  smartsheet: smartsheet.rules,
  sourcegraph: sourcegraph.rules,
  sparkpost: sparkpost.rules,
  squarespace: squarespace.rules,
  'stability-ai': stabilityAi.rules,
  statuspage: statuspage.rules,
  strava: strava.rules,
  stytch: stytch.rules,
  sumologic: sumologic.rules,
  surveymonkey: surveymonkey.rules,
  todoist: todoist.rules,
  'together-ai': togetherAi.rules,
  travisci: travisci.rules,
  trello: trello.rules,
  unsplash: unsplash.rules,
  upstash: upstash.rules,
  uptimerobot: uptimerobot.rules,
  vultr: vultr.rules,
  wakatime: wakatime.rules,
  wandb: wandb.rules,
  webex: webex.rules,
  wistia: wistia.rules,
  zapier: zapier.rules,
  zeplin: zeplin.rules,
  zoho: zoho.rules,
  flickr: flickr.rules,
  frameio: frameio.rules,
  freemius: freemius.rules,
  freshbooks: freshbooks.rules,
  freshdesk: freshdesk.rules,
  fullstory: fullstory.rules,
  geocodio: geocodio.rules,
  getresponse: getresponse.rules,
  gitter: gitter.rules,
  gocardless: gocardless.rules,
  gumroad: gumroad.rules,
  harness: harness.rules,
  helpscout: helpscout.rules,
  honeycomb: honeycomb.rules,
  hunter: hunter.rules,
  intra42: intra42.rules,
  iterable: iterable.rules,
  jotform: jotform.rules,
  klaviyo: klaviyo.rules,
  kraken: kraken.rules,
  kucoin: kucoin.rules,
  linkedin: linkedin.rules,
  loggly: loggly.rules,
  lokalise: lokalise.rules,
  looker: looker.rules,
  mailerlite: mailerlite.rules,
  mandrill: mandrill.rules,
  mattermost: mattermost.rules,
  maxmind: maxmind.rules,
  messagebird: messagebird.rules,
  mixpanel: mixpanel.rules,
  'mongodb-atlas': mongodbAtlas.rules,
  monday: monday.rules,
  mux: mux.rules,
  newsapi: newsapi.rules,
  nytimes: nytimes.rules,
  omnisend: omnisend.rules,
  openrouter: openrouter.rules,
  openshift: openshift.rules,
  openweather: openweather.rules,
  opsgenie: opsgenie.rules,
  paystack: paystack.rules,
  pipedrive: pipedrive.rules,
  'private-keys': privateKeys.rules,
  pkcs12: pkcs12.rules,
  jwt: jwt.rules,
  databases: databases.rules,
  urls: urls.rules,
  kubernetes: kubernetes.rules,
  dotenv: dotenv.rules,
  'high-entropy': highEntropy.rules,
  'abstract-api': abstractApi.rules,
  adafruit: adafruit.rules,
  adobe: adobe.rules,
  airbrake: airbrake.rules,
  aiven: aiven.rules,
  amplitude: amplitude.rules,
  apify: apify.rules,
  apollo: apollo.rules,
  appveyor: appveyor.rules,
  assemblyai: assemblyai.rules,
  authress: authress.rules,
  autodesk: autodesk.rules,
  beamer: beamer.rules,
  bitly: bitly.rules,
  bittrex: bittrex.rules,
  box: box.rules,
  browserstack: browserstack.rules,
  bugsnag: bugsnag.rules,
  calendly: calendly.rules,
  'cisco-meraki': ciscoMeraki.rules,
  clarifai: clarifai.rules,
  clickhouse: clickhouse.rules,
  clojars: clojars.rules,
  cloudinary: cloudinary.rules,
  coda: coda.rules,
  codecov: codecov.rules,
  coinmarketcap: coinmarketcap.rules,
  courier: courier.rules,
  customerio: customerio.rules,
  deepgram: deepgram.rules,
  deepl: deepl.rules,
  'defined-networking': definedNetworking.rules,
  delighted: delighted.rules,
  docusign: docusign.rules,
  droneci: droneci.rules,
  duffel: duffel.rules,
  elasticemail: elasticemail.rules,
  elevenlabs: elevenlabs.rules,
  etsy: etsy.rules,
  eventbrite: eventbrite.rules,
  finicity: finicity.rules,
  finnhub: finnhub.rules,
  fireworks: fireworks.rules,
  'http-auth': httpAuth.rules,
  'command-line': commandLine.rules,
  generic: generic.rules,
};

/** Files in rules/ that hold helpers, not rules. */
export const NON_RULE_FILES = ['index', 'helpers', 'ado-checksum', 'azure-keys', 'checksums'];

export const SECRET_RULES: readonly SecretRule[] = Object.values(RULE_MODULES).flat();
