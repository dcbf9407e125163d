import { describe, expect, it } from 'vitest';
import type { CommandInvocationFacts } from '../../src/domain/facts.ts';
import type { SsmReader } from '../../src/investigation/ports.ts';
import { redactingReader } from '../../src/investigation/redacting-reader.ts';
import { createRedactor, neutralizeMentions, OUTPUT_WITHHELD } from '../../src/redaction/redact.ts';
import { looksRandom } from '../../src/redaction/rules.ts';
import { createSecretlintScanner } from '../../src/redaction/secretlint-scanner.ts';
import { leakedPieces, privateKey, Random } from '../support/redaction-corpus.ts';

const redactor = createRedactor();
const redact = async (text: string) => (await redactor.redact(text)).text;

// Synthetic values only (documentation-style examples and random strings).
const ACCESS_KEY_ID = 'AKIAZ7Q3XW2RT5YUNB4M';
const SECRET_KEY = 'Jx8Rk2mQv9Tz/Lw4Np7Hs1Bf6Gd3Yc0Va5Ue+Wq2';
const PASSWORD = 'Tr0ub4dor&3x!';

describe('redaction: what is masked', () => {
  it.each([
    [
      'AWS key pair in env form',
      `export AWS_ACCESS_KEY_ID=${ACCESS_KEY_ID}\nexport AWS_SECRET_ACCESS_KEY=${SECRET_KEY}`,
      [ACCESS_KEY_ID, SECRET_KEY],
      ['AWS_SECRET_ACCESS_KEY='],
    ],
    [
      'INI credentials file',
      `[default]\naws_access_key_id = ${ACCESS_KEY_ID}\naws_secret_access_key = ${SECRET_KEY}`,
      [ACCESS_KEY_ID, SECRET_KEY],
      ['aws_secret_access_key = '],
    ],
    [
      'STS JSON',
      `{"AccessKeyId": "ASIAQ2W3E4R5T6Y7U8I9", "SecretAccessKey": "${SECRET_KEY}", "SessionToken": "IQoJb3JpZ2luX2VjEJr9Kq2Lm7Xw4Zp8Rt3Yv6Bn1Mc5Hd0Gf"}`,
      ['ASIAQ2W3E4R5T6Y7U8I9', SECRET_KEY, 'IQoJb3JpZ2luX2VjEJr9Kq2Lm7Xw4Zp8Rt3Yv6Bn1Mc5Hd0Gf'],
      ['"SessionToken": "'],
    ],
    ['YAML', `database:\n  password: ${PASSWORD}\n  host: db.internal`, [PASSWORD], ['host: db.internal']],
    [
      'JSON password with spaces',
      '{"password": "correct horse battery staple"}',
      ['correct horse battery staple'],
      ['"password"'],
    ],
    [
      'URL credentials',
      `git clone https://deploy:${PASSWORD}@git.internal/acme/app.git`,
      [PASSWORD],
      ['https://deploy:', '@git.internal/acme/app.git'],
    ],
    [
      'database URL',
      'postgres://app:Vq9xLm2Pz7Rt@db.internal:5432/orders',
      ['Vq9xLm2Pz7Rt'],
      ['db.internal:5432/orders'],
    ],
    ['CLI flag', '+ migrate --user admin --password -Xq9Lm2Pz7 --host db', ['-Xq9Lm2Pz7'], ['--host db']],
    ['mysql -p', 'mysql -uroot -pHq7Wz2Kp9Lm -e "select 1"', ['Hq7Wz2Kp9Lm'], ['mysql -uroot -p']],
    ['curl -u', 'curl -u deploy:Hq7Wz2Kp9Lm https://nexus.internal/', ['Hq7Wz2Kp9Lm'], ['https://nexus.internal/']],
    [
      'bearer header',
      'curl -H "Authorization: Bearer zX9qLm2Pz7Rt4Kw8Hs1Bf6Gd"',
      ['zX9qLm2Pz7Rt4Kw8Hs1Bf6Gd'],
      ['Authorization: Bearer '],
    ],
    [
      'Slack token',
      'SLACK_BOT_TOKEN=xoxb-123456789012-1234567890123-Zq8Wx7Lm2Pz7Rt4Kw8Hs1Bf6',
      ['xoxb-123456789012-1234567890123-Zq8Wx7Lm2Pz7Rt4Kw8Hs1Bf6'],
      [],
    ],
    [
      'Slack webhook',
      'https://hooks.slack.com/services/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',
      ['T0ABC1234/B0DEF5678/Zq8Wx7Lm2Pz7Rt4Kw8Hs1Bf6'],
      [],
    ],
    [
      'GitHub classic token',
      'Using token ghp_Zq8Wx7Lm2Pz7Rt4Kw8Hs1Bf6Gd3Yc0Va5Ue9',
      ['ghp_Zq8Wx7Lm2Pz7Rt4Kw8Hs1Bf6Gd3Yc0Va5Ue9'],
      ['Using token'],
    ],
    [
      'GitHub fine-grained token',
      'github_pat_11ABCDEFG0Zq8Wx7Lm2Pz7_Rt4Kw8Hs1Bf6Gd3Yc0Va5Ue9Zq8Wx7Lm2Pz7Rt4Kw8Hs1Bf6Gd3Yc0Va5Ue9Qq',
      ['github_pat_11ABCDEFG0Zq8Wx7Lm2Pz7_Rt4Kw8Hs1Bf6Gd3Yc0Va5Ue9Zq8Wx7Lm2Pz7Rt4Kw8Hs1Bf6Gd3Yc0Va5Ue9Qq'],
      [],
    ],
    [
      'JWT',
      'id_token: eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.Zq8Wx7Lm2Pz7Rt4Kw8Hs1Bf6Gd3Yc0Va5Ue9',
      ['eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.Zq8Wx7Lm2Pz7Rt4Kw8Hs1Bf6Gd3Yc0Va5Ue9'],
      [],
    ],
    ['XML', '<password>Hq7Wz2Kp9Lm</password>', ['Hq7Wz2Kp9Lm'], ['<password>', '</password>']],
    [
      'presigned URL',
      'https://b.s3.amazonaws.com/k?X-Amz-Credential=ASIAQ2W3E4R5T6Y7U8I9%2F2026&X-Amz-Signature=3f7a9c2b1d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f0a',
      ['ASIAQ2W3E4R5T6Y7U8I9', '3f7a9c2b1d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f0a'],
      ['X-Amz-Signature='],
    ],
    ['a bare high-entropy key', `found ${SECRET_KEY} in the bundle`, [SECRET_KEY], ['found ', ' in the bundle']],
    [
      'the same value elsewhere',
      `DB_PASSWORD=${PASSWORD}\nconnecting with ${PASSWORD} as app`,
      [PASSWORD],
      ['connecting with '],
    ],
  ])('%s', async (_name, input, secrets, kept) => {
    const output = await redact(input);
    expect(leakedPieces(output, secrets)).toEqual([]);
    expect(output).toContain('[REDACTED:');
    for (const text of kept) expect(output).toContain(text);
  });

  it('private keys: whole, first half, second half, JSON-escaped — the body goes, BEGIN/END stay', async () => {
    const r = new Random(7);
    for (let i = 0; i < 10; i += 1) {
      const key = privateKey(r);
      const cut = Math.floor((key.pem.length * (i + 1)) / 11);
      for (const text of [
        `+ cat key\n${key.pem}\nDone.`,
        `+ cat key\n${key.pem.slice(0, cut)}`,
        `${key.pem.slice(cut)}\n+ chmod 600 key`,
        JSON.stringify({ private_key: `${key.pem}\n`, client_email: 'x@y.iam.gserviceaccount.com' }),
      ]) {
        const output = await redact(text);
        expect(leakedPieces(output, key.lines), text.slice(0, 80)).toEqual([]);
      }
      const whole = await redact(`${key.pem}\nDone.`);
      expect(whole).toContain(`-----BEGIN ${key.kind}-----`);
      expect(whole).toContain(`-----END ${key.kind}-----\nDone.`);
    }
  });

  it('a key whose END line is missing: only its body is masked, the ordinary lines after it stay', async () => {
    const r = new Random(11);
    for (let i = 0; i < 10; i += 1) {
      const key = privateKey(r);
      const bodyLines = key.pem.split('\n').slice(1, -1);
      // `head -n` took the END line (and maybe more): a whole number of lines, or a line cut in the middle.
      const kept = bodyLines.slice(0, 2 + (i % (bodyLines.length - 2)));
      const cutMidLine = i % 2 === 1 ? `${kept.join('\n').slice(0, -7)}` : kept.join('\n');
      const error = 'ssh: connect to host git.internal port 22: Connection refused';
      const text = `+ head -n 12 deploy_key\n-----BEGIN ${key.kind}-----\n${cutMidLine}\n${error}\nfailed to run commands: exit status 255`;
      const output = await redact(text);
      expect(leakedPieces(output, key.lines), text.slice(0, 80)).toEqual([]);
      expect(output).toContain(`-----BEGIN ${key.kind}-----`);
      expect(output).toContain(`${error}\nfailed to run commands: exit status 255`);
      expect(output).toContain('+ head -n 12 deploy_key');
    }
  });

  it('keeps ordinary output as it is', async () => {
    const lines = [
      'Installed: httpd-2.4.58-1.amzn2023.x86_64',
      'nginx: [emerg] unknown directive "proxy_passs" in /etc/nginx/conf.d/app.conf:14',
      'Failed password for invalid user admin from 10.0.0.1 port 22 ssh2',
      'passwd: all authentication tokens updated successfully.',
      'The key fingerprint is: SHA256:Rf7ryV6+1AKwGF6RlQyuDc+FFYysRfGebiKxTs1CLt5 root@ip-10-0-1-25',
      'Digest: sha256:3f7a9c2b1d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f0a',
      'commit 3f7a9c2b1d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a',
      'Retrieving secret from AWS Secrets Manager: arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbC123',
      'User: arn:aws:sts::123456789012:assumed-role/AmazonSSMRoleForInstancesQuickSetup/i-0abc1234def567890 is not authorized',
      'arn:aws:iam::123456789012:role/Ec2InstanceRoleForSSMProd2024',
      'Configuring AmazonCloudWatchAgent-v1.300032.2b361 for MicrosoftWindowsServer2019Base',
      'password_file=/etc/app/db.pass token_ttl=3600 secret_name=prod/db',
      'Request ID: 8dfe3659-4309-493a-8755-0123456789ab',
      'tests passed: 42, bypass=false',
    ];
    for (const line of lines) expect(await redact(line)).toBe(line);
  });

  it('makes Slack mentions inert', async () => {
    const output = await redact(
      'deploy done <!channel> <!here> <@U0123ABCD> <!subteam^S012AB3CD|oncall> <#C0123> @here @everyone',
    );
    for (const raw of ['<!channel>', '<!here>', '<@U0123ABCD>', '<!subteam^', '<#C0123>'])
      expect(output).not.toContain(raw);
    expect(output).toContain('‹!channel›');
    expect(output).not.toMatch(/@(here|everyone)\b/);
    expect(neutralizeMentions('a < b')).toBe('a < b');
  });

  it('is not switched off by secretlint-disable comments in the output', async () => {
    const token = 'ghp_Zq8Wx7Lm2Pz7Rt4Kw8Hs1Bf6Gd3Yc0Va5Ue9';
    const found = await createSecretlintScanner().findSecrets(`# secretlint-disable\n${token}\n`);
    expect(found).toContain(token);
  });

  it('fails closed: a scanner error withholds the text, never shows it', async () => {
    const failing = createRedactor({
      scanner: {
        findSecrets: async () => {
          throw new Error('scanner crashed');
        },
      },
    });
    const result = await failing.redact(`export AWS_SECRET_ACCESS_KEY=${SECRET_KEY} and more text`);
    expect(result).toEqual({ text: OUTPUT_WITHHELD, count: 0, kinds: {}, withheld: true });
  });

  it('spots random keys without context: misses < 0.5% of random 40-character base64 strings', () => {
    const r = new Random(99);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    let missed = 0;
    for (let i = 0; i < 10_000; i += 1) if (!looksRandom(r.chars(alphabet, 40))) missed += 1;
    expect(missed / 10_000).toBeLessThan(0.005);
  });

  it('is bounded on 24,000-character adversarial input (p99 reported)', async () => {
    const N = 24_000;
    const fill = (unit: string) => unit.repeat(Math.ceil(N / unit.length)).slice(0, N);
    const inputs = [
      fill('='),
      fill('-'),
      fill('-----BEGIN RSA PRIVATE KEY-----\n'),
      fill('-----END RSA PRIVATE KEY-----\n'),
      fill('-----BEGIN RSA PRIVATE KE'),
      fill('postgres://a:'),
      fill('a:b@'),
      fill(`https://${'u'.repeat(100)}:`),
      fill('A'),
      fill('aZ9+'),
      fill('xoxb-'),
      fill('eyJ-'),
      fill('eyJabcdefgh.'),
      fill('password='),
      fill('"password": "'),
      fill('token token '),
      fill('mysql -p'),
      fill('Bearer '),
      fill('Authorization: '),
      fill('<password>'),
      fill('<!channel>'),
      fill('secret'),
      fill('aB3dE5fG7hJ9kL1mN2pQ4 '),
      fill('password=Xy7Qw9Lp2Zk4 '),
      Array.from({ length: 2_000 }, (_, i) => `password=Secret${i}Value${i} `)
        .join('')
        .slice(0, N),
    ];
    // Wall time and this process's CPU time: on a loaded CI machine the wall time says more about the
    // neighbours than about the redaction, so the bound is on CPU time.
    const wall: number[] = [];
    const cpu: number[] = [];
    for (let round = 0; round < 4; round += 1) {
      for (const input of inputs) {
        const started = performance.now();
        const cpuStarted = process.cpuUsage();
        const result = await redactor.redact(input);
        const used = process.cpuUsage(cpuStarted);
        wall.push(performance.now() - started);
        cpu.push((used.user + used.system) / 1_000);
        expect(result.withheld).toBe(false);
      }
    }
    const p99 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.99)] ?? 0;
    console.log(
      `redaction of 24,000-character adversarial input: p99 ${p99(wall).toFixed(1)} ms wall, ${p99(cpu).toFixed(1)} ms CPU over ${wall.length} runs`,
    );
    // The goal is 100 ms; the bound leaves room for a slow CI machine.
    expect(p99(cpu)).toBeLessThan(250);
  });
});

