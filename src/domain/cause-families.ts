// What each cause family means for a failed run, in the words of a colleague's write-up: a short headline word,
// what it usually means, and the first fixes to try. The checks quote the decisive line and add these.
import type { CauseFamily } from './decisive-line.ts';

export interface CauseFamilyText {
  /** Headline word(s): `Network`, `Disk full`, … */
  label: string;
  /** What the quoted line usually means. */
  meaning: string;
  /** The first fixes to try, most likely first. */
  fixes: string[];
}

export const CAUSE_FAMILY_TEXT: Record<CauseFamily, CauseFamilyText> = {
  network: {
    label: 'Network',
    meaning:
      'The node could not reach a host it needs (name resolution, a refused or timed-out connection, or TLS trust).',
    fixes: [
      'From the node, resolve and connect to the host in the quoted line (`getent hosts <host>`, `curl -v https://<host>` / `Test-NetConnection <host> -Port <port>`).',
      'Check the path: security group egress, NACLs, route table (NAT gateway or VPC endpoint), DNS resolver and any proxy settings the script needs.',
      'If a service refused the connection, check that it is running and listening on that address and port.',
    ],
  },
  'package-repository': {
    label: 'Package repository unreachable',
    meaning:
      'The package manager could not use a configured repository: its mirrors or metadata could not be downloaded, or its signing key is missing.',
    fixes: [
      'On the node run `sudo yum repolist -v` / `sudo dnf makecache` / `sudo apt-get update` and read which repository fails.',
      'Restore the path to the repository (NAT/proxy, S3 gateway endpoint for Amazon Linux repositories) or fix or disable the broken repository definition and its GPG key.',
    ],
  },
  'package-manager': {
    label: 'Package manager',
    meaning:
      'The package manager refused the operation: a package that is not available, a held lock, unmet dependencies or an interrupted earlier run.',
    fixes: [
      'Check the package name and version against the repositories the node has (`yum list <pkg>`, `apt-cache policy <pkg>`).',
      'If a lock is held, find the holder (`sudo lsof /var/lib/dpkg/lock-frontend`, `ps -C yum,dnf`) and schedule the association away from it; after an interrupted run, `sudo dpkg --configure -a`.',
    ],
  },
  permission: {
    label: 'Permission denied',
    meaning:
      'The script was refused access: by the operating system (file or service permissions, elevation) or by AWS (the instance profile or role lacks the action).',
    fixes: [
      'For an AWS API: add the action named in the quoted line to the instance profile (or the role the script uses), and check SCPs, bucket and key policies.',
      'For a file or service: the script runs as root / SYSTEM; check ownership, read-only or noexec mounts, SELinux/AppArmor, and Windows ACLs on the path.',
    ],
  },
  credentials: {
    label: 'Credentials',
    meaning: 'The script had no valid credentials for the service it called (missing, expired or wrong).',
    fixes: [
      'For AWS calls: make sure the node has an instance profile (or DHMC role) and the script does not override it with stale keys or a profile.',
      'For databases and registries: check the secret the script reads (Parameter Store / Secrets Manager) and that it was rotated everywhere.',
    ],
  },
  'disk-space': {
    label: 'Disk full',
    meaning: 'A filesystem on the node is full.',
    fixes: [
      'Find the full filesystem and what fills it: `df -h` and `sudo du -xh / | sort -h | tail` (Windows: `Get-PSDrive`).',
      'Free or grow it (log rotation, package caches, old releases, a larger EBS volume), then re-run.',
    ],
  },
  memory: {
    label: 'Out of memory',
    meaning: 'The script or the process it started ran out of memory.',
    fixes: [
      'Check `dmesg`/`journalctl -k` for the OOM killer, and the memory the job needs against what the instance has.',
      'Give the job more memory (instance size, JVM -Xmx) or make it stream instead of loading everything.',
    ],
  },
  'missing-dependency': {
    label: 'Missing dependency',
    meaning: 'Something the script needs is not on the node: a command, a module, a file, a service or a resource.',
    fixes: [
      'Install or create what the quoted line names (or fix its path / name); pin it in the image or in an earlier step of the document.',
      'Check that the script runs with the PATH and working directory it assumes (the agent runs it as root / SYSTEM from its orchestration folder).',
    ],
  },
  configuration: {
    label: 'Invalid configuration',
    meaning:
      'A configuration the run depends on is invalid or missing (a config file, a parameter, a template variable).',
    fixes: [
      'Fix the configuration named in the quoted line, then validate it before re-running.',
      'If it comes from Parameter Store or an association parameter, check the name and the value the node actually reads.',
    ],
  },
  service: {
    label: 'Service failed',
    meaning: 'A service the script starts or depends on did not start or is not running.',
    fixes: [
      "Read the service's own log: `systemctl status <unit>` and `journalctl -u <unit>` (Windows: the System event log).",
      'Look for a port already in use, a bad configuration or a dependency the service needs.',
    ],
  },
  timeout: {
    label: 'Timed out',
    meaning: 'A step waited longer than its timeout.',
    fixes: [
      'Find what it waited for in the quoted line (a resource state, a lock, a prompt) and fix that.',
      'If the work is legitimately slow, raise the timeout of that step.',
    ],
  },
  'script-error': {
    label: 'Script error',
    meaning: 'The script itself failed on the quoted line.',
    fixes: [
      'Fix the failing command or the node state it depends on; reproduce on the node as root (Linux) or Administrator (Windows) with the same parameters.',
    ],
  },
};
