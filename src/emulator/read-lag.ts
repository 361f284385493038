import type { EmulatorContext } from './context.js';

/** True while something written at `writtenAtMs` is still inside the read-after-write lag (context.ts `readLag`). */
export function isLagging(ctx: EmulatorContext, writtenAtMs: number): boolean {
  return ctx.readLag.ms > 0 && ctx.clock.now() - writtenAtMs < ctx.readLag.ms;
}
