import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { CONSOLE_CSS } from './console-layout.js';

// Copy buttons: progressive (the link stays readable and selectable without script).
const CONSOLE_JS = `document.addEventListener('click', async (event) => {
  const button = event.target instanceof Element ? event.target.closest('[data-copy]') : null;
  if (!button) return;
  const source = document.getElementById(button.getAttribute('data-copy'));
  if (!source) return;
  try {
    await navigator.clipboard.writeText(source.textContent.trim());
    button.textContent = 'Copied';
  } catch {
    const range = document.createRange();
    range.selectNodeContents(source);
    getSelection().removeAllRanges();
    getSelection().addRange(range);
    button.textContent = 'Selected: press Ctrl+C';
  }
});
`;

// Draws each capacity chart from its JSON data block with uPlot, sized to its box (and again on resize).
const CAPACITY_JS = `(() => {
  const charts = [];
  for (const box of document.querySelectorAll('.capacity-chart')) {
    const data = JSON.parse(document.getElementById(box.dataset.series).textContent);
    const width = () => Math.max(240, box.clientWidth);
    const plot = new uPlot({
      width: width(), height: 220,
      scales: { x: { time: true } },
      series: [{}, { label: 'Peak in progress', stroke: '#1a5fb4', width: 2 }, { label: 'Licence', stroke: '#a4161a', dash: [6, 4] }, { label: 'Deferred clicks', stroke: '#8a5a00', fill: 'rgba(138,90,0,.12)' }],
      axes: [{}, { label: 'meetings / clicks' }],
    }, [data.hours, data.peak, data.licensed, data.deferred], box);
    charts.push({ box, plot, width });
  }
  addEventListener('resize', () => { for (const c of charts) c.plot.setSize({ width: c.width(), height: 220 }); });
})();
`;

const require = createRequire(import.meta.url);
const uplotFile = (name: string) => readFileSync(require.resolve(`uplot/dist/${name}`), 'utf8');

/** Everything /console/assets serves: our own CSS and scripts, and uPlot from its npm package (read once). */
export function consoleAssets(): Map<string, { type: string; body: string }> {
  return new Map([
    ['console.css', { type: 'text/css; charset=utf-8', body: CONSOLE_CSS }],
    ['console.js', { type: 'text/javascript; charset=utf-8', body: CONSOLE_JS }],
    ['capacity-chart.js', { type: 'text/javascript; charset=utf-8', body: CAPACITY_JS }],
    ['uplot.js', { type: 'text/javascript; charset=utf-8', body: uplotFile('uPlot.iife.min.js') }],
    ['uplot.css', { type: 'text/css; charset=utf-8', body: uplotFile('uPlot.min.css') }],
  ]);
}
