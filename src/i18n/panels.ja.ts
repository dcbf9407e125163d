// アラート、ダイジェスト、フリート表示、App Home、履歴、購読、doctor、今すぐ実行、使い方の日本語。
// 引数は Slack 向けに整形済み (エスケープ済みの値、インラインコード、`<!date^…>` トークン、メンション) です。
import type { PanelsCatalog } from './panels.en.ts';

/** 340 ミリ秒 · 1.2 秒 · 2 分 5 秒 */
const durationMs = (ms: number): string => {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1_000) return `${Math.round(ms)} ミリ秒`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(1)} 秒`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1_000);
  return seconds === 0 ? `${minutes} 分` : `${minutes} 分 ${seconds} 秒`;
};

/** 「3 分前に」「たった今」: 経過時間を「〜にスキャン」の形で使うとき。 */
const atAge = (age: string) => (age === 'たった今' ? age : `${age}に`);

export const panelsJa: PanelsCatalog = {
  durationMs,
  age: (then: Date, now: Date): string => {
    const seconds = Math.max(0, Math.round((now.getTime() - then.getTime()) / 1_000));
    if (seconds < 5) return 'たった今';
    if (seconds < 90) return `${seconds} 秒前`;
    if (seconds < 90 * 60) return `${Math.round(seconds / 60)} 分前`;
    if (seconds < 36 * 3_600) return `${Math.round(seconds / 3_600)} 時間前`;
    return `${Math.round(seconds / 86_400)} 日前`;
  },
  more: {
    alerts: (n) => `_… ほかにアラートが ${n} 件あります_`,
    pairs: (n) => `_… ほかにアカウント/リージョンが ${n} 組あります_`,
    groups: (n) => `_… ほかにグループが ${n} 件あります_`,
    investigations: (n) => `_… ほかに調査が ${n} 件あります_`,
    subscriptions: (n) => `_… ほかに購読が ${n} 件あります_`,
    locations: (n) => `_… ほかに ${n} か所あります_`,
    places: (n) => `_… ほかに ${n} か所あります_`,
    accounts: (n) => `_… ほかにアカウントが ${n} 件あります_`,
  },

  alert: {
    recoveredHeadline: (name) => `復旧しました: ${name}`,
    pendingHeadline: (duration, name) => `関連付けが ${duration}以上 Pending のままです: ${name}`,
    failedHeadline: (name) => `関連付けが失敗しました: ${name}`,
    recoveredLine: (at, status, lasted) => `✅ *${at} に復旧しました* — ${lasted}ぶりに ${status} に戻りました。`,
    investigateAgain: '再調査',
    investigate: '調査',
    mute: '24 時間ミュート',
    recoveredFallback: (id, name, at, place) =>
      `✅ 関連付け ${id}${name ? ` (${name})` : ''} は ${at} に復旧しました (${place})`,
    openFallback: (emoji, id, name, status, place) =>
      `${emoji} 関連付け ${id}${name ? ` (${name})` : ''} のステータスは ${status} です (${place})`,
    fields: {
      association: '関連付け',
      document: 'ドキュメント',
      account: 'アカウント',
      region: 'リージョン',
      status: 'ステータス',
      targets: 'ターゲット',
    },
    opened: (at, investigating) =>
      `${at} にアラートが発生しました${investigating ? '。スレッドで調査を実行しています ↓' : ''}`,
    noDocument: 'ドキュメントなし',
    statusLine: (status, targets) => `*ステータス:* ${status} · *ターゲット:* ${targets}`,
    investigatingHere: '_このスレッドで調査しています。_',
    muted: (id, until) =>
      `🔕 ${until} まで、このチャンネルには ${id} の新しいアラートを投稿しません。発生中のアラートには、復旧したときに引き続きお知らせします。`,
    muteNote: (user, until) => `🔕 ${user} さんが ${until} までミュートしました。`,
  },

  digest: {
    allRecoveredTitle: (alerts) => `✅ 関連付けのアラート ${alerts} 件 — すべて復旧しました`,
    failingTitle: (open) => `🔥 このチャンネルで ${open} 件の関連付けが失敗しています`,
    summary: (alerts, since, open, recovered) =>
      `${since} 以降のアラートは *${alerts} 件* です (発生中 ${open} 件、復旧 ${recovered} 件)。大量のアラートでチャンネルが埋まらないよう、1 つのメッセージにまとめています。`,
    note: (threaded) =>
      `スレッド ↓ に関連付けごとの返信があり、*調査* と *24 時間ミュート* のボタンを使えます。${threaded !== undefined ? `返信があるのは最初の ${threaded} 件だけで、残りはここに一覧表示しています。` : ''}`,
  },

  fleet: {
    otherPlaces: (places, more) => `${places}${more > 0 ? ` ほか ${more} か所` : ''}`,
    oldestSince: (at, age) => ` · 最も古いものは ${at} から (${age})`,
    example: (id, name, place) => `例: ${place} の ${id}${name ? ` (${name})` : ''}`,
    fromPoller: (pairs, oldest) =>
      `${pairs} 組のアカウント/リージョンはアラートのポーリング結果です (最も古いポーリングは ${oldest})`,
    scanned: (pairs, age, calls) =>
      `${pairs} 組を ${atAge(age)}スキャンしました (ListAssociations の呼び出し ${calls} 回)`,
    truncated: (place) =>
      `⚠️ ${place}: 呼び出し回数の上限で一覧の取得を打ち切りました。ほかにも失敗している関連付けがある可能性があります`,
    notScanned: (place, reason) => `❗ ${place}: スキャンできませんでした — ${reason}`,
    unknownError: '不明なエラー',
    scanFailed: 'スキャンに失敗しました',
    noData: (place) => `${place}: まだデータがありません`,
    scanning: (pairs) => `🔎 ${pairs} 組のアカウント/リージョンで Failed と Pending の関連付けをスキャンしています…`,
    noneHeading: (pairs, scope) =>
      `✅ ${pairs} 組のアカウント/リージョン${scope ? ` (${scope})` : ''}に *Failed または Pending の関連付けはありません*。`,
    heading: (failing, groups, pairs, scope) =>
      `*失敗している関連付けが ${failing} 件* あります (${groups} グループ、${pairs} 組のアカウント/リージョン${scope ? `、${scope}` : ''})。大きいグループから順に表示します`,
    investigate: '調査',
    scope: (account, region) =>
      [account && `アカウント ${account}`, region && `リージョン ${region}`].filter(Boolean).join('、'),
    moreGroups: (groups, associations) => `… ほかに ${groups} グループ (関連付け ${associations} 件) があります`,
    asOf: (at, freshness) => `${at} 時点: ${freshness}`,
    noAccountInRegion: (region) =>
      `このチャンネルで使えるアカウントのうち、${region} が設定されているものはありません。`,
    noUsableAccount: 'このチャンネルは、設定済みのどのアカウントも使用できません。',
    noneText: 'Failed または Pending の関連付けはありません',
    text: (failing, groups) => `失敗している関連付けが ${failing} 件あります (${groups} グループ)`,
  },

  home: {
    title: 'ssm-why — フリートの状態',
    couldNotRead: (code) => `読み取れませんでした: ${code}`,
    noData: 'まだデータがありません',
    polled: (age) => `${atAge(age)}ポーリング`,
    scanned: (age) => `${atAge(age)}スキャン`,
    lastPoll: (age) => `最後のポーリングは ${age}`,
    counts: (failed, pending, total) =>
      `Failed ${failed} 件 · Pending ${pending} 件 · ${total !== undefined ? `全 ${total} 件` : '全件数は不明'}`,
    cut: '⚠️ 呼び出し回数の上限で一覧を打ち切りました',
    summary: (p) =>
      `チャンネルで使えるアカウントは ${p.accounts} 件、アカウント/リージョンは ${p.pairs} 組です。Failed/Pending の関連付けがあるものが ${p.failing} 組、問題なしが ${p.healthy} 組、まだデータがないものが ${p.noData} 組${p.unreadable !== undefined ? `、読み取れなかったものが ${p.unreadable} 組` : ''}です。${p.at} 時点の件数で、アラートのポーリングか最後の \`/ssm-why failing\` の結果です。最新の状態を見るには \`/ssm-why failing\` でスキャンしてください。`,
    morePairsFailing: (hidden, failing, failed, pending) =>
      `… ほかにアカウント/リージョンが ${hidden} 組あります。うち ${failing} 組に Failed ${failed} 件と Pending ${pending} 件があり、残りは問題なしか未スキャンです`,
    morePairsClear: (hidden) => `… ほかにアカウント/リージョンが ${hidden} 組あり、すべて問題なしか未スキャンです`,
    groupsTitle: '*主な失敗グループ*',
    noGroups: '失敗している関連付けは見つかっていません。',
    since: (at) => ` · ${at} から`,
    moreGroups: (groups) => `_… ほかにグループが ${groups} 件あります_`,
    recentTitle: '*最近の調査*',
    noRecent: 'まだありません。チャンネルで `/ssm-why <association-id>` を実行してみてください。',
  },

  history: {
    thread: 'スレッド',
    inChannel: (channel) => `${channel} 内`,
    status: { queued: '待機中', running: '実行中', done: '完了', failed: '失敗' },
    empty: (id) => `このチャンネルには${id ? `関連付け ${id} の` : ''}調査がまだありません。`,
    heading: (id, count) => `*${id ? `関連付け ${id} の` : ''}最近の調査* (${count} 件)`,
    text: (id, count) => `${id ? `関連付け ${id} の` : ''}最近の調査 ${count} 件`,
  },

  subscriptions: {
    association: (id) => `関連付け ${id}`,
    document: (name) => `ドキュメント ${name} の関連付け`,
    named: (pattern) => `名前が ${pattern} に一致する関連付け`,
    everyAssociation: 'すべての関連付け',
    account: (name, id) => `アカウント ${name} (${id})`,
    everyAccount: 'このチャンネルで使えるすべてのアカウント',
    region: (region) => `リージョン ${region}`,
    configuredRegions: '設定済みのリージョン',
    filter: (what, account, region) => `${what} (${account}、${region})`,
    subscribed: (filter, id) => `🔔 ${filter} の失敗アラートを、このチャンネルで購読しました (購読 ${id})。`,
    alreadySubscribed: (filter, id) =>
      `🔔 このチャンネルはすでに ${filter} を購読しています (購読 ${id})。変更はありません。`,
    watching: (coverage) => (coverage ? `監視対象: ${coverage}。` : '監視対象はまだありません。'),
    howItWorks: (interval, pending) =>
      `${interval}ごとに確認し、*Failed* になったとき、または *Pending* が ${pending}以上続いたときに、ここにアラートを投稿してスレッドで調査します。復旧すると緑に変わります。`,
    subscribedHint: '`/ssm-why subscriptions` で一覧を表示し、`/ssm-why unsubscribe <id|all>` で購読を解除できます。',
    none: 'このチャンネルにはアラートの購読がありません。`/ssm-why subscribe` で始めてください。',
    line: (id, filter, by, at) => `• ${id} ${filter} — ${by} さんが ${at} に作成`,
    listHeading: (count) => `*このチャンネルのアラート購読* (${count} 件)`,
    listText: (count) => `このチャンネルのアラート購読 ${count} 件`,
    listHint: '`/ssm-why unsubscribe <id>` で 1 件、`/ssm-why unsubscribe all` ですべての購読を解除できます。',
    hadNone: 'このチャンネルにはアラートの購読がありませんでした。',
    nothingToRemove: '解除する購読はありません。',
    removed: (count) => `🔕 このチャンネルの購読を ${count} 件解除しました。`,
    removedHint: '発生中のアラートには、復旧したときに引き続きお知らせします。',
    unknownAccount: (account, known) =>
      `\`${account}\` という名前のアカウントは設定されていません。設定済みのアカウント: ${known}。`,
    mayNotUse: (account) => `このチャンネルはアカウント ${account} を使用できません。`,
    noUsableAccount: 'このチャンネルは、設定済みのどのアカウントも使用できません。',
    regionNotConfigured: (region, accounts, configured) =>
      `リージョン ${region} は ${accounts} に設定されていません (設定済み: ${configured})。`,
  },

  doctor: {
    running: (accounts) => `セットアップを確認しています (Slack、データベース、AWS アカウント ${accounts} 件)…`,
    noAccount: 'このチャンネルで使える AWS アカウントがないため、ここで確認するセットアップはありません。',
    allPassed: (checks) => `✅ セットアップの確認 ${checks} 件はすべて成功しました。`,
    someFailed: (failed, checks) => `❌ セットアップの確認 ${checks} 件のうち ${failed} 件が失敗しました。`,
  },

  runNow: {
    button: '▶️ 今すぐ実行',
    question: (id) => `関連付け ${id} を今すぐ 1 回実行しますか?`,
    account: (name, id) => `*アカウント:* ${name} (${id})`,
    region: (region) => `*リージョン:* ${region}`,
    targets: (targets) =>
      `*ターゲット:* ${targets !== undefined ? `${targets} 件` : 'すべてのターゲット (件数は不明)'}`,
    how: (role) =>
      `ロール ${role} で \`ssm:StartAssociationsOnce\` を呼び出します。呼び出しはあなたの操作として記録されます (CloudTrail のセッション名は \`ssm-why-<あなたのユーザー ID>\`)。確定できるのはこのアカウントの修復担当者だけで、操作は監査ログに記録されます。その後、スレッドで新しい実行を追跡し、結果をお知らせします。`,
    title: '今すぐ実行しますか?',
    submit: '実行する',
    close: 'キャンセル',
    started: (user, id, role) =>
      `▶️ ${user} さんが関連付け ${id} を今すぐ実行しました (ロール ${role} で \`StartAssociationsOnce\` を呼び出しました)。新しい実行を追跡しており、終了したらここで 1 回お知らせします。`,
    failed: (reason) => `❗ 今すぐ実行に失敗しました: ${reason}`,
    refused: (account) =>
      `🔒 今すぐ実行できるのはアカウント ${account} の修復担当者だけです。この操作は記録されました。`,
    already: (user, at) => `この診断結果は ${user} さんが ${at} にすでに実行しています。2 回は実行しません。`,
    verified: (success, total, user) =>
      `✅ *確認済み:* ${user} さんの今すぐ実行のあと、ターゲット ${total} 件中 ${success} 件が Success になりました。`,
    stillFailing: (failing, total, status, note) =>
      `🔴 *まだ失敗しています:* ターゲット ${total} 件中 ${failing} 件が Success ではありません (実行のステータスは ${status})。${note}`,
    causePending: 'このスレッドで新しい調査を続けます。',
    causeSame: (title) => `*原因は同じです:* ${title} (新しい診断結果はこのスレッドにあります)。`,
    causeDifferent: (title, before) =>
      `*原因が変わりました:* ${title}${before ? ` (以前は ${before})` : ''}。新しい診断結果はこのスレッドにあります。`,
    causeNone: 'このスレッドの新しい診断結果には、比較できる原因がありません。',
    notVerified: (checks) =>
      `⏱️ *確認できませんでした:* ${checks} 回確認しましたが、完了した実行がありません。関連付けの実行履歴を確認してください。`,
    rootVerified: (id, place, success, total, user) =>
      `✅ *確認済み:* ${place} の関連付け ${id} — ${user} さんの今すぐ実行のあと、ターゲット ${total} 件中 ${success} 件が Success になりました。`,
    rootVerifiedText: (id) => `確認済み: ${id}`,
    status: {
      starting: '⏳ 開始中',
      started: '⏳ 確認中',
      failed: '❗ 呼び出しに失敗',
      verified: '✅ 確認済み',
      'still-failing': '🔴 まだ失敗',
      'timed-out': '⏱️ 確認できず',
    },
    historyTitle: '*今すぐ実行 (修復)*',
    historyLine: (at, user, id, place, role, status) =>
      `▶️ ${at} · ${user} さんが ${place} の ${id} をロール ${role} で実行 (StartAssociationsOnce) · *${status}*`,
  },

  usage: {
    problem: (problem, example) => `⚠️ ${problem}\n関連付け ID は \`${example}\` のような形式です。`,
    investigate: (cmd, example) =>
      [
        `*関連付けを調査する*`,
        `\`${cmd} <association-id> [account <name|id>] [region <region>]\``,
        `\`--account <name|id>\` と \`--region <region>\` も使えます。ID の代わりにコンソールの URL や関連付けの ARN を貼り付けることもできます。`,
        `例: \`${cmd} ${example} account prod region eu-west-1\``,
      ].join('\n'),
    commands: (cmd) =>
      [
        `*その他のコマンド*`,
        `• \`${cmd} history [<association-id>]\` — このチャンネルの最近の調査と修復`,
        `• \`${cmd} stats\` — このチャンネルのアカウントの過去 30 日間の診断結果: 原因、👍/👎、診断までの時間の中央値`,
        `• \`${cmd} failing [account <name|id>] [region <region>]\` — このチャンネルから見える Failed または Pending の関連付けを、原因ごとにまとめて表示`,
        `• \`${cmd} doctor\` — このチャンネルで使えるアカウントのセットアップを確認 (結果はあなたにだけ表示されます)`,
        `• \`${cmd} lang [en|ja|auto]\` — このチャンネルの言語を表示または設定 (どのコマンドにも \`lang en\` または \`lang ja\` を付けると、そのコマンドだけ言語を選べます)`,
        `• \`${cmd} help\` — このメッセージ`,
      ].join('\n'),
    alerts: (cmd) =>
      [
        `*このチャンネルへの失敗アラート*`,
        `• \`${cmd} subscribe [account <name|id>] [region <region>] [association <id> | document <name> | name <glob>]\` — 関連付けが失敗したとき (または Pending のままのとき) にここへアラートを投稿し、アラートのスレッドで調査します`,
        `• \`${cmd} subscriptions\` — このチャンネルの購読の一覧`,
        `• \`${cmd} unsubscribe <id|all>\` — 購読を解除`,
      ].join('\n'),
    readOnly:
      '読み取り専用: ssm-why は関連付け、その実行、ターゲット、ノード、出力を確認するだけで、何も変更しません。',
    problemText: (problem, cmd) => `${problem} — 使い方: ${cmd} <association-id> [account <name|id>] [region <region>]`,
    text: (cmd) =>
      `使い方: ${cmd} <association-id> [account <name|id>] [region <region>] · ${cmd} history · ${cmd} help`,
  },

  errors: {
    lookFailed: (place, call, code, meaning) =>
      `• ${place}: ${call} が ${code} で失敗しました${meaning ? ` — ${meaning}` : ''}`,
    couldNotLookIn: (places) => `⚠️ *確認できなかった場所:*\n${places}`,
    couldNotSearchText: (id, failures) => `関連付け ${id} を検索できませんでした: ${failures}。`,
    couldNotSearch: (id) =>
      `⚠️ 関連付け ${id} を検索できませんでした。確認できるすべての場所で検索に失敗したため、そこに存在する可能性があります。`,
    noAccount: 'アカウントなし',
    hints: [
      '• *ID が違いませんか?* Systems Manager → ステートマネージャー の「関連付け ID」列からコピーしてください (例: `8dfe3659-4309-493a-8755-0123456789ab`)。',
      '• *別のリージョンですか?* `region <region>` を付けてください (例: `/ssm-why <association-id> region us-west-2`)。',
      '• *別のアカウントですか?* `account <name|id>` を付けてください。検索するのは、このチャンネルで使えるアカウントだけです。',
    ].join('\n'),
    notFoundText: (id, where) => `関連付け ${id} は次の場所に見つかりませんでした: ${where}。`,
    notFound: (id, where) => `🔍 関連付け ${id} は次の場所に見つかりませんでした: ${where}。`,
    status: (status) => `ステータス ${status}`,
    ambiguous: (id) => `関連付け ${id} は複数の場所にあります。どれを調査しますか?`,
    ambiguousText: (id, places) => `関連付け ${id} は ${places} か所にあります。1 つ選んでください。`,
    unauthorized: (account) => `🔒 このチャンネルはアカウント ${account} を使用できません。`,
    unauthorizedHint:
      'ssm-why の管理者にこのチャンネルでそのアカウントを使えるよう依頼するか、許可されたチャンネルでコマンドを実行してください。',
    notMember: (bot) =>
      `このチャンネルのメンバーではありません。\`/invite @${bot}\` で @${bot} を招待するか、パブリックチャンネルで実行してください。`,
    cannotSee: (bot) =>
      `このチャンネルを参照できません (プライベートチャンネルまたは DM)。\`/invite @${bot}\` で @${bot} を招待するか、パブリックチャンネルで実行してください。`,
    followThread: 'スレッドで経過を確認できます',
    queued: (id, place, follow) => `🔎 ${place} の ${id} を調査しています — ${follow}。`,
    gone: { investigation: 'その調査はもう存在しません。', alert: 'そのアラートはもう存在しません。' },
    accountGone: (id) => `アカウント ${id} はもう設定されていません。`,
    otherChannel: {
      investigation: 'その調査は別のチャンネルのものです。そのチャンネルのボタンを使ってください。',
      alert: 'そのアラートは別のチャンネルのものです。そのチャンネルのボタンを使ってください。',
    },
    alreadyStarted: {
      rerun: '再実行はすでに開始されています (数秒以内の 2 回目のクリックは無視されます)。',
      investigation: 'この調査はすでに開始されています (数秒以内の 2 回目のクリックは無視されます)。',
    },
  },
};
