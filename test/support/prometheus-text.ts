/**
 * A strict reader of the Prometheus text exposition format (0.0.4), written apart from g2g's renderer so tests
 * check the wire text, not our own code: every line must be empty, a HELP, a TYPE, or a sample with a number.
 */
export interface ParsedMetrics {
  /** `name{a="x",b="y"}` (labels sorted) -> value. */
  samples: Map<string, number>;
  types: Map<string, string>;
  /** The value of one series; 0 when absent (a counter that never moved). */
  value(name: string, labels?: Record<string, string>): number;
  has(name: string, labels?: Record<string, string>): boolean;
}

const HELP = /^# HELP ([a-zA-Z_:][a-zA-Z0-9_:]*) .*$/;
const TYPE = /^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)$/;
// Values as Prometheus reads them (Go's ParseFloat: NaN and Inf in any case; prom-client writes `Nan`).
const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (-?[0-9.e+-]+|[Nn][Aa][Nn]|\+Inf|-Inf)$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(?:,|$)/y;

export function parsePrometheusText(text: string): ParsedMetrics {
  if (!text.endsWith('\n')) throw new Error('exposition text must end with a line feed');
  const samples = new Map<string, number>();
  const types = new Map<string, string>();
  for (const line of text.slice(0, -1).split('\n')) {
    // The format ignores empty lines (prom-client puts one between families).
    if (line === '' || HELP.test(line)) continue;
    const type = TYPE.exec(line);
    if (type !== null) {
      types.set(type[1] ?? '', type[2] ?? '');
      continue;
    }
    const sample = SAMPLE.exec(line);
    if (sample === null) throw new Error(`not a Prometheus text line: ${JSON.stringify(line)}`);
    const labels: Record<string, string> = {};
    const body = sample[2] ?? '';
    LABEL.lastIndex = 0;
    while (LABEL.lastIndex < body.length) {
      const m = LABEL.exec(body);
      if (m === null) throw new Error(`bad labels in ${JSON.stringify(line)}`);
      // One pass, so an escaped backslash followed by `n` is not read as a line feed.
      labels[m[1] ?? ''] = (m[2] ?? '').replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
    }
    const key = seriesKey(sample[1] ?? '', labels);
    if (samples.has(key)) throw new Error(`series ${key} appears twice`);
    samples.set(key, sample[3] === '+Inf' ? Infinity : sample[3] === '-Inf' ? -Infinity : /^nan$/i.test(sample[3] ?? '') ? Number.NaN : Number(sample[3]));
  }
  return {
    samples,
    types,
    value: (name, labels = {}) => samples.get(seriesKey(name, labels)) ?? 0,
    has: (name, labels = {}) => samples.has(seriesKey(name, labels)),
  };
}

function seriesKey(name: string, labels: Record<string, string>): string {
  const parts = Object.keys(labels)
    .sort()
    .map((k) => `${k}=${JSON.stringify(labels[k])}`);
  return `${name}{${parts.join(',')}}`;
}
