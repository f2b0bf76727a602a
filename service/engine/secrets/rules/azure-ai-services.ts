// Azure AI services (Cognitive Services, Azure OpenAI, Speech, Translator …) keys.
import { randomToken, HEX } from '../examples';
import type { SecretRule } from '../rule';
import { ROTATE_KEYS, caskRule } from './azure-keys';
import { keyedRule } from './helpers';

export const rules: SecretRule[] = [
  caskRule('SEC-AZURE-AI-SERVICES-KEY', 'Azure AI services (Cognitive Services / OpenAI) key', 'ACOG', 'AZURE_OPENAI_API_KEY', 'https://learn.microsoft.com/azure/ai-services/authentication'),
  keyedRule({
    id: 'SEC-AZURE-OPENAI-KEY', title: 'Azure OpenAI / Cognitive Services key (32-hex format)', severity: 'high', confidence: 'medium',
    remediation: ROTATE_KEYS, helpUri: 'https://learn.microsoft.com/azure/ai-services/authentication',
    keywords: ['azure_openai', 'azureopenai', 'azure-openai', 'cognitive', 'speech_key', 'speechkey', 'translator', 'computervision', 'formrecognizer', 'textanalytics', 'azure_ai', 'documentintelligence'],
    keyPattern: 'azure[_-]?openai[A-Za-z0-9_.-]{0,20}key|cognitive[A-Za-z0-9_.-]{0,20}key|speech[_-]?key|translator[A-Za-z0-9_.-]{0,20}key|computer[_-]?vision[A-Za-z0-9_.-]{0,20}key|form[_-]?recognizer[A-Za-z0-9_.-]{0,20}key|text[_-]?analytics[A-Za-z0-9_.-]{0,20}key|azure[_-]?ai[A-Za-z0-9_.-]{0,20}key|document[_-]?intelligence[A-Za-z0-9_.-]{0,20}key',
    value: '[a-f0-9]{32}', sample: randomToken('aoai', HEX, 32), keys: ['AZURE_OPENAI_API_KEY', 'CognitiveServicesKey', 'SPEECH_KEY'],
  }),
];
