import { readFileSync } from 'node:fs';

/** The exact command that installs packages on this distribution. */
export function installCommand(pkgs: string[], isRoot = process.getuid?.() === 0): string {
  let id = '';
  try {
    const osr = readFileSync('/etc/os-release', 'utf8');
    id = `${/^ID=(.*)$/m.exec(osr)?.[1] ?? ''} ${/^ID_LIKE=(.*)$/m.exec(osr)?.[1] ?? ''}`.replace(/"/g, '');
  } catch {
    /* unknown distribution */
  }
  const sudo = isRoot ? '' : 'sudo ';
  const list = pkgs.join(' ');
  if (/fedora|rhel|centos/.test(id)) return `${sudo}dnf install -y ${list}`;
  if (/alpine/.test(id)) return `${sudo}apk add ${list}`;
  if (/arch/.test(id)) return `${sudo}pacman -S --noconfirm ${list}`;
  if (/suse/.test(id)) return `${sudo}zypper install -y ${list}`;
  return `${sudo}apt-get install -y ${list}`;
}
