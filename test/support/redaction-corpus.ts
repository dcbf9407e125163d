// Synthetic corpora for the redaction measurements (no real secret anywhere): command outputs that carry
// generated secrets in the forms scripts print them (env, INI, JSON, YAML, URLs, CLI flags, headers, private
// keys whole and cut, tokens, high-entropy blobs), and ordinary agent and script logs with none. Seeded, so
// every run measures the same text.

/** A small seeded PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';
const ALNUM = UPPER + LOWER + DIGITS;
const B64 = `${ALNUM}+/`;
const B64URL = `${ALNUM}-_`;
const HEX = '0123456789abcdef';
/** Unquoted shell-safe password characters. */
const PASSWORD = `${ALNUM}!@#%^*_+-.`;

export class Random {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = prng(seed);
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }
  chars(alphabet: string, length: number): string {
    let s = '';
    for (let i = 0; i < length; i += 1) s += alphabet[Math.floor(this.next() * alphabet.length)];
    return s;
  }
  hex(length: number): string {
    return this.chars(HEX, length);
  }
  uuid(): string {
    return `${this.hex(8)}-${this.hex(4)}-4${this.hex(3)}-a${this.hex(3)}-${this.hex(12)}`;
  }
  instanceId(): string {
    return `i-0${this.hex(16)}`;
  }
  ip(): string {
    return `10.${this.int(0, 255)}.${this.int(0, 255)}.${this.int(1, 254)}`;
  }
  time(): string {
    return `2026-0${this.int(1, 9)}-${String(this.int(10, 28))} ${String(this.int(10, 23))}:${String(this.int(10, 59))}:${String(this.int(10, 59))}`;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Ordinary logs (no secret)

const PACKAGES = [
  'httpd',
  'nginx',
  'openssl',
  'amazon-ssm-agent',
  'docker',
  'kernel',
  'python3-pip',
  'git',
  'curl',
  'amazon-cloudwatch-agent',
  'postgresql15',
  'java-17-amazon-corretto',
  'nodejs',
  'containerd',
  'libxml2',
  'tzdata',
];
const UNITS = [
  'nginx.service',
  'amazon-ssm-agent.service',
  'docker.service',
  'chronyd.service',
  'sshd.service',
  'cloud-init.service',
  'app-worker.service',
  'crond.service',
];
const REPOS = ['amazonlinux', 'kernel-livepatch', 'docker-ce-stable', 'epel'];

/** The share of ordinary lines that carry a random-looking public id (S3 extended request id, npm integrity, session id). */
export const RANDOM_LOOKING_ID_SHARE = 0.01;

/** One line of an ordinary log, from the kinds of output State Manager associations print. */
export function ordinaryLine(r: Random): string {
  const pkg = r.pick(PACKAGES);
  const version = `${r.int(1, 9)}.${r.int(0, 30)}.${r.int(0, 200)}-${r.int(1, 9)}.amzn2023`;
  const unit = r.pick(UNITS);
  const host = `ip-${r.ip().replaceAll('.', '-')}`;
  const t = r.time();
  const templates = [
    () => `Installing       : ${pkg}-${version}.x86_64                                ${r.int(1, 40)}/${r.int(40, 80)}`,
    () => `  Verifying        : ${pkg}-${version}.noarch                           ${r.int(1, 40)}/${r.int(40, 80)}`,
    () => `${pkg.padEnd(30)} x86_64   ${version}   ${r.pick(REPOS)}   ${r.int(10, 999)} k`,
    () => `Last metadata expiration check: 0:${r.int(10, 59)}:${r.int(10, 59)} ago on ${t}.`,
    () => 'Dependencies resolved.',
    () => `Complete!`,
    () =>
      `Get:${r.int(1, 60)} http://archive.ubuntu.com/ubuntu jammy-updates/main amd64 ${pkg} amd64 ${r.int(1, 9)}.${r.int(0, 9)}-0ubuntu${r.int(1, 9)} [${r.int(10, 2000)} kB]`,
    () => `Setting up ${pkg} (${r.int(1, 9)}.${r.int(0, 9)}.${r.int(0, 9)}-1ubuntu${r.int(1, 9)}) ...`,
    () => `Reading package lists... Done`,
    () => `${t} ${host} systemd[1]: Started ${unit}.`,
    () => `${t} ${host} systemd[1]: ${unit}: Main process exited, code=exited, status=${r.int(1, 3)}/FAILURE`,
    () => `${t} ${host} systemd[1]: ${unit}: Failed with result 'exit-code'.`,
    () =>
      `${t} ${host} sshd[${r.int(1000, 40000)}]: Accepted publickey for ec2-user from ${r.ip()} port ${r.int(30000, 65000)} ssh2: RSA SHA256:${r.chars(B64, 43)}`,
    () =>
      `${t} ${host} sshd[${r.int(1000, 40000)}]: Failed password for invalid user admin from ${r.ip()} port ${r.int(30000, 65000)} ssh2`,
    () =>
      `${r.ip()} - - [${t}] "GET /api/v1/orders/${r.int(1000, 99999)} HTTP/1.1" ${r.pick([200, 200, 304, 404, 502])} ${r.int(100, 99999)} "-" "ELB-HealthChecker/2.0"`,
    () =>
      `${t} [error] ${r.int(100, 9999)}#0: *${r.int(1, 99999)} connect() failed (111: Connection refused) while connecting to upstream, client: ${r.ip()}, server: _, request: "GET /health HTTP/1.1", upstream: "http://127.0.0.1:8080/health"`,
    () => `nginx: [emerg] unknown directive "proxy_passs" in /etc/nginx/conf.d/app.conf:${r.int(1, 80)}`,
    () => `nginx: configuration file /etc/nginx/nginx.conf test failed`,
    () => `${t} INFO [ssm-agent-worker] [MessageService] [MGSInteractor] Successfully sent ack message for ${r.uuid()}`,
    () =>
      `${t} INFO [ssm-agent-worker] [CredentialRefresher] Next credential rotation will be in ${r.int(10, 59)}.${r.int(10, 99)} minutes`,
    () => `${t} INFO [amazon-ssm-agent] [CredentialRefresher] credentialRefresher has started`,
    () => `${t} INFO [ssm-document-worker] [${r.uuid()}] [DocumentWorker] Running plugin aws:runShellScript`,
    () =>
      `${t} ERROR [ssm-document-worker] [${r.uuid()}] [DocumentWorker] [aws:runShellScript] failed to run commands: exit status ${r.int(1, 127)}`,
    () => `${t} INFO [amazon-ssm-agent] EC2RoleProvider Successfully connected with instance profile role credentials`,
    () =>
      `${t} INFO [ssm-agent-worker] Entering SSM Agent hibernate - AccessDeniedException: User: arn:aws:sts::${r.int(100000000000, 999999999999)}:assumed-role/AmazonSSMRoleForInstances/${r.instanceId()} is not authorized to perform: ssm:UpdateInstanceInformation`,
    () =>
      `Cloud-init v. 22.2.2 finished at ${t}. Datasource DataSourceEc2Local.  Up ${r.int(10, 99)}.${r.int(10, 99)} seconds`,
    () =>
      `ci-info: |  eth0  | True | ${r.ip()} | 255.255.255.0 | global | 0a:${r.hex(2)}:${r.hex(2)}:${r.hex(2)}:${r.hex(2)}:${r.hex(2)} |`,
    () => `Digest: sha256:${r.hex(64)}`,
    () => `Status: Downloaded newer image for public.ecr.aws/amazonlinux/amazonlinux:2023`,
    () => `${r.hex(12)}: Pull complete`,
    () =>
      `Successfully installed boto3-1.${r.int(20, 40)}.${r.int(0, 99)} botocore-1.${r.int(20, 40)}.${r.int(0, 99)} s3transfer-0.${r.int(5, 12)}.0`,
    () => `Traceback (most recent call last):`,
    () => `  File "/opt/app/deploy.py", line ${r.int(10, 400)}, in <module>`,
    () =>
      `botocore.exceptions.ClientError: An error occurred (AccessDenied) when calling the GetObject operation: Access Denied`,
    () => `Exception in thread "main" java.lang.IllegalStateException: connection pool exhausted`,
    () => `\tat com.acme.orders.OrderService.process(OrderService.java:${r.int(10, 900)})`,
    () => `VERBOSE: Performing the operation "Install-WindowsFeature" on target "Web-Server".`,
    () => `Exception from HRESULT: 0x80240437`,
    () => `failed to run commands: exit status ${r.int(1, 255)}`,
    () =>
      `Downloading https://s3.${r.pick(['eu-west-1', 'us-east-1'])}.amazonaws.com/amazon-ssm-${r.pick(['eu-west-1', 'us-east-1'])}/${r.int(2, 3)}.${r.int(0, 3)}.${r.int(100, 2000)}.0/linux_amd64/amazon-ssm-agent.rpm`,
    () => `Changing password for user ec2-user.`,
    () => `passwd: all authentication tokens updated successfully.`,
    () =>
      `Retrieving secret from AWS Secrets Manager: arn:aws:secretsmanager:eu-west-1:${r.int(100000000000, 999999999999)}:secret:prod/orders/db-${r.chars(ALNUM, 6)}`,
    () => `aws: error: Unable to locate credentials. You can configure credentials by running "aws configure".`,
    () =>
      `+ /opt/acme/bin/deploy.sh --env production --version ${r.int(1, 9)}.${r.int(0, 20)}.${r.int(0, 99)} --region eu-west-1`,
    () => `+ systemctl restart ${unit}`,
    () => `Job for ${unit} failed because the control process exited with error code.`,
    () => `See "systemctl status ${unit}" and "journalctl -xeu ${unit}" for details.`,
    () => `Created symlink /etc/systemd/system/multi-user.target.wants/${unit} → /usr/lib/systemd/system/${unit}.`,
    () =>
      `${t} [PatchBaselineOperations] [INFO] Patch baseline pb-0${r.hex(16)} applied to ${r.instanceId()}; ${r.int(0, 40)} patches installed`,
    () =>
      `warning: /var/cache/dnf/amazonlinux-${r.hex(16)}/packages/${pkg}.rpm: Header V4 RSA/SHA256 Signature, key ID ${r.hex(8)}: NOKEY`,
    () => `Uploading artifact to s3://acme-build-artifacts/releases/${r.int(2024, 2026)}/${pkg}-${version}.tar.gz`,
    () => `Request ID: ${r.uuid()}`,
    () => `Token refresh scheduled in ${r.int(100, 900)} seconds`,
    () => `Generating public/private rsa key pair.`,
    () => `The key fingerprint is: SHA256:${r.chars(B64, 43)} root@${host}`,
    () =>
      `npm WARN deprecated ${pkg}@${r.int(1, 9)}.${r.int(0, 9)}.${r.int(0, 9)}: this version is no longer supported`,
    () => `added ${r.int(10, 900)} packages, and audited ${r.int(900, 2000)} packages in ${r.int(2, 59)}s`,
    () => `Step ${r.int(1, 12)}/${r.int(12, 20)} : RUN dnf install -y ${pkg}`,
    () => `  ---> Running in ${r.hex(12)}`,
    () => `INFO: Image ami-0${r.hex(16)} registered for LaunchTemplate lt-0${r.hex(16)} version ${r.int(1, 40)}`,
  ];
  // One line in a hundred: random-looking but public ids, which no detector can tell from keys by their shape.
  const randomLookingIds = [
    () =>
      `com.amazonaws.services.s3.model.AmazonS3Exception: Access Denied (Service: Amazon S3; Status Code: 403; Error Code: AccessDenied; Request ID: ${r.chars('0123456789ABCDEF', 16)}; S3 Extended Request ID: ${r.chars(B64, 76)}=)`,
    () =>
      `npm http fetch GET 200 https://registry.npmjs.org/${pkg} ${r.int(10, 900)}ms (cache revalidated) integrity sha512-${r.chars(B64, 86)}==`,
    () => `${t} INFO [ssm-session-worker] [ec2-user-${r.hex(17)}] Session ${r.chars(ALNUM, 24)} started`,
  ];
  return r.next() < RANDOM_LOOKING_ID_SHARE ? r.pick(randomLookingIds)() : r.pick(templates)();
}

export function ordinaryLog(r: Random, lines: number): string {
  return Array.from({ length: lines }, () => ordinaryLine(r)).join('\n');
}

// ---------------------------------------------------------------------------------------------------------
// Secrets in the forms scripts print them

export interface SecretForm {
  /** Lines to put in the output. */
  text: string;
  /** The secret values in it (any 8-character piece of one must never reach Slack). */
  secrets: string[];
  form: string;
}

const awsKeyId = (r: Random, prefix = r.pick(['AKIA', 'ASIA'])) => prefix + r.chars(`${UPPER}234567`, 16);
const awsSecret = (r: Random) => r.chars(B64, 40);
const sessionToken = (r: Random) => `IQoJb3JpZ2luX2Vj${r.chars(B64, r.int(280, 420))}`;
const password = (r: Random) => r.chars(PASSWORD, r.int(12, 24));
const jsonPassword = (r: Random) => r.chars(`${PASSWORD}&<>$ `, r.int(12, 24)).trim() || 'x-Secret-9f';

const PEM_KINDS = [
  ['RSA PRIVATE KEY', 'MIIEowIBAAKCAQEA', 1620],
  ['EC PRIVATE KEY', 'MHcCAQEEI', 220],
  ['OPENSSH PRIVATE KEY', 'b3BlbnNzaC1rZXktdjEAAAAA', 1800],
  ['PRIVATE KEY', 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC', 1600],
  ['ENCRYPTED PRIVATE KEY', 'MIIFHDBOBgkqhkiG9w0BBQ0wQTApBgkq', 1700],
] as const;

/** A synthetic PEM private key: its text and its body lines (the secret part). */
export function privateKey(r: Random): { pem: string; lines: string[]; kind: string } {
  const [kind, head, length] = r.pick(PEM_KINDS);
  const body = head + r.chars(B64, length - head.length);
  const lines = body.match(/.{1,64}/g) ?? [];
  return { pem: `-----BEGIN ${kind}-----\n${lines.join('\n')}\n-----END ${kind}-----`, lines, kind };
}

/** The lines of a key's body visible in a text (a cut leaves part of one line). */
export const visibleKeyLines = (text: string, lines: readonly string[]) =>
  text.split('\n').filter((l) => l.length >= 8 && lines.some((line) => line.includes(l)));

const jwt = (r: Random) => `eyJ${r.chars(B64URL, 30)}.eyJ${r.chars(B64URL, r.int(60, 200))}.${r.chars(B64URL, 43)}`;

type FormBuilder = (r: Random) => SecretForm;

export const SECRET_FORMS: Record<string, FormBuilder> = {
  'env-aws': (r) => {
    const [id, key, token] = [awsKeyId(r, 'ASIA'), awsSecret(r), sessionToken(r)];
    return {
      text: `export AWS_ACCESS_KEY_ID=${id}\nexport AWS_SECRET_ACCESS_KEY=${key}\nexport AWS_SESSION_TOKEN=${token}`,
      secrets: [id, key, token],
      form: 'env-aws',
    };
  },
  'ini-aws': (r) => {
    const [id, key] = [awsKeyId(r, 'AKIA'), awsSecret(r)];
    return {
      text: `+ cat ~/.aws/credentials\n[default]\naws_access_key_id = ${id}\naws_secret_access_key = ${key}\nregion = eu-west-1`,
      secrets: [id, key],
      form: 'ini-aws',
    };
  },
  'json-sts': (r) => {
    const [id, key, token] = [awsKeyId(r, 'ASIA'), awsSecret(r), sessionToken(r)];
    const json = JSON.stringify(
      {
        Credentials: { AccessKeyId: id, SecretAccessKey: key, SessionToken: token, Expiration: '2026-11-28T13:00:00Z' },
        AssumedRoleUser: { Arn: 'arn:aws:sts::123456789012:assumed-role/deploy/ci' },
      },
      null,
      r.pick([0, 2, 4]),
    );
    return { text: json, secrets: [id, key, token], form: 'json-sts' };
  },
  'json-config': (r) => {
    const [pw, api, client] = [jsonPassword(r), r.chars(ALNUM, 32), r.chars(B64URL, 40)];
    const json = JSON.stringify(
      { db: { host: 'db.internal', user: 'app', password: pw }, apiKey: api, client_secret: client },
      null,
      2,
    );
    return { text: json, secrets: [pw, api, client], form: 'json-config' };
  },
  'yaml-config': (r) => {
    const [pw, token] = [password(r), r.chars(ALNUM, 36)];
    return {
      text: `database:\n  host: db.internal\n  username: app\n  password: ${pw}\nintegrations:\n  pagerduty_token: "${token}"`,
      secrets: [pw, token],
      form: 'yaml-config',
    };
  },
  'db-url': (r) => {
    const pw = r.chars(`${ALNUM}!*_-.`, r.int(12, 24));
    const url = r.pick([
      `postgres://app:${pw}@db.internal:5432/orders`,
      `mysql://root:${pw}@${r.ip()}:3306/app`,
      `mongodb+srv://admin:${pw}@cluster0.example.net/prod?retryWrites=true`,
      `redis://:${pw}@cache.internal:6379/0`,
      `amqp://guest:${pw}@mq.internal:5672/`,
    ]);
    return { text: `Connecting to ${url}`, secrets: [pw], form: 'db-url' };
  },
  'password-flag': (r) => {
    const pw = password(r);
    const text = r.pick([
      `DB_PASSWORD=${pw}`,
      `+ /opt/acme/bin/migrate --user admin --password ${pw} --host db.internal`,
      `+ /opt/acme/bin/migrate --user admin --password=${pw}`,
      `+ mysql -uroot -p${pw} -e "SHOW DATABASES"`,
      `+ PGPASSWORD=${pw} psql -h db.internal -U app -c 'select 1'`,
      `+ curl -u deploy:${pw} https://nexus.internal/repository/releases/`,
      `ADMIN_PASS=${pw} ./setup.sh`,
      `password = ${pw}`,
    ]);
    return { text, secrets: [pw], form: 'password-flag' };
  },
  'git-url': (r) => {
    const [pw, ghp] = [password(r), `ghp_${r.chars(ALNUM, 36)}`];
    const text = r.pick([
      `+ git clone https://deploy:${pw}@git.internal/acme/app.git`,
      `+ git clone https://x-access-token:${ghp}@github.com/acme/app.git`,
    ]);
    return { text, secrets: text.includes(ghp) ? [ghp] : [pw], form: 'git-url' };
  },
  bearer: (r) => {
    const token = r.chars(B64URL, r.int(24, 64));
    const text = r.pick([
      `+ curl -sS -H "Authorization: Bearer ${token}" https://api.example.com/v1/deploy`,
      `> Authorization: Bearer ${token}`,
      `Using header authorization=Bearer ${token}`,
    ]);
    return { text, secrets: [token], form: 'bearer' };
  },
  github: (r) => {
    const token = r.pick([
      `ghp_${r.chars(ALNUM, 36)}`,
      `github_pat_${r.chars(ALNUM, 22)}_${r.chars(ALNUM, 59)}`,
      `gho_${r.chars(ALNUM, 36)}`,
    ]);
    const text = r.pick([
      `GITHUB_TOKEN=${token}`,
      `Using token ${token} for api.github.com`,
      `Authorization: token ${token}`,
    ]);
    return { text, secrets: [token], form: 'github' };
  },
  slack: (r) => {
    const token = r.pick([
      `xoxb-${r.int(1e10, 9e11)}-${r.int(1e12, 9e12)}-${r.chars(ALNUM, 24)}`,
      `xoxp-${r.int(1e10, 9e11)}-${r.int(1e10, 9e11)}-${r.int(1e12, 9e12)}-${r.hex(32)}`,
      `xapp-1-A${r.chars(UPPER + DIGITS, 10)}-${r.int(1e12, 9e12)}-${r.hex(64)}`,
    ]);
    const hook = `T0${r.chars(UPPER + DIGITS, 8)}/B0${r.chars(UPPER + DIGITS, 8)}/${r.chars(ALNUM, 24)}`;
    return r.next() < 0.5
      ? { text: `notify: posting with ${token}`, secrets: [token], form: 'slack' }
      : { text: `curl -X POST https://hooks.slack.com/services/${hook} -d @msg.json`, secrets: [hook], form: 'slack' };
  },
  npm: (r) => {
    const token = `npm_${r.chars(ALNUM, 36)}`;
    return { text: `//registry.npmjs.org/:_authToken=${token}`, secrets: [token], form: 'npm' };
  },
  jwt: (r) => {
    const token = jwt(r);
    const text = r.pick([`id_token: ${token}`, `Set-Cookie: session=${token}; Path=/; HttpOnly`, `received ${token}`]);
    return { text, secrets: [token], form: 'jwt' };
  },
  xml: (r) => {
    const pw = password(r);
    return {
      text: `<server>\n  <id>nexus</id>\n  <username>deploy</username>\n  <password>${pw}</password>\n</server>`,
      secrets: [pw],
      form: 'xml',
    };
  },
  'presigned-url': (r) => {
    const [id, token, sig] = [awsKeyId(r, 'ASIA'), sessionToken(r).slice(0, 120), r.hex(64)];
    return {
      text: `Downloading https://acme-artifacts.s3.eu-west-1.amazonaws.com/app.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=${id}%2F20261128%2Feu-west-1%2Fs3%2Faws4_request&X-Amz-Security-Token=${token}&X-Amz-Signature=${sig}`,
      secrets: [id, token, sig],
      form: 'presigned-url',
    };
  },
  'private-key': (r) => {
    const key = privateKey(r);
    return { text: `+ cat /root/.ssh/deploy_key\n${key.pem}`, secrets: key.lines, form: `private-key` };
  },
  'private-key-first-half': (r) => {
    const key = privateKey(r);
    const cut = Math.floor((key.pem.length * r.int(1, 9)) / 10);
    const text = `+ cat /etc/pki/tls/private/app.key\n${key.pem.slice(0, cut)}`;
    return { text, secrets: visibleKeyLines(text, key.lines), form: 'private-key-first-half' };
  },
  'private-key-second-half': (r) => {
    const key = privateKey(r);
    const cut = Math.floor((key.pem.length * r.int(1, 9)) / 10);
    const text = `${key.pem.slice(cut)}\n+ chmod 600 /etc/pki/tls/private/app.key`;
    return { text, secrets: visibleKeyLines(text, key.lines), form: 'private-key-second-half' };
  },
  'service-account-json': (r) => {
    const key = privateKey(r);
    const json = JSON.stringify({
      type: 'service_account',
      project_id: 'acme-prod',
      private_key_id: r.hex(40),
      private_key: `${key.pem}\n`,
      client_email: 'deploy@acme-prod.iam.gserviceaccount.com',
    });
    return { text: json, secrets: key.lines, form: 'service-account-json' };
  },
  'high-entropy': (r) => {
    const blob = r.chars(r.pick([B64, ALNUM]), r.int(32, 64));
    const text = r.pick([
      `Generated deployment key ${blob}`,
      `+ echo ${blob} | base64 -d > /tmp/bootstrap`,
      `licence ${blob} activated`,
    ]);
    return { text, secrets: [blob], form: 'high-entropy' };
  },
};

export interface SecretOutput {
  stdout: string;
  stderr: string;
  secrets: string[];
  forms: string[];
}

/** Cuts text like GetCommandInvocation does (the first `max` characters). */
export const ssmCut = (text: string, max: number) => text.slice(0, max);

/**
 * `count` command outputs with secrets: ordinary log lines with 1–4 secret forms placed among them (every form
 * appears), some of them long, one in ten with a private key right at SSM's 24,000-character cut.
 */
export function secretOutputs(count: number, seed = 20261128): SecretOutput[] {
  const r = new Random(seed);
  const forms = Object.keys(SECRET_FORMS);
  const outputs: SecretOutput[] = [];
  for (let i = 0; i < count; i += 1) {
    const chosen = [forms[i % forms.length] as string, ...Array.from({ length: r.int(0, 3) }, () => r.pick(forms))];
    const built = chosen.map((f) => (SECRET_FORMS[f] as FormBuilder)(r));
    const lines = ordinaryLog(r, r.pick([5, 20, 60, 200])).split('\n');
    for (const form of built) lines.splice(r.int(0, lines.length), 0, form.text);
    let stdout = lines.join('\n');
    let secrets = built.flatMap((b) => b.secrets);
    if (i % 10 === 9) {
      // A key printed at the end of a long output: SSM keeps the first 24,000 characters, so half of it.
      const key = privateKey(r);
      const filler = ordinaryLog(r, 400);
      const room = 24_000 - 700 - stdout.length;
      const fill = room > 0 ? filler.slice(0, Math.max(0, filler.lastIndexOf('\n', room))) : '';
      stdout = `${stdout}\n${fill}\n${key.pem}`;
      secrets = [...secrets, ...key.lines];
    }
    stdout = ssmCut(stdout, 24_000);
    const stderrForm = r.next() < 0.3 ? (SECRET_FORMS[r.pick(forms)] as FormBuilder)(r) : undefined;
    const stderr = `${stderrForm ? `${stderrForm.text}\n` : ''}failed to run commands: exit status ${r.int(1, 127)}`;
    outputs.push({
      stdout,
      stderr,
      secrets: [...secrets, ...(stderrForm?.secrets ?? [])].filter((s) => s.length >= 8),
      forms: [...chosen, ...(stderrForm ? [stderrForm.form] : [])],
    });
  }
  return outputs;
}

/** Every 8-character piece of every secret found in `haystack`. */
export function leakedPieces(haystack: string, secrets: readonly string[], size = 8): string[] {
  const leaks = new Set<string>();
  for (const secret of secrets) {
    for (let i = 0; i + size <= secret.length; i += 1) {
      const piece = secret.slice(i, i + size);
      if (haystack.includes(piece)) leaks.add(piece);
    }
  }
  return [...leaks];
}

/** Every string inside a value (parsed JSON bodies, blocks), joined: what a reader could see. */
export function allStrings(value: unknown): string {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(value);
  // What Slack would show: entities decoded, zero-width spaces gone.
  return out
    .join('\u0000')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&')
    .replaceAll('\u200b', '');
}
