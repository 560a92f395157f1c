/** What a script tried: `open-read`, `open-write`, `create`, `mkdir`, `unlink`, `rename`, ... */
export type FileOperation =
  | 'open-read' | 'open-write' | 'create' | 'mkdir' | 'rmdir' | 'unlink' | 'rename'
  | 'link' | 'symlink' | 'chmod' | 'chown' | 'truncate' | 'mknod';

/**
 * `refused`: the sandbox made the call fail (EACCES, EPERM, EROFS).
 * `hidden`: the path is a hidden secret: the script saw nothing (ENOENT) or an empty stand-in.
 * `discarded`: the write "worked" but landed in the throwaway home and is gone after the script.
 */
export type FileOutcome = 'refused' | 'hidden' | 'discarded';

/** One refused file access, as recorded in audit mode. */
export interface FileAccess {
  path: string;
  operation: FileOperation;
  outcome: FileOutcome;
  errno?: string;
  /** The new name, for rename and link. */
  target?: string;
}

/** The parts of a policy that tell a refused access from an allowed one. */
export interface AuditScope {
  cwd: string;
  home: string;
  allowWrite: string[];
  denyRead: string[];
}
