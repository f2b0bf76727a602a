// Repository passwords in Maven settings.xml.
import { BASE62, randomToken, lazyExamples } from '../examples';
import type { SecretRule } from '../rule';

export const rules: SecretRule[] = [
  {
    id: 'SEC-MAVEN-SETTINGS-PASSWORD',
    title: 'Password in Maven settings.xml',
    description: 'A literal <password> of a <server> entry in Maven settings.xml (or a POM): the feed or repository credential.',
    severity: 'high',
    confidence: 'medium',
    remediation: 'Revoke the repository password or token, and use encrypted passwords (mvn --encrypt-password) or pipeline-provided credentials (MavenAuthenticate).',
    helpUri: 'https://maven.apache.org/guides/mini/guide-encryption.html',
    keywords: ['<password>'],
    pattern: /<password>(?<secret>[^<>{}$\s]{8,256})<\/password>/g,
    window: 'line',
    examples: lazyExamples(() => ({
      mustFlag: [
        `<settings>\n  <servers>\n    <server>\n      <id>contoso-feed</id>\n      <username>contoso</username>\n      <password>${randomToken('maven2', BASE62, 52)}</password>\n    </server>\n  </servers>\n</settings>\n`,
        `<server><id>nexus</id><username>ci</username><password>${randomToken('maven3', BASE62, 24)}</password></server>\n`,
      ],
      mustNotFlag: [`<server><id>feed</id><password>\${env.FEED_PAT}</password></server>\n`, `<server><id>feed</id><password>{COQLCE6DU6GtcS5P=}</password></server>\n`, `<password>changeme</password>\n`],
    })),
  },
];
