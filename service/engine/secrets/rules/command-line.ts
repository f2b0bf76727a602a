// Credentials passed to commands: `curl -u user:password`, httpie's `--auth`, `docker login -p`,
// `mysql -p<password>`, `sshpass -p`, openssl's `pass:` arguments, keytool's -storepass. Scripts,
// READMEs and pipeline steps keep them; so do shell histories committed by mistake.
import { BASE62, lazyExamples, randomToken } from '../examples';
import { isPlaceholder, isTemplateReference } from '../allowlist';
import type { MatchContext, SecretRule } from '../rule';

const REMEDIATION = 'Change the password or revoke the token the command passes, then give it to the command at run time (an environment variable from a secret store, a credential helper, --password-stdin) instead of on the command line.';

const password = 'Hv4' + randomToken('cli-pass', BASE62, 13);
const password2 = 'Tn8' + randomToken('cli-pass-2', BASE62, 15);

/** A typed password, not a reference, a placeholder, a uid:gid pair or a prompt. */
function realPassword({ secret }: Pick<MatchContext, 'secret'>): boolean {
  // uid:gid pairs and plain words (`-p / --password with a value` in prose).
  if (secret.length < 4 || /^\d+$|^[A-Za-z][a-z]+$/.test(secret)) return false;
  return !isTemplateReference(secret) && !isPlaceholder(secret, true) && !/^[{<[]|^\*+$/.test(secret);
}

export const rules: SecretRule[] = [
  {
    id: 'SEC-CURL-BASIC-AUTH',
    title: 'User name and password passed to an HTTP client command',
    description: 'A curl, wget or httpie command with `-u user:password` (`--user`, `--auth`): basic-authentication credentials written into a script, a README or a pipeline step.',
    severity: 'high',
    confidence: 'medium',
    remediation: REMEDIATION,
    helpUri: 'https://curl.se/docs/manpage.html#-u',
    references: [{ type: 'gitleaks', id: 'curl-auth-user' }],
    keywords: ['curl', 'wget', 'http -a', 'https -a', '--auth', '--user'],
    // The flag may be on a continuation line of the command (the window holds two more lines).
    // The user may be an e-mail address, with /token for APIs that take one (jdoe@contoso.com/token:…).
    // The value may be quoted, with quotes escaped inside a JSON string ("smoke": "curl -u \"a:b\"").
    pattern: /(?<![A-Za-z0-9_-])(?:-u|--user|-a|--auth)(?:[ \t]{1,4}|=)(?<q>\\?["']|)(?<user>[^\s:"'$\\]{1,128}):(?<secret>[^\s"'\\]{1,256})\k<q>(?=[\s\\;|&)"'`]|$)/g,
    window: 'near',
    validate: (ctx) => realPassword(ctx) && !/@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/.test(ctx.secret),
    describe: ({ match }) => `for user '${match.groups?.user}'`,
    examples: lazyExamples(() => ({
      mustFlag: [
        `curl -u deploy:${password} https://api.contoso.com/v1/builds\n`,
        `curl -sS --user "deploy:${password}" -X POST https://api.contoso.com/v1/builds\n`,
        `curl -X POST \\\n  -u admin:${password} \\\n  https://jenkins.contoso.com/job/api/build\n`,
        `http --auth deploy:${password} https://api.contoso.com/v1/builds\n`,
        `curl -sS https://contoso.zendesk.com/api/v2/users/me.json -u ops@contoso.com/token:${password}${password2}\n`,
        `{\n  "scripts": {\n    "smoke": "curl -sS -u \\"release:${password}\\" https://api.contoso.com/v1/ping"\n  }\n}\n`,
        `sh '''curl -sS -u deploy:${password} https://api.contoso.com/v1/ping'''\n`,
        `- script: curl --fail -u 'svc-release:${password}' -T app.zip https://nexus.contoso.com/repository/releases/\n`,
      ],
      mustNotFlag: [
        'curl -u "$USER:$PASSWORD" https://api.contoso.com/v1/builds\n',
        'curl -u ${NEXUS_USER}:${NEXUS_PASSWORD} https://nexus.contoso.com\n',
        'curl -u user:password https://api.contoso.com/v1/builds\n',
        'curl -u admin:<password> https://api.contoso.com/v1/builds\n',
        'curl -u deploy: https://api.contoso.com/v1/builds\n',
        `docker run -u 1000:1000 -v $PWD:/src builder\ncurl https://api.contoso.com/health\n`,
      ],
    })),
  },
  {
    id: 'SEC-CLI-PASSWORD-ARGUMENT',
    title: 'Password passed on a command line',
    description: 'A command given its password as an argument: `docker login -p`, `mysql -p<password>`, `sshpass -p`, openssl `-passin pass:`, keytool `-storepass`. Arguments are visible to every process on the machine and stay in shell histories and build logs.',
    severity: 'high',
    confidence: 'medium',
    remediation: REMEDIATION,
    helpUri: 'https://docs.docker.com/reference/cli/docker/login/#password-stdin',
    keywords: ['docker login', 'podman login', 'nerdctl login', 'buildah login', 'skopeo login', 'oras login', 'helm registry login', 'az login',
      'mysql', 'mariadb', 'sshpass', 'pass:', 'storepass', 'keypass'],
    pattern: new RegExp(
      '(?:' +
        // registry logins and az login: -p / --password with a separate value
        '(?:docker|podman|nerdctl|buildah|skopeo|oras|az|helm[ \\t]+registry)[ \\t]+login\\b[^\\n]{0,240}?[ \\t](?:-p|--password)(?:[ \\t]{1,4}|=)' +
        // mysql -p<password> (attached: a separate word is the database)
        '|\\b(?:mysql|mysqldump|mysqladmin|mariadb|mariadb-dump)\\b[^\\n]{0,240}?[ \\t]-p' +
        // sshpass -p password
        '|\\bsshpass[ \\t]+-p[ \\t]{0,4}' +
        // openssl -passin pass:x, -passout pass:x, -password pass:x, -k pass:x
        '|[ \\t]-(?:passin|passout|password|pass|k)[ \\t]{1,4}pass:' +
        // keytool / jarsigner -storepass x -keypass x
        '|[ \\t]-(?:src|dest|new)?(?:store|key)pass(?:word)?[ \\t]{1,4}' +
      `)(?<q>["']?)(?<secret>[^\\s"']{4,128})\\k<q>(?=[\\s\\\\;|&)]|$)`,
      'g',
    ),
    window: 'line',
    validate: realPassword,
    examples: lazyExamples(() => ({
      mustFlag: [
        `docker login -u deploy -p ${password} contoso.azurecr.io\n`,
        `echo building && podman login --username ci --password '${password}' registry.contoso.com\n`,
        `mysql -h db.contoso.internal -u root -p${password} orders < schema.sql\n`,
        `mysqldump -uroot -p'${password}' --all-databases > backup.sql\n`,
        `sshpass -p ${password} ssh deploy@web01.contoso.internal 'systemctl restart api'\n`,
        `openssl pkcs12 -export -in cert.pem -inkey key.pem -out cert.pfx -passout pass:${password2}\n`,
        `keytool -importkeystore -srckeystore cert.pfx -srcstorepass ${password} -destkeystore app.jks -deststorepass ${password2}\n`,
        `az login --service-principal -u 0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0 -p ${password2} --tenant contoso.onmicrosoft.com\n`,
      ],
      mustNotFlag: [
        'docker login -u deploy -p $REGISTRY_PASSWORD contoso.azurecr.io\n',
        'echo "$PASSWORD" | docker login -u deploy --password-stdin contoso.azurecr.io\n',
        'mysql -h db -u root -p orders < schema.sql\n',
        'mysql -h db -P 3306 -u root orders\n',
        'openssl pkcs12 -export -in cert.pem -out cert.pfx -passout env:PFX_PASSWORD\n',
        'keytool -list -keystore app.jks -storepass changeit\n',
        'sshpass -p "$SSH_PASS" ssh deploy@web01\n',
        'az login --service-principal -u $APP_ID -p $CLIENT_SECRET --tenant $TENANT_ID\n',
      ],
    })),
  },
];
