// The redaction measurements (README "Show output and redaction"):
//  1. 240 generated command outputs carrying synthetic secrets go through the real Show output path — the
//     redacting reader over a fake SSM, the service, the Slack view, the uploaded file and the CLI text — and no
//     8-character piece of any secret may come out;
//  2. 10,000 lines of ordinary agent and script logs: how many lines are wrongly masked.
// Reproduce: npx vitest run test/unit/redaction-corpus.test.ts
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/domain/app-error.ts';
import type { CommandInvocationFacts, ExecutionTargetsFacts } from '../../src/domain/facts.ts';
import { createMemoryInvestigationStore } from '../../src/investigation/memory-store.ts';
import { outputText } from '../../src/investigation/output-text.ts';
import type { AccountRef, AwsGateway, InvestigationRecord, SsmReader } from '../../src/investigation/ports.ts';
import { createShowOutputService } from '../../src/investigation/show-output.ts';
import { createRedactor } from '../../src/redaction/redact.ts';
import { renderTargetOutput } from '../../src/slack/views/output.view.ts';
import {
  allStrings,
  leakedPieces,
  ordinaryLog,
  RANDOM_LOOKING_ID_SHARE,
  Random,
  SECRET_FORMS,
  type SecretOutput,
  secretOutputs,
} from '../support/redaction-corpus.ts';
import { investigationAtTargets, newInvestigation } from '../support/runner-rig.ts';

const ACCOUNT: AccountRef = { name: 'prod', id: '123456789012', regions: ['eu-west-1'] };
const COMMAND_ID = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';
const NODE = 'i-0a1b2c3d4e5f60718';

type Shape = 'single' | 'multi-step' | 'automation' | 'expired';
const SHAPES: Shape[] = ['single', 'single', 'multi-step', 'automation', 'expired'];

/** A fake SSM (the SsmReader port) that serves one generated output in the given shape. */
function fakeReader(output: SecretOutput, shape: Shape): SsmReader {
  const invocation = (pluginName: string, stdout: string, stderr: string): CommandInvocationFacts => ({
    commandId: COMMAND_ID,
    instanceId: NODE,
    pluginName,
    status: 'Failed',
    statusDetails: 'Failed',
    responseCode: 1,
    stdout,
    stderr,
  });
  // Two steps, each printing its own lines.
  const half = Math.max(0, output.stdout.lastIndexOf('\n', Math.floor(output.stdout.length / 2)));
  const plugins = [
    invocation('prepare', output.stdout.slice(0, half), ''),
    invocation('deploy', output.stdout.slice(half), output.stderr),
  ];
  const missing = () => new AppError('not-found', 'gone', { upstreamCode: 'InvocationDoesNotExist' });
  return {
    async getCommandInvocation(_commandId: string, _instanceId: string, pluginName?: string) {
      if (shape === 'expired') throw missing();
      if (shape === 'multi-step') {
        const found = plugins.find((p) => p.pluginName === pluginName);
        if (!found) throw new AppError('upstream', 'needs a plugin', { upstreamCode: 'InvalidPluginName' });
        return found;
      }
      return invocation('aws:runShellScript', output.stdout, output.stderr);
    },
    listCommandPlugins: async () => plugins.map((p) => ({ ...p, stdout: p.stdout.slice(0, 2_500) })),
    getAutomationExecution: async () => ({
      executionId: 'auto-1',
      status: 'Failed',
      failureMessage: output.stderr,
      parameters: {},
      failedSteps: [{ stepName: 'runScript', status: 'Failed', failureMessage: output.stdout.slice(0, 6_000) }],
    }),
    describeInstanceAssociations: async () => [
      {
        associationId: 'assoc-1',
        executionSummary: {
          raw: `1 out of 1 plugin processed, 0 success, 1 failed, 0 timedout, 0 skipped. \nThe operation aws:runShellScript failed because ${output.stderr}`.slice(
            0,
            510,
          ),
          failures: [],
          truncated: false,
        },
      },
    ],
  } as unknown as SsmReader;
}

