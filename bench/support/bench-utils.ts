/** Small helpers every bench uses: the emulator's control plane, percentiles, rounding, sleeping. */

/** Calls the emulator's control plane (`/_emulator`): JSON in and out, an error naming the call on a non-2xx. */
export function emulatorControl(controlUrl: string): (method: string, p: string, body?: unknown) => Promise<unknown> {
  return async (method, p, body) => {
    const res = await fetch(`${controlUrl}${p}`, {
      method,
      ...(body !== undefined ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`emulator control ${method} ${p} answered ${res.status}: ${text}`);
    return text === '' ? undefined : (JSON.parse(text) as unknown);
  };
}

/** Nearest-rank percentile (`p` in 0..100); NaN for no values. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}

export function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
