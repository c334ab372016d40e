import path from 'node:path';
import type { ProfileName } from './stack-config';

/** Where one profile keeps its data, generated config, PID files and logs, under the stack dir. */
export class StackLayout {
  readonly home: string;

  constructor(stackDir: string, profile: ProfileName) {
    // one folder per profile, so switching profiles never mixes cluster metadata
    this.home = path.join(stackDir, profile);
  }

  get dataDir(): string {
    return path.join(this.home, 'data');
  }

  get confDir(): string {
    return path.join(this.home, 'conf');
  }

  get runDir(): string {
    return path.join(this.home, 'run');
  }

  get logDir(): string {
    return path.join(this.home, 'logs');
  }
}
