// The decisive line of a failure: the one line of command output (or of an Automation failure message)
// that says WHY it failed, and the cause family it belongs to. Ranking beats tail: the message of a
// PowerShell error record, the last exception of a traceback, the msg of an Ansible failure and lines that
// name a known cause outrank generic error lines, which outrank the last line; the tail is the last resort.
// Pure and linear in the size of the text (every pattern is anchored or bounded; no backtracking blow-up).

/** What kind of cause a failure line names; the verdict's cause family. */
export type CauseFamily =
  | 'network'
  | 'package-repository'
  | 'package-manager'
  | 'permission'
  | 'credentials'
  | 'disk-space'
  | 'memory'
  | 'missing-dependency'
  | 'configuration'
  | 'service'
  | 'timeout'
  | 'script-error';

export const CAUSE_FAMILIES: readonly CauseFamily[] = [
  'network',
  'package-repository',
  'package-manager',
  'permission',
  'credentials',
  'disk-space',
  'memory',
  'missing-dependency',
  'configuration',
  'service',
  'timeout',
  'script-error',
];

/** The line that explains a failure. */
export interface DecisiveLine {
  /** The line as quoted (trimmed, capped). */
  line: string;
  family: CauseFamily;
  /** structured: a tool's own error shape; ranked: an error-bearing line; tail: nothing better existed. */
  how: 'structured' | 'ranked' | 'tail';
  /** Which text it came from. */
  source: 'stderr' | 'stdout' | 'message';
}

/** Longest quoted line. */
export const DECISIVE_LINE_MAX = 300;
/** Lines read per text (SSM keeps 24,000 characters; a line cap keeps the work bounded on odd inputs). */
const MAX_LINES = 4_000;
const MAX_LINE_CHARS = 2_000;

interface CausePattern {
  family: CauseFamily;
  weight: number;
  pattern: RegExp;
}

/**
 * Lines that name a cause, with the family they belong to. The weight orders causes that appear together:
 * a name-resolution failure explains the "Unable to locate package" that follows it, a repository with no
 * valid baseurl explains the mirror errors around it.
 */
