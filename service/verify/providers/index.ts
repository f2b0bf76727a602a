// Every provider verifier. One file per provider; a provider's host is a constant of its file.
import type { Verifier } from '../types';
import { anthropic } from './anthropic';
import { aws } from './aws';
import { azureDevops } from './azure-devops';
import { digitalocean } from './digitalocean';
import { doppler } from './doppler';
import { github } from './github';
import { gitlab } from './gitlab';
import { groq } from './groq';
import { huggingface } from './huggingface';
import { notion } from './notion';
import { npm } from './npm';
import { openai } from './openai';
import { postman } from './postman';
import { sendgrid } from './sendgrid';
import { slack } from './slack';
import { stripe } from './stripe';
import { twilio } from './twilio';

export const VERIFIERS: readonly Verifier[] = [
  github,
  gitlab,
  slack,
  aws,
  azureDevops,
  npm,
  stripe,
  sendgrid,
  openai,
  anthropic,
  huggingface,
  digitalocean,
  twilio,
  notion,
  groq,
  postman,
  doppler,
];
