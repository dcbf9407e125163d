// A scenario for Show output: two failed targets of one Run Command execution in PROD — one whose output is
// long and full of (synthetic) secrets and Slack mentions, one whose invocation has expired (the fake answers
// InvocationDoesNotExist) while its node still reports an ExecutionSummary, with a secret in it too. The
// association sends output to S3.
import type { Scenario } from '../fake-aws/types.ts';
import { ordinaryLog, Random, SECRET_FORMS } from '../redaction-corpus.ts';
import { executionSummary, uuidFrom } from './builder.ts';
import { prod } from './named/common.ts';

export const SHOW_OUTPUT_ASSOCIATION = '5e0a7c1d-3b9f-4d2e-8a6c-1f0b9e7d3c52';
export const SHOW_OUTPUT_EXECUTION = '7b3e9f1a-2c4d-4e6f-9a8b-0c1d2e3f4a5b';
/** The target whose stdout is long and carries secrets. */
export const LONG_OUTPUT_NODE = 'i-0a1b2c3d4e5f60718';
/** The target whose invocation no longer exists. */
export const EXPIRED_NODE = 'i-0f9e8d7c6b5a49382';
export const OUTPUT_BUCKET = 'acme-ssm-output';

/** Mentions a script could print; none may ping anyone. */
export const MENTIONS = ['<!channel>', '<!here>', '<@U0123ABCD>', '<!subteam^S012AB3CD|oncall>'];

export interface ShowOutputFixture {
  scenario: Scenario;
  /** Every secret the outputs carry. */
  secrets: string[];
  /** A line near the end of the long stdout: only the file can show it. */
  lastStdoutLine: string;
  commandId: string;
}

export function showOutputScenario(options: { now?: Date } = {}): ShowOutputFixture {
  const r = new Random(4242);
  const forms = [
    'env-aws',
    'private-key',
    'json-sts',
    'github',
    'slack',
    'db-url',
    'bearer',
    'password-flag',
    'jwt',
  ].map((name) => SECRET_FORMS[name]?.(r) ?? { text: '', secrets: [], form: name });
  const lines = ordinaryLog(r, 90).split('\n');
  forms.forEach((form, i) => {
    lines.splice(Math.min(lines.length, 4 + i * 9), 0, form.text);
  });
  lines.splice(20, 0, `deploy: notify ${MENTIONS.join(' ')} @channel`);
  const lastStdoutLine = 'deploy.sh: finished step 9 of 9 (rollback skipped)';
  const stdout = `${lines.join('\n')}\n${lastStdoutLine}\n`;
  const stderrSecret = SECRET_FORMS['password-flag']?.(r) ?? { text: '', secrets: [] };
  const stderr = `${stderrSecret.text}\nERROR: migration 0042_orders failed: relation "orders" already exists <!here>`;
  const dbPassword = `Zq8-${r.chars('ABCDEFGHJKMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz23456789', 18)}`;
  const commandId = uuidFrom(`command:${SHOW_OUTPUT_EXECUTION}`);

  const scenario = prod(options)
    .shellScriptAssociation({
      associationId: SHOW_OUTPUT_ASSOCIATION,
      associationName: 'DeployOrdersApp',
      targets: [{ Key: 'tag:App', Values: ['orders'] }],
      schedule: 'rate(1 day)',
      parameters: { commands: ['/opt/acme/bin/deploy.sh'] },
      outputS3: { bucketName: OUTPUT_BUCKET, keyPrefix: 'state-manager' },
      maxErrors: '100%',
    })
    .execution({ executionId: SHOW_OUTPUT_EXECUTION, status: 'Failed', createdAt: '15m ago' })
    .runCommandFailure({ instanceId: LONG_OUTPUT_NODE, exitCode: 1, stdout, stderr, commandId })
    // The same command on a second node, whose invocation the fake no longer has.
    .target({ resourceId: EXPIRED_NODE, status: 'Failed', detailedStatus: 'Failed', commandId, at: '14m ago' })
    .node({ instanceId: EXPIRED_NODE })
    .instanceAssociationStatus({
      instanceId: EXPIRED_NODE,
      status: 'Failed',
      detailedStatus: 'Failed',
      errorCode: 'ExecutionError',
      executionSummary: executionSummary({
        failed: 1,
        failures: [
          {
            plugin: 'aws:runShellScript',
            reason: `export DB_PASSWORD=${dbPassword}\nfailed to run commands: exit status 1`,
          },
        ],
      }),
      outputUrl: `https://s3.console.aws.amazon.com/s3/object/${OUTPUT_BUCKET}?region=eu-west-1&prefix=state-manager/${EXPIRED_NODE}/`,
      at: '14m ago',
    })
    .build();

  return {
    scenario,
    secrets: [...forms.flatMap((f) => f.secrets), ...stderrSecret.secrets, dbPassword].filter((s) => s.length >= 8),
    lastStdoutLine,
    commandId,
  };
}
