/**
 * The emulator on its own process for bench/throughput.ts: prints its seed as one JSON line, then serves until
 * its stdin closes (the parent exited or is done) or it gets SIGTERM.
 */
import { startEmulator } from '../../src/emulator/index.js';

const emulator = await startEmulator({ port: 0, host: '127.0.0.1', license: 100_000, pagesTls: false, logLevel: 'silent', webhookRetryDelaysMs: [20, 50] });
process.stdout.write(`${JSON.stringify(emulator.seed)}\n`);
const stop = () => {
  void emulator.close().finally(() => process.exit(0));
};
process.stdin.on('end', stop);
process.stdin.resume();
process.on('SIGTERM', stop);
