// Telegram bot tokens.
import { BASE64URL, DIGITS, randomToken, inSyntax, lazyExamples } from '../examples';
import type { SecretRule } from '../rule';

const telegramToken = randomToken('tg1', DIGITS, 10).replace(/^0/, '5') + ':AA' + randomToken('tg2', BASE64URL, 33);

const telegram: SecretRule = {
  id: 'SEC-TELEGRAM-BOT-TOKEN',
  title: 'Telegram bot token',
  description: 'A Telegram Bot API token: full control of the bot.',
  severity: 'high',
  confidence: 'high',
  remediation: 'Revoke it with @BotFather (/revoke) and update the bot with the new token.',
  helpUri: 'https://core.telegram.org/bots/api#authorizing-your-bot',
  keywords: [':aa'],
  pattern: /(?:(?<![A-Za-z0-9:_-])|(?<=\/bot))(?<secret>[0-9]{6,12}:AA[A-Za-z0-9_-]{33})(?![A-Za-z0-9_-])/g,
  window: 'token',
  priority: 1,
  examples: lazyExamples(() => ({
    mustFlag: [
      inSyntax('env', 'TELEGRAM_BOT_TOKEN', telegramToken),
      `requests.get(f"https://api.telegram.org/bot${telegramToken}/getMe")\n`,
      inSyntax('json', 'telegramToken', '6' + randomToken('tg3', DIGITS, 9) + ':AA' + randomToken('tg4', BASE64URL, 33)),
      `bot = telebot.TeleBot("${telegramToken}")\n`,
    ],
    mustNotFlag: [inSyntax('env', 'TELEGRAM_BOT_TOKEN', '123456789:AA<your-token>'), inSyntax('yaml', 'time', '12:30:AA')],
  })),
};

export const rules: SecretRule[] = [
  telegram,
];
