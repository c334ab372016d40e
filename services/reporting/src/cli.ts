import { runRebuildCli } from './rebuild/rebuild-cli';
import { runReconcileCli } from './reconcile/reconcile-cli';

const COMMANDS: Record<string, (args: string[]) => Promise<number>> = {
  rebuild: runRebuildCli,
  reconcile: runReconcileCli,
};

const [command = '', ...args] = process.argv.slice(2);
const run = COMMANDS[command];
if (!run) {
  process.stderr.write(`usage: pnpm reporting <${Object.keys(COMMANDS).join('|')}>\n`);
  process.exitCode = 2;
} else {
  run(args).then(
    (status) => (process.exitCode = status),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