describe('redactingReader', () => {
  const secretText = `export DB_PASSWORD=${PASSWORD}\nfailed to run commands: exit status 1`;
  const invocation: CommandInvocationFacts = {
    commandId: 'c1',
    instanceId: 'i-1',
    pluginName: 'aws:runShellScript',
    status: 'Failed',
    stdout: secretText,
    stderr: secretText,
  };
  const reader = {
    getCommandInvocation: async () => invocation,
    listCommandPlugins: async () => [invocation],
    getAutomationExecution: async () => ({
      executionId: 'a1',
      failureMessage: secretText,
      parameters: { Password: [PASSWORD] },
      failedSteps: [
        { stepName: 's', failureMessage: secretText, failureDetails: secretText, outputs: { o: [secretText] } },
      ],
    }),
    describeInstanceAssociations: async () => [
      {
        associationId: 'x',
        executionSummary: {
          raw: `1 out of 1 plugin processed, 0 success, 1 failed, 0 timedout, 0 skipped. \nThe operation aws:runShellScript failed because ${secretText}.`,
          failures: [{ plugin: 'aws:runShellScript', reason: secretText }],
          truncated: false,
        },
      },
    ],
    describeAssociation: async () => ({
      associationId: 'x',
      documentName: 'AWS-RunShellScript',
      statusCounts: {},
      applyOnlyAtCronInterval: false,
      calendarNames: [],
      targets: [],
      targetLocationCount: 0,
      parameters: { commands: [secretText], password: ['{{ssm:/prod/db/password}}'] },
    }),
    listExecutions: async () => [{ executionId: 'e1', status: 'Failed', resourceCounts: {} }],
  } as unknown as SsmReader;

  it('redacts every account-controlled text and passes the rest through', async () => {
    const wrapped = redactingReader(reader, redactor);
    const [command, plugins, automation, rows, association] = await Promise.all([
      wrapped.getCommandInvocation('c1', 'i-1'),
      wrapped.listCommandPlugins('c1', 'i-1'),
      wrapped.getAutomationExecution('a1'),
      wrapped.describeInstanceAssociations('i-1'),
      wrapped.describeAssociation('x'),
    ]);
    expect(leakedPieces(JSON.stringify([command, plugins, automation, rows, association]), [PASSWORD])).toEqual([]);
    expect(automation.parameters.Password).toEqual(['[REDACTED:parameter]']);
    expect(association.parameters.password).toEqual(['{{ssm:/prod/db/password}}']);
    expect(rows[0]?.executionSummary?.failed).toBe(1);
    expect(rows[0]?.executionSummary?.failures[0]?.reason).toContain('DB_PASSWORD=[REDACTED:');
    expect(await wrapped.listExecutions('x', 1)).toEqual([{ executionId: 'e1', status: 'Failed', resourceCounts: {} }]);
  });
});