const CAUSES: readonly CausePattern[] = [
  {
    family: 'disk-space',
    weight: 50,
    pattern:
      /No space left on device|ENOSPC|not enough space on the disk|Disk quota exceeded|insufficient (free )?disk space|not enough free (disk )?space|At least \d+\s?[KMG]i?B more space needed/i,
  },
  {
    family: 'memory',
    weight: 45,
    pattern:
      /Out of memory|OutOfMemory(Error|Exception)|\bMemoryError\b|Cannot allocate memory|ENOMEM|Killed process \d+|oom-kill|std::bad_alloc|heap out of memory|Insufficient memory/i,
  },
  {
    family: 'package-repository',
    weight: 45,
    pattern:
      /Cannot find a valid baseurl|No more mirrors to try|Cannot retrieve repository metadata|Failed to download metadata for repo|Errors during downloading metadata|Error: Failed to download packages|does not have a Release file|is not signed|NO_PUBKEY|GPG check FAILED|Public key for \S+ is not installed|repomd\.xml|Status code: 40[34] for https?:/i,
  },
  {
    family: 'credentials',
    weight: 42,
    pattern:
      /Unable to locate credentials|NoCredentialProviders|no EC2 IMDS role found|ExpiredToken|InvalidClientTokenId|SignatureDoesNotMatch|InvalidAccessKeyId|security token included in the request is (invalid|expired)|password authentication failed|Login failed for user|Authentication failed|authentication failure|Bad credentials|invalid username or password|401 Unauthorized|HTTP 401|Missing credentials|no basic auth credentials|authorization token has expired|The provided token is (invalid|expired)|\(Unauthorized\)|\bUnauthorized\b/i,
  },
  {
    family: 'network',
    weight: 40,
    pattern:
      /Could not resolve|Temporary failure (in name resolution|resolving)|Name or service not known|getaddrinfo|nodename nor servname|No such host is known|remote name could not be resolved|NameResolutionError|Failed to resolve|could not translate host name|Unknown host|UnknownHostException|no such host|NXDOMAIN|DNS resolution failed/i,
  },
  {
    family: 'network',
    weight: 40,
    pattern:
      /Connection refused|ECONNREFUSED|actively refused|Connection reset by peer|ECONNRESET|No route to host|Network is unreachable|EHOSTUNREACH|ENETUNREACH|Unable to connect to the remote server|Could not connect to the endpoint URL|EndpointConnectionError|Failed to connect to \S+ port|Could not connect to server|connection to server at .* failed|Can't connect to (MySQL|local MySQL) server|Connect(ion)? timed out|Connect timeout|ConnectTimeoutError|0x8024401[0-9A-F]|0x8024402[0-9A-F]|0x80072EE[2-7]|0x80072EFD|ETIMEDOUT|i\/o timeout|Read timed out|certificate verify failed|CERTIFICATE_VERIFY_FAILED|x509: certificate|SSL certificate problem|Could not establish trust relationship|unable to get local issuer certificate|Proxy Authentication Required|tunneling socket could not be established|Client\.Timeout exceeded|request canceled while waiting for connection/i,
  },
  {
    family: 'package-manager',
    weight: 38,
    pattern:
      /Could not get lock|dpkg frontend is locked|dpkg was interrupted|another process has acquired yum lock|Existing lock \/var\/run\/yum\.pid|Waiting for cache lock|rpmdb open failed|unmet dependencies|but it is not (going to be )?installable|Sub-process \/usr\/bin\/dpkg returned an error|conflicts with (file from )?package|Transaction check error|problem with installed package|externally-managed-environment|package was not found with the source/i,
  },
  {
    family: 'package-manager',
    weight: 30,
    pattern:
      /Unable to locate package|No package \S+ available|No match for argument|Unable to find a match|has no installation candidate|No candidate version available|Package '?\S+'? has no installation candidate|Could not find a version that satisfies the requirement|No matching distribution found|No package matching .{1,200}? is available/i,
  },
  {
    family: 'permission',
    weight: 36,
    pattern:
      /Access (is )?denied|AccessDenied|Access to the path .{0,300}? is denied|UnauthorizedOperation|not authorized to perform|is not authorized|Permission denied|EACCES|Operation not permitted|\bEPERM\b|requires elevation|run as (an )?Administrator|must be run as root|must be root|are you root|UnauthorizedAccessException|\bForbidden\b|403 Forbidden|insufficient privileges|running as Administrator|access is not allowed|is not allowed to/i,
  },
  {
    family: 'missing-dependency',
    weight: 34,
    pattern:
      /command not found|: not found$|is not recognized as (the name of a cmdlet|an internal or external command)|No such file or directory|ModuleNotFoundError|No module named|ImportError|Cannot find module|cannot open shared object file|error while loading shared libraries|executable file not found|Cannot find path|cannot find the (file|path) specified|Could not find file|ENOENT|FileNotFoundError|FileNotFoundException|DirectoryNotFoundException|Could not load file or assembly|Unit \S+ not found|not installed|No such command|no valid module file was found|Cannot find any service with service name/i,
  },
  {
    family: 'missing-dependency',
    weight: 28,
    pattern:
      /NoSuchBucket|NoSuchKey|NoSuchEntity|does not exist|was not found|\bnot found\b|\b404 Not Found|ERROR 404/i,
  },
  {
    family: 'configuration',
    weight: 22,
    pattern: /Configuration validation (first |second )?phase failed|config translation failed/i,
  },
  {
    family: 'configuration',
    weight: 32,
    pattern:
      /is undefined|UndefinedVariable|is not a valid attribute|Invalid Json input schema|Invalid (JSON|configuration|config)|JSONDecodeError|YAMLException|yaml\.(scanner|parser)|mapping values are not allowed|could not find expected ':'|Unknown (option|directive|parameter)|unrecognized (option|arguments?)|invalid option|AppSpec file|appspec\.ya?ml|InvalidParameterValue|ValidationException|ParameterNotFound|Parameter .* not found|is not a valid value|Invalid value/i,
  },
  {
    family: 'service',
    weight: 30,
    pattern:
      /Job for \S+ failed|Failed to start|failed to start|start request repeated too quickly|Main process exited|service .{0,80}? (has )?failed|Cannot start service|did not respond to the start or control request|Service '.{0,120}?' (cannot be started|failed)|Active: failed|entered failed state|The service cannot be started|cannot be started|could not be started|is dead|inactive \(dead\)|Is the docker daemon running|Cannot connect to the Docker daemon|EADDRINUSE|Address already in use/i,
  },
  {
    family: 'timeout',
    weight: 25,
    pattern: /timed out|timeout expired|deadline exceeded|took too long|Timeout waiting/i,
  },
  {
    family: 'script-error',
    weight: 20,
    pattern:
      /SyntaxError|syntax error|unbound variable|unexpected (token|EOF|end of file)|NullReferenceException|Object reference not set|TypeError|KeyError|IndexError|AttributeError|NameError|ValueError|ZeroDivisionError|NoMethodError|undefined method|panic:|Segmentation fault|core dumped|assertion failed|AssertionError/i,
  },
];

