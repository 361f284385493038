/**
 * A small Prometheus text-format (0.0.4) registry: counters and histograms kept in memory, gauges computed
 * at scrape time by the caller. Written here rather than pulling in a client library: g2g needs three metric
 * types, no default process metrics and no global registry (two g2g instances in one process must not share).
 * Format: https://prometheus.io/docs/instrumenting/exposition_formats/#text-based-format
 */

export type Labels = Readonly<Record<string, string>>;

export interface Sample {
  labels: Labels;
  value: number;
}

/** A gauge family read at scrape time (from the database): its samples are whatever the caller measured now. */
export interface GaugeFamily {
  name: string;
  help: string;
  samples: readonly Sample[];
}

export interface Counter {
  inc(labels?: Labels, by?: number): void;
}

export interface Histogram {
  observe(labels: Labels, value: number): void;
}

export interface MetricRegistry {
  /** `labelSets`: label combinations shown as 0 before anything happened (a finite set an alert may look for). */
  counter(name: string, help: string, labelSets?: readonly Labels[]): Counter;
  histogram(name: string, help: string, buckets: readonly number[]): Histogram;
  /** Every counter and histogram, then the given gauges, as Prometheus text. */
  render(gauges?: readonly GaugeFamily[]): string;
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

interface Family {
  name: string;
  help: string;
  type: 'counter' | 'histogram';
  lines(): string[];
}

export function createMetricRegistry(): MetricRegistry {
  const families: Family[] = [];
  const register = (family: Family) => {
    if (!NAME.test(family.name)) throw new Error(`invalid metric name ${family.name}`);
    if (families.some((f) => f.name === family.name)) throw new Error(`metric ${family.name} registered twice`);
    families.push(family);
  };

  return {
    counter(name, help, labelSets = []) {
      const values = new Map<string, { labels: Labels; value: number }>();
      const inc = (labels: Labels = {}, by = 1) => {
        const key = labelKey(labels);
        const entry = values.get(key) ?? { labels, value: 0 };
        entry.value += by;
        values.set(key, entry);
      };
      for (const labels of labelSets) inc(labels, 0);
      register({ name, help, type: 'counter', lines: () => [...values.values()].map((s) => sampleLine(name, s.labels, s.value)) });
      return { inc };
    },

    histogram(name, help, buckets) {
      const bounds = [...buckets].sort((a, b) => a - b);
      const series = new Map<string, { labels: Labels; counts: number[]; sum: number; count: number }>();
      register({
        name,
        help,
        type: 'histogram',
        lines: () =>
          [...series.values()].flatMap((s) => [
            ...bounds.map((le, i) => sampleLine(`${name}_bucket`, { ...s.labels, le: formatValue(le) }, s.counts[i] ?? 0)),
            sampleLine(`${name}_bucket`, { ...s.labels, le: '+Inf' }, s.count),
            sampleLine(`${name}_sum`, s.labels, s.sum),
            sampleLine(`${name}_count`, s.labels, s.count),
          ]),
      });
      return {
        observe(labels, value) {
          const key = labelKey(labels);
          const s = series.get(key) ?? { labels, counts: bounds.map(() => 0), sum: 0, count: 0 };
          // Buckets are cumulative: a value counts in every bucket whose bound it does not exceed.
          bounds.forEach((le, i) => {
            if (value <= le) s.counts[i] = (s.counts[i] ?? 0) + 1;
          });
          s.sum += value;
          s.count += 1;
          series.set(key, s);
        },
      };
    },

    render(gauges = []) {
      const out: string[] = [];
      for (const f of families) out.push(...header(f.name, f.help, f.type), ...f.lines());
      for (const g of gauges) {
        if (!NAME.test(g.name)) throw new Error(`invalid metric name ${g.name}`);
        out.push(...header(g.name, g.help, 'gauge'), ...g.samples.map((s) => sampleLine(g.name, s.labels, s.value)));
      }
      return `${out.join('\n')}\n`;
    },
  };
}

function header(name: string, help: string, type: string): string[] {
  return [`# HELP ${name} ${help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')}`, `# TYPE ${name} ${type}`];
}

function sampleLine(name: string, labels: Labels, value: number): string {
  const entries = Object.entries(labels);
  if (entries.length === 0) return `${name} ${formatValue(value)}`;
  const text = entries
    .map(([k, v]) => {
      if (!LABEL.test(k)) throw new Error(`invalid label name ${k}`);
      return `${k}="${escapeLabelValue(v)}"`;
    })
    .join(',');
  return `${name}{${text}} ${formatValue(value)}`;
}

/** Label values escape backslash, double quote and line feed (the exposition format's three). */
export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}

function labelKey(labels: Labels): string {
  return JSON.stringify(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
