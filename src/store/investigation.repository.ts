// Investigations and their steps (the InvestigationStore port). No business rules: the runner decides.
import { AppError } from '../domain/app-error.ts';
import type { FactGap, InvestigationFacts, StepKey } from '../domain/facts.ts';
import type { Finding } from '../domain/finding.ts';
import { storableText } from '../domain/text.ts';
import { isLang, type Lang } from '../i18n/index.ts';
import {
  type InvestigationRecord,
  type InvestigationStore,
  type NewInvestigation,
  type StepFact,
  type StepResult,
  type StoredStep,
  StoreUnavailable,
} from '../investigation/ports.ts';
import { isDatabaseUnavailable } from './availability.ts';
import type { Prisma, PrismaClient } from './generated/client.ts';
import { reviveDates, toJson } from './json.ts';

export const recordSelect = {
  id: true,
  associationId: true,
  accountId: true,
  accountName: true,
  region: true,
  teamId: true,
  channelId: true,
  userId: true,
  trigger: true,
  status: true,
  rootTs: true,
  threadTs: true,
  verdictSummary: true,
  lang: true,
  createdAt: true,
  updatedAt: true,
  finishedAt: true,
} satisfies Prisma.InvestigationSelect;

type RecordRow = Prisma.InvestigationGetPayload<{ select: typeof recordSelect }>;

const stepSelect = {
  ordinal: true,
  stepKey: true,
  title: true,
  status: true,
  facts: true,
  findings: true,
  gaps: true,
  patch: true,
  durationMs: true,
  messageTs: true,
} satisfies Prisma.InvestigationStepSelect;

type StepRow = Prisma.InvestigationStepGetPayload<{ select: typeof stepSelect }>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function toRecord(row: RecordRow): InvestigationRecord {
  return {
    id: row.id,
    associationId: row.associationId,
    accountId: row.accountId,
    accountName: row.accountName,
    region: row.region,
    teamId: row.teamId,
    channelId: row.channelId,
    userId: row.userId,
    trigger: row.trigger,
    status: row.status,
    threadTs: row.threadTs ?? undefined,
    rootTs: row.rootTs ?? undefined,
    verdictSummary: row.verdictSummary ?? undefined,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    finishedAt: row.finishedAt ?? undefined,
    ...storedLang(row.lang),
  };
}

/** A stored language column as a record field: a language we speak, else nothing (English). */
export function storedLang(value: string | null): { lang?: Lang } {
  return value !== null && isLang(value) ? { lang: value } : {};
}

function toStoredStep(row: StepRow): StoredStep {
  return {
    key: row.stepKey as StepKey,
    ordinal: row.ordinal,
    title: row.title,
    status: row.status,
    facts: row.facts as unknown as StepFact[],
    findings: row.findings as unknown as Finding[],
    gaps: row.gaps as unknown as FactGap[],
    durationMs: row.durationMs,
    patch: reviveDates<Partial<InvestigationFacts>>(row.patch),
    messageTs: row.messageTs ?? undefined,
  };
}

const notFound = (id: string) =>
  new AppError('not-found', `Investigation ${id} does not exist`, {
    userMessage: 'That investigation no longer exists.',
  });

export function createInvestigationStore(prisma: PrismaClient): InvestigationStore {
  /** Updates one investigation; a missing id is an error, not a silent no-op. */
  async function update(id: string, data: Prisma.InvestigationUpdateManyMutationInput): Promise<void> {
    const { count } = UUID.test(id) ? await prisma.investigation.updateMany({ where: { id }, data }) : { count: 0 };
    if (count === 0) throw notFound(id);
  }

  return {
    async create(input: NewInvestigation & { id?: string }) {
      const row = await prisma.investigation.create({
        data: {
          ...(input.id ? { id: input.id } : {}),
          associationId: input.associationId,
          accountId: input.accountId,
          accountName: input.accountName,
          region: input.region,
          trigger: input.trigger,
          teamId: input.teamId,
          channelId: input.channelId,
          userId: input.userId,
          threadTs: input.threadTs ?? null,
          lang: input.lang ?? null,
          status: 'queued',
        },
        select: recordSelect,
      });
      return toRecord(row);
    },

    async get(id) {
      // Ids arrive from button values; a malformed one is simply not there.
      if (!UUID.test(id)) return undefined;
      const row = await prisma.investigation.findUnique({ where: { id }, select: recordSelect });
      return row === null ? undefined : toRecord(row);
    },

    markRunning: (id) => update(id, { status: 'running' }),

    setRootMessage: (id, message) => update(id, { rootTs: message.rootTs, threadTs: message.threadTs }),

    async appendStep(id, step: StepResult) {
      if (!UUID.test(id)) throw notFound(id);
      // ON CONFLICT (investigation_id, ordinal) DO NOTHING: a resumed run re-appending a step is a no-op.
      await prisma.investigationStep
        .createMany({
          data: [
            {
              investigationId: id,
              ordinal: step.ordinal,
              stepKey: step.key,
              status: step.status,
              title: storableText(step.title),
              facts: toJson(step.facts),
              findings: toJson(step.findings),
              gaps: toJson(step.gaps),
              patch: toJson(step.patch),
              durationMs: Math.round(step.durationMs),
            },
          ],
          skipDuplicates: true,
        })
        .catch((error: unknown) => {
          // P2003: foreign key violation, i.e. no such investigation.
          if ((error as { code?: unknown }).code === 'P2003') throw notFound(id);
          if (isDatabaseUnavailable(error)) throw new StoreUnavailable(error);
          throw error;
        });
    },

    async setStepMessage(id, ordinal, messageTs) {
      const { count } = UUID.test(id)
        ? await prisma.investigationStep.updateMany({ where: { investigationId: id, ordinal }, data: { messageTs } })
        : { count: 0 };
      if (count === 0) throw new AppError('not-found', `Investigation ${id} has no step ${ordinal}`);
    },

    async listSteps(id) {
      if (!UUID.test(id)) return [];
      const rows = await prisma.investigationStep.findMany({
        where: { investigationId: id },
        orderBy: { ordinal: 'asc' },
        select: stepSelect,
      });
      return rows.map(toStoredStep);
    },

    finish: (id, outcome) =>
      update(id, {
        status: outcome.status,
        verdictSummary: storableText(outcome.verdictSummary),
        ...(outcome.diagnosis === undefined ? {} : { diagnosis: toJson(outcome.diagnosis) }),
        finishedAt: new Date(),
      }),

    async findRecent(query) {
      const rows = await prisma.investigation.findMany({
        where: {
          teamId: query.teamId,
          ...(query.channelId === undefined ? {} : { channelId: query.channelId }),
          ...(query.associationId === undefined ? {} : { associationId: query.associationId }),
        },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: query.limit,
        select: recordSelect,
      });
      return rows.map(toRecord);
    },
  };
}
