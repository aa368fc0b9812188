/**
 * The report's bar charts drawn by Chart.js (as on the dashboard), as PNG data URLs: on an
 * OffscreenCanvas in the PDF worker, on a detached canvas on the page. Where neither exists the
 * report goes without pictures (its tables carry the same figures).
 */
import type { ReportModel } from '../../core/index.ts';
import { base64 } from './letters.ts';

type Surface = { canvas: HTMLCanvasElement | OffscreenCanvas; png: () => Promise<string> };

function surface(width: number, height: number): Surface | null {
  if (typeof OffscreenCanvas !== 'undefined') {
    const canvas = new OffscreenCanvas(width, height);
    return { canvas, png: async () => `data:image/png;base64,${base64(new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer()))}` };
  }
  if (typeof document !== 'undefined') {
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    return { canvas, png: async () => canvas.toDataURL('image/png') };
  }
  return null;
}

export async function chartImages(model: ReportModel): Promise<Record<number, string>> {
  const out: Record<number, string> = {};
  if (!model.sections.some((s) => s.bars && s.bars.values.length > 0)) return out;
  const { Chart, registerables } = await import('chart.js');
  Chart.register(...registerables);
  for (const [i, section] of model.sections.entries()) {
    if (!section.bars || section.bars.values.length === 0) continue;
    const s = surface(1000, 470);
    if (!s) break;
    // Chart.js draws on an OffscreenCanvas (its BasicPlatform) though its ChartItem type omits it.
    const chart = new Chart(s.canvas as HTMLCanvasElement, {
      type: 'bar',
      // Days as they are, amounts in euros; every chart carries its title.
      data: { labels: [...section.bars.labels], datasets: [{ label: section.bars.title ?? section.title, data: section.bars.values.map((v) => (section.bars?.unit === 'days' ? v : v / 100)), backgroundColor: '#0072B2' }] },
      options: { animation: false, responsive: false, devicePixelRatio: 1, indexAxis: 'y', plugins: { legend: { display: false }, title: { display: true, text: section.bars.title ?? section.title, font: { size: 18 } } } },
    });
    out[i] = await s.png();
    chart.destroy();
  }
  return out;
}
