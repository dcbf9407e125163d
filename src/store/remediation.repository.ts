// Run now rows (the RemediationStore port): the unique investation id is the double-confirm guard, and the
// result claim makes the verification post exactly one result message.
import type { Diagnosis } from '../domain/finding.ts';
import { verdictCause } from '../domain/remediation.ts';
import type { NewRemediation, RemediationRecord, RemediationStatus, RemediationStore } from '../fleet/ports.ts';
import type { PrismaClient } from './generated/client.ts';
import { toJson } from './json.ts';

const select = {
  id: true,
  investigationId: true,
  associationId: true,
  accountId: true,
  region: true,
  teamId: true,
  channelId: true,
  userId: true,
  roleArn: true,
  status: true,
  error: true,
  baselineExecutionId: true,
  startedAt: true,
  verifyPolls: true,
  threadTs: true,
  rootTs: true,
  resultTs: true,
  result: true,
  createdAt: true,
} as const;

type Row = {
  [K in Exclude<keyof typeof select, 'result'>]: K extends 'startedAt' | 'createdAt'
    ? K extends 'createdAt'
      ? Date
      : Date | null
    : K extends 'verifyPolls'
      ? number
      : K extends 'error' | 'baselineExecutionId' | 'threadTs' | 'rootTs' | 'resultTs'
        ? string | null
        : string;
} & { result: unknown };

function toRecord(row: Row): RemediationRecord {
  const { error, baselineExecutionId, startedAt, threadTs, rootTs, resultTs, status, result, ...rest } = row;
  return {
    ...rest,
    ...(result !== null && typeof result === 'object' && !Array.isArray(result)
      ? { result: result as Record<string, unknown> }
      : {}),
    status: status as RemediationStatus,
    ...(error !== null ? { error } : {}),
    ...(baselineExecutionId !== null ? { baselineExecutionId } : {}),
    ...(startedAt !== null ? { startedAt } : {}),
    ...(threadTs !== null ? { threadTs } : {}),
    ...(rootTs !== null ? { rootTs } : {}),
    ...(resultTs !== null ? { resultTs } : {}),
  };
}

export function createRemediationStore(prisma: PrismaClient): RemediationStore {
  return {
    async claim(input: NewRemediation) {
      // INSERT … ON CONFLICT DO NOTHING: two confirmations racing make one row; the loser reads the winner's.
      const rows = await prisma.$queryRaw<{ id: string }[]>`
        INSERT INTO remediation (id, investigation_id, association_id, account_id, region, team_id, channel_id,
          user_id, role_arn, status, thread_ts, root_ts, created_at, updated_at)
        VALUES (gen_random_uuid(), ${input.investigationId}::uuid, ${input.associationId}, ${input.accountId},
          ${input.region}, ${input.teamId}, ${input.channelId}, ${input.userId}, ${input.roleArn}, 'starting',
          ${input.threadTs ?? null}, ${input.rootTs ?? null}, now(), now())
        ON CONFLICT (investigation_id) DO NOTHING
        RETURNING id`;
      const row = await prisma.remediation.findUniqueOrThrow({
        where: { investigationId: input.investigationId },
        select,
      });
      return { created: rows.length === 1, remediation: toRecord(row) };
    },
    async get(id) {
      const row = await prisma.remediation.findUnique({ where: { id }, select });
      return row ? toRecord(row) : undefined;
    },
    async markStarted(id, started) {
      await prisma.remediation.update({
        where: { id },
        data: {
          status: 'started',
          startedAt: started.startedAt,
          baselineExecutionId: started.baselineExecutionId ?? null,
        },
        select: { id: true },
      });
    },
    async markFailed(id, error) {
      await prisma.remediation.update({ where: { id }, data: { status: 'failed', error }, select: { id: true } });
    },
    async countPoll(id) {
      const row = await prisma.remediation.update({
        where: { id },
        data: { verifyPolls: { increment: 1 } },
        select: { verifyPolls: true },
      });
      return row.verifyPolls;
    },
    async claimResult(id, staleBefore) {
      const { count } = await prisma.remediation.updateMany({
        where: {
          id,
          resultTs: null,
          OR: [{ resultClaimedAt: null }, { resultClaimedAt: { lt: staleBefore } }],
        },
        data: { resultClaimedAt: new Date() },
      });
      return count === 1;
    },
    async finishResult(id, result) {
      await prisma.remediation.update({
        where: { id },
        data: { status: result.status, resultTs: result.resultTs ?? null, result: toJson(result.detail) },
        select: { id: true },
      });
    },
    async verdictCause(investigationId) {
      const row = await prisma.investigation.findUnique({
        where: { id: investigationId },
        select: { diagnosis: true },
      });
      return verdictCause((row?.diagnosis ?? undefined) as Diagnosis | undefined);
    },
    async findRecent(query) {
      const rows = await prisma.remediation.findMany({
        where: {
          teamId: query.teamId,
          channelId: query.channelId,
          ...(query.associationId ? { associationId: query.associationId } : {}),
        },
        orderBy: { createdAt: 'desc' },
        take: query.limit,
        select,
      });
      return rows.map(toRecord);
    },
  };
}
