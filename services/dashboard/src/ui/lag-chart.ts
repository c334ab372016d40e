/// <reference lib="dom" />
/// <reference lib="dom.asynciterable" />
import { html } from 'htm/preact';
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { LagSample } from '../groups/group-lag';

const COLOURS = ['#2563eb', '#dc2626', '#16a34a', '#d97706', '#7c3aed', '#0891b2', '#db2777', '#65a30d', '#475569'];

/** Each group's total lag over the samples the dashboard keeps (uPlot: one series per group). */
export function LagChart({ history, groups }: { history: readonly LagSample[]; groups: readonly string[] }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const key = groups.join('|');

  useEffect(() => {
    if (!box.current) return;
    const options: uPlot.Options = {
      width: box.current.clientWidth || 600,
      height: 220,
      legend: { live: false },
      scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(5, max)] } },
      axes: [{}, { label: 'messages behind', size: 60 }],
      series: [
        {},
        ...groups.map((group, i) => ({
          label: group.replace(/^microbank\./, ''),
          stroke: COLOURS[i % COLOURS.length],
          width: 2,
        })),
      ],
    };
    chart.current = new uPlot(options, [[]], box.current);
    const resize = () => chart.current?.setSize({ width: box.current?.clientWidth ?? 600, height: 220 });
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.current?.destroy();
      chart.current = null;
    };
  }, [key]);

  useEffect(() => {
    const data: uPlot.AlignedData = [
      history.map((s) => s.at / 1000),
      ...groups.map((group) => history.map((s) => s.lag[group] ?? null)),
    ];
    chart.current?.setData(data);
  }, [history, key]);

  return html`<div class="lag-chart" ref=${box}></div>`;
}
