// Preloaded into a service with `--require` (through NODE_OPTIONS, which does not allow `--cpu-prof`): samples the
// main thread's CPU from start to stop and writes CPU.<pid>.cpuprofile to CPU_PROFILE_DIR. Written on SIGTERM, as
// the service starts draining, because Nest re-raises the signal after closing and no "exit" event follows.
const { mkdirSync, writeFileSync } = require('node:fs');
const { Session } = require('node:inspector');
const path = require('node:path');

const dir = process.env.CPU_PROFILE_DIR;
if (dir) {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 1000 }); // µs
  session.post('Profiler.start');
  let written = false;
  const write = () => {
    if (written) return;
    written = true;
    // the in-process session answers synchronously, so this completes inside a signal or exit handler
    session.post('Profiler.stop', (error, result) => {
      if (error) return;
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, `CPU.${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  };
  // once: the signal Nest re-raises after closing must find no listener of ours, or the process would not end
  process.once('SIGTERM', write);
  process.once('exit', write);
}
