// What the requester is told while the worker handles a command: ephemeral messages through the command's
// response_url (valid 30 minutes), rendered by the same views as before, in the request's language (the one its
// thread speaks: the command's `lang`, else the channel's, else the requester's Slack locale).
import { DEFAULT_LANG, type Lang, type SlackCatalog, texts } from '../i18n/index.ts';
import type { LocateFailure, Location } from '../investigation/locate.ts';
import type { AccountRef } from '../investigation/ports.ts';
import type { RequesterReplies } from '../investigation/worker.ts';
import { locationToken } from './location-token.ts';
import {
  renderAmbiguous,
  renderNotFound,
  renderNotInChannel,
  renderProblem,
  renderQueuedAck,
} from './views/errors.view.ts';
import type { SlackMessage } from './views/limits.ts';

/** The request's language: its thread's (the command's `lang`, else the channel's, else the requester's). */
const langOf = (request: { lang?: Lang }): Lang => request.lang ?? DEFAULT_LANG;

export function createRequesterReplies(fetchImpl: typeof fetch = fetch): RequesterReplies {
  const send = async (responseUrl: string, message: SlackMessage, replaceOriginal = false) => {
    const response = await fetchImpl(responseUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ response_type: 'ephemeral', replace_original: replaceOriginal, ...message }),
      signal: AbortSignal.timeout(10_000),
    });
    await response.body?.cancel();
  };
  return {
    located: (url, request, location) =>
      send(
        url,
        renderQueuedAck({
          associationId: request.associationId,
          accountName: location.account.name,
          region: location.region,
          lang: langOf(request),
        }),
        true,
      ),
    ambiguous: (url, request, locations: Location[]) =>
      send(
        url,
        renderAmbiguous({
          associationId: request.associationId,
          locations: locations.map((l) => ({
            accountName: l.account.name,
            accountId: l.account.id,
            region: l.region,
            documentName: l.documentName,
            token: locationToken.encode({
              associationId: request.associationId,
              accountId: l.account.id,
              region: l.region,
            }),
          })),
          lang: langOf(request),
        }),
      ),
    notFound: (url, request, absent, failures) =>
      send(
        url,
        renderNotFound({
          associationId: request.associationId,
          searched: searchedByAccount(absent),
          couldNotLook: failures.map((f) => unsearchedLocation(f, texts(langOf(request)).slack)),
          lang: langOf(request),
        }),
      ),
    problem: (url, message) => send(url, renderProblem(message)),
    unpostable: (url, request, reason) =>
      send(
        url,
        renderNotInChannel({
          reason: reason === 'not_in_channel' ? 'not_in_channel' : 'channel_not_found',
          lang: langOf(request),
        }),
      ),
    gaveUp: (url, request, attempts, reason) =>
      send(url, renderProblem(texts(langOf(request)).slack.command.gaveUp(request.associationId, attempts, reason))),
  };
}

function searchedByAccount(pairs: { account: AccountRef; region: string }[]) {
  const byAccount = new Map<string, { accountName: string; accountId: string; regions: string[] }>();
  for (const { account, region } of pairs) {
    const entry = byAccount.get(account.id) ?? { accountName: account.name, accountId: account.id, regions: [] };
    entry.regions.push(region);
    byAccount.set(account.id, entry);
  }
  return [...byAccount.values()];
}

function unsearchedLocation(f: LocateFailure, t: SlackCatalog) {
  const call = f.operation === 'AssumeRole' ? t.assumeRoleInto(f.roleArn) : f.operation;
  return {
    accountName: f.account.name,
    accountId: f.account.id,
    region: f.region,
    call,
    code: f.code,
    meaning: f.meaning,
  };
}
