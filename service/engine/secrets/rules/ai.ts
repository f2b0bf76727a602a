// AI platforms: OpenAI, Anthropic, Hugging Face, Replicate, Groq, Perplexity, xAI, Cohere,
// Mistral, DeepSeek, LangSmith, Pinecone.
import { BASE62, BASE64URL, HEX, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt, tokenRule } from './helpers';

const OPENAI = revokeAt('the OpenAI platform', 'Settings > API keys > revoke') + ' Set usage limits and prefer project-scoped keys.';

export const rules: SecretRule[] = [
  tokenRule({
    id: 'SEC-OPENAI-API-KEY', title: 'OpenAI API key', prefixes: ['sk-proj-', 'sk-svcacct-', 'sk-None-'], body: '[A-Za-z0-9_-]{20,200}T3BlbkFJ[A-Za-z0-9_-]{20,200}',
    keywords: ['t3blbkfj'], key: 'OPENAI_API_KEY', remediation: OPENAI, helpUri: 'https://platform.openai.com/docs/api-reference/authentication',
    sample: 'sk-proj-' + randomToken('oai1', BASE64URL, 74) + 'T3BlbkFJ' + randomToken('oai2', BASE64URL, 74), boundary: '[A-Za-z0-9_-]',
  }),
  tokenRule({
    id: 'SEC-OPENAI-ADMIN-KEY', title: 'OpenAI admin key', prefixes: ['sk-admin-'], body: '[A-Za-z0-9_-]{20,200}T3BlbkFJ[A-Za-z0-9_-]{20,200}',
    keywords: ['t3blbkfj'], key: 'OPENAI_ADMIN_KEY', remediation: OPENAI,
    sample: 'sk-admin-' + randomToken('oaia1', BASE64URL, 58) + 'T3BlbkFJ' + randomToken('oaia2', BASE64URL, 58), boundary: '[A-Za-z0-9_-]',
  }),
  tokenRule({
    id: 'SEC-OPENAI-API-KEY-LEGACY', title: 'OpenAI API key (legacy format)', prefixes: ['sk-'], body: '[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}',
    keywords: ['t3blbkfj'], key: 'OPENAI_KEY', remediation: OPENAI,
    sample: 'sk-' + randomToken('oail1', BASE62, 20) + 'T3BlbkFJ' + randomToken('oail2', BASE62, 20), boundary: '[A-Za-z0-9_-]',
  }),
  tokenRule({
    id: 'SEC-ANTHROPIC-API-KEY', title: 'Anthropic API key', prefixes: ['sk-ant-api03-'], body: '[A-Za-z0-9_-]{93}AA', key: 'ANTHROPIC_API_KEY', boundary: '[A-Za-z0-9_-]',
    remediation: revokeAt('the Anthropic Console', 'Settings > API keys'), helpUri: 'https://docs.anthropic.com/en/api/getting-started',
    sample: 'sk-ant-api03-' + randomToken('ant', BASE64URL, 93) + 'AA',
  }),
  tokenRule({
    id: 'SEC-ANTHROPIC-ADMIN-KEY', title: 'Anthropic admin API key', prefixes: ['sk-ant-admin01-'], body: '[A-Za-z0-9_-]{93}AA', key: 'ANTHROPIC_ADMIN_KEY', boundary: '[A-Za-z0-9_-]',
    remediation: revokeAt('the Anthropic Console', 'Settings > Admin keys'), sample: 'sk-ant-admin01-' + randomToken('anta', BASE64URL, 93) + 'AA',
  }),
  tokenRule({
    id: 'SEC-HUGGINGFACE-TOKEN', title: 'Hugging Face access token', prefixes: ['hf_'], body: '[A-Za-z]{34}', key: 'HF_TOKEN', severity: 'high',
    remediation: revokeAt('Hugging Face', 'Settings > Access Tokens > invalidate'), helpUri: 'https://huggingface.co/docs/hub/security-tokens',
    sample: 'hf_' + randomToken('hf', 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', 34),
  }),
  tokenRule({
    id: 'SEC-HUGGINGFACE-ORG-TOKEN', title: 'Hugging Face organization API token', prefixes: ['api_org_'], body: '[A-Za-z]{34}', key: 'HF_ORG_TOKEN', severity: 'high',
    remediation: revokeAt('Hugging Face', 'Organization settings > API tokens'), sample: 'api_org_' + randomToken('hforg', 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', 34),
  }),
  tokenRule({
    id: 'SEC-REPLICATE-API-TOKEN', title: 'Replicate API token', prefixes: ['r8_'], body: '[A-Za-z0-9]{37}', key: 'REPLICATE_API_TOKEN', severity: 'high',
    remediation: revokeAt('Replicate', 'Account > API tokens'), sample: 'r8_' + randomToken('r8', BASE62, 37),
  }),
  tokenRule({
    id: 'SEC-GROQ-API-KEY', title: 'Groq API key', prefixes: ['gsk_'], body: '[A-Za-z0-9]{52}', key: 'GROQ_API_KEY', severity: 'high',
    remediation: revokeAt('the Groq console', 'API Keys'), sample: 'gsk_' + randomToken('groq', BASE62, 52),
  }),
  tokenRule({
    id: 'SEC-PERPLEXITY-API-KEY', title: 'Perplexity API key', prefixes: ['pplx-'], body: '[A-Za-z0-9]{48}', key: 'PERPLEXITY_API_KEY', severity: 'high',
    remediation: revokeAt('Perplexity', 'Settings > API'), sample: 'pplx-' + randomToken('pplx', BASE62, 48),
  }),
  tokenRule({
    id: 'SEC-XAI-API-KEY', title: 'xAI API key', prefixes: ['xai-'], body: '[A-Za-z0-9]{80}', key: 'XAI_API_KEY', severity: 'high',
    remediation: revokeAt('the xAI console', 'API Keys'), sample: 'xai-' + randomToken('xai', BASE62, 80),
  }),
  tokenRule({
    id: 'SEC-LANGSMITH-API-KEY', title: 'LangSmith API key', prefixes: ['lsv2_pt_', 'lsv2_sk_'], body: '[a-f0-9]{32}_[a-f0-9]{10}', key: 'LANGCHAIN_API_KEY', severity: 'high',
    remediation: revokeAt('LangSmith', 'Settings > API Keys'), sample: 'lsv2_pt_' + randomToken('ls1', HEX, 32) + '_' + randomToken('ls2', HEX, 10),
  }),
  tokenRule({
    id: 'SEC-PINECONE-API-KEY', title: 'Pinecone API key', prefixes: ['pcsk_'], body: '[A-Za-z0-9]{5,6}_[A-Za-z0-9]{60,70}', key: 'PINECONE_API_KEY', severity: 'high',
    remediation: revokeAt('the Pinecone console', 'API Keys'), sample: 'pcsk_' + randomToken('pc1', BASE62, 6) + '_' + randomToken('pc2', BASE62, 64),
  }),
  keyedRule({
    id: 'SEC-COHERE-API-KEY', title: 'Cohere API key', remediation: revokeAt('the Cohere dashboard', 'API keys'),
    keywords: ['cohere', 'co_api_key'], keyPattern: 'cohere[A-Za-z0-9_.-]{0,20}(?:key|token)|co[_-]api[_-]key', value: '[A-Za-z0-9]{40}',
    sample: randomToken('cohere', BASE62, 40), keys: ['COHERE_API_KEY', 'CO_API_KEY'],
  }),
  keyedRule({
    id: 'SEC-MISTRAL-API-KEY', title: 'Mistral AI API key', remediation: revokeAt('Mistral La Plateforme', 'API keys'),
    keywords: ['mistral'], keyPattern: 'mistral[A-Za-z0-9_.-]{0,20}(?:key|token)', value: '[A-Za-z0-9]{32}',
    sample: randomToken('mistral', BASE62, 32), keys: ['MISTRAL_API_KEY', 'mistralApiKey'],
  }),
  keyedRule({
    id: 'SEC-DEEPSEEK-API-KEY', title: 'DeepSeek API key', remediation: revokeAt('the DeepSeek platform', 'API keys'),
    keywords: ['deepseek'], keyPattern: 'deepseek[A-Za-z0-9_.-]{0,20}(?:key|token)', value: 'sk-[a-f0-9]{32}',
    sample: 'sk-' + randomToken('deepseek', HEX, 32), keys: ['DEEPSEEK_API_KEY'],
  }),
];