async function investigationWithTarget(
  store: ReturnType<typeof createMemoryInvestigationStore>,
  shape: Shape,
): Promise<InvestigationRecord> {
  const latestTargets: ExecutionTargetsFacts = {
    executionId: 'e1',
    total: 1,
    partial: true,
    groups: [
      {
        status: 'Failed',
        detailedStatus: 'Failed',
        count: 1,
        samples: [
          {
            resourceId: NODE,
            status: 'Failed',
            detailedStatus: 'Failed',
            outputSource:
              shape === 'automation' ? { id: 'auto-1', type: 'Automation' } : { id: COMMAND_ID, type: 'RunCommand' },
          },
        ],
      },
    ],
  };
  return investigationAtTargets(store, newInvestigation('assoc-1', ACCOUNT, 'eu-west-1'), { latestTargets });
}

describe('redaction, measured', () => {
  const redactor = createRedactor();

  it('lets no piece of 240 outputs’ secrets through the Show output path (messages, files, CLI)', async () => {
    const outputs = secretOutputs(240);
    const forms = new Set(outputs.flatMap((o) => o.forms));
    expect([...forms].sort()).toEqual(Object.keys(SECRET_FORMS).sort());
    const secrets = outputs.reduce((n, o) => n + o.secrets.length, 0);
    let files = 0;
    let masked = 0;
    const leaks: string[] = [];
    for (const [i, output] of outputs.entries()) {
      const shape = SHAPES[i % SHAPES.length] as Shape;
      const store = createMemoryInvestigationStore();
      const investigation = await investigationWithTarget(store, shape);
      const gateway: AwsGateway = { reader: () => fakeReader(output, shape) };
      const service = createShowOutputService({ store, gateway, redactor });
      const context = await service.resolve(investigation, { source: 'latest', group: 0, sample: 0 });
      if (!context) throw new Error('target not found');
      const fetched = await service.fetch(context, ACCOUNT, { userId: 'U1' });
      const { message, file } = renderTargetOutput(fetched, 'en');
      if (file) files += 1;
      const seen = [allStrings(message), file?.content ?? '', outputText(fetched, 'en')].join('\u0000');
      masked += seen.match(/\[REDACTED:/g)?.length ?? 0;
      const leaked = leakedPieces(seen, output.secrets);
      if (leaked.length > 0)
        leaks.push(`#${i} (${shape}, ${output.forms.join(', ')}): ${leaked.slice(0, 3).join(' ')}`);
    }
    console.log(
      `redaction corpus: ${outputs.length} outputs, ${secrets} synthetic secrets in ${forms.size} forms, ` +
        `${leaks.length} outputs leaking any 8-character piece; ${files} files uploaded; ${masked} masks shown`,
    );
    expect(leaks).toEqual([]);
    expect(files).toBeGreaterThan(20);
  });

  it('wrongly masks few lines of ordinary agent and script logs', async () => {
    const r = new Random(20261129);
    let lines = 0;
    let wrong = 0;
    const examples = new Set<string>();
    for (let i = 0; i < 200; i += 1) {
      const text = ordinaryLog(r, 50);
      const result = await redactor.redact(text);
      const before = text.split('\n');
      const after = result.text.split('\n');
      lines += before.length;
      before.forEach((line, j) => {
        if (line !== after[j]) {
          wrong += 1;
          examples.add(line.replace(/\d+/g, 'N').slice(0, 60));
        }
      });
    }
    const rate = wrong / lines;
    console.log(
      `ordinary logs: ${lines} lines, ${wrong} wrongly masked (${(rate * 100).toFixed(2)}%; ` +
        `${(RANDOM_LOOKING_ID_SHARE * 100).toFixed(0)}% of lines carry random-looking public ids)`,
    );
    expect(lines).toBe(10_000);
    expect(rate).toBeLessThan(0.02);
  });
});