/** Lines that say a failure happened without saying why: quoted only when nothing better exists. */
const CONSEQUENCE =
  /exit(ed)? (with )?(code|status)|returned (a )?non-zero|non-zero (exit|return)|failed with exit code|returned exit code|process exited unsuccessfully|exited unsuccessfully|Script at specified location|script returned|return code|Stacktrace dumped|Running handlers complete|see .{0,80}? for (more )?details|A complete log of this run|retry, use: --limit|^PLAY RECAP|ok=\d+\s+changed=\d+|Errors were encountered while processing|Run 'apt-get -f install'|Please refer to Automation Service Troubleshooting Guide|The command returned|Error: Process completed|^Error: Nothing to do$/i;

/** Generic error-bearing words. */
const ERROR_START =
  /^(\[?(error|fatal|err|crit(ical)?|emerg)\]?\b|E: |E\d{4}|ERR!|FAILED\b|failed:|\w[\w.-]*: error:)/i;
const ERROR_WORD =
  /\b(error|errors|fatal|failed|failure|fails|exception|cannot|can't|unable to|could not|couldn't|denied|refused|not found|invalid|no such|aborting|aborted)\b/i;

/** Lines that are never the answer: separators, the agent's own exit line, stack frames, record metadata. */
const NOISE: readonly RegExp[] = [
  /^[-=_*#~.+\s]*$/,
  /^-+\s*(ERROR|OUTPUT)\s*-+$/i,
  /^failed to run commands: exit status/i,
  /^\+\s*(CategoryInfo|FullyQualifiedErrorId|PositionMessage|InvocationInfo)\s*:/i,
  /^At (line:\d+|\S.*:\d+) char:\d+/i,
  /^\+ /,
  /^\+$/,
  /^Traceback \(most recent call last\):/,
  /^File ".*", line \d+/,
  /^During handling of the above exception|^The above exception was the direct cause/,
  /^at [\w$.<>]+\(.*\)$/,
  /^at [\w.]+ in .*:line \d+$/,
  /^at (async )?[\w$.<>[\]]+ \(.*:\d+:\d+\)$/,
  /^\.\.\. \d+ more$/,
  /^\*{3,}/,
  /^(Reading package lists|Building dependency tree|Reading state information|Loaded plugins|Loading mirror speeds|Determining fastest mirrors)/i,
  /^(TASK|PLAY|RUNNING HANDLER) \[/,
];

/** Messages that only say "see the stderr": the Ansible/Chef wrapper gave up quoting the real error. */
const OPAQUE_MESSAGE =
  /^(non-zero return code|MODULE FAILURE|See stdout\/stderr for the exact error|failed|Failed)\.?$/;

const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;?]*[A-Za-z]`, 'g');

interface Line {
  text: string;
  /** Index in its own text. */
  index: number;
  source: DecisiveLine['source'];
  /** Position across all texts, to break ties by order. */
  order: number;
}

interface Candidate extends Line {
  score: number;
  family?: CauseFamily;
  structured: boolean;
}

/** Splits a text into trimmed lines, without colour codes; bounded. */
function linesOf(text: string, source: DecisiveLine['source'], orderBase: number): Line[] {
  const raw = text.replace(ANSI, '').split(/\r?\n|\r/, MAX_LINES);
  return raw.map((l, index) => ({
    text: l.length > MAX_LINE_CHARS ? l.slice(0, MAX_LINE_CHARS) : l.trim(),
    index,
    source,
    order: orderBase + index,
  }));
}

const isNoise = (text: string): boolean => text.length === 0 || NOISE.some((p) => p.test(text));

/** The known cause a text names, strongest first. */
export function causeOf(text: string): { family: CauseFamily; weight: number } | undefined {
  let best: { family: CauseFamily; weight: number } | undefined;
  for (const c of CAUSES) {
    if ((best === undefined || c.weight > best.weight) && c.pattern.test(text)) best = c;
  }
  return best;
}

/** The cause family of a text: a known cause, else a script error. */
export function classifyCause(text: string): CauseFamily {
  return causeOf(text)?.family ?? 'script-error';
}

/** `0 errors`, `no errors found`, `errors: 0`: a line about errors that says there were none. */
const NO_ERRORS =
  /\b(no|0|zero) (errors?|failures?)\b|\b(errors?|failures?|failed)[:=] ?0\b|without errors|\.\.\. ?(none|ok|done)$/i;
/** A log line's level: `2024-06-09 ERROR [main] …`, `[error]`, CloudWatch agent's `E!`. */
const ERROR_LEVEL = /\b(ERROR|FATAL|CRITICAL|SEVERE|EMERG)\b|\[(error|err|fatal|crit)\]|\sE! /;

function genericScore(text: string): number {
  if (CONSEQUENCE.test(text)) return 5;
  if (NO_ERRORS.test(text)) return 0;
  if (ERROR_START.test(text) || ERROR_LEVEL.test(text)) return 30;
  if (ERROR_WORD.test(text)) return 20;
  return 0;
}

function clipLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > DECISIVE_LINE_MAX ? `${flat.slice(0, DECISIVE_LINE_MAX - 1)}…` : flat;
}

// ------------------------------------------------------------------ tool shapes (structured candidates)

/** PowerShell error records: the message lines above `At …:N char:M` or `+ CategoryInfo`. */
function powerShellMessages(lines: readonly Line[]): Line[] {
  const out: Line[] = [];
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]?.text ?? '';
    const anchor = /^At (line:\d+|\S.*:\d+) char:\d+/i.test(text) || /^\+\s*CategoryInfo\s*:/i.test(text);
    if (!anchor) continue;
    // Walk up over the record's own lines to the message (it may wrap over a few lines).
    let j = i - 1;
    while (j >= 0 && /^\+|^At (line:\d+|\S.*:\d+) char:\d+/i.test(lines[j]?.text ?? '')) j--;
    const parts: Line[] = [];
    while (j >= 0 && parts.length < 3) {
      const l = lines[j];
      if (!l || l.text.length === 0 || /^\+\s*(FullyQualifiedErrorId|CategoryInfo)/i.test(l.text)) break;
      parts.unshift(l);
      j--;
    }
    const first = parts[0];
    if (!first) continue;
    if (out.some((o) => o.order === first.order)) continue;
    out.push({ ...first, text: parts.map((p) => p.text).join(' ') });
  }
  return out;
}

/** The exception that ended a Python traceback (the last one when exceptions are chained). */
function pythonExceptions(lines: readonly Line[]): Line[] {
  let lastTraceback = -1;
  for (let i = 0; i < lines.length; i++)
    if (lines[i]?.text.startsWith('Traceback (most recent call last):')) lastTraceback = i;
  if (lastTraceback < 0) return [];
  for (let i = lastTraceback + 1; i < lines.length; i++) {
    const l = lines[i];
    if (!l) continue;
    if (
      /^[A-Za-z_][\w.]*(Error|Exception|Exit|Interrupt|Warning|Fault|Failure)?(: .*)?$/.test(l.text) &&
      !/^File "/.test(l.text)
    ) {
      // Frame code lines are indented in the raw text; trimmed, they look like anything. A frame line
      // always follows a `File "…"` line, so skip lines right after one.
      const previous = lines[i - 1]?.text ?? '';
      if (/^File ".*", line \d+/.test(previous)) continue;
      if (/(Error|Exception|Exit|Interrupt|Fault|Failure|Warning)\b/.test(l.text) || l.text.includes(': ')) return [l];
    }
  }
  return [];
}

/** Java/.NET: the innermost `Caused by:` (the root cause), else the `Exception in thread` line. */
function jvmExceptions(lines: readonly Line[]): Line[] {
  const caused = lines.filter((l) => /^Caused by: /.test(l.text)).at(-1);
  if (caused) return [{ ...caused, text: caused.text.replace(/^Caused by: /, '') }];
  const thread = lines.find((l) => /^Exception in thread /.test(l.text));
  return thread ? [{ ...thread, text: thread.text.replace(/^Exception in thread "[^"]*" /, '') }] : [];
}

/** Ansible `FAILED! => {json}` and `ERROR! msg`: the msg, or the task's stderr when the msg says nothing. */
function ansibleMessages(lines: readonly Line[]): Line[] {
  const out: Line[] = [];
  for (const l of lines) {
    const error = /^ERROR! (.+)$/.exec(l.text);
    if (error?.[1]) {
      out.push({ ...l, text: error[1] });
      continue;
    }
    const at = l.text.indexOf('FAILED! => ');
    const failedItem = at < 0 ? /^failed: \[[^\]]*\].*? => /.exec(l.text) : null;
    const start = at >= 0 ? at + 'FAILED! => '.length : failedItem ? failedItem[0].length : -1;
    if (start < 0) continue;
    const body = parseJsonObject(l.text.slice(start));
    if (!body) continue;
    const msg = typeof body.msg === 'string' ? body.msg.trim() : '';
    const stderr = [body.stderr, body.module_stderr].find((s): s is string => typeof s === 'string' && s.trim() !== '');
    if ((msg === '' || OPAQUE_MESSAGE.test(msg)) && stderr) {
      const inner = decisiveLineOf([{ text: stderr, source: l.source }]);
      if (inner) {
        out.push({ ...l, text: inner.line });
        continue;
      }
    }
    if (msg) out.push({ ...l, text: msg.split('\n')[0] ?? msg });
  }
  return out;
}

function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Chef's error block: the exception class, a dashed rule, then the message. */
function chefMessages(lines: readonly Line[]): Line[] {
  const out: Line[] = [];
  for (let i = 0; i + 2 < lines.length; i++) {
    const cls = lines[i]?.text ?? '';
    if (!/^[A-Z][\w]*(::[A-Z]\w*)+$|^[A-Z]\w*(Error|Exception)$/.test(cls)) continue;
    if (!/^-{3,}$/.test(lines[i + 1]?.text ?? '')) continue;
    const message = lines.slice(i + 2, i + 6).find((l) => l.text.length > 0);
    if (message) out.push(message);
  }
  return out;
}

/** Salt state results: the Comment of a state whose Result is False. */
function saltComments(lines: readonly Line[]): Line[] {
  const out: Line[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^Result: False$/.test(lines[i]?.text ?? '')) continue;
    for (let j = i + 1; j < Math.min(lines.length, i + 4); j++) {
      const m = /^Comment: (.+)$/.exec(lines[j]?.text ?? '');
      const line = lines[j];
      if (m?.[1] && line) {
        out.push({ ...line, text: m[1] });
        break;
      }
    }
  }
  return out;
}

const STRUCTURED = [powerShellMessages, pythonExceptions, jvmExceptions, ansibleMessages, chefMessages, saltComments];

// ------------------------------------------------------------------ Automation failure messages

/**
 * Automation wraps the real error: `Step fails when it is Executing. Fail to execute step 'x'. Error message:
 * '…'. Please refer to Automation Service Troubleshooting Guide for more diagnosis details.` The wrapper
 * words go; the inner message becomes lines of its own.
 */
export function unwrapAutomationMessage(text: string): string {
  return text
    .replace(/Step fails when it is [^.\n]{0,120}\.\s*/g, '\n')
    .replace(/Fail(ed)? to execute step '?[\w-]{0,128}'?\.?\s*/g, '\n')
    .replace(/Please refer to Automation Service Troubleshooting Guide for more diagnosis details\.?/g, '\n')
    .replace(/\b(Error message|Reason|Error details?):\s*/g, '\n')
    .replace(/Output=\[/g, '\n')
    .replace(/\\n/g, '\n');
}

// ------------------------------------------------------------------ the extractor

export interface FailureText {
  text: string;
  source: DecisiveLine['source'];
}

function decisiveLineOf(texts: readonly FailureText[]): DecisiveLine | undefined {
  const all: Line[] = [];
  for (const t of texts) {
    const prepared = t.source === 'message' ? unwrapAutomationMessage(t.text) : t.text;
    all.push(...linesOf(prepared, t.source, all.length));
  }
  const candidates: Candidate[] = [];
  const bySource = new Map<DecisiveLine['source'], Line[]>();
  for (const l of all) bySource.set(l.source, [...(bySource.get(l.source) ?? []), l]);
  for (const lines of bySource.values()) {
    for (const shape of STRUCTURED) {
      for (const l of shape(lines)) {
        if (l.text.length === 0 || CONSEQUENCE.test(l.text)) continue;
        const cause = causeOf(l.text);
        candidates.push({
          ...l,
          structured: true,
          score: cause ? 100 + cause.weight + 20 : 110,
          family: cause?.family,
        });
      }
    }
  }
  for (const l of all) {
    if (isNoise(l.text)) continue;
    const cause = causeOf(l.text);
    const score = cause ? 100 + cause.weight : genericScore(l.text);
    if (score > 0) candidates.push({ ...l, structured: false, score, family: cause?.family });
  }
  const best = candidates.reduce<Candidate | undefined>((b, c) => {
    if (!b) return c;
    // stderr is where errors go: a small preference, never enough to beat a better line in stdout.
    const bonus = (x: Candidate) => x.score + (x.source === 'stderr' ? 1 : 0);
    if (bonus(c) !== bonus(b)) return bonus(c) > bonus(b) ? c : b;
    return c.order < b.order ? c : b;
  }, undefined);
  if (best && best.score > 5) {
    return {
      line: clipLine(best.text),
      family: best.family ?? 'script-error',
      how: best.structured ? 'structured' : 'ranked',
      source: best.source,
    };
  }
  // Last resort: the last meaningful line of the first text that has one (stderr before stdout).
  for (const t of texts) {
    const tail = all.filter((l) => l.source === t.source && !isNoise(l.text)).at(-1);
    if (tail) {
      const joined = texts.map((x) => x.text).join('\n');
      return { line: clipLine(tail.text), family: classifyCause(joined), how: 'tail', source: tail.source };
    }
  }
  return undefined;
}

/**
 * The decisive line of a failure's texts — stderr and stdout of a command, or an Automation failure
 * message — or undefined when they hold nothing but noise.
 */
export function decisiveLine(texts: readonly FailureText[]): DecisiveLine | undefined {
  return decisiveLineOf(texts.filter((t) => t.text.trim().length > 0));
}

/** The decisive line of a command's output (stderr first). */
export function decisiveCommandLine(output: { stderr?: string; stdout?: string }): DecisiveLine | undefined {
  return decisiveLine([
    { text: output.stderr ?? '', source: 'stderr' },
    { text: output.stdout ?? '', source: 'stdout' },
  ]);
}

/** The decisive line of an Automation failure message. */
export function decisiveMessageLine(message: string | undefined): DecisiveLine | undefined {
  return message ? decisiveLine([{ text: message, source: 'message' }]) : undefined;
}
